"""One path from a decoded picture to the screen, and it carries the watermark (R8) and the
masks (R14): a ``DecodedFrame`` cannot be drawn by anything but ``PicturePainter``, no other
module draws a decoded picture itself, and the privacy-mask editor — the one video surface
that once showed the picture bare — shows the watermark of the person editing.
"""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter

from console.access.model import ViewTicket
from console.codes import Right
from console.live.state import LiveTuning, StreamKind, StreamSource, StreamState
from console.overlay.picture_painter import DecodedFrame
from console.overlay.watermark_painter import render_layer
from console.player import process_backend
from console.player.process_backend import ProcessBackend
from console.player.tile import TileContext, VideoTile
from console.views.tasks import TaskRunner
from console.views.video_area import VideoArea
from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec
from tests.conftest import INSTALLER, World, _clear_must_change
from tests.overlay_support import image_of, pixels
from tests.support.rtsp import MediaClips
from tests.views_support import logged_in, services_for

CONSOLE = Path(__file__).resolve().parent.parent / "console"
PAINTER = CONSOLE / "overlay" / "picture_painter.py"
# Modules that draw images which are not decoded pictures, and why that is safe.
DRAWS_OTHER_IMAGES = {
    "overlay/watermark_painter.py": "stamps the watermark text into its own layer",
    "overlay/osd_painter.py": "blits its own cached OSD layer",
    "views/wall_dock.py": "the wall miniature: a render of the output's tiles, which "
                             "were painted by PicturePainter, watermark included",
}
DRAW_CALLS = {"drawImage", "drawPixmap", "drawTiledPixmap", "drawPicture"}


def _modules() -> list[tuple[str, ast.Module, str]]:
    found = []
    for path in sorted(CONSOLE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        found.append((path.relative_to(CONSOLE).as_posix(), ast.parse(text), text))
    return found


def test_only_the_picture_painter_reads_a_decoded_picture() -> None:
    readers = [name for name, _tree, text in _modules()
               if "_sealed_image" in text and CONSOLE / name != PAINTER]
    assert readers == []


def test_no_other_module_draws_images() -> None:
    drawing = set()
    for name, tree, _text in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in DRAW_CALLS:
                drawing.add(name)
    assert drawing - {"overlay/picture_painter.py"} == set(DRAWS_OTHER_IMAGES)


def test_a_decoded_frame_cannot_be_drawn_or_subclassed(qapp) -> None:
    image = QImage(32, 18, QImage.Format.Format_RGB32)
    frame = DecodedFrame(image)
    target = QImage(32, 18, QImage.Format.Format_RGB32)
    painter = QPainter(target)
    try:
        with pytest.raises(TypeError):
            painter.drawImage(QRect(0, 0, 32, 18), frame)  # type: ignore[call-overload]
    finally:
        painter.end()
    with pytest.raises(TypeError):
        type("Unsealed", (DecodedFrame,), {})
    assert not isinstance(frame, QImage)
    assert (frame.width(), frame.height()) == (32, 18) and frame.copy() is not frame


def test_the_mask_editor_shows_the_watermark_over_the_live_picture(
        qtbot, world: World, media_clips: MediaClips) -> None:
    world.admin.bind(INSTALLER, "zhaoliu", "T-0042")
    _clear_must_change(world.db, "zhaoliu")
    services = services_for(world)
    session, policy = logged_in(services, "zhaoliu")
    area = VideoArea(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(area)
    area.grid.source_wanted.disconnect()          # the test plays a clip itself
    area.resize(800, 500)
    area.show()
    tile = area.grid.tiles[0]
    ticket = ViewTicket(id="v1", camera_id=1, camera_code="32050801011328000001",
                        camera_name="平江路", right=Right.LIVE, purpose="", output="desk",
                        grant_id=None, until=None, opened_at=datetime(2026, 1, 1, tzinfo=UTC))
    tile.show_view(ticket)
    clip = str(media_clips.clip360)
    tile.play("v1", StreamSource(ticket.camera_code, StreamKind.SUB, url=clip,
                                 display_url=clip), ())
    qtbot.waitUntil(lambda: tile.stream_state is StreamState.PLAYING
                    and tile.player is not None and tile.player.current_frame() is not None,
                    timeout=15_000)

    area.edit_masks(tile)                      # as the tile menu's "Edit privacy masks…"
    dialog = area.mask_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.canvas.frame is not None, timeout=5000)
    dialog.refresh_timer.stop()                # hold the picture still for the comparison
    canvas = dialog.canvas
    frame = canvas.frame
    assert frame is not None
    shown = pixels(canvas.grab().toImage().convertToFormat(QImage.Format.Format_RGB32))
    spec = area.context.watermark()
    assert canvas.painted_watermark == spec and session.code in spec.lines[-1]
    # the same picture bare, and with this session's watermark layer over it
    picture = canvas.picture_rect()
    bare = QImage(canvas.size(), QImage.Format.Format_RGB32)
    bare.fill(QColor(12, 14, 16))
    painter = QPainter(bare)
    painter.drawImage(picture, image_of(frame))
    painter.end()
    box = picture.toAlignedRect()
    layer = render_layer(box.size(), spec)
    expected = bare.copy()
    painter = QPainter(expected)
    painter.drawImage(box.topLeft(), layer)
    painter.end()
    rows, cols = slice(box.top() + 2, box.bottom() - 2), slice(box.left() + 2, box.right() - 2)
    alpha = np.zeros(shown.shape[:2], np.uint8)
    alpha[box.top():box.top() + box.height(), box.left():box.left() + box.width()] = \
        pixels(layer)[..., 3][:box.height(), :box.width()]
    got, want, plain = (a[rows, cols, :3].astype(int) for a in
                        (shown, pixels(expected), pixels(bare)))
    inside = alpha[rows, cols] > 0
    assert inside.mean() > 0.02                                   # it covers the picture
    assert np.abs(got[inside] - want[inside]).max() <= 3          # this session's watermark
    assert np.abs(got[inside] - plain[inside]).max(axis=-1).mean() > 8   # not the bare picture
    assert np.abs(got[~inside] - plain[~inside]).max() <= 3       # the picture itself
    dialog.reject()
    tile.stop_stream()


# -- the picture path with decoding in worker processes (issue 15) ---------------------------

PLAYER = CONSOLE / "player"
PROCESS_PATH = ("player/decode_worker.py", "player/process_backend.py")


def test_a_decoder_process_holds_no_qt_and_cannot_draw() -> None:
    """The worker only writes bytes into shared memory: it loads no Qt at all, so nothing it
    does can reach a screen except through the console's player and PicturePainter."""
    probe = ("import sys, console.player.decode_worker; "
             "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken'))))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, cwd=CONSOLE.parent)
    assert out.stdout.strip() == "[]"
    for name, tree, _text in _modules():
        if name not in PROCESS_PATH:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module not in ("PySide6.QtGui", "PySide6.QtWidgets"), name
            if isinstance(node, ast.Name):
                assert node.id not in ("QImage", "QPixmap", "QPainter"), name


def test_every_image_over_decoded_bytes_is_sealed_where_it_is_made() -> None:
    """In the player (both paths), a QImage is only ever made as the argument of a
    DecodedFrame: bytes from a decoder thread or a decoder process's shared memory become a
    sealed frame at once, never a bare image something else could draw."""
    made = []
    for name, tree, _text in _modules():
        if not name.startswith("player/"):
            continue
        sealed = {id(arg) for node in ast.walk(tree) if isinstance(node, ast.Call)
                  and isinstance(node.func, ast.Name) and node.func.id == "DecodedFrame"
                  for arg in node.args}
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id == "QImage":
                made.append((name, id(node) in sealed))
    assert made == [("player/player.py", True)]


@pytest.mark.skipif(not process_backend.available(), reason="decoder processes need memfd")
def test_a_tile_fed_by_a_decoder_process_paints_the_watermark_over_its_picture(
        qtbot, rtsp_server) -> None:
    identity = WatermarkIdentity("张三", "zhangsan", "T-0042", "127.0.0.42", "AB12CD")
    style = WatermarkStyle(opacity_percent=30, size_percent=4)
    tile = VideoTile(0, TileContext(
        watermark=lambda: watermark_spec(identity, style, datetime(2026, 1, 1, tzinfo=UTC)),
        clock_text=lambda: "12:00:00", tuning=LiveTuning(decoding="process")))
    qtbot.addWidget(tile)
    tile.resize(480, 270)
    tile.show()
    ticket = ViewTicket(id="v1", camera_id=1, camera_code="32050801011328000001",
                        camera_name="平江路", right=Right.LIVE, purpose="", output="desk",
                        grant_id=None, until=None, opened_at=datetime(2026, 1, 1, tzinfo=UTC))
    tile.show_view(ticket)
    url = rtsp_server.url("/live")
    tile.play("v1", StreamSource(ticket.camera_code, StreamKind.SUB, url=url,
                                 display_url=url), ())
    try:
        qtbot.waitUntil(lambda: tile.stream_state is StreamState.PLAYING
                        and tile.player is not None
                        and tile.player.current_frame() is not None, timeout=15_000)
        qtbot.wait(700)                        # the picture settles to the tile's size
        assert tile.player is not None
        backend = tile.player._running.backend
        assert isinstance(backend, ProcessBackend) and backend.pid is not None
        os.kill(backend.pid, signal.SIGSTOP)   # hold the picture still for the comparison
        try:
            qtbot.wait(300)
            shown = pixels(tile.grab().toImage().convertToFormat(QImage.Format.Format_RGB32))
            frame = tile.player.current_frame()
            spec = tile.painted_watermark
        finally:
            os.kill(backend.pid, signal.SIGCONT)
        assert frame is not None and spec == tile.context.watermark()
        bare = QImage(tile.size(), QImage.Format.Format_RGB32)
        bare.fill(QColor(0, 0, 0))
        painter = QPainter(bare)
        painter.drawImage(tile.video_rect(), image_of(frame))
        painter.end()
        layer = render_layer(tile.size(), spec)
        expected = bare.copy()
        painter = QPainter(expected)
        painter.drawImage(0, 0, layer)
        painter.end()
        video = tile.video_rect()
        h = video.height()
        rows = slice(video.top() + h // 4, video.top() + 3 * h // 4)
        cols = slice(video.left() + 4, video.right() - 4)
        alpha = pixels(layer)[..., 3][rows, cols]
        got, want, plain = (a[rows, cols, :3].astype(int) for a in
                            (shown, pixels(expected), pixels(bare)))
        inside = alpha > 0
        assert inside.mean() > 0.02                                  # it covers the picture
        assert np.abs(got[inside] - want[inside]).max() <= 3         # this session's mark
        assert np.abs(got[inside] - plain[inside]).max(axis=-1).mean() > 8  # not bare
        assert np.abs(got[~inside] - plain[~inside]).max() <= 3      # the picture itself
    finally:
        tile.stop_stream()
