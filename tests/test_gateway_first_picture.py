"""The gateway's first picture (issue 13): a viewer joining a relayed camera never seeks the
shared pull, and the packets after PLAY leave at once. Real parts: the loopback GStreamer
RTSP server (serving a recording, which obliges a seek), a real gateway node (gst-rtsp-
server under the system python) behind the real link, with a stand-in centre that accepts
every view (the checks are tested in tests/test_gateway.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import cast

import pytest

from console.access.model import GatewayVerdict
from console.access.service import AccessService
from console.codes import Reason
from console.demo.rtsp_spec import FileMount, RtspServerProcess, RtspServerUnavailableError
from console.gateway.process import GatewayProcess
from console.server.gateway_link import GatewayLink
from tests.support.rtsp import MediaClips
from tests.support.rtsp_client import RtspReader


class AcceptAll:
    def __init__(self, upstream: str) -> None:
        self.upstream = upstream

    def gateway_check(self, view_id: str, token: str, ip: str, camera_id: int, kind: str,
                      node: str = "") -> GatewayVerdict:
        return GatewayVerdict(True, Reason.OK, self.upstream)

    def gateway_valid(self, view_ids: list[str]) -> tuple[list[str], dict[str, str]]:
        return list(view_ids), {}


def _packets(data: bytes) -> Iterator[bytes]:
    """The RTP packets of channel 0 in RTSP-interleaved data."""
    at = 0
    while at + 4 <= len(data):
        if data[at] != 0x24:        # '$'; an RTSP message in between: skip to the next
            at = data.find(b"$", at + 1)
            if at < 0:
                return
            continue
        length = int.from_bytes(data[at + 2:at + 4], "big")
        if data[at + 1] == 0:
            yield bytes(data[at + 4:at + 4 + length])
        at += 4 + length


def _first_idr_fragment(data: bytes) -> bytes:
    """Bytes of the first IDR slice's first fragment (unique to that picture)."""
    for packet in _packets(data):
        payload = packet[12 + 4 * (packet[0] & 0x0F):]
        if len(payload) > 202 and payload[0] & 0x1F == 28 and payload[1] & 0x9F == 0x85:
            return payload[2:202]
    raise AssertionError("no IDR in the viewer's stream")


@pytest.fixture
def node(media_clips: MediaClips) -> Iterator[tuple[GatewayProcess, RtspServerProcess]]:
    camera = RtspServerProcess([FileMount("/rec", str(media_clips.clip360))])
    try:
        camera.start()
    except RtspServerUnavailableError as exc:
        pytest.skip(str(exc))
    link = GatewayLink(cast(AccessService, AcceptAll(camera.url("/rec"))), "gw-test").start()
    process = GatewayProcess(link.url, link.key, linger_s=0.0).start()
    try:
        yield process, camera
    finally:
        process.close()
        link.stop()
        camera.close()


def _url(process: GatewayProcess, view: str) -> str:
    return f"rtsp://{view}:token@127.0.0.1:{process.port}/v/{view}/c/7/main"


def test_a_joining_viewer_does_not_restart_the_shared_pull(
        node: tuple[GatewayProcess, RtspServerProcess]) -> None:
    """The camera serves a recording: a seek would make it start again, and every viewer
    of the shared pull would see its first picture again. The second viewer's PLAY carries
    "Range: npt=0-" (as FFmpeg's does); the first viewer's stream must go on."""
    process, _camera = node
    first = RtspReader(_url(process, "viewa"), keep=True).open()
    assert first.status == 200 and first.wait_bytes(100_000)
    time.sleep(1.0)
    second = RtspReader(_url(process, "viewb")).open()
    assert second.status == 200 and second.wait_bytes(20_000)
    time.sleep(1.0)
    data = bytes(first.data)
    first.close()
    second.close()
    idr = _first_idr_fragment(data)
    assert data.count(idr) == 1, "the join restarted the camera's recording for everyone"
