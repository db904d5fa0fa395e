"""The video grid: tiles placed by a layout (1, 4, 6, 8, 9, 16, 25, 36), one tile maximised
on double-click and back, tiles swapped by dragging one onto another.

A smaller layout first moves open views into free tiles it keeps; views that still do not
fit are handed back to the caller to close (and register). Removed tiles are deleted at
once, players included, so nothing keeps decoding off screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QWidget

from console.access.model import ViewTicket
from console.live.layouts import DEFAULT_LAYOUT, GridLayout, layout_for
from console.player.tile import TileContext, VideoTile

REPAINT_MS = 1000          # clock and watermark time change once a second


class VideoGrid(QWidget):
    close_requested = Signal(int)          # tile index
    camera_dropped = Signal(int, str)      # tile index, camera code
    source_wanted = Signal(int, object)    # tile index, StreamKind
    refusal_wanted = Signal(int)           # tile index: why the gateway refused its stream
    menu_requested = Signal(int, QPoint)   # tile index, global position
    layout_changed = Signal(int)           # the new tile count
    tile_selected = Signal(int)            # tile index the operator clicked
    selection_changed = Signal()           # the selected tile, or the view it shows, changed

    def __init__(self, context: TileContext, count: int = DEFAULT_LAYOUT,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoArea")
        self.context = context
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(2)
        self.tiles: list[VideoTile] = []
        self.layout_spec: GridLayout = layout_for(count)
        self.maximised: int | None = None
        self.selected: int | None = None       # the tile the PTZ dock and the menu act on
        self._add_tiles(self.layout_spec.count)
        self._place()
        self._ticker = QTimer(self)
        self._ticker.setInterval(REPAINT_MS)
        self._ticker.timeout.connect(self._on_tick)
        self._ticker.start()

    # -- queries ---------------------------------------------------------------------------------

    def free_tile(self) -> int | None:
        """The first free tile; one showing no message is preferred."""
        free = [t for t in self.tiles if t.is_free and t.pending is None]
        quiet = [t for t in free if not t.message]
        chosen = quiet or free
        return chosen[0].index if chosen else None

    def tickets(self) -> list[ViewTicket]:
        """The views open in the tiles."""
        return [t.ticket for t in self.tiles if t.ticket is not None]

    def selected_tile(self) -> VideoTile | None:
        index = self.selected
        return self.tiles[index] if index is not None and index < len(self.tiles) else None

    def select(self, index: int | None) -> None:
        """Make tile ``index`` the selected one (a click, its menu, a view opened in it)."""
        if index is not None and not 0 <= index < len(self.tiles):
            index = None
        before = self.selected_tile()
        self.selected = index
        for tile in self.tiles:
            tile.set_selected(tile.index == index)
        if before is not self.selected_tile() or index is not None:
            self.selection_changed.emit()

    @Slot(int)
    def _on_tile_clicked(self, index: int) -> None:
        self.select(index)
        self.tile_selected.emit(index)

    @Slot()
    def _on_tile_view_changed(self) -> None:
        tile = self.sender()
        if tile is not None and tile is self.selected_tile():
            self.selection_changed.emit()

    def tile_of_ticket(self, ticket_id: str) -> VideoTile | None:
        return next((t for t in self.tiles if t.ticket is not None
                     and t.ticket.id == ticket_id), None)

    # -- layout ----------------------------------------------------------------------------------

    def set_layout(self, count: int) -> list[ViewTicket]:
        """Show ``count`` tiles; returns the views that no longer fit (the caller closes
        and registers them)."""
        spec = layout_for(count)
        if self.maximised is not None:
            self._set_maximised(None)
        dropped: list[ViewTicket] = []
        if spec.count < len(self.tiles):
            self._compact(spec.count)
            for tile in self.tiles[spec.count:]:
                if tile.ticket is not None:
                    dropped.append(tile.ticket)
                tile.stop_stream()
                self._grid.removeWidget(tile)
                tile.hide()
                tile.deleteLater()
            del self.tiles[spec.count:]
            if self.selected is not None and self.selected >= spec.count:
                self.select(None)
        elif spec.count > len(self.tiles):
            self._add_tiles(spec.count - len(self.tiles))
        self.layout_spec = spec
        self._place()
        self.layout_changed.emit(spec.count)
        return dropped

    def _compact(self, keep: int) -> None:
        """Move views from tiles beyond ``keep`` into free tiles below it."""
        for tile in self.tiles[keep:]:
            if tile.ticket is None and tile.pending is None:
                continue
            free = next((t for t in self.tiles[:keep]
                         if t.is_free and t.pending is None), None)
            if free is None:
                return
            self.swap(tile.index, free.index)

    def _add_tiles(self, number: int) -> None:
        for _ in range(number):
            tile = VideoTile(len(self.tiles), self.context, self)
            tile.close_requested.connect(self.close_requested)
            tile.camera_dropped.connect(self.camera_dropped)
            tile.source_wanted.connect(self.source_wanted)
            tile.refusal_wanted.connect(self.refusal_wanted)
            tile.menu_requested.connect(self.menu_requested)
            tile.selected.connect(self._on_tile_clicked)
            tile.view_changed.connect(self._on_tile_view_changed)
            tile.tile_dropped.connect(self.swap)
            tile.maximise_requested.connect(self.toggle_maximise)
            self.tiles.append(tile)

    def _place(self) -> None:
        for tile in self.tiles:
            self._grid.removeWidget(tile)
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        for col in range(self._grid.columnCount()):
            self._grid.setColumnStretch(col, 0)
        if self.maximised is not None:
            for tile in self.tiles:
                tile.setVisible(tile.index == self.maximised)
            self._grid.addWidget(self.tiles[self.maximised], 0, 0)
            self._grid.setRowStretch(0, 1)
            self._grid.setColumnStretch(0, 1)
            return
        spec = self.layout_spec
        for tile, cell in zip(self.tiles, spec.cells, strict=True):
            self._grid.addWidget(tile, cell.row, cell.col, cell.span, cell.span)
            tile.show()
        for i in range(spec.size):
            self._grid.setRowStretch(i, 1)
            self._grid.setColumnStretch(i, 1)

    # -- maximise and swap -----------------------------------------------------------------------

    @Slot(int)
    def toggle_maximise(self, index: int) -> None:
        if self.maximised == index or len(self.tiles) == 1:
            self._set_maximised(None)
        else:
            self._set_maximised(index)

    def _set_maximised(self, index: int | None) -> None:
        if self.maximised is not None and self.maximised < len(self.tiles):
            self.tiles[self.maximised].set_maximised(False)
        self.maximised = index
        if index is not None:
            self.tiles[index].set_maximised(True)
        self._place()

    @Slot(int, int)
    def swap(self, a: int, b: int) -> None:
        """Exchange the places of tiles ``a`` and ``b`` (their views go with them)."""
        if a == b or not (0 <= a < len(self.tiles) and 0 <= b < len(self.tiles)):
            return
        self.tiles[a], self.tiles[b] = self.tiles[b], self.tiles[a]
        self.tiles[a].index, self.tiles[b].index = a, b
        if self.maximised in (a, b):
            self.maximised = b if self.maximised == a else a
        if self.selected in (a, b):  # the selection follows the view it showed
            self.select(b if self.selected == a else a)
        self._place()

    # -- time ------------------------------------------------------------------------------------

    @Slot()
    def _on_tick(self) -> None:
        for tile in self.tiles:
            if tile.isVisible():
                tile.update()

    def stop_all(self) -> None:
        """Stop every stream (the session ended or the window closes)."""
        self._ticker.stop()
        for tile in self.tiles:
            tile.stop_stream()
