"""Every output that shows video carries the watermark of the person logged in, drawn over
the real decoded picture: a desk tile, the same tile maximised, and a wall output's tile.
The grabbed pixels equal the decoded frame outside the watermark layer, and equal the frame
with the layer of *this* second inside it (not the layer of the next second)."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from console.access.model import ViewTicket
from console.clock import FixedClock
from console.codes import Right
from console.live.state import StreamKind, StreamSource, StreamState
from console.overlay.watermark_painter import render_layer
from console.player.grid import VideoGrid
from console.player.tile import TileContext, VideoTile
from console.views.wall_output import WallOutputWindow
from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec
from tests.overlay_support import composed, image_of, pixels

IDENTITY = WatermarkIdentity("张三", "zhangsan", "T-0042", "127.0.0.42", "AB12CD")
STYLE = WatermarkStyle(opacity_percent=30, size_percent=5)


@pytest.fixture(scope="module")
def clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("clips") / "still.mp4"
    subprocess.run(["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc2=size=640x360:rate=25", "-t", "30", "-c:v", "libx264",
                    "-preset", "ultrafast", "-g", "25", "-bf", "0", "-pix_fmt", "yuv420p",
                    str(path)], check=True, timeout=60)
    return path


def context(clock: FixedClock) -> TileContext:
    return TileContext(watermark=lambda: watermark_spec(IDENTITY, STYLE, clock.now()),
                       clock_text=lambda: clock.now().strftime("%H:%M:%S"))


def ticket() -> ViewTicket:
    return ViewTicket(id="v1", camera_id=1, camera_code="32050801011328000001",
                      camera_name="平江路", right=Right.LIVE, purpose="", output="desk",
                      grant_id=None, until=None, opened_at=datetime(2026, 1, 1, tzinfo=UTC))


def play(qtbot, tile: VideoTile, clip: Path) -> QImage:
    """Open the clip in ``tile``; once it plays, hold its current picture still and return
    it (so the grab and the expectation see the same frame)."""
    tile.show_view(ticket())
    tile.play("v1", StreamSource("32050801011328000001", StreamKind.SUB, url=str(clip),
                                 display_url=str(clip)), ())
    player = tile.player
    assert player is not None
    qtbot.waitUntil(lambda: player.state == StreamState.PLAYING
                    and player.current_frame() is not None, timeout=10_000)
    frame = player.current_frame().copy()
    player.current_frame = lambda: frame          # type: ignore[method-assign]
    return image_of(frame)


def check(tile: VideoTile, frame: QImage, clock: FixedClock) -> None:
    size = tile.size()
    spec = watermark_spec(IDENTITY, STYLE, clock.now())
    grabbed = pixels(tile.grab().toImage().convertToFormat(QImage.Format.Format_RGB32))
    # the picture as the tile lays it out: letterboxed to the stream's aspect ratio
    area = tile.video_rect()
    assert abs(area.width() / area.height() - 640 / 360) < 0.02
    scaled = QImage(size, QImage.Format.Format_RGB32)
    scaled.fill(QColor(12, 14, 16))
    base = QPainter(scaled)
    base.drawImage(area, frame)
    base.end()
    layer = render_layer(size, spec)
    alpha = pixels(layer)[..., 3]
    expected = pixels(composed(scaled, layer))
    later = pixels(composed(scaled, render_layer(
        size, watermark_spec(IDENTITY, STYLE, clock.now() + timedelta(seconds=1)))))
    # leave out the OSD bars (top and bottom) and the border
    bar = max(16, min(28, size.height() // 12)) + 2
    rows = slice(bar, size.height() - bar - 24)
    cols = slice(2, size.width() - 2)
    g, e, la, a = grabbed[rows, cols, :3], expected[rows, cols, :3], later[rows, cols, :3], \
        alpha[rows, cols]
    raw = pixels(scaled)[rows, cols, :3]
    outside, inside = a == 0, a > 0
    assert inside.sum() > 0.02 * a.size                      # the watermark covers the tile
    assert np.array_equal(g[outside], raw[outside])          # the picture itself, untouched
    diff_now = np.abs(g[inside].astype(int) - e[inside].astype(int)).max()
    assert diff_now <= 2                                     # this second's watermark …
    assert np.abs(g[inside].astype(int) - la[inside].astype(int)).max() > 40   # … not the next
    assert tile.painted_watermark == spec
    text = "\n".join(spec.lines)
    for part in ("张三", "zhangsan", "T-0042", "127.0.0.42", "AB12CD",
                 clock.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")):
        assert part in text


def test_desk_tile_and_maximised_tile(qtbot, clip: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 21, 8, 0, 0, tzinfo=UTC))
    grid = VideoGrid(context(clock), 4)
    qtbot.addWidget(grid)
    grid.resize(960, 560)
    grid.show()
    qtbot.waitExposed(grid)
    tile = grid.tiles[0]
    frame = play(qtbot, tile, clip)
    check(tile, frame, clock)
    grid.toggle_maximise(0)
    qtbot.waitUntil(lambda: tile.width() > 900)
    clock.advance(timedelta(seconds=3))
    check(tile, frame, clock)
    tile.stop_stream()


def test_wall_output_tile(qtbot, clip: Path) -> None:
    clock = FixedClock(datetime(2026, 11, 21, 8, 0, 0, tzinfo=UTC))
    window = WallOutputWindow("test", context(clock), None, count=1)
    qtbot.addWidget(window)
    window.resize(800, 450)
    window.show()
    qtbot.waitExposed(window)
    tile = window.grid.tiles[0]
    frame = play(qtbot, tile, clip)
    check(tile, frame, clock)
    tile.stop_stream()
    assert QRect(tile.mapTo(window, tile.rect().topLeft()), tile.size()).width() > 700


def test_privacy_masks_hide_their_area_of_the_real_picture(qtbot, clip: Path) -> None:
    from console.overlay.mask_painter import MASK_COLOUR

    clock = FixedClock(datetime(2026, 11, 21, 8, 0, 0, tzinfo=UTC))
    grid = VideoGrid(context(clock), 1)
    qtbot.addWidget(grid)
    grid.resize(640, 400)
    grid.show()
    qtbot.waitExposed(grid)
    tile = grid.tiles[0]
    play(qtbot, tile, clip)
    tile.set_masks((((0.5, 0.4), (0.9, 0.4), (0.9, 0.8), (0.5, 0.8)),))
    grabbed = pixels(tile.grab().toImage().convertToFormat(QImage.Format.Format_RGB32))
    area = tile.video_rect()          # mask coordinates are relative to the picture
    x0, y0, w, h = area.x(), area.y(), area.width(), area.height()
    rows = slice(y0 + int(h * 0.42), y0 + int(h * 0.78))
    cols = slice(x0 + int(w * 0.52), x0 + int(w * 0.88))
    inner = grabbed[rows, cols, :3]
    # only the watermark's translucent text may lie over the mask: the picture never shows
    layer = pixels(render_layer(tile.size(), watermark_spec(IDENTITY, STYLE, clock.now())))
    clear = layer[rows, cols, 3] == 0
    colour = (MASK_COLOUR.blue(), MASK_COLOUR.green(), MASK_COLOUR.red())
    assert clear.sum() > 100
    assert (inner[clear] == colour).all()
    tile.stop_stream()
