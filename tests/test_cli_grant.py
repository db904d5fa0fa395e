"""``main.py grant …``: the installer records approved grants, emergency grants, revocations;
bad input gets one line naming the problem and a non-zero exit, and nothing is written."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from console.storage.models import AuditRecord, Grant
from main import main
from tests.conftest import World
from tests.support.catalog import COND, NOT_SHARED, add_cameras


@pytest.fixture
def url(world: World) -> str:
    add_cameras(world.db, world.clock)
    return world.db.url.render_as_string(hide_password=False)


def grant_count(world: World) -> int:
    with world.db.transaction() as s:
        return s.execute(select(func.count()).select_from(Grant)).scalar_one()


def run(url: str, *args: str) -> int:
    return main(["grant", *args, "--database-url", url])


def test_add_list_revoke(world: World, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(url, "add", "--user", "zhangsan", "--camera", COND, "--rights", "live,ptz",
               "--from", "2026-01-01", "--to", "2099-06-30", "--purpose", "道路巡查",
               "--approver", "刘主任", "--reference", "SP-2026-001") == 0
    out = capsys.readouterr().out
    assert "grant #1 issued: user:zhangsan camera:" in out and "2099-07-01 00:00" in out
    assert run(url, "emergency", "--unit", "CENTRE", "--camera", NOT_SHARED, "--rights", "live",
               "--reason", "火情处置", "--hours", "2") == 0
    assert "emergency grant #2 issued; expires" in capsys.readouterr().out
    assert run(url, "list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and lines[0].startswith("#1\tactive\tgrant\tuser:zhangsan")
    assert "\temergency\tunit:CENTRE\t" in lines[1]
    assert run(url, "revoke", "1", "--reason", "使用结束") == 0
    assert run(url, "list") == 0
    assert capsys.readouterr().out.count("\n") == 2          # the revoke line + one grant
    assert run(url, "list", "--all", "--user", "zhangsan") == 0
    assert "revoked" in capsys.readouterr().out
    with world.db.transaction() as s:
        records = list(s.execute(select(AuditRecord).where(
            AuditRecord.action.in_(["GRANT_ISSUE", "GRANT_EMERGENCY", "GRANT_REVOKE"]))
            .order_by(AuditRecord.seq)).scalars())
    assert [r.action for r in records] == ["GRANT_ISSUE", "GRANT_EMERGENCY", "GRANT_REVOKE"]
    assert all(r.actor.startswith("cli:") for r in records)
    assert json.loads(records[0].params)["reference"] == "SP-2026-001"


@pytest.mark.parametrize(("args", "code", "message"), [
    (["add", "--user", "zhangsan", "--camera", COND, "--rights", "live", "--to", "30 June",
      "--purpose", "p", "--approver", "a", "--reference", "r"], 2, "--to '30 June' is not a time"),
    (["add", "--user", "zhangsan", "--camera", COND, "--rights", "watch", "--to", "2099-01-01",
      "--purpose", "p", "--approver", "a", "--reference", "r"], 1, "rights: 'watch' is not one of"),
    (["add", "--user", "zhangsan", "--camera", NOT_SHARED, "--rights", "live",
      "--to", "2099-01-01", "--purpose", "p", "--approver", "a", "--reference", "r"], 1,
     "is not shared"),
    (["add", "--user", "zhangsan", "--unit", "CENTRE", "--camera", COND, "--rights", "live",
      "--to", "2099-01-01", "--purpose", "p", "--approver", "a", "--reference", "r"], 2,
     "not allowed with argument"),
    (["emergency", "--user", "zhangsan", "--camera", COND, "--rights", "live", "--reason", "x",
      "--hours", "30"], 1, "hours: 30 h is outside"),
    (["revoke", "42", "--reason", "x"], 1, "no grant #42"),
    (["add", "--user", "nobody", "--region", "320508", "--rights", "live", "--to", "2099-01-01",
      "--purpose", "p", "--approver", "a", "--reference", "r"], 1, "unknown account 'nobody'"),
])
def test_bad_input(world: World, url: str, capsys: pytest.CaptureFixture[str], args: list[str],
                   code: int, message: str) -> None:
    assert run(url, *args) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
    assert grant_count(world) == 0
