"""The access rules (R5-R7), table-driven: every share type × viewer × grant situation ×
right, and the bulk answer used by the camera tree agrees with the single decision."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from console.codes import Reason, Right, ShareType
from console.grants.rules import (
    CameraFacts,
    GrantFacts,
    Rights,
    Viewer,
    decide,
    permitted,
)

NOW = datetime(2026, 3, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
OWNER_UNIT, OTHER_UNIT = 1, 2
ME = Viewer(user_id=10, unit_id=OTHER_UNIT)
OWNER_MEMBER = Viewer(user_id=11, unit_id=OWNER_UNIT)
CAMERA_ID = 100

U, C, N = ShareType.UNCONDITIONAL, ShareType.CONDITIONAL, ShareType.NOT_SHARED
OK = Reason.OK


def camera(share: ShareType) -> CameraFacts:
    return CameraFacts(CAMERA_ID, share, OWNER_UNIT, "32050801", frozenset({7}))


def grant(viewer: Viewer, right: Right, situation: str) -> list[GrantFacts]:
    """The grants of one situation, for ``viewer`` and ``right``."""
    if situation == "none":
        return []
    kind = right
    if situation == "other_kind":
        kind = Right.PTZ if right == Right.LIVE else Right.LIVE
    start, end, revoked = NOW - timedelta(hours=1), NOW + timedelta(hours=1), None
    if situation == "expired":
        start, end = NOW - timedelta(days=2), NOW - timedelta(seconds=1)
    elif situation == "pending":
        start, end = NOW + timedelta(seconds=1), NOW + timedelta(days=1)
    elif situation == "revoked":
        revoked = NOW - timedelta(minutes=5)
    user = viewer.user_id if situation != "unit" else None
    unit = viewer.unit_id if situation == "unit" else None
    if situation == "someone_else":
        user = 999
    return [GrantFacts(id=1, unit_id=unit, user_id=user, scope_kind="camera",
                       camera_id=CAMERA_ID, rights=Rights.of(kind), valid_from=start,
                       valid_to=end, revoked_at=revoked, emergency=situation == "emergency",
                       purpose="巡查")]


SITUATIONS = ["none", "active", "unit", "other_kind", "expired", "pending", "revoked",
              "emergency", "someone_else"]
E, P, R, G, NS = (Reason.GRANT_EXPIRED, Reason.GRANT_NOT_YET_VALID, Reason.GRANT_REVOKED,
                  Reason.NO_GRANT, Reason.NOT_SHARED)

# What the rules must answer. Columns follow SITUATIONS:
#                     none  active unit other  expired pending revoked emergency someone
NEEDS_GRANT = [G, OK, OK, G, E, P, R, OK, G]
ALWAYS = [OK] * 9
NOT_SHARED_OTHER = [NS, NS, NS, NS, NS, NS, NS, OK, NS]

EXPECTED: dict[tuple[ShareType, str, str], list[Reason]] = {
    # (share type, viewer, live | other right)
    (U, "owner", "live"): ALWAYS,
    (U, "other", "live"): ALWAYS,            # unconditional: live for every unit
    (U, "owner", "other"): NEEDS_GRANT,      # PTZ/playback/download need a grant even so
    (U, "other", "other"): NEEDS_GRANT,
    (C, "owner", "live"): ALWAYS,            # the owner unit sees its own cameras
    (C, "other", "live"): NEEDS_GRANT,       # conditional: only with a grant
    (C, "owner", "other"): NEEDS_GRANT,
    (C, "other", "other"): NEEDS_GRANT,
    (N, "owner", "live"): ALWAYS,
    (N, "owner", "other"): NEEDS_GRANT,
    (N, "other", "live"): NOT_SHARED_OTHER,  # not shared: owner only, unless emergency
    (N, "other", "other"): NOT_SHARED_OTHER,
}

CASES = [
    pytest.param(share, who, right, situation, EXPECTED[share, who, right_class][i],
                 id=f"{share}-{who}-{right}-{situation}")
    for (share, who, right_class) in EXPECTED
    for right in ([Right.LIVE] if right_class == "live" else
                  [Right.PTZ, Right.PLAYBACK, Right.DOWNLOAD])
    for i, situation in enumerate(SITUATIONS)
]


@pytest.mark.parametrize(("share", "who", "right", "situation", "expected"), CASES)
def test_decision(share: ShareType, who: str, right: Right, situation: str,
                  expected: Reason) -> None:
    viewer = OWNER_MEMBER if who == "owner" else ME
    grants = grant(viewer, right, situation)
    decision = decide(camera(share), viewer, right, grants, NOW)
    assert decision.reason == expected
    assert decision.allowed == (expected == OK)
    if decision.allowed and situation in ("active", "unit", "emergency") and \
            expected == OK and EXPECTED[share, who, "live" if right == Right.LIVE
                                        else "other"] is not ALWAYS:
        assert decision.grant is not None and decision.until == NOW + timedelta(hours=1)
    # the camera tree's bulk answer agrees with the single decision
    held = permitted([camera(share)], viewer, grants, NOW)
    has = CAMERA_ID in held and Rights.of(right) in held[CAMERA_ID].rights
    assert has == decision.allowed


@pytest.mark.parametrize(("scope", "region", "groups", "covered"), [
    ("camera", None, frozenset(), True),
    ("group", None, frozenset({7}), True),
    ("group", None, frozenset({8}), False),
    ("region", "32", frozenset(), True),          # the province covers its streets
    ("region", "3205", frozenset(), True),
    ("region", "320508", frozenset(), True),
    ("region", "32050801", frozenset(), True),
    ("region", "32050802", frozenset(), False),   # a neighbouring street does not
    ("region", "320506", frozenset(), False),
])
def test_scope(scope: str, region: str | None, groups: frozenset[int], covered: bool) -> None:
    cam = CameraFacts(CAMERA_ID, C, OWNER_UNIT, "32050801", groups)
    g = GrantFacts(id=1, unit_id=None, user_id=ME.user_id, scope_kind=scope,
                   camera_id=CAMERA_ID if scope == "camera" else None,
                   group_id=7 if scope == "group" else None, region_code=region,
                   rights=Rights.LIVE | Rights.PTZ, valid_from=NOW - timedelta(hours=1),
                   valid_to=NOW + timedelta(hours=1))
    for right in (Right.LIVE, Right.PTZ):
        assert decide(cam, ME, right, [g], NOW).allowed is covered
    members = {7: [CAMERA_ID]} if 7 in groups else {}
    held = permitted([cam], ME, [g], NOW, members=members)
    assert (CAMERA_ID in held) is covered


@pytest.mark.parametrize(("offset", "allowed", "reason"), [
    (timedelta(hours=-1, seconds=-1), False, Reason.GRANT_NOT_YET_VALID),
    (timedelta(hours=-1), True, Reason.OK),        # valid_from is inclusive
    (timedelta(0), True, Reason.OK),
    (timedelta(hours=1, seconds=-1), True, Reason.OK),
    (timedelta(hours=1), False, Reason.GRANT_EXPIRED),  # valid_to is exclusive
])
def test_validity_boundaries(offset: timedelta, allowed: bool, reason: Reason) -> None:
    g = grant(ME, Right.LIVE, "active")
    decision = decide(camera(C), ME, Right.LIVE, g, NOW + offset)
    assert (decision.allowed, decision.reason) == (allowed, reason)


def test_the_longest_lasting_grant_is_reported_and_a_revoked_one_ignored() -> None:
    short, long_, revoked = (GrantFacts(
        id=i, unit_id=None, user_id=ME.user_id, scope_kind="camera", camera_id=CAMERA_ID,
        rights=Rights.LIVE, valid_from=NOW - timedelta(hours=1), valid_to=NOW + timedelta(hours=h),
        revoked_at=rv) for i, h, rv in ((1, 1, None), (2, 5, None), (3, 9, NOW)))
    decision = decide(camera(C), ME, Right.LIVE, [short, long_, revoked], NOW)
    assert decision.grant is long_ and decision.until == NOW + timedelta(hours=5)
    held = permitted([camera(C)], ME, [short, long_, revoked], NOW)
    assert held[CAMERA_ID].until(Right.LIVE) == NOW + timedelta(hours=5)
    assert held[CAMERA_ID].grant_for(Right.LIVE) is long_


def test_bulk_answer_over_a_mixed_catalogue() -> None:
    cams = [CameraFacts(i, share, owner, region) for i, (share, owner, region) in enumerate([
        (U, OTHER_UNIT, "32050801"), (U, OWNER_UNIT, "32050801"), (C, OWNER_UNIT, "32050801"),
        (C, OWNER_UNIT, "32050602"), (N, OWNER_UNIT, "32050801"), (N, OTHER_UNIT, "32050602"),
    ])]
    region_grant = GrantFacts(id=5, unit_id=OTHER_UNIT, user_id=None, scope_kind="region",
                              region_code="320508", rights=Rights.LIVE | Rights.PLAYBACK,
                              valid_from=NOW - timedelta(days=1), valid_to=NOW + timedelta(days=1))
    held = permitted(cams, ME, [region_grant], NOW)
    assert {i: a.rights for i, a in held.items()} == {
        0: Rights.LIVE | Rights.PLAYBACK,   # unconditional, and in the granted region
        1: Rights.LIVE | Rights.PLAYBACK,
        2: Rights.LIVE | Rights.PLAYBACK,   # conditional, opened by the region grant
        # 3: conditional in another district: nothing
        # 4: not shared, another unit's: the ordinary region grant does not open it
        5: Rights.LIVE,                     # not shared but my own unit's
    }
    assert held[0].until(Right.LIVE) is None      # by share type: does not end
    assert held[2].until(Right.LIVE) == NOW + timedelta(days=1)
