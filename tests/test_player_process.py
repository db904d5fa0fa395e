"""Decoding in worker processes (issue 15), with the real RTSP server and real tiles:

- a decoder process killed mid-play (SIGKILL) is replaced by a new process and its tile plays
  again within the reconnect delay, while another tile keeps getting and painting pictures;
- the stream's URL, credentials included, is never on a worker's command line nor in its
  environment (ps shows them to every user of the machine);
- a worker whose pictures are not taken (the GUI is busy) drops them itself and goes on with
  the newest one;
- the frozen bundle's entry (``main.py --decode-worker``) starts the workers.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from console.access.model import ViewTicket
from console.codes import Right
from console.live.state import LiveTuning, StreamKind, StreamSource, StreamState
from console.player import process_backend
from console.player.backend import BackendReport
from console.player.frame_buffer import Picture
from console.player.process_backend import ProcessBackend
from console.player.tile import TileContext, VideoTile
from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec

pytestmark = pytest.mark.skipif(not process_backend.available(),
                                reason="decoder processes need memfd (Linux)")

TUNING = LiveTuning(decoding="process")
PLAYING_WITHIN_MS = 15_000


class PaintCountingTile(VideoTile):
    """Counts the paints that drew a picture it had not drawn before."""

    def __init__(self, index: int, context: TileContext) -> None:
        super().__init__(index, context)
        self.new_pictures: list[float] = []
        self._last: object | None = None

    def paintEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().paintEvent(event)
        frame = self.player.current_frame() if self.player is not None else None
        if frame is not None and frame is not self._last:
            self._last = frame
            self.new_pictures.append(time.monotonic())


def _tile(qtbot, index: int, url: str) -> PaintCountingTile:
    identity = WatermarkIdentity("张三", "zhangsan", "T-0042", "127.0.0.42", "AB12CD")
    style = WatermarkStyle(opacity_percent=30, size_percent=4)
    tile = PaintCountingTile(index, TileContext(
        watermark=lambda: watermark_spec(identity, style, datetime.now(UTC)),
        clock_text=lambda: datetime.now().strftime("%H:%M:%S"), tuning=TUNING))
    qtbot.addWidget(tile)
    tile.resize(480, 270)
    tile.move(0, 280 * index)
    tile.show()
    code = f"3205080101132800000{index}"
    tile.show_view(ViewTicket(id=f"v{index}", camera_id=index, camera_code=code,
                              camera_name="平江路", right=Right.LIVE, purpose="",
                              output="desk", grant_id=None, until=None,
                              opened_at=datetime(2026, 1, 1, tzinfo=UTC)))
    tile.play(f"v{index}", StreamSource(code, StreamKind.SUB, url=url,
                                        display_url="rtsp://127.0.0.1/redacted"), ())
    return tile


def _worker_pid(tile: VideoTile) -> int:
    assert tile.player is not None
    backend = tile.player._running.backend
    assert isinstance(backend, ProcessBackend) and backend.pid is not None
    return backend.pid


def test_a_killed_decoder_process_restarts_and_its_tile_recovers_while_another_plays_on(
        qtbot, rtsp_server) -> None:
    url = rtsp_server.url("/live")
    killed, other = _tile(qtbot, 0, url), _tile(qtbot, 1, url)
    try:
        qtbot.waitUntil(lambda: all(t.stream_state is StreamState.PLAYING and
                                    len(t.new_pictures) > 10 for t in (killed, other)),
                        timeout=PLAYING_WITHIN_MS)
        assert killed.player is not None
        assert killed.player.backend_name.endswith("decoder process")
        victim, bystander = _worker_pid(killed), _worker_pid(other)
        states: list[str] = []
        killed.player.state_changed.connect(lambda state, _detail: states.append(state))

        os.kill(victim, signal.SIGKILL)
        killed_at = time.monotonic()
        qtbot.waitUntil(lambda: StreamState.RECONNECTING.value in states, timeout=3000)
        backoff = TUNING.backoff_start_s
        # within the first reconnect delay, plus opening a stream and a new process
        qtbot.waitUntil(lambda: killed.stream_state is StreamState.PLAYING
                        and killed.new_pictures[-1] > killed_at,
                        timeout=int((backoff + TUNING.open_timeout_s) * 1000))
        recovered_at = next(t for t in killed.new_pictures if t > killed_at)
        assert recovered_at - killed_at < backoff + 3.0
        assert _worker_pid(killed) != victim
        qtbot.wait(500)

        # the other tile painted new pictures all along, its process untouched
        assert _worker_pid(other) == bystander
        assert other.stream_state is StreamState.PLAYING
        during = [t for t in other.new_pictures if killed_at <= t <= killed_at + (
            recovered_at - killed_at) + 0.5]
        span = recovered_at - killed_at + 0.5
        assert len(during) >= 10 * span      # the stream is 25/s; painting kept going
        gaps = [b - a for a, b in itertools.pairwise(during)]
        assert max(gaps, default=0.0) < 0.5
    finally:
        for tile in (killed, other):
            tile.stop_stream()


def test_the_stream_url_and_its_credentials_stay_off_the_worker_command_line(
        qtbot, rtsp_server) -> None:
    url = rtsp_server.url("/live").replace("rtsp://", "rtsp://admin:s3cret-Pw@")
    tile = _tile(qtbot, 0, url)
    try:
        qtbot.waitUntil(lambda: tile.stream_state is StreamState.PLAYING,
                        timeout=PLAYING_WITHIN_MS)
        pid = _worker_pid(tile)
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            cmdline = f.read()
        with open(f"/proc/{pid}/environ", "rb") as f:
            environ = f.read()
        assert b"decode_worker" in cmdline
        for secret in (b"s3cret-Pw", b"admin:", b"/live"):
            assert secret not in cmdline and secret not in environ
    finally:
        tile.stop_stream()


class _SlowSink:
    """A player that never lets go of the pictures it got: the worker must not wait for it
    and must not overwrite them."""

    def __init__(self) -> None:
        self.pictures: list[tuple[Picture, bytes]] = []
        self.reports: list[BackendReport] = []

    def publish(self, picture: Picture) -> None:
        self.pictures.append((picture, bytes(picture.data[:64])))

    def is_in_use(self, data: object) -> bool:
        return any(p.data is data for p, _ in self.pictures)

    def report(self, report: BackendReport) -> None:
        self.reports.append(report)


def test_a_worker_whose_pictures_are_not_taken_drops_them_and_never_overwrites_one(
        qtbot, rtsp_server) -> None:
    sink = _SlowSink()
    backend = ProcessBackend()
    url = rtsp_server.url("/live")
    backend.start(StreamSource("c", StreamKind.SUB, url, "x", TUNING), 320, 180, sink)
    try:
        qtbot.waitUntil(lambda: len(sink.pictures) >= process_backend.SLOTS, timeout=10_000)
        qtbot.wait(1500)
        # every slot is held: after the first pictures the worker drops the rest itself
        assert len(sink.pictures) == process_backend.SLOTS
        assert not sink.reports
        assert all(bytes(p.data[:64]) == first for p, first in sink.pictures)
    finally:
        backend.stop()
        assert backend.join(3.0)


def test_the_bundle_style_entry_starts_the_decoder_workers(
        qtbot, rtsp_server, tmp_path, monkeypatch) -> None:
    """In the frozen terminal bundle ``sys.executable`` is the bundle's own program, which
    has no ``python -m``: its workers are that program with ``--decode-worker`` (main.py
    dispatches it), not threads of the console. Played here through main.py as a program of
    its own, the way the bundle runs it (packaging/terminal.spec builds main.py)."""
    root = Path(__file__).resolve().parents[1]
    program = tmp_path / "city-video-console"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{root / "main.py"}" "$@"\n')
    program.chmod(0o755)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    # a zygote and a spare of this program, not the ones the other tests started
    monkeypatch.setattr(process_backend._Zygote, "process", None)
    monkeypatch.setattr(process_backend._Zygote, "requests", None)
    monkeypatch.setattr(process_backend._Spare, "worker", None)
    assert process_backend.available()
    assert process_backend.worker_command("3", "4")[1:] == ["--decode-worker", "3", "4"]
    tile = _tile(qtbot, 0, rtsp_server.url("/live"))
    zygote = process_backend._Zygote.process
    try:
        qtbot.waitUntil(lambda: tile.stream_state is StreamState.PLAYING
                        and len(tile.new_pictures) > 5, timeout=PLAYING_WITHIN_MS)
        assert tile.player is not None
        assert tile.player.backend_name.endswith("decoder process")
        with open(f"/proc/{_worker_pid(tile)}/cmdline", "rb") as f:
            cmdline = f.read().split(b"\0")
        assert str(root / "main.py").encode() in cmdline
        assert b"--decode-worker" in cmdline
    finally:
        tile.stop_stream()
        zygote = zygote or process_backend._Zygote.process
        if zygote is not None:
            zygote.kill()
            zygote.wait()
        requests = process_backend._Zygote.requests
        if requests is not None:
            requests.close()
