"""The PTZ control rules, as pure functions (R6, R7, R10).

- Who may steer: whoever holds the PTZ right on the camera (a grant, always: the share type
  never gives PTZ), on a camera that can be steered and has a control address.
- Priority: an emergency grant (incident handling, R7) outranks a supervisor or an
  administrator, who outrank everyone else. A higher priority takes control over and the
  other operator is told why; an equal or lower one is refused while the camera is held (the
  first controller keeps it), as in Genetec's user levels and Milestone's PTZ priority.
- The same operator taking the camera again (another tile, another terminal) simply moves
  the control there; the camera is not sent home in between.
- Control ends on release, closing or switching the tile, logout, the grant lost, idle for
  ``ptz_idle_seconds``, or the console gone (no heartbeat for ``ptz_stale_seconds``); then
  the camera goes home and the return is verified where the protocol reports a position.
- A return that does not verify is retried after 2, 5 and 15 seconds, then raised as a
  fault and retried by the sweeps every ``FAILED_RETRY_SECONDS`` until it verifies.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from console.codes import Reason, Right, Role
from console.grants.rules import (
    CameraFacts,
    GrantFacts,
    Rights,
    Viewer,
    applies_to,
    covers,
    state_at,
)
from console.ptz.driver import POSITION_TOLERANCE, Preset, PtzPosition, PtzStatus

RETRY_DELAYS: tuple[int, ...] = (2, 5, 15)   # seconds before the 2nd, 3rd and 4th attempt
FAILED_RETRY_SECONDS = 300
HOME_NAMES = ("home", "看守位", "home position")


class Basis(StrEnum):
    """Why a controller has the priority it has."""

    EMERGENCY = "emergency"      # an active emergency grant with PTZ on this camera
    SUPERVISOR = "supervisor"    # a supervisor or an administrator
    GRANT = "grant"              # an ordinary PTZ grant


_LEVEL = {Basis.EMERGENCY: 100, Basis.SUPERVISOR: 50, Basis.GRANT: 10}


@dataclass(frozen=True, slots=True)
class Priority:
    level: int
    basis: Basis


def priority_of(role: str, camera: CameraFacts, viewer: Viewer, grants: Iterable[GrantFacts],
                now: datetime) -> Priority:
    """The PTZ priority of this viewer on this camera right now."""
    flag = Rights.of(Right.PTZ)
    emergency = any(
        g.emergency and flag in g.rights and applies_to(g, viewer) and covers(g, camera, viewer)
        and state_at(g, now) == Reason.OK for g in grants)
    if emergency:
        basis = Basis.EMERGENCY
    elif role in (Role.SUPERVISOR, Role.ADMINISTRATOR):
        basis = Basis.SUPERVISOR
    else:
        basis = Basis.GRANT
    return Priority(_LEVEL[basis], basis)


class Take(StrEnum):
    FREE = "free"            # nobody holds it: take it
    OWN = "own"              # the same operator holds it: move the control here
    TAKEOVER = "takeover"    # a lower priority holds it: take it over, tell them
    REFUSED = "refused"      # an equal or higher priority holds it
    RETURNING = "returning"  # control just ended and the camera is on its way home


@dataclass(frozen=True, slots=True)
class Holder:
    user_id: int
    priority: int
    state: str               # "active" | "returning"


def may_take(user_id: int, priority: Priority, holder: Holder | None) -> Take:
    if holder is None:
        return Take.FREE
    if holder.state == "returning":
        return Take.RETURNING
    if holder.user_id == user_id:
        return Take.OWN
    if priority.level > holder.priority:
        return Take.TAKEOVER
    return Take.REFUSED


def is_idle(last_command_at: datetime, now: datetime, idle_seconds: int) -> bool:
    return now - last_command_at >= timedelta(seconds=idle_seconds)


def is_stale(heartbeat_at: datetime, now: datetime, stale_seconds: int) -> bool:
    return now - heartbeat_at >= timedelta(seconds=stale_seconds)


def next_attempt(attempts_made: int, now: datetime) -> tuple[datetime, bool]:
    """When to try the return again after ``attempts_made`` failed attempts, and whether
    the failure is now a fault for the centre (the quick retries are used up)."""
    if attempts_made <= len(RETRY_DELAYS):
        return now + timedelta(seconds=RETRY_DELAYS[attempts_made - 1]), False
    return now + timedelta(seconds=FAILED_RETRY_SECONDS), True


# -- home ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HomeTarget:
    """Where the camera goes back to: a preset (its token), or the device's own home
    position (``token`` None). ``position`` is what verification compares with (None when
    not known); ``note`` says why a fallback was taken."""

    token: str | None
    position: PtzPosition | None
    note: str = ""


def home_target(home_preset: int | None, presets: Sequence[Preset]) -> HomeTarget:
    """The camera's home: the catalogue's 看守位 preset number when the camera has that
    preset, else a preset named home/看守位, else the device home position."""
    by_token = {p.token: p for p in presets}
    note = ""
    if home_preset is not None:
        preset = by_token.get(str(home_preset))
        if preset is not None:
            return HomeTarget(preset.token, preset.position)
        note = f"home preset {home_preset} is not on the camera"
    for preset in presets:
        if preset.token.casefold() in HOME_NAMES or preset.name.casefold() in HOME_NAMES:
            return HomeTarget(preset.token, preset.position, note)
    return HomeTarget(None, None, note or "the camera has no home preset")


class PictureVerdict(StrEnum):
    """What the camera's picture says after a return home (console/ptz/picture.py)."""

    AT_HOME = "at_home"                  # the picture matches the reference at home
    NOT_AT_HOME = "not_at_home"          # it does not: the camera is elsewhere
    NO_REFERENCE = "no_reference"        # nobody recorded the camera's picture at home
    NO_PICTURE = "no_picture"            # no picture could be had from the camera


class ReturnResult(StrEnum):
    VERIFIED = "verified"        # position read back at home
    VERIFIED_PICTURE = "verified_picture"  # no position, but the picture is the home one
    UNVERIFIED = "unverified"    # commanded, not verified: no position and no picture check
    FAILED = "failed"            # position (or picture) elsewhere, or the camera did not answer


def judge_return(target: HomeTarget, status: PtzStatus | None, position_feedback: bool,
                 tolerance: float = POSITION_TOLERANCE) -> ReturnResult:
    """Whether a camera told to go home is home, from the status read after it stopped."""
    if not position_feedback:
        return ReturnResult.UNVERIFIED
    if status is None or status.position is None or status.moving:
        return ReturnResult.FAILED
    if target.position is None:
        # device home of unknown position: a camera that stopped after GotoHomePosition is
        # taken as home only when the driver reports feedback and nothing else is known
        return ReturnResult.UNVERIFIED
    return ReturnResult.VERIFIED if status.position.near(target.position, tolerance) \
        else ReturnResult.FAILED


def judge_by_picture(verdict: PictureVerdict) -> ReturnResult:
    """A return home through a protocol that reads no position back, judged by the camera's
    picture (console/ptz/picture.py): verified by picture, not at home (a failure: retried,
    then a fault), or — no reference recorded, no picture to be had — commanded, not
    verified. Never plain VERIFIED."""
    if verdict == PictureVerdict.AT_HOME:
        return ReturnResult.VERIFIED_PICTURE
    if verdict == PictureVerdict.NOT_AT_HOME:
        return ReturnResult.FAILED
    return ReturnResult.UNVERIFIED
