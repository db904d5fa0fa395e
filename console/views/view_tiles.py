"""The video area until the live-view player arrives: a grid of tiles, each free or showing
an *opened view* — the camera, the purpose given and when the right ends — with a notice that
the picture comes with the live-view module (no video is faked here).

A tile shows why a view was closed or refused in the tile itself. Dropping a camera from the
tree onto a tile asks to open it there; the close button asks to close it. The tiles only
ask; the main window talks to the access service.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.access.model import CameraEntry, ViewTicket
from console.views.camera_tree_model import CAMERA_MIME_TYPE, decode_codes
from console.views.reason_text import local_time_text
from console.views.right_icons import right_name


class TileState(Enum):
    FREE = "free"          # nothing shown (perhaps the message why the last view closed)
    OPENING = "opening"    # open_view is on its way
    SHOWING = "showing"    # an opened view


class ViewTile(QFrame):
    close_requested = Signal(int)        # tile index: close the view shown here
    camera_dropped = Signal(int, str)    # tile index, camera code

    FREE_PAGE, VIEW_PAGE = 0, 1

    def __init__(self, index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoTile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAcceptDrops(True)
        self.index = index
        self.state = TileState.FREE
        self.ticket: ViewTicket | None = None
        self.pending: CameraEntry | None = None     # the camera being opened here

        number = QLabel(str(index + 1))
        number.setObjectName("tileIndex")
        self.title_label = QLabel()
        self.title_label.setObjectName("tileTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.close_button = QToolButton()
        self.close_button.setObjectName("tileClose")
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Close this view"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._on_close_clicked)
        self.close_button.hide()
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(number)
        top.addWidget(self.title_label, 1)
        top.addWidget(self.close_button)

        # free: the hint, and the message why the last view here ended (if any)
        self.message_label = QLabel()
        self.message_label.setObjectName("tileMessage")
        self.message_label.setWordWrap(True)
        self.message_label.setTextFormat(Qt.TextFormat.PlainText)
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.hide()
        self.hint_label = QLabel(self.tr("Drag a monitoring point here to play"))
        self.hint_label.setObjectName("tileHint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        free_page = QWidget()
        free_layout = QVBoxLayout(free_page)
        free_layout.addStretch(1)
        free_layout.addWidget(self.message_label)
        free_layout.addWidget(self.hint_label)
        free_layout.addStretch(1)

        # showing: what was opened, for what, until when
        self.code_label = _plain("tileCode")
        self.purpose_label = _plain("tilePurpose")
        self.until_label = _plain("tileUntil")
        self.notice_label = QLabel()
        self.notice_label.setObjectName("tileNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        view_page = QWidget()
        view_layout = QVBoxLayout(view_page)
        view_layout.addStretch(1)
        for label in (self.code_label, self.purpose_label, self.until_label):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            view_layout.addWidget(label)
        view_layout.addSpacing(12)
        view_layout.addWidget(self.notice_label)
        view_layout.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(free_page)
        self.pages.addWidget(view_page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

    # -- states ----------------------------------------------------------------------------------

    @property
    def is_free(self) -> bool:
        return self.state == TileState.FREE

    @property
    def message(self) -> str:
        return self.message_label.text() if self.message_label.isVisibleTo(self) else ""

    def show_free(self, message: str = "") -> None:
        """Nothing shown; ``message`` says why the last view here ended or was refused."""
        self.state, self.ticket, self.pending = TileState.FREE, None, None
        self.title_label.clear()
        self.close_button.hide()
        self.message_label.setText(message)
        self.message_label.setVisible(bool(message))
        self.pages.setCurrentIndex(self.FREE_PAGE)
        self._set_state_property("message" if message else "free")

    def show_opening(self, entry: CameraEntry) -> None:
        """The view is being opened (a view shown here stays until the new one is open)."""
        self.pending = entry
        if self.state == TileState.SHOWING:
            return
        self.state = TileState.OPENING
        self.title_label.setText(entry.name)
        self.close_button.hide()
        for label in (self.code_label, self.purpose_label, self.until_label):
            label.clear()
        self.code_label.setText(entry.code)
        self.notice_label.setText(self.tr("Opening…"))
        self.pages.setCurrentIndex(self.VIEW_PAGE)
        self._set_state_property("opening")

    def cancel_opening(self, message: str = "") -> None:
        """The open was refused or failed: back to what the tile showed before."""
        self.pending = None
        if self.state == TileState.OPENING:
            self.show_free(message)

    def show_view(self, ticket: ViewTicket) -> None:
        self.state, self.ticket, self.pending = TileState.SHOWING, ticket, None
        self.title_label.setText(ticket.camera_name)
        self.close_button.show()
        self.code_label.setText(ticket.camera_code)
        self.purpose_label.setText(
            self.tr("Purpose: {purpose}").format(purpose=ticket.purpose) if ticket.purpose
            else "")
        self.purpose_label.setVisible(bool(ticket.purpose))
        right = right_name(ticket.right)
        self.until_label.setText(
            self.tr("{right} until {until}").format(right=right,
                                                      until=local_time_text(ticket.until))
            if ticket.until is not None else self.tr("{right}, no end time").format(right=right))
        self.notice_label.setText(self.tr(
            "The view is open. The picture appears here once the live-view module is "
            "installed."))
        self.pages.setCurrentIndex(self.VIEW_PAGE)
        self._set_state_property("showing")

    def _set_state_property(self, value: str) -> None:
        self.setProperty("tileState", value)
        self.style().unpolish(self)
        self.style().polish(self)

    # -- input -----------------------------------------------------------------------------------

    @Slot()
    def _on_close_clicked(self) -> None:
        if self.ticket is not None:
            self.close_requested.emit(self.index)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME_TYPE):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._set_drop_target(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME_TYPE):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_target(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_target(False)
        codes = decode_codes(event.mimeData())
        if not codes:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.camera_dropped.emit(self.index, codes[0])

    def _set_drop_target(self, on: bool) -> None:
        self.setProperty("dropTarget", on)
        self.style().unpolish(self)
        self.style().polish(self)


def _plain(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


class ViewGrid(QWidget):
    """size × size tiles."""

    close_requested = Signal(int)        # tile index
    camera_dropped = Signal(int, str)    # tile index, camera code

    def __init__(self, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoArea")
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(4)
        self.tiles: list[ViewTile] = []
        for index in range(size * size):
            tile = ViewTile(index)
            tile.close_requested.connect(self.close_requested)
            tile.camera_dropped.connect(self.camera_dropped)
            grid.addWidget(tile, index // size, index % size)
            self.tiles.append(tile)

    def free_tile(self) -> int | None:
        """The first free tile; one showing no message is preferred."""
        free = [t for t in self.tiles if t.is_free and t.pending is None]
        quiet = [t for t in free if not t.message]
        chosen = quiet or free
        return chosen[0].index if chosen else None

    def tickets(self) -> list[ViewTicket]:
        """The views open in the tiles."""
        return [t.ticket for t in self.tiles if t.ticket is not None]

    def tile_of_ticket(self, ticket_id: str) -> ViewTile | None:
        return next((t for t in self.tiles if t.ticket is not None
                     and t.ticket.id == ticket_id), None)
