"""The grid's content rules without Qt (console/live/grid_model.py): table-driven."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any

import pytest

from console.access.model import ViewTicket
from console.codes import Right
from console.live.grid_model import (
    CellContent,
    CellState,
    GridModel,
    compaction_swaps,
    first_free,
    relayout,
)

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


# -- the model and its events ----------------------------------------------------------------


def model_of(spec: str) -> GridModel:
    """A model whose cells show ``spec`` (see ``cells``); views carry tickets."""
    model = GridModel.with_layout(len(spec.split()))
    for cell, content in zip(model.cells, cells(spec), strict=True):
        if content.code is not None:
            cell.state, cell.ticket = CellState.SHOWING, ticket(content.code)
        elif content.pending is not None:
            cell.state, cell.pending = CellState.OPENING, entry(content.pending)
        cell.message = content.message
    return model


def ticket(code: str) -> ViewTicket:
    return ViewTicket(f"v-{code}", 1, code, code, Right.LIVE, "", "desk", None, None,
                      datetime(2026, 1, 1, tzinfo=UTC))


def entry(code: str) -> Any:
    return SimpleNamespace(code=code)


def recorded(model: GridModel) -> list[tuple[str, tuple[object, ...]]]:
    events: list[tuple[str, tuple[object, ...]]] = []
    model.subscribe(lambda event, args: events.append((event.value, args)))
    return events


@pytest.mark.parametrize(("before", "count", "after", "dropped", "events"), [
    ("A B C D", 1, "A", ["B", "C", "D"], [("layout", (1,))]),
    (". . C D", 1, "C", ["D"], [("swapped", (2, 0)), ("layout", (1,))]),
    ("A . . .", 9, "A . . . . . . . .", [], [("layout", (9,))]),
    ("A b . D", 1, "A", ["D"], [("layout", (1,))]),     # an open on its way is dropped too
])
def test_layout_changes(before: str, count: int, after: str, dropped: list[str],
                        events: list[tuple[str, tuple[object, ...]]]) -> None:
    model = model_of(before)
    seen = recorded(model)
    removed = model.set_layout(count)
    assert codes(model.contents()) == after
    assert [c.ticket.camera_code for c in removed if c.ticket is not None] == dropped
    assert seen == events
    assert model.layout.count == count == len(model.cells)


@pytest.mark.parametrize(("maximised", "selected", "swap", "after_max", "after_sel"), [
    (None, 0, (0, 2), None, 2),       # the selection follows the view it showed
    (2, None, (2, 3), 3, None),       # so does the maximised cell
    (1, 1, (0, 3), 1, 1),             # neither moved
    (None, None, (1, 1), None, None),  # a tile dropped on itself
    (None, None, (0, 9), None, None),  # out of range: nothing
])
def test_swap(maximised: int | None, selected: int | None, swap: tuple[int, int],
              after_max: int | None, after_sel: int | None) -> None:
    model = model_of("A B C D")
    model.maximised, model.selected = maximised, selected
    model.swap(*swap)
    assert model.maximised == after_max and model.selected == after_sel
    if swap == (0, 2):
        assert codes(model.contents()) == "C B A D"


def test_maximise_toggles_and_a_layout_restores() -> None:
    model = model_of("A B C D")
    seen = recorded(model)
    model.toggle_maximise(2)
    model.toggle_maximise(2)
    model.toggle_maximise(1)
    model.set_layout(9)
    assert seen == [("maximised", (2,)), ("maximised", (None,)), ("maximised", (1,)),
                    ("maximised", (None,)), ("layout", (9,))]
    one = model_of("A")
    one.toggle_maximise(0)              # one tile: nothing to maximise
    assert one.maximised is None


def test_queries() -> None:
    model = model_of("A - . b")
    assert model.free_cell() == 2
    assert [t.camera_code for t in model.tickets()] == ["A"]
    assert model.index_of_ticket("v-A") == 0 and model.index_of_ticket("v-X") is None
    model.select(7)
    assert model.selected is None
