"""A tile's view and its stream in one request (issue 12, the load target): POST /views with
the stream the tile will play answers with the ticket, that stream and its privacy masks, and
registers exactly what opening and then asking for the stream registers (VIEW_OPEN, then
VIEW_STREAM with the same parameters). The chain head is read once per transaction however
many records it appends. Without ``stream`` the answer is the ticket alone, as before, and
GET /views/{id}/stream keeps serving a tile that switches main and sub."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, select

from console.access.service import AccessService
from console.audit.verify import verify_trail
from console.audit.writer import Actor
from console.codes import Action, Role
from console.grants.service import Grantee, GrantService, Scope
from console.identity import StaticIdentity
from console.live.state import StreamKind
from console.privacy.service import PrivacyService
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth
from console.storage.models import AuditRecord, OpenView
from tests.conftest import INSTALLER, PASSWORD, T42, World
from tests.support.catalog import COND, UNCOND, add_cameras
from tests.support.centre import LOOPBACK_MAC, CentreHarness

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
TRIANGLE = ((0.1, 0.1), (0.4, 0.1), (0.4, 0.3))


def registered(world: World, *actions: Action) -> list[tuple[str, str, dict[str, Any]]]:
    with world.db.transaction() as s:
        rows = s.execute(select(AuditRecord).where(AuditRecord.action.in_(actions))
                         .order_by(AuditRecord.seq)).scalars()
        return [(r.action, r.target, json.loads(r.params)) for r in rows]


def intact(world: World) -> bool:
    with world.db.read() as s:
        return verify_trail(s).ok


class Statements:
    def __init__(self, world: World) -> None:
        self.seen: list[str] = []
        self._engine = world.db.engine

    def __enter__(self) -> Statements:
        event.listen(self._engine, "before_cursor_execute", self._one)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self._engine, "before_cursor_execute", self._one)

    def _one(self, _conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        self.seen.append(statement)

    def head_reads(self) -> int:
        return sum(1 for sql in self.seen if sql.startswith("SELECT")
                   and "FROM audit_head" in sql)


def _without_view(records: list[tuple[str, str, dict[str, Any]]]
                  ) -> list[tuple[str, str, dict[str, Any]]]:
    return [(a, t, {k: v for k, v in p.items() if k != "view"}) for a, t, p in records]


def test_the_open_with_its_stream_registers_what_open_then_stream_registers(
        world: World) -> None:
    add_cameras(world.db, world.clock)
    access = AccessService(world.db, world.clock)
    session = world.auth(T42).login("zhangsan", PASSWORD).session
    assert session is not None
    apart = access.open_view(session.session_id, UNCOND, "巡查")
    assert apart.ticket is not None and apart.stream is None
    apart_source = access.stream_source(session.session_id, apart.ticket, StreamKind.SUB)
    two_steps = registered(world, Action.VIEW_OPEN, Action.VIEW_STREAM)

    with Statements(world) as statements:
        together = access.open_view(session.session_id, UNCOND, "巡查", stream=StreamKind.SUB)
    assert together.ok and together.ticket is not None and together.stream is not None
    assert together.stream == apart_source
    one_step = registered(world, Action.VIEW_OPEN, Action.VIEW_STREAM)[2:]
    assert [p["view"] for _a, _t, p in one_step] == [together.ticket.id] * 2
    assert _without_view(one_step) == _without_view(two_steps)
    # the chain head: read (and locked) once for both records
    assert statements.head_reads() == 1, statements.seen
    with world.db.transaction() as s:
        view = s.get(OpenView, together.ticket.id)
        assert view is not None and view.stream == "sub"
    assert intact(world)


def test_closing_a_view_reads_the_chain_head_once(world: World) -> None:
    add_cameras(world.db, world.clock)
    access = AccessService(world.db, world.clock)
    session = world.auth(T42).login("zhangsan", PASSWORD).session
    assert session is not None
    ticket = access.open_view(session.session_id, UNCOND, "").ticket
    assert ticket is not None
    with Statements(world) as statements:
        access.close_view(session.session_id, ticket, stream=StreamKind.SUB)
    assert statements.head_reads() == 1, statements.seen
    assert [a for a, _t, _p in registered(world, Action.VIEW_CLOSE)] == [Action.VIEW_CLOSE]
    assert intact(world)


@pytest.fixture
def centre(world: World, tmp_path: Path) -> Iterator[CentreHarness]:
    add_cameras(world.db, world.clock)
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    yield harness
    harness.stop()


def test_a_tile_gets_its_view_stream_and_masks_in_one_request(
        centre: CentreHarness, world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    PrivacyService(world.db, world.clock).set_masks(INSTALLER, COND, [TRIANGLE])
    files = centre.enrol("T-LOCAL", unit="CENTRE")
    world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
    client = centre.client(files)
    session = RemoteAuth(client, StaticIdentity("127.0.0.1", LOOPBACK_MAC)).login(
        "zhangsan", PASSWORD).session
    assert session is not None
    access = RemoteAccess(client)
    requests: list[str] = []
    sent = client.post

    def post(path: str, **kwargs: Any) -> Any:
        requests.append(f"POST {path}")
        return sent(path, **kwargs)

    monkeypatch.setattr(client, "post", post)
    monkeypatch.setattr(client, "get", lambda path, **_kw: requests.append(f"GET {path}"))
    # the camera with the masks is conditional: opened on a grant
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"], valid_from=now,
        valid_to=now + timedelta(hours=1), purpose="巡查", approver="刘主任", reference="SP-9")
    result = access.open_view(session.session_id, COND, "巡查", stream=StreamKind.SUB)
    assert requests == ["POST /views"]
    assert result.ok and result.ticket is not None and result.stream is not None
    assert result.stream.camera_code == COND and result.stream.kind == StreamKind.SUB
    assert result.masks == (TRIANGLE,)
    assert [a for a, _t, p in registered(world, Action.VIEW_OPEN, Action.VIEW_STREAM)
            if p.get("view") == result.ticket.id] == [Action.VIEW_OPEN, Action.VIEW_STREAM]

    # without a stream: the ticket alone, and the stream asked for apart (a tile switching
    # main and sub does so)
    monkeypatch.undo()
    alone = access.open_view(session.session_id, UNCOND, "")
    assert alone.ok and alone.ticket is not None and alone.stream is None
    source, masks = access.stream_with_masks(session.session_id, alone.ticket,
                                             StreamKind.MAIN)
    assert source.kind == StreamKind.MAIN and masks == ()
