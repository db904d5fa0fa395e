"""The gateway's first picture (issue 13): a viewer joining a relayed camera never seeks the
shared pull, and the packets after PLAY leave at once. Real parts: the loopback GStreamer
RTSP server (serving a recording, which obliges a seek), a real gateway node (gst-rtsp-
server under the system python) behind the real link, with a stand-in centre that accepts
every view (the checks are tested in tests/test_gateway.py)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import cast

import psutil
import pytest

from console.access.model import GatewayVerdict
from console.access.service import AccessService
from console.codes import Reason
from console.demo.rtsp_spec import (
    FileMount,
    LiveMount,
    RtspServerProcess,
    RtspServerUnavailableError,
)
from console.gateway.process import GatewayProcess
from console.server.gateway_link import GatewayLink
from tests.support.rtsp import MediaClips
from tests.support.rtsp_client import RtspReader


class AcceptAll:
    """The centre's answers: every view valid until it is put in ``revoked``."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.revoked: set[str] = set()

    def gateway_check(self, view_id: str, token: str, ip: str, camera_id: int, kind: str,
                      node: str = "") -> GatewayVerdict:
        return GatewayVerdict(True, Reason.OK, self.upstream)

    def gateway_valid(self, view_ids: list[str]) -> tuple[list[str], dict[str, str]]:
        return ([v for v in view_ids if v not in self.revoked],
                {v: "GRANT_REVOKED" for v in view_ids if v in self.revoked})


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


def _first_picture_types(data: bytes) -> list[int]:
    """The NAL unit types of the first RTP packet that carries more than delimiters and
    SEI (types 9, 6): STAP-A unpacked, FU-A's inner type."""
    for packet in _packets(data):
        payload = packet[12 + 4 * (packet[0] & 0x0F):]
        kind = payload[0] & 0x1F
        if kind == 28:                                # FU-A
            types = [payload[1] & 0x1F]
        elif kind == 24:                              # STAP-A
            types, at = [], 1
            while at + 2 < len(payload):
                size = int.from_bytes(payload[at:at + 2], "big")
                types.append(payload[at + 2] & 0x1F)
                at += 2 + size
        else:
            types = [kind]
        if set(types) - {6, 9}:
            return types
    return []


@pytest.fixture
def cached() -> Iterator[tuple[GatewayProcess, RtspServerProcess, AcceptAll]]:
    """A node with the keyframe cache (--gop-cache) and a live camera (a keyframe every
    second or so, never restarted for a client)."""
    camera = RtspServerProcess([LiveMount("/cam", 640, 360, 25, "gop", 0)])
    try:
        camera.start()
    except RtspServerUnavailableError as exc:
        pytest.skip(str(exc))
    centre = AcceptAll(camera.url("/cam"))
    link = GatewayLink(cast(AccessService, centre), "gw-test").start()
    process = GatewayProcess(link.url, link.key, linger_s=0.0, gop_cache=True).start()
    try:
        yield process, camera, centre
    finally:
        process.close()
        link.stop()
        camera.close()


def test_with_the_keyframe_cache_a_joiner_starts_at_a_keyframe_on_one_pull(
        cached: tuple[GatewayProcess, RtspServerProcess, AcceptAll]) -> None:
    """Joiners of a camera already relayed get the cached keyframe first (parameter sets
    and the whole picture), not the middle of a GOP; all of them on the one pull; and a
    revoked view is still dropped within 2 s."""
    process, camera, centre = cached
    holder = RtspReader(_url(process, "viewa")).open()
    assert holder.status == 200 and holder.wait_bytes(20_000)
    joiners = []
    for view in ("viewb", "viewc", "viewd"):
        time.sleep(0.3)                   # somewhere in the camera's GOP
        joiner = RtspReader(_url(process, view), keep=True).open()
        assert joiner.status == 200 and joiner.wait_bytes(5_000)
        joiners.append(joiner)
    for joiner in joiners:
        types = _first_picture_types(bytes(joiner.data))
        assert 7 in types or 5 in types, types          # SPS (then PPS, IDR) first
    pulls = sum(1 for c in psutil.net_connections(kind="tcp")
                if c.status == psutil.CONN_ESTABLISHED and c.laddr
                and c.laddr.port == camera.port)
    assert pulls == 1
    centre.revoked.add("viewb")
    waited = joiners[0].wait_closed(2.0)
    assert waited is not None and waited <= 2.0
    assert joiners[1].closed_at is None
    for reader in (holder, *joiners):
        reader.close()


def test_with_the_keyframe_cache_a_keyframe_of_several_slices_arrives_whole() -> None:
    """The SPS/PPS fix holds through the cache (tests/test_gateway_pictures.py): a joiner's
    keyframes arrive whole, the parameter sets once before them."""
    from tests.test_gateway_pictures import IDR_SLICE, _keyframes

    camera = RtspServerProcess([LiveMount("/cam", 1280, 720, 25, "slices", 0)])
    try:
        camera.start()
    except RtspServerUnavailableError as exc:
        pytest.skip(str(exc))
    link = GatewayLink(cast(AccessService, AcceptAll(camera.url("/cam"))), "gw-test").start()
    process = GatewayProcess(link.url, link.key, linger_s=0.0, gop_cache=True).start()
    try:
        slices = _keyframes(camera.url("/cam"))[0].count(IDR_SLICE)
        if slices < 2:
            pytest.skip("the camera codes one slice per picture on this machine")
        holder = RtspReader(_url(process, "viewa")).open()
        assert holder.wait_bytes(20_000)
        time.sleep(0.4)
        relayed = _keyframes(_url(process, "viewb"))
        holder.close()
    finally:
        process.close()
        link.stop()
        camera.close()
    assert relayed
    for types in relayed:
        assert types.count(IDR_SLICE) == slices, relayed
        assert 7 in types and 8 in types and types.index(8) < types.index(IDR_SLICE)
