"""Shared pieces of the live-playback benchmarks (live_first_frame, live_grid,
live_open_close): test clips made with ffmpeg, a VideoTile that counts the paints that drew
a new picture, a tile context with the watermark on, and process measurements.

Not a benchmark itself. Clips are cached in ``$TMPDIR/console-bench-clips`` (keyed by size,
length and rate), so only the first run pays for encoding them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from console.access.model import ViewTicket
from console.auth.results import SessionInfo
from console.clock import SystemClock
from console.codes import Right
from console.identity import TerminalIdentity
from console.live.grid_model import Cell
from console.live.state import LiveTuning, StreamKind, StreamSource
from console.player.tile import TileContext, VideoTile
from console.policy import Policy
from console.views.app import SWITCH_INTERVAL_S
from console.views.style import apply_theme
from console.views.watermark_source import clock_text_provider, watermark_provider
from console.watermark import WatermarkIdentity, WatermarkStyle

SIZES: dict[str, tuple[int, int, str]] = {     # name: width, height, video bit rate
    "720p": (1280, 720, "2M"),
    "1080p": (1920, 1080, "4M"),
    "d1": (704, 576, "1M"),
}
CLIP_DIR = Path(tempfile.gettempdir()) / "console-bench-clips"
IDENTITY = WatermarkIdentity("张三", "zhangsan", "T-0042", "10.20.0.42", "K7Q2ZD")
STYLE = WatermarkStyle(22, 4)


def make_clip(size: str, seconds: int, fps: int = 25, gop: int = 25) -> Path:
    """An H.264 MP4 of ffmpeg's testsrc2 (GOP ``gop``, no B-frames), made once and cached."""
    width, height, rate = SIZES[size]
    CLIP_DIR.mkdir(parents=True, exist_ok=True)
    path = CLIP_DIR / f"testsrc2_{size}_{fps}fps_{seconds}s_g{gop}.mp4"
    if path.exists() and path.stat().st_size > 0:
        return path
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        raise SystemExit("ffmpeg is needed to make the test clips")
    partial = path.with_suffix(".part.mp4")
    subprocess.run(  # noqa: S603 - fixed program and arguments
        [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=size={width}x{height}:rate={fps}", "-t", str(seconds),
         "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main", "-pix_fmt", "yuv420p",
         "-g", str(gop), "-keyint_min", str(gop), "-sc_threshold", "0", "-bf", "0",
         "-b:v", rate, "-maxrate", rate, "-bufsize", rate, "-an", str(partial)],
        check=True)
    partial.rename(path)
    return path


def app() -> QApplication:
    """The QApplication, set up as console.views.app.run_gui sets up the console's."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    instance = QApplication.instance()
    if isinstance(instance, QApplication):
        return instance
    instance = QApplication([])
    if os.environ.get("BENCH_NO_THEME") != "1":
        apply_theme(instance)   # the console's style sheet: tile children paint as they do there
    return instance


def context(tuning: LiveTuning | None = None) -> TileContext:
    """Watermark on, from the desk's own providers (console/views/watermark_source.py: the
    spec and the clock text made once per second of the clock, asked on every paint)."""
    session = SessionInfo(
        session_id="bench", code=IDENTITY.session_code, user_id=1, account=IDENTITY.account,
        real_name=IDENTITY.real_name, role="duty_officer", unit_code="U", unit_name="单位",
        terminal_name=IDENTITY.terminal_name, terminal_location="",
        identity=TerminalIdentity(IDENTITY.ip, "00:00:00:00:00:01"),
        started_at=datetime.now(UTC))
    policy = Policy(watermark_opacity_percent=STYLE.opacity_percent,
                    watermark_size_percent=STYLE.size_percent)
    return TileContext(watermark=watermark_provider(session, policy, SystemClock()),
                       clock_text=clock_text_provider(SystemClock()),
                       tuning=tuning or LiveTuning())


def ticket(index: int) -> ViewTicket:
    return ViewTicket(id=f"bench-{index}", camera_id=index + 1,
                      camera_code=f"3205080013100{index:07d}", camera_name=f"Bench {index + 1}",
                      right=Right.LIVE, purpose="benchmark", output="desk", grant_id=None,
                      until=None, opened_at=datetime.now(UTC))


def source(url: str, index: int, tuning: LiveTuning | None = None) -> StreamSource:
    return StreamSource(f"3205080013100{index:07d}", StreamKind.SUB, url,
                        f"rtsp://127.0.0.1/bench{index}", tuning or LiveTuning())


class CountingTile(VideoTile):
    """A VideoTile that counts its paints and the paints that drew a picture not drawn
    before (read back from the player's current-frame cache after the real paint)."""

    def __init__(self, index: int, ctx: TileContext, parent: QWidget | None = None, *,
                 cell: Cell | None = None) -> None:
        super().__init__(index, ctx, parent, cell=cell)
        self.paints = 0
        self.new_frames = 0
        self.first_frame_at: float | None = None
        self._last_picture: object | None = None
        self.on_first_frame: Callable[[], None] | None = None

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.paints += 1
        player = self.player
        shown = player._image if player is not None else None  # measuring only
        if shown is not None and shown[0] is not self._last_picture:
            self._last_picture = shown[0]
            self.new_frames += 1
            if self.first_frame_at is None:
                self.first_frame_at = time.perf_counter()
                if self.on_first_frame is not None:
                    self.on_first_frame()

    def forget_picture(self) -> None:
        self._last_picture = None


def start_view(tile: VideoTile, url: str, index: int) -> None:
    """Open a view in ``tile`` and play ``url`` when it asks for a stream, as the desk does."""
    view = ticket(index)

    def give(_tile_index: int, _kind: object) -> None:
        tile.play(view.id, source(url, index), ())

    tile.source_wanted.connect(give)
    tile.show_view(view)


def run_loop_until(done: Callable[[], bool], timeout_s: float, poll_ms: int = 2) -> bool:
    """Run the event loop until ``done()`` or the timeout; True when done."""
    if done():
        return True
    loop = QEventLoop()
    deadline = time.monotonic() + timeout_s

    def check() -> None:
        if done() or time.monotonic() >= deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(poll_ms)
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    return done()


def spin(seconds: float) -> None:
    """Run the event loop for ``seconds``."""
    loop = QEventLoop()
    QTimer.singleShot(max(0, int(seconds * 1000)), loop.quit)
    loop.exec()


def native_threads() -> int:
    return len(os.listdir("/proc/self/task"))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)
