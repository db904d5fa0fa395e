"""R3 at the console: after the idle timeout (shortened here) an opaque lock screen covers
the whole window and only the owner's password lifts it; Ctrl+L locks by hand; repeated
wrong passwords end the session."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from console.codes import Action, Reason
from console.storage.models import AuditRecord
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import PASSWORD
from tests.views_support import logged_in, prepare_app, services_for


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


def _window(qtbot, world, *, idle: float = 3600.0, runner=None) -> MainWindow:
    services = services_for(world)
    session, policy = logged_in(services)
    win = MainWindow(services, runner or TaskRunner(synchronous=True), session, policy,
                     idle_timeout_seconds=idle, heartbeat_ms=60_000)
    qtbot.addWidget(win)
    win.show()
    return win


def _lock_records(world) -> list[tuple[str, str | None]]:
    with world.db.transaction() as s:
        rows = s.execute(select(AuditRecord).where(
            AuditRecord.action.in_([Action.SCREEN_LOCK, Action.SCREEN_UNLOCK]))
            .order_by(AuditRecord.seq)).scalars()
        return [(r.action, r.reason) for r in rows]


def _unlock(win: MainWindow, password: str) -> None:
    win.lock_screen.password_edit.setText(password)
    win.lock_screen.unlock_button.click()


def test_idle_timeout_locks_the_whole_window(qtbot, world):
    win = _window(qtbot, world, idle=0.3)
    qtbot.waitUntil(win.lock_screen.isVisible, timeout=3000)
    assert win.locked
    assert win.lock_screen.title_label.text() == "屏幕已锁定 — 张三 (zhangsan)"
    assert win.lock_screen.geometry() == win.rect()  # menus and docks covered too
    assert not win.menuBar().isEnabled()
    assert not win.camera_dock.isEnabled()
    assert not win.lock_action.isEnabled()
    assert _lock_records(world) == [(Action.SCREEN_LOCK, Reason.IDLE)]


def test_unlock_needs_the_right_password(qtbot, world):
    win = _window(qtbot, world, idle=0.3)
    qtbot.waitUntil(win.lock_screen.isVisible, timeout=3000)
    _unlock(win, "wrong")
    assert win.lock_screen.isVisible()
    assert win.lock_screen.error_label.text() == "密码错误。再输错 4 次，账号将被锁定。"
    _unlock(win, "")
    assert win.lock_screen.error_label.text() == "请输入密码。"
    _unlock(win, PASSWORD)
    assert not win.lock_screen.isVisible()
    assert not win.locked
    assert win.menuBar().isEnabled() and win.lock_action.isEnabled()
    assert _lock_records(world)[-1] == (Action.SCREEN_UNLOCK, Reason.OK)
    # the idle watch is armed again after unlocking
    qtbot.waitUntil(win.lock_screen.isVisible, timeout=3000)


def test_input_keeps_the_console_awake(qtbot, world):
    win = _window(qtbot, world, idle=1.0)
    for _ in range(12):   # input as the window system delivers it: to the top-level window
        qtbot.mouseMove(win.windowHandle(), QPoint(400 + _, 300))
        qtbot.wait(150)
    assert not win.locked


def test_keys_from_the_window_system_keep_the_console_awake(qtbot, world):
    """Keys arrive at the top-level QWindow first (as the window system delivers them); the
    idle watch listens there, not with an application-wide filter (PySide crash, see
    console/views/idle_monitor.py)."""
    win = _window(qtbot, world, idle=1.0)
    win.camera_dock.search_edit.setFocus()
    for _ in range(12):
        qtbot.keyClick(win.windowHandle(), Qt.Key.Key_A)
        qtbot.wait(150)
    assert not win.locked
    assert "a" in win.camera_dock.search_edit.text().lower()   # the key reached the widget


def test_ctrl_l_locks_by_hand(qtbot, world):
    win = _window(qtbot, world)
    with qtbot.waitActive(win):
        win.activateWindow()
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert win.lock_screen.isVisible()
    assert _lock_records(world) == [(Action.SCREEN_LOCK, Reason.OK)]
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)  # no second lock
    assert len(_lock_records(world)) == 1


def test_lockout_at_the_lock_screen_ends_the_session(qtbot, world):
    win = _window(qtbot, world)
    win.lock_action.trigger()
    for _ in range(5):
        _unlock(win, "wrong")
    assert win.content_closed
    notice = win.end_notice
    assert isinstance(notice, QMessageBox)
    assert notice.informativeText().startswith("密码连续输错次数过多，账号已被锁定。")
    with qtbot.waitSignal(win.logged_out):
        notice.accept()


def test_log_out_from_the_lock_screen(qtbot, world):
    win = _window(qtbot, world)
    win.lock_action.trigger()
    with qtbot.waitSignal(win.logged_out):
        win.lock_screen.logout_button.click()


def test_lock_and_unlock_with_the_threaded_runner(qtbot, world):
    win = _window(qtbot, world, idle=0.3, runner=TaskRunner())
    qtbot.waitUntil(win.lock_screen.isVisible, timeout=3000)
    _unlock(win, PASSWORD)
    assert not win.lock_screen.unlock_button.isEnabled()  # busy while verifying
    qtbot.waitUntil(lambda: not win.locked, timeout=5000)
    assert not win.lock_screen.isVisible()
