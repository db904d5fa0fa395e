"""``main.py faults …`` through the centre: the fault list a supervisor (their own unit's
people's reports) or an administrator (all) handles, and a report moved along its flow; a
duty officer is refused, and the refusal is registered as FAULT_LIST."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.audit.writer import Actor
from console.codes import Role
from console.faults.service import FaultService
from tests.conftest import World
from tests.support.catalog import COND, UNCOND, add_cameras
from tests.support.cli import ADMINISTRATOR, SUPERVISOR, CentreCli


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def test_list_and_step(cli: CentreCli, world: World) -> None:
    faults = FaultService(world.db, world.clock)
    mine = faults.report(Actor(account="zhangsan", role=Role.DUTY_OFFICER, user_id=1),
                         UNCOND, "blur", "看不清车牌")                  # CENTRE
    theirs = faults.report(Actor(account="lisi", role=Role.WALL_OPERATOR, user_id=2),
                           COND, "offline")                             # POLICE-GS

    def ids(*args: str, login: str = ADMINISTRATOR) -> list[str]:
        run = cli("faults", "list", *args, login=login)
        assert run.code == 0, run.err
        return [line.split("\t")[0] for line in run.out.splitlines()[1:]]

    assert ids() == [f"#{theirs.id}", f"#{mine.id}"]                   # newest first
    assert ids(login=SUPERVISOR) == [f"#{mine.id}"]                     # their unit's people
    header = cli("faults", "list").out.splitlines()[0].split("\t")
    assert header[:5] == ["ID", "REPORTED", "STATE", "KIND", "CAMERA"]

    run = cli("faults", "step", str(mine.id), "send", "--note", "已电话通知", login=SUPERVISOR)
    assert (run.code, run.out) == (0, f"fault report #{mine.id} ({UNCOND}) is now sent\n")
    assert ids("--state", "sent") == [f"#{mine.id}"]
    assert ids("--state", "new", "--open") == [f"#{theirs.id}"]
    (row,) = json.loads(cli("faults", "list", "--state", "sent", "--json").out)
    assert (row["sent_by"], row["note"], row["comment"]) == (SUPERVISOR, "已电话通知", "看不清车牌")

    run = cli("faults", "step", str(theirs.id), "send", login=SUPERVISOR)   # another unit
    assert run.code == 1 and run.err.startswith("error: actor: only a supervisor of the "
                                                "reporter's unit")
    run = cli("faults", "step", str(mine.id), "verify")                      # not fixed yet
    assert run.code == 1 and "cannot take the step verify" in run.err
    assert cli("faults", "step", "0", "fix").code == 2

    run = cli("faults", "list", login="zhangsan")
    assert (run.code, run.out) == (1, "")
    assert run.err == "error: actor: zhangsan may not list fault reports\n"
    (refusal,) = cli.records("FAULT_LIST")
    assert (refusal.actor, refusal.outcome, refusal.reason) == (
        "zhangsan", "denied", "NOT_PERMITTED")
