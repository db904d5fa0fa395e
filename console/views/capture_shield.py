"""Keeps the console's video windows excluded from screen capture (R9).

``protect(window)`` applies the excluder (console/capture/exclusion.py) to the window's native
handle — at once if the native window exists, otherwise when Qt creates it — and again on
every ``WinIdChange`` (Qt re-created the native window, e.g. after ``setWindowFlags``) and
every ``Show``. ``level`` is the weakest level achieved across the protected windows that
still exist; ``level_changed`` says when it moves."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QWidget

from console.capture.exclusion import CaptureExcluder, ExclusionLevel, weakest

_SHIELDS = itertools.count(1)
_CREATED = Qt.WidgetAttribute.WA_WState_Created


class CaptureShield(QObject):
    level_changed = Signal(str)     # the new ExclusionLevel value

    def __init__(self, excluder: CaptureExcluder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.excluder = excluder
        # the dynamic property that names a protected window for this shield
        self._property = f"_captureShield{next(_SHIELDS)}"
        self._keys = itertools.count(1)
        self._protected: set[int] = set()
        self._achieved: dict[int, ExclusionLevel] = {}     # key -> level of the last apply

    @property
    def level(self) -> ExclusionLevel:
        return weakest(self._achieved.values(), self.excluder.level)

    def protect(self, window: QWidget) -> None:
        """Keep ``window`` (its top-level window) excluded for as long as it exists."""
        window = window.window()
        key = window.property(self._property)
        if key in self._protected:
            return
        key = next(self._keys)
        window.setProperty(self._property, key)
        self._protected.add(key)
        window.installEventFilter(self)
        window.destroyed.connect(self._forget)
        if window.testAttribute(_CREATED) or window.isVisible():
            self._apply(key, int(window.winId()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.WinIdChange, QEvent.Type.Show) and isinstance(watched, QWidget):
            key = watched.property(self._property)
            handle = int(watched.internalWinId())   # never creates a native window
            if key in self._protected and handle:
                self._apply(key, handle)
        return super().eventFilter(watched, event)

    def _apply(self, key: int, handle: int) -> None:
        before = self.level
        self._achieved[key] = self.excluder.apply(handle)
        self._announce(before)

    @Slot(QObject)
    def _forget(self, window: QObject) -> None:
        """A protected window is being destroyed (its dynamic property still reads)."""
        key = window.property(self._property)
        if key not in self._protected:
            return
        before = self.level
        self._protected.discard(key)
        self._achieved.pop(key, None)
        self._announce(before)

    def _announce(self, before: ExclusionLevel) -> None:
        if self.level != before:
            self.level_changed.emit(self.level.value)
