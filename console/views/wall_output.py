"""One wall output: a frameless full-screen window on a wall screen holding a video grid whose
tiles carry the watermark of the operator driving the wall (R8) — the same TileContext as the
desk, marked ``wall=True``.

On a terminal with a single screen the console offers a *test output* instead: the same grid
in an ordinary resizable window on the desk's screen, so that the wall can be tried (and
demonstrated) without a second monitor. A wall output cannot be closed from its window (the
wall stays on while the console runs); closing the test output's window hides it and closes
its views — the controller (console/views/wall_control.py) does that and registers them.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QCloseEvent, QScreen
from PySide6.QtWidgets import QVBoxLayout, QWidget

from console.live.layouts import DEFAULT_LAYOUT
from console.player.grid import VideoGrid
from console.player.tile import TileContext
from console.wall.outputs import TEST_OUTPUT

TEST_OUTPUT_SIZE = (960, 540)


class ScreenLike(Protocol):
    """What the wall needs of a screen (QScreen; a test may pass a stand-in)."""

    def name(self) -> str: ...

    def serialNumber(self) -> str: ...

    def geometry(self) -> QRect: ...


class WallOutputWindow(QWidget):
    close_attempted = Signal(str)      # output name: the operator closed the window

    def __init__(self, name: str, context: TileContext, screen: ScreenLike | None, *,
                 count: int = DEFAULT_LAYOUT, parent: QWidget | None = None) -> None:
        self.is_test = name == TEST_OUTPUT
        flags = Qt.WindowType.Window
        if not self.is_test:
            flags |= Qt.WindowType.FramelessWindowHint
        super().__init__(parent, flags)
        self.setObjectName("wallOutput")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # a wall screen coming up must not take the keyboard from the operator's console
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, not self.is_test)
        self.name = name
        self.wall_screen = screen
        self._closing = False
        self.grid = VideoGrid(context, count, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        if self.is_test:
            self.setWindowTitle(self.tr("Video wall test output"))
        else:
            self.setWindowTitle(self.tr("Video wall: screen {name}").format(name=name))
        self.place(screen)

    @property
    def label(self) -> str:
        """How the console names this output."""
        if self.is_test:
            return self.tr("Test output (a window on this screen)")
        return self.tr("Screen {name}").format(name=self.name)

    # -- placing -------------------------------------------------------------------------------

    def place(self, screen: ScreenLike | None) -> None:
        """Cover ``screen`` (a wall output), or sit on it as an ordinary window (the test
        output)."""
        self.wall_screen = screen
        if isinstance(screen, QScreen):
            self.setScreen(screen)
        if screen is None:
            self.resize(*TEST_OUTPUT_SIZE)
            return
        area = screen.geometry()
        if self.is_test:
            width, height = (min(TEST_OUTPUT_SIZE[0], area.width() * 2 // 3),
                             min(TEST_OUTPUT_SIZE[1], area.height() * 2 // 3))
            self.setGeometry(area.x() + area.width() - width - 40, area.y() + 60,
                             width, height)
        else:
            self.setGeometry(area)

    def show_output(self) -> None:
        if self.is_test:
            self.show()
            self.raise_()
        else:
            self.showFullScreen()

    def aspect(self) -> float:
        """Height over width of what this output shows (its screen, or its window)."""
        if not self.is_test and self.wall_screen is not None:
            area = self.wall_screen.geometry()
        else:
            area = self.geometry()
        return area.height() / area.width() if area.width() > 0 else 9 / 16

    # -- closing -------------------------------------------------------------------------------

    def close_output(self) -> None:
        """Stop every stream and close the window for good (the controller has taken its
        views)."""
        self._closing = True
        self.grid.stop_all()
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._closing:
            event.accept()
            return
        event.ignore()              # the wall stays up; the controller decides
        self.close_attempted.emit(self.name)
