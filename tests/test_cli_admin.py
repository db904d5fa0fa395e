"""``main.py admin …`` through the centre: every action works with an administrator's own
login, is registered under that person; a command without an administrator's login is
refused (and registered when the centre knows who asked); bad input gets one line naming
the field, a non-zero exit and no half-written data."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

import console
from console.cli.commands import CliEnv, run_command
from console.cli.parser import build_parser
from console.cli.session import CentreLink
from console.config import TerminalConfig
from console.identity import LOOPBACK, StaticIdentity
from console.storage.database import Database
from console.storage.models import AuditRecord, Terminal, TerminalBinding, Unit, User
from main import main
from tests.conftest import INSTALLER, PASSWORD, World
from tests.support.cli import ADMINISTRATOR, CLI_TERMINAL, CentreCli

ROOT = Path(__file__).resolve().parents[1]
ADMIN_ACTIONS = ("UNIT_CREATE", "USER_CREATE", "TERMINAL_CREATE", "TERMINAL_ENROL_CODE",
                 "TERMINAL_REVOKE", "BIND", "UNBIND", "USER_DISABLE", "USER_ENABLE",
                 "PASSWORD_RESET", "POLICY_SET")


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def _counts(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Unit, User, Terminal, TerminalBinding)}


def test_full_flow_is_registered_under_the_administrator(cli: CentreCli, world: World) -> None:
    assert cli("admin", "unit-add", "PSB", "公安分局", "--parent", "CENTRE").code == 0
    run = cli("admin", "terminal-add", "T-0050", "--unit", "PSB", "--ip", "10.0.0.50",
              "--mac", "00-1A-2B-3C-4D-50", "--location", "指挥大厅")
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0] == "terminal T-0050 registered as 10.0.0.50 / 00:1a:2b:3c:4d:50"  # normalised
    assert lines[1].startswith("enrolment code (valid until ") and " UTC, once): " in lines[1]
    code = lines[1].rsplit(" ", 1)[1]
    assert lines[2] == f"on that machine: main.py enroll {cli.harness.url} {code}"
    run = cli("admin", "user-add", "wanglei", "--name", "王磊", "--unit", "PSB",
              "--role", "duty_officer")
    assert run.code == 0 and run.out.startswith("user wanglei created; must change")
    assert "one-time password: " in run.out
    for args in (["bind", "wanglei", "T-0050"], ["user-disable", "wanglei"],
                 ["user-enable", "wanglei"], ["password-reset", "wanglei"],
                 ["unbind", "wanglei", "T-0050"]):
        run = cli("admin", *args)
        assert run.code == 0 and run.err == "", (args, run.err)
    run = cli("admin", "policy", "set", "idle_lock_minutes", "5")
    assert run.code == 0 and "idle_lock_minutes = 5 minutes" in run.out
    assert "idle_lock_minutes = 5 minutes" in cli("admin", "policy", "show").out

    assert "wanglei\t王磊\tPSB\tduty_officer\tactive\t-" in cli("admin", "list", "users").out
    assert "PSB\t公安分局\tCENTRE" in cli("admin", "list", "units").out
    terminals = cli("admin", "list", "terminals").out.splitlines()
    assert "T-0050\t10.0.0.50\t00:1a:2b:3c:4d:50\tPSB\t指挥大厅\tcode issued\t-\t-\t-" \
        in terminals
    assert terminals[0].split("\t") == ["TERMINAL", "IP", "MAC", "UNIT", "LOCATION",
                                         "ENROLMENT", "VERSION", "LAST SEEN", "USERS"]
    mine = next(line for line in terminals if line.startswith(f"{CLI_TERMINAL}\t"))
    assert mine.split("\t")[5:7] == ["enrolled", console.__version__]   # state, version

    assert cli("admin", "terminal-revoke", "T-0050").code == 0
    assert "\trevoked\t" in next(line for line in cli("admin", "list", "terminals").out
                                 .splitlines() if line.startswith("T-0050\t"))
    run = cli("admin", "terminal-code", "T-0050")
    assert run.code == 0 and run.out.startswith("new enrolment code for terminal T-0050 "
                                                "(10.0.0.50 / 00:1a:2b:3c:4d:50)")

    records = [r for r in cli.records(*ADMIN_ACTIONS) if r.actor != INSTALLER.account]
    assert [r.action for r in records] == [
        "UNIT_CREATE", "TERMINAL_CREATE", "TERMINAL_ENROL_CODE", "USER_CREATE", "BIND",
        "USER_DISABLE", "USER_ENABLE", "PASSWORD_RESET", "UNBIND", "POLICY_SET",
        "TERMINAL_REVOKE", "TERMINAL_ENROL_CODE"]
    assert {(r.actor, r.terminal, r.ip) for r in records} == {
        (ADMINISTRATOR, CLI_TERMINAL, "127.0.0.1")}
    assert all(r.session_id for r in records)
    assert code not in "".join(r.params for r in records)       # the code is never registered
    # each command was one cli session, which ended with the command
    logins = cli.records("LOGIN")
    assert logins and all(json.loads(r.params).get("kind") == "cli" for r in logins[-3:])
    assert len(cli.records("LOGOUT")) >= len(cli.runs) - 1


def test_password_stdin_after_the_login_password(cli: CentreCli) -> None:
    run = cli("admin", "password-reset", "zhangsan", "--password-stdin",
              stdin="Strong#Pass2026\n")
    assert run.code == 0 and "one-time password" not in run.out
    run = cli("admin", "password-reset", "zhangsan", "--password-stdin", stdin="weak\n")
    assert run.code == 1
    assert run.err_lines == [run.err_lines[0]] and run.err.startswith("error: password: too weak")
    run = cli("admin", "password-reset", "zhangsan", "--password-stdin")
    assert (run.code, run.err) == (2, "error: --password-stdin given but standard input is "
                                      "empty\n")


BAD_INPUT = [
    # (args, message in the one error line, exit code); the world has unit CENTRE, terminal
    # T-0042 (127.0.0.42 / 00:1a:2b:3c:4d:42) and zhangsan bound to it
    (["unit-add", "CENTRE", "重复"], "error: unit: code 'CENTRE' already exists", 1),
    (["unit-add", "BAD CODE", "x"], "error: unit: code 'BAD CODE'", 1),
    (["unit-add", "NEW", "x", "--parent", "NOPE"], "error: unit: unknown unit 'NOPE'", 1),
    (["user-add", "wanglei", "--name", "王磊", "--unit", "NOPE", "--role", "duty_officer"],
     "error: unit: unknown unit 'NOPE'", 1),
    (["user-add", "zhangsan", "--name", "张三", "--unit", "CENTRE", "--role", "duty_officer"],
     "error: account: 'zhangsan' already exists", 1),
    (["user-add", "x", "--name", "张三", "--unit", "CENTRE", "--role", "duty_officer"],
     "error: account: 'x' must be 3–64", 1),
    (["user-add", "wanglei", "--name", " ", "--unit", "CENTRE", "--role", "duty_officer"],
     "error: real_name: must not be empty", 1),
    (["user-add", "wanglei", "--name", "王磊", "--unit", "CENTRE", "--role", "boss"],
     "argument --role: invalid choice: 'boss'", 2),
    (["user-add", "a" * 70, "--name", "王磊", "--unit", "CENTRE", "--role", "duty_officer"],
     "error: account: String should have at most 64 characters", 1),
    (["terminal-add", "T-9", "--unit", "CENTRE", "--ip", "10.0.0.300", "--mac",
      "00:1a:2b:3c:4d:09"], "error: ip: IP address '10.0.0.300' is not a valid", 1),
    (["terminal-add", "T-9", "--unit", "CENTRE", "--ip", "10.0.0.9", "--mac",
      "00:1a:2b:3c:4d"], "error: mac: MAC address '00:1a:2b:3c:4d' is not six hex pairs", 1),
    (["terminal-add", "T-9", "--unit", "CENTRE", "--ip", "127.0.0.42", "--mac",
      "00:1a:2b:3c:4d:42"], "error: ip/mac: 127.0.0.42 / 00:1a:2b:3c:4d:42 is already", 1),
    (["terminal-add", "T-0042", "--unit", "CENTRE", "--ip", "10.0.0.9", "--mac",
      "00:1a:2b:3c:4d:09"], "error: name: terminal 'T-0042' already exists", 1),
    (["terminal-add", "T-9", "--unit", "CENTRE", "--ip", "10.0.0.9"],
     "error: --ip and --mac are required", 2),
    (["terminal-code", "T-NOPE"], "error: terminal: no terminal named 'T-NOPE'", 1),
    (["terminal-revoke", "T-NOPE"], "error: terminal: no terminal named 'T-NOPE'", 1),
    (["bind", "zhangsan", "T-0042"], "error: terminal: zhangsan is already bound", 1),
    (["bind", "nobody", "T-0042"], "error: account: unknown account 'nobody'", 1),
    (["bind", "zhangsan", "T-NOPE"], "error: terminal: unknown terminal 'T-NOPE'", 1),
    (["unbind", "wangwu", "T-0042"], "error: terminal: wangwu is not bound to 'T-0042'", 1),
    (["user-disable", "nobody"], "error: account: unknown account 'nobody'", 1),
    (["policy", "set", "lockout_threshold", "1"],
     "error: lockout_threshold: policy lockout_threshold=1 is outside 3..20", 1),
    (["policy", "set", "lockout_threshold", "many"], "must be a whole number", 1),
    (["policy", "set", "heartbeat_seconds", "20"],
     "session_stale_seconds must be at least 3 × heartbeat_seconds", 1),
    (["policy", "set", "colour", "red"], "argument key: invalid choice: 'colour'", 2),
    (["frobnicate"], "invalid choice: 'frobnicate'", 2),
    (["migrate"], "error: admin migrate: the schema is the centre's: run 'main.py server "
                  "migrate' on the centre's host", 2),
]


@pytest.mark.parametrize(("args", "message", "code"), BAD_INPUT,
                         ids=[f"{' '.join(a[:1])}-{i}" for i, (a, _, _) in enumerate(BAD_INPUT)])
def test_bad_input_one_line_nonzero_nothing_written(cli: CentreCli, world: World,
                                                    args: list[str], message: str,
                                                    code: int) -> None:
    before, records = _counts(world.db), cli.audit_count()
    run = cli("admin", *args)
    assert run.code == code, run.err
    assert len(run.err_lines) == 1, run.err
    assert message in run.err_lines[0]
    assert run.out == ""
    assert _counts(world.db) == before                 # nothing half-written
    denied = [r for r in cli.records(*ADMIN_ACTIONS) if r.outcome == "denied"]
    if code == 1 and "String should have" not in message:
        # a refused command is registered as refused, under the person who ran it
        assert denied and denied[-1].actor == ADMINISTRATOR and denied[-1].seq > records
    elif code == 2:
        assert cli.audit_count() == records            # bad usage never reached the centre


# -- who may ---------------------------------------------------------------------------------

def _user_add(cli: CentreCli, **login: str | None) -> tuple[int, str]:
    run = cli("admin", "user-add", "wanglei", "--name", "王磊", "--unit", "CENTRE",
              "--role", "duty_officer", **login)  # type: ignore[arg-type]
    assert len(run.err_lines) == 1 and run.out == "", run
    return run.code, run.err_lines[0]


@pytest.mark.parametrize(("login", "code", "message", "registered"), [
    ({"login": None}, 2, "error: --login: give the account to log in with (administration "
                         "goes through the centre with your own account)", None),
    ({"password": None}, 2, "error: password: standard input is not a terminal; give the "
                            "password as the first line of standard input with "
                            "--login-password-stdin", None),
    ({"login": "nobody"}, 1, "error: login as nobody refused (UNKNOWN_ACCOUNT): unknown "
                             "account or wrong password", ("LOGIN", "UNKNOWN_ACCOUNT")),
    ({"password": "Wrong#Horse9"}, 1, "error: login as zhaoliu refused (BAD_PASSWORD): "
                                      "unknown account or wrong password",
     ("LOGIN", "BAD_PASSWORD")),
    ({"password": ""}, 2, "error: --login-password-stdin given but standard input is empty",
     None),
    ({"login": "zhangsan"}, 1, "error: actor: zhangsan may not administer",
     ("USER_CREATE", "NOT_PERMITTED")),
    ({"login": "wangwu"}, 1, "error: actor: wangwu may not administer",
     ("USER_CREATE", "NOT_PERMITTED")),
    ({"login": "lisi"}, 1, "error: actor: lisi may not administer",
     ("USER_CREATE", "NOT_PERMITTED")),
], ids=["no-login", "no-password", "unknown-account", "wrong-password", "empty-password",
        "duty-officer", "supervisor", "wall-operator"])
def test_user_add_without_an_administrators_login_is_refused(
        cli: CentreCli, world: World, login: dict[str, str | None], code: int, message: str,
        registered: tuple[str, str] | None) -> None:
    before, records = _counts(world.db), cli.audit_count()
    assert _user_add(cli, **login) == (code, message)
    assert _counts(world.db) == before                       # nobody created
    if registered is None:
        assert cli.audit_count() == records                  # never reached the centre
        return
    action, reason = registered
    (refusal,) = [r for r in cli.records(action) if r.seq > records and r.outcome == "denied"]
    assert refusal.reason == reason and refusal.terminal == CLI_TERMINAL
    if action == "USER_CREATE":                              # under the person who asked
        assert refusal.actor == login["login"] and refusal.target == "wanglei"


def test_a_user_not_bound_to_this_terminal_cannot_log_in(cli: CentreCli, world: World) -> None:
    world.admin.unbind(INSTALLER, ADMINISTRATOR, CLI_TERMINAL)
    code, line = _user_add(cli)
    assert code == 1 and line.startswith("error: login as zhaoliu refused (TERMINAL_NOT_BOUND)")


def test_first_login_changes_the_password_on_a_terminal_only(cli: CentreCli,
                                                             world: World) -> None:
    world.admin.create_user(INSTALLER, "xinguan", "新管", "CENTRE", "administrator",
                            password=PASSWORD)
    world.admin.bind(INSTALLER, "xinguan", CLI_TERMINAL)
    run = cli("admin", "list", "units", login="xinguan")
    assert run.code == 1 and run.err_lines == [
        "error: login as xinguan refused (PASSWORD_CHANGE_REQUIRED): the password must be "
        "changed first: log in on the console, or run the command on a terminal to be asked "
        "for a new one"]
    # on a terminal: asked for the account, the password and the new one (twice)
    asked: list[str] = []
    answers = iter([PASSWORD, "Brand#New2026x", "Brand#New2026x"])

    def ask_secret(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    out, err = io.StringIO(), io.StringIO()
    env = CliEnv(config=TerminalConfig(), connect=lambda: _link(cli),
                 identity=StaticIdentity(LOOPBACK.ip, LOOPBACK.mac), identity_host=None,
                 identity_for_host=lambda host: LOOPBACK, out=out, err=err,
                 stdin=io.StringIO(""), ask_secret=ask_secret,
                 ask_text=lambda prompt: "xinguan", interactive=True)
    assert run_command(build_parser().parse_args(["admin", "list", "units"]), env) == 0, \
        err.getvalue()
    assert asked == ["password of xinguan: ", "xinguan must change the password; new "
                     "password: ", "the new password again: "]
    assert "CENTRE\t市城运中心\t-" in out.getvalue()
    assert cli("admin", "list", "units", login="xinguan", password="Brand#New2026x").code == 0


def _link(cli: CentreCli) -> CentreLink:
    client = cli.harness.client(cli.files)
    return CentreLink(client, client.close, "test centre")


# -- the centre, not the database ------------------------------------------------------------

def test_no_database_url_and_no_database_password_on_a_terminal(cli: CentreCli) -> None:
    run = cli("admin", "list", "users", "--database-url", "sqlite:///x.db")
    assert run.code == 2 and "unrecognized arguments: --database-url" in run.err
    run = cli("secret", "set-db-password", login=None, password=None)
    assert run.code == 2 and run.err_lines == [
        "error: secret set-db-password: a terminal holds no database password any more; the "
        "centre keeps its own in its data directory (on the centre's host: 'main.py server "
        "init --database-url URL --password-stdin')"]


def test_an_unreachable_centre_is_one_line(cli: CentreCli) -> None:
    url = cli.harness.url
    cli.stop()
    run = cli("admin", "list", "units")
    assert run.code == 1 and len(run.err_lines) == 1
    assert run.err_lines[0].startswith(f"error: centre {url} unreachable: ")


def test_a_revoked_terminal_is_refused_at_login(cli: CentreCli) -> None:
    assert cli("admin", "terminal-revoke", CLI_TERMINAL).code == 0    # its own terminal
    run = cli("admin", "list", "units")
    assert run.code == 1 and run.err_lines == [
        "error: login as zhaoliu refused (TERMINAL_REVOKED): this terminal's enrolment was "
        "revoked ('main.py enroll' with a new code from an administrator)"]


def test_a_terminal_dir_that_is_not_enrolled_says_so(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str],
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(f"{PASSWORD}\n"))
    code = main(["admin", "list", "units", "--terminal-dir", str(tmp_path / "nothing"),
                 "--login", "zhaoliu", "--login-password-stdin"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1
    assert err.startswith("error: this terminal is not enrolled (key.pem, cert.pem, ca.pem, "
                          "centre.txt missing in ")


# -- help ------------------------------------------------------------------------------------

def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    subcommands = [[], ["admin"], ["audit"], ["secret"], ["admin", "policy"]]
    subcommands += [["admin", a] for a in (
        "unit-add", "user-add", "terminal-add", "terminal-code", "terminal-revoke", "bind",
        "unbind", "user-disable", "user-enable", "password-reset", "terminal-id", "list",
        "migrate")]
    subcommands += [["admin", "policy", "show"], ["admin", "policy", "set"],
                    ["audit", "verify"], ["audit", "show"], ["secret", "set-db-password"],
                    ["secret", "set-camera"]]
    for words in subcommands:
        with pytest.raises(SystemExit) as exit_info:
            build_parser().parse_args([*words, "--help"])
        assert exit_info.value.code == 0, words
        out = capsys.readouterr().out
        assert out.startswith(f"usage: main.py {' '.join(words)}".rstrip()), words
        if len(words) > 1 and words[0] in ("admin", "audit") and words[-1] != "policy":
            assert "--login ACCOUNT" in out and "--login-password-stdin" in out, words
    # and the real program, as a user types it
    result = subprocess.run([sys.executable, "main.py", "--help"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0 and "admin" in result.stdout


def test_version() -> None:
    result = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0
    assert result.stdout.strip().startswith("main.py 0.")


def test_records_of_a_refusal_name_the_field(cli: CentreCli) -> None:
    assert cli("admin", "unit-add", "CENTRE", "重复").code == 1
    record = cli.last_record()
    assert record.action == "LOGOUT"            # the session ended with the command
    (refusal,) = [r for r in cli.records("UNIT_CREATE") if r.outcome == "denied"]
    assert json.loads(refusal.params)["field"] == "unit" and refusal.reason == "DUPLICATE"
    with cli.world.db.transaction() as s:
        assert s.execute(select(func.count()).select_from(AuditRecord).where(
            AuditRecord.action == "UNIT_CREATE", AuditRecord.outcome == "ok")).scalar_one() == 2


def test_a_terminal_below_the_centres_minimum_version_cannot_log_in(
        cli: CentreCli, world: World) -> None:
    """The minimum terminal version is the administrators' policy (issue 16: updates): a
    terminal older than it is refused at login, told to update, and the refusal registered."""
    bad = cli("admin", "policy", "set", "minimum_terminal_version", "0.2 beta")
    assert bad.code == 1 and bad.err_lines[0].startswith(
        "error: minimum_terminal_version: policy minimum_terminal_version='0.2 beta' is not "
        "a version"), bad.err_lines
    assert cli("admin", "policy", "set", "minimum_terminal_version", "0.0.9").code == 0
    assert "minimum_terminal_version = 0.0.9 version" in cli("admin", "policy", "show").out
    assert cli("admin", "policy", "set", "minimum_terminal_version", "99.0").code == 0
    run = cli("admin", "list", "units")
    assert run.code == 1 and run.err_lines == [
        "error: login as zhaoliu refused (VERSION_TOO_OLD): this terminal's software is "
        "older than the centre allows"], run.err_lines
    with world.db.transaction() as s:
        refused = s.execute(select(AuditRecord).where(AuditRecord.reason == "VERSION_TOO_OLD")
                            ).scalars().all()
    assert [(r.action, r.outcome, r.actor) for r in refused] == [
        ("LOGIN", "denied", "zhaoliu")], refused
    assert '"minimum":"99.0"' in refused[0].params.replace(" ", "")
