"""Watches for input anywhere in the application and says when the console went idle.
The rule itself (console/idle.py) is plain Python; this adapts Qt events and a timer to it."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from console.idle import IdleTimer

_INPUT_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick, QEvent.Type.MouseMove, QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease, QEvent.Type.Wheel, QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate, QEvent.Type.TabletPress, QEvent.Type.TabletMove,
})


class IdleMonitor(QObject):
    idle_timed_out = Signal()

    def __init__(
        self,
        timeout_seconds: float,
        parent: QObject | None = None,
        *,
        now: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._idle = IdleTimer(timeout_seconds, now())
        self._timer = QTimer(self)
        self._timer.setInterval(max(50, min(1000, int(timeout_seconds * 250))))
        self._timer.timeout.connect(self._on_timer_timeout)
        self._filtering = False

    @property
    def timeout_seconds(self) -> float:
        return self._idle.timeout

    def start(self) -> None:
        """Watch input from now on (also after a lock was lifted)."""
        app = QCoreApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self._idle.touch(self._now())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QCoreApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._idle.touch(self._now())
        return False

    @Slot()
    def _on_timer_timeout(self) -> None:
        if self._idle.is_idle(self._now()):
            self.stop()
            self.idle_timed_out.emit()
