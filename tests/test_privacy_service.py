"""Privacy masks in storage (R14): administrators set and clear them, every change and every
refusal is audited, running consoles learn through the access revision, and each session
gets the masks of its camera unless its role is exempt. On SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import func, select, update

from console.access.model import SessionGone
from console.audit.writer import Actor
from console.auth.results import Accepted
from console.codes import Action, Outcome, Reason, Role
from console.privacy.masks import FULL_FRAME
from console.privacy.service import PrivacyError, PrivacyService
from console.settings_store import access_revision
from console.storage.models import AuditRecord, PrivacyMask
from tests.conftest import INSTALLER, PASSWORD, T42, World
from tests.support.catalog import COND, UNCOND, add_cameras

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
SUPERVISOR = Actor(account="wangwu", role=Role.SUPERVISOR, user_id=3)
DUTY = Actor(account="zhangsan", role=Role.DUTY_OFFICER, user_id=1)

TRIANGLE = ((0.1, 0.1), (0.4, 0.1), (0.4, 0.3))
SQUARE = ((0.6, 0.6), (0.9, 0.6), (0.9, 0.9), (0.6, 0.9))


@pytest.fixture
def privacy(world: World) -> PrivacyService:
    add_cameras(world.db, world.clock)
    return PrivacyService(world.db, world.clock)


def login(world: World, account: str) -> str:
    result = world.auth(T42).login(account, PASSWORD)
    assert isinstance(result, Accepted), result
    return result.session.session_id


def records(world: World, *actions: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action.in_(actions))
                              .order_by(AuditRecord.seq)).scalars())


def revision(world: World) -> str:
    with world.db.transaction() as s:
        return access_revision(s)


def mask_rows(world: World) -> int:
    with world.db.transaction() as s:
        return s.execute(select(func.count()).select_from(PrivacyMask)).scalar_one()


def test_set_list_read_replace_clear(privacy: PrivacyService, world: World) -> None:
    zhangsan = login(world, "zhangsan")
    before = revision(world)
    stored = privacy.set_masks(ADMIN, COND, [TRIANGLE, [[0.6, 0.6], [0.9, 0.6], [0.9, 0.9],
                                                        [0.6, 0.90000004]]])
    assert stored == (TRIANGLE, SQUARE)
    assert revision(world) != before
    assert privacy.masks_for(zhangsan, COND) == (TRIANGLE, SQUARE)
    assert privacy.masks_for(zhangsan, f" {COND} ") == (TRIANGLE, SQUARE)
    assert privacy.masks_for(zhangsan, UNCOND) == ()
    assert privacy.masks_for(zhangsan, "32050800000000009999") == ()     # unknown: none
    assert privacy.all_masks_for(zhangsan) == {COND: (TRIANGLE, SQUARE)}
    [row] = privacy.list_masks()
    assert (row.camera_code, row.camera_name, row.polygons, row.updated_by) == (
        COND, "观前街北局", (TRIANGLE, SQUARE), "zhaoliu")
    assert row.updated_at == world.clock.now()

    world.clock.advance(60)
    privacy.set_masks(INSTALLER, COND, [SQUARE])
    assert privacy.masks_for(zhangsan, COND) == (SQUARE,)
    assert privacy.list_masks()[0].updated_by == INSTALLER.account
    assert mask_rows(world) == 1

    privacy.clear_masks(ADMIN, COND)
    assert privacy.masks_for(zhangsan, COND) == () and privacy.list_masks() == []
    first, second, cleared = records(world, Action.PRIVACY_MASK_SET, Action.PRIVACY_MASK_CLEAR)
    assert (first.action, first.outcome, first.target, first.actor) == (
        Action.PRIVACY_MASK_SET, Outcome.OK, COND, "zhaoliu")
    assert json.loads(first.params) == {"polygons": [[list(p) for p in TRIANGLE],
                                                     [list(p) for p in SQUARE]],
                                        "replaced": False}
    assert json.loads(second.params)["replaced"] is True
    assert (cleared.action, cleared.outcome, json.loads(cleared.params)) == (
        Action.PRIVACY_MASK_CLEAR, Outcome.OK, {"removed": 1})


@pytest.mark.parametrize("actor", [SUPERVISOR, DUTY, Actor(account="nobody")])
def test_only_administrators_change_masks_refusals_audited(
        privacy: PrivacyService, world: World, actor: Actor) -> None:
    privacy.set_masks(ADMIN, COND, [TRIANGLE])
    before = revision(world)
    for attempt in (lambda: privacy.set_masks(actor, COND, [SQUARE]),
                    lambda: privacy.clear_masks(actor, COND),
                    lambda: privacy.set_exempt_roles(actor, ["supervisor"])):
        with pytest.raises(PrivacyError) as info:
            attempt()
        assert info.value.reason == Reason.NOT_PERMITTED
    refused = [r for r in records(world, Action.PRIVACY_MASK_SET, Action.PRIVACY_MASK_CLEAR,
                                  Action.PRIVACY_EXEMPT_SET) if r.outcome == Outcome.DENIED]
    assert [(r.action, r.reason, r.actor) for r in refused] == [
        (Action.PRIVACY_MASK_SET, Reason.NOT_PERMITTED, actor.account),
        (Action.PRIVACY_MASK_CLEAR, Reason.NOT_PERMITTED, actor.account),
        (Action.PRIVACY_EXEMPT_SET, Reason.NOT_PERMITTED, actor.account)]
    assert privacy.list_masks()[0].polygons == (TRIANGLE,)
    assert privacy.exempt_roles() == ()
    assert revision(world) == before


@pytest.mark.parametrize(("code", "polygons", "reason", "message"), [
    (COND, [[(0.1, 0.1), (0.4, 0.1)]], Reason.INVALID_INPUT,
     "polygons: polygon 1: 2 point(s)"),
    (COND, [TRIANGLE, [(0.1, 0.1), (1.2, 0.1), (0.4, 0.3)]], Reason.INVALID_INPUT,
     "polygons: polygon 2, point 2: x 1.2 is outside 0..1"),
    (COND, [[(0.1, 0.1), (0.2, 0.2), (0.3, 0.3)]], Reason.INVALID_INPUT,
     "polygons: polygon 1: the points enclose no area"),
    (COND, [[(0.1, 0.1), (0.4, float("nan")), (0.4, 0.3)]], Reason.INVALID_INPUT,
     "polygons: polygon 1, point 2: y nan is not a finite number"),
    (COND, [TRIANGLE] * 17, Reason.INVALID_INPUT, "polygons: more than 16 polygons"),
    (COND, [], Reason.INVALID_INPUT, "polygons: give at least one polygon"),
    ("32050800000000009999", [TRIANGLE], Reason.UNKNOWN_CAMERA,
     "camera: unknown camera '32050800000000009999'"),
])
def test_bad_input_refused_audited_nothing_written(
        privacy: PrivacyService, world: World, code: str, polygons: list[Any], reason: Reason,
        message: str) -> None:
    with pytest.raises(PrivacyError) as info:
        privacy.set_masks(ADMIN, code, polygons)
    assert str(info.value).startswith(message) and info.value.reason == reason
    [record] = records(world, Action.PRIVACY_MASK_SET)
    assert (record.outcome, record.reason, record.target) == (Outcome.DENIED, reason, code)
    assert json.loads(record.params)["error"].startswith(message)
    assert mask_rows(world) == 0


def test_clearing_a_camera_without_masks_is_refused(privacy: PrivacyService,
                                                    world: World) -> None:
    with pytest.raises(PrivacyError, match="has no privacy masks") as info:
        privacy.clear_masks(ADMIN, COND)
    assert info.value.reason == Reason.NOT_FOUND
    [record] = records(world, Action.PRIVACY_MASK_CLEAR)
    assert (record.outcome, record.reason) == (Outcome.DENIED, Reason.NOT_FOUND)


def test_exempt_roles_see_unmasked_everyone_else_masked(privacy: PrivacyService,
                                                        world: World) -> None:
    privacy.set_masks(ADMIN, COND, [TRIANGLE])
    zhangsan, lisi = login(world, "zhangsan"), login(world, "lisi")   # duty, wall operator
    assert privacy.exempt_roles() == ()                # default: nobody is exempt
    before = revision(world)
    assert privacy.set_exempt_roles(ADMIN, ["Duty_Officer ", "supervisor",
                                            "duty_officer"]) == (Role.DUTY_OFFICER,
                                                                 Role.SUPERVISOR)
    assert revision(world) != before
    assert privacy.exempt_roles() == (Role.DUTY_OFFICER, Role.SUPERVISOR)
    assert privacy.masks_for(zhangsan, COND) == ()
    assert privacy.all_masks_for(zhangsan) == {}
    assert privacy.masks_for(lisi, COND) == (TRIANGLE,)
    assert privacy.set_exempt_roles(ADMIN, []) == ()
    assert privacy.masks_for(zhangsan, COND) == (TRIANGLE,)
    first, second = records(world, Action.PRIVACY_EXEMPT_SET)
    assert json.loads(first.params) == {"roles": ["duty_officer", "supervisor"],
                                        "previous": []}
    assert json.loads(second.params) == {"roles": [],
                                         "previous": ["duty_officer", "supervisor"]}


def test_an_unknown_role_is_refused(privacy: PrivacyService, world: World) -> None:
    with pytest.raises(PrivacyError, match="roles: 'guest' is not one of duty_officer"):
        privacy.set_exempt_roles(ADMIN, ["supervisor", "guest"])
    [record] = records(world, Action.PRIVACY_EXEMPT_SET)
    assert (record.outcome, record.reason) == (Outcome.DENIED, Reason.INVALID_INPUT)
    assert privacy.exempt_roles() == ()


def test_an_ended_session_gets_nothing(privacy: PrivacyService, world: World) -> None:
    privacy.set_masks(ADMIN, COND, [TRIANGLE])
    session = login(world, "zhangsan")
    world.auth(T42).logout(session)
    with pytest.raises(SessionGone) as info:
        privacy.masks_for(session, COND)
    assert info.value.reason == Reason.LOGOUT
    with pytest.raises(SessionGone):
        privacy.all_masks_for("no-such-session")


def test_unreadable_stored_masks_hide_the_whole_picture(privacy: PrivacyService,
                                                        world: World) -> None:
    privacy.set_masks(ADMIN, COND, [TRIANGLE])
    with world.db.transaction() as s:
        s.execute(update(PrivacyMask).values(polygons="[[[0.1,0.1],[9,9]"))
    session = login(world, "zhangsan")
    assert privacy.masks_for(session, COND) == (FULL_FRAME,)
    assert privacy.list_masks()[0].polygons == (FULL_FRAME,)
