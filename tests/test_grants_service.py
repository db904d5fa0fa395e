"""Issuing, emergency-issuing and revoking grants: who may, what is checked, what is audited."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from console.admin.validation import AdminError
from console.audit.writer import Actor
from console.codes import Action, Outcome, Reason, Right, Role
from console.grants.service import Grantee, GrantService, Scope
from console.settings_store import access_revision
from console.storage.models import AuditRecord, Grant
from tests.conftest import INSTALLER, World
from tests.support.catalog import COND, NOT_SHARED, add_cameras, add_group

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
SUPERVISOR = Actor(account="wangwu", role=Role.SUPERVISOR, user_id=3)
DUTY = Actor(account="zhangsan", role=Role.DUTY_OFFICER, user_id=1)


@pytest.fixture
def grants(world: World) -> GrantService:
    add_cameras(world.db, world.clock)
    return GrantService(world.db, world.clock)


def last_record(world: World) -> AuditRecord:
    with world.db.transaction() as s:
        return s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)
                         ).scalar_one()


def issue(grants: GrantService, world: World, actor: Actor = ADMIN, **kw: object) -> int:
    now = world.clock.now()
    args: dict[str, object] = dict(
        grantee=Grantee(user="zhangsan"), scope=Scope("camera", COND), rights=["live"],
        valid_from=now, valid_to=now + timedelta(days=30), purpose="道路巡查",
        approver="市大数据局 刘主任", reference="SP-2026-001")
    args.update(kw)
    return grants.issue(actor, **args)  # type: ignore[arg-type]


def test_an_administrator_issues_a_grant_audited_and_revision_bumped(
        grants: GrantService, world: World) -> None:
    with world.db.transaction() as s:
        before = access_revision(s)
    grant_id = issue(grants, world)
    record = last_record(world)
    assert (record.action, record.outcome, record.actor) == (Action.GRANT_ISSUE, "ok", "zhaoliu")
    params = json.loads(record.params)
    assert params["grant"] == grant_id and params["approver"] == "市大数据局 刘主任"
    assert params["scope"] == f"camera:{COND}" and params["rights"] == ["live"]
    with world.db.transaction() as s:
        assert access_revision(s) != before
        row = s.get(Grant, grant_id)
        assert row is not None and row.live and not row.ptz and not row.emergency


@pytest.mark.parametrize(("actor", "kw", "field", "reason"), [
    (DUTY, {}, "actor", Reason.NOT_PERMITTED),
    (SUPERVISOR, {}, "actor", Reason.NOT_PERMITTED),   # ordinary grants: administrators
    (ADMIN, {"rights": []}, "rights", Reason.INVALID_INPUT),
    (ADMIN, {"rights": ["view"]}, "rights", Reason.INVALID_INPUT),
    (ADMIN, {"purpose": " "}, "purpose", Reason.INVALID_INPUT),
    (ADMIN, {"approver": ""}, "approver", Reason.INVALID_INPUT),
    (ADMIN, {"reference": ""}, "reference", Reason.INVALID_INPUT),
    (ADMIN, {"grantee": Grantee(user="nobody")}, "user", Reason.NOT_FOUND),
    (ADMIN, {"grantee": Grantee(unit="NOPE")}, "unit", Reason.NOT_FOUND),
    (ADMIN, {"scope": Scope("camera", "32050801001310009999")}, "camera", Reason.NOT_FOUND),
    (ADMIN, {"scope": Scope("group", "无此分组")}, "group", Reason.NOT_FOUND),
    (ADMIN, {"scope": Scope("region", "12345")}, "region", Reason.INVALID_INPUT),
    # an ordinary grant cannot open another unit's not-shared camera
    (ADMIN, {"scope": Scope("camera", NOT_SHARED)}, "camera", Reason.NOT_SHARED),
])
def test_refusals_change_nothing_and_are_audited(
        grants: GrantService, world: World, actor: Actor, kw: dict[str, object], field: str,
        reason: Reason) -> None:
    with pytest.raises(AdminError) as caught:
        issue(grants, world, actor, **kw)
    assert caught.value.field == field and caught.value.reason == reason
    record = last_record(world)
    assert (record.action, record.outcome, record.reason) == (
        Action.GRANT_ISSUE, Outcome.DENIED, reason)
    with world.db.transaction() as s:
        assert s.execute(select(Grant)).first() is None


@pytest.mark.parametrize(("start", "end", "field"), [
    (timedelta(0), timedelta(0), "valid_to"),
    (timedelta(days=2), timedelta(days=1), "valid_to"),
    (timedelta(days=-10), timedelta(days=-1), "valid_to"),   # already over
])
def test_the_period_is_checked(grants: GrantService, world: World, start: timedelta,
                               end: timedelta, field: str) -> None:
    now = world.clock.now()
    with pytest.raises(AdminError) as caught:
        issue(grants, world, valid_from=now + start, valid_to=now + end)
    assert caught.value.field == field


def test_the_owner_unit_may_be_granted_ptz_on_its_not_shared_camera(
        grants: GrantService, world: World) -> None:
    grant_id = issue(grants, world, grantee=Grantee(user="lisi"),
                     scope=Scope("camera", NOT_SHARED), rights=["ptz", "playback"])
    assert grant_id > 0


@pytest.mark.parametrize(("hours", "expected_hours"), [(None, 4), (0.5, 0.5), (24, 24)])
def test_a_supervisor_issues_an_emergency_grant_that_ends_by_itself(
        grants: GrantService, world: World, hours: float | None, expected_hours: float) -> None:
    grant_id = grants.issue_emergency(SUPERVISOR, Grantee(unit="CENTRE"),
                                      Scope("camera", NOT_SHARED), [Right.LIVE, Right.PTZ],
                                      reason="火情处置", hours=hours)
    now = world.clock.now()
    with world.db.transaction() as s:
        row = s.get(Grant, grant_id)
        assert row is not None and row.emergency and row.approver == "wangwu"
        assert row.valid_from == now and row.valid_to == now + timedelta(hours=expected_hours)
        assert row.purpose == "火情处置"
    record = last_record(world)
    assert (record.action, record.outcome) == (Action.GRANT_EMERGENCY, "ok")


@pytest.mark.parametrize(("actor", "kw", "field"), [
    (SUPERVISOR, {"hours": 25}, "hours"),
    (SUPERVISOR, {"hours": 0}, "hours"),
    (SUPERVISOR, {"hours": -1}, "hours"),
    (SUPERVISOR, {"hours": 5e-324}, "hours"),   # found by the fuzzer: ends as it begins
    (SUPERVISOR, {"reason": "  "}, "reason"),
    (DUTY, {}, "actor"),
])
def test_emergency_grants_are_bounded_and_need_a_reason(
        grants: GrantService, world: World, actor: Actor, kw: dict[str, object],
        field: str) -> None:
    args: dict[str, object] = {"reason": "火情处置", "hours": None}
    args.update(kw)
    with pytest.raises(AdminError) as caught:
        grants.issue_emergency(actor, Grantee(unit="CENTRE"), Scope("camera", COND), ["live"],
                               **args)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert last_record(world).outcome == Outcome.DENIED


def test_the_policy_bounds_the_emergency_duration(grants: GrantService, world: World) -> None:
    world.admin.set_policy(INSTALLER, "emergency_grant_max_hours", "8")
    with pytest.raises(AdminError, match="8"):
        grants.issue_emergency(SUPERVISOR, Grantee(unit="CENTRE"), Scope("camera", COND),
                               ["live"], reason="演练", hours=9)


def test_revocation(grants: GrantService, world: World) -> None:
    grant_id = issue(grants, world)
    emergency = grants.issue_emergency(SUPERVISOR, Grantee(user="zhangsan"),
                                       Scope("camera", COND), ["ptz"], reason="救援")
    with pytest.raises(AdminError) as caught:   # supervisors revoke emergency grants only
        grants.revoke(SUPERVISOR, grant_id, "用完")
    assert caught.value.reason == Reason.NOT_PERMITTED
    grants.revoke(SUPERVISOR, emergency, "处置结束")
    world.clock.advance(timedelta(minutes=1))
    grants.revoke(ADMIN, grant_id, "使用结束")
    with pytest.raises(AdminError) as caught:
        grants.revoke(ADMIN, grant_id, "again")
    assert caught.value.reason == Reason.DUPLICATE
    with pytest.raises(AdminError) as caught:
        grants.revoke(ADMIN, 999, "x")
    assert caught.value.reason == Reason.NOT_FOUND
    rows = {r.id: r for r in grants.list_grants(include_ended=True)}
    now = world.clock.now()
    assert rows[grant_id].state(now) == "revoked" and rows[grant_id].revoked_by == "zhaoliu"
    assert rows[emergency].revoke_reason == "处置结束"
    assert grants.list_grants() == []          # without --all: active and pending only


def test_listing_by_grantee_and_scope_names(grants: GrantService, world: World) -> None:
    add_group(world.db, "观前商圈", [COND])
    issue(grants, world)
    issue(grants, world, grantee=Grantee(unit="POLICE-GS"), scope=Scope("group", "观前商圈"))
    issue(grants, world, grantee=Grantee(unit="POLICE-GS"), scope=Scope("region", "32050800"))
    rows = grants.list_grants(grantee=Grantee(unit="POLICE-GS"))
    assert [(r.grantee, r.scope) for r in rows] == [
        ("unit:POLICE-GS", "group:观前商圈"), ("unit:POLICE-GS", "region:320508")]
    assert [r.scope for r in grants.list_grants(grantee=Grantee(user="zhangsan"))] == [
        f"camera:{COND}"]
