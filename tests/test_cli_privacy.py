"""``main.py privacy …`` through the centre: an administrator sets, lists and clears a
camera's privacy masks and chooses the exempt roles; bad input gets one line naming the
problem and a non-zero exit, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.storage.models import PrivacyMask
from main import main
from tests.conftest import World
from tests.support.catalog import COND, UNCOND, add_cameras
from tests.support.cli import ADMINISTRATOR, CentreCli


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def mask_count(world: World) -> int:
    with world.db.transaction() as s:
        return s.execute(select(func.count()).select_from(PrivacyMask)).scalar_one()


def test_set_list_clear(cli: CentreCli, world: World) -> None:
    run = cli("privacy", "set", COND, "--polygon", "0.1,0.1 0.4,0.1 0.4,0.3",
              "--polygon", "0.6,0.6 0.9,0.6 0.9,0.9 0.6,0.9")
    assert (run.code, run.out) == (0, f"camera {COND}: 2 mask(s) set\n"), run.err
    assert cli("privacy", "set", UNCOND, "--polygon", "0,0 1,0 1,0.123456").code == 0
    header, *lines = cli("privacy", "list").out.splitlines()
    assert header.split("\t")[:5] == ["CAMERA", "NAME", "MASKS", "POLYGONS", "UPDATED BY"]
    assert [line.split("\t")[:5] for line in lines] == [       # by camera code
        [UNCOND, "平江路与白塔东路交叉口", "1", "0,0 1,0 1,0.1235", ADMINISTRATOR],
        [COND, "观前街北局", "2", "0.1,0.1 0.4,0.1 0.4,0.3; 0.6,0.6 0.9,0.6 0.9,0.9 0.6,0.9",
         ADMINISTRATOR],
    ]
    run = cli("privacy", "clear", COND)
    assert run.out == f"camera {COND}: masks removed\n"
    assert mask_count(world) == 1
    records = cli.records("PRIVACY_MASK_SET", "PRIVACY_MASK_CLEAR")
    assert [(r.action, r.actor) for r in records] == [
        ("PRIVACY_MASK_SET", ADMINISTRATOR), ("PRIVACY_MASK_SET", ADMINISTRATOR),
        ("PRIVACY_MASK_CLEAR", ADMINISTRATOR)]


def test_exempt_roles(cli: CentreCli) -> None:
    assert cli("privacy", "exempt").out == "exempt from privacy masks: none\n"
    run = cli("privacy", "exempt", "supervisor", "administrator")
    assert run.out == "exempt from privacy masks: supervisor,administrator\n"
    assert cli("privacy", "exempt").out == "exempt from privacy masks: supervisor,administrator\n"
    assert cli("privacy", "exempt", "--none").out == "exempt from privacy masks: none\n"
    params = [json.loads(r.params) for r in cli.records("PRIVACY_EXEMPT_SET")]
    assert [p["roles"] for p in params] == [["supervisor", "administrator"], []]


@pytest.mark.parametrize(("args", "code", "message"), [
    (["set", COND, "--polygon", "0.1,0.1 0.4,0.1"], 2,
     "error: --polygon polygon 1: 2 point(s); a polygon needs at least 3"),
    (["set", COND, "--polygon", "0.1,0.1 0.4,0.1 0.4,0.3", "--polygon", "0.1,0.1 0.4;0.1"], 2,
     "error: --polygon polygon 2: ';' separates polygons"),
    (["set", COND, "--polygon", "0.1,0.1 1.4,0.1 0.4,0.3"], 2,
     "error: --polygon polygon 1, point 2: x 1.4 is outside 0..1"),
    (["set", COND, "--polygon", "0.1,0.1 0.4:0.1 0.4,0.3"], 2,
     "error: --polygon polygon 1, point 2: '0.4:0.1' is not x,y"),
    (["set", COND], 2, "the following arguments are required: --polygon"),
    (["set", "3205/0800", "--polygon", "0.1,0.1 0.4,0.1 0.4,0.3"], 2,
     "error: code: '3205/0800' is not a camera code"),
    (["set", "32050800000000009999", "--polygon", "0.1,0.1 0.4,0.1 0.4,0.3"], 1,
     "error: camera: unknown camera '32050800000000009999'"),
    (["set", COND, *(["--polygon", "0.1,0.1 0.4,0.1 0.4,0.3"] * 17)], 1,
     "error: polygons: more than 16 polygons"),
    (["clear", COND], 1, f"error: camera: {COND} has no privacy masks"),
    (["exempt", "guest"], 1, "error: roles: 'guest' is not one of"),
    (["exempt", "supervisor", "--none"], 2, "error: give roles or --none, not both"),
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
])
def test_bad_input(cli: CentreCli, world: World, args: list[str], code: int,
                   message: str) -> None:
    run = cli("privacy", *args)
    assert run.code == code
    assert message in run.err and run.err.count("\n") == 1, run.err
    assert mask_count(world) == 0
    if code == 1:                                  # refused by the centre: registered
        assert cli.last_record().action == "LOGOUT"
        denied = [r for r in cli.records("PRIVACY_MASK_SET", "PRIVACY_MASK_CLEAR",
                                         "PRIVACY_EXEMPT_SET") if r.outcome == "denied"]
        assert len(denied) == 1 and denied[0].actor == ADMINISTRATOR


def test_help_names_the_coordinates(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["privacy", "set", "--help"])
    assert "0,0 top left" in capsys.readouterr().out
