"""The permitted catalogue of a session, opening and closing views (the usage register), and
views closed because their right went away: expiry and revocation while a view is open."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from console.access.model import SessionGone
from console.access.service import AccessService
from console.audit.writer import Actor
from console.codes import Action, Outcome, Reason, Right, Role
from console.grants.rules import Rights
from console.grants.service import Grantee, GrantService, Scope
from console.live.state import StreamKind
from console.storage.models import AuditRecord
from tests.conftest import PASSWORD, T42, World
from tests.support.catalog import (
    COND,
    COND_OTHER_STREET,
    NOT_SHARED,
    UNCOND,
    UNCOND_WUZHONG,
    add_cameras,
    add_group,
)

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
SUPERVISOR = Actor(account="wangwu", role=Role.SUPERVISOR, user_id=3)


@pytest.fixture
def access(world: World) -> AccessService:
    add_cameras(world.db, world.clock)
    return AccessService(world.db, world.clock)


@pytest.fixture
def grants(world: World) -> GrantService:
    return GrantService(world.db, world.clock)


def login(world: World, account: str = "zhangsan") -> str:
    result = world.auth(T42).login(account, PASSWORD)
    assert result.ok, result
    return result.session.session_id  # type: ignore[union-attr]


def records(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


def grant_live(grants: GrantService, world: World, hours: float = 2, **kw: object) -> int:
    now = world.clock.now()
    args: dict[str, object] = dict(grantee=Grantee(user="zhangsan"), scope=Scope("camera", COND),
                                   rights=["live", "ptz"])
    args.update(kw)
    return grants.issue(ADMIN, valid_from=now, valid_to=now + timedelta(hours=hours),
                        purpose="观前街人流巡查", approver="刘主任", reference="SP-7",
                        **args)  # type: ignore[arg-type]


def test_the_snapshot_holds_exactly_the_permitted_cameras(
        access: AccessService, grants: GrantService, world: World) -> None:
    session = login(world)      # zhangsan, unit CENTRE: owns UNCOND only
    snap = access.snapshot(session)
    assert {e.code for e in snap.entries} == {UNCOND, UNCOND_WUZHONG}
    assert snap.next_change is None and snap.region_names["320508"] == "姑苏区"
    grant_id = grant_live(grants, world)
    snap = access.snapshot(session)
    by_code = {e.code: e for e in snap.entries}
    assert set(by_code) == {UNCOND, UNCOND_WUZHONG, COND}
    cond = by_code[COND]
    assert cond.rights == Rights.LIVE | Rights.PTZ and cond.needs_purpose
    assert cond.purpose == "观前街人流巡查"
    assert cond.until[Right.LIVE] == world.clock.now() + timedelta(hours=2)
    assert not by_code[UNCOND].needs_purpose and by_code[UNCOND].until[Right.LIVE] is None
    assert snap.next_change == world.clock.now() + timedelta(hours=2)
    assert grant_id > 0


def test_the_owner_unit_sees_its_not_shared_camera(access: AccessService, world: World) -> None:
    snap = access.snapshot(login(world, "lisi"))     # lisi, POLICE-GS
    assert {e.code for e in snap.entries} == {UNCOND, COND, COND_OTHER_STREET, NOT_SHARED,
                                              UNCOND_WUZHONG}
    assert all(e.rights == Rights.LIVE for e in snap.entries)


def test_group_and_region_grants_open_their_cameras(
        access: AccessService, grants: GrantService, world: World) -> None:
    session = login(world)
    add_group(world.db, "景区", [COND_OTHER_STREET])
    grant_live(grants, world, scope=Scope("group", "景区"), rights=["playback"])
    grant_live(grants, world, grantee=Grantee(unit="CENTRE"), scope=Scope("region", "32050801"))
    by_code = {e.code: e for e in access.snapshot(session).entries}
    assert by_code[COND_OTHER_STREET].rights == Rights.PLAYBACK
    assert by_code[COND].rights == Rights.LIVE | Rights.PTZ
    assert NOT_SHARED not in by_code      # an ordinary region grant does not open it


def test_open_and_close_are_registered_with_purpose_and_approver(
        access: AccessService, grants: GrantService, world: World) -> None:
    session = login(world)
    grant_id = grant_live(grants, world)
    result = access.open_view(session, COND, "  观前街  人流巡查 ")
    assert result.ok and result.ticket is not None
    ticket = result.ticket
    assert ticket.grant_id == grant_id and ticket.purpose == "观前街 人流巡查"
    world.clock.advance(timedelta(minutes=3))
    access.close_view(session, ticket)
    opened, closed = records(world, Action.VIEW_OPEN)[-1], records(world, Action.VIEW_CLOSE)[-1]
    assert (opened.actor, opened.target, opened.outcome) == ("zhangsan", COND, "ok")
    p = json.loads(opened.params)
    assert (p["purpose"], p["approver"], p["reference"], p["grant"], p["basis"]) == (
        "观前街 人流巡查", "刘主任", "SP-7", grant_id, "grant")
    assert opened.terminal == "T-0042" and opened.ip == T42.ip and opened.mac == T42.mac
    q = json.loads(closed.params)
    assert (closed.reason, q["view"], q["seconds"]) == (Reason.VIEW_CLOSED, ticket.id, 180)


@pytest.mark.parametrize(("code", "purpose", "reason"), [
    (COND, "巡查", Reason.NO_GRANT),
    (NOT_SHARED, "巡查", Reason.NOT_SHARED),
    ("32050801001310009999", "巡查", Reason.UNKNOWN_CAMERA),
])
def test_refusals_are_registered(access: AccessService, world: World, code: str, purpose: str,
                                 reason: Reason) -> None:
    session = login(world)
    result = access.open_view(session, code, purpose)
    assert (result.ok, result.reason) == (False, reason)
    record = records(world, Action.VIEW_OPEN)[-1]
    assert (record.outcome, record.reason, record.target) == (Outcome.DENIED, reason, code)


def test_a_granted_camera_needs_a_purpose(access: AccessService, grants: GrantService,
                                          world: World) -> None:
    session = login(world)
    grant_live(grants, world)
    assert access.open_view(session, COND, " ").reason == Reason.PURPOSE_REQUIRED
    assert records(world, Action.VIEW_OPEN)[-1].reason == Reason.PURPOSE_REQUIRED
    assert access.open_view(session, UNCOND, "").ok       # unconditional: purpose optional


def test_ptz_needs_a_grant_even_on_an_unconditional_camera(
        access: AccessService, grants: GrantService, world: World) -> None:
    session = login(world)
    assert access.open_view(session, UNCOND, "", right=Right.PTZ).reason == Reason.NO_GRANT
    grant_live(grants, world, scope=Scope("camera", UNCOND), rights=["ptz"])
    assert access.open_view(session, UNCOND, "调整视角", right=Right.PTZ).ok


def test_expiry_while_a_view_is_open_closes_it(access: AccessService, grants: GrantService,
                                               world: World) -> None:
    session = login(world)
    grant_live(grants, world, hours=1)
    ticket = access.open_view(session, COND, "巡查").ticket
    free = access.open_view(session, UNCOND, "").ticket
    assert ticket is not None and free is not None
    world.clock.advance(timedelta(minutes=59, seconds=59))
    assert access.recheck(session, [ticket, free]) == []
    world.clock.advance(timedelta(seconds=1))       # valid_to is exclusive
    closed = access.recheck(session, [ticket, free])
    assert [(c.ticket.id, c.reason) for c in closed] == [(ticket.id, Reason.GRANT_EXPIRED)]
    record = records(world, Action.VIEW_CLOSE)[-1]
    assert (record.target, record.reason) == (COND, Reason.GRANT_EXPIRED)
    assert json.loads(record.params)["seconds"] == 3600
    assert COND not in {e.code for e in access.snapshot(session).entries}


def test_revocation_while_a_view_is_open_closes_it_unless_another_grant_covers_it(
        access: AccessService, grants: GrantService, world: World) -> None:
    session = login(world)
    first = grant_live(grants, world)
    ticket = access.open_view(session, COND, "巡查").ticket
    assert ticket is not None and ticket.grant_id == first
    second = grant_live(grants, world, grantee=Grantee(unit="CENTRE"), hours=1)
    grants.revoke(ADMIN, first, "申请人调岗")
    assert access.recheck(session, [ticket]) == []       # the unit's grant still covers it
    grants.revoke(ADMIN, second, "项目结束")
    closed = access.recheck(session, [ticket])
    assert [c.reason for c in closed] == [Reason.GRANT_REVOKED]
    assert closed[0].details["revoke_reason"] == "申请人调岗"


def test_an_emergency_grant_opens_a_not_shared_camera_and_expires_by_itself(
        access: AccessService, grants: GrantService, world: World) -> None:
    session = login(world)
    grants.issue_emergency(SUPERVISOR, Grantee(user="zhangsan"), Scope("camera", NOT_SHARED),
                           ["live"], reason="派出所门口警情")
    entry = {e.code: e for e in access.snapshot(session).entries}[NOT_SHARED]
    assert entry.needs_purpose and entry.purpose == "派出所门口警情"
    ticket = access.open_view(session, NOT_SHARED, entry.purpose).ticket
    assert ticket is not None and ticket.until == world.clock.now() + timedelta(hours=4)
    world.clock.advance(timedelta(hours=4))
    assert [c.reason for c in access.recheck(session, [ticket])] == [Reason.GRANT_EXPIRED]


def test_a_share_type_change_closes_views_it_no_longer_permits(
        access: AccessService, world: World) -> None:
    from console.storage.models import Camera

    session = login(world)
    ticket = access.open_view(session, UNCOND_WUZHONG, "").ticket
    assert ticket is not None
    with world.db.transaction() as s:
        camera = s.execute(select(Camera).where(Camera.code == UNCOND_WUZHONG)).scalar_one()
        camera.share_type = "conditional"
    assert [c.reason for c in access.recheck(session, [ticket])] == [Reason.NO_GRANT]


def test_an_ended_session_gets_nothing(access: AccessService, world: World) -> None:
    session = login(world)
    ticket = access.open_view(session, UNCOND, "").ticket
    assert ticket is not None
    world.auth(T42).logout(session)
    with pytest.raises(SessionGone):
        access.snapshot(session)
    assert access.open_view(session, UNCOND, "").reason == Reason.SESSION_ENDED
    assert [c.reason for c in access.recheck(session, [ticket])] == [Reason.LOGOUT]


def test_the_revision_changes_with_every_grant_change(
        access: AccessService, grants: GrantService, world: World) -> None:
    before = access.revision()
    grant_id = grant_live(grants, world)
    middle = access.revision()
    grants.revoke(ADMIN, grant_id, "x")
    assert len({before, middle, access.revision()}) == 3


def test_details_are_read_one_camera_at_a_time_and_only_when_permitted(
        access: AccessService, grants: GrantService, world: World) -> None:
    session = login(world)
    entry = {e.code: e for e in access.snapshot(session).entries}[UNCOND]
    assert not entry.details_loaded and entry.maintainer == ""
    full = access.details(session, entry)
    assert full.details_loaded and full.maintainer == "某维保公司"
    assert full.contact == "0512-65000000" and full.longitude == 120.62
    grant_id = grant_live(grants, world)
    cond = {e.code: e for e in access.snapshot(session).entries}[COND]
    grants.revoke(ADMIN, grant_id, "x")
    assert not access.details(session, cond).details_loaded    # no longer permitted


# -- the stream of an open view --------------------------------------------------------------


@pytest.mark.parametrize(("kind", "path", "stored_sub", "played"), [
    ("sub", "/sub", True, "sub"),
    ("main", "/main", True, "main"),
    ("sub", "/main", False, "main"),     # no sub stream in the catalogue: the main one plays
])
def test_the_stream_of_a_view_carries_the_keyring_credentials_and_is_registered(
        access: AccessService, world: World, kind: str, path: str, stored_sub: bool,
        played: str) -> None:
    from console.catalog.credentials import Credentials, camera_secret_name
    from console.live.state import StreamKind
    from console.secrets import SecretStore
    from console.storage.models import Camera

    with world.db.transaction() as s:
        camera = s.execute(select(Camera).where(Camera.code == UNCOND)).scalar_one()
        camera.has_credentials = True
        if not stored_sub:
            camera.sub_stream = ""
    SecretStore().set(camera_secret_name(UNCOND), Credentials("viewer", "p@ss:w/rd").to_secret())
    session = login(world)
    ticket = access.open_view(session, UNCOND, "").ticket
    assert ticket is not None
    source = access.stream_source(session, ticket, StreamKind(kind))
    assert source.kind == StreamKind(played)
    assert source.url == f"rtsp://viewer:p%40ss%3Aw%2Frd@127.0.0.1:8554/demo/{UNCOND}{path}"
    assert source.display_url == f"rtsp://127.0.0.1:8554/demo/{UNCOND}{path}"
    assert "p@ss" not in repr(source)
    (record,) = records(world, Action.VIEW_STREAM)
    params = json.loads(record.params)
    assert params == {"view": ticket.id, "stream": played, "output": "desk",
                      "url": source.display_url}
    assert "viewer" not in record.params
    access.close_view(session, ticket, stream=StreamKind(played))
    (closed,) = records(world, Action.VIEW_CLOSE)
    assert json.loads(closed.params)["stream"] == played


def test_no_stream_once_the_right_is_gone_or_the_session_ended(
        access: AccessService, grants: GrantService, world: World) -> None:
    from console.access.model import ViewRefused
    from console.live.state import StreamKind

    session = login(world)
    grant_id = grant_live(grants, world)
    ticket = access.open_view(session, COND, "巡查").ticket
    assert ticket is not None
    assert access.stream_source(session, ticket, StreamKind.SUB).kind == StreamKind.SUB
    grants.revoke(ADMIN, grant_id, reason="任务结束")
    with pytest.raises(ViewRefused) as refused:
        access.stream_source(session, ticket, StreamKind.SUB)
    assert refused.value.reason == Reason.GRANT_REVOKED
    world.auth(T42).logout(session)
    with pytest.raises(SessionGone):
        access.stream_source(session, ticket, StreamKind.SUB)


def test_only_wall_roles_open_views_on_a_wall_output(access: AccessService, world: World) -> None:
    session = login(world)                         # zhangsan: a duty officer
    result = access.open_view(session, UNCOND, "", output="wall:HDMI-1")
    assert not result.ok and result.reason == Reason.NOT_PERMITTED
    (record,) = records(world, Action.VIEW_OPEN)
    assert (record.outcome, record.reason) == (Outcome.DENIED, Reason.NOT_PERMITTED)
    assert json.loads(record.params)["output"] == "wall:HDMI-1"
    assert access.open_view(session, UNCOND, "").ok              # the desk is fine


def test_a_view_is_changed_only_under_the_audit_chain_head(access: AccessService,
                                                           world: World) -> None:
    """Lock order head, then the view: a transaction that changed a view and then waited
    for the head, while another held the head and went on to lock views (closing several,
    the lease job), deadlocked on PostgreSQL under load (benchmarks/centre_load.py)."""
    session = login(world)
    tickets = [access.open_view(session, UNCOND, "").ticket for _ in range(3)]
    assert all(tickets)
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement)

    event.listen(world.db.engine, "before_cursor_execute", seen)
    try:
        def head_first(work) -> None:
            statements.clear()
            work()
            head = next(i for i, sql in enumerate(statements) if "FROM audit_head" in sql)
            view = next(i for i, sql in enumerate(statements)
                        if sql.startswith("UPDATE open_views"))
            assert head < view, statements

        head_first(lambda: access.stream_source(session, tickets[0], StreamKind.SUB))
        head_first(lambda: access.close_view(session, tickets[0]))
        world.clock.advance(timedelta(minutes=5))     # the other two lose their leases
        head_first(access.close_lost_leases)
    finally:
        event.remove(world.db.engine, "before_cursor_execute", seen)
