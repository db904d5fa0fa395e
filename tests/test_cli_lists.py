"""Every list of ``main.py`` has column headers and a ``--json`` form, against the real centre
over mutual TLS: piped, a header line then tab-separated rows; on a terminal, columns aligned
by display width (a CJK character is two columns); an empty list says what is empty ("no PTZ
faults", not "no PTZ sessions")."""

from __future__ import annotations

import contextlib
import io
import json
import re
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from console.cli.table import Column, display_width, write_list
from console.grants.service import Grantee, GrantService, Scope
from console.ptz.service import PtzService
from console.storage.models import Camera
from main import main
from tests.conftest import INSTALLER, PASSWORD, T42, World
from tests.support.catalog import COND, UNCOND, add_cameras
from tests.support.cli import ADMINISTRATOR, SUPERVISOR, CentreCli

SQLITE = pytest.mark.parametrize("db", ["sqlite"], indirect=True)

# command → the header's first columns and a key every JSON object has
LISTS = [
    (("admin", "list", "units"), ["CODE", "NAME", "PARENT"], "code"),
    (("admin", "list", "users"), ["ACCOUNT", "NAME", "UNIT", "ROLE"], "real_name"),
    (("admin", "list", "terminals"), ["TERMINAL", "IP", "MAC"], "enrolment"),
    (("grant", "list"), ["ID", "STATE", "KIND", "GRANTEE"], "valid_to"),
    (("catalog", "list"), ["CODE", "NAME", "REGION"], "share_type"),
    (("catalog", "group", "list"), ["GROUP", "CAMERAS"], "codes"),
    (("privacy", "list"), ["CAMERA", "NAME", "MASKS"], "polygons"),
    (("capture", "tools"), ["SOURCE", "NAME", "KIND", "RULE"], "rule"),
    (("audit", "show"), ["SEQ", "TIME (UTC)", "ACTOR"], "action"),
    (("ptz", "sessions"), ["ID", "CAMERA", "OPERATOR"], "ended_by"),
]


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(
            ptz_address="onvif://127.0.0.1:18080"))
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        INSTALLER, Grantee(user="zhangsan"), Scope("camera", COND), ["live", "ptz"],
        now - timedelta(hours=1), now + timedelta(hours=4), purpose="人流疏导",
        approver="周主任", reference="JT-1")
    centre = CentreCli.start(world, tmp_path)
    assert centre("catalog", "group", "set", "观前商圈", COND, UNCOND).code == 0
    assert centre("privacy", "set", COND, "--polygon", "0,0 0.5,0 0.5,0.5").code == 0
    yield centre
    centre.stop()


def ptz_session(world: World) -> None:
    """A PTZ session of zhangsan's, ended (so the lists have one)."""
    login = world.auth(T42).login("zhangsan", PASSWORD)
    assert login.ok and login.session is not None
    service = PtzService(world.db, world.clock)
    lease = service.take(login.session.session_id, COND).lease
    assert lease is not None
    world.clock.advance(timedelta(seconds=60))
    assert service.sweep("test-centre")


@SQLITE
@pytest.mark.parametrize(("argv", "header", "key"), LISTS, ids=[" ".join(a) for a, _, _ in LISTS])
def test_every_list_has_headers_and_a_json_form(cli: CentreCli, world: World,
                                                argv: tuple[str, ...], header: list[str],
                                                key: str) -> None:
    ptz_session(world)
    login = SUPERVISOR if argv[0] in ("ptz", "audit") else ADMINISTRATOR
    run = cli(*argv, login=login)
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].split("\t")[:len(header)] == header
    assert len(lines) >= 2 and all(len(line.split("\t")) == len(lines[0].split("\t"))
                                   for line in lines)          # one cell per column
    run = cli(*argv, "--json", login=login)
    assert run.code == 0, run.err
    items = json.loads(run.out)
    assert isinstance(items, list) and items and all(key in item for item in items)
    assert len(items) == len(lines) - 1 or argv[0] == "audit"   # the audit grew meanwhile


@SQLITE
def test_ptz_lists_say_what_is_empty_and_who_ended_a_session(cli: CentreCli,
                                                             world: World) -> None:
    assert cli("ptz", "sessions", login=SUPERVISOR).out == "no PTZ sessions\n"
    assert cli("ptz", "sessions", "--faults", login=SUPERVISOR).out == "no PTZ faults\n"
    assert cli("ptz", "sessions", "--open", login=SUPERVISOR).out == "no open PTZ sessions\n"
    assert cli("ptz", "sessions", "--faults", "--json", login=SUPERVISOR).out == "[]\n"
    ptz_session(world)
    (session,) = json.loads(cli("ptz", "sessions", "--json", login=SUPERVISOR).out)
    assert (session["camera"], session["actor"], session["ended_by"]) == (
        COND, "zhangsan", "sweep")
    assert session["started_at"].startswith("2026-01-01T")       # ISO 8601, with its offset


@SQLITE
def test_audit_show_json_holds_the_whole_session(cli: CentreCli, world: World) -> None:
    login = world.auth(T42).login("zhangsan", PASSWORD)
    assert login.ok and login.session is not None
    records = json.loads(cli("audit", "show", "--session", login.session.code, "--json",
                             login=SUPERVISOR).out)
    assert [r["action"] for r in records][:1] == ["LOGIN"]
    assert isinstance(records[0]["params"], dict)            # an object, not a JSON string


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


@SQLITE
def test_on_a_terminal_the_columns_line_up_with_chinese_text(cli: CentreCli) -> None:
    out = _Tty()
    saved = sys.stdin
    sys.stdin = io.StringIO(f"{PASSWORD}\n")
    try:
        with contextlib.redirect_stdout(out):
            code = main(["admin", "list", "users", "--terminal-dir", str(cli.files.root),
                         "--login", ADMINISTRATOR, "--login-password-stdin"])
    finally:
        sys.stdin = saved
    assert code == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("ACCOUNT  ") and "\t" not in out.getvalue()
    unit = lines[0].index("UNIT")                 # each row's unit starts under UNIT
    names = 0
    for line in lines[1:]:
        account, name, unit_code = re.split(r" {2,}", line)[:3]
        names += any(display_width(c) == 2 for c in name)
        where = line.index(unit_code, line.index(name) + len(name))
        assert display_width(line[:where]) == unit, (account, line)
    assert names >= 4                             # the real names are Chinese


def test_display_width_and_alignment() -> None:
    assert [display_width(t) for t in ("abc", "张三", "ｱ", "é", "e\u0301", "")] == \
        [3, 4, 1, 1, 1, 0]
    out = io.StringIO()
    write_list(out, (Column("a", "NAME"), Column("b", "UNIT")),
               [{"a": "市城运中心", "b": "X"}, {"a": "zhao", "b": None}],
               as_json=False, empty="none", aligned=True)
    assert out.getvalue().splitlines() == ["NAME        UNIT", "市城运中心  X",
                                           "zhao        -"]
