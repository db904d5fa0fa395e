"""Watches for input anywhere in the application and says when the console went idle.
The rule itself (console/idle.py) is plain Python; this adapts Qt events and a timer to it.

Input is watched on the top-level QWindows (every mouse and key event reaches its window
first), not with an application-wide event filter: PySide wraps the receiver of every event
for a Python filter, and wrapping a widget that is being destroyed crashed the process
(seen with a QScrollArea being deleted). New windows (dialogs, menus) are picked up as they
appear."""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QWindow

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
        self._watched: list[QWindow] = []

    @property
    def timeout_seconds(self) -> float:
        return self._idle.timeout

    def idle_seconds(self) -> float | None:
        """Seconds without input while watching; None while not watching (locked)."""
        return self._idle.idle_for(self._now()) if self._timer.isActive() else None

    def start(self) -> None:
        """Watch input from now on (also after a lock was lifted)."""
        if not self._filtering:
            self._filtering = True
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                app.focusWindowChanged.connect(self._on_focus_window_changed)
            self._watch_windows()
        self._idle.touch(self._now())
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._filtering:
            self._filtering = False
            app = QGuiApplication.instance()
            if isinstance(app, QGuiApplication):
                app.focusWindowChanged.disconnect(self._on_focus_window_changed)
            for window in self._watched:
                if shiboken6.isValid(window):   # a closed dialog's window may be gone
                    window.removeEventFilter(self)
            self._watched.clear()

    def _watch_windows(self) -> None:
        self._watched = [w for w in self._watched if shiboken6.isValid(w)]
        for window in QGuiApplication.topLevelWindows():
            if window not in self._watched:
                window.installEventFilter(self)
                window.destroyed.connect(self._on_window_destroyed)
                self._watched.append(window)

    @Slot(QObject)
    def _on_window_destroyed(self, window: QObject) -> None:
        self._watched = [w for w in self._watched if w is not window]

    @Slot(QWindow)
    def _on_focus_window_changed(self, _window: QWindow | None) -> None:
        self._watch_windows()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._idle.touch(self._now())
        return False

    @Slot()
    def _on_timer_timeout(self) -> None:
        self._watch_windows()  # a window shown without taking focus (a menu, a tooltip)
        if self._idle.is_idle(self._now()):
            self.stop()
            self.idle_timed_out.emit()
