"""One wall output: a frameless full-screen window on a wall screen holding a video grid whose
tiles carry the watermark of the operator driving the wall (R8) — the same TileContext as the
desk, marked ``wall=True``.

On a terminal with a single screen the console offers a *test output* instead: the same grid
in an ordinary resizable window on the desk's screen, so that the wall can be tried (and
demonstrated) without a second monitor. A wall output cannot be closed from its window (the
wall stays on while the console runs); closing the test output's window hides it and closes
its views — the controller (console/views/wall_control.py) does that and registers them.

The test output opens where it hides none of the console's controls
(console/wall/placement.py) and remembers where the operator put it (QSettings). It carries a
slim title strip that moves the window when dragged: a terminal without a window manager
(a kiosk, a bare X server) gives it no title bar to move it by.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QMouseEvent, QMoveEvent, QResizeEvent, QScreen
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from console.live.layouts import DEFAULT_LAYOUT
from console.player.grid import VideoGrid
from console.player.tile import TileContext
from console.wall.outputs import TEST_OUTPUT
from console.wall.placement import Rect, place_test_output

TEST_OUTPUT_SIZE = (960, 540)
TEST_PLACE_KEY = "wall/test_output/{account}"   # QSettings: where the operator put it


class MoveHandle(QLabel):
    """The test output's title strip: dragging it moves the window (no window manager
    needed); the window remembers the place when the drag ends."""

    def __init__(self, window: WallOutputWindow) -> None:
        super().__init__(window)
        self.setObjectName("wallOutputHandle")
        self._window = window
        self._grab: QPoint | None = None
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setContentsMargins(8, 2, 8, 2)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._grab = event.globalPosition().toPoint() - self._window.pos()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._grab is not None and event.buttons() & Qt.MouseButton.LeftButton:
            self._window.move(event.globalPosition().toPoint() - self._grab)
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._grab is not None and event.button() == Qt.MouseButton.LeftButton:
            self._grab = None
            self._window.remember_place()
            event.accept()
            return
        super().mouseReleaseEvent(event)


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
        # the test output: where it goes the first time it shows (given the size it wants),
        # and the QSettings key under which the operator's place is kept
        self.find_place: Callable[[QSize, QRect | None], QRect] | None = None
        self.settings_key = ""
        self._placed = False
        self.grid = VideoGrid(context, count, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.handle: MoveHandle | None = None
        if self.is_test:
            self.handle = MoveHandle(self)
            self.handle.setText(self.tr("Video wall test output — drag here to move"))
            layout.addWidget(self.handle)
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

    def saved_place(self) -> QRect | None:
        """Where the operator last put the test output (None: never moved)."""
        if not self.settings_key:
            return None
        value = QSettings().value(self.settings_key)
        return value if isinstance(value, QRect) and value.isValid() else None

    def remember_place(self) -> None:
        """The operator moved or resized the test output: keep the place for next time."""
        if self.is_test and self.settings_key and self.isVisible():
            QSettings().setValue(self.settings_key, self.geometry())

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        if event.spontaneous():        # moved by the window manager's title bar
            self.remember_place()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.spontaneous():
            self.remember_place()

    def show_output(self) -> None:
        if self.is_test:
            if not self._placed and self.find_place is not None:
                self._placed = True  # once: afterwards it stays where the operator puts it
                self.setGeometry(self.find_place(QSize(*TEST_OUTPUT_SIZE),
                                                 self.saved_place()))
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


def find_test_output_place(parent: QWidget | None, screens: Callable[[], Sequence[ScreenLike]],
                      size: QSize, saved: QRect | None) -> QRect:
    """Where the test output hides none of the console's controls (``parent``, the main
    window): where the operator left it, another screen, beside the console, or over its
    video area."""
    def rect(r: QRect) -> Rect:
        return Rect(r.x(), r.y(), r.width(), r.height())

    console = rect(parent.frameGeometry()) if parent is not None else Rect(0, 0, 0, 0)
    video: Rect | None = None
    central = parent.centralWidget() if isinstance(parent, QMainWindow) else None
    if central is not None and central.isVisible():
        video = rect(QRect(central.mapToGlobal(QPoint(0, 0)), central.size()))
    areas = [rect(s.availableGeometry() if isinstance(s, QScreen) else s.geometry())
             for s in screens()]
    place = place_test_output((size.width(), size.height()), console, areas,
                              video_area=video,
                              saved=rect(saved) if saved is not None else None)
    return QRect(place.x, place.y, place.width, place.height)
