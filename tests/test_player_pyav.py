"""The PyAV backend on its own: real RTSP from the GStreamer server, real files, real decoding."""

from __future__ import annotations

import os
import time

import pytest

from console.player.backend import BackendEvent
from console.player.pyav_backend import PyAvBackend, open_options
from tests.support.recording_sink import RecordingSink, source


def play(url: str, width: int = 320, height: int = 180, **tuning) -> tuple[PyAvBackend,
                                                                          RecordingSink]:
    backend, sink = PyAvBackend(), RecordingSink()
    backend.start(source(url, **tuning), width, height, sink)
    return backend, sink


@pytest.mark.parametrize("transport", ["tcp", "udp"])
def test_rtsp_pictures_arrive_scaled_to_the_output_size(rtsp_server, transport):
    backend, sink = play(rtsp_server.url("/clip360"), rtsp_transport=transport)
    try:
        assert sink.wait_pictures(5), sink.reports
        assert set(sink.sizes) == {(320, 180)}
        bgra = sink.latest_array()
        assert bgra.shape == (180, 320, 4)
        assert bgra[..., :3].std() > 20          # testsrc2's colours, not a blank
    finally:
        backend.stop()
    assert backend.join(2)


def test_the_output_size_can_change_while_playing(rtsp_server):
    backend, sink = play(rtsp_server.url("/live"))
    try:
        assert sink.wait_pictures(2)
        backend.set_output_size(160, 90)
        count = len(sink.sizes)
        assert sink.wait_pictures(count + 3)
        assert sink.sizes[-1] == (160, 90)
    finally:
        backend.stop()


def test_the_decoding_thread_runs_at_nice_10(rtsp_server):
    backend, sink = play(rtsp_server.url("/clip360"))
    try:
        assert sink.wait_pictures(1)
        thread = backend._thread
        assert thread is not None and thread.native_id is not None
        assert os.getpriority(os.PRIO_PROCESS, thread.native_id) >= 10
    finally:
        backend.stop()


def test_a_file_plays_at_its_own_rate_then_ends(media_clips):
    started = time.monotonic()
    backend, sink = play(str(media_clips.short))
    report = sink.wait_report(timeout=10)
    elapsed = time.monotonic() - started
    assert report is not None and report.event is BackendEvent.ENDED
    assert len(sink.picture_times) == 25                  # 1 s at 25 fps
    assert 0.7 <= sink.picture_times[-1] - sink.picture_times[0] <= 3.0  # not all at once
    assert elapsed < 6
    assert backend.join(1)


def test_stop_interrupts_a_read_from_a_stalled_server_at_once(rtsp_server_factory):
    server = rtsp_server_factory()
    backend, sink = play(server.url("/live"), read_timeout_s=30.0)
    assert sink.wait_pictures(3)
    server.pause()                       # connection open, no data: the read blocks
    try:
        time.sleep(0.6)
        started = time.monotonic()
        backend.stop()
        assert backend.join(2.0), "the decoding thread is still blocked"
        assert time.monotonic() - started < 2.0   # ~0.1 s on an idle machine
        assert sink.reports == []        # nothing reported after stop
    finally:
        server.resume()


def test_stop_interrupts_an_open_that_gets_no_answer(rtsp_server_factory):
    server = rtsp_server_factory()
    server.pause()                       # the kernel accepts, the server never answers
    try:
        backend, sink = play(server.url("/live"), open_timeout_s=30.0)
        time.sleep(0.5)
        started = time.monotonic()
        backend.stop()
        assert backend.join(2.0)
        assert time.monotonic() - started < 2.0
        assert sink.reports == []
    finally:
        server.resume()


def test_a_silent_stream_fails_after_the_read_timeout(rtsp_server_factory):
    server = rtsp_server_factory()
    backend, sink = play(server.url("/live"), read_timeout_s=1.0)
    assert sink.wait_pictures(2)
    server.pause()
    try:
        report = sink.wait_report(timeout=5)
        assert report is not None and report.event is BackendEvent.FAILED
    finally:
        server.resume()
        backend.stop()


@pytest.mark.parametrize(("path", "event", "detail"), [
    ("refused", BackendEvent.UNREACHABLE, "Connection refused"),
    ("/nothing-here", BackendEvent.UNREACHABLE, "404"),
    ("nosuch://cam/1", BackendEvent.UNSUPPORTED, "Protocol not found"),
    ("/no/such/clip.mp4", BackendEvent.UNREACHABLE, "No such file"),
])
def test_open_failures_are_classified(rtsp_server, path, event, detail):
    if path == "refused":
        url = "rtsp://127.0.0.1:9/x"
    elif path.startswith("/nothing"):
        url = rtsp_server.url(path)
    else:
        url = path
    _backend, sink = play(url)
    report = sink.wait_report(timeout=10)
    assert report is not None
    assert report.event is event
    assert detail in report.detail


def test_open_options_are_tuned_per_scheme():
    from console.live.backend_choice import SourceScheme
    from console.live.state import LiveTuning

    rtsp = open_options(LiveTuning(read_timeout_s=5.0, rtsp_transport="udp"), SourceScheme.RTSP)
    assert rtsp["rtsp_transport"] == "udp"
    assert rtsp["timeout"] == "2500000"          # FFmpeg gives up after two of them
    assert rtsp["analyzeduration"] == "0" and rtsp["probesize"] == "32768"
    assert "fflags" not in rtsp                  # nobuffer would cost a whole GOP
    assert open_options(LiveTuning(), SourceScheme.FILE) == {}
