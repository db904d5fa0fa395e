"""Grid layouts and which stream a tile plays."""

from __future__ import annotations

import pytest

from console.live.layouts import DEFAULT_LAYOUT, LAYOUTS, layout_for
from console.live.state import StreamKind
from console.live.stream_choice import MAIN_STREAM_MIN_WIDTH, choose_stream


@pytest.mark.parametrize(("count", "size", "label", "big"), [
    (1, 1, "1", 1), (4, 2, "4", 1), (6, 3, "1+5", 2), (8, 4, "1+7", 3), (9, 3, "9", 1),
    (16, 4, "16", 1), (25, 5, "25", 1), (36, 6, "36", 1),
])
def test_layouts(count: int, size: int, label: str, big: int) -> None:
    spec = LAYOUTS[count]
    assert (spec.count, spec.size, spec.label, spec.cells[0].span) == (count, size, label, big)
    assert len(spec.cells) == count
    # the cells cover the square exactly once
    covered = [(c.row + r, c.col + k) for c in spec.cells
               for r in range(c.span) for k in range(c.span)]
    assert sorted(covered) == [(r, k) for r in range(size) for k in range(size)]


@pytest.mark.parametrize("count", [0, 3, 5, 100, -1])
def test_an_unknown_saved_layout_falls_back_to_the_default(count: int) -> None:
    assert layout_for(count) is LAYOUTS[DEFAULT_LAYOUT]


@pytest.mark.parametrize(("width", "maximised", "has_sub", "has_main", "kind"), [
    (480, False, True, True, StreamKind.SUB),
    (MAIN_STREAM_MIN_WIDTH - 1, False, True, True, StreamKind.SUB),
    (MAIN_STREAM_MIN_WIDTH, False, True, True, StreamKind.MAIN),
    (480, True, True, True, StreamKind.MAIN),
    (480, False, False, True, StreamKind.MAIN),      # no sub stream: main
    (1920, True, True, False, StreamKind.SUB),       # no main stream: sub
])
def test_stream_choice(width: int, maximised: bool, has_sub: bool, has_main: bool,
                       kind: StreamKind) -> None:
    assert choose_stream(width, maximised=maximised, has_sub=has_sub,
                         has_main=has_main) == kind
