"""One video tile: the picture of an opened view, its privacy masks, the watermark and the
OSD, all painted in one ``paintEvent`` (R8, R14) — no widget stacked over a native window.

A tile only asks: to open a dropped camera, to close its view, to be maximised, to swap with
another tile, and for a stream source when it needs one (its size decides main or sub). The
grid and the window talk to the services. The tile owns its ``Player`` while a view is open.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QEvent, QMimeData, QPoint, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QEnterEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QApplication, QFrame, QToolButton, QWidget

from console.access.model import CameraEntry, ViewTicket
from console.live.backend_choice import parse_preference
from console.live.failure import FailureKind
from console.live.grid_model import Cell, CellState
from console.live.state import LiveTuning, StreamKind, StreamSource, StreamState
from console.live.stream_choice import choose_stream
from console.overlay.osd_painter import OsdPainter, OsdSpec
from console.overlay.picture_painter import PicturePainter
from console.player.player import Player, factories_for
from console.privacy.masks import Polygon
from console.views.camera_tree_model import CAMERA_MIME_TYPE, decode_codes
from console.views.failure_text import failure_text
from console.views.reason_text import QT_TRANSLATE_NOOP, local_time_text
from console.views.right_icons import right_name
from console.watermark import WatermarkSpec

TILE_MIME_TYPE = "application/x-console-tile"
# a failure of these kinds may be the gateway's refusal: the tile asks the centre why
ASK_WHY = frozenset({FailureKind.UNAUTHORIZED, FailureKind.NOT_FOUND, FailureKind.OTHER,
                     FailureKind.CANNOT_PLAY})
ASK_WHY_EVERY_S = 5.0
RESIZE_SETTLE_MS = 250       # a tile resized (layout, maximise) re-asks its size once settled
STALLED_OPACITY = 0.3        # a stalled picture is dimmed, never shown as live
BACKGROUND = QColor(12, 14, 16)
VIEW_BORDER, FREE_BORDER, DROP_BORDER = 0x35506B, 0x2C333C, 0x409CFF  # the tile's frame
SELECTED_BORDER = 0x7FB2E5           # the selected tile (the one the PTZ dock follows)


TileState = CellState     # what the tile shows: its cell's state (console/live/grid_model.py)


@dataclass(frozen=True, slots=True)
class TileContext:
    """What every tile of one grid shares: the watermark of the person driving it, the
    clock text, this terminal's live tuning, and whether the grid is a wall output."""

    watermark: Callable[[], WatermarkSpec]
    clock_text: Callable[[], str]
    tuning: LiveTuning = field(default_factory=LiveTuning)
    wall: bool = False
    # R9: while a screen-capture program runs, why every picture is hidden ("" = shown)
    blanked: Callable[[], str] = field(default=lambda: "")


class VideoTile(QFrame):
    close_requested = Signal(int)          # tile index: close the view shown here
    camera_dropped = Signal(int, str)      # tile index, camera code
    tile_dropped = Signal(int, int)        # source tile index, this tile's index: swap
    maximise_requested = Signal(int)       # tile index: maximise or restore
    source_wanted = Signal(int, object)    # tile index, StreamKind: give me a source
    refusal_wanted = Signal(int)           # tile index: why did the gateway refuse it?
    menu_requested = Signal(int, QPoint)   # tile index, global position
    selected = Signal(int)                 # tile index: the operator clicked this tile
    view_changed = Signal()                # a view opened or closed here

    def __init__(self, index: int, context: TileContext, parent: QWidget | None = None, *,
                 cell: Cell | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoTile")
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, True)
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(80, 60))
        self.index = index
        self.context = context
        self.cell = cell if cell is not None else Cell()   # what it shows: the grid's model
        self.maximised = False
        self.is_selected = False
        self.player: Player | None = None
        self._incoming: Player | None = None        # the other stream, until it plays
        self._detail = ""                            # the player's state detail
        self.stream_kind: StreamKind | None = None   # the stream playing (or asked for)
        self.masks: tuple[Polygon, ...] = ()
        self._notice = ""          # why there is no picture (no stream, refused)
        self._cause = ""           # why the gateway refused the stream (the centre says)
        self._cause_asked_at = -1e9
        self._drop_target = False
        self._video_rect: tuple[object, QRect] = (None, QRect())
        self._rect_cache: tuple[int, int, QRect] = (-1, -1, QRect())
        self.painted_blank = ""  # the capture notice painted instead of the picture
        self._osd_cache: tuple[tuple[object, ...], OsdSpec] | None = None
        self._checked: tuple[object, ...] = ()  # frame, tile and stream size last checked
        self._drag_start: QPoint | None = None
        self._picture_painter = PicturePainter()   # picture, masks, watermark: one path
        self._osd_painter = OsdPainter()
        self.painted_watermark: WatermarkSpec | None = None   # what the last paint drew

        self.close_button = QToolButton(self)
        self.close_button.setObjectName("tileClose")
        self.close_button.setText("×")
        self.close_button.setToolTip(self.tr("Close this view"))
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self._on_close_clicked)
        self.close_button.hide()
        self._hovered = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(RESIZE_SETTLE_MS)
        self._settle.timeout.connect(self._on_size_settled)

    # -- what the tile shows: its cell -----------------------------------------------------------

    @property
    def state(self) -> CellState:
        return self.cell.state

    @state.setter
    def state(self, state: CellState) -> None:
        self.cell.state = state

    @property
    def ticket(self) -> ViewTicket | None:
        return self.cell.ticket

    @ticket.setter
    def ticket(self, ticket: ViewTicket | None) -> None:
        self.cell.ticket = ticket

    @property
    def pending(self) -> CameraEntry | None:
        return self.cell.pending

    @pending.setter
    def pending(self, entry: CameraEntry | None) -> None:
        self.cell.pending = entry

    @property
    def _message(self) -> str:
        return self.cell.message

    @_message.setter
    def _message(self, message: str) -> None:
        self.cell.message = message

    @property
    def is_free(self) -> bool:
        return self.state == TileState.FREE

    @property
    def message(self) -> str:
        return self._message

    @property
    def stream_state(self) -> StreamState:
        if self.player is not None:
            return self.player.state
        if self.ticket is not None:
            return StreamState.OFFLINE if self._notice else StreamState.CONNECTING
        return StreamState.IDLE

    @property
    def purpose_text(self) -> str:
        if self.ticket is None or not self.ticket.purpose:
            return ""
        return self.tr("Purpose: {purpose}").format(purpose=self.ticket.purpose)

    @property
    def until_text(self) -> str:
        if self.ticket is None:
            return ""
        right = right_name(self.ticket.right)
        if self.ticket.until is None:
            return self.tr("{right}, no end time").format(right=right)
        return self.tr("{right} until {until}").format(
            right=right, until=local_time_text(self.ticket.until))

    def show_free(self, message: str = "") -> None:
        """Nothing shown; ``message`` says why the last view here ended or was refused."""
        self.stop_stream()
        had_view = self.ticket is not None
        self.state, self.ticket, self.pending = TileState.FREE, None, None
        self._message, self._notice, self.masks = message, "", ()
        self._place_close_button()
        self.update()
        if had_view:
            self.view_changed.emit()

    def show_opening(self, entry: CameraEntry) -> None:
        """The view is being opened (a view shown here stays until the new one is open)."""
        self.pending = entry
        if self.state != TileState.SHOWING:
            self.state, self._message = TileState.OPENING, ""
        self.update()

    def cancel_opening(self, message: str = "") -> None:
        """The open was refused or failed: back to what the tile showed before."""
        self.pending = None
        if self.state == TileState.OPENING:
            self.show_free(message)

    def show_view(self, ticket: ViewTicket,
                  first: tuple[StreamKind, StreamSource, tuple[Polygon, ...]] | None = None,
                  ) -> None:
        """A view is open here: ask for its stream (main or sub by the tile's size). With
        ``first`` — the stream the open brought with it (asked for as that kind), and its
        masks — that one plays, unless the tile now wants the other kind."""
        self.stop_stream()
        self.state, self.ticket, self.pending = TileState.SHOWING, ticket, None
        self._message = self._notice = self._cause = ""
        self._place_close_button()
        if first is not None and first[0] == self.wanted_stream():
            self.stream_kind = first[0]
            self.play(ticket.id, first[1], first[2])
        else:
            self._ask_source()
        self.update()
        self.view_changed.emit()

    def set_selected(self, selected: bool) -> None:
        if selected != self.is_selected:
            self.is_selected = selected
            self.update()

    def dismiss_message(self) -> None:
        """The operator read why the last view here ended: the tile is plain free again."""
        if self.ticket is None and self._message:
            self._message = ""
            self._place_close_button()
            self.update()

    # -- the stream ------------------------------------------------------------------------------

    def wanted_stream(self) -> StreamKind:
        width = round(self.width() * self.devicePixelRatioF())
        return choose_stream(width, maximised=self.maximised, has_sub=True)

    def _ask_source(self) -> None:
        self.stream_kind = self.wanted_stream()
        self.source_wanted.emit(self.index, self.stream_kind)

    def play(self, ticket_id: str, source: StreamSource, masks: tuple[Polygon, ...]) -> None:
        """Play ``source`` for the view ``ticket_id`` (ignored if the tile moved on)."""
        if self.ticket is None or self.ticket.id != ticket_id:
            return
        self.masks, self._notice, self.stream_kind = masks, "", source.kind
        # a wall output's tiles are decoded in full whatever their size (pyav_backend)
        tuning = self.context.tuning
        source = replace(source, tuning=replace(tuning, full_quality=True)
                         if self.context.wall else tuning)
        player = Player(self, preference=parse_preference(self.context.tuning.decoder),
                        factories=factories_for(self.context.tuning))
        size = self._output_size()
        current = self.player
        if current is not None and current.state == StreamState.PLAYING:
            # switching main <-> sub: the picture shown stays until the new one arrives
            self._drop_player(self._incoming)
            self._incoming = player
            player.state_changed.connect(self._on_incoming_state_changed)
        else:
            self.stop_stream()
            self._adopt(player)
        player.open(source, size.width(), size.height())
        self.update()

    def _adopt(self, player: Player) -> None:
        self.player, self._detail = player, ""
        player.frame_arrived.connect(self.update)
        player.state_changed.connect(self._on_player_state_changed)

    @Slot(str, str)
    def _on_incoming_state_changed(self, state: str, _detail: str) -> None:
        incoming = self._incoming
        if incoming is None or state != StreamState.PLAYING:
            return
        incoming.state_changed.disconnect(self._on_incoming_state_changed)
        self._incoming = None
        self._drop_player(self.player)
        self._adopt(incoming)
        self.update()

    def resume(self) -> None:
        """Ask for the stream again (the centre is back after it was lost): the centre
        checks the view's right again before it hands one out."""
        if self.ticket is not None and self.player is None:
            self._notice = ""
            self._ask_source()
            self.update()

    def source_refused(self, ticket_id: str, notice: str) -> None:
        """No stream for this view (no address, right gone, database unreachable)."""
        if self.ticket is not None and self.ticket.id == ticket_id:
            self.stop_stream()
            self._notice = notice
            self.update()

    def set_masks(self, masks: tuple[Polygon, ...]) -> None:
        if masks != self.masks:
            self.masks = masks
            self.update()

    def stop_stream(self) -> None:
        player, self.player = self.player, None
        incoming, self._incoming = self._incoming, None
        self._drop_player(player)
        self._drop_player(incoming)

    @staticmethod
    def _drop_player(player: Player | None) -> None:
        if player is not None:
            player.close()          # no signals after close
            player.deleteLater()

    @Slot(str, str)
    def _on_player_state_changed(self, state: str, detail: str) -> None:
        self._detail = detail
        if state == StreamState.PLAYING:
            self._cause = ""
        elif state in (StreamState.OFFLINE, StreamState.RECONNECTING) \
                and self.player is not None and self.player.failure is not None \
                and self.player.failure.kind in ASK_WHY:
            # a player sees only an RTSP status ("401", "5XX"); the centre knows why its
            # gateway refused (a platform timeout, an unknown channel, a revoked grant)
            now = time.monotonic()
            if now - self._cause_asked_at >= ASK_WHY_EVERY_S:
                self._cause_asked_at = now
                self.refusal_wanted.emit(self.index)
        self.update()

    def show_refusal(self, ticket_id: str, cause: str) -> None:
        """The centre's reason for the gateway's refusal, shown instead of the player's."""
        if self.ticket is not None and self.ticket.id == ticket_id and cause != self._cause:
            self._cause = cause
            self.update()

    def _output_size(self) -> QSize:
        ratio = self.devicePixelRatioF()
        area = self.video_rect()
        return QSize(max(16, round(area.width() * ratio)) // 2 * 2,
                     max(16, round(area.height() * ratio)) // 2 * 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_close_button()
        if self.player is not None:
            self._settle.start()

    @Slot()
    def _on_size_settled(self) -> None:
        if self.player is None or self.ticket is None:
            return
        if self.wanted_stream() != self.stream_kind:
            self._ask_source()        # maximised or restored: main <-> sub
        else:
            size = self._output_size()
            self.player.set_output_size(size.width(), size.height())

    def set_maximised(self, maximised: bool) -> None:
        self.maximised = maximised
        if self.player is not None:
            self._settle.start()

    def _place_close_button(self) -> None:
        """The close button shows while the pointer is over a tile with a view (as in most
        video-management software): a child widget over the picture is repainted with
        every picture, measured at ~3 % of a core for a 16-tile grid (~0.08 ms a picture).
        The tile menu closes a view too."""
        visible = (self.ticket is not None or bool(self._message)) and self._hovered
        self.close_button.setToolTip(self.tr("Close this view") if self.ticket is not None
                                     else self.tr("Dismiss this notice"))
        if visible:
            side = max(16, min(28, self.height() // 12))
            self.close_button.setGeometry(self.width() - side - 1, 1, side, side)
            self.close_button.raise_()
        self.close_button.setVisible(visible)

    def enterEvent(self, event: QEnterEvent) -> None:
        self._hovered = True
        self._place_close_button()
        super().enterEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self._hovered = False
        self._place_close_button()
        super().leaveEvent(event)

    # -- painting --------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()   # an exception must not leave the widget "being painted"

    def _paint(self, painter: QPainter) -> None:
        """Picture, masks, watermark, OSD: one pass, so every output shows all four."""
        rect = self._own_rect()
        blank = self.context.blanked() if self.ticket is not None else ""
        if blank:  # a capture program runs: no picture at all, and why
            painter.fillRect(rect, QColor(0, 0, 0))
            self.painted_watermark = None
            self.painted_blank = blank
            self._osd_painter.paint(painter, rect, replace(self.osd_spec(), notice=blank))
            return
        self.painted_blank = ""
        state = self.stream_state
        frame = self.player.current_frame() if self.player is not None else None
        if frame is not None and state not in (StreamState.PLAYING, StreamState.STALLED,
                                               StreamState.RECONNECTING):
            frame = None
        picture = self._video_area() if frame is not None else rect
        if frame is None or picture != rect or state != StreamState.PLAYING:
            painter.fillRect(rect, BACKGROUND)       # no picture, bars, or a dimmed picture
        if frame is not None:
            seen = (frame.width(), frame.height(), self.width(), self.height(),
                    self.player.source_size if self.player is not None else None)
            if seen != self._checked or self._settle.isActive():
                self._checked = seen
                self._follow_aspect(frame.width(), frame.height())
        if self.ticket is not None:
            # the picture, its masks (relative to the picture) and the watermark: one path
            spec = self.context.watermark()
            self._picture_painter.paint(
                painter, rect, spec, frame, masks=self.masks, picture=picture,
                dimmed=1.0 if state == StreamState.PLAYING else STALLED_OPACITY)
            self.painted_watermark = spec
        else:
            self.painted_watermark = None
        self._osd_painter.paint(painter, rect, self.osd_spec())

    def osd_spec(self) -> OsdSpec:
        """What the OSD says now. Asked on every paint; made again only when the clock's
        second or what it shows changed (the language too: see ``changeEvent``)."""
        clock = self.context.clock_text()
        key = (clock, self.ticket, self.stream_state, self._notice, self._detail, self._cause,
               self.pending, self._message, self.index, self._drop_target, self.is_selected)
        if self._osd_cache is not None and self._osd_cache[0] == key:
            return self._osd_cache[1]
        border = DROP_BORDER if self._drop_target else \
            SELECTED_BORDER if self.is_selected else \
            VIEW_BORDER if self.ticket is not None else FREE_BORDER
        spec = replace(self._make_osd_spec(clock), border=border)
        self._osd_cache = (key, spec)
        return spec

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._osd_cache = None  # the OSD's words are translated when made
            self.update()
        super().changeEvent(event)

    def _make_osd_spec(self, clock: str) -> OsdSpec:
        if self.ticket is not None:
            state = self.stream_state
            return OsdSpec(self.ticket.camera_name, str(state), state_text(state), clock,
                           notice=self._notice or self._state_notice(state),
                           footer=" · ".join(t for t in (self.purpose_text, self.until_text) if t))
        if self.pending is not None:
            return OsdSpec(self.pending.name, str(StreamState.CONNECTING),
                           state_text(StreamState.CONNECTING), clock,
                           notice=self.tr("Opening…"))
        if self._message:
            return OsdSpec(str(self.index + 1), str(StreamState.IDLE), "", clock,
                           notice=self._message)
        return OsdSpec(str(self.index + 1), str(StreamState.IDLE), "", clock,
                       notice=self.tr("Drag a monitoring point here to play"), hint=True)

    def _state_notice(self, state: StreamState) -> str:
        # the player's failure as a code, translated (its English detail is for diagnostics)
        detail = self._cause or (failure_text(self.player.failure)
                                 if self.player is not None else "")
        if state == StreamState.STALLED:
            return self.tr("No new picture: the stream has stalled.")
        if state == StreamState.RECONNECTING:
            return self.tr("The stream dropped; reconnecting… {detail}").format(detail=detail)
        if state == StreamState.OFFLINE:
            return self.tr("The camera cannot be reached; retrying… {detail}").format(
                detail=detail)
        if state == StreamState.ENDED:
            return self.tr("The recording has ended.")
        if state == StreamState.CONNECTING:
            return self.tr("Connecting…")
        return ""

    def details_text(self) -> str:
        """For the tile's details: which backend and stream play, from where (no secrets)."""
        if self.ticket is None:
            return ""
        player = self.player
        lines = [self.ticket.camera_name, self.ticket.camera_code]
        if self.stream_kind is not None:
            lines.append(self.tr("Stream: {kind}").format(kind=stream_name(self.stream_kind)))
        if player is not None:
            lines.append(self.tr("Decoder: {backend}").format(backend=player.backend_name))
            if player.source is not None:
                lines.append(self.tr("Address: {url}").format(url=player.source.display_url))
            lines.append(self.tr("State: {state}").format(state=state_text(player.state)))
        lines += [t for t in (self.purpose_text, self.until_text) if t]
        return "\n".join(lines)

    # -- input -----------------------------------------------------------------------------------

    @Slot()
    def _on_close_clicked(self) -> None:
        if self.ticket is not None:
            self.close_requested.emit(self.index)
        else:
            self.dismiss_message()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.maximise_requested.emit(self.index)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.selected.emit(self.index)
        if event.button() == Qt.MouseButton.LeftButton and self.ticket is not None:
            self._drag_start = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        start = self._drag_start
        if start is not None and (event.position().toPoint() - start).manhattanLength() \
                >= QApplication.startDragDistance():
            self._drag_start = None
            drag = QDrag(self)
            drag.setMimeData(self.drag_mime())
            drag.exec(Qt.DropAction.MoveAction)
            return
        super().mouseMoveEvent(event)

    def drag_mime(self) -> QMimeData:
        """What dragging a tile carries: its index, for a swap inside the grid — never the
        picture, a file or a URL (R9: nothing to drop into another program)."""
        data = QMimeData()
        data.setData(TILE_MIME_TYPE, str(self.index).encode())
        return data

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag_start = None
        super().mouseReleaseEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self.menu_requested.emit(self.index, event.globalPos())
        event.accept()

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent) -> bool:
        data = event.mimeData()
        if data.hasFormat(CAMERA_MIME_TYPE):
            event.setDropAction(Qt.DropAction.CopyAction)
            return True
        if data.hasFormat(TILE_MIME_TYPE) and event.source() is not self \
                and isinstance(event.source(), VideoTile) \
                and event.source().parent() is self.parent():
            event.setDropAction(Qt.DropAction.MoveAction)
            return True
        return False

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._accepts(event):
            event.accept()
            self._set_drop_target(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._accepts(event):
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_target(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_target(False)
        data = event.mimeData()
        if data.hasFormat(TILE_MIME_TYPE):
            source = event.source()
            if isinstance(source, VideoTile) and source is not self:
                event.setDropAction(Qt.DropAction.MoveAction)
                event.accept()
                self.tile_dropped.emit(source.index, self.index)
                return
            event.ignore()
            return
        codes = decode_codes(data)
        if not codes:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.camera_dropped.emit(self.index, codes[0])

    def _set_drop_target(self, on: bool) -> None:
        self._drop_target = on
        self.update()

    def video_rect(self) -> QRect:
        """Where the picture goes: the tile, less bars that keep the stream's aspect ratio
        (the whole tile until the first picture says what the aspect is)."""
        return QRect(self._video_area())

    def _video_area(self) -> QRect:
        """``video_rect()`` as cached (read only)."""
        rect = self._own_rect()
        size = self.player.source_size if self.player is not None else None
        if size is None:
            return rect
        key = (rect.width(), rect.height(), size)
        if self._video_rect[0] != key:  # asked on every paint: worked out on a change only
            fitted = QSize(*size).scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio)
            self._video_rect = (key, QRect(rect.left() + (rect.width() - fitted.width()) // 2,
                                           rect.top() + (rect.height() - fitted.height()) // 2,
                                           fitted.width(), fitted.height()))
        return self._video_rect[1]

    def _own_rect(self) -> QRect:
        """``rect()``, kept per size (read only: the paint reads it 25 times a second per
        tile, and PySide calls that return a Qt value let the decoder threads take the
        interpreter in turn)."""
        width, height = self.width(), self.height()
        cached = self._rect_cache
        if cached[0] != width or cached[1] != height:
            cached = self._rect_cache = (width, height, QRect(0, 0, width, height))
        return cached[2]

    def _follow_aspect(self, frame_width: int, frame_height: int) -> None:
        """Ask the decoder for pictures the size of the letterboxed picture area (once the
        stream's aspect is known), so the picture is neither stretched nor rescaled."""
        wanted = self._output_size()
        differs = abs(wanted.width() - frame_width) > 2 or abs(wanted.height() - frame_height) > 2
        if differs and not self._settle.isActive():
            self._settle.start()


def state_text(state: StreamState) -> str:
    return QApplication.translate("StreamState", _STATE_TEXTS[state])


def stream_name(kind: StreamKind) -> str:
    return QApplication.translate("StreamState", _STREAM_NAMES[kind])


_STATE_TEXTS = {
    StreamState.IDLE: QT_TRANSLATE_NOOP("StreamState", "Idle"),
    StreamState.CONNECTING: QT_TRANSLATE_NOOP("StreamState", "Connecting"),
    StreamState.PLAYING: QT_TRANSLATE_NOOP("StreamState", "Live"),
    StreamState.RECONNECTING: QT_TRANSLATE_NOOP("StreamState", "Reconnecting"),
    StreamState.STALLED: QT_TRANSLATE_NOOP("StreamState", "Stalled"),
    StreamState.OFFLINE: QT_TRANSLATE_NOOP("StreamState", "Offline"),
    StreamState.NO_PERMISSION: QT_TRANSLATE_NOOP("StreamState", "No permission"),
    StreamState.ENDED: QT_TRANSLATE_NOOP("StreamState", "Ended"),
}
_STREAM_NAMES = {
    StreamKind.MAIN: QT_TRANSLATE_NOOP("StreamState", "main stream"),
    StreamKind.SUB: QT_TRANSLATE_NOOP("StreamState", "sub stream"),
}
