"""The installer's command line: every action works, is audited, and bad input gets one
line naming the field, a non-zero exit and no half-written data."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.cli.parser import build_parser
from console.storage.database import Database
from console.storage.models import AuditRecord, Terminal, TerminalBinding, Unit, User
from main import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def url(db: Database) -> str:
    return db.url.render_as_string(hide_password=False)


def run(url: str, *args: str, stdin: str | None = None, capsys=None, monkeypatch=None) -> int:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main([*args, "--database-url", url])


def _counts(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Unit, User, Terminal, TerminalBinding)}


def _seed(url: str) -> None:
    assert run(url, "admin", "unit-add", "CENTRE", "市城运中心") == 0
    assert run(url, "admin", "unit-add", "PSB", "公安分局", "--parent", "CENTRE") == 0
    assert run(url, "admin", "terminal-add", "T-0042", "--unit", "CENTRE", "--ip", "10.0.0.42",
               "--mac", "00-1A-2B-3C-4D-42", "--location", "指挥大厅") == 0
    assert run(url, "admin", "user-add", "zhangsan", "--name", "张三", "--unit", "PSB",
               "--role", "duty_officer") == 0
    assert run(url, "admin", "bind", "zhangsan", "T-0042") == 0


def test_full_installer_flow_is_audited(db: Database, url: str, capsys) -> None:
    _seed(url)
    out = capsys.readouterr().out
    assert "one-time password: " in out
    assert "registered as 10.0.0.42 / 00:1a:2b:3c:4d:42" in out  # MAC normalised
    assert run(url, "admin", "user-disable", "zhangsan") == 0
    assert run(url, "admin", "user-enable", "zhangsan") == 0
    assert run(url, "admin", "password-reset", "zhangsan") == 0
    assert run(url, "admin", "unbind", "zhangsan", "T-0042") == 0
    assert run(url, "admin", "policy", "set", "idle_lock_minutes", "5") == 0
    assert "idle_lock_minutes = 5 minutes" in capsys.readouterr().out
    with db.transaction() as s:
        actions = [r.action for r in s.execute(select(AuditRecord)).scalars()]
        actor = s.execute(select(AuditRecord.actor).limit(1)).scalar_one()
    assert actions == ["UNIT_CREATE", "UNIT_CREATE", "TERMINAL_CREATE", "USER_CREATE", "BIND",
                       "USER_DISABLE", "USER_ENABLE", "PASSWORD_RESET", "UNBIND", "POLICY_SET"]
    assert actor.startswith("cli:")
    assert run(url, "admin", "list", "users") == 0
    assert "zhangsan\t张三\tPSB\tduty_officer\tactive\t-" in capsys.readouterr().out


def test_password_stdin(db: Database, url: str, capsys, monkeypatch) -> None:
    _seed(url)
    capsys.readouterr()
    monkeypatch.setattr(sys, "stdin", io.StringIO("Strong#Pass2026\n"))
    assert run(url, "admin", "password-reset", "zhangsan", "--password-stdin") == 0
    assert "one-time password" not in capsys.readouterr().out
    monkeypatch.setattr(sys, "stdin", io.StringIO("weak\n"))
    assert run(url, "admin", "password-reset", "zhangsan", "--password-stdin") == 1
    assert capsys.readouterr().err.startswith("error: password: too weak")


BAD_INPUT = [
    # (args, field named in the error, exit code)
    (["admin", "unit-add", "CENTRE", "重复"], "unit: code 'CENTRE' already exists", 1),
    (["admin", "unit-add", "BAD CODE", "x"], "unit: code 'BAD CODE'", 1),
    (["admin", "unit-add", "NEW", "x", "--parent", "NOPE"], "unit: unknown unit 'NOPE'", 1),
    (["admin", "user-add", "lisi", "--name", "李四", "--unit", "NOPE", "--role",
      "duty_officer"], "unit: unknown unit 'NOPE'", 1),
    (["admin", "user-add", "zhangsan", "--name", "张三", "--unit", "CENTRE", "--role",
      "duty_officer"], "account: 'zhangsan' already exists", 1),
    (["admin", "user-add", "x", "--name", "张三", "--unit", "CENTRE", "--role",
      "duty_officer"], "account: 'x' must be 3–64", 1),
    (["admin", "user-add", "lisi", "--name", " ", "--unit", "CENTRE", "--role",
      "duty_officer"], "real_name: must not be empty", 1),
    (["admin", "user-add", "lisi", "--name", "李四", "--unit", "CENTRE", "--role", "boss"],
     "argument --role: invalid choice: 'boss'", 2),
    (["admin", "terminal-add", "T-9", "--unit", "CENTRE", "--ip", "10.0.0.300", "--mac",
      "00:1a:2b:3c:4d:09"], "ip: IP address '10.0.0.300' is not a valid", 1),
    (["admin", "terminal-add", "T-9", "--unit", "CENTRE", "--ip", "10.0.0.9", "--mac",
      "00:1a:2b:3c:4d"], "mac: MAC address '00:1a:2b:3c:4d' is not six hex pairs", 1),
    (["admin", "terminal-add", "T-9", "--unit", "CENTRE", "--ip", "10.0.0.42", "--mac",
      "00:1a:2b:3c:4d:42"], "ip/mac: 10.0.0.42 / 00:1a:2b:3c:4d:42 is already registered", 1),
    (["admin", "terminal-add", "T-0042", "--unit", "CENTRE", "--ip", "10.0.0.9", "--mac",
      "00:1a:2b:3c:4d:09"], "name: terminal 'T-0042' already exists", 1),
    (["admin", "terminal-add", "T-9", "--unit", "CENTRE", "--ip", "10.0.0.9"],
     "--ip and --mac are required", 2),
    (["admin", "bind", "zhangsan", "T-0042"], "terminal: zhangsan is already bound", 1),
    (["admin", "bind", "nobody", "T-0042"], "account: unknown account 'nobody'", 1),
    (["admin", "bind", "zhangsan", "T-NOPE"], "terminal: unknown terminal 'T-NOPE'", 1),
    (["admin", "unbind", "zhangsan", "T-0042"], None, 0),
    (["admin", "user-disable", "nobody"], "account: unknown account 'nobody'", 1),
    (["admin", "policy", "set", "lockout_threshold", "1"],
     "lockout_threshold: policy lockout_threshold=1 is outside 3..20", 1),
    (["admin", "policy", "set", "lockout_threshold", "many"], "must be a whole number", 1),
    (["admin", "policy", "set", "heartbeat_seconds", "20"],
     "session_stale_seconds must be at least 3 × heartbeat_seconds", 1),
    (["admin", "frobnicate"], "invalid choice: 'frobnicate'", 2),
]


@pytest.mark.parametrize(("args", "message", "code"), BAD_INPUT,
                         ids=[" ".join(a[1:3]) + f"-{i}" for i, (a, _, _) in enumerate(BAD_INPUT)])
def test_bad_input_one_line_nonzero_nothing_written(db: Database, url: str, capsys, args,
                                                    message, code) -> None:
    assert run(url, "admin", "unit-add", "CENTRE", "市城运中心") == 0
    assert run(url, "admin", "terminal-add", "T-0042", "--unit", "CENTRE", "--ip", "10.0.0.42",
               "--mac", "00:1a:2b:3c:4d:42") == 0
    assert run(url, "admin", "user-add", "zhangsan", "--name", "张三", "--unit", "CENTRE",
               "--role", "duty_officer") == 0
    assert run(url, "admin", "bind", "zhangsan", "T-0042") == 0
    capsys.readouterr()
    before = _counts(db)
    assert run(url, *args) == code
    err = capsys.readouterr().err
    if message is None:
        return
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert message in lines[0]
    assert _counts(db) == before  # nothing half-written
    if code == 1:  # a refused command is audited as refused
        with db.transaction() as s:
            last = s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc())
                             .limit(1)).scalar_one()
        assert last.outcome == "denied"


def test_every_subcommand_has_help(capsys) -> None:
    subcommands = [[], ["admin"], ["audit"], ["secret"], ["admin", "policy"]]
    subcommands += [["admin", a] for a in (
        "unit-add", "user-add", "terminal-add", "bind", "unbind", "user-disable", "user-enable",
        "password-reset", "terminal-id", "list", "migrate")]
    subcommands += [["admin", "policy", "show"], ["admin", "policy", "set"],
                    ["audit", "verify"], ["audit", "show"], ["secret", "set-db-password"]]
    for words in subcommands:
        with pytest.raises(SystemExit) as exit_info:
            build_parser().parse_args([*words, "--help"])
        assert exit_info.value.code == 0, words
        out = capsys.readouterr().out
        assert out.startswith(f"usage: main.py {' '.join(words)}".rstrip()), words
    # and the real program, as a user types it
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and "admin" in result.stdout


def test_version() -> None:
    result = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stdout.strip().startswith("main.py 0.")


def test_unreachable_database_is_one_line(capsys) -> None:
    code = main(["audit", "verify", "--database-url",
                 "postgresql://console@127.0.0.1:1/none"])
    err = capsys.readouterr().err.strip()
    assert code == 1
    assert err.startswith("error: database postgresql+psycopg://console@127.0.0.1:1/none "
                          "unreachable")
    assert "\n" not in err


def test_password_in_database_url_is_refused(capsys) -> None:
    code = main(["admin", "list", "users", "--database-url",
                 "postgresql://console:hunter2@db.example/none"])
    err = capsys.readouterr().err
    assert code == 2
    assert "hunter2" not in err
    assert "contains a password" in err


def test_verify_on_an_empty_database_says_so(tmp_path: Path, capsys) -> None:
    code = main(["audit", "verify", "--database-url", f"sqlite:///{tmp_path / 'empty.db'}"])
    err = capsys.readouterr().err
    assert code == 1
    assert "holds no console data" in err and err.count("\n") == 1
