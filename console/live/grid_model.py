"""What a video grid shows, without Qt: the layout, which view (or camera being opened) is in
which cell, the maximised cell and the selected one. The desk's grid and each wall output's
grid keep one (``GridModel``); each tile renders its ``Cell`` and the grid places the tiles
as the model's events say (napari's ``ViewerModel`` / ``QtViewer`` split: the model emits
plain events, the Qt side subscribes).

The rules that move views between cells live here as plain functions, so the wall's preset
recall (console/wall/recall.py) can plan on the same rules the grid applies:

- a smaller layout first moves views from the cells it removes into free cells it keeps
  (``compaction_swaps``); what still does not fit is dropped (the caller closes and
  registers it);
- the first free cell is the one a new view goes to; a cell still showing why its last
  view ended is taken only when no quiet one is left (``first_free``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from console.access.model import CameraEntry, ViewTicket
from console.live.layouts import DEFAULT_LAYOUT, GridLayout, layout_for


@dataclass(frozen=True, slots=True)
class CellContent:
    """One cell: the camera whose view it shows (``code``), the camera being opened in it
    (``pending``), and why its last view ended or was refused (``message``)."""

    code: str | None = None
    pending: str | None = None
    message: str = ""

    @property
    def is_free(self) -> bool:
        """Nothing shown and nothing being opened (a message may still be shown)."""
        return self.code is None and self.pending is None


def compaction_swaps(cells: Sequence[CellContent], keep: int) -> list[tuple[int, int]]:
    """The swaps (in order) that move what the cells from ``keep`` on show into free cells
    below ``keep``, before a layout of ``keep`` cells removes them; stops when no free
    cell is left below ``keep``."""
    now = list(cells)
    swaps: list[tuple[int, int]] = []
    for index in range(keep, len(now)):
        if now[index].is_free:
            continue
        free = next((i for i in range(min(keep, len(now))) if now[i].is_free), None)
        if free is None:
            break
        now[index], now[free] = now[free], now[index]
        swaps.append((index, free))
    return swaps


def relayout(cells: Sequence[CellContent], count: int) -> tuple[list[CellContent],
                                                                  list[CellContent]]:
    """The cells after a change to a layout of ``count`` cells, and the cells dropped with
    a view or an open still in them."""
    now = list(cells)
    if count < len(now):
        for a, b in compaction_swaps(now, count):
            now[a], now[b] = now[b], now[a]
        dropped = [c for c in now[count:] if not c.is_free]
        return now[:count], dropped
    return now + [CellContent()] * (count - len(now)), []


def first_free(cells: Sequence[CellContent]) -> int | None:
    """Where a new view goes: the first free cell, one showing no message preferred."""
    free = [i for i, c in enumerate(cells) if c.is_free]
    quiet = [i for i in free if not cells[i].message]
    chosen = quiet or free
    return chosen[0] if chosen else None


# -- the model -----------------------------------------------------------------------------------


class CellState(Enum):
    FREE = "free"          # nothing shown (perhaps the message why the last view closed)
    OPENING = "opening"    # open_view is on its way
    SHOWING = "showing"    # an opened view


@dataclass(eq=False)
class Cell:
    """One cell's content: the open view, the camera being opened, why the last view ended.
    A tile renders it; it moves with its tile when tiles are swapped."""

    state: CellState = CellState.FREE
    ticket: ViewTicket | None = None
    pending: CameraEntry | None = None
    message: str = ""

    def content(self) -> CellContent:
        return CellContent(self.ticket.camera_code if self.ticket is not None else None,
                           self.pending.code if self.pending is not None else None,
                           self.message)


class GridEvent(Enum):
    LAYOUT = "layout"          # (count): cells were added or removed
    SWAPPED = "swapped"        # (a, b): two cells changed places
    MAXIMISED = "maximised"    # (index or None)
    SELECTED = "selected"      # (index or None)


Listener = Callable[[GridEvent, tuple[object, ...]], None]


@dataclass(eq=False)
class GridModel:
    """The layout, the cells in order, the maximised and the selected cell."""

    layout: GridLayout = field(default_factory=lambda: layout_for(DEFAULT_LAYOUT))
    cells: list[Cell] = field(default_factory=list)
    maximised: int | None = None
    selected: int | None = None
    _listeners: list[Listener] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.cells += [Cell() for _ in range(self.layout.count - len(self.cells))]

    @classmethod
    def with_layout(cls, count: int) -> GridModel:
        return cls(layout_for(count))

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, event: GridEvent, *args: object) -> None:
        for listener in list(self._listeners):
            listener(event, args)

    # -- queries ---------------------------------------------------------------------------

    def contents(self) -> list[CellContent]:
        return [cell.content() for cell in self.cells]

    def free_cell(self) -> int | None:
        """Where a new view goes (``first_free``)."""
        return first_free(self.contents())

    def tickets(self) -> list[ViewTicket]:
        return [c.ticket for c in self.cells if c.ticket is not None]

    def index_of_ticket(self, ticket_id: str) -> int | None:
        return next((i for i, c in enumerate(self.cells)
                     if c.ticket is not None and c.ticket.id == ticket_id), None)

    # -- changes ---------------------------------------------------------------------------

    def set_layout(self, count: int) -> list[Cell]:
        """Take the layout of ``count`` cells: a maximised cell is restored, views of removed
        cells move into free kept cells first; returns the removed cells (those still
        showing a view are for the caller to close and register)."""
        spec = layout_for(count)
        self.set_maximised(None)
        removed: list[Cell] = []
        if spec.count < len(self.cells):
            for a, b in compaction_swaps(self.contents(), spec.count):
                self.swap(a, b)
            removed = self.cells[spec.count:]
            del self.cells[spec.count:]
            if self.selected is not None and self.selected >= spec.count:
                self.select(None)
        else:
            self.cells += [Cell() for _ in range(spec.count - len(self.cells))]
        self.layout = spec
        self._emit(GridEvent.LAYOUT, spec.count)
        return removed

    def swap(self, a: int, b: int) -> None:
        """Exchange cells ``a`` and ``b``; the maximised and the selected cell follow."""
        if a == b or not (0 <= a < len(self.cells) and 0 <= b < len(self.cells)):
            return
        self.cells[a], self.cells[b] = self.cells[b], self.cells[a]
        if self.maximised in (a, b):
            self.maximised = b if self.maximised == a else a
        selected = self.selected
        self._emit(GridEvent.SWAPPED, a, b)
        if selected in (a, b):  # the selection follows the view it showed
            self.select(b if selected == a else a)

    def toggle_maximise(self, index: int) -> None:
        if self.maximised == index or len(self.cells) == 1:
            self.set_maximised(None)
        else:
            self.set_maximised(index)

    def set_maximised(self, index: int | None) -> None:
        if index is not None and not 0 <= index < len(self.cells):
            index = None
        if index == self.maximised:
            return
        self.maximised = index
        self._emit(GridEvent.MAXIMISED, index)

    def select(self, index: int | None) -> None:
        """Make ``index`` the selected cell (a click, its menu, a view opened in it)."""
        if index is not None and not 0 <= index < len(self.cells):
            index = None
        self.selected = index
        self._emit(GridEvent.SELECTED, index)
