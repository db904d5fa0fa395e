"""After a restart the console shows what it showed: the desk's layout and cameras, and the
wall's, per person and terminal. Reopening goes through the normal flow against the real
centre: each view is checked and registered again, a camera whose grant ended is not reopened
(and the operator is told), a grant that needs a purpose asks for it again."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings
from sqlalchemy import select

from console.audit.writer import Actor
from console.codes import Action, Outcome, Role
from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from console.live.last_views import LastViews, from_json, settings_key, to_json
from console.storage.models import AuditRecord
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from console.wall.presets import OutputPreset
from tests.conftest import World
from tests.support.catalog import COND, UNCOND, UNCOND_WUZHONG, add_cameras
from tests.views_support import logged_in, prepare_app, services_for

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
MORE = {"32050801001310000006": ("十全街", "unconditional", "CENTRE", "32050801"),
        "32050801001310000007": ("凤凰街", "unconditional", "CENTRE", "32050801")}
SHIQUAN, FENGHUANG = MORE


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


@pytest.fixture
def cameras(world: World) -> World:
    add_cameras(world.db, world.clock)
    add_cameras(world.db, world.clock, MORE)
    return world


def grant_cond(world: World, account: str = "zhangsan", hours: float = 2) -> None:
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user=account), Scope("camera", COND), ["live"], valid_from=now,
        valid_to=now + timedelta(hours=hours), purpose="观前街人流巡查", approver="刘主任",
        reference="SP-7")


def start(qtbot, world: World, account: str = "zhangsan") -> MainWindow:
    """Log in and show the console, as after starting it."""
    services = services_for(world)
    session, policy = logged_in(services, account)
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.restore.restored)
    return window


def open_in(window: MainWindow, code: str, tile: int, purpose: str = "") -> None:
    entry = window.camera_dock.entry_for_code(code)
    assert entry is not None
    window._open_view(entry, tile, purpose)
    assert window.view_grid.tiles[tile].ticket is not None


def shown(window: MainWindow) -> list[str | None]:
    return [t.ticket.camera_code if t.ticket is not None else None
            for t in window.view_grid.tiles]


def opens(world: World) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == Action.VIEW_OPEN)
                              .order_by(AuditRecord.seq)).scalars())


def test_a_restart_shows_the_same_layout_and_cameras(qtbot, cameras):
    window = start(qtbot, cameras)
    assert shown(window) == [None] * 4            # nothing kept yet: the default layout
    window.desk.set_layout(9)
    for tile, code in ((0, UNCOND), (2, UNCOND_WUZHONG), (4, SHIQUAN), (8, FENGHUANG)):
        open_in(window, code, tile)
    before = shown(window)
    window.close()                                 # exit: logged out, the views closed
    kept = from_json(QSettings().value(settings_key("zhangsan", "T-0042")))
    assert kept is not None and kept.desk is not None and list(kept.desk.tiles) == before
    for tile in window.view_grid.tiles:            # after the end nothing is kept any more
        tile.show_free()
    window.restore.restore()
    window.restore.save()
    assert from_json(QSettings().value(settings_key("zhangsan", "T-0042"))) == kept
    opened = len(opens(cameras))

    again = start(qtbot, cameras)
    assert again.view_grid.layout_spec.count == 9
    assert shown(again) == before
    assert again.purpose_dialog is None
    # each view was opened again through the centre, checked and registered
    reopened = opens(cameras)[opened:]
    assert sorted(r.target for r in reopened) == sorted([UNCOND, UNCOND_WUZHONG, SHIQUAN,
                                                         FENGHUANG])
    assert all(r.outcome == Outcome.OK for r in reopened)
    again.close()


def test_another_person_on_the_same_terminal_does_not_get_them(qtbot, cameras):
    window = start(qtbot, cameras)
    open_in(window, UNCOND, 1)
    window.close()
    QSettings().setValue(settings_key("lisi", "T-0042"), "not json")   # damaged: ignored
    other = start(qtbot, cameras, "lisi")
    assert other.view_grid.tickets() == []
    other.close()


def test_a_camera_whose_grant_ended_is_not_reopened_and_said_so(qtbot, cameras):
    grant_cond(cameras, hours=1)
    window = start(qtbot, cameras)
    open_in(window, COND, 0, purpose="观前街人流巡查")
    open_in(window, UNCOND, 3)
    window.close()
    cameras.clock.advance(timedelta(hours=2))      # the grant ended meanwhile
    opened = len(opens(cameras))

    again = start(qtbot, cameras)
    assert shown(again) == [None, None, None, UNCOND]
    assert again.purpose_dialog is None            # nothing asked for a camera not reopened
    assert COND in again.notice_bar.text()
    assert again.restore.skipped == [COND]
    assert [r.target for r in opens(cameras)[opened:]] == [UNCOND]   # not even tried
    again.close()


def test_a_grant_that_needs_a_purpose_asks_for_it_again(qtbot, cameras):
    grant_cond(cameras)
    window = start(qtbot, cameras)
    open_in(window, COND, 1, purpose="第一次：人流巡查")
    open_in(window, UNCOND, 0)
    window.close()

    again = start(qtbot, cameras)
    assert shown(again) == [UNCOND, None, None, None]     # opened at once
    dialog = again.purpose_dialog
    assert dialog is not None and dialog.isVisible() and dialog.entry.code == COND
    # while it asks, what is kept still holds the camera waiting for its purpose
    again.restore.save()
    kept = from_json(QSettings().value(settings_key("zhangsan", "T-0042")))
    assert kept is not None and kept.desk is not None and kept.desk.tiles[1] == COND
    dialog.purpose_combo.setCurrentText("第二次：警情跟进")
    dialog.ok_button.click()
    assert shown(again) == [UNCOND, COND, None, None]
    assert again.view_grid.tiles[1].ticket.purpose == "第二次：警情跟进"
    record = opens(cameras)[-1]
    assert (record.target, json.loads(record.params)["purpose"]) == (COND, "第二次：警情跟进")
    again.close()


def test_the_wall_outputs_come_back_too(qtbot, cameras):
    grant_cond(cameras, "lisi")
    window = start(qtbot, cameras, "lisi")
    wall = window.wall
    assert wall is not None
    output = wall.output("test")
    assert output is not None
    wall.set_layout(output, 4)
    wall.request_open(window.camera_dock.entry_for_code(UNCOND), output, 2)
    assert output.grid.tiles[2].ticket is not None
    window.close()

    again = start(qtbot, cameras, "lisi")
    assert again.wall is not None
    output = again.wall.output("test")
    assert output is not None and output.grid.layout_spec.count == 4
    assert [t.ticket.camera_code if t.ticket else None for t in output.grid.tiles] == [
        None, None, UNCOND, None]
    again.close()


def test_what_is_kept_reads_back_and_holds_no_view_or_secret():
    views = LastViews(OutputPreset("desk", 4, (UNCOND, None, None, COND)),
                      (OutputPreset("HDMI-1", 1, (UNCOND_WUZHONG,)),))
    text = to_json(views)
    assert from_json(text) == views
    assert set(json.loads(text)) == {"version", "desk", "wall"}
    for bad in (None, "", "[]", '{"version": 2}', '{"version": 1, "desk": {"name": "desk", '
                '"layout": 5, "tiles": []}}', '{"version": 1, "wall": {}}'):
        assert from_json(bad) is None
