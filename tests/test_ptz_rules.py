"""The PTZ control rules, table by table: priority, who may take a held camera, idle and
stale, the retry schedule, which preset is home and when a return counts as verified."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from console.codes import ShareType
from console.grants.rules import CameraFacts, GrantFacts, Rights, Viewer
from console.ptz import rules
from console.ptz.driver import Preset, PtzPosition, PtzStatus
from console.ptz.rules import Basis, Holder, HomeTarget, Priority, ReturnResult, Take

NOW = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
CAMERA = CameraFacts(7, ShareType.CONDITIONAL, owner_unit_id=2, region_code="32050801")
VIEWER = Viewer(user_id=1, unit_id=1)


def grant(*, emergency: bool = False, rights: Rights = Rights.PTZ, user: int = 1,
          hours: float = 2, revoked: bool = False, camera: int = 7) -> GrantFacts:
    return GrantFacts(id=1, unit_id=None, user_id=user, scope_kind="camera", rights=rights,
                      valid_from=NOW - timedelta(hours=1), valid_to=NOW + timedelta(hours=hours),
                      camera_id=camera, revoked_at=NOW - timedelta(minutes=1) if revoked
                      else None, emergency=emergency)


@pytest.mark.parametrize(("role", "grants", "expected"), [
    ("duty_officer", [grant()], Basis.GRANT),
    ("wall_operator", [grant()], Basis.GRANT),
    ("supervisor", [grant()], Basis.SUPERVISOR),
    ("administrator", [grant()], Basis.SUPERVISOR),
    ("duty_officer", [grant(emergency=True)], Basis.EMERGENCY),
    ("supervisor", [grant(emergency=True)], Basis.EMERGENCY),
    # an emergency grant that does not give PTZ, or is over, or is someone else's, or for
    # another camera does not raise the priority
    ("duty_officer", [grant(emergency=True, rights=Rights.LIVE)], Basis.GRANT),
    ("duty_officer", [grant(emergency=True, hours=-0.5)], Basis.GRANT),
    ("duty_officer", [grant(emergency=True, revoked=True)], Basis.GRANT),
    ("duty_officer", [grant(emergency=True, user=9)], Basis.GRANT),
    ("duty_officer", [grant(emergency=True, camera=8)], Basis.GRANT),
])
def test_priority(role: str, grants: list[GrantFacts], expected: Basis) -> None:
    priority = rules.priority_of(role, CAMERA, VIEWER, grants, NOW)
    assert priority.basis == expected
    levels = {Basis.GRANT: 10, Basis.SUPERVISOR: 50, Basis.EMERGENCY: 100}
    assert priority.level == levels[expected]


P10, P50, P100 = (Priority(10, Basis.GRANT), Priority(50, Basis.SUPERVISOR),
                  Priority(100, Basis.EMERGENCY))


@pytest.mark.parametrize(("me", "priority", "holder", "expected"), [
    (1, P10, None, Take.FREE),
    (1, P10, Holder(1, 10, "active"), Take.OWN),
    (1, P10, Holder(2, 10, "active"), Take.REFUSED),      # equal: the first keeps it
    (1, P10, Holder(2, 50, "active"), Take.REFUSED),
    (1, P50, Holder(2, 10, "active"), Take.TAKEOVER),
    (1, P100, Holder(2, 50, "active"), Take.TAKEOVER),
    (1, P100, Holder(2, 100, "active"), Take.REFUSED),
    (1, P100, Holder(2, 10, "returning"), Take.RETURNING),  # not even priority beats a return
    (1, P10, Holder(1, 10, "returning"), Take.RETURNING),
])
def test_may_take(me: int, priority: Priority, holder: Holder | None, expected: Take) -> None:
    assert rules.may_take(me, priority, holder) == expected


@pytest.mark.parametrize(("seconds_ago", "limit", "expected"), [
    (0, 60, False), (59.9, 60, False), (60, 60, True), (600, 60, True)])
def test_idle_and_stale(seconds_ago: float, limit: int, expected: bool) -> None:
    then = NOW - timedelta(seconds=seconds_ago)
    assert rules.is_idle(then, NOW, limit) is expected
    assert rules.is_stale(then, NOW, limit) is expected


@pytest.mark.parametrize(("attempts", "delay", "fault"), [
    (1, 2, False), (2, 5, False), (3, 15, False), (4, rules.FAILED_RETRY_SECONDS, True),
    (9, rules.FAILED_RETRY_SECONDS, True)])
def test_retry_schedule(attempts: int, delay: int, fault: bool) -> None:
    when, is_fault = rules.next_attempt(attempts, NOW)
    assert (when - NOW).total_seconds() == delay
    assert is_fault is fault


HOME = PtzPosition(0, 0, 0)
AWAY = PtzPosition(0.4, -0.2, 0.3)
P1 = Preset("1", "看守位", HOME)
PH = Preset("home", "Home", HOME)
PX = Preset("7", "桥面", AWAY)


@pytest.mark.parametrize(("home_preset", "presets", "token", "note"), [
    (1, [PX, P1], "1", ""),                   # the catalogue's 看守位 number
    (None, [PX, PH], "home", ""),             # no number: a preset called home
    (None, [PX, Preset("3", "看守位", HOME)], "3", ""),  # …or named 看守位
    (1, [PX, PH], "home", "home preset 1 is not on the camera"),
    (1, [PX], None, "home preset 1 is not on the camera"),   # device home position
    (None, [], None, "the camera has no home preset"),
])
def test_home_target(home_preset: int | None, presets: list[Preset], token: str | None,
                     note: str) -> None:
    target = rules.home_target(home_preset, presets)
    assert target.token == token
    assert target.note == note


@pytest.mark.parametrize(("target", "status", "feedback", "expected"), [
    (HomeTarget("1", HOME), PtzStatus(HOME, False), True, ReturnResult.VERIFIED),
    (HomeTarget("1", HOME), PtzStatus(PtzPosition(0.01, -0.01, 0.0), False), True,
     ReturnResult.VERIFIED),
    (HomeTarget("1", HOME), PtzStatus(PtzPosition(0.05, 0, 0), False), True,
     ReturnResult.FAILED),
    (HomeTarget("1", HOME), PtzStatus(HOME, True), True, ReturnResult.FAILED),  # still moving
    (HomeTarget("1", HOME), PtzStatus(None, False), True, ReturnResult.FAILED),
    (HomeTarget("1", HOME), None, True, ReturnResult.FAILED),
    (HomeTarget("1", HOME), None, False, ReturnResult.UNVERIFIED),  # GB/T 28181: no feedback
    (HomeTarget(None, None), PtzStatus(AWAY, False), True, ReturnResult.UNVERIFIED),
])
def test_judge_return(target: HomeTarget, status: PtzStatus | None, feedback: bool,
                      expected: ReturnResult) -> None:
    assert rules.judge_return(target, status, feedback) == expected
