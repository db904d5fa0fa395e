"""Grid layouts of the video area: 1, 4, 6 (1+5), 8 (1+7), 9, 16, 25, 36 tiles.

A layout places its tiles as cells on a square grid; in 6 and 8 the first tile is large.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    col: int
    span: int = 1       # rows and columns taken (square)


@dataclass(frozen=True, slots=True)
class GridLayout:
    count: int          # tiles
    size: int           # the square grid's side
    cells: tuple[Cell, ...]

    @property
    def label(self) -> str:
        big = self.cells[0].span
        return f"1+{self.count - 1}" if big > 1 else str(self.count)


def _square(side: int) -> GridLayout:
    cells = tuple(Cell(i // side, i % side) for i in range(side * side))
    return GridLayout(side * side, side, cells)


def _one_big(side: int) -> GridLayout:
    """One tile of (side-1)² cells in the top left, the rest along the right and bottom."""
    big = side - 1
    cells = [Cell(0, 0, big)]
    cells += [Cell(row, side - 1) for row in range(big)]
    cells += [Cell(side - 1, col) for col in range(side)]
    return GridLayout(len(cells), side, tuple(cells))


LAYOUTS: dict[int, GridLayout] = {
    1: _square(1), 4: _square(2), 6: _one_big(3), 8: _one_big(4), 9: _square(3),
    16: _square(4), 25: _square(5), 36: _square(6),
}
DEFAULT_LAYOUT = 4


def layout_for(count: int) -> GridLayout:
    """The layout with ``count`` tiles; an unknown count (a stale saved setting) falls back
    to the default."""
    return LAYOUTS.get(count, LAYOUTS[DEFAULT_LAYOUT])
