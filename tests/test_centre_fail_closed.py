"""Fail closed (issue: "server stopped for 20 s while 4 views play: all blank within
server_grace_seconds + 2 s, come back by themselves after restart; a grant revoked while the
server was down never plays again") — the real centre over mutual TLS, the real RTSP server,
real decoding, the real main window with its threaded task runner."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from console.codes import Action, Reason
from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from console.live.state import StreamState
from console.remote.link import LinkState
from console.storage.models import AuditRecord, Camera
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER, World
from tests.support.catalog import COND, UNCOND, UNCOND_WUZHONG, add_cameras
from tests.views_support import centre_for, logged_in, prepare_app, services_for

GRACE_S = 5
DOWN_S = 20.0
PLAYING_WITHIN_MS = 30_000

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


def _point_at(world: World, url: str) -> None:
    """Every test camera plays the live test stream (the real RTSP server)."""
    with world.db.transaction() as s:
        s.execute(update(Camera).values(main_stream=url, sub_stream=url))


def _stream_records(world: World, view: str, after_seq: int) -> list[AuditRecord]:
    with world.db.transaction() as s:
        rows = s.execute(select(AuditRecord).where(
            AuditRecord.action == Action.VIEW_STREAM, AuditRecord.seq > after_seq)).scalars()
        return [r for r in rows if f'"view":"{view}"' in r.params]


def _last_seq(world: World) -> int:
    with world.db.transaction() as s:
        return max(s.execute(select(AuditRecord.seq)).scalars(), default=0)


def test_losing_the_centre_blanks_every_view_and_restores_only_the_permitted(
        qtbot, world: World, rtsp_server) -> None:
    add_cameras(world.db, world.clock)
    _point_at(world, rtsp_server.url("/live"))
    world.admin.set_policy(INSTALLER, "heartbeat_seconds", "1")
    world.admin.set_policy(INSTALLER, "server_grace_seconds", str(GRACE_S))
    now = world.clock.now()
    grant = GrantService(world.db, world.clock).issue(
        INSTALLER, Grantee(user="zhangsan"), Scope("camera", COND), ["live"], now,
        now + timedelta(days=1), purpose="观前街人流巡查", approver="刘主任", reference="SP-9")
    services = services_for(world)
    session, policy = logged_in(services)
    runner = TaskRunner()
    window = MainWindow(services, runner, session, policy, permission_check_ms=1000)
    qtbot.addWidget(window)
    window.show()
    window.desk.set_layout(4)
    qtbot.waitUntil(lambda: window.camera_dock.model.tree is not None, timeout=10_000)
    for index, code in enumerate((UNCOND, COND, UNCOND_WUZHONG)):
        entry = window.camera_dock.entry_for_code(code)
        assert entry is not None, code
        window._open_view(entry, index, "巡查" if entry.needs_purpose else "")
    grid = window.view_grid
    qtbot.waitUntil(lambda: len(grid.tickets()) == 3, timeout=10_000)
    tiles = [grid.tile_of_ticket(t.id) for t in grid.tickets()]
    assert all(tile is not None for tile in tiles)

    def playing() -> bool:
        return all(t.player is not None and t.stream_state == StreamState.PLAYING
                   for t in tiles if t is not None and t.ticket is not None)

    qtbot.waitUntil(playing, timeout=PLAYING_WITHIN_MS)
    cond_view = next(t.id for t in grid.tickets() if t.camera_code == COND)

    # the centre goes away; meanwhile the grant is revoked
    harness = centre_for(world.db, world.clock, world.hashing)
    harness.stop()
    stopped = time.monotonic()
    seq_at_stop = _last_seq(world)
    GrantService(world.db, world.clock).revoke(INSTALLER, grant, "申请人调岗")

    qtbot.waitUntil(lambda: window.centre_link.state == LinkState.LOST,
                    timeout=int((GRACE_S + 4) * 1000))
    blanked_after = time.monotonic() - stopped
    assert blanked_after <= GRACE_S + 2, blanked_after
    assert "无法连接中心" in window.video_notice()
    assert all(t.player is None for t in tiles if t is not None)   # no stream is decoded

    qtbot.wait(int(max(0.0, DOWN_S - (time.monotonic() - stopped)) * 1000))
    harness.restart()

    # the others come back by themselves; the revoked one is closed, never played again
    qtbot.waitUntil(lambda: window.centre_link.state == LinkState.UP, timeout=20_000)
    qtbot.waitUntil(lambda: len(grid.tickets()) == 2 and playing(), timeout=PLAYING_WITHIN_MS)
    assert COND not in {t.camera_code for t in grid.tickets()}
    assert window.video_notice() == ""
    assert _stream_records(world, cond_view, seq_at_stop) == []
    with world.db.transaction() as s:
        closed = s.execute(select(AuditRecord).where(
            AuditRecord.action == Action.VIEW_CLOSE, AuditRecord.target == COND)
        ).scalars().all()
    assert [r.reason for r in closed] == [Reason.GRANT_REVOKED]
    window.close()
    runner.wait_for_done(10_000)
