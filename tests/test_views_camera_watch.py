"""The permission watch against a fake access service: a view the service stops permitting
closes within 5 seconds with the reason; the catalogue is reloaded when the revision moves
or a grant starts or ends, and handed on only when it changed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from console.access.model import PermittedCatalogue, ViewClosed, ViewResult, ViewTicket
from console.clock import FixedClock
from console.codes import Reason, Right
from console.live.state import StreamKind
from console.player.tile import TileState
from console.views.main_window import MainWindow
from console.views.permission_watch import PermissionWatch
from console.views.tasks import TaskRunner
from tests.test_catalog_tree import CAMERAS, catalogue
from tests.views_support import logged_in, prepare_app, services_for

START = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


class FakeAccess:
    """The AccessService methods the views use, with switches for the tests."""

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.current = catalogue()
        self.closing: dict[str, tuple[Reason, dict[str, object]]] = {}  # ticket id -> why
        self.calls: list[str] = []
        self.closed: list[tuple[str, Reason]] = []
        self.fail: Exception | None = None
        self._ids = 0

    def snapshot(self, session_id: str) -> PermittedCatalogue:
        self.calls.append("snapshot")
        if self.fail:
            raise self.fail
        return replace(self.current, built_at=self.clock.now())

    def revision(self) -> str:
        self.calls.append("revision")
        return self.current.revision

    def details(self, session_id: str, entry):
        return entry

    def open_view(self, session_id: str, code: str, purpose: str, *, right: Right = Right.LIVE,
                  output: str = "desk", stream: StreamKind | None = None) -> ViewResult:
        entry = next(e for e in self.current.entries if e.code == code)
        self._ids += 1
        return ViewResult(True, Reason.OK, ViewTicket(
            id=f"{self._ids:012x}", camera_id=entry.id, camera_code=code, camera_name=entry.name,
            right=right, purpose=purpose, output=output, grant_id=None, until=None,
            opened_at=self.clock.now()))

    def close_view(self, session_id: str, ticket: ViewTicket,
                   reason: Reason = Reason.VIEW_CLOSED) -> None:
        self.closed.append((ticket.id, reason))

    def recheck(self, session_id: str, tickets: list[ViewTicket]) -> list[ViewClosed]:
        self.calls.append("recheck")
        return [ViewClosed(t, *self.closing[t.id]) for t in tickets if t.id in self.closing]


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture
def access(clock: FixedClock) -> FakeAccess:
    return FakeAccess(clock)


def window_with(qtbot, world, access: FakeAccess, **kw) -> MainWindow:
    services = replace(services_for(world), access=access)
    session, policy = logged_in(services)
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy, **kw)
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_view_the_service_closes_leaves_its_tile_within_five_seconds(qtbot, world, access):
    window = window_with(qtbot, world, access)           # the default 2-second interval
    dock = window.camera_dock
    assert dock.status_label.text() == "共 6 个监控点，4 个在线"
    dock.select_camera(CAMERAS[1].code)
    dock.tree.activated.emit(dock.tree.currentIndex())
    tile = window.view_grid.tiles[0]
    assert tile.ticket is not None
    access.closing[tile.ticket.id] = (Reason.GRANT_REVOKED, {"revoked_at": START})
    qtbot.waitUntil(lambda: tile.state == TileState.FREE, timeout=5000)
    local = START.astimezone().strftime("%Y-%m-%d %H:%M")
    assert tile.message == f"平江路南口：该监控点的授权已被撤销。撤销时间：{local}。"
    assert window.notice_bar.text() == tile.message
    assert access.closed == []          # the service closed (and audited) it itself


def test_the_heartbeat_does_not_wipe_the_message(qtbot, world, access):
    window = window_with(qtbot, world, access, heartbeat_ms=20, permission_check_ms=20)
    dock = window.camera_dock
    dock.select_camera(CAMERAS[0].code)
    dock.tree.activated.emit(dock.tree.currentIndex())
    ticket = window.view_grid.tickets()[0]
    access.closing[ticket.id] = (Reason.NO_GRANT, {})
    qtbot.waitUntil(lambda: not window.view_grid.tickets(), timeout=5000)
    qtbot.wait(100)                      # several heartbeats later
    assert window.notice_bar.text() == "平江路北口：您没有该监控点的授权。"


def test_the_catalogue_reloads_on_a_new_revision_only_when_it_changed(qtbot, access):
    watch = PermissionWatch(access, TaskRunner(synchronous=True), "s", access.clock, 60_000)
    loaded: list[PermittedCatalogue] = []
    watch.catalogue_loaded.connect(loaded.append)
    watch.start()
    assert len(loaded) == 1 and access.calls == ["snapshot"]
    access.calls.clear()
    watch.check_now()                                   # nothing moved: one cheap read
    assert access.calls == ["revision"] and len(loaded) == 1
    access.current = replace(access.current, revision="2")   # someone else's grant
    watch.check_now()
    assert access.calls[-1] == "snapshot" and len(loaded) == 1
    assert watch.catalogue is not None and watch.catalogue.revision == "2"
    access.current = replace(catalogue(CAMERAS[:3]), revision="3")
    watch.check_now()
    assert len(loaded) == 2 and [e.code for e in loaded[-1].entries] == [
        e.code for e in CAMERAS[:3]]


def test_the_catalogue_reloads_when_a_grant_starts_or_ends(qtbot, access, clock):
    access.current = replace(access.current, next_change=START + timedelta(minutes=30))
    watch = PermissionWatch(access, TaskRunner(synchronous=True), "s", clock, 60_000)
    watch.start()
    access.calls.clear()
    clock.advance(timedelta(minutes=29))
    watch.check_now()
    assert "snapshot" not in access.calls
    clock.advance(timedelta(minutes=1))
    watch.check_now()
    assert access.calls[-1] == "snapshot"


def test_open_views_are_rechecked_and_errors_reported(qtbot, access):
    watch = PermissionWatch(access, TaskRunner(synchronous=True), "s", access.clock, 60_000)
    failures: list[str] = []
    watch.check_failed.connect(failures.append)
    ticket = access.open_view("s", CAMERAS[0].code, "")
    assert ticket.ticket is not None
    watch.set_ticket_source(lambda: [ticket.ticket])
    access.fail = RuntimeError("database unreachable")
    watch.start()
    assert failures == ["database unreachable"] and "recheck" in access.calls
    access.fail = None
    closed: list[list[ViewClosed]] = []
    watch.views_closed.connect(closed.append)
    access.closing[ticket.ticket.id] = (Reason.GRANT_EXPIRED, {})
    watch.check_now()
    assert [[c.reason for c in batch] for batch in closed] == [[Reason.GRANT_EXPIRED]]
    watch.stop()
    watch.check_now()
    assert len(closed) == 1


def test_rounds_do_not_pile_up_on_a_slow_service(qtbot, access):
    runner = TaskRunner()
    watch = PermissionWatch(access, runner, "s", access.clock, 10)
    watch.start()
    for _ in range(20):
        watch.check_now()
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    watch.stop()
    assert access.calls.count("snapshot") == 1
    assert runner.wait_for_done(5000)
