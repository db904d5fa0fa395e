"""The media gateway (issue 13 item 1), with real parts: the loopback GStreamer RTSP server
as the camera, the real centre over mutual TLS, a real gateway node (gst-rtsp-server under
the system python), PyAV and a raw RTSP reader as the terminal's player. Loopback addresses
stand for machines: zhangsan's terminal T-0042 is 127.0.0.42, T-0043 is 127.0.0.43."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import psutil
import pytest
from sqlalchemy import select, update

from console.audit.writer import Actor
from console.catalog.credentials import Credentials, camera_secret_name
from console.clock import FixedClock
from console.codes import Action, Outcome, Reason, Role
from console.demo.rtsp_spec import LiveMount, RtspServerProcess, RtspServerUnavailableError
from console.grants.service import Grantee, GrantService, Scope
from console.identity import StaticIdentity
from console.live.state import StreamKind
from console.passwords import PasswordHashing
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth
from console.remote.client import CentreClient
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera
from tests.conftest import PASSWORD, T42, T43, World, seed_world
from tests.support.catalog import COND, add_cameras
from tests.support.centre import CentreHarness
from tests.support.rtsp_client import RtspReader

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
CAMERA_USER, CAMERA_PASSWORD = "camadmin", "Cam#Secret-77"
DROP_S = 2.0


@dataclass
class Desk:
    """zhangsan logged in at T-0042 (127.0.0.42) through the real centre."""

    centre: CentreHarness
    camera: RtspServerProcess
    world: World
    client: CentreClient
    access: RemoteAccess
    session_id: str
    grant_id: int

    def open(self, kind: StreamKind = StreamKind.SUB) -> tuple[str, str]:
        """A new view of COND: (view id, the URL its player gets)."""
        result = self.access.open_view(self.session_id, COND, "巡查")
        assert result.ok and result.ticket is not None, result
        source, _ = self.access.stream_with_masks(self.session_id, result.ticket, kind)
        return result.ticket.id, source.url


@pytest.fixture
def camera(rtsp_server_factory: Callable[[], RtspServerProcess]) -> RtspServerProcess:
    return rtsp_server_factory()        # a private camera: its clients are counted


@pytest.fixture
def world(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> World:
    return seed_world(sqlite_db, clock, hashing)


@pytest.fixture
def desk(world: World, camera: RtspServerProcess, tmp_path: Path) -> Iterator[Desk]:
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(
            main_stream=camera.url("/live"), sub_stream=camera.url("/live"),
            has_credentials=True))
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing, gateway=True,
                           gateway_linger=1.0)
    centre.centre.secrets.set(camera_secret_name(COND),
                              Credentials(CAMERA_USER, CAMERA_PASSWORD).to_secret())
    centre.start()
    try:
        files = centre.enrol_existing("T-0042", T42)
        client = centre.client(files, source_ip=T42.ip, mac=T42.mac)
        session = RemoteAuth(client, StaticIdentity(T42.ip, T42.mac)).login(
            "zhangsan", PASSWORD).session
        assert session is not None
        now = world.clock.now()
        grant = GrantService(world.db, world.clock).issue(
            ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"],
            valid_from=now, valid_to=now + timedelta(hours=4), purpose="巡查",
            approver="刘主任", reference="SP-13")
        yield Desk(centre, camera, world, client, RemoteAccess(client), session.session_id,
                   grant)
    finally:
        centre.close()


def upstream_pulls(camera: RtspServerProcess) -> int:
    """Connections the camera's RTSP server has accepted and holds now."""
    return sum(1 for c in psutil.net_connections(kind="tcp")
               if c.status == psutil.CONN_ESTABLISHED and c.laddr and c.laddr.port == camera.port)


def wait_for(predicate: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def refusals(world: World, reason: Reason) -> int:
    with world.db.transaction() as s:
        return len(s.execute(select(AuditRecord).where(
            AuditRecord.action == str(Action.VIEW_STREAM),
            AuditRecord.outcome == str(Outcome.DENIED),
            AuditRecord.reason == str(reason))).all())


def test_the_terminal_gets_the_gateway_and_never_the_camera(desk: Desk) -> None:
    result = desk.access.open_view(desk.session_id, COND, "巡查")
    assert result.ok and result.ticket is not None
    raw = desk.client.get(f"/views/{result.ticket.id}/stream", session=desk.session_id,
                          params={"kind": "main"})
    text = json.dumps(raw, ensure_ascii=False)
    # nothing of the camera: not its address, port, path, user or password
    for secret in (f":{desk.camera.port}", "/live", CAMERA_USER, CAMERA_PASSWORD):
        assert secret not in text
    url = raw["source"]["url"]
    assert url.startswith(f"rtsp://{result.ticket.id}:")
    assert f"@127.0.0.1:{desk.centre.gateway_port}/v/{result.ticket.id}/c/" in url
    assert raw["source"]["display_url"] == url.split("@")[0].split("//")[0] + "//" \
        + url.split("@")[1]
    # the camera's address stays in the centre's register, with the view's gateway address
    with desk.world.db.transaction() as s:
        params = s.execute(select(AuditRecord.params).where(
            AuditRecord.action == str(Action.VIEW_STREAM))).scalars().all()
    assert any("via" in p for p in params)


def test_a_view_plays_through_the_gateway_with_one_pull_and_stops_on_revocation(
        desk: Desk) -> None:
    _view, url = desk.open()
    reader = RtspReader(url, source_ip=T42.ip).open()
    assert reader.status == 200
    assert reader.wait_bytes(20_000), "no video through the gateway"
    assert upstream_pulls(desk.camera) == 1
    # the terminal program ignores the revocation and keeps reading: the centre ends it
    GrantService(desk.world.db, desk.world.clock).revoke(ADMIN, desk.grant_id, "结束")
    dropped = reader.wait_closed(DROP_S)
    assert dropped is not None, "the client still reads 2 s after the grant was revoked"
    again = RtspReader(url, source_ip=T42.ip).open()
    assert again.status == 401
    assert refusals(desk.world, Reason.GRANT_REVOKED) >= 1
    reader.close()
    again.close()


def test_a_gateway_url_from_another_address_or_after_close_is_refused(desk: Desk) -> None:
    view, url = desk.open()
    elsewhere = RtspReader(url, source_ip=T43.ip).open()     # copied to another machine
    assert elsewhere.status == 401
    assert refusals(desk.world, Reason.WRONG_SOURCE_IP) == 1
    wrong = RtspReader(url.replace(":", "x:", 2).replace("rtspx:", "rtsp:"),
                       source_ip=T42.ip).open()             # a guessed token
    assert wrong.status == 401
    reader = RtspReader(url, source_ip=T42.ip).open()
    assert reader.status == 200 and reader.wait_bytes(10_000)
    # the same credentials from elsewhere while the view plays: still refused, registered
    assert RtspReader(url, source_ip=T43.ip).open().status == 401
    assert refusals(desk.world, Reason.WRONG_SOURCE_IP) == 2
    desk.access.close_view(desk.session_id, _ticket(desk, view))
    assert reader.wait_closed(DROP_S) is not None
    assert RtspReader(url, source_ip=T42.ip).open().status == 401
    assert refusals(desk.world, Reason.VIEW_CLOSED) == 1
    reader.close()


def test_a_view_plays_its_sub_and_its_main_stream(desk: Desk) -> None:
    view, sub = desk.open(StreamKind.SUB)
    reader = RtspReader(sub, source_ip=T42.ip).open()
    assert reader.status == 200 and reader.wait_bytes(10_000)
    source, _ = desk.access.stream_with_masks(desk.session_id, _ticket(desk, view),
                                              StreamKind.MAIN)     # the tile maximised
    assert source.url != sub and source.url.endswith("/main")
    main = RtspReader(source.url, source_ip=T42.ip).open()
    assert main.status == 200 and main.wait_bytes(10_000)
    # a sub URL's credentials do not open the main stream
    assert RtspReader(sub.replace("/sub", "/main"), source_ip=T42.ip).open().status == 401
    reader.close()
    main.close()


def test_a_node_s_poll_while_nothing_changed_costs_two_statements(desk: Desk) -> None:
    from sqlalchemy import event

    views = [desk.open()[0] for _ in range(3)]
    access = desk.centre.centre.access
    assert access.gateway_valid(views) == (sorted(views), {})      # decided in full
    seen: list[str] = []

    def one(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        seen.append(statement)

    event.listen(desk.world.db.engine, "before_cursor_execute", one)
    try:
        assert access.gateway_valid(views) == (sorted(views), {})
    finally:
        event.remove(desk.world.db.engine, "before_cursor_execute", one)
    assert len([x for x in seen if x.lstrip().upper().startswith("SELECT")]) == 2
    # a change (the grant revoked) is seen at the next poll
    GrantService(desk.world.db, desk.world.clock).revoke(ADMIN, desk.grant_id, "结束")
    valid, closed = access.gateway_valid(views)
    assert valid == [] and set(closed.values()) == {str(Reason.GRANT_REVOKED)}


def test_a_camera_that_goes_away_ends_its_pull_and_a_viewer_gets_it_back(
        desk: Desk) -> None:
    _view, url = desk.open()
    reader = RtspReader(url, source_ip=T42.ip).open()
    assert reader.status == 200 and reader.wait_bytes(10_000)
    desk.camera.pause()        # frozen: the connection stays, no frame comes
    try:
        # ended after 5 s without a frame (a dead shared pull is not handed on)
        assert reader.wait_closed(8.0) is not None
    finally:
        desk.camera.resume()
    again = RtspReader(url, source_ip=T42.ip).open()     # the player reconnects
    assert again.status == 200 and again.wait_bytes(10_000)
    again.close()
    reader.close()


def test_a_camera_in_a_codec_the_gateway_does_not_relay_is_refused_at_once(
        world: World, tmp_path: Path) -> None:
    camera = RtspServerProcess([LiveMount("/mjpeg", 320, 180, 10, "mjpeg", 0,
                                          codec="mjpeg")])
    try:
        camera.start()
    except RtspServerUnavailableError as exc:
        pytest.skip(str(exc))
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(
            sub_stream=camera.url("/mjpeg")))
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing,
                           gateway=True).start()
    try:
        files = centre.enrol_existing("T-0042", T42)
        client = centre.client(files, source_ip=T42.ip, mac=T42.mac)
        session = RemoteAuth(client, StaticIdentity(T42.ip, T42.mac)).login(
            "zhangsan", PASSWORD).session
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
        started = time.monotonic()
        reader = RtspReader(source.url, source_ip=T42.ip).open()
        assert reader.status == 503 and time.monotonic() - started < 3.0
        reader.close()
        # the player saw a 503; the centre registered why, once, and tells the view's session
        deadline = time.monotonic() + 5.0
        while access.stream_refusal(session.session_id, result.ticket) is None \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        assert access.stream_refusal(session.session_id, result.ticket) \
            == Reason.UNSUPPORTED_CODEC
        reader = RtspReader(source.url, source_ip=T42.ip).open()    # it tries again
        assert reader.status == 503
        reader.close()
        time.sleep(0.5)
        with world.db.transaction() as s:
            told = s.execute(select(AuditRecord.params).where(
                AuditRecord.reason == str(Reason.UNSUPPORTED_CODEC))).scalars().all()
        assert len(told) == 1 and '"codec":"JPEG"' in told[0], told
    finally:
        centre.close()
        camera.close()


def test_eight_viewers_of_one_camera_cause_one_upstream_pull(desk: Desk) -> None:
    readers = []
    for _ in range(8):
        _view, url = desk.open()
        reader = RtspReader(url, source_ip=T42.ip).open()
        assert reader.status == 200
        assert reader.wait_bytes(5_000)
        readers.append(reader)
    assert upstream_pulls(desk.camera) == 1
    for reader in readers:
        reader.close()
    # the pull ends a short while (the linger, 1 s here) after the last viewer left
    assert wait_for(lambda: upstream_pulls(desk.camera) == 0, 6.0)


def test_a_client_is_dropped_when_its_lease_is_lost(
        desk: Desk) -> None:
    _view, url = desk.open()
    reader = RtspReader(url, source_ip=T42.ip).open()
    assert reader.status == 200 and reader.wait_bytes(10_000)
    # the lease: the terminal stopped renewing it (the clock passes its end)
    desk.world.clock.advance(timedelta(minutes=10))
    assert reader.wait_closed(DROP_S) is not None
    reader.close()


def test_a_client_is_dropped_when_its_user_is_disabled(desk: Desk) -> None:
    _view, url = desk.open()
    reader = RtspReader(url, source_ip=T42.ip).open()
    assert reader.status == 200 and reader.wait_bytes(10_000)
    desk.world.admin.set_user_state(ADMIN, "zhangsan", False)
    assert reader.wait_closed(DROP_S) is not None
    assert RtspReader(url, source_ip=T42.ip).open().status == 401
    reader.close()


def test_the_gateway_fails_closed_without_the_centre(desk: Desk) -> None:
    _view, url = desk.open()
    reader = RtspReader(url, source_ip=T42.ip).open()
    assert reader.status == 200 and reader.wait_bytes(10_000)
    assert desk.centre.gateway is not None
    desk.centre.gateway.link.stop()         # the centre's link is gone
    # polled every 0.5 s, given up after 2 s without an answer
    assert reader.wait_closed(4.0) is not None
    reader.close()


def test_the_pull_outlives_its_last_viewer_for_the_linger_only(desk: Desk) -> None:
    _view, url = desk.open()
    reader = RtspReader(url, source_ip=T42.ip).open()
    assert reader.status == 200 and reader.wait_bytes(10_000)
    reader.close()
    time.sleep(0.3)
    assert upstream_pulls(desk.camera) == 1     # kept: a viewer back soon reuses it
    _view, url = desk.open()
    again = RtspReader(url, source_ip=T42.ip).open()
    assert again.status == 200 and again.wait_bytes(10_000)
    assert upstream_pulls(desk.camera) == 1
    again.close()
    assert wait_for(lambda: upstream_pulls(desk.camera) == 0, 5.0)  # linger 1 s


def test_each_camera_has_its_node_and_a_url_works_at_that_node_only(
        world: World, camera: RtspServerProcess, tmp_path: Path) -> None:
    from console.gateway.routes import choose_node

    add_cameras(world.db, world.clock)
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing, gateway=2).start()
    try:
        with world.db.transaction() as s:
            s.execute(update(Camera).values(sub_stream=camera.url("/live")))
            ids = dict(s.execute(select(Camera.code, Camera.id)).all())
        by_node: dict[str, str] = {}
        for code, camera_id in ids.items():
            by_node.setdefault(choose_node(centre.nodes, camera_id).name, code)
        assert len(by_node) == 2, "the five test cameras all fall on one node"
        files = centre.enrol_existing("T-0042", T42)
        client = centre.client(files, source_ip=T42.ip, mac=T42.mac)
        session = RemoteAuth(client, StaticIdentity(T42.ip, T42.mac)).login(
            "zhangsan", PASSWORD).session
        assert session is not None
        now = world.clock.now()
        grants = GrantService(world.db, world.clock)
        access = RemoteAccess(client)
        ports = {n.name: n.port for n in centre.nodes}
        for node, code in by_node.items():
            grants.issue(ADMIN, Grantee(user="zhangsan"), Scope("camera", code), ["live"],
                         valid_from=now, valid_to=now + timedelta(hours=1), purpose="巡查",
                         approver="刘主任", reference="SP-13")
            result = access.open_view(session.session_id, code, "巡查")
            assert result.ok and result.ticket is not None, result
            source, _ = access.stream_with_masks(session.session_id, result.ticket,
                                                 StreamKind.SUB)
            assert f"@127.0.0.1:{ports[node]}/" in source.url       # the centre's choice
            reader = RtspReader(source.url, source_ip=T42.ip).open()
            assert reader.status == 200 and reader.wait_bytes(5_000)
            reader.close()
            other = next(p for n, p in ports.items() if n != node)
            moved = source.url.replace(f":{ports[node]}/", f":{other}/")
            assert RtspReader(moved, source_ip=T42.ip).open().status == 401
    finally:
        centre.close()


@pytest.mark.parametrize(("codec", "transport"),
                         [("h264", "tcp"), ("h265", "tcp"), ("h264", "udp")])
def test_pyav_plays_the_view_through_the_gateway_without_transcoding(
        world: World, tmp_path: Path, codec: str, transport: str) -> None:
    """PyAV as the player, from 127.0.0.1 (its address): the camera's codec arrives as is;
    a revocation ends the stream within 2 s over TCP and over UDP (the RTSP session goes
    with the connection: nothing more is sent to the terminal's UDP ports)."""
    av = pytest.importorskip("av")
    from tests.conftest import INSTALLER

    camera = RtspServerProcess([LiveMount("/cam", 640, 360, 25, codec, 0, codec=codec)])
    try:
        camera.start()
    except RtspServerUnavailableError as exc:
        pytest.skip(str(exc))
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(
            sub_stream=camera.url("/cam")))
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing, gateway=True,
                           gateway_linger=0.0).start()
    try:
        files = centre.enrol("T-LOCAL", unit="CENTRE")   # 127.0.0.1: where PyAV connects from
        world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
        client = centre.client(files)
        session = RemoteAuth(client, StaticIdentity("127.0.0.1", "00:00:00:00:00:00")
                             ).login("zhangsan", PASSWORD).session
        assert session is not None
        now = world.clock.now()
        grants = GrantService(world.db, world.clock)
        grant = grants.issue(
            ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"],
            valid_from=now, valid_to=now + timedelta(hours=1), purpose="巡查",
            approver="刘主任", reference="SP-13")
        access = RemoteAccess(client)
        result = access.open_view(session.session_id, COND, "巡查")
        assert result.ticket is not None
        source, _ = access.stream_with_masks(session.session_id, result.ticket,
                                             StreamKind.SUB)
        container = av.open(source.url, options={"rtsp_transport": transport}, timeout=5)
        try:
            stream = container.streams.video[0]
            assert stream.codec_context.name == {"h264": "h264", "h265": "hevc"}[codec]
            frames = container.decode(video=0)
            frame = next(frames)
            assert (frame.width, frame.height) == (640, 360)
            grants.revoke(ADMIN, grant, "结束")
            revoked = time.monotonic()
            with contextlib.suppress(av.error.FFmpegError):
                for _frame in frames:
                    if time.monotonic() - revoked > 5:
                        break
            assert time.monotonic() - revoked < DROP_S + 0.5
        finally:
            container.close()
        assert wait_for(lambda: upstream_pulls(camera) == 0, 3.0)
    finally:
        centre.close()
        camera.close()


def _ticket(desk: Desk, view_id: str):  # type: ignore[no-untyped-def]
    from console.access.model import view_ref

    return view_ref(view_id)
