"""What a video grid shows, without Qt: the layout, which view (or camera being opened) is in
which cell, the maximised cell and the selected one. The desk's grid and each wall output's
grid keep one; the tiles render it (napari's ``ViewerModel`` / ``QtViewer`` split).

The rules that move views between cells live here as plain functions, so the wall's preset
recall (console/wall/recall.py) can plan on the same rules the grid applies:

- a smaller layout first moves views from the cells it removes into free cells it keeps
  (``compaction_swaps``); what still does not fit is dropped (the caller closes and
  registers it);
- the first free cell is the one a new view goes to; a cell still showing why its last
  view ended is taken only when no quiet one is left (``first_free``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


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
