"""Keeps the console's session honest: every ``heartbeat_seconds`` the centre is asked
whether the session still lives. A disabled or unbound user, or a session ended elsewhere,
is noticed within one interval (R1). Each beat also renews the leases of the views this
console shows and reports how long it has been without input: the centre decides the idle
lock (R3) and answers with it."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from console.api.errors import CentreUnreachable
from console.auth.results import SessionStatus
from console.remote.auth import RemoteAuth
from console.views.tasks import TaskRunner

log = logging.getLogger(__name__)


class SessionWatch(QObject):
    session_ended = Signal(object)  # Reason
    locked_by_centre = Signal()     # the centre holds the session locked (idle, R3)
    heartbeat_failed = Signal(str)  # the error, e.g. the centre is unreachable
    heartbeat_succeeded = Signal()

    def __init__(self, auth: RemoteAuth, runner: TaskRunner, session_id: str,
                 interval_ms: int, parent: QObject | None = None, *,
                 views: Callable[[], list[str]] = list,
                 idle_seconds: Callable[[], float | None] = lambda: None) -> None:
        super().__init__(parent)
        self._auth, self._runner, self._session_id = auth, runner, session_id
        self._views, self._idle_seconds = views, idle_seconds
        self._in_flight = False
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        self._running = True
        self._timer.start()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._in_flight:
            return  # the previous heartbeat is still on its way: do not pile up
        self._in_flight = True
        auth, session_id = self._auth, self._session_id
        views, idle = self._views(), self._idle_seconds()
        self._runner.submit(lambda: auth.heartbeat(session_id, views=views, idle_seconds=idle),
                            self._on_heartbeat_answered, self._on_heartbeat_error, owner=self)

    def _on_heartbeat_answered(self, status: SessionStatus) -> None:
        self._in_flight = False
        if not self._running:
            return
        if status.alive:
            self.heartbeat_succeeded.emit()
            if status.locked:
                self.locked_by_centre.emit()
            return
        self.stop()
        self.session_ended.emit(status.reason)

    def _on_heartbeat_error(self, error: BaseException) -> None:
        self._in_flight = False
        if self._running:
            # no answer at all is said in the console's own words (the library's English
            # detail goes to the log); anything else is passed on as it is
            if isinstance(error, CentreUnreachable):
                log.info("heartbeat: %s", error)
                self.heartbeat_failed.emit("")
            else:
                self.heartbeat_failed.emit(str(error)[:200])
