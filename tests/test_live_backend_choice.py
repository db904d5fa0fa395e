"""Which decoding backends are tried for a source, in which order (no Qt)."""

from __future__ import annotations

import pytest

from console.live.backend_choice import (
    BackendAvailability,
    BackendId,
    SourceScheme,
    backend_order,
    parse_preference,
    source_scheme,
)

PYAV, VLC = BackendId.PYAV, BackendId.VLC
ALL = BackendAvailability(pyav=True, libvlc=True, libvlc_rtsp=True)
DEBIAN = BackendAvailability(pyav=True, libvlc=True, libvlc_rtsp=False)  # no live555
NO_VLC = BackendAvailability(pyav=True, libvlc=False, libvlc_rtsp=False)
ONLY_VLC = BackendAvailability(pyav=False, libvlc=True, libvlc_rtsp=False)
NOTHING = BackendAvailability(pyav=False, libvlc=False, libvlc_rtsp=False)


@pytest.mark.parametrize(("url", "scheme"), [
    ("rtsp://10.0.0.5:554/Streaming/Channels/102", SourceScheme.RTSP),
    ("RTSP://u:p@cam/x", SourceScheme.RTSP),
    ("rtsps://cam/x", SourceScheme.RTSP),
    ("http://platform/live/cam.flv", SourceScheme.HTTP),
    ("https://platform/hls/cam.m3u8", SourceScheme.HTTP),
    ("/var/lib/clips/a.mp4", SourceScheme.FILE),
    ("file:///var/lib/clips/a.mp4", SourceScheme.FILE),
    ("clips/a.mp4", SourceScheme.FILE),
    ("C:\\clips\\a.mp4", SourceScheme.FILE),
    ("rtmp://platform/live/cam", SourceScheme.OTHER),
    ("udp://239.0.0.1:1234", SourceScheme.OTHER),
])
def test_source_scheme(url, scheme):
    assert source_scheme(url) is scheme


@pytest.mark.parametrize(("url", "available", "preference", "order"), [
    # RTSP: PyAV first; libvlc only with live555, first only when preferred
    ("rtsp://cam/x", ALL, None, (PYAV, VLC)),
    ("rtsp://cam/x", ALL, VLC, (VLC, PYAV)),
    ("rtsp://cam/x", ALL, PYAV, (PYAV, VLC)),
    ("rtsp://cam/x", DEBIAN, None, (PYAV,)),
    ("rtsp://cam/x", DEBIAN, VLC, (PYAV,)),
    ("rtsp://cam/x", NO_VLC, VLC, (PYAV,)),
    ("rtsp://cam/x", ONLY_VLC, None, ()),
    # HTTP and files: either, the preference first
    ("http://p/cam.flv", DEBIAN, None, (PYAV, VLC)),
    ("http://p/cam.flv", DEBIAN, VLC, (VLC, PYAV)),
    ("https://p/cam.m3u8", NO_VLC, VLC, (PYAV,)),
    ("/clips/a.mp4", DEBIAN, None, (PYAV, VLC)),
    ("/clips/a.mp4", DEBIAN, VLC, (VLC, PYAV)),
    ("file:///clips/a.mp4", ONLY_VLC, None, (VLC,)),
    ("/clips/a.mp4", NOTHING, None, ()),
    ("rtmp://p/live", DEBIAN, None, (PYAV, VLC)),
])
def test_backend_order(url, available, preference, order):
    assert backend_order(url, available, preference) == order


@pytest.mark.parametrize(("text", "preference"), [
    (None, None), ("", None), ("auto", None), (" AUTO ", None),
    ("pyav", PYAV), ("vlc", VLC), ("VLC", VLC),
])
def test_parse_preference(text, preference):
    assert parse_preference(text) is preference


def test_parse_preference_names_the_choices():
    with pytest.raises(ValueError, match="pyav, vlc or auto"):
        parse_preference("gstreamer")
