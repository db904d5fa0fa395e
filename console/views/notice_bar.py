"""The notices of the main window (a view closed and why, PTZ returns, the centre lost…) in
their own area of the status bar, left of the operator fields: one line elided to the room it
has, the whole text in its tooltip, and the recent notices behind a button — so a long notice
is never cut off behind the operator, terminal and session fields, and a notice that went away
can still be read."""

from __future__ import annotations

from collections import deque
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSizePolicy, QToolButton, QWidget

HISTORY = 20               # recent notices kept for the history menu
MENU_TEXT_CHARS = 160      # a notice in the history menu is shortened to this (whole in its tip)


class NoticeBar(QWidget):
    changed = Signal(str)   # the notice shown now ("" when none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBar")
        self._text = ""
        self.history: deque[tuple[str, str]] = deque(maxlen=HISTORY)  # (time, text), newest last
        self.label = QLabel(self)
        self.label.setObjectName("noticeText")
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        # the label takes the room the operator fields leave, never more: it is elided
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setMinimumWidth(40)
        self.history_button = QToolButton(self)
        self.history_button.setObjectName("noticeHistory")
        self.history_button.setArrowType(Qt.ArrowType.UpArrow)
        self.history_button.setAutoRaise(True)
        self.history_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.history_button.setToolTip(self.tr("Recent notices"))
        self.history_menu = QMenu(self.history_button)
        self.history_menu.setObjectName("noticeHistoryMenu")
        self.history_menu.setToolTipsVisible(True)
        self.history_menu.aboutToShow.connect(self._fill_history)
        self.history_button.setMenu(self.history_menu)
        self.history_button.setEnabled(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.history_button)
        layout.addWidget(self.label, 1)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.clear)

    def text(self) -> str:
        """The whole notice shown now ("" when none)."""
        return self._text

    def show_notice(self, text: str, timeout_ms: int = 0) -> None:
        """Show ``text`` (for ``timeout_ms``, or until the next notice when 0) and keep it in
        the history (a notice repeated at once is kept once)."""
        self._timer.stop()
        if text and (not self.history or self.history[-1][1] != text):
            self.history.append((datetime.now().strftime("%H:%M:%S"), text))
            self.history_button.setEnabled(True)
        self._text = text
        self.label.setToolTip(text)
        self._elide()
        if text and timeout_ms > 0:
            self._timer.start(timeout_ms)
        self.changed.emit(text)

    @Slot()
    def clear(self) -> None:
        self._timer.stop()
        if self._text:
            self._text = ""
            self.label.setToolTip("")
            self._elide()
            self.changed.emit("")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = max(0, self.label.width() - 4)
        self.label.setText(self.label.fontMetrics().elidedText(
            self._text.replace("\n", " "), Qt.TextElideMode.ElideRight, width))

    @Slot()
    def _fill_history(self) -> None:
        self.history_menu.clear()
        for when, text in reversed(self.history):
            flat = text.replace("\n", " ")
            short = flat if len(flat) <= MENU_TEXT_CHARS else flat[:MENU_TEXT_CHARS - 1] + "…"
            action = self.history_menu.addAction(f"{when}  {short}")
            action.setToolTip(text)
