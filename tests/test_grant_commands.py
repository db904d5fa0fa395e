"""Who may list, issue and revoke which grants (console/grants/commands.py), table-driven: the
pure decision, the phase a grant is in, and the same rules on the centre's GrantService —
a supervisor handles their own unit's grants only, a duty officer none; every refusal carries
its reason code and is registered; a revocation needs a reason; an emergency grant's length
is bounded by the policy; several scopes in one command are all granted or none."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from console.admin.validation import AdminError
from console.audit.writer import Actor
from console.codes import Action, Outcome, Reason, Role
from console.grants.commands import Command, Phase, decide, phase
from console.grants.service import Grantee, GrantService, Scope
from console.storage.models import AuditRecord, Grant
from tests.conftest import INSTALLER, World
from tests.support.catalog import COND, NOT_SHARED, UNCOND, add_cameras, add_group

A, S, D, W = Role.ADMINISTRATOR, Role.SUPERVISOR, Role.DUTY_OFFICER, Role.WALL_OPERATOR
L, ISS, E, R = Command.LIST, Command.ISSUE, Command.EMERGENCY, Command.REVOKE
OK = (True, Reason.OK, "")
NOT = Reason.NOT_PERMITTED


# -- the pure decision -----------------------------------------------------------------------

@pytest.mark.parametrize(("command", "role", "own_unit", "emergency", "expected"), [
    # administrators: everything, any unit
    *[(c, A, own, em, OK) for c in Command for own in (True, False) for em in (True, False)],
    # supervisors: list, emergency-issue and revoke emergency grants of their own unit
    (L, S, True, True, OK),
    (L, S, False, True, (False, Reason.OTHER_UNIT, "grantee")),
    (E, S, True, True, OK),
    (E, S, False, True, (False, Reason.OTHER_UNIT, "grantee")),
    (R, S, True, True, OK),
    (R, S, False, True, (False, Reason.OTHER_UNIT, "grant")),
    (R, S, True, False, (False, NOT, "grant")),          # an ordinary grant: administrators
    (R, S, False, False, (False, NOT, "grant")),
    (ISS, S, True, False, (False, NOT, "actor")),          # ordinary grants: administrators
    # duty officers and wall operators: nothing, whatever the unit
    *[(c, role, own, True, (False, NOT, "actor")) for c in Command for role in (D, W)
      for own in (True, False)],
    # no role at all (a job's actor)
    (L, None, True, True, (False, NOT, "actor")),
])
def test_who_may_take_which_command(command: Command, role: Role | None, own_unit: bool,
                                    emergency: bool,
                                    expected: tuple[bool, Reason, str]) -> None:
    decision = decide(command, role=role, own_unit=own_unit, emergency=emergency)
    assert (decision.allowed, decision.reason, decision.field) == expected


def test_the_installer_may_take_every_command() -> None:
    for command in Command:
        assert decide(command, role=None, own_unit=False, emergency=False,
                      is_installer=True).allowed


NOW = datetime(2026, 5, 1, 8, 0, tzinfo=UTC)
H, DAY = timedelta(hours=1), timedelta(days=1)


@pytest.mark.parametrize(("start", "end", "revoked", "emergency", "expected"), [
    (-DAY, 30 * DAY, None, False, Phase.IN_FORCE),
    (-DAY, 7 * DAY + H, None, False, Phase.IN_FORCE),
    (-DAY, 7 * DAY, None, False, Phase.EXPIRING),       # a week left: renew the form
    (-DAY, H, None, False, Phase.EXPIRING),
    (-DAY, timedelta(0), None, False, Phase.ENDED),      # the end is exclusive
    (-DAY, -H, None, False, Phase.ENDED),
    (H, DAY, None, False, Phase.PENDING),
    (-DAY, DAY, -H, False, Phase.ENDED),                 # revoked
    (-DAY, 30 * DAY, H, False, Phase.IN_FORCE),          # revoked later (a clock behind)
    (H, DAY, -H, False, Phase.ENDED),                    # revoked before it began
    (-H, 3 * H, None, True, Phase.IN_FORCE),             # emergency: its last hour only
    (-H, H, None, True, Phase.EXPIRING),
    (-H, timedelta(minutes=30), None, True, Phase.EXPIRING),
])
def test_the_phase_of_a_grant(start: timedelta, end: timedelta, revoked: timedelta | None,
                              emergency: bool, expected: Phase) -> None:
    revoked_at = NOW + revoked if revoked is not None else None
    assert phase(NOW + start, NOW + end, revoked_at, NOW, emergency=emergency) == expected


# -- the same rules on the centre's service --------------------------------------------------
# seed_world: CENTRE (zhangsan duty officer, wangwu supervisor, zhaoliu administrator) and its
# sub-unit POLICE-GS (lisi, wall operator).

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
SUPERVISOR = Actor(account="wangwu", role=Role.SUPERVISOR, user_id=3)
DUTY = Actor(account="zhangsan", role=Role.DUTY_OFFICER, user_id=1)


@pytest.fixture
def grants(world: World) -> GrantService:
    add_cameras(world.db, world.clock)
    return GrantService(world.db, world.clock)


def records(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == str(action))
                              .order_by(AuditRecord.seq)).scalars())


def grant_count(world: World) -> int:
    with world.db.transaction() as s:
        return s.execute(select(func.count()).select_from(Grant)).scalar_one()


@pytest.mark.parametrize(("actor", "grantee", "expected"), [
    (SUPERVISOR, Grantee(unit="CENTRE"), Reason.OK),           # their own unit
    (SUPERVISOR, Grantee(user="zhangsan"), Reason.OK),         # a person of it
    (SUPERVISOR, Grantee(user="wangwu"), Reason.OK),           # themself (an incident)
    (SUPERVISOR, Grantee(unit="POLICE-GS"), Reason.OTHER_UNIT),  # a sub-unit is another unit
    (SUPERVISOR, Grantee(user="lisi"), Reason.OTHER_UNIT),     # a person of another unit
    (DUTY, Grantee(user="zhangsan"), Reason.NOT_PERMITTED),    # duty officers: never
    (ADMIN, Grantee(unit="POLICE-GS"), Reason.OK),
])
def test_emergency_grants_by_unit(grants: GrantService, world: World, actor: Actor,
                                  grantee: Grantee, expected: Reason) -> None:
    def issue() -> int:
        return grants.issue_emergency(actor, grantee, Scope("camera", NOT_SHARED), ["live"],
                                      reason="火情处置", hours=2)

    if expected == Reason.OK:
        grant_id = issue()
        (record,) = records(world, Action.GRANT_EMERGENCY)
        assert record.outcome == Outcome.OK and json.loads(record.params)["grant"] == grant_id
        return
    with pytest.raises(AdminError) as caught:
        issue()
    assert caught.value.reason == expected
    assert caught.value.field == ("actor" if expected == Reason.NOT_PERMITTED else "grantee")
    (record,) = records(world, Action.GRANT_EMERGENCY)
    assert (record.outcome, record.reason, record.actor) == (
        Outcome.DENIED, expected, actor.account)
    assert grant_count(world) == 0


@pytest.mark.parametrize(("hours", "max_hours", "field"), [
    (None, 24, None),           # the policy's default (4 h)
    (24, 24, None),
    (24.5, 24, "hours"),
    (8, 8, None),
    (8.5, 8, "hours"),          # an administrator lowered the maximum
    (0, 24, "hours"),
    (-2, 24, "hours"),
])
def test_emergency_grant_period_limits(grants: GrantService, world: World,
                                       hours: float | None, max_hours: int,
                                       field: str | None) -> None:
    world.admin.set_policy(INSTALLER, "emergency_grant_max_hours", str(max_hours))
    if field is None:
        grant_id = grants.issue_emergency(SUPERVISOR, Grantee(unit="CENTRE"),
                                          Scope("camera", COND), ["live"], reason="演练",
                                          hours=hours)
        with world.db.transaction() as s:
            row = s.get(Grant, grant_id)
            assert row is not None
            assert row.valid_to - row.valid_from == timedelta(hours=hours or 4)
        return
    with pytest.raises(AdminError) as caught:
        grants.issue_emergency(SUPERVISOR, Grantee(unit="CENTRE"), Scope("camera", COND),
                               ["live"], reason="演练", hours=hours)
    assert caught.value.field == field and caught.value.reason == Reason.INVALID_INPUT
    assert records(world, Action.GRANT_EMERGENCY)[-1].outcome == Outcome.DENIED


def _emergency(grants: GrantService, grantee: Grantee) -> int:
    return grants.issue_emergency(ADMIN, grantee, Scope("camera", COND), ["live"],
                                  reason="救援", hours=2)


@pytest.mark.parametrize(("actor", "grant", "reason_text", "expected", "field"), [
    (SUPERVISOR, "own emergency", "处置结束", Reason.OK, ""),
    (SUPERVISOR, "own person's emergency", "处置结束", Reason.OK, ""),
    (SUPERVISOR, "other unit's emergency", "处置结束", Reason.OTHER_UNIT, "grant"),
    (SUPERVISOR, "other person's emergency", "处置结束", Reason.OTHER_UNIT, "grant"),
    (SUPERVISOR, "own ordinary", "使用结束", Reason.NOT_PERMITTED, "grant"),
    (SUPERVISOR, "own emergency", "  ", Reason.INVALID_INPUT, "reason"),
    (ADMIN, "other unit's emergency", "处置结束", Reason.OK, ""),
    (ADMIN, "own ordinary", "使用结束", Reason.OK, ""),
    (ADMIN, "own ordinary", "", Reason.INVALID_INPUT, "reason"),   # a reason, always
    (DUTY, "own emergency", "处置结束", Reason.NOT_PERMITTED, "actor"),
])
def test_revocation_by_unit_and_with_a_reason(
        grants: GrantService, world: World, actor: Actor, grant: str, reason_text: str,
        expected: Reason, field: str) -> None:
    now = world.clock.now()
    made = {
        "own emergency": lambda: _emergency(grants, Grantee(unit="CENTRE")),
        "own person's emergency": lambda: _emergency(grants, Grantee(user="zhangsan")),
        "other unit's emergency": lambda: _emergency(grants, Grantee(unit="POLICE-GS")),
        "other person's emergency": lambda: _emergency(grants, Grantee(user="lisi")),
        "own ordinary": lambda: grants.issue(
            ADMIN, Grantee(unit="CENTRE"), Scope("camera", COND), ["live"], now,
            now + timedelta(days=30), purpose="巡查", approver="刘主任", reference="SP-1"),
    }
    grant_id = made[grant]()
    if expected == Reason.OK:
        grants.revoke(actor, grant_id, reason_text)
    else:
        with pytest.raises(AdminError) as caught:
            grants.revoke(actor, grant_id, reason_text)
        assert (caught.value.reason, caught.value.field) == (expected, field)
    (record,) = records(world, Action.GRANT_REVOKE)
    assert record.actor == actor.account and record.target == f"grant:{grant_id}"
    assert (record.outcome, record.reason) == (
        (Outcome.OK, Reason.OK) if expected == Reason.OK else (Outcome.DENIED, expected))
    with world.db.transaction() as s:
        row = s.get(Grant, grant_id)
        assert row is not None
        assert (row.revoked_at is not None) == (expected == Reason.OK)


def test_a_supervisor_lists_their_own_units_grants_only(grants: GrantService,
                                                        world: World) -> None:
    own = _emergency(grants, Grantee(unit="CENTRE"))
    own_person = _emergency(grants, Grantee(user="zhangsan"))
    other = _emergency(grants, Grantee(unit="POLICE-GS"))
    other_person = _emergency(grants, Grantee(user="lisi"))
    assert [r.id for r in grants.list_grants(actor=SUPERVISOR)] == [own, own_person]
    assert [r.id for r in grants.list_grants(actor=SUPERVISOR, of_unit="CENTRE")] == [
        own, own_person]
    assert [r.id for r in grants.list_grants(actor=ADMIN, of_unit="POLICE-GS")] == [
        other, other_person]
    assert len(grants.list_grants(actor=ADMIN)) == 4
    assert [r.id for r in grants.list_grants(actor=SUPERVISOR,
                                             grantee=Grantee(user="zhangsan"))] == [own_person]
    for grantee, actor, reason in [
            (Grantee(unit="POLICE-GS"), SUPERVISOR, Reason.OTHER_UNIT),
            (Grantee(user="lisi"), SUPERVISOR, Reason.OTHER_UNIT),
            ("POLICE-GS", SUPERVISOR, Reason.OTHER_UNIT),
            (None, DUTY, Reason.NOT_PERMITTED)]:
        with pytest.raises(AdminError) as caught:
            if isinstance(grantee, str):
                grants.list_grants(actor=actor, of_unit=grantee)
            else:
                grants.list_grants(actor=actor, grantee=grantee)
        assert caught.value.reason == reason
        record = records(world, Action.GRANT_LIST)[-1]
        assert (record.actor, record.outcome, record.reason) == (
            actor.account, Outcome.DENIED, reason)
    # a reading is not registered, a refusal is: four refusals, no more
    grants.list_grants(actor=ADMIN)
    assert len(records(world, Action.GRANT_LIST)) == 4


def test_listing_by_phase(grants: GrantService, world: World) -> None:
    now = world.clock.now()

    def ordinary(start: timedelta, end: timedelta) -> int:
        return grants.issue(ADMIN, Grantee(unit="CENTRE"), Scope("camera", COND), ["live"],
                            now + start, now + end, purpose="巡查", approver="刘主任",
                            reference="SP-1")

    in_force = ordinary(-DAY, 60 * DAY)
    expiring = ordinary(-DAY, 3 * DAY)
    pending = ordinary(DAY, 60 * DAY)
    ended = ordinary(-DAY, H)
    revoked = ordinary(-DAY, 60 * DAY)
    grants.revoke(ADMIN, revoked, "使用结束")
    world.clock.advance(2 * H)

    def ids(*phases: Phase) -> list[int]:
        return [r.id for r in grants.list_grants(actor=SUPERVISOR, phases=phases)]

    assert ids(Phase.IN_FORCE) == [in_force]
    assert ids(Phase.EXPIRING) == [expiring]
    assert ids(Phase.PENDING) == [pending]
    assert ids(Phase.ENDED) == [ended, revoked]
    assert ids(Phase.IN_FORCE, Phase.EXPIRING) == [in_force, expiring]


def test_several_scopes_in_one_command_all_or_none(grants: GrantService,
                                                   world: World) -> None:
    add_group(world.db, "观前商圈", [COND])
    scopes = [Scope("camera", COND), Scope("camera", UNCOND), Scope("group", "观前商圈"),
              Scope("region", "320508")]
    ids = grants.issue_emergency_set(SUPERVISOR, Grantee(unit="CENTRE"), scopes, ["live"],
                                     reason="大客流", hours=3)
    assert len(ids) == 4
    rows = {r.id: r for r in grants.list_grants(actor=SUPERVISOR)}
    assert [rows[i].scope for i in ids] == [str(s) for s in scopes]
    (record,) = records(world, Action.GRANT_EMERGENCY)
    params = json.loads(record.params)
    assert params["grants"] == ids and params["scopes"] == [str(s) for s in scopes]
    # one unknown camera among them: nothing is granted, the refusal is registered
    with pytest.raises(AdminError) as caught:
        grants.issue_emergency_set(SUPERVISOR, Grantee(unit="CENTRE"),
                                   [Scope("camera", COND), Scope("camera", "32050801001310009999")],
                                   ["live"], reason="大客流", hours=3)
    assert caught.value.reason == Reason.NOT_FOUND
    assert grant_count(world) == 4
    for bad in ([], [Scope("camera", COND), Scope("camera", COND)]):
        with pytest.raises(AdminError) as caught:
            grants.issue_emergency_set(SUPERVISOR, Grantee(unit="CENTRE"), bad, ["live"],
                                       reason="大客流")
        assert caught.value.field == "scope"
    assert grant_count(world) == 4
