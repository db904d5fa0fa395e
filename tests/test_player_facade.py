"""The Player facade with real RTSP (the GStreamer server), real decoding and real libvlc:
first pictures, parallel opens, reconnects, stalls, fallback, close."""

from __future__ import annotations

import threading
import time
from typing import Any

import numpy as np
import pytest

from console.demo.rtsp_spec import free_port
from console.live.backend_choice import BackendAvailability, BackendId
from console.live.state import StreamState
from console.player.capabilities import detect
from console.player.player import Player
from tests.overlay_support import image_of
from tests.support.recording_sink import source

FAST: dict[str, Any] = {"backoff_start_s": 0.5, "backoff_max_s": 2.0}
# Generous: decoder threads run at nice 10, so a machine busy with other work (CI, other
# test runs) slows them a lot; a passing test never waits this long.
PLAYING_WITHIN_MS = 15000


class Recorder:
    """Everything a player emits, with times."""

    def __init__(self, player: Player) -> None:
        self.states: list[tuple[str, str]] = []
        self.backends: list[str] = []
        self.frames = 0
        self.first_frame_at: float | None = None
        player.state_changed.connect(lambda s, d: self.states.append((s, d)))
        player.backend_changed.connect(self.backends.append)
        player.frame_arrived.connect(self._on_frame)

    def _on_frame(self) -> None:
        self.frames += 1
        if self.first_frame_at is None:
            self.first_frame_at = time.monotonic()

    def saw(self, state: StreamState) -> bool:
        return any(s == state.value for s, _ in self.states)

    def details(self, state: StreamState) -> list[str]:
        return [d for s, d in self.states if s == state.value]


def image_array(player: Player) -> np.ndarray:
    frame = player.current_frame()
    assert frame is not None
    image = image_of(frame)
    data = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]


@pytest.fixture
def players(qtbot):
    made: list[Player] = []

    def make(**kwargs) -> Player:
        player = Player(**kwargs)
        made.append(player)
        return player

    yield make
    for player in made:
        player.close()


@pytest.mark.parametrize("transport", ["tcp", "udp"])
def test_the_first_picture_arrives_at_the_output_size(qtbot, players, rtsp_server, transport):
    player = players()
    seen = Recorder(player)
    started = time.monotonic()
    player.open(source(rtsp_server.url("/clip360"), rtsp_transport=transport), 320, 180)
    assert player.state.value == "connecting"
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)
    first_picture_s = (seen.first_frame_at or 0) - started
    print(f"RTSP/{transport} first picture on the GUI thread after "
          f"{first_picture_s * 1000:.0f} ms")
    image = player.current_frame()
    assert image is not None
    assert (image.width(), image.height()) == (320, 180)
    assert image_array(player)[..., :3].std() > 20       # testsrc2's colours, not a blank
    assert seen.backends == [f"PyAV (FFmpeg {detect().pyav_version})"]
    assert player.backend_name == seen.backends[0]
    assert seen.states[:2] == [("connecting", ""), ("playing", "")]
    assert player.frames_received >= 1 and seen.frames >= 1
    assert player.last_frame_at is not None and player.retry_in is None
    assert first_picture_s < 5.0  # ~0.2 s on an idle machine


def test_a_new_output_size_applies_to_the_next_pictures(qtbot, players, rtsp_server):
    player = players()
    player.open(source(rtsp_server.url("/live")), 320, 180)
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)
    player.set_output_size(640, 360)

    def resized() -> bool:
        image = player.current_frame()
        return image is not None and image.width() == 640
    qtbot.waitUntil(resized, timeout=10000)


def test_eight_players_open_in_parallel(qtbot, players, rtsp_server):
    def first_picture_s(count: int) -> float:
        opened = [players() for _ in range(count)]
        started = time.monotonic()
        for player in opened:
            player.open(source(rtsp_server.url("/clip360")), 240, 135)
        qtbot.waitUntil(lambda: all(p.frames_received > 0 for p in opened),
                        timeout=PLAYING_WITHIN_MS)
        elapsed = time.monotonic() - started
        for player in opened:
            player.close()
        return elapsed

    single = min(first_picture_s(1) for _ in range(3))
    eight = first_picture_s(8)
    print(f"first picture: one player {single * 1000:.0f} ms, eight at once "
          f"{eight * 1000:.0f} ms (one after another would be ~{8 * single * 1000:.0f} ms)")
    assert eight < 4 * single


def test_a_dropped_stream_reconnects_with_growing_delays(qtbot, players, rtsp_server_factory):
    server = rtsp_server_factory()
    player = players()
    seen = Recorder(player)
    player.open(source(server.url("/live"), **FAST), 320, 180)
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)

    server.stop()
    qtbot.waitUntil(lambda: len(seen.details(StreamState.RECONNECTING)) >= 3, timeout=12000)
    details = seen.details(StreamState.RECONNECTING)
    assert [d.rsplit("retry in ", 1)[1] for d in details[:3]] == ["0.5 s", "1 s", "2 s"]
    assert not seen.saw(StreamState.OFFLINE)   # it played before: reconnecting, not offline

    frames_before = player.frames_received
    server.start()                             # same port; nobody touches the player
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)
    assert player.frames_received > frames_before
    # a picture resets the delay: the next drop waits the first delay again
    drops = len(seen.details(StreamState.RECONNECTING))
    server.stop()
    qtbot.waitUntil(lambda: len(seen.details(StreamState.RECONNECTING)) > drops, timeout=12000)
    assert seen.details(StreamState.RECONNECTING)[drops].endswith("retry in 0.5 s")


def test_a_first_open_that_fails_is_offline_and_keeps_trying_without_credentials(
        qtbot, players, rtsp_server_factory, media_clips):
    port = free_port()
    player = players()
    seen = Recorder(player)
    url = f"rtsp://admin:S3cret-pw@127.0.0.1:{port}/live"
    player.open(source(url, display_url=f"rtsp://***@127.0.0.1:{port}/live", **FAST), 320, 180)
    qtbot.waitUntil(lambda: len(seen.details(StreamState.OFFLINE)) >= 2, timeout=5000)
    assert "Connection refused; retry in 0.5 s" in seen.details(StreamState.OFFLINE)[0]

    from console.demo.rtsp_spec import RtspServerProcess
    from tests.support.rtsp import standard_mounts

    server = RtspServerProcess(standard_mounts(media_clips), port)
    server.start()
    try:
        qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)
    finally:
        server.close()
    assert not seen.saw(StreamState.RECONNECTING)
    texts = " ".join(d for _, d in seen.states) + player.source.display_url
    assert "S3cret-pw" not in texts and "admin" not in texts


def test_a_server_that_stops_sending_is_stalled_then_reopened(qtbot, players,
                                                              rtsp_server_factory):
    server = rtsp_server_factory()
    player = players(watch_interval_ms=100)
    seen = Recorder(player)
    player.open(source(server.url("/live"), stall_after_s=0.5, read_timeout_s=20.0, **FAST),
                320, 180)
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)
    server.pause()                  # connection stays open, nothing arrives
    try:
        qtbot.waitUntil(lambda: player.state is StreamState.STALLED, timeout=5000)
        assert player.current_frame() is not None         # the last picture stays
        qtbot.waitUntil(lambda: player.state is StreamState.RECONNECTING, timeout=5000)
        assert "no picture for" in seen.details(StreamState.RECONNECTING)[0]
    finally:
        server.resume()
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)


@pytest.mark.skipif(not detect().libvlc, reason="libvlc is not installed")
def test_libvlc_without_rtsp_falls_back_to_pyav(qtbot, players, rtsp_server):
    # as if libvlc could play RTSP and the terminal preferred it
    player = players(availability=BackendAvailability(pyav=True, libvlc=True, libvlc_rtsp=True),
                     preference=BackendId.VLC)
    seen = Recorder(player)
    player.open(source(rtsp_server.url("/live")), 320, 180)
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)
    assert seen.backends == [f"libvlc {detect().libvlc_version}",
                             f"PyAV (FFmpeg {detect().pyav_version})"]
    assert player.backend_name.startswith("PyAV")
    assert not seen.saw(StreamState.OFFLINE)


@pytest.mark.skipif(not detect().libvlc, reason="libvlc is not installed")
def test_libvlc_plays_a_file_to_its_end(qtbot, players, media_clips):
    player = players(preference=BackendId.VLC)
    seen = Recorder(player)
    player.open(source(str(media_clips.short)), 320, 180)
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING, timeout=PLAYING_WITHIN_MS)
    assert player.backend_name.startswith("libvlc")
    assert image_array(player)[..., :3].std() > 20
    qtbot.waitUntil(lambda: player.state is StreamState.ENDED, timeout=10000)
    assert seen.backends == [player.backend_name]


def decoder_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith(("pyav-", "vlc-"))]


def test_close_releases_the_threads_and_silences_the_player(qtbot, players,
                                                            rtsp_server_factory):
    # a private server: three clients opening one new live mount at once can crash
    # gst-rtsp-server 1.22 (it restarts, see RtspServerProcess), best not on the shared one
    rtsp_server = rtsp_server_factory()
    qtbot.waitUntil(lambda: not decoder_threads(), timeout=3000)  # earlier tests' leftovers
    baseline = threading.active_count()
    opened = [players() for _ in range(3)]
    seen = [Recorder(p) for p in opened]
    for player in opened:
        player.open(source(rtsp_server.url("/live")), 320, 180)
    qtbot.waitUntil(lambda: all(p.state is StreamState.PLAYING for p in opened),
                    timeout=PLAYING_WITHIN_MS)
    assert len(decoder_threads()) == 3
    for player in opened:
        player.close()
        player.close()                      # twice is fine
    counts = [(len(s.states), s.frames) for s in seen]
    qtbot.waitUntil(lambda: threading.active_count() == baseline, timeout=5000)
    qtbot.wait(300)
    assert [(len(s.states), s.frames) for s in seen] == counts   # nothing after close
    assert all(p.state is StreamState.IDLE for p in opened)


def test_close_while_connecting_to_a_silent_server_is_prompt(qtbot, players,
                                                             rtsp_server_factory):
    server = rtsp_server_factory()
    server.pause()
    try:
        qtbot.waitUntil(lambda: not decoder_threads(), timeout=3000)
        baseline = threading.active_count()
        player = players()
        player.open(source(server.url("/live"), open_timeout_s=30.0), 320, 180)
        qtbot.wait(300)
        started = time.monotonic()
        player.close()
        assert time.monotonic() - started < 0.05          # the GUI never waits
        qtbot.waitUntil(lambda: threading.active_count() == baseline, timeout=2000)
    finally:
        server.resume()
