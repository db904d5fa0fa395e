"""The installer's path, as separate processes: `main.py server init` (SQLite, or PostgreSQL
with the owner and runtime roles), `server terminal-add` (prints the one-time code),
`server run`, `main.py enroll` on the terminal, then a login over mutual TLS."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.codes import Reason
from console.identity import LOOPBACK, StaticIdentity
from console.remote.auth import RemoteAuth
from console.remote.client import CentreClient
from console.remote.terminal_files import TerminalFiles

ROOT = Path(__file__).resolve().parents[1]
NEW_PASSWORD = "Centre#Admin2026"


def _main(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=ROOT,
                          input=stdin, capture_output=True, text=True, timeout=180,
                          check=False)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    processes: list[subprocess.Popen[bytes]] = []
    yield processes
    for process in processes:
        process.terminate()
        process.wait(30)


def _run_server(data: Path, tmp_path: Path, served: list[subprocess.Popen[bytes]]) -> str:
    ready = tmp_path / "ready.json"
    log = (tmp_path / "server.log").open("wb")
    process = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "server", "run",
                                "--data-dir", str(data), "--listen", "127.0.0.1:0",
                                "--ready-file", str(ready)], cwd=ROOT, stdout=log,
                               stderr=subprocess.STDOUT)
    served.append(process)
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert process.poll() is None, (tmp_path / "server.log").read_text()
        assert time.monotonic() < deadline
        time.sleep(0.1)
    return str(json.loads(ready.read_text())["url"])


def _install(database_url: str, tmp_path: Path, served: list[subprocess.Popen[bytes]]
             ) -> tuple[str, str, Path]:
    data = tmp_path / "centre"
    init = _main("server", "init", "--database-url", database_url, "--data-dir", str(data),
                 "--name", "127.0.0.1", "--admin", "chief", "--admin-name", "陈主任",
                 "--unit", "CENTRE")
    assert init.returncode == 0, init.stderr
    password = re.search(r"one-time password: (\S+)", init.stdout)
    assert password is not None, init.stdout
    assert oct(os.stat(data).st_mode & 0o777) == "0o700"
    for name in ("ca.key", "server.key", "audit-signing.key"):
        assert (data / name).stat().st_mode & 0o077 == 0, name
    added = _main("server", "terminal-add", "T-1", "--data-dir", str(data), "--unit", "CENTRE",
                  "--ip", "127.0.0.1", "--mac", LOOPBACK.mac, "--bind", "chief")
    assert added.returncode == 0, added.stderr
    code = re.search(r"once\): (\S+)", added.stdout)
    assert code is not None, added.stdout
    url = _run_server(data, tmp_path, served)
    return url, code.group(1), Path(password.group(1))


def _enrol_and_log_in(url: str, code: str, first_password: str, tmp_path: Path) -> None:
    terminal = tmp_path / "terminal"
    enrolled = _main("enroll", url, code, "--terminal-dir", str(terminal))
    assert enrolled.returncode == 0, enrolled.stderr
    assert "is now terminal T-1" in enrolled.stdout
    again = _main("enroll", url, code, "--terminal-dir", str(tmp_path / "again"))
    assert again.returncode == 1 and "ENROLMENT_CODE_INVALID" in again.stderr   # spent
    files = TerminalFiles(terminal)
    client = CentreClient(url, mac=LOOPBACK.mac, cert=(files.cert, files.key), ca=files.ca)
    auth = RemoteAuth(client, StaticIdentity(LOOPBACK.ip, LOOPBACK.mac))
    first = auth.login("chief", first_password)
    assert not first.ok and first.reason == Reason.PASSWORD_CHANGE_REQUIRED
    assert auth.login("chief", first_password, NEW_PASSWORD).ok
    client.close()


def test_a_centre_on_sqlite_from_init_to_a_login(tmp_path: Path, served) -> None:
    url, code, password = _install(f"sqlite:///{tmp_path / 'centre.db'}", tmp_path, served)
    _enrol_and_log_in(url, code, str(password), tmp_path)


@pytest.mark.postgres
def test_a_centre_on_postgresql_runs_as_its_runtime_role(
        tmp_path: Path, served, postgres_server) -> None:
    admin_url = postgres_server.create_database(f"cli_{os.getpid()}")
    url, code, password = _install(admin_url.replace("+psycopg", ""), tmp_path, served)
    _enrol_and_log_in(url, code, str(password), tmp_path)
    config = (tmp_path / "centre" / "server.toml").read_text()
    database = admin_url.rsplit("/", 1)[1]
    assert f"{database}_runtime@" in config and f"{database}_owner@" in config
    secrets = json.loads((tmp_path / "centre" / "secrets.json").read_text())
    assert len([k for k in secrets if k.startswith("db:")]) == 2
    # the runtime role the server runs as cannot rewrite the usage register
    import psycopg

    with psycopg.connect(host=postgres_server.host, port=postgres_server.port,
                         dbname=database, user=f"{database}_runtime") as conn, \
            pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("DELETE FROM audit_records")
    migrated = _main("server", "migrate", "--data-dir", str(tmp_path / "centre"))
    assert migrated.returncode == 0, migrated.stderr


def test_server_commands_refuse_bad_input_in_one_line_and_write_nothing(tmp_path: Path) -> None:
    data = tmp_path / "centre"
    init = _main("server", "init", "--database-url", f"sqlite:///{tmp_path / 'c.db'}",
                 "--data-dir", str(data), "--name", "127.0.0.1")
    assert init.returncode == 0, init.stderr
    again = _main("server", "init", "--database-url", f"sqlite:///{tmp_path / 'c.db'}",
                  "--data-dir", str(data))
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert "initialised already" in again.stderr
    for args, message in [
        (["--unit", "NOPE", "--ip", "127.0.0.1", "--mac", LOOPBACK.mac], "unit"),
        (["--unit", "CENTRE", "--ip", "not-an-ip", "--mac", LOOPBACK.mac], "IP address"),
        (["--unit", "CENTRE", "--ip", "127.0.0.1", "--mac", "zz"], "MAC address"),
        (["--unit", "CENTRE", "--ip", "127.0.0.1", "--mac", LOOPBACK.mac, "--bind", "ghost"],
         "no user 'ghost'"),
    ]:
        run = _main("server", "terminal-add", "T-9", "--data-dir", str(data), *args)
        assert run.returncode == 1, (args, run.stderr)
        assert run.stderr.startswith("error: ") and run.stderr.count("\n") == 1, run.stderr
        assert message in run.stderr, run.stderr
    listed = _main("server", "enrol-code", "T-9", "--data-dir", str(data))
    assert listed.returncode == 1 and "T-9" in listed.stderr     # none was registered
