"""The recheck and the heartbeat through the real centre (mutual TLS): the terminal sends
back the stamp of its last recheck; while nothing changed, the centre answers from it with
no database statement at all (the caller check of the request is the one kept for the same
access state revision); after a change, the full recheck closes the view and says why. A
heartbeat from a kept caller is its own two statements and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from console import settings_store
from console.audit.writer import Actor
from console.codes import Reason, Role
from console.grants.service import Grantee, GrantService, Scope
from console.identity import StaticIdentity
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth
from tests.conftest import INSTALLER, PASSWORD, World
from tests.support.catalog import COND, add_cameras
from tests.support.centre import LOOPBACK_MAC, CentreHarness

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)


@pytest.fixture
def centre(world: World, tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[CentreHarness]:
    # the revision is kept for a second: make sure a slow machine does not read it again
    # between two requests of the test (what is measured is "no statement")
    monkeypatch.setattr(settings_store, "ACCESS_STATE_TTL_S", 600.0)
    add_cameras(world.db, world.clock)
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    yield harness
    harness.stop()


class Statements:
    def __init__(self, world: World) -> None:
        self.seen: list[str] = []
        self._engines = {world.db.engine}

    def __enter__(self) -> Statements:
        for engine in self._engines:
            event.listen(engine, "before_cursor_execute", self._one)
        return self

    def __exit__(self, *_exc: object) -> None:
        for engine in self._engines:
            event.remove(engine, "before_cursor_execute", self._one)

    def _one(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        self.seen.append(statement.split(maxsplit=1)[0].upper())


def test_an_unchanged_recheck_is_answered_from_its_stamp_without_the_database(
        centre: CentreHarness, world: World) -> None:
    files = centre.enrol("T-LOCAL", unit="CENTRE")
    world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
    client = centre.client(files)
    auth = RemoteAuth(client, StaticIdentity("127.0.0.1", LOOPBACK_MAC))
    access = RemoteAccess(client)
    session = auth.login("zhangsan", PASSWORD).session
    assert session is not None
    now = world.clock.now()
    grants = GrantService(world.db, world.clock)
    grant = grants.issue(ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"],
                         valid_from=now, valid_to=now + timedelta(hours=1), purpose="巡查",
                         approver="刘主任", reference="SP-3")
    result = access.open_view(session.session_id, COND, "巡查")
    assert result.ok and result.ticket is not None
    ticket = result.ticket
    assert access.recheck(session.session_id, [ticket]) == []       # in full: the stamp
    with Statements(world) as statements:
        assert access.recheck(session.session_id, [ticket]) == []
    assert statements.seen == []
    with Statements(world) as statements:
        assert auth.heartbeat(session.session_id, views=[ticket.id]).alive
    assert statements.seen.count("UPDATE") == 2 and "INSERT" not in statements.seen
    grants.revoke(ADMIN, grant, "项目结束")
    closed = access.recheck(session.session_id, [ticket])
    assert [(c.ticket.id, c.reason) for c in closed] == [(ticket.id, Reason.GRANT_REVOKED)]


def test_the_catalogue_revision_is_answered_without_the_database_until_it_changes(
        centre: CentreHarness, world: World) -> None:
    files = centre.enrol("T-LOCAL", unit="CENTRE")
    world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
    client = centre.client(files)
    auth = RemoteAuth(client, StaticIdentity("127.0.0.1", LOOPBACK_MAC))
    access = RemoteAccess(client)
    session = auth.login("zhangsan", PASSWORD).session
    assert session is not None
    first = access.revision()
    with Statements(world) as statements:
        assert access.revision() == first
    assert statements.seen == []
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"], valid_from=now,
        valid_to=now + timedelta(hours=1), purpose="巡查", approver="刘主任", reference="SP-4")
    assert access.revision() != first
