"""``main.py audit …`` through the centre: the session code a watermark shows leads back to
the whole session's records (or says how many are not shown); the centre verifies the chain
against its signed checkpoints. Administrators and supervisors; every read, verification and
refusal is registered. ``main.py server audit-verify`` does the same on the centre's host."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.audit.checkpoints import CheckpointSigner, write_checkpoint
from console.audit.writer import AuditTrail
from console.auth.service import actor_for_session
from console.codes import Action
from console.server.setup import load_keys
from console.storage.models import ConsoleSession
from main import main
from tests.conftest import PASSWORD, T42, World
from tests.support.audit_forgery import rechain
from tests.support.cli import ADMINISTRATOR, SUPERVISOR, CentreCli


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def _console_session(world: World, extra_records: int = 0) -> str:
    """zhangsan's console session on T-0042 (its code), with more records of it."""
    result = world.auth(T42).login("zhangsan", PASSWORD)
    assert result.ok and result.session is not None
    with world.db.transaction() as s:
        actor = actor_for_session(s.get(ConsoleSession, result.session.session_id))
        for n in range(extra_records):
            AuditTrail(world.clock).append(s, actor, Action.VIEW_OPEN, target=f"camera{n}")
    return result.session.code


def test_audit_show_by_the_session_code_of_a_watermark(cli: CentreCli, world: World) -> None:
    code = _console_session(world, extra_records=30)
    run = cli("audit", "show", "--session", code.lower(), login=SUPERVISOR)
    assert (run.code, run.err) == (0, "")
    header, *lines = run.out.splitlines()
    assert header.split("\t")[:3] == ["SEQ", "TIME (UTC)", "ACTOR"]
    assert len(lines) == 31                             # the whole session, not the last 20
    assert all("\tzhangsan\tT-0042\t127.0.0.42\t" in line for line in lines)
    assert "\tLOGIN\t" in lines[0] and code in lines[0]
    (read,) = cli.records("AUDIT_READ")
    assert (read.actor, read.target, json.loads(read.params)["total"]) == (
        SUPERVISOR, f"session:{code}", 31)

    run = cli("audit", "show", "--session", code, "--last", "5")
    assert run.code == 0 and len(run.out.splitlines()) == 1 + 5
    assert run.err == f"(26 earlier record(s) of session {code} not shown; --last 31 shows " \
                      "them)\n"
    assert run.out.splitlines()[-1].split("\t")[7] == "camera29"


def test_audit_show_latest_and_refusals(cli: CentreCli) -> None:
    run = cli("audit", "show", "--last", "2")
    assert run.code == 0 and len(run.out.splitlines()) == 1 + 2
    assert "\tLOGIN\tzhaoliu\tok\t" in run.out.splitlines()[-1]
    run = cli("audit", "show", "--session", "ZZZZZZ")
    assert (run.code, run.err) == (1, "error: session: no session with code 'ZZZZZZ'\n")
    run = cli("audit", "show", "--session", "A'B")
    assert run.code == 2 and run.err.startswith("error: --session \"A'B\" is not a session code")
    assert cli("audit", "show", "--last", "0").err == "error: --last must be 1 to 10000\n"
    run = cli("audit", "show", login="zhangsan")
    assert (run.code, run.out) == (1, "")
    assert run.err == "error: actor: zhangsan may not read the usage register\n"
    denied = [r for r in cli.records("AUDIT_READ") if r.outcome == "denied"]
    assert [(r.actor, r.reason) for r in denied] == [("zhangsan", "NOT_PERMITTED")]


def test_audit_verify_with_the_signed_checkpoints(cli: CentreCli, world: World) -> None:
    run = cli("audit", "verify", login=SUPERVISOR)
    assert run.code == 0 and run.out.startswith("audit trail intact: ")
    assert "no signed checkpoint yet" in run.out
    signer = CheckpointSigner(load_keys(cli.harness.data).signing)
    assert write_checkpoint(world.db, world.clock, signer) is not None
    run = cli("audit", "verify")
    assert run.code == 0 and "1 signed checkpoints, the last at #" in run.out
    head = run.out.split("head #")[1].split(" ")[0]
    digest = run.out.split("sha256:")[1].split(";")[0]
    assert cli("audit", "verify", "--expect", f"{head}:sha256:{digest}").code == 0
    run = cli("audit", "verify", "--expect", "12:abc")
    assert run.code == 2 and run.err.startswith("error: --expect '12:abc' must be SEQ:SHA256")

    rechain(world.db, 3, "target = 'someone else'")      # the owner's forgery
    run = cli("audit", "verify")
    assert (run.code, run.out) == (1, "")
    assert run.err.startswith("audit trail broken at record #")
    assert "the chain no longer matches the signed checkpoint at #" in run.err
    verified = cli.records("AUDIT_VERIFY")
    assert [(r.actor, json.loads(r.params)["ok"]) for r in verified] == [
        (SUPERVISOR, True), (ADMINISTRATOR, True), (ADMINISTRATOR, True),
        (ADMINISTRATOR, False)]
    run = cli("audit", "verify", login="zhangsan")
    assert run.err == "error: actor: zhangsan may not verify the usage register\n"


def test_server_audit_verify_on_the_centre_s_host(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    url = f"sqlite:///{tmp_path / 'centre.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["server", "init", "--database-url", url, "--data-dir", str(data),
                 "--name", "127.0.0.1", "--admin", "root01"]) == 0
    capsys.readouterr()
    assert main(["server", "audit-verify", "--data-dir", str(data)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("audit trail intact: ") and "no signed checkpoint yet" in out
    assert main(["server", "audit-verify", "--data-dir", str(data), "--expect", "x"]) == 2
    assert capsys.readouterr().err.startswith("error: --expect 'x' must be SEQ:SHA256")
    assert main(["server", "audit-verify", "--data-dir", str(tmp_path / "none")]) == 1
    assert capsys.readouterr().err.count("\n") == 1


def test_audit_show_filters_and_the_leak_trace(cli: CentreCli, world: World) -> None:
    """The register dialog's filters on the command line, and the leak trace from a code."""
    result = world.auth(T42).login("zhangsan", PASSWORD)
    assert result.ok and result.session is not None
    with world.db.transaction() as s:
        actor = actor_for_session(s.get(ConsoleSession, result.session.session_id))
        trail = AuditTrail(world.clock)
        trail.append(s, actor, Action.VIEW_OPEN, target="32050801001310000001",
                     params={"view": "v1", "name": "平江路", "output": "desk",
                             "purpose": "治安巡查"})
        trail.append(s, actor, Action.VIEW_OPEN, target="32050801001310000002",
                     params={"view": "v2", "name": "观前街", "output": "desk",
                             "purpose": "交通疏导"})
        trail.append(s, actor, Action.VIEW_CLOSE, target="32050801001310000001",
                     params={"view": "v1"})
    code = result.session.code

    def lines(*args: str, login: str = ADMINISTRATOR) -> list[list[str]]:
        run = cli("audit", "show", *args, login=login)
        assert run.code == 0, run.err
        return [line.split("\t") for line in run.out.splitlines()[1:]]

    rows = lines("--actor", "zhangsan", "--action", "VIEW_OPEN")
    assert [(r[2], r[6], r[7]) for r in rows] == [
        ("zhangsan", "VIEW_OPEN", "32050801001310000001"),
        ("zhangsan", "VIEW_OPEN", "32050801001310000002")]
    assert [r[7] for r in lines("--camera", "32050801001310000002")] == [
        "32050801001310000002"]
    assert [r[7] for r in lines("--purpose", "疏导")] == ["32050801001310000002"]
    mine = lines("--terminal", "T-0042", "--outcome", "ok", "--actor", "zhangsan")
    assert [r[6] for r in mine[-4:]] == ["LOGIN", "VIEW_OPEN", "VIEW_OPEN", "VIEW_CLOSE"]
    assert all((r[2], r[3], r[8]) == ("zhangsan", "T-0042", "ok") for r in mine)
    assert lines("--until", "2020-01-01") == []
    assert lines("--since", "2026-01-01", "--actor", "zhangsan", "--last", "1")[0][6] == \
        "VIEW_CLOSE"
    run = cli("audit", "show", "--actor", "zhangsan", "--outcome", "ok", "--last", "1")
    total = len(lines("--actor", "zhangsan", "--outcome", "ok", "--last", "10000"))
    assert run.err == f"({total - 1} earlier record(s) matching not shown; --last {total} " \
                      "shows them)\n"
    run = cli("audit", "show", "--action", "LOOK")
    assert run.code == 2 and "--action: invalid choice: 'LOOK'" in run.err
    run = cli("audit", "show", "--since", "2026-02-01", "--until", "2026-01-01")
    assert (run.code, run.err) == (2, "error: --since is after --until\n")
    read = cli.records("AUDIT_READ")[-1]
    assert json.loads(read.params)["actor"] == "zhangsan"      # the filters are registered

    run = cli("audit", "trace", code.lower(), login=SUPERVISOR)
    assert run.code == 0, run.err
    assert run.out.startswith(f"session {code}: 张三 (zhangsan, duty_officer, CENTRE)\n"
                              "terminal T-0042 (")
    views = [line.split("\t") for line in run.out.splitlines()[4:]]
    assert [(v[0], v[1], v[3]) for v in views] == [
        ("32050801001310000001", "平江路", "治安巡查"),
        ("32050801001310000002", "观前街", "交通疏导")]
    assert views[0][5] != "-" and views[1][5] == "-"          # v1 closed, v2 still open
    traced = json.loads(cli("audit", "trace", code, "--json").out)
    assert traced["account"] == "zhangsan" and len(traced["views"]) == 2
    assert [r.target for r in cli.records("AUDIT_TRACE")] == [f"session:{code}"] * 2
    run = cli("audit", "trace", code, login="zhangsan")
    assert run.code == 1 and "may not" in run.err
