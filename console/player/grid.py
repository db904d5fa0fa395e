"""The video grid: tiles placed by a layout (1, 4, 6, 8, 9, 16, 25, 36), one tile maximised
on double-click and back, tiles swapped by dragging one onto another.

What it shows is a plain model (console/live/grid_model.py): the layout, the cells in order,
the maximised and the selected cell. A smaller layout first moves open views into free
tiles it keeps; views that still do not fit are handed back to the caller to close (and
register). Removed tiles are deleted at once, players included, so nothing keeps decoding
off screen.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QPoint, QTimer, Signal, Slot
from PySide6.QtWidgets import QGridLayout, QWidget

from console.access.model import ViewTicket
from console.live.grid_model import GridEvent, GridModel
from console.live.layouts import DEFAULT_LAYOUT, GridLayout
from console.player.tile import TileContext, VideoTile

REPAINT_MS = 1000          # clock and watermark time change once a second


class VideoGrid(QWidget):
    """Renders a ``GridModel`` (console/live/grid_model.py): one tile per cell, placed by
    the model's layout, the maximised cell alone; the model's events say what changed."""

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
        self.model = GridModel.with_layout(count)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(2, 2, 2, 2)
        self._grid.setSpacing(2)
        self.tiles: list[VideoTile] = []
        self._selected_tile: VideoTile | None = None
        self._add_tiles(len(self.model.cells))
        self._place()
        self.model.subscribe(self._on_model_event)
        self._ticker = QTimer(self)
        self._ticker.setInterval(REPAINT_MS)
        self._ticker.timeout.connect(self._on_tick)
        self._ticker.start()

    @property
    def layout_spec(self) -> GridLayout:
        return self.model.layout

    @property
    def maximised(self) -> int | None:
        return self.model.maximised

    @property
    def selected(self) -> int | None:
        """The tile the PTZ dock and the menu act on."""
        return self.model.selected

    # -- queries ---------------------------------------------------------------------------------

    def free_tile(self) -> int | None:
        """The first free tile; one showing no message is preferred."""
        return self.model.free_cell()

    def tickets(self) -> list[ViewTicket]:
        """The views open in the tiles."""
        return self.model.tickets()

    def selected_tile(self) -> VideoTile | None:
        index = self.selected
        return self.tiles[index] if index is not None and index < len(self.tiles) else None

    def select(self, index: int | None) -> None:
        """Make tile ``index`` the selected one (a click, its menu, a view opened in it)."""
        self.model.select(index)

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
        index = self.model.index_of_ticket(ticket_id)
        return self.tiles[index] if index is not None else None

    # -- layout ----------------------------------------------------------------------------------

    def set_layout(self, count: int) -> list[ViewTicket]:
        """Show ``count`` tiles; returns the views that no longer fit (the caller closes
        and registers them)."""
        removed = self.model.set_layout(count)
        return [cell.ticket for cell in removed if cell.ticket is not None]

    @Slot(int)
    def toggle_maximise(self, index: int) -> None:
        self.model.toggle_maximise(index)

    @Slot(int, int)
    def swap(self, a: int, b: int) -> None:
        """Exchange the places of tiles ``a`` and ``b`` (their views go with them)."""
        self.model.swap(a, b)

    def _on_model_event(self, event: GridEvent, args: tuple[object, ...]) -> None:
        if event == GridEvent.SWAPPED:
            a, b = cast(tuple[int, int], args)
            self.tiles[a], self.tiles[b] = self.tiles[b], self.tiles[a]
            self.tiles[a].index, self.tiles[b].index = a, b
            self._place()
        elif event == GridEvent.MAXIMISED:
            for tile in self.tiles:
                if tile.maximised != (tile.index == self.maximised):
                    tile.set_maximised(tile.index == self.maximised)
            self._place()
        elif event == GridEvent.SELECTED:
            before, now = self._selected_tile, self.selected_tile()
            self._selected_tile = now
            for tile in self.tiles:
                tile.set_selected(tile is now)
            if before is not now or now is not None:
                self.selection_changed.emit()
        elif event == GridEvent.LAYOUT:
            count = len(self.model.cells)
            for tile in self.tiles[count:]:
                tile.stop_stream()
                self._grid.removeWidget(tile)
                tile.hide()
                tile.deleteLater()
            del self.tiles[count:]
            self._add_tiles(count - len(self.tiles))
            self._place()
            self.layout_changed.emit(count)

    def _add_tiles(self, number: int) -> None:
        """Tiles for the next ``number`` cells of the model."""
        for _ in range(number):
            tile = VideoTile(len(self.tiles), self.context, self,
                             cell=self.model.cells[len(self.tiles)])
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
