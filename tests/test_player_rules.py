"""The Player's own rules, with scripted backends (the real ones: test_player_facade.py):
stall and recovery, fallback between backends, the end of a file, coalesced repaints."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from console.live.backend_choice import BackendAvailability, BackendId
from console.live.state import StreamState
from console.player.backend import BackendEvent, BackendReport, FrameSink
from console.player.frame_buffer import Picture
from console.player.player import Player
from tests.support.recording_sink import source

ALL = BackendAvailability(pyav=True, libvlc=True, libvlc_rtsp=True)
URL = "rtsp://admin:Secr3t@10.1.2.3/ch1"
SHOWN = "rtsp://***@10.1.2.3/ch1"


class ScriptedBackend:
    """A backend the test drives: ``send`` pictures, ``fail`` with an event."""

    def __init__(self, name: str, log: list[ScriptedBackend]) -> None:
        self._name = name
        self.sink: FrameSink | None = None
        self.size = (0, 0)
        self.stopped = False
        log.append(self)

    @property
    def name(self) -> str:
        return self._name

    def start(self, source, width, height, sink) -> None:
        self.sink, self.size = sink, (width, height)

    def set_output_size(self, width, height) -> None:
        self.size = (width, height)

    def stop(self) -> None:
        self.stopped = True

    def send(self, count: int = 1) -> None:
        assert self.sink is not None
        for _ in range(count):
            width, height = self.size
            data = np.full((height, width, 4), 200, np.uint8)
            self.sink.publish(Picture(data, width, height, width * 4))

    def fail(self, event: BackendEvent, detail: str = "") -> None:
        assert self.sink is not None
        self.sink.report(BackendReport(event, detail))


@pytest.fixture
def scripted(qtbot):
    """A player whose backends are scripted: returns (player, backends created, states)."""
    made: list[Player] = []

    def make(**tuning):
        backends: list[ScriptedBackend] = []
        states: list[tuple[str, str]] = []
        player = Player(availability=ALL, preference=BackendId.VLC, watch_interval_ms=50,
                        factories={BackendId.VLC: lambda: ScriptedBackend("first", backends),
                                   BackendId.PYAV: lambda: ScriptedBackend("second", backends)})
        player.state_changed.connect(lambda s, d: states.append((s, d)))
        tuning = {"backoff_start_s": 0.1, "backoff_max_s": 0.4, **tuning}
        player.open(source(URL, display_url=SHOWN, **tuning), 64, 36)
        made.append(player)
        return player, backends, states

    yield make
    for player in made:
        player.close()


def test_a_stall_shows_then_clears_without_reconnecting(qtbot, scripted):
    player, backends, states = scripted(stall_after_s=0.3)
    backends[0].send()
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING)
    qtbot.waitUntil(lambda: player.state is StreamState.STALLED, timeout=1000)
    assert states[-1] == ("stalled", "no picture for 0.3 s")
    backends[0].send()
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING)
    assert len(backends) == 1 and not backends[0].stopped


def test_a_long_stall_reopens_the_stream(qtbot, scripted):
    player, backends, states = scripted(stall_after_s=0.2)
    backends[0].send()
    qtbot.waitUntil(lambda: player.state is StreamState.STALLED, timeout=1000)
    qtbot.waitUntil(lambda: player.state is StreamState.RECONNECTING, timeout=1000)
    assert states[-1][1].startswith("no picture for")
    assert backends[0].stopped
    qtbot.waitUntil(lambda: len(backends) == 2, timeout=1000)   # retried after 0.1 s
    backends[1].send()
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING)


def test_a_backend_that_cannot_play_makes_way_for_the_next(qtbot, scripted):
    player, backends, states = scripted()
    seen_backends: list[str] = []
    player.backend_changed.connect(seen_backends.append)
    backends[0].fail(BackendEvent.UNSUPPORTED, "cannot play rtsp")
    qtbot.waitUntil(lambda: len(backends) == 2)
    assert backends[0].stopped and player.backend_name == "second"
    assert seen_backends == ["second"]
    assert states == [("connecting", "")]                  # no retry delay, no offline
    backends[1].send()
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING)


def test_when_no_backend_can_play_it_retries_all_of_them_later(qtbot, scripted):
    player, backends, states = scripted()
    backends[0].fail(BackendEvent.UNSUPPORTED, "no")
    qtbot.waitUntil(lambda: len(backends) == 2)
    backends[1].fail(BackendEvent.UNSUPPORTED, f"Invalid data: '{URL}'")
    qtbot.waitUntil(lambda: player.state is StreamState.OFFLINE)
    assert states[-1] == ("offline", f"Invalid data: '{SHOWN}'; retry in 0.1 s")
    qtbot.waitUntil(lambda: len(backends) == 3, timeout=1000)
    assert backends[2].name == "first"                     # from the top of the order


def test_unreachable_retries_the_same_backend_with_growing_delays(qtbot, scripted):
    _player, backends, states = scripted()
    for expected in ("0.1", "0.2", "0.4", "0.4"):
        backends[-1].fail(BackendEvent.UNREACHABLE, "Connection refused")
        qtbot.waitUntil(lambda e=expected: states[-1][1].endswith(f"retry in {e} s"))
        count = len(backends)
        qtbot.waitUntil(lambda c=count: len(backends) == c + 1, timeout=1000)
    assert {b.name for b in backends} == {"first"}
    assert all(state == "offline" for state, _ in states[1:])


def test_a_file_that_ends_stays_ended(qtbot, scripted):
    player, backends, _states = scripted()
    backends[0].send()
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING)
    backends[0].fail(BackendEvent.ENDED)
    qtbot.waitUntil(lambda: player.state is StreamState.ENDED)
    qtbot.wait(300)
    assert len(backends) == 1 and player.retry_in is None


def test_repaint_requests_are_coalesced(qtbot, scripted):
    player, backends, _ = scripted()
    arrived: list[int] = []
    player.frame_arrived.connect(lambda: arrived.append(1))
    worker = threading.Thread(target=backends[0].send, args=(200,))
    worker.start()
    worker.join()                     # 200 pictures while the GUI thread did nothing
    qtbot.wait(100)
    assert player.frames_received == 200
    assert len(arrived) == 1          # one queued notification, not 200
    backends[0].send()
    qtbot.waitUntil(lambda: len(arrived) == 2)


def test_the_output_size_reaches_the_backend_and_the_picture(qtbot, scripted):
    player, backends, _ = scripted()
    player.set_output_size(32, 18)
    assert backends[0].size == (32, 18)
    backends[0].send()
    qtbot.waitUntil(lambda: player.current_frame() is not None)
    image = player.current_frame()
    assert (image.width(), image.height()) == (32, 18)
    assert image is player.current_frame()       # no new picture: the same image


def test_nothing_is_emitted_after_close(qtbot, scripted):
    player, backends, states = scripted()
    arrived: list[int] = []
    player.frame_arrived.connect(lambda: arrived.append(1))
    backends[0].send()
    qtbot.waitUntil(lambda: player.state is StreamState.PLAYING)
    player.close()
    count = (len(states), len(arrived))
    backends[0].send(3)
    backends[0].fail(BackendEvent.FAILED, "late")
    qtbot.wait(200)
    assert (len(states), len(arrived)) == count
    assert backends[0].stopped and player.state is StreamState.IDLE


def test_a_source_no_decoder_can_play_is_offline(qtbot):
    player = Player(availability=BackendAvailability(pyav=False, libvlc=False,
                                                     libvlc_rtsp=False))
    states: list[tuple[str, str]] = []
    player.state_changed.connect(lambda s, d: states.append((s, d)))
    player.open(source(URL, display_url=SHOWN), 64, 36)
    assert states == [("offline", "no decoder on this terminal can play it")]
    player.close()


def test_a_player_deleted_without_close_stops_its_backend(qtbot):
    backends: list[ScriptedBackend] = []
    player = Player(availability=ALL,
                    factories={BackendId.PYAV: lambda: ScriptedBackend("x", backends)})
    player.open(source(URL, display_url=SHOWN), 64, 36)
    player.deleteLater()
    qtbot.waitUntil(lambda: backends[0].stopped, timeout=1000)


def test_retry_in_counts_down_to_the_next_attempt(qtbot, scripted):
    player, backends, states = scripted(backoff_start_s=5.0, backoff_max_s=30.0)
    assert player.retry_in is None
    backends[0].fail(BackendEvent.UNREACHABLE, "Connection refused")
    qtbot.waitUntil(lambda: player.state is StreamState.OFFLINE)
    assert states[-1] == ("offline", "Connection refused; retry in 5 s")
    first = player.retry_in
    assert first is not None and 4.0 < first <= 5.0
    qtbot.wait(200)
    second = player.retry_in
    assert second is not None and second < first


@pytest.mark.parametrize(("source", "output", "skips"), [
    ((1280, 720), (480, 270), True),     # 16 tiles: the filter's work is averaged away
    ((1280, 720), (640, 360), True),     # a quarter of the area
    ((1280, 720), (960, 480), True),     # exactly half the area
    ((1280, 720), (962, 480), False),    # a little more than half: decoded in full
    ((1920, 1080), (1920, 1080), False),  # maximised, main stream
    ((704, 576), (480, 270), True),      # D1 in a 16-tile grid: a third of the area
    ((704, 576), (320, 180), True),      # D1 in a 36-tile grid on a 1920x1080 screen
    ((704, 576), (640, 360), False),     # D1 in a 9-tile grid: over half: in full
    ((0, 0), (480, 270), False),         # size not known yet
])
def test_deblocking_is_skipped_only_for_pictures_shown_at_half_the_area_or_less(
        source: tuple[int, int], output: tuple[int, int], skips: bool) -> None:
    from console.player.pyav_backend import skips_deblocking

    assert skips_deblocking(source, output) is skips
    assert skips_deblocking(source, output, full_quality=True) is False   # a wall output


@pytest.mark.parametrize("wall", [False, True])
def test_a_wall_outputs_tiles_decode_in_full_whatever_their_size(qtbot, wall: bool) -> None:
    from datetime import UTC, datetime

    from console.access.model import ViewTicket
    from console.codes import Right
    from console.live.state import LiveTuning, StreamKind, StreamSource
    from console.player.tile import TileContext, VideoTile
    from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec

    identity = WatermarkIdentity("张三", "zhangsan", "T-0042", "127.0.0.42", "AB12CD")
    tile = VideoTile(0, TileContext(
        watermark=lambda: watermark_spec(identity, WatermarkStyle(30, 4), datetime.now(UTC)),
        clock_text=lambda: "12:00:00", tuning=LiveTuning(decoding="thread"), wall=wall))
    qtbot.addWidget(tile)
    tile.resize(320, 180)    # a small tile: a desk's would skip the loop filter
    tile.show_view(ViewTicket(id="v1", camera_id=1, camera_code="32050801011328000001",
                              camera_name="平江路", right=Right.LIVE, purpose="",
                              output="wall" if wall else "desk", grant_id=None, until=None,
                              opened_at=datetime(2026, 1, 1, tzinfo=UTC)))
    tile.play("v1", StreamSource("32050801011328000001", StreamKind.SUB,
                                 url="rtsp://127.0.0.1:9/none", display_url="rtsp://x"), ())
    try:
        assert tile.player is not None and tile.player.source is not None
        assert tile.player.source.tuning.full_quality is wall
        assert tile.player.source.tuning.decoding == "thread"   # the rest as configured
    finally:
        tile.stop_stream()
