"""The loopback RTSP server of the demo and the tests (console/demo/rtsp_server.py, run by the
system python with GStreamer), driven through console.demo.rtsp_spec."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import av
import numpy as np
import pytest

from console.demo.rtsp_spec import (
    FileMount,
    LiveMount,
    RtspServerError,
    RtspServerProcess,
    RtspServerUnavailableError,
    spec_json,
)

ROOT = Path(__file__).resolve().parents[1]
TUNED = {"analyzeduration": "0", "probesize": "32768", "fpsprobesize": "0"}


def first_pictures(url: str, transport: str, count: int = 1) -> list[np.ndarray]:
    with av.open(url, options={"rtsp_transport": transport, **TUNED}, timeout=(5, 5)) as c:
        pictures = []
        for frame in c.decode(video=0):
            pictures.append(frame.to_ndarray(format="rgb24"))
            if len(pictures) == count:
                return pictures
    raise AssertionError("the stream ended early")


def test_spec_json_lists_the_mounts():
    spec = json.loads(spec_json([LiveMount("/demo/a/sub", fps=15, label="姑苏 1", pattern=2),
                                 FileMount("/clip", "/abs/clip.mp4")]))
    assert spec == [
        {"path": "/demo/a/sub", "width": 640, "height": 360, "fps": 15, "label": "姑苏 1",
         "pattern": 2, "codec": "h264", "kind": "live"},
        {"path": "/clip", "file": "/abs/clip.mp4", "kind": "file"},
    ]


@pytest.mark.parametrize("mount", [LiveMount("no-slash"), FileMount("/clip", "relative.mp4")])
def test_spec_json_refuses_bad_mounts(mount):
    with pytest.raises(ValueError):
        spec_json([mount])


@pytest.mark.parametrize(("path", "transport"), [
    ("/clip360", "tcp"), ("/clip360", "udp"), ("/clip720", "tcp"),
    ("/live", "tcp"), ("/live", "udp"),
])
def test_every_mount_plays_over_tcp_and_udp(rtsp_server, path, transport):
    picture = first_pictures(rtsp_server.url(path), transport)[0]
    expected = (720, 1280) if path == "/clip720" else (360, 640)
    assert picture.shape[:2] == expected
    assert picture.std() > 10  # a picture, not a blank


def test_the_live_mount_moves(rtsp_server):
    with av.open(rtsp_server.url("/live"), options={"rtsp_transport": "tcp", **TUNED},
                 timeout=(5, 5)) as container:
        frames = container.decode(video=0)
        first = next(frames).to_ndarray(format="gray").astype(int)
        for _ in range(12):  # about half a second later
            later = next(frames).to_ndarray(format="gray").astype(int)
    assert np.abs(first - later).mean() > 0.5


def test_a_taken_port_is_an_error_that_says_so(rtsp_server, media_clips):
    second = RtspServerProcess([LiveMount("/x")], port=rtsp_server.port)
    with pytest.raises(RtspServerError, match="in use"):
        second.start()
    assert not second.running
    second.close()


def test_stop_then_start_again_on_the_same_port(rtsp_server_factory):
    server = rtsp_server_factory()
    port = server.port
    first_pictures(server.url("/live"), "tcp")
    server.stop()
    with pytest.raises(av.error.ConnectionRefusedError):
        av.open(server.url("/live"), options={"rtsp_transport": "tcp"}, timeout=(2, 2))
    server.start()
    assert server.port == port
    assert first_pictures(server.url("/clip360"), "tcp")[0].shape == (360, 640, 3)


def test_a_server_that_dies_is_started_again_on_its_port(media_clips):
    """gst-rtsp-server 1.22 aborts on an assertion when clients open a new shared live mount
    at once; the process handle starts it again, so players reconnect to the same URL."""
    with RtspServerProcess([LiveMount("/live")]) as server:
        first = server.pid
        assert first is not None
        os.kill(first, signal.SIGABRT)        # what the failed assertion does
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not (server.restarts == 1 and server.running):
            time.sleep(0.05)
        assert server.restarts == 1 and server.running and server.pid != first
        assert first_pictures(server.url("/live"), "tcp")[0].shape == (360, 640, 3)
        server.stop()                          # stopped on purpose: stays stopped
        time.sleep(0.5)
        assert not server.running and server.restarts == 1


def test_concurrent_first_clients_of_a_live_mount_always_get_pictures():
    """Several clients opening one new shared live mount at once (the desk, a wall output
    and its miniature): each gets pictures, retrying once if the server had to restart."""
    def client(url: str, got: list[int], pause_s: float) -> None:
        for _attempt in range(6):
            try:
                got.append(len(first_pictures(url, "tcp", 2)))
                return
            except (av.FFmpegError, AssertionError):  # refused, or cut off
                time.sleep(pause_s)               # as the players' backoff, not together

    for _ in range(6):
        with RtspServerProcess([LiveMount("/live")]) as server:
            got: list[int] = []
            threads = [threading.Thread(target=client,
                                        args=(server.url("/live"), got, 0.7 + 0.3 * n))
                       for n in range(3)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert got == [2, 2, 2]


def test_a_python_without_gstreamer_names_the_debian_packages():
    server = RtspServerProcess([LiveMount("/x")], python=sys.executable)  # the venv: no gi
    with pytest.raises(RtspServerUnavailableError) as caught:
        server.start()
    server.close()
    for package in ("python3-gi", "gir1.2-gst-rtsp-server-1.0", "gstreamer1.0-plugins-ugly"):
        assert package in str(caught.value)


def test_watch_parent_ends_the_server_when_its_parent_dies(rtsp_server):
    script = textwrap.dedent("""
        import os
        from console.demo.rtsp_spec import LiveMount, RtspServerProcess
        server = RtspServerProcess([LiveMount("/x")], watch_parent=True)
        server.start()
        print(server.pid, flush=True)
        os._exit(0)  # dies without stopping it
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=30, check=True)
    pid = int(result.stdout.strip())
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.1)
    assert not _alive(pid)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"
