"""A tile of a wall output as the target of an open (console/live/view_opening.py)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from console.access.model import CameraEntry, ViewTicket
from console.codes import Reason
from console.live.state import StreamKind
from console.player.tile import VideoTile
from console.views.wall_output import WallOutputWindow


class WallOutputs(Protocol):
    """What a wall tile needs of the wall: its outputs, and closing a view."""

    @property
    def outputs(self) -> Sequence[WallOutputWindow]: ...

    def close_view(self, ticket: ViewTicket, reason: Reason,
                   stream: StreamKind | None = None) -> None: ...


class WallTile:
    """Tile ``index`` of ``output``, waiting for ``code``. ``known``: the camera is in the
    tree (its tile shows it opening); a camera the tree does not know (a preset's) opens on
    a tile that is not opening another one. In a ``recall`` a refused camera also clears
    the view the tile showed (the preset replaces the wall)."""

    def __init__(self, control: WallOutputs, output: WallOutputWindow, index: int,
                 code: str, *, known: bool = True, recall: bool = False) -> None:
        self.control, self.output, self.index, self.code = control, output, index, code
        self.output_name = output.name    # read off the GUI thread
        self.known, self.recall = known, recall

    def tile(self) -> VideoTile | None:
        tiles = self.output.grid.tiles
        if self.output not in self.control.outputs or self.index >= len(tiles):
            return None
        return tiles[self.index]

    def begin(self, entry: CameraEntry | None) -> bool:
        tile = self.tile()
        if tile is None:
            return False
        if entry is not None:
            tile.show_opening(entry)
        return True

    def waiting(self) -> bool:
        tile = self.tile()
        if tile is None:
            return False
        if not self.known:
            return tile.pending is None
        return tile.pending is not None and tile.pending.code == self.code

    def show(self, ticket: ViewTicket) -> None:
        tile = self.tile()
        if tile is None:      # shown only while waiting, which needs the tile
            return
        previous, previous_stream = tile.ticket, tile.stream_kind
        tile.show_view(ticket)
        if previous is not None:
            self.control.close_view(previous, Reason.VIEW_CLOSED, previous_stream)
        if not self.output.isVisible():
            self.output.show_output()

    def refuse(self, message: str) -> None:
        tile = self.tile()
        if tile is None:
            return
        if tile.ticket is None and tile.pending is None:
            tile.show_free(message)
        elif self.recall and tile.ticket is not None:
            ticket, stream = tile.ticket, tile.stream_kind
            tile.show_free(message)
            self.control.close_view(ticket, Reason.VIEW_CLOSED, stream)
        else:
            tile.cancel_opening(message)
