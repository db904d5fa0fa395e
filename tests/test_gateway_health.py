"""Gateway nodes' health (issue 13): heartbeat rows in the shared database, and a real
centre with two real nodes where one stops answering."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from console.clock import FixedClock
from console.demo.rtsp_spec import RtspServerProcess
from console.gateway.health import CACHE_S, STALE_S, NodeHealth
from console.gateway.routes import choose_node
from console.grants.service import Grantee, GrantService, Scope
from console.identity import StaticIdentity
from console.live.state import StreamKind
from console.passwords import PasswordHashing
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth
from console.storage.database import Database
from console.storage.models import Camera, GatewayNodeBeat
from tests.conftest import PASSWORD, T42, World, seed_world
from tests.support.catalog import add_cameras
from tests.support.centre import CentreHarness
from tests.support.rtsp_client import RtspReader
from tests.test_gateway import ADMIN

# a node that stops answering is out of every instance's choice within this
MOVE_S = STALE_S + CACHE_S + 1.0 + 1.0    # stale + cache + beat interval + its probe


@pytest.fixture
def world(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> World:
    return seed_world(sqlite_db, clock, hashing)


def test_a_node_is_alive_while_it_beats(sqlite_db: Database) -> None:
    now = [datetime(2026, 12, 3, 9, 0, tzinfo=UTC)]
    health = NodeHealth(sqlite_db, now=lambda: now[0], cache_s=0.0)
    assert health.alive() == frozenset()
    health.beat("gw1", "host-a#1")
    health.beat("gw2", "host-b#1")
    assert health.alive() == {"gw1", "gw2"}
    now[0] += timedelta(seconds=2)
    health.beat("gw1", "host-a#1")              # gw2's host went quiet
    assert health.alive() == {"gw1", "gw2"}
    now[0] += timedelta(seconds=STALE_S - 1)
    assert health.alive() == {"gw1"}
    with sqlite_db.transaction() as s:
        assert len(s.scalars(select(GatewayNodeBeat)).all()) == 2   # one row per node


def test_new_views_of_a_dead_node_s_cameras_go_to_the_other_node(
        world: World, rtsp_server_factory: Callable[[], RtspServerProcess],
        tmp_path: Path) -> None:
    """Two real nodes; one stops answering (its process stopped: the host still runs, the
    node hangs). Within MOVE_S a new view of its camera is handed the other node and plays
    there; once it answers again its cameras come back."""
    camera = rtsp_server_factory()
    add_cameras(world.db, world.clock)
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing, gateway=2).start()
    try:
        with world.db.transaction() as s:
            s.execute(update(Camera).values(sub_stream=camera.url("/live")))
            ids = dict(s.execute(select(Camera.code, Camera.id)).all())
        first = centre.nodes[0]
        code = next(c for c, i in ids.items() if choose_node(centre.nodes, i) == first)
        files = centre.enrol_existing("T-0042", T42)
        client = centre.client(files, source_ip=T42.ip, mac=T42.mac)
        session = RemoteAuth(client, StaticIdentity(T42.ip, T42.mac)).login(
            "zhangsan", PASSWORD).session
        assert session is not None
        now = world.clock.now()
        GrantService(world.db, world.clock).issue(
            ADMIN, Grantee(user="zhangsan"), Scope("camera", code), ["live"],
            valid_from=now, valid_to=now + timedelta(hours=1), purpose="巡查",
            approver="刘主任", reference="SP-13")
        access = RemoteAccess(client)

        def view_url(keep: Callable[[str], bool] = lambda _url: False) -> str:
            """A new view's URL (the view closed again unless ``keep(url)``)."""
            result = access.open_view(session.session_id, code, "巡查")
            assert result.ok and result.ticket is not None, result
            source, _ = access.stream_with_masks(session.session_id, result.ticket,
                                                 StreamKind.SUB)
            if not keep(source.url):
                access.close_view(session.session_id, result.ticket)
            return source.url

        assert f":{first.port}/" in view_url()
        pid = centre.gateways[0].process.pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)
        try:
            stopped = time.monotonic()
            moved = ""
            while time.monotonic() - stopped < MOVE_S + 2.0:
                url = view_url(lambda u: f":{first.port}/" not in u)
                if f":{first.port}/" not in url:
                    moved = url
                    break
                time.sleep(0.2)
            took = time.monotonic() - stopped
            assert moved, f"still handed the dead node after {took:.1f} s"
            print(f"new views moved to the other node {took:.1f} s after it stopped")
            assert took <= MOVE_S, took
            assert f":{centre.nodes[1].port}/" in moved
            reader = RtspReader(moved, source_ip=T42.ip).open()
            assert reader.status == 200 and reader.wait_bytes(5_000)
            reader.close()
        finally:
            os.kill(pid, signal.SIGCONT)
        back = time.monotonic()
        while time.monotonic() - back < 5.0 and f":{first.port}/" not in view_url():
            time.sleep(0.2)
        assert f":{first.port}/" in view_url()     # it answers again: its cameras are back
    finally:
        centre.close()
