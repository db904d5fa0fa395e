"""The screen lock (R3): the console locks itself after ``idle_lock_minutes`` without input
(or by hand, or when the centre says the session is locked); the lock screen covers the
whole window until the owner's password is given, and the centre registers both."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from console.auth.results import SessionInfo, UnlockResult
from console.codes import Reason
from console.services import Services
from console.views.idle_monitor import IdleMonitor
from console.views.lock_screen import LockScreen
from console.views.reason_text import describe, error_text
from console.views.tasks import TaskRunner


class ScreenLock(QObject):
    def __init__(self, window: QWidget, services: Services, runner: TaskRunner,
                 session: SessionInfo, idle_timeout_seconds: float, *,
                 finished: Callable[[], bool], before_lock: Callable[[Reason], None],
                 set_content_enabled: Callable[[bool], None],
                 session_ended: Callable[[Reason, dict[str, Any]], None]) -> None:
        """``before_lock(reason)`` closes what must not stay open behind the lock (dialogs,
        PTZ control); ``set_content_enabled`` disables and enables the window's content;
        ``session_ended`` is told when the centre ended the session meanwhile."""
        super().__init__(window)
        self._services, self._runner, self._session_id = services, runner, session.session_id
        self._finished, self._before_lock = finished, before_lock
        self._set_content_enabled, self._session_ended = set_content_enabled, session_ended
        self.locked = False
        self.lock_screen = LockScreen(session.real_name, session.account, window)
        self.lock_screen.unlock_requested.connect(self._on_unlock_requested)
        self.idle_monitor = IdleMonitor(idle_timeout_seconds, window)
        self.idle_monitor.idle_timed_out.connect(self._on_idle_timed_out)

    @Slot()
    def _on_idle_timed_out(self) -> None:
        self.lock(Reason.IDLE)

    def lock(self, reason: Reason) -> None:
        """Cover the whole window until the owner's password is given (Reason.IDLE when the
        console went idle, Reason.OK when locked by hand)."""
        if self.locked or self._finished():
            return
        self.locked = True
        self.idle_monitor.stop()
        self._before_lock(reason)
        self._set_content_enabled(False)
        self.lock_screen.show_locked()
        auth, session_id = self._services.auth, self._session_id
        self._runner.submit(lambda: auth.lock_screen(session_id, reason), _ignore)

    @Slot(str)
    def _on_unlock_requested(self, password: str) -> None:
        auth, session_id = self._services.auth, self._session_id
        self._runner.submit(lambda: auth.unlock(session_id, password),
                            self._on_unlock_answered, self._on_unlock_failed, owner=self)

    def _on_unlock_answered(self, result: UnlockResult) -> None:
        if self._finished():
            return
        if result.ok:
            self.locked = False
            self.lock_screen.hide()
            self._set_content_enabled(True)
            self.idle_monitor.start()
        elif result.session_ended:
            self._session_ended(result.reason, result.details)
        else:
            self.lock_screen.set_busy(False)
            self.lock_screen.show_refusal(describe(result.reason, result.details))

    def _on_unlock_failed(self, error: BaseException) -> None:
        self.lock_screen.set_busy(False)
        self.lock_screen.show_refusal(error_text(error))


def _ignore(_result: object) -> None:
    """The lock is registered; nothing to show."""
