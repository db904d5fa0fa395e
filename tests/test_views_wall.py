"""The video wall driven from the console (offscreen: one screen, so the test output; a second
screen is a stand-in passed to the screen handlers): views opened on the wall are registered
with their output, a disconnected screen closes its views with the reason, the wall carries
the operator's watermark, the miniature follows the wall, presets are saved, recalled (one
purpose for the cameras that need one, refusals reported) and deleted."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QMainWindow
from sqlalchemy import select

from console.access.model import CameraEntry, ViewClosed
from console.audit.writer import Actor
from console.auth.results import SessionInfo
from console.codes import Action, Outcome, Reason, Role
from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from console.player.tile import TileState
from console.services import Services
from console.storage.models import AuditRecord
from console.views.camera_dock import CameraDock
from console.views.camera_tree_model import encode_codes
from console.views.tasks import TaskRunner
from console.views.wall_control import WallControl, WallMiniature
from console.views.wall_output import TEST_PLACE_KEY, WallOutputWindow
from console.wall.presets import OutputPreset, WallPreset
from tests.conftest import World
from tests.support.catalog import COND, UNCOND, UNCOND_WUZHONG, add_cameras
from tests.views_support import logged_in, prepare_app, services_for, visible_texts

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
GRANTED = "32050801001310000006"      # conditional, CENTRE's: lisi sees it with a grant
OTHERS = "32050801001310000007"       # not shared, CENTRE's: lisi never sees it
EXTRA = {GRANTED: ("十全街", "conditional", "CENTRE", "32050801"),
         OTHERS: ("市中心机房", "not_shared", "CENTRE", "32050801")}


class FakeScreen:
    """A second monitor (offscreen Qt has one screen)."""

    def __init__(self, name: str, rect: QRect) -> None:
        self._name, self._rect = name, rect

    def name(self) -> str:
        return self._name

    def serialNumber(self) -> str:
        return ""

    def geometry(self) -> QRect:
        return self._rect


class Desk(QMainWindow):
    """What the wall uses of the main window: the camera dock and the status bar."""

    def __init__(self, services: Services, runner: TaskRunner, session: SessionInfo) -> None:
        super().__init__()
        self.resize(1200, 800)
        self.camera_dock = CameraDock(self, runner=runner, details=lambda entry: entry)
        self.camera_dock.set_catalogue(services.access.snapshot(session.session_id))
        self.recent_purposes: list[str] = []
        self.messages: list[str] = []

    def show_message(self, text: str) -> None:
        self.messages.append(text)


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


@pytest.fixture
def cameras(world: World) -> World:
    add_cameras(world.db, world.clock)
    add_cameras(world.db, world.clock, EXTRA)
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="lisi"), Scope("camera", GRANTED), ["live"], valid_from=now,
        valid_to=now + timedelta(hours=2), purpose="十全街巡查", approver="刘主任",
        reference="SP-9")
    return world


class Wall:
    def __init__(self, qtbot, world: World, account: str = "lisi", **kw: object) -> None:
        self.world = world
        self.services = services_for(world)
        self.session, policy = logged_in(self.services, account)
        self.runner = TaskRunner(synchronous=True)
        self.desk = Desk(self.services, self.runner, self.session)
        qtbot.addWidget(self.desk)
        self.control = WallControl(self.desk, self.services, self.runner, self.session,
                                   policy, **kw)  # type: ignore[arg-type]
        self.desk.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.control.dock)
        self.desk.show()

    def entry(self, code: str) -> CameraEntry:
        entry = self.desk.camera_dock.entry_for_code(code)
        assert entry is not None
        return entry

    def miniature(self, name: str) -> WallMiniature:
        return self.control.dock.rows[name].miniature


@pytest.fixture
def wall(qtbot, cameras: World) -> Iterator[Wall]:
    made = Wall(qtbot, cameras)
    yield made
    made.control.shutdown()


def records(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


def params(record: AuditRecord) -> dict[str, object]:
    loaded: dict[str, object] = json.loads(record.params)
    return loaded


def drop(widget, code: str, where: QPointF) -> None:
    data = encode_codes([code])
    enter = QDragEnterEvent(where.toPoint(), Qt.DropAction.CopyAction, data,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    event = QDropEvent(where, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def only_output(wall: Wall) -> WallOutputWindow:
    [output] = wall.control.outputs
    return output


# -- outputs -------------------------------------------------------------------------------------


def test_one_screen_gives_a_test_output_in_an_ordinary_window(wall: Wall):
    output = only_output(wall)
    assert output.name == "test" and output.is_test
    assert not output.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not output.isVisible()                 # until something is shown on it
    assert output.grid.context.wall
    assert wall.control.dock.rows["test"].show_button is not None


def test_a_wall_screen_gets_a_frameless_full_screen_output(qtbot, cameras):
    desk_screen = QApplication.primaryScreen()
    hdmi = FakeScreen("HDMI-1", QRect(1920, 0, 1920, 1080))
    made = Wall(qtbot, cameras, screens=lambda: [desk_screen, hdmi],
                desk_screen=lambda: desk_screen)
    try:
        output = only_output(made)
        assert (output.name, output.is_test, output.wall_screen) == ("HDMI-1", False, hdmi)
        assert output.windowFlags() & Qt.WindowType.FramelessWindowHint
        assert output.isVisible() and output.windowState() & Qt.WindowState.WindowFullScreen
        assert made.control.dock.rows["HDMI-1"].title.text() == "屏幕 HDMI-1"
        assert made.miniature("HDMI-1").height() == round(240 * 1080 / 1920)
    finally:
        made.control.shutdown()
    assert made.control.outputs == []


def test_a_duty_officer_gets_no_wall(qtbot, cameras):
    services = services_for(cameras)
    session, policy = logged_in(services, "zhangsan")
    desk = Desk(services, TaskRunner(synchronous=True), session)
    qtbot.addWidget(desk)
    assert not services.wall.may_drive_wall(session.role)
    with pytest.raises(ValueError, match="may not drive the wall"):
        WallControl(desk, services, TaskRunner(synchronous=True), session, policy)


# -- opening and closing -------------------------------------------------------------------------


def test_a_camera_sent_to_the_wall_is_registered_with_its_output(wall: Wall):
    assert wall.control.send_to_wall(wall.entry(UNCOND), "test")
    output = only_output(wall)
    tile = output.grid.tiles[0]
    assert tile.state == TileState.SHOWING and tile.ticket is not None
    assert tile.ticket.output == "wall:test"
    assert output.isVisible()                     # the test output shows itself
    opened = records(wall.world, Action.VIEW_OPEN)[-1]
    assert (opened.actor, opened.target, opened.outcome) == ("lisi", UNCOND, Outcome.OK)
    assert params(opened)["output"] == "wall:test"
    stream = records(wall.world, Action.VIEW_STREAM)[-1]   # the tile asked for its stream
    assert (stream.target, params(stream)["output"]) == (UNCOND, "wall:test")
    assert [t.camera_code for t in wall.control.tickets()] == [UNCOND]

    tile.close_requested.emit(0)
    closed = records(wall.world, Action.VIEW_CLOSE)[-1]
    assert (closed.target, closed.reason, params(closed)["output"]) == (
        UNCOND, Reason.VIEW_CLOSED, "wall:test")
    assert tile.is_free and wall.control.tickets() == []


def test_a_camera_needing_a_purpose_asks_it_first(wall: Wall):
    wall.control.send_to_wall(wall.entry(GRANTED), "test")
    dialog = wall.control.purpose_dialog
    assert dialog is not None and dialog.purpose_combo.currentText() == "十全街巡查"
    dialog.ok_button.click()
    opened = records(wall.world, Action.VIEW_OPEN)[-1]
    assert (opened.target, params(opened)["purpose"], params(opened)["approver"]) == (
        GRANTED, "十全街巡查", "刘主任")
    assert wall.control.recent_purposes == ["十全街巡查"]


def test_a_camera_dropped_on_the_miniature_opens_on_the_tile_under_the_point(wall: Wall):
    mini = wall.miniature("test")
    drop(mini, UNCOND, QPointF(mini.width() * 0.75, mini.height() * 0.75))
    tiles = only_output(wall).grid.tiles
    assert [t.ticket.camera_code if t.ticket else None for t in tiles] == [
        None, None, None, UNCOND]
    drop(mini, COND, QPointF(mini.width() * 0.75, mini.height() * 0.25))
    assert tiles[1].ticket is not None and tiles[1].ticket.camera_code == COND


def test_every_tile_busy_says_so(wall: Wall):
    output = only_output(wall)
    wall.control.set_layout(output, 1)
    assert wall.control.send_to_wall(wall.entry(UNCOND), "test")
    assert not wall.control.send_to_wall(wall.entry(COND), "test")
    assert "测试输出" in wall.desk.messages[-1] or "Test output" in wall.desk.messages[-1]
    assert not wall.control.send_to_wall(wall.entry(COND), "HDMI-9")


def test_a_smaller_layout_closes_the_views_that_no_longer_fit(wall: Wall):
    for code in (UNCOND, COND):
        wall.control.send_to_wall(wall.entry(code), "test")
    wall.control.set_layout(only_output(wall), 1)
    closed = records(wall.world, Action.VIEW_CLOSE)[-1]
    assert (closed.reason, params(closed)["output"]) == (Reason.LAYOUT_CHANGED, "wall:test")
    assert wall.control.dock.rows["test"].layout_combo.currentData() == 1


def test_screens_connected_and_disconnected_while_running(wall: Wall):
    wall.control.send_to_wall(wall.entry(UNCOND), "test")
    hdmi = FakeScreen("HDMI-1", QRect(1920, 0, 1920, 1080))
    wall.control.add_screen(hdmi)
    # the test output made way for the real wall screen; its view was registered closed
    assert [o.name for o in wall.control.outputs] == ["HDMI-1"]
    closed = records(wall.world, Action.VIEW_CLOSE)[-1]
    assert (closed.target, closed.reason, params(closed)["output"]) == (
        UNCOND, Reason.VIEW_CLOSED, "wall:test")
    assert list(wall.control.dock.rows) == ["HDMI-1"]

    wall.control.send_to_wall(wall.entry(COND), "HDMI-1")
    wall.control.send_to_wall(wall.entry(UNCOND_WUZHONG), "HDMI-1")
    wall.control.add_screen(hdmi)                        # announced twice: one output
    assert len(wall.control.outputs) == 1
    wall.control.remove_screen(hdmi)
    closes = records(wall.world, Action.VIEW_CLOSE)[-2:]
    assert {(r.target, r.reason, params(r)["output"]) for r in closes} == {
        (COND, Reason.WALL_SCREEN_REMOVED, "wall:HDMI-1"),
        (UNCOND_WUZHONG, Reason.WALL_SCREEN_REMOVED, "wall:HDMI-1")}
    assert [o.name for o in wall.control.outputs] == ["test"]     # back to the test output
    assert "HDMI-1" in wall.control.dock.status_label.text()


def test_closing_the_test_window_closes_its_views(wall: Wall):
    wall.control.send_to_wall(wall.entry(UNCOND), "test")
    output = only_output(wall)
    output.close()
    assert not output.isVisible() and wall.control.outputs == [output]
    assert records(wall.world, Action.VIEW_CLOSE)[-1].target == UNCOND


def test_stop_all_registers_every_wall_view_closed(wall: Wall):
    for code in (UNCOND, COND):
        wall.control.send_to_wall(wall.entry(code), "test")
    wall.control.stop_all(Reason.LOGOUT)
    closes = records(wall.world, Action.VIEW_CLOSE)
    assert {(r.target, r.reason) for r in closes} == {(UNCOND, Reason.LOGOUT),
                                                      (COND, Reason.LOGOUT)}
    assert wall.control.tickets() == []


def test_views_closed_by_the_permission_watch_free_their_wall_tiles(wall: Wall):
    wall.control.send_to_wall(wall.entry(UNCOND), "test")
    ticket = wall.control.tickets()[0]
    messages = wall.control.views_closed([ViewClosed(ticket, Reason.GRANT_REVOKED)])
    assert len(messages) == 1 and wall.control.tickets() == []
    assert only_output(wall).grid.tiles[0].message == messages[0]


# -- the watermark and the miniature -------------------------------------------------------------


def test_the_wall_carries_the_operators_watermark(wall: Wall):
    wall.control.send_to_wall(wall.entry(UNCOND), "test")
    tile = only_output(wall).grid.tiles[0]
    tile.grab()
    spec = tile.painted_watermark
    assert spec is not None
    text = "\n".join(spec.lines)
    assert "lisi" in text and "李四" in text and "T-0042" in text
    now = wall.world.clock.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert now in spec.lines
    wall.world.clock.advance(timedelta(seconds=5))
    tile.grab()
    later = wall.world.clock.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    assert tile.painted_watermark is not None and later in tile.painted_watermark.lines


def test_the_miniature_follows_the_wall(qtbot, wall: Wall):
    mini = wall.miniature("test")
    qtbot.waitUntil(lambda: mini.frames >= 1, timeout=3000)
    empty = mini.image
    assert empty is not None and empty.size() == mini.size()
    wall.control.send_to_wall(wall.entry(UNCOND), "test")
    frames = mini.frames
    qtbot.waitUntil(lambda: mini.frames > frames, timeout=3000)
    assert mini.image is not None and mini.image != empty
    # rendering the miniature paints the wall's own tiles: watermark included
    assert only_output(wall).grid.tiles[0].painted_watermark is not None


# -- presets -------------------------------------------------------------------------------------


def test_presets_are_saved_recalled_and_deleted_from_the_dock(wall: Wall):
    control, dock = wall.control, wall.control.dock
    for code in (UNCOND, COND):
        control.send_to_wall(wall.entry(code), "test")
    dock.save_button.click()
    dialog = control.name_dialog
    assert dialog is not None
    dialog.setTextValue("早高峰")
    dialog.accept()
    assert dock.current_preset() == "早高峰" and dock.recall_button.isEnabled()
    saved = records(wall.world, Action.WALL_PRESET_SAVE)[-1]
    assert (saved.actor, saved.target) == ("lisi", "早高峰")

    control.clear_output(only_output(wall))
    assert control.tickets() == []
    opened_before = len(records(wall.world, Action.VIEW_OPEN))
    dock.recall_button.click()
    tiles = only_output(wall).grid.tiles
    assert [t.ticket.camera_code if t.ticket else None for t in tiles] == [
        UNCOND, COND, None, None]
    assert len(records(wall.world, Action.VIEW_OPEN)) == opened_before + 2
    assert records(wall.world, Action.WALL_PRESET_RECALL)[-1].target == "早高峰"
    assert "2" in dock.status_label.text() and control.recall is None

    dock.delete_button.click()
    box = control.confirm_box
    assert box is not None
    box.buttons()[0].click()          # Delete
    assert dock.preset_combo.count() == 0 and not dock.recall_button.isEnabled()
    assert records(wall.world, Action.WALL_PRESET_DELETE)[-1].target == "早高峰"


def test_recalling_asks_one_purpose_and_reports_the_refused(wall: Wall):
    preset = WallPreset("p", (OutputPreset("HDMI-1", 4, (GRANTED, OTHERS, UNCOND, None)),
                              OutputPreset("DP-2", 1, (COND,))))
    wall.services.wall.save_preset(wall.session.session_id, "p", preset)
    wall.control.send_to_wall(wall.entry(UNCOND_WUZHONG), "test")   # tile 0, to be replaced
    wall.control.recall_preset("p")
    dialog = wall.control.purpose_dialog
    assert dialog is not None and dialog.objectName() == "presetPurposeDialog"
    dialog.purpose_combo.setCurrentText("春节安保 2026-0153")
    dialog.ok_button.click()
    # HDMI-1 is not connected here: its tiles go to the only output (the test output)
    tiles = only_output(wall).grid.tiles
    assert [t.ticket.camera_code if t.ticket else None for t in tiles] == [
        GRANTED, None, UNCOND, None]
    opened = {r.target: r for r in records(wall.world, Action.VIEW_OPEN)}
    assert params(opened[GRANTED])["purpose"] == "春节安保 2026-0153"
    assert params(opened[UNCOND])["purpose"] == ""
    refused = opened[OTHERS]           # not in the tree: still asked, refusal registered
    assert (refused.outcome, refused.reason) == (Outcome.DENIED, Reason.NOT_SHARED)
    closed = records(wall.world, Action.VIEW_CLOSE)[-1]
    assert closed.target == UNCOND_WUZHONG          # the preset replaced it
    status = wall.control.dock.status_label.text()
    assert OTHERS in status and "DP-2" in status and "2" in status
    assert wall.desk.messages[-1] == status


def test_a_recall_without_a_purpose_opens_the_others(wall: Wall):
    preset = WallPreset("p", (OutputPreset("test", 4, (GRANTED, UNCOND, None, None)),))
    wall.services.wall.save_preset(wall.session.session_id, "p", preset)
    wall.control.recall_preset("p")
    dialog = wall.control.purpose_dialog
    assert dialog is not None
    dialog.reject()
    tiles = only_output(wall).grid.tiles
    assert [t.ticket.camera_code if t.ticket else None for t in tiles] == [
        None, UNCOND, None, None]
    assert "十全街" in tiles[0].message
    assert GRANTED not in {r.target for r in records(wall.world, Action.VIEW_OPEN)}


def test_a_preset_of_a_missing_name_is_reported(wall: Wall):
    wall.control.recall_preset("nothing")
    assert wall.control.dock.status_label.text()
    refused = records(wall.world, Action.WALL_PRESET_RECALL)[-1]
    assert (refused.outcome, refused.reason) == (Outcome.DENIED, Reason.NOT_FOUND)


def test_the_main_window_can_drive_the_wall(qtbot, cameras):
    """The real main window is what WallControl expects of a desk window."""
    from console.views.main_window import MainWindow

    services = services_for(cameras)
    session, policy = logged_in(services, "lisi")
    runner = TaskRunner(synchronous=True)
    window = MainWindow(services, runner, session, policy)
    qtbot.addWidget(window)
    control = WallControl(window, services, runner, session, policy)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, control.dock)
    window.show()
    try:
        entry = window.camera_dock.entry_for_code(UNCOND)
        assert entry is not None and control.send_to_wall(entry, "test")
        assert [t.output for t in control.tickets()] == ["wall:test"]
    finally:
        control.shutdown(Reason.LOGOUT)
    closed = records(cameras, Action.VIEW_CLOSE)[-1]
    assert (closed.target, closed.reason, params(closed)["output"]) == (
        UNCOND, Reason.LOGOUT, "wall:test")


def _wall_texts(wall: Wall) -> list[str]:
    """The texts of the dock and of each wall dialog, each opened in turn."""
    control = wall.control
    control.send_to_wall(wall.entry(UNCOND), "test")
    control.save_preset("p")
    texts = [*visible_texts(control.dock), *visible_texts(only_output(wall)),
             control.dock.rows["test"].title.text(), control.dock.status_label.text()]
    control.dock.save_button.click()
    assert control.name_dialog is not None
    texts += [*visible_texts(control.name_dialog), control.name_dialog.labelText()]
    control.dock.delete_button.click()
    box = control.confirm_box
    assert box is not None
    texts += [*visible_texts(box), box.text()]
    box.reject()
    wall.services.wall.save_preset(wall.session.session_id, "q", WallPreset(
        "q", (OutputPreset("test", 1, (GRANTED,)),)))
    control.recall_preset("q")
    assert control.purpose_dialog is not None
    texts += visible_texts(control.purpose_dialog)
    return [t for t in texts if t]


def test_the_wall_speaks_chinese(qtbot, cameras):
    from tests.test_views_languages import ENGLISH_PHRASE, QT_ENGLISH

    wall = Wall(qtbot, cameras)
    try:
        texts = _wall_texts(wall)
    finally:
        wall.control.shutdown()
    assert "视频大屏" in texts and "大屏预案" in texts
    assert [t for t in texts if t in QT_ENGLISH or ENGLISH_PHRASE.search(t)] == []


def test_the_wall_speaks_english(qtbot, cameras):
    from tests.test_views_languages import CJK

    prepare_app("en")
    wall = Wall(qtbot, cameras)
    try:
        texts = _wall_texts(wall)
    finally:
        wall.control.shutdown()
        prepare_app("zh_CN")
    assert "Video wall" in texts
    data = ["平江路与白塔东路交叉口", "十全街", "十全街巡查"]
    leftovers = [t for t in texts if CJK.search(
        t.replace(data[0], "").replace(data[2], "").replace(data[1], ""))]
    assert leftovers == []


def _send_mouse(widget, kind: QEvent.Type, local: QPoint, button: Qt.MouseButton) -> None:
    global_pos = QPointF(widget.mapToGlobal(local))
    buttons = Qt.MouseButton.NoButton if kind == QEvent.Type.MouseButtonRelease \
        else Qt.MouseButton.LeftButton
    event = QMouseEvent(kind, QPointF(local), global_pos, button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def test_the_test_output_hides_no_control_moves_by_dragging_and_remembers(qtbot, cameras):
    from console.views.main_window import MainWindow

    key = TEST_PLACE_KEY.format(account="lisi")
    QSettings().remove(key)
    services = services_for(cameras)
    session, policy = logged_in(services, "lisi")
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(window)
    # the console fills its (offscreen, 800×600) screen and more: no room beside it
    window.setGeometry(QRect(0, 0, 1440, 900))
    window.show()
    assert window.wall is not None
    output = window.wall.output("test")
    assert output is not None
    try:
        window.wall._on_show_clicked(output)
        qtbot.waitUntil(output.isVisible)
        placed = output.geometry()
        for dock in (window.wall.dock, window.ptz_dock, window.camera_dock):
            if dock.isVisible():
                docked = QRect(dock.mapToGlobal(QPoint(0, 0)), dock.size())
                assert not placed.intersects(docked), dock.objectName()
        central = window.centralWidget()
        assert QRect(central.mapToGlobal(QPoint(0, 0)), central.size()).contains(placed)
        # no window manager: the strip on top moves the window when dragged
        handle = output.handle
        assert handle is not None and handle.isVisible()
        start, before = QPoint(20, handle.height() // 2), output.pos()
        _send_mouse(handle, QEvent.Type.MouseButtonPress, start, Qt.MouseButton.LeftButton)
        _send_mouse(handle, QEvent.Type.MouseMove, start + QPoint(-150, -90),
                    Qt.MouseButton.NoButton)
        _send_mouse(handle, QEvent.Type.MouseButtonRelease, start + QPoint(-150, -90),
                    Qt.MouseButton.LeftButton)
        assert output.pos() == before + QPoint(-150, -90)
        assert QSettings().value(key) == output.geometry()
        # shown again in a later session: where the operator put it
        again = WallOutputWindow("test", output.grid.context, None)
        qtbot.addWidget(again)
        again.find_place, again.settings_key = window.wall._test_output_place, key
        again.show_output()
        assert again.geometry() == output.geometry()
        again.close_output()
    finally:
        QSettings().remove(key)
        window.close()           # logs out: the wall's views close, its layout is kept
