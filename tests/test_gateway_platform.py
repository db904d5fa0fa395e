"""A camera of the city platform plays through the centre's gateway: the sync records its
stream as ``wvp://DEVICE/CHANNEL``; when a terminal's view is first pulled, the centre asks
the platform (``play/start``) for its media server's RTSP address and the gateway relays it.
The terminal gets the gateway's address only; a platform that cannot start the stream is a
refusal in the register with the platform's reason."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update

from console.audit.writer import Actor
from console.codes import Action, Outcome, Reason, Role, ShareType
from console.demo.rtsp_spec import LiveMount, RtspServerProcess, RtspServerUnavailableError
from console.grants.service import Grantee, GrantService, Scope
from console.identity import StaticIdentity
from console.live.state import StreamKind
from console.player.tile import TileContext, VideoTile
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth
from console.storage.models import AuditRecord, Camera
from console.views.failure_text import failure_text
from console.views.reason_text import describe
from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec
from tests.conftest import INSTALLER, PASSWORD, World, seed_world
from tests.support.centre import CentreHarness
from tests.support.rtsp_client import RtspReader
from tests.support.wvp_peer import Channel, WvpPeer, camera_code
from tests.support.wvp_peer import Region as WvpRegion

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
NVR = "34020000001180000001"
DOME = camera_code("32050801", 1)


@pytest.fixture
def world(sqlite_db, clock, hashing) -> World:  # type: ignore[no-untyped-def]
    return seed_world(sqlite_db, clock, hashing)


@pytest.fixture
def media() -> Iterator[RtspServerProcess]:
    """The platform's media server (ZLMediaKit in a real centre)."""
    server = RtspServerProcess([LiveMount("/rtp", 640, 360, 25, "platform", 0)])
    try:
        server.start()
    except RtspServerUnavailableError as exc:
        pytest.skip(str(exc))
    yield server
    server.close()


def test_a_platform_camera_plays_through_the_gateway(world: World, tmp_path: Path,
                                                      media: RtspServerProcess,
                                                      qtbot) -> None:  # type: ignore[no-untyped-def]
    av = pytest.importorskip("av")
    with WvpPeer() as peer:
        peer.add_device(NVR, "平江 NVR", [Channel(DOME, "平江路口球机", "32050801",
                                                  ptz_type=3)])
        peer.regions = [WvpRegion(1, "320508", "姑苏区"),
                        WvpRegion(2, "32050801", "平江街道", 1)]
        peer.media_url = lambda d, c: media.url("/rtp")
        centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing, gateway=True,
                               gateway_linger=0.0).start()
        try:
            platform = centre.centre.platform
            platform.set_platform(INSTALLER, peer.url, peer.username, peer.password,
                                  "CENTRE")
            platform.sync(INSTALLER)
            with world.db.transaction() as s:
                stream = s.execute(select(Camera.main_stream).where(
                    Camera.code == DOME)).scalar_one()
                s.execute(update(Camera).where(Camera.code == DOME).values(
                    share_type=str(ShareType.CONDITIONAL)))
            assert stream == f"wvp://{NVR}/{DOME}"
            client, session, access = _granted_viewer(world, centre)
            result = access.open_view(session.session_id, DOME, "巡查")
            assert result.ticket is not None, result
            source, _ = access.stream_with_masks(session.session_id, result.ticket,
                                                 StreamKind.MAIN)
            assert "wvp" not in source.url and NVR not in source.url
            assert f":{media.port}" not in source.url        # the gateway's, not the media's
            container = av.open(source.url, options={"rtsp_transport": "tcp"}, timeout=10)
            try:
                frame = next(container.decode(video=0))
                assert (frame.width, frame.height) == (640, 360)
            finally:
                container.close()
            assert (NVR, DOME) in peer.playing                # play/start was asked
            # the last viewer left: once the node's linger (0 here) passed, play/stop
            deadline = time.monotonic() + 6.0
            while (NVR, DOME) in peer.playing and time.monotonic() < deadline:
                time.sleep(0.1)
            assert (NVR, DOME) not in peer.playing, "no play/stop after the last viewer"

            # the device does not answer the platform's invite: refused, with its reason
            peer.playing.clear()
            peer.play_timeout.add(DOME)
            again = access.open_view(session.session_id, DOME, "巡查")
            assert again.ticket is not None
            source, _ = access.stream_with_masks(session.session_id, again.ticket,
                                                 StreamKind.MAIN)
            with pytest.raises(av.FFmpegError):
                av.open(source.url, options={"rtsp_transport": "tcp"}, timeout=10).close()
            with world.db.transaction() as s:
                refused = s.execute(select(AuditRecord.reason).where(
                    AuditRecord.action == str(Action.VIEW_STREAM),
                    AuditRecord.outcome == str(Outcome.DENIED))).scalars().all()
            assert str(Reason.PLATFORM_FAILED) in refused, refused
            # the tile: its player saw "401"; it asks the centre and says what happened
            tile = _tile(qtbot)
            tile.show_view(again.ticket)
            asked: list[int] = []

            def why(index: int) -> None:
                asked.append(index)
                reason = access.stream_refusal(session.session_id, again.ticket)
                if reason is not None:
                    tile.show_refusal(again.ticket.id, describe(reason))

            tile.refusal_wanted.connect(why)
            tile.play(again.ticket.id, source, ())
            told = describe(Reason.PLATFORM_FAILED)
            qtbot.waitUntil(lambda: told in tile.osd_spec().notice, timeout=20_000)
            assert asked == [0]
            assert failure_text(tile.player.failure) not in tile.osd_spec().notice
            tile.stop_stream()
            # the player saw only an RTSP status; the centre tells the view's own session why
            assert access.stream_refusal(session.session_id, again.ticket) \
                == Reason.PLATFORM_FAILED
            assert access.stream_refusal(session.session_id, result.ticket) is None
            other = RemoteAuth(client, StaticIdentity("127.0.0.1", "00:00:00:00:00:00")
                               ).login("zhangsan", PASSWORD).session
            assert other is not None
            with pytest.raises(Exception) as foreign:   # another session: an unknown view
                access.stream_refusal(other.session_id, again.ticket)
            assert getattr(foreign.value, "reason", None) == Reason.VIEW_UNKNOWN, foreign.value

            # a platform slower than play/start's wait: the player times out waiting for the
            # gateway; the tile asks the centre and, once the centre gave up, says so (the
            # second login ended the first session)
            peer.play_timeout.clear()
            peer.slow_s = 15.5
            slow = access.open_view(other.session_id, DOME, "巡查")
            assert slow.ticket is not None
            source, _ = access.stream_with_masks(other.session_id, slow.ticket,
                                                 StreamKind.MAIN)
            late = _tile(qtbot)
            late.show_view(slow.ticket)
            ticket = slow.ticket

            def why_late(index: int) -> None:
                reason = access.stream_refusal(other.session_id, ticket)
                if reason is not None:
                    late.show_refusal(ticket.id, describe(reason))

            late.refusal_wanted.connect(why_late)
            late.play(ticket.id, source, ())
            qtbot.waitUntil(lambda: describe(Reason.PLATFORM_SLOW) in late.osd_spec().notice,
                            timeout=45_000)
            late.stop_stream()
            peer.slow_s = 0.0

            # a minute on, an old refusal is no longer the reason (the view may have played
            # since and lost its network): the tile is not told a stale story
            assert access.stream_refusal(other.session_id, ticket) == Reason.PLATFORM_SLOW
            world.clock.advance(timedelta(seconds=61))
            assert access.stream_refusal(other.session_id, ticket) is None
        finally:
            centre.close()


def _granted_viewer(world: World, centre: CentreHarness,
                    ) -> tuple[Any, Any, RemoteAccess]:
    """zhangsan at this machine's enrolled terminal (127.0.0.1: PyAV's address), logged in
    through the centre and granted live view of the dome for an hour: the client, the
    session and the remote access."""
    files = centre.enrol("T-LOCAL", unit="CENTRE")
    world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
    client = centre.client(files)
    session = RemoteAuth(client, StaticIdentity("127.0.0.1", "00:00:00:00:00:00")
                         ).login("zhangsan", PASSWORD).session
    assert session is not None
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="zhangsan"), Scope("camera", DOME), ["live"],
        valid_from=now, valid_to=now + timedelta(hours=1), purpose="巡查",
        approver="刘主任", reference="SP-13")
    return client, session, RemoteAccess(client)


def _tile(qtbot) -> VideoTile:  # type: ignore[no-untyped-def]
    identity = WatermarkIdentity("张三", "zhangsan", "T-LOCAL", "127.0.0.1", "AB12CD")
    style = WatermarkStyle(opacity_percent=30, size_percent=4)
    tile = VideoTile(0, TileContext(
        watermark=lambda: watermark_spec(identity, style, datetime.now(UTC)),
        clock_text=lambda: datetime.now().strftime("%H:%M:%S")))
    qtbot.addWidget(tile)
    tile.resize(480, 270)
    tile.show()
    return tile


# each way the platform fails a live view: the reason the register keeps and the centre
# gives the tile (which the player, seeing only an RTSP status, could not know)
PLATFORM_FAILURES: list[tuple[str, Callable[[WvpPeer], None], Reason]] = [
    ("no RTSP address", lambda p: setattr(p, "media_url", lambda d, c: None),
     Reason.PLATFORM_NO_MEDIA_URL),
    ("device does not answer", lambda p: p.play_timeout.add(DOME), Reason.PLATFORM_FAILED),
    ("malformed answer", lambda p: setattr(p, "malformed", True), Reason.PLATFORM_MALFORMED),
    # (play/start may take WVP's 10 s playTimeout + 5 s; a slower platform is "slow")
    ("slower than play/start's 15 s", lambda p: setattr(p, "slow_s", 15.5),
     Reason.PLATFORM_SLOW),
    ("down", lambda p: p.stop(), Reason.PLATFORM_UNREACHABLE),
]


def test_each_platform_failure_is_the_reason_the_tile_is_given(
        world: World, tmp_path: Path, media: RtspServerProcess) -> None:
    with WvpPeer() as peer:
        peer.add_device(NVR, "平江 NVR", [Channel(DOME, "平江路口球机", "32050801")])
        peer.regions = [WvpRegion(1, "320508", "姑苏区"),
                        WvpRegion(2, "32050801", "平江街道", 1)]
        working = peer.media_url = lambda d, c: media.url("/rtp")
        centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing, gateway=True,
                               gateway_linger=0.0).start()
        try:
            centre.centre.platform.set_platform(INSTALLER, peer.url, peer.username,
                                                peer.password, "CENTRE")
            centre.centre.platform.sync(INSTALLER)
            with world.db.transaction() as s:
                s.execute(update(Camera).where(Camera.code == DOME).values(
                    share_type=str(ShareType.CONDITIONAL)))
            _, session, access = _granted_viewer(world, centre)
            # a quick platform, then one slow but within play/start's wait: both play (the
            # node waits for its centre; the first play also logs the centre's play client in)
            for slow_s in (0.0, 10.5):
                peer.slow_s = slow_s
                opened = access.open_view(session.session_id, DOME, "巡查")
                assert opened.ticket is not None
                source, _ = access.stream_with_masks(session.session_id, opened.ticket,
                                                     StreamKind.MAIN)
                reader = RtspReader(source.url, source_ip="127.0.0.1", timeout=25.0).open()
                assert reader.status == 200 and reader.wait_bytes(10_000, 10.0), slow_s
                reader.close()
                access.close_view(session.session_id, opened.ticket)
            for case, fail, reason in PLATFORM_FAILURES:
                peer.media_url, peer.malformed, peer.slow_s = working, False, 0.0
                peer.play_timeout.clear()
                fail(peer)
                opened = access.open_view(session.session_id, DOME, "巡查")
                assert opened.ticket is not None, case
                source, _ = access.stream_with_masks(session.session_id, opened.ticket,
                                                     StreamKind.MAIN)
                reader = RtspReader(source.url, source_ip="127.0.0.1", timeout=25.0).open()
                assert reader.status in (401, 503), (case, reader.status)
                reader.close()
                deadline = time.monotonic() + 5.0
                while access.stream_refusal(session.session_id, opened.ticket) is None \
                        and time.monotonic() < deadline:
                    time.sleep(0.2)
                assert access.stream_refusal(session.session_id, opened.ticket) == reason, \
                    case
                access.close_view(session.session_id, opened.ticket)
        finally:
            centre.close()
