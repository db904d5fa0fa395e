"""The libvlc backend on its own: video callbacks into our buffers, files and HTTP; Debian's
libvlc cannot play RTSP and says so."""

from __future__ import annotations

import functools
import http.server
import threading
import time

import pytest

from console.player.backend import BackendEvent
from console.player.capabilities import detect
from console.player.vlc_backend import VlcBackend
from tests.support.recording_sink import RecordingSink, source

pytestmark = pytest.mark.skipif(not detect().libvlc, reason="libvlc is not installed")


@pytest.fixture(scope="module")
def http_clips(media_clips):
    """The clips over HTTP (python's http.server on loopback)."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler,
                                directory=str(media_clips.clip360.parent))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def play(url: str, width: int = 320, height: int = 180) -> tuple[VlcBackend, RecordingSink]:
    backend, sink = VlcBackend(), RecordingSink()
    backend.start(source(url), width, height, sink)
    return backend, sink


def test_a_file_is_decoded_into_our_buffers(media_clips):
    backend, sink = play(str(media_clips.clip360))
    try:
        assert sink.wait_pictures(5), sink.reports
        assert set(sink.sizes) == {(320, 180)}
        bgra = sink.latest_array()
        assert bgra[..., :3].std() > 20
    finally:
        backend.stop()


def test_an_http_source_plays(http_clips):
    backend, sink = play(f"{http_clips}/clip360.mp4")
    try:
        assert sink.wait_pictures(5), sink.reports
        assert sink.latest_array()[..., :3].std() > 20
    finally:
        backend.stop()


def test_a_file_ends(media_clips):
    backend, sink = play(str(media_clips.short))
    report = sink.wait_report(timeout=10)
    backend.stop()
    assert report is not None and report.event is BackendEvent.ENDED
    assert len(sink.picture_times) >= 20


def test_a_new_output_size_restarts_where_the_file_was(media_clips):
    backend, sink = play(str(media_clips.clip360))
    try:
        assert sink.wait_pictures(15)
        session = backend._session
        assert session is not None
        position = session.position_s()
        assert position > 0.2
        backend.set_output_size(160, 90)
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline and sink.sizes[-1] != (160, 90):
            time.sleep(0.05)
        assert sink.sizes[-1] == (160, 90)
        assert sink.latest_array().shape == (90, 160, 4)
        session = backend._session
        assert session is not None and session.width == 160
        while time.monotonic() < deadline and session.position_s() == 0:
            time.sleep(0.05)  # libvlc updates the time a few times a second
        assert session.position_s() >= position - 0.1  # not from the start
        assert sink.reports == []
    finally:
        backend.stop()


@pytest.mark.skipif(detect().libvlc_rtsp, reason="this libvlc has live555")
def test_debian_libvlc_refuses_rtsp_as_unsupported(rtsp_server):
    started = time.monotonic()
    backend, sink = play(rtsp_server.url("/live"))
    report = sink.wait_report(timeout=10)
    backend.stop()
    assert report is not None and report.event is BackendEvent.UNSUPPORTED
    assert "live555" in report.detail
    assert sink.picture_times == []
    assert time.monotonic() - started < 5


def test_an_unreachable_http_source_cannot_be_opened():
    backend, sink = play("http://127.0.0.1:9/none.mp4")
    report = sink.wait_report(timeout=10)
    backend.stop()
    assert report is not None and report.event is BackendEvent.UNSUPPORTED
