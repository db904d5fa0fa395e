"""Pictures through the media gateway are the camera's pictures: a camera that codes each
picture as several slices (x264's zerolatency does, one per thread) reaches the player with
each keyframe whole. The payloader's own parameter-set insertion once put SPS/PPS before
every IDR slice, the player split each keyframe at the second slice, and the top of every
picture smeared on screen (seen in the demo's screenshots; no decoder error was logged)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import update

from console.audit.writer import Actor
from console.codes import Role
from console.demo.rtsp_spec import LiveMount, RtspServerProcess, RtspServerUnavailableError
from console.grants.service import Grantee, GrantService, Scope
from console.identity import StaticIdentity
from console.live.state import StreamKind
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth
from console.storage.models import Camera
from tests.conftest import INSTALLER, PASSWORD, World, seed_world
from tests.support.catalog import COND, add_cameras
from tests.support.centre import CentreHarness

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
IDR_SLICE = 5


@pytest.fixture
def world(sqlite_db, clock, hashing) -> World:  # type: ignore[no-untyped-def]
    return seed_world(sqlite_db, clock, hashing)


def _nal_types(data: bytes) -> list[int]:
    """NAL unit types of an Annex B access unit, in order."""
    types, at = [], data.find(b"\x00\x00\x01")
    while at >= 0:
        types.append(data[at + 3] & 0x1F)
        at = data.find(b"\x00\x00\x01", at + 3)
    return types


def _keyframes(url: str, count: int = 2) -> list[list[int]]:
    """The NAL types of the first ``count`` packets that hold an IDR slice."""
    av = pytest.importorskip("av")
    found: list[list[int]] = []
    container = av.open(url, options={"rtsp_transport": "tcp"}, timeout=5)
    try:
        for packet in container.demux(container.streams.video[0]):
            types = _nal_types(bytes(packet))
            if IDR_SLICE in types:
                found.append(types)
            if len(found) >= count or (packet.pts or 0) > 90_000 * 4:
                break
    finally:
        container.close()
    return found


def test_a_keyframe_of_several_slices_arrives_whole(world: World, tmp_path: Path) -> None:
    camera = RtspServerProcess([LiveMount("/cam", 1280, 720, 25, "slices", 0)])
    try:
        camera.start()
    except RtspServerUnavailableError as exc:
        pytest.skip(str(exc))
    try:
        direct = _keyframes(camera.url("/cam"))
        slices = direct[0].count(IDR_SLICE)
        if slices < 2:
            pytest.skip("the camera codes one slice per picture on this machine")
        add_cameras(world.db, world.clock)
        with world.db.transaction() as s:
            s.execute(update(Camera).where(Camera.code == COND).values(
                sub_stream=camera.url("/cam")))
        centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing, gateway=True,
                               gateway_linger=0.0).start()
        try:
            files = centre.enrol("T-LOCAL", unit="CENTRE")   # 127.0.0.1: PyAV's address
            world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
            client = centre.client(files)
            session = RemoteAuth(client, StaticIdentity("127.0.0.1", "00:00:00:00:00:00")
                                 ).login("zhangsan", PASSWORD).session
            assert session is not None
            now = world.clock.now()
            GrantService(world.db, world.clock).issue(
                ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"],
                valid_from=now, valid_to=now + timedelta(hours=1), purpose="巡查",
                approver="刘主任", reference="SP-13")
            access = RemoteAccess(client)
            result = access.open_view(session.session_id, COND, "巡查")
            assert result.ticket is not None
            source, _ = access.stream_with_masks(session.session_id, result.ticket,
                                                 StreamKind.SUB)
            relayed = _keyframes(source.url)
        finally:
            centre.close()
    finally:
        camera.close()
    assert relayed, "no keyframe through the gateway"
    for types in relayed:
        # every slice of the keyframe in one packet, the parameter sets (7, 8) before them
        assert types.count(IDR_SLICE) == slices, (direct, relayed)
        assert 7 in types and 8 in types and types.index(8) < types.index(IDR_SLICE)
