"""The video grid renders its Qt-free model (console/live/grid_model.py): each tile shows its
cell, and a change made on the model (swap, maximise, select, layout) re-places the tiles —
the grid holds no content of its own."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.access.model import ViewTicket
from console.codes import Right
from console.live.grid_model import CellState, GridModel
from console.player.grid import VideoGrid
from console.player.tile import TileContext
from console.watermark import WatermarkSpec


def ticket(code: str) -> ViewTicket:
    return ViewTicket(id=f"v-{code}", camera_id=1, camera_code=code, camera_name=code,
                      right=Right.LIVE, purpose="", output="desk", grant_id=None, until=None,
                      opened_at=datetime(2026, 1, 1, tzinfo=UTC))


@pytest.fixture
def grid(qtbot) -> VideoGrid:
    spec = WatermarkSpec(lines=("张三 (zhangsan)",), opacity=0.3, size_percent=5)
    made = VideoGrid(TileContext(watermark=lambda: spec, clock_text=lambda: "08:00:00"), 4)
    qtbot.addWidget(made)
    made.resize(800, 450)
    made.show()
    return made


def test_each_tile_renders_its_cell(grid: VideoGrid) -> None:
    model: GridModel = grid.model
    assert [t.cell for t in grid.tiles] == model.cells
    grid.tiles[2].show_view(ticket("A"))
    grid.tiles[1].show_free("授权已撤销")
    assert model.cells[2].state == CellState.SHOWING and model.cells[2].ticket == ticket("A")
    assert [c.code or c.message or "." for c in model.contents()] == [".", "授权已撤销", "A",
                                                                      "."]
    assert grid.free_tile() == 0 and grid.tickets() == [ticket("A")]


def test_changes_on_the_model_move_the_tiles(grid: VideoGrid, qtbot) -> None:
    model = grid.model
    grid.tiles[2].show_view(ticket("A"))
    shown = grid.tiles[2]
    model.select(2)
    assert shown.is_selected
    with qtbot.waitSignal(grid.selection_changed):
        model.swap(2, 0)                  # the tile goes with its cell; selection follows
    assert grid.tiles[0] is shown and shown.index == 0 and grid.selected == 0
    assert [t.cell for t in grid.tiles] == model.cells
    model.toggle_maximise(0)
    assert shown.maximised and [t.isVisible() for t in grid.tiles] == [True, False, False,
                                                                        False]
    model.set_maximised(None)
    assert not shown.maximised and all(t.isVisible() for t in grid.tiles)


def test_a_smaller_layout_keeps_the_view_and_deletes_the_tiles(grid: VideoGrid, qtbot) -> None:
    grid.tiles[3].show_view(ticket("D"))
    kept = grid.tiles[3]
    with qtbot.waitSignal(grid.layout_changed) as changed:
        dropped = grid.set_layout(1)
    assert changed.args == [1] and dropped == []
    assert grid.tiles == [kept] and kept.index == 0 and grid.model.cells == [kept.cell]
    grid.set_layout(9)
    assert len(grid.tiles) == 9 and [t.cell for t in grid.tiles] == grid.model.cells
