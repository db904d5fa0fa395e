"""Opening cameras from the main window through the real access service: the tree shows the
permitted cameras, a view opens in a free tile (asking the purpose when a grant opens it),
closes from the tile, opens where a camera is dropped, and every step is in the usage
register. The permission watch: a revoked or expired grant closes its view within 5 seconds
with the reason, in the tile and in the status bar."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QEnterEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from console.audit.writer import Actor
from console.codes import Action, Outcome, Reason, Role
from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from console.player.tile import TileState, VideoTile
from console.storage.models import AuditRecord
from console.views.camera_tree_model import encode_codes
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER, World
from tests.support.catalog import COND, UNCOND, UNCOND_WUZHONG, add_cameras
from tests.views_support import logged_in, prepare_app, services_for

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
WITHIN = 5000   # ms: R6/R15 — a view no longer permitted closes within 5 seconds


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


@pytest.fixture
def cameras(world: World) -> World:
    add_cameras(world.db, world.clock)
    return world


def grant_cond(world: World, hours: float = 2) -> int:
    now = world.clock.now()
    return GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"], valid_from=now,
        valid_to=now + timedelta(hours=hours), purpose="观前街人流巡查", approver="刘主任",
        reference="SP-7")


def open_window(qtbot, world: World, **kw) -> MainWindow:
    services = services_for(world)
    session, policy = logged_in(services)
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy, **kw)
    qtbot.addWidget(window)
    window.show()
    return window


def records(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


def open_from_tree(window: MainWindow, code: str) -> None:
    dock = window.camera_dock
    assert dock.select_camera(code)
    dock.tree.activated.emit(dock.tree.currentIndex())


def drop(tile: VideoTile, code: str) -> None:
    data = encode_codes([code])
    centre = tile.rect().center()
    enter = QDragEnterEvent(centre, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tile, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(centre), Qt.DropAction.CopyAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tile, event)


def test_the_dock_shows_the_permitted_cameras(qtbot, cameras):
    window = open_window(qtbot, cameras)
    dock = window.camera_dock
    assert dock.status_label.text() == "共 2 个监控点，2 个在线"
    assert dock.entry_for_code(UNCOND) is not None and dock.entry_for_code(COND) is None
    assert dock.select_camera(UNCOND)
    assert dock.details.text("maintainer") == "某维保公司"     # read through the service


def test_an_unconditional_camera_opens_in_the_first_free_tile(qtbot, cameras):
    window = open_window(qtbot, cameras)
    open_from_tree(window, UNCOND)
    tile = window.view_grid.tiles[0]
    assert tile.state == TileState.SHOWING and window.purpose_dialog is None
    assert tile.osd_spec().title == "平江路与白塔东路交叉口"
    assert tile.ticket.camera_code == UNCOND
    assert tile.until_text == "实时预览，长期有效"
    assert tile.purpose_text == ""
    assert tile.stream_kind is not None        # the tile asked for its stream
    assert [t.camera_code for t in window.view_grid.tickets()] == [UNCOND]
    record = records(cameras, Action.VIEW_OPEN)[-1]
    assert (record.target, record.outcome) == (UNCOND, Outcome.OK)
    open_from_tree(window, UNCOND_WUZHONG)
    assert window.view_grid.tiles[1].ticket is not None


def test_a_view_opens_with_its_stream_in_one_request(qtbot, cameras):
    """The tile's stream comes back with the view (POST /views with the stream the tile
    wants): the tile plays it without asking again, and the register shows the open and
    then the stream, as before."""
    window = open_window(qtbot, cameras)
    asked: list[object] = []
    window.view_grid.source_wanted.connect(lambda *args: asked.append(args))
    open_from_tree(window, UNCOND)
    tile = window.view_grid.tiles[0]
    assert tile.state == TileState.SHOWING and tile.ticket is not None
    assert asked == []                          # no second request for the stream
    assert tile.player is not None and tile.stream_kind == tile.wanted_stream()
    assert [(r.action, json.loads(r.params)["view"]) for r in records(
        cameras, Action.VIEW_OPEN) + records(cameras, Action.VIEW_STREAM)] == [
        (Action.VIEW_OPEN, tile.ticket.id), (Action.VIEW_STREAM, tile.ticket.id)]


def test_a_granted_camera_asks_the_purpose_and_registers_it(qtbot, cameras):
    grant_cond(cameras)
    window = open_window(qtbot, cameras)
    open_from_tree(window, COND)
    dialog = window.purpose_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.purpose == "观前街人流巡查"          # the grant's purpose, preselected
    assert window.view_grid.tickets() == []
    dialog.purpose_combo.setCurrentText("  ")
    assert not dialog.ok_button.isEnabled()
    dialog.purpose_combo.setCurrentText("2026-0153 警情跟进")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    tile = window.view_grid.tiles[0]
    assert tile.ticket is not None and tile.ticket.purpose == "2026-0153 警情跟进"
    assert tile.purpose_text == "调阅事由：2026-0153 警情跟进"
    until = (cameras.clock.now() + timedelta(hours=2)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert tile.until_text == f"实时预览，至 {until}"
    params = json.loads(records(cameras, Action.VIEW_OPEN)[-1].params)
    assert params["purpose"] == "2026-0153 警情跟进" and params["approver"] == "刘主任"
    assert window.recent_purposes == ["2026-0153 警情跟进"]
    open_from_tree(window, COND)                      # the recent purpose is offered again
    items = [window.purpose_dialog.purpose_combo.itemText(i)
             for i in range(window.purpose_dialog.purpose_combo.count())]
    assert items == ["观前街人流巡查", "2026-0153 警情跟进"]
    window.purpose_dialog.reject()
    assert window.purpose_dialog is None and len(window.view_grid.tickets()) == 1


def test_the_close_button_closes_the_view_and_registers_it(qtbot, cameras):
    window = open_window(qtbot, cameras)
    open_from_tree(window, UNCOND)
    tile = window.view_grid.tiles[0]
    ticket = tile.ticket
    assert ticket is not None and not tile.close_button.isVisible()  # shown on hover
    QApplication.sendEvent(tile, QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5)))
    assert tile.close_button.isVisible()
    tile.close_button.click()
    assert tile.state == TileState.FREE and window.view_grid.tickets() == []
    assert tile.ticket is None and not tile.close_button.isVisible()
    record = records(cameras, Action.VIEW_CLOSE)[-1]
    assert (record.target, record.reason) == (UNCOND, Reason.VIEW_CLOSED)
    assert json.loads(record.params)["view"] == ticket.id


def test_dropping_a_camera_from_the_tree_opens_it_on_that_tile(qtbot, cameras):
    window = open_window(qtbot, cameras)
    dock, tiles = window.camera_dock, window.view_grid.tiles
    dock.select_camera(UNCOND_WUZHONG)
    data = dock.model.mimeData([dock.tree.currentIndex()])
    assert not data.hasText()                          # nothing for the clipboard or an editor
    drop(tiles[3], UNCOND_WUZHONG)
    assert tiles[3].ticket is not None and tiles[3].ticket.camera_code == UNCOND_WUZHONG
    first = tiles[3].ticket
    drop(tiles[3], UNCOND)                             # onto a busy tile: replaces its view
    assert tiles[3].ticket is not None and tiles[3].ticket.camera_code == UNCOND
    closes = records(cameras, Action.VIEW_CLOSE)
    assert [json.loads(r.params)["view"] for r in closes] == [first.id]
    assert window.view_grid.free_tile() == 0


def test_a_refused_open_says_why_in_the_tile_and_the_status_bar(qtbot, cameras):
    grant_id = grant_cond(cameras)
    window = open_window(qtbot, cameras, permission_check_ms=60_000)
    entry = window.camera_dock.entry_for_code(COND)
    assert entry is not None
    GrantService(cameras.db, cameras.clock).revoke(ADMIN, grant_id, "申请人调岗")
    window.request_open(entry, 2)                      # the tree has not reloaded yet
    window.purpose_dialog.ok_button.click()
    tile = window.view_grid.tiles[2]
    assert tile.state == TileState.FREE
    assert tile.message == "观前街北局：该监控点的授权已被撤销。"
    assert window.notice_bar.text() == tile.message
    record = records(cameras, Action.VIEW_OPEN)[-1]
    assert (record.outcome, record.reason) == (Outcome.DENIED, Reason.GRANT_REVOKED)
    assert window.view_grid.free_tile() == 0           # a tile with a message comes last


def test_when_every_tile_is_busy_the_operator_is_told(qtbot, cameras):
    window = open_window(qtbot, cameras)
    for _ in range(4):
        open_from_tree(window, UNCOND)
    assert window.view_grid.free_tile() is None
    open_from_tree(window, UNCOND_WUZHONG)
    assert window.notice_bar.text().startswith("所有窗格均在使用中")
    assert len(window.view_grid.tickets()) == 4


def test_a_revoked_grant_closes_its_view_within_five_seconds(qtbot, cameras):
    grant_id = grant_cond(cameras)
    window = open_window(qtbot, cameras)               # the default 2-second check
    assert window.permission_watch.interval_ms == 2000
    open_from_tree(window, COND)
    window.purpose_dialog.ok_button.click()
    open_from_tree(window, UNCOND)
    tile = window.view_grid.tiles[0]
    assert tile.ticket is not None
    GrantService(cameras.db, cameras.clock).revoke(ADMIN, grant_id, "申请人调岗")
    qtbot.waitUntil(lambda: tile.state == TileState.FREE, timeout=WITHIN)
    revoked_at = cameras.clock.now().astimezone().strftime("%Y-%m-%d %H:%M")
    assert tile.message == (f"观前街北局：该监控点的授权已被撤销。撤销时间：{revoked_at}。"
                            "撤销原因：申请人调岗")
    assert window.notice_bar.text() == tile.message
    assert window.view_grid.tiles[1].ticket is not None            # the other view stays
    record = records(cameras, Action.VIEW_CLOSE)[-1]
    assert (record.target, record.reason) == (COND, Reason.GRANT_REVOKED)
    # the tree reloaded too: the camera is gone from it
    assert window.camera_dock.entry_for_code(COND) is None
    assert window.camera_dock.status_label.text() == "共 2 个监控点，2 个在线"


def test_an_expired_grant_closes_its_view_and_leaves_the_tree(qtbot, cameras):
    grant_cond(cameras, hours=1)
    window = open_window(qtbot, cameras, permission_check_ms=50)
    window.camera_dock.search_edit.setText("观前")
    open_from_tree(window, COND)
    window.purpose_dialog.ok_button.click()
    tile = window.view_grid.tiles[0]
    end = cameras.clock.now() + timedelta(hours=1)
    cameras.clock.advance(timedelta(hours=1))          # nothing else changed: next_change
    qtbot.waitUntil(lambda: tile.state == TileState.FREE, timeout=WITHIN)
    assert tile.message == ("观前街北局：该监控点的授权已过期。授权已于 "
                            f"{end.astimezone().strftime('%Y-%m-%d %H:%M')} 到期。")
    qtbot.waitUntil(lambda: window.camera_dock.entry_for_code(COND) is None, timeout=WITHIN)
    assert window.camera_dock.search_edit.text() == "观前"
    assert window.camera_dock.status_label.text() == "没有与搜索条件匹配的监控点。"


def test_a_new_grant_appears_in_the_tree_keeping_the_search(qtbot, cameras):
    window = open_window(qtbot, cameras, permission_check_ms=50)
    dock = window.camera_dock
    dock.search_edit.setText("观前")
    assert dock.model.rowCount() == 0
    grant_cond(cameras)
    qtbot.waitUntil(lambda: dock.entry_for_code(COND) is not None, timeout=WITHIN)
    assert dock.search_edit.text() == "观前" and dock.status_label.text() == "找到 1 个监控点"


def test_logging_out_registers_the_end_of_open_views(qtbot, cameras):
    window = open_window(qtbot, cameras)
    open_from_tree(window, UNCOND)
    window.logout_action.trigger()      # one view open: asked first
    assert window.confirm_box is not None
    with qtbot.waitSignal(window.logged_out):
        window.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    record = records(cameras, Action.VIEW_CLOSE)[-1]
    assert (record.target, record.reason) == (UNCOND, Reason.LOGOUT)


def test_english_texts_for_the_new_parts(qtbot, cameras):
    prepare_app("en")
    grant_cond(cameras)
    window = open_window(qtbot, cameras)
    dock = window.camera_dock
    assert dock.status_label.text() == "3 monitoring points, 3 online"
    dock.search_edit.setText("观前")           # one camera matches: a singular, not "1 matches"
    qtbot.waitUntil(lambda: dock.status_label.text() == "1 match", timeout=2000)
    dock.search_edit.setText("")
    open_from_tree(window, COND)
    dialog = window.purpose_dialog
    assert dialog is not None and dialog.windowTitle() == "Purpose of this view"
    dialog.ok_button.click()
    tile = window.view_grid.tiles[0]
    assert tile.purpose_text == "Purpose: 观前街人流巡查"
    assert tile.until_text.startswith("Live view until ")
    assert dock.details.labels["owner"].text() == "Owner unit"


def test_a_tile_accepts_only_camera_drags(qtbot, cameras):
    window = open_window(qtbot, cameras)
    tile = window.view_grid.tiles[0]
    text = QMimeData()
    text.setText(UNCOND)
    enter = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, text,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(tile, enter)
    assert not enter.isAccepted()


def test_a_camera_dropped_that_is_no_longer_permitted_is_refused(qtbot, cameras):
    window = open_window(qtbot, cameras)
    drop(window.view_grid.tiles[1], COND)                # not in this operator's tree
    assert window.view_grid.tickets() == []
    assert window.notice_bar.text() == "资源目录中没有该监控点。"


def test_locked_console_opens_nothing(qtbot, cameras):
    window = open_window(qtbot, cameras)
    window.lock(Reason.OK)
    entry = window.camera_dock.entry_for_code(UNCOND)
    assert entry is not None
    window.request_open(replace(entry), 0)
    assert window.view_grid.tickets() == []


def test_views_of_a_session_ended_by_the_administrator_are_registered_as_ended(
        qtbot, cameras):
    window = open_window(qtbot, cameras, heartbeat_ms=20)
    open_from_tree(window, UNCOND)
    cameras.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)
    qtbot.waitUntil(lambda: window.end_notice is not None, timeout=WITHIN)
    record = records(cameras, Action.VIEW_CLOSE)[-1]
    assert (record.target, record.reason) == (UNCOND, Reason.USER_DISABLED)


def test_enter_in_the_purpose_field_opens_the_view(qtbot, cameras):
    grant_cond(cameras)
    window = open_window(qtbot, cameras)
    open_from_tree(window, COND)
    dialog = window.purpose_dialog
    assert dialog is not None
    line = dialog.purpose_combo.lineEdit()
    assert line is not None
    qtbot.keyClick(line, Qt.Key.Key_Return)
    tile = window.view_grid.tiles[0]
    assert tile.ticket is not None and tile.ticket.purpose == "观前街人流巡查"
    assert window.purpose_dialog is None


def test_long_details_wrap_and_scroll_instead_of_overlapping(qtbot, cameras):
    window = open_window(qtbot, cameras)
    details = window.camera_dock.details
    assert details.scroll_area.widgetResizable()
    value = details.values["legal_basis"]
    value.setText("涉及校园内部区域，依据《姑苏区视频资源共享管理办法》第七条第三款不予共享" * 2)
    assert value.wordWrap()
    assert value.heightForWidth(200) > value.fontMetrics().height() * 1.5


def test_the_close_button_shows_only_while_the_pointer_is_over_a_view(qtbot, cameras):
    """A child widget over the picture is repainted with every picture: it is there only
    while the operator points at the tile (and never on a free tile)."""
    window = open_window(qtbot, cameras)
    tile = window.view_grid.tiles[0]
    enter = QEnterEvent(QPointF(5, 5), QPointF(5, 5), QPointF(5, 5))
    QApplication.sendEvent(tile, enter)
    assert not tile.close_button.isVisible()          # free tile: nothing to close
    open_from_tree(window, UNCOND)
    assert window.view_grid.tiles[0].ticket is not None and tile.close_button.isVisible()
    QApplication.sendEvent(tile, QEvent(QEvent.Type.Leave))
    assert not tile.close_button.isVisible()
    QApplication.sendEvent(tile, enter)
    assert tile.close_button.isVisible()
    button = tile.close_button.geometry()
    assert button.right() == tile.width() - 2 and button.top() == 1
