"""The grid's content rules without Qt (console/live/grid_model.py): table-driven."""

from __future__ import annotations

import pytest

from console.live.grid_model import CellContent, compaction_swaps, first_free, relayout

_ = CellContent()


def cells(spec: str) -> list[CellContent]:
    """``"A . b! -"``: A shows camera A, b is being opened, ``!`` carries a message,
    ``.`` is free, ``-`` free with a message."""
    out = []
    for given in spec.split():
        message = "why" if given.endswith("!") or given == "-" else ""
        word = given.rstrip("!")
        if word in (".", "-"):
            out.append(CellContent(message=message))
        elif word.islower():
            out.append(CellContent(pending=word.upper(), message=message))
        else:
            out.append(CellContent(code=word, message=message))
    return out


def codes(row: list[CellContent]) -> str:
    return " ".join(c.code or (c.pending.lower() if c.pending else ".") for c in row)


@pytest.mark.parametrize(("before", "keep", "swaps"), [
    ("A B C D", 1, []),                          # nowhere to go
    (". . . D", 1, [(3, 0)]),
    (". B . D", 1, [(1, 0)]),                    # the first one to move takes it
    (". . C D", 2, [(2, 0), (3, 1)]),
    (". . c D", 2, [(2, 0), (3, 1)]),            # an open in progress moves too
    ("A . . . . . . . . D", 4, [(9, 1)]),
    ("A . C D", 4, []),                          # nothing removed
    ("- . . D", 1, [(3, 0)]),                    # a message does not keep a cell
])
def test_compaction(before: str, keep: int, swaps: list[tuple[int, int]]) -> None:
    assert compaction_swaps(cells(before), keep) == swaps


@pytest.mark.parametrize(("before", "count", "after", "dropped"), [
    ("A B C D", 1, "A", "B C D"),
    (". . C D", 1, "C", "D"),
    (". B . D", 4, ". B . D", ""),
    ("A B . D", 6, "A B . D . .", ""),
    ("A b C D", 1, "A", "b C D"),
    (". . . .", 1, ".", ""),
])
def test_relayout(before: str, count: int, after: str, dropped: str) -> None:
    kept, gone = relayout(cells(before), count)
    assert codes(kept) == after
    assert codes(gone) == dropped


@pytest.mark.parametrize(("now", "chosen"), [
    (". . . .", 0),
    ("A . . .", 1),
    ("A - . .", 2),          # a cell saying why its last view ended is kept for reading
    ("A - B -", 1),          # ...unless no quiet one is left
    ("A b C D", None),       # one being opened is not free
    ("A B C D", None),
])
def test_first_free(now: str, chosen: int | None) -> None:
    assert first_free(cells(now)) == chosen


def test_free_means_nothing_shown_nor_opened() -> None:
    assert CellContent().is_free and CellContent(message="x").is_free
    assert not CellContent(code="A").is_free and not CellContent(pending="A").is_free
