"""``main.py duty …`` through the centre (R12), as the person logged in: a supervisor puts
a shift on the roster, the duty officer writes the log and signs the handover, the next
officer refuses it and then accepts the one signed again, a duty officer's approval is
refused, the supervisor returns and then approves the shift (after which an entry is refused
as locked) and saves its PDF report."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.conftest import INSTALLER, PASSWORD, World
from tests.support.cli import CentreCli, _clear_must_change

SQLITE = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    world.admin.create_user(INSTALLER, "sunqi", "孙七", "CENTRE", "duty_officer",
                            password=PASSWORD)
    centre = CentreCli.start(world, tmp_path)
    world.admin.bind(INSTALLER, "sunqi", "T-CLI")
    _clear_must_change(world.db, "sunqi")
    yield centre
    centre.stop()


@SQLITE
def test_roster_log_handover_review_report(cli: CentreCli, world: World,
                                           tmp_path: Path) -> None:
    run = cli("duty", "shift-add", "CENTRE", "--title", "白班", "--from",
              "2026-01-01T07:00+08:00", "--to", "2026-01-01T12:00+08:00", "--people",
              "zhangsan", login="zhangsan")
    assert run.code == 1 and "may not set the duty roster" in run.err, run
    run = cli("duty", "shift-add", "CENTRE", "--title", "白班", "--from",
              "2026-01-01T07:00+08:00", "--to", "2026-01-01T12:00+08:00", "--people",
              "zhangsan", login="wangwu")
    assert run.code == 0 and run.out.startswith("shift #1 added to CENTRE's roster"), run
    run = cli("duty", "shift-add", "CENTRE", "--title", "中班", "--from",
              "2026-01-01T12:00+08:00", "--to", "2026-01-01T20:00+08:00", "--people",
              "sunqi", login="wangwu")
    assert run.code == 0, run

    run = cli("duty", "log", "1", "--category", "traffic", "--seen", "干将路东向西拥堵",
              "--follow-up", "通知交警", login="zhangsan")
    assert (run.code, run.out) == (0, "entry #1 written in shift #1\n"), run
    run = cli("duty", "log", "1", "--category", "traffic", "--seen", "干将路东向西严重拥堵",
              "--follow-up", "通知交警", "--corrects", "1", login="zhangsan")
    assert (run.code, run.out) == (0, "correction of #1 #2 written in shift #1\n"), run
    run = cli("duty", "log", "1", "--category", "traffic", "--seen", "x", "--corrects", "1",
              login="zhangsan")
    assert run.code == 1 and "corrected by #2" in run.err, run
    run = cli("duty", "shifts", "--mine", "--json", login="zhangsan")
    (shift,) = json.loads(run.out)
    assert (shift["id"], shift["people"], shift["entries"]) == (1, ["zhangsan"], 2)

    run = cli("duty", "handover", "1", "--note", "拥堵未消", login="sunqi")
    assert run.code == 1 and "only its own people sign" in run.err, run
    run = cli("duty", "handover", "1", "--note", "拥堵未消", login="zhangsan")
    assert run.out == "handover #1 signed: shift #1 → #2; 1 open item(s)\n", run
    run = cli("duty", "refuse", "1", "--reason", "", login="sunqi")
    assert run.code == 1 and "say why" in run.err, run
    run = cli("duty", "refuse", "1", "--reason", "未交代交警是否到场", login="sunqi")
    assert run.out == "handover #1 refused\n", run
    run = cli("duty", "handover", "1", "--note", "交警已到场", login="zhangsan")
    assert run.code == 0, run
    run = cli("duty", "accept", "2", login="zhangsan")          # not the incoming officer
    assert run.code == 1, run
    assert cli("duty", "accept", "2", login="sunqi").out == "handover #2 accepted\n"

    world.clock.advance(timedelta(hours=4.5))                   # after the day shift
    run = cli("duty", "review", "1", "approve", login="zhangsan")
    assert run.code == 1 and "zhangsan may not review shifts" in run.err, run
    run = cli("duty", "review", "1", "return", login="wangwu")
    assert run.code == 1 and "say what is to be corrected" in run.err, run
    assert cli("duty", "review", "1", "return", "--comment", "补记处置结果",
               login="wangwu").out == "shift #1 returned\n"
    assert cli("duty", "review", "1", "approve", login="wangwu").out == "shift #1 approved\n"
    run = cli("duty", "shift-change", "1", "CENTRE", "--from", "2026-01-01T07:00+08:00",
              "--to", "2026-01-01T13:00+08:00", "--people", "zhangsan", login="wangwu")
    assert run.code == 1 and "locked" in run.err, run
    run = cli("duty", "shift-change", "2", "CENTRE", "--title", "中班", "--from",
              "2026-01-01T12:00+08:00", "--to", "2026-01-01T21:00+08:00", "--people",
              "sunqi,zhangsan", login="wangwu")
    assert run.out.startswith("shift #2 changed on CENTRE's roster"), run
    run = cli("duty", "log", "1", "--category", "other", "--seen", "补记", login="zhangsan")
    assert run.code == 1 and "locked" in run.err, run

    run = cli("duty", "show", "1", login="wangwu")
    assert run.code == 0 and ": approved by wangwu\n" in run.out
    assert "shift #1 CENTRE 白班" in run.out and "干将路东向西严重拥堵" in run.out
    assert "#1 #1 → #2 refused" in run.out and "(未交代交警是否到场)" in run.out
    target = tmp_path / "shift-1.pdf"
    run = cli("duty", "report", "1", "--out", str(target), login="wangwu")
    assert run.code == 0 and target.read_bytes().startswith(b"%PDF"), run
    run = cli("duty", "report", "1", "--out", str(target), login="lisi")   # another unit
    assert run.code == 1, run
