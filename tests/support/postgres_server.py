"""A real, throwaway PostgreSQL server on loopback, for the tests.

    with PostgresServer() as server:
        url = server.create_database("t_orders")  # a fresh, empty database
        engine = sqlalchemy.create_engine(url)

The server gets its own data directory in a temporary directory, listens on 127.0.0.1 only
(on a free port) with trust authentication, and runs without fsync. ``stop()`` kills it and
removes everything. It needs the server binaries of the Debian package ``postgresql``
(``initdb`` and ``pg_ctl``; ``tools/bootstrap.sh tests`` installs them). PostgreSQL refuses
to run as root, so as root the server runs as the ``postgres`` system user.

``python -m tests.support.postgres_server`` starts one, prints its URL and waits for Ctrl-C.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Self

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

__all__ = ["PostgresServer", "find_server_binaries"]

HOST = "127.0.0.1"
START_TIMEOUT = 30.0
_SERVER_SYSTEM_USER = "postgres"  # created by the Debian package; used when we are root
_DB_NAME = re.compile(r"[A-Za-z0-9_]{1,63}")
_NOT_FOUND = "PostgreSQL server binaries not found: install the Debian package postgresql"


def find_server_binaries() -> Path:
    """The directory holding ``initdb`` and ``pg_ctl``: the newest under
    /usr/lib/postgresql/*/bin, else the one on PATH."""
    versions: list[tuple[tuple[int, ...], Path]] = []
    for bindir in Path("/usr/lib/postgresql").glob("*/bin"):
        try:
            version = tuple(int(part) for part in bindir.parent.name.split("."))
        except ValueError:
            continue
        if (bindir / "initdb").is_file() and (bindir / "pg_ctl").is_file():
            versions.append((version, bindir))
    if versions:
        return max(versions)[1]
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is not None:
        bindir = Path(pg_ctl).resolve().parent
        if (bindir / "initdb").is_file():
            return bindir
    raise RuntimeError(_NOT_FOUND)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _conf_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


class PostgresServer:
    """One throwaway PostgreSQL server. ``url`` is the SQLAlchemy URL of its default
    database; ``create_database()`` makes more (one per test keeps tests apart)."""

    def __init__(
        self, *, user: str = "postgres", database: str = "test", timeout: float = START_TIMEOUT
    ) -> None:
        if not _DB_NAME.fullmatch(database):
            raise ValueError(f"bad database name {database!r}: use letters, digits and _")
        self.host = HOST
        self.port = 0  # set by start(); kept after stop() so callers can check it is closed
        self.user = user
        self.database = database
        self.timeout = timeout
        self._tmp: Path | None = None
        self._bindir = Path()
        self._run_as: list[str] = []

    # --- public API ---------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._tmp is not None and self.port != 0

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the default database: postgresql+psycopg://USER@HOST:PORT/DB."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        if not self.running:
            raise RuntimeError("the PostgreSQL test server is not running")
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def start(self) -> None:
        if self._tmp is not None:
            raise RuntimeError("the PostgreSQL test server is already started")
        self._bindir = find_server_binaries()
        self.port = 0
        self._run_as = self._server_user_prefix()
        tmp = Path(tempfile.mkdtemp(prefix="console-pg-"))
        self._tmp = tmp
        try:
            self._init_cluster(tmp)
            self._start_server(tmp)
            self.create_database(self.database)
        except BaseException:
            self.stop()
            raise
        atexit.register(self.stop)

    def stop(self) -> None:
        """Kill the server (immediate shutdown) and remove its files. Safe to call twice."""
        tmp = self._tmp
        if tmp is None:
            return
        atexit.unregister(self.stop)
        try:
            data = tmp / "data"
            pid_file = data / "postmaster.pid"
            if pid_file.exists():
                result = self._run(
                    ["pg_ctl", "stop", "-D", str(data), "-m", "immediate", "-w", "-t", "30"],
                    check=False,
                )
                if result.returncode != 0:
                    self._kill_postmaster(pid_file)
        finally:
            self._tmp = None
            shutil.rmtree(tmp, ignore_errors=True)

    def create_database(self, name: str) -> str:
        """Create an empty database NAME (dropping any old one) and return its URL."""
        if not _DB_NAME.fullmatch(name):
            raise ValueError(f"bad database name {name!r}: use letters, digits and _ (max 63)")
        with self.connect("postgres") as conn:
            ident = sql.Identifier(name)
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(ident))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(ident))
        return self.url_for(name)

    def connect(self, database: str | None = None) -> psycopg.Connection[TupleRow]:
        """A plain psycopg connection (autocommit) to DATABASE, default the server's own."""
        if not self.running:
            raise RuntimeError("the PostgreSQL test server is not running")
        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname=database or self.database,
            autocommit=True,
            connect_timeout=10,
        )

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- internals ----------------------------------------------------------------------

    def _server_user_prefix(self) -> list[str]:
        """PostgreSQL will not run as root: as root, run its programs as user postgres."""
        if os.geteuid() != 0:
            return []
        try:
            pwd.getpwnam(_SERVER_SYSTEM_USER)
        except KeyError:
            raise RuntimeError(
                "running as root, the PostgreSQL test server must run as the system user "
                f"{_SERVER_SYSTEM_USER!r}, which does not exist: install the Debian package "
                "postgresql"
            ) from None
        runuser = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")
        if runuser is None:
            raise RuntimeError("running as root, runuser is needed: install util-linux")
        return [runuser, "-u", _SERVER_SYSTEM_USER, "--"]

    def _run(self, argv: list[str], *, check: bool = True) -> subprocess.CompletedProcess[str]:
        program = str(self._bindir / argv[0])
        env = {**os.environ, "LC_ALL": "C"}
        result = subprocess.run(
            [*self._run_as, program, *argv[1:]],
            cwd=self._tmp,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=self.timeout + 30,
            check=False,
        )
        if check and result.returncode != 0:
            raise RuntimeError(
                f"{argv[0]} failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"
            )
        return result

    def _init_cluster(self, tmp: Path) -> None:
        socket_dir = tmp / "socket"
        socket_dir.mkdir()
        if self._run_as:
            server_user = pwd.getpwnam(_SERVER_SYSTEM_USER)
            for path in (tmp, socket_dir):
                os.chown(path, server_user.pw_uid, server_user.pw_gid)
        data = tmp / "data"
        self._run(
            [
                "initdb",
                "-D",
                str(data),
                "-U",
                self.user,
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        # Appended settings win over initdb's. Written as root they keep initdb's owner.
        with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
            conf.write(
                "\n# throwaway test server (tests/support/postgres_server.py)\n"
                f"listen_addresses = {_conf_string(HOST)}\n"
                f"unix_socket_directories = {_conf_string(str(socket_dir))}\n"
                "fsync = off\n"
                "synchronous_commit = off\n"
                "full_page_writes = off\n"
            )
        (data / "pg_hba.conf").write_text(
            "# throwaway test server on loopback only\n"
            "local all all trust\n"
            f"host all all {HOST}/32 trust\n",
            encoding="utf-8",
        )

    def _start_server(self, tmp: Path) -> None:
        log = tmp / "server.log"
        deadline = time.monotonic() + self.timeout
        for attempt in range(3):
            port = _free_port()
            log_start = log.stat().st_size if log.exists() else 0
            result = self._run(
                [
                    "pg_ctl",
                    "start",
                    "-D",
                    str(tmp / "data"),
                    "-l",
                    str(log),
                    "-w",
                    "-t",
                    str(max(1, int(self.timeout))),
                    "-o",
                    f"-p {port}",
                ],
                check=False,
            )
            if result.returncode == 0:
                self.port = port
                break
            new_log = self._log_tail(since=log_start)
            if "already in use" in new_log and attempt < 2:
                continue  # another process took the free port meanwhile: try another
            raise RuntimeError(
                f"the PostgreSQL test server did not start (pg_ctl exit {result.returncode}):\n"
                f"{result.stdout}{result.stderr}\n--- server log ---\n{new_log}"
            )
        self._wait_until_accepting(deadline)

    def _wait_until_accepting(self, deadline: float) -> None:
        last_error = ""
        while True:
            try:
                with self.connect("postgres") as conn:
                    conn.execute("select 1")
                return
            except psycopg.OperationalError as exc:
                last_error = str(exc).strip()
            if time.monotonic() >= deadline:
                raise RuntimeError(
                    f"the PostgreSQL test server on {self.host}:{self.port} does not accept "
                    f"connections after {self.timeout:.0f} s ({last_error})\n"
                    f"--- server log ---\n{self._log_tail()}"
                )
            time.sleep(0.1)

    def _log_tail(self, *, since: int = 0, lines: int = 30) -> str:
        if self._tmp is None:
            return ""
        try:
            with (self._tmp / "server.log").open("rb") as log:
                log.seek(since)
                text = log.read().decode("utf-8", errors="replace")
        except OSError:
            return "(no server log)"
        return "\n".join(text.splitlines()[-lines:])

    @staticmethod
    def _kill_postmaster(pid_file: Path) -> None:
        """Last resort when pg_ctl could not stop it: SIGQUIT is an immediate shutdown."""
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int(pid_file.read_text(encoding="utf-8").splitlines()[0])
            os.kill(pid, signal.SIGQUIT)
            for _ in range(100):
                os.kill(pid, 0)  # raises once it is gone
                time.sleep(0.1)
            os.kill(pid, signal.SIGKILL)


def main() -> None:
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with PostgresServer() as server:
        print(server.url, flush=True)
        print(
            f"psql: psql -h {server.host} -p {server.port} -U {server.user} {server.database}"
            "   (Ctrl-C stops the server)",
            flush=True,
        )
        with contextlib.suppress(KeyboardInterrupt):
            while True:
                signal.pause()


if __name__ == "__main__":
    main()
