"""R1 at the console: when the administrator disables or unbinds a user, the running window
notices on its next heartbeat, hides its content at once, says why, and goes to login."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QDockWidget, QMessageBox

from console.access.model import ViewRefused, view_ref
from console.codes import Reason
from console.live.state import StreamKind
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER
from tests.views_support import centre_for, logged_in, prepare_app, services_for


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


def _window(qtbot, world, runner: TaskRunner, heartbeat_ms: int = 100,
            services=None) -> MainWindow:
    services = services or services_for(world)
    session, policy = logged_in(services)
    win = MainWindow(services, runner, session, policy, heartbeat_ms=heartbeat_ms)
    qtbot.addWidget(win)
    win.show()
    return win


def test_disabled_user_window_ends_within_seconds(qtbot, world):
    win = _window(qtbot, world, TaskRunner())
    qtbot.wait(300)  # a few live heartbeats first
    assert not win.content_closed
    disabled_at = time.monotonic()
    world.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)
    qtbot.waitUntil(lambda: win.content_closed, timeout=3000)
    assert time.monotonic() - disabled_at < 2.0
    assert not [dock for dock in win.findChildren(QDockWidget) if dock.isVisible()]
    assert not win.menuBar().isEnabled()
    notice = win.end_notice
    assert isinstance(notice, QMessageBox) and notice.isVisible()
    assert notice.windowTitle() == "会话已结束"
    assert notice.text() == "会话已结束"
    assert notice.informativeText() == "该账号已被停用，如有疑问请联系系统管理员。\n请重新登录。"
    with qtbot.waitSignal(win.logged_out), qtbot.assertNotEmitted(win.exit_requested):
        notice.accept()
    assert not win.isVisible()


def test_unbinding_the_terminal_ends_the_window_too(qtbot, world):
    win = _window(qtbot, world, TaskRunner(synchronous=True), heartbeat_ms=50)
    world.admin.unbind(INSTALLER, "zhangsan", "T-0042")
    qtbot.waitUntil(lambda: win.content_closed, timeout=3000)
    assert win.end_notice is not None
    assert win.end_notice.informativeText().startswith("该账号未获准在本终端登录。")


def test_a_session_ended_while_locked_ends_the_lock_screen(qtbot, world):
    win = _window(qtbot, world, TaskRunner(synchronous=True), heartbeat_ms=50)
    win.lock_action.trigger()
    assert win.lock_screen.isVisible()
    world.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)
    qtbot.waitUntil(lambda: win.content_closed, timeout=3000)
    assert not win.lock_screen.isVisible()


def test_an_unreachable_centre_is_reported_and_retried(qtbot, world):
    win = _window(qtbot, world, TaskRunner(synchronous=True), heartbeat_ms=50)
    harness = centre_for(world.db, world.clock, world.hashing)
    harness.stop()
    qtbot.waitUntil(lambda: "无法连接中心" in win.notice_bar.text(),
                    timeout=5000)
    assert not win.content_closed       # the session is not ended by a broken link
    harness.restart()
    qtbot.waitUntil(lambda: win.notice_bar.text() == "", timeout=5000)
    assert not win.content_closed


def test_the_centre_decides_the_idle_lock_and_the_console_follows(qtbot, world):
    """The idle rule is decided by the centre (R3): the console reports how long it has
    been without input; the centre locks the session and the console shows its lock."""
    world.admin.set_policy(INSTALLER, "idle_lock_minutes", "1")
    services = services_for(world)
    win = _window(qtbot, world, TaskRunner(synchronous=True), heartbeat_ms=50,
                  services=services)
    session_id = win.session.session_id
    assert not services.auth.heartbeat(session_id, idle_seconds=59.0).locked
    assert services.auth.heartbeat(session_id, idle_seconds=61.0).locked
    qtbot.waitUntil(lambda: win.locked, timeout=5000)     # the next beat brings the lock
    assert win.lock_screen.isVisible()
    # while locked the centre hands out no stream
    with pytest.raises(ViewRefused) as refused:
        services.access.stream_source(session_id, view_ref("0" * 12), StreamKind.SUB)
    assert refused.value.reason == Reason.SESSION_LOCKED
