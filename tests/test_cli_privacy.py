"""``main.py privacy …``: the installer sets, lists and clears a camera's privacy masks and
chooses the exempt roles; bad input gets one line naming the problem and a non-zero exit,
and nothing is written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from console.storage.models import AuditRecord, PrivacyMask
from main import main
from tests.conftest import World
from tests.support.catalog import COND, UNCOND, add_cameras


@pytest.fixture
def url(world: World) -> str:
    add_cameras(world.db, world.clock)
    return world.db.url.render_as_string(hide_password=False)


def mask_count(world: World) -> int:
    with world.db.transaction() as s:
        return s.execute(select(func.count()).select_from(PrivacyMask)).scalar_one()


def run(url: str, *args: str) -> int:
    return main(["privacy", *args, "--database-url", url])


def test_set_list_clear(world: World, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(url, "set", COND, "--polygon", "0.1,0.1 0.4,0.1 0.4,0.3",
               "--polygon", "0.6,0.6 0.9,0.6 0.9,0.9 0.6,0.9") == 0
    assert capsys.readouterr().out == f"camera {COND}: 2 mask(s) set\n"
    assert run(url, "set", UNCOND, "--polygon", "0,0 1,0 1,0.123456") == 0
    capsys.readouterr()
    assert run(url, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:4] for line in lines] == [       # by camera code
        [UNCOND, "平江路与白塔东路交叉口", "1", "0,0 1,0 1,0.1235"],
        [COND, "观前街北局", "2", "0.1,0.1 0.4,0.1 0.4,0.3; 0.6,0.6 0.9,0.6 0.9,0.9 0.6,0.9"],
    ]
    assert all(line.split("\t")[4].startswith("cli:") for line in lines)
    assert run(url, "clear", COND) == 0
    assert capsys.readouterr().out == f"camera {COND}: masks removed\n"
    assert mask_count(world) == 1
    with world.db.transaction() as s:
        actions = list(s.execute(select(AuditRecord.action, AuditRecord.actor).where(
            AuditRecord.action.like("PRIVACY_%")).order_by(AuditRecord.seq)).all())
    assert [a for a, _ in actions] == ["PRIVACY_MASK_SET", "PRIVACY_MASK_SET",
                                       "PRIVACY_MASK_CLEAR"]
    assert all(actor.startswith("cli:") for _, actor in actions)


def test_exempt_roles(world: World, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(url, "exempt") == 0
    assert capsys.readouterr().out == "exempt from privacy masks: none\n"
    assert run(url, "exempt", "supervisor", "administrator") == 0
    assert capsys.readouterr().out == "exempt from privacy masks: supervisor,administrator\n"
    assert run(url, "exempt") == 0
    assert capsys.readouterr().out == "exempt from privacy masks: supervisor,administrator\n"
    assert run(url, "exempt", "--none") == 0
    assert capsys.readouterr().out == "exempt from privacy masks: none\n"
    with world.db.transaction() as s:
        params = [json.loads(p) for p in s.execute(select(AuditRecord.params).where(
            AuditRecord.action == "PRIVACY_EXEMPT_SET").order_by(AuditRecord.seq)).scalars()]
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
    (["set", "32050800000000009999", "--polygon", "0.1,0.1 0.4,0.1 0.4,0.3"], 1,
     "error: camera: unknown camera '32050800000000009999'"),
    (["set", COND, *(["--polygon", "0.1,0.1 0.4,0.1 0.4,0.3"] * 17)], 1,
     "error: polygons: more than 16 polygons"),
    (["clear", COND], 1, f"error: camera: {COND} has no privacy masks"),
    (["exempt", "guest"], 1, "error: roles: 'guest' is not one of"),
    (["exempt", "supervisor", "--none"], 2, "error: give roles or --none, not both"),
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
])
def test_bad_input(world: World, url: str, capsys: pytest.CaptureFixture[str], args: list[str],
                   code: int, message: str) -> None:
    assert run(url, *args) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert mask_count(world) == 0


def test_help_names_the_coordinates(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["privacy", "set", "--help"])
    assert "0,0 top left" in capsys.readouterr().out
