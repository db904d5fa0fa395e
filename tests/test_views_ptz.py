"""PTZ control in the console (pytest-qt, offscreen) against the real ONVIF camera on
loopback: the tile menu takes control, the panel's buttons move while pressed and stop when
released, arrow keys, the wheel and a press on the video steer the tile's camera, the
watchdog stops a move nobody confirms, focus loss stops it, and closing the view sends the
camera home, verified by its position."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QMenu
from sqlalchemy import update

from console.api.errors import CentreUnreachable, Unreachable
from console.catalog.credentials import camera_secret_name
from console.codes import Reason
from console.grants.service import Grantee, GrantService, Scope
from console.player.tile import VideoTile
from console.ptz.driver import Velocity
from console.storage.models import Camera
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER, World
from tests.onvif_fixtures import OnvifPeer
from tests.support.catalog import CAMERAS, COND, UNCOND, add_cameras
from tests.views_support import centre_for, logged_in, prepare_app, services_for


@dataclass
class Console:
    window: MainWindow
    peer: OnvifPeer
    tile: VideoTile

    def state(self) -> dict[str, float]:
        state = self.peer.process.read_state(self.peer.name)
        assert state is not None
        return state


@pytest.fixture
def console(qtbot, world: World, onvif_peer: OnvifPeer) -> Iterator[Console]:  # type: ignore[no-untyped-def]
    prepare_app("zh_CN")
    add_cameras(world.db, world.clock)
    assert onvif_peer.credentials is not None
    # the camera's credentials are the centre's alone: the terminal never holds them
    centre = centre_for(world.db, world.clock, world.hashing).centre
    centre.secrets.set(camera_secret_name(COND), onvif_peer.credentials.to_secret())
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(
            ptz_address=onvif_peer.address, has_credentials=True, home_preset=None,
            main_stream="", sub_stream=""))
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        INSTALLER, Grantee(user="zhangsan"), Scope("camera", COND), ["live", "ptz"],
        now - timedelta(hours=1), now + timedelta(hours=4), purpose="交通疏导",
        approver="周主任", reference="JT-1")
    services = services_for(world)
    session, policy = logged_in(services)
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(window)
    window.show()
    window.camera_dock.set_catalogue(services.access.snapshot(session.session_id))
    entry = window.camera_dock.entry_for_code(COND)
    assert entry is not None
    window._open_view(entry, 0, "交通疏导")
    tile = window.view_grid.tiles[0]
    assert tile.ticket is not None
    yield Console(window, onvif_peer, tile)
    window.ptz.shutdown(Reason.LOGOUT)


def take_from_menu(qtbot, console: Console) -> None:  # type: ignore[no-untyped-def]
    window = console.window
    window.desk._on_menu_requested(0, QPoint(10, 10))
    menu = window.desk.menu
    assert isinstance(menu, QMenu)
    actions = {a.text(): a for a in menu.actions()}
    assert "云台控制" in actions
    actions["云台控制"].trigger()
    menu.close()
    qtbot.waitUntil(lambda: window.ptz.ready, timeout=10_000)


def test_the_tile_menu_takes_control_and_the_panel_steers(qtbot, console: Console) -> None:  # type: ignore[no-untyped-def]
    take_from_menu(qtbot, console)
    panel = console.window.ptz_panel
    assert [panel.preset_list.item(i).text() for i in range(panel.preset_list.count())] \
        == ["Home  (home)"]
    assert panel.take_button.text() == "释放控制" or \
        panel.take_button.isEnabled()
    right = panel.direction_buttons["right"]
    assert right.isEnabled()
    qtbot.mousePress(right, Qt.MouseButton.LeftButton)
    qtbot.wait(700)                  # held: the keepalive keeps it moving past the watchdog
    assert console.state()["moving"]
    qtbot.mouseRelease(right, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not console.state()["moving"], timeout=3000)
    assert console.state()["pan"] > 0.2
    # closing the view ends control; the camera goes home and the position proves it
    console.window._on_tile_close_requested(0)
    qtbot.waitUntil(lambda: console.window.ptz.control is None, timeout=3000)
    console.peer.process.wait_state(console.peer.name,
                                    lambda st: abs(st["pan"]) < 0.02 and not st["moving"])
    qtbot.waitUntil(lambda: "看守位" in console.window.notice_bar.text()
                    or "home position" in console.window.notice_bar.text(),
                    timeout=10_000)
    # the success message names the camera as the catalogue does, not by its code
    returned = next(text for _, text in console.window.notice_bar.history if "看守位" in text)
    assert returned.startswith(CAMERAS[COND][0]) and COND not in returned


def test_keys_wheel_and_a_press_on_the_video_steer(qtbot, console: Console) -> None:  # type: ignore[no-untyped-def]
    take_from_menu(qtbot, console)
    tile = console.tile
    qtbot.keyPress(tile, Qt.Key.Key_Left)
    # held until the camera moves (the command reaches it through the centre: on a busy
    # runner a 400 ms hold could end before the move began, and then nothing moves)
    qtbot.waitUntil(lambda: console.state()["moving"], timeout=3000)
    qtbot.wait(400)
    qtbot.keyRelease(tile, Qt.Key.Key_Left)
    qtbot.waitUntil(lambda: not console.state()["moving"], timeout=3000)
    assert console.state()["pan"] < -0.05
    zoom_before = console.state()["zoom"]
    wheel = QWheelEvent(QPointF(50, 50), QPointF(tile.mapToGlobal(QPoint(50, 50))),
                        QPoint(0, 0), QPoint(0, 120), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(tile, wheel)
    qtbot.waitUntil(lambda: console.state()["zoom"] > zoom_before + 0.05, timeout=3000)
    qtbot.waitUntil(lambda: not console.state()["moving"], timeout=3000)  # one notch, then stop
    tilt_before = console.state()["tilt"]
    top = QPoint(tile.width() // 2, 2)          # press near the top edge: steer up
    qtbot.mousePress(tile, Qt.MouseButton.LeftButton, pos=top)
    qtbot.waitUntil(lambda: console.state()["moving"], timeout=3000)
    qtbot.wait(400)
    qtbot.mouseRelease(tile, Qt.MouseButton.LeftButton, pos=top)
    qtbot.waitUntil(lambda: not console.state()["moving"], timeout=3000)
    assert console.state()["tilt"] > tilt_before + 0.05


def test_the_watchdog_and_focus_loss_stop_a_move(qtbot, console: Console) -> None:  # type: ignore[no-untyped-def]
    take_from_menu(qtbot, console)
    desk = console.window.ptz
    desk.press("up")
    desk._keepalive.stop()             # the GUI stops confirming (frozen, lost release)
    started = time.monotonic()
    qtbot.waitUntil(lambda: console.state()["moving"], timeout=2000)
    qtbot.waitUntil(lambda: not console.state()["moving"], timeout=3000)
    assert time.monotonic() - started < 2.5
    desk.press("down")
    qtbot.waitUntil(lambda: console.state()["moving"], timeout=2000)
    desk._on_application_state(Qt.ApplicationState.ApplicationInactive)
    qtbot.waitUntil(lambda: not console.state()["moving"], timeout=1000)


def test_a_camera_without_the_ptz_right_offers_no_control(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    prepare_app("zh_CN")
    add_cameras(world.db, world.clock)
    services = services_for(world)
    session, policy = logged_in(services)
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(window)
    window.camera_dock.set_catalogue(services.access.snapshot(session.session_id))
    entry = next(e for e in window.camera_dock.model.tree.entries  # type: ignore[union-attr]
                 if e.ptz_capable)
    window._open_view(entry, 0, "巡查")
    window.desk._on_menu_requested(0, QPoint(10, 10))
    assert window.desk.menu is not None
    assert "云台控制" not in [a.text() for a in window.desk.menu.actions()]
    window._on_tile_selected(0)
    assert not window.ptz_panel.take_button.isEnabled()


def test_the_operator_is_told_when_a_higher_priority_takes_over(qtbot, console: Console,  # type: ignore[no-untyped-def]
                                                                world: World) -> None:
    take_from_menu(qtbot, console)
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        INSTALLER, Grantee(user="wangwu"), Scope("camera", COND), ["live", "ptz"],
        now - timedelta(hours=1), now + timedelta(hours=4), purpose="指挥调度",
        approver="周主任", reference="JT-2")
    from console.ptz.service import PtzService
    from tests.conftest import PASSWORD, T43, _clear_must_change
    _clear_must_change(world.db, "wangwu")
    supervisor = world.auth(T43).login("wangwu", PASSWORD)
    assert supervisor.ok
    taken = PtzService(world.db, world.clock).take(supervisor.session.session_id, COND)  # type: ignore[union-attr]
    assert taken.ok and taken.took_from == "张三"
    qtbot.waitUntil(lambda: console.window.ptz.control is None, timeout=8000)
    assert "王五" in console.window.notice_bar.text()
    assert console.window.ptz_panel.take_button.text() == "获取云台控制"


def test_supervisors_see_cameras_not_verified_home(qtbot, world: World) -> None:  # type: ignore[no-untyped-def]
    from console.ptz.homing import perform_return
    from console.ptz.service import PtzService
    from tests.conftest import T42, T43, _clear_must_change
    from tests.support.ptz import ScriptedDriver
    from tests.test_ptz_service import give_ptz, login

    prepare_app("en")
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(
            ptz_address="onvif://127.0.0.1:1"))
    ptz = PtzService(world.db, world.clock)
    give_ptz(world, "zhangsan")
    lease = ptz.take(login(world, "zhangsan", T42), COND).lease
    assert lease is not None
    job = ptz.end(lease, Reason.PTZ_RELEASED)
    assert job is not None
    stuck = ScriptedDriver(ignore_goto=True)
    stuck.continuous_move(Velocity(pan=1.0), 1.0)
    perform_return(ptz, job, lambda _job: stuck, sleep=lambda s: world.clock.advance(
        timedelta(seconds=s)), travel_timeout_s=0)
    _clear_must_change(world.db, "wangwu")
    services = services_for(world, T43)
    session, policy = logged_in(services, "wangwu")
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(window)
    window.show()
    assert window.ptz_fault_label.isVisible()
    assert window.ptz_fault_label.text() == "PTZ not home: 1"
    assert COND in window.ptz_fault_label.toolTip()
    prepare_app("zh_CN")


def test_the_dock_follows_the_tile_just_opened_and_stays_there_after_release(  # type: ignore[no-untyped-def]
        qtbot, console: Console) -> None:
    window, panel = console.window, console.window.ptz_panel
    assert console.tile.ticket is not None
    dome = console.tile.ticket.camera_name
    # the dome just opened into tile 0 is selected: one click from control
    assert window.view_grid.selected == 0
    assert panel.camera_label.text() == dome
    assert panel.take_button.isEnabled()
    # a camera without the PTZ right opened into tile 1: the dock follows that tile
    other = next(e for e in window.camera_dock.model.tree.entries  # type: ignore[union-attr]
                 if e.code == UNCOND)
    window._open_view(other, 1, "")
    assert window.view_grid.selected == 1
    assert panel.camera_label.text() == other.name
    assert not panel.take_button.isEnabled()
    # control taken from tile 0's menu: that tile is selected, and stays after release
    take_from_menu(qtbot, console)
    assert window.view_grid.selected == 0
    panel.take_button.click()                        # release
    qtbot.waitUntil(lambda: window.ptz.control is None, timeout=3000)
    assert panel.camera_label.text() == dome
    assert panel.take_button.isEnabled()
    assert panel.state_label.text() == "您未控制该摄像机。"
    # a click on a tile selects it
    qtbot.mouseClick(window.view_grid.tiles[1], Qt.MouseButton.LeftButton)
    assert panel.camera_label.text() == other.name


class _Unreachable:
    """The PTZ link's client once the centre has gone: every command fails on the wire."""

    def post(self, *args: object, **kw: object) -> None:
        raise CentreUnreachable("HTTPSConnectionPool(host='127.0.0.1', port=1): Max retries",
                                cause=Unreachable.REFUSED, address="127.0.0.1:1")

    get = post


def test_a_failed_command_is_told_in_the_operators_language(  # type: ignore[no-untyped-def]
        qtbot, console: Console) -> None:
    take_from_menu(qtbot, console)
    window = console.window
    control = window.ptz.control
    assert control is not None
    control._client = _Unreachable()  # type: ignore[attr-defined]
    messages: list[str] = []
    window.ptz.message_posted.connect(messages.append)
    window.ptz.move(Velocity(pan=0.5))
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert messages[0] == "云台控制失败：无法连接中心。", messages
    assert "HTTPSConnectionPool" not in " ".join(messages)
