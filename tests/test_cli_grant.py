"""``main.py grant …`` through the centre: an administrator records approved grants, a
supervisor emergency grants, revocations; bad input gets one line naming the problem and a
non-zero exit, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.storage.models import Grant
from tests.conftest import World
from tests.support.catalog import COND, NOT_SHARED, add_cameras
from tests.support.cli import ADMINISTRATOR, SUPERVISOR, CentreCli


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def grant_count(world: World) -> int:
    with world.db.transaction() as s:
        return s.execute(select(func.count()).select_from(Grant)).scalar_one()


def test_add_list_revoke(cli: CentreCli) -> None:
    run = cli("grant", "add", "--user", "zhangsan", "--camera", COND, "--rights", "live,ptz",
              "--from", "2026-01-01", "--to", "2099-06-30", "--purpose", "道路巡查",
              "--approver", "刘主任", "--reference", "SP-2026-001")
    assert run.code == 0, run.err
    assert "grant #1 issued: user:zhangsan camera:" in run.out and "2099-07-01 00:00" in run.out
    run = cli("grant", "emergency", "--unit", "CENTRE", "--camera", NOT_SHARED, "--rights",
              "live", "--reason", "火情处置", "--hours", "2", login=SUPERVISOR)
    assert run.code == 0 and run.out.startswith("emergency grant #2 issued; expires ")
    header, *lines = cli("grant", "list").out.splitlines()
    assert header.startswith("ID\tSTATE\tKIND\tGRANTEE\tSCOPE\tRIGHTS\tFROM\tTO\t")
    assert len(lines) == 2 and lines[0].startswith("#1\tactive\tgrant\tuser:zhangsan")
    approver = header.split("\t").index("APPROVER")
    assert "\temergency\tunit:CENTRE\t" in lines[1]
    assert lines[1].split("\t")[approver] == "wangwu"
    assert cli("grant", "revoke", "1", "--reason", "使用结束").out == "grant #1 revoked\n"
    assert len(cli("grant", "list").out.splitlines()) == 2
    run = cli("grant", "list", "--all", "--user", "zhangsan")
    revoked = dict(zip(*(line.split("\t") for line in run.out.splitlines()), strict=True))
    assert revoked["STATE"] == "revoked" and revoked["REVOKED"].startswith("2026-01-01")
    assert (revoked["REVOKED BY"], revoked["REVOKE REASON"]) == ("zhaoliu", "使用结束")
    # a supervisor may revoke an emergency grant, not an ordinary one
    run = cli("grant", "revoke", "2", "--reason", "火已扑灭", login=SUPERVISOR)
    assert run.code == 0, run.err
    records = cli.records("GRANT_ISSUE", "GRANT_EMERGENCY", "GRANT_REVOKE")
    assert [(r.action, r.actor) for r in records] == [
        ("GRANT_ISSUE", ADMINISTRATOR), ("GRANT_EMERGENCY", SUPERVISOR),
        ("GRANT_REVOKE", ADMINISTRATOR), ("GRANT_REVOKE", SUPERVISOR)]
    assert json.loads(records[0].params)["reference"] == "SP-2026-001"


def test_a_grant_from_now_uses_the_centre_s_clock(cli: CentreCli, world: World) -> None:
    run = cli("grant", "add", "--unit", "POLICE-GS", "--region", "320508", "--rights",
              "live", "--to", "2099-01-01", "--purpose", "p", "--approver", "a",
              "--reference", "r")
    assert run.code == 0 and " now → " in run.out
    with world.db.transaction() as s:
        grant = s.execute(select(Grant)).scalar_one()
    assert grant.valid_from == world.clock.now()


@pytest.mark.parametrize(("args", "code", "message"), [
    (["add", "--user", "zhangsan", "--camera", COND, "--rights", "live", "--to", "30 June",
      "--purpose", "p", "--approver", "a", "--reference", "r"], 2, "--to '30 June' is not a time"),
    (["add", "--user", "zhangsan", "--camera", COND, "--rights", "watch", "--to", "2099-01-01",
      "--purpose", "p", "--approver", "a", "--reference", "r"], 2,
     "error: --rights: 'watch' is not one of live, ptz, playback, download"),
    (["add", "--user", "zhangsan", "--camera", NOT_SHARED, "--rights", "live",
      "--to", "2099-01-01", "--purpose", "p", "--approver", "a", "--reference", "r"], 1,
     "is not shared"),
    (["add", "--user", "zhangsan", "--camera", COND, "--rights", "live", "--to", "2020-01-01",
      "--purpose", "p", "--approver", "a", "--reference", "r"], 1,
     "error: valid_to: must be after valid_from"),
    (["add", "--user", "zhangsan", "--unit", "CENTRE", "--camera", COND, "--rights", "live",
      "--to", "2099-01-01", "--purpose", "p", "--approver", "a", "--reference", "r"], 2,
     "not allowed with argument"),
    (["emergency", "--user", "zhangsan", "--camera", COND, "--rights", "live", "--reason", "x",
      "--hours", "30"], 1, "error: hours: 30 h is outside"),
    (["emergency", "--user", "zhangsan", "--camera", COND, "--rights", "live", "--reason", "x",
      "--hours", "-1"], 1, "error: hours: Input should be greater than 0"),
    (["revoke", "42", "--reason", "x"], 1, "error: grant: no grant #42"),
    (["revoke", "0", "--reason", "x"], 2, "error: ID: no grant #0"),
    (["add", "--user", "nobody", "--region", "320508", "--rights", "live", "--to", "2099-01-01",
      "--purpose", "p", "--approver", "a", "--reference", "r"], 1,
     "error: user: unknown account 'nobody'"),
    (["list", "--user", "nobody"], 1, "error: user: unknown account 'nobody'"),
])
def test_bad_input(cli: CentreCli, world: World, args: list[str], code: int,
                   message: str) -> None:
    run = cli("grant", *args)
    assert run.code == code, run.err
    assert message in run.err and run.err.count("\n") == 1, run.err
    assert grant_count(world) == 0


def test_list_by_state_and_a_supervisor_sees_their_own_unit(cli: CentreCli,
                                                             world: World) -> None:
    for args in (["--user", "zhangsan", "--to", "2099-01-01"],          # in force
                 ["--unit", "CENTRE", "--to", "2026-01-05"],            # ends within 7 days
                 ["--unit", "POLICE-GS", "--to", "2099-01-01"]):        # another unit
        run = cli("grant", "add", *args, "--camera", COND, "--rights", "live", "--purpose", "p",
                  "--approver", "a", "--reference", "r")
        assert run.code == 0, run.err

    def ids(*args: str, login: str = ADMINISTRATOR) -> list[str]:
        run = cli("grant", "list", *args, login=login)
        assert run.code == 0, run.err
        return [line.split("\t")[0] for line in run.out.splitlines()[1:]]

    assert ids("--state", "in_force") == ["#1", "#3"]
    assert ids("--state", "expiring") == ["#2"]
    assert ids("--state", "expiring", "--state", "in_force", "--unit", "CENTRE") == ["#2"]
    assert cli("grant", "list", "--state", "ended").out == "no grants ended\n"
    phase = cli("grant", "list", "--json").out
    assert [g["phase"] for g in json.loads(phase)] == ["in_force", "expiring", "in_force"]
    # the supervisor (CENTRE): the grants of their own unit and its people, not POLICE-GS's
    assert ids(login=SUPERVISOR) == ["#1", "#2"]
    run = cli("grant", "list", "--unit", "POLICE-GS", login=SUPERVISOR)
    assert run.err == ("error: grantee: unit:POLICE-GS is not of wangwu's own unit: a supervisor "
                       "handles the grants of their own unit only\n")
    (refusal,) = cli.records("GRANT_LIST")
    assert (refusal.actor, refusal.outcome, refusal.reason) == (
        SUPERVISOR, "denied", "OTHER_UNIT")
    run = cli("grant", "revoke", "3", "--reason", "x", login=SUPERVISOR)
    assert run.code == 1 and "administrator" in run.err, run.err
