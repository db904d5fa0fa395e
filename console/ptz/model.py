"""PTZ control as plain data: a camera's control link, an operator's lease, the answers of the
PTZ service, a return job and a session as listed. No database, no Qt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from console.codes import Reason
from console.ptz.driver import Preset, PtzPosition, Velocity
from console.ptz.rules import HomeTarget, PictureVerdict, Priority, ReturnResult


@dataclass(frozen=True, slots=True)
class CameraLink:
    """What is needed to reach a camera's PTZ: its control address, whether the keyring
    holds its credentials, and its catalogue home preset (看守位)."""

    camera_id: int
    code: str
    name: str
    address: str
    has_credentials: bool
    home_preset: int | None


@dataclass(frozen=True, slots=True)
class PtzLease:
    """An operator's control of one camera (the ``ptz_sessions`` row ``id``)."""

    id: int
    session_id: str
    camera: CameraLink
    priority: Priority


@dataclass(frozen=True, slots=True)
class TakeResult:
    ok: bool
    reason: Reason
    lease: PtzLease | None = None
    holder: str | None = None       # refused: who holds it (real name)
    took_from: str | None = None    # takeover: whom it was taken from (real name)


class EndedByKind(StrEnum):
    """Who ended a PTZ session (``ptz_sessions.ended_by``)."""

    USER = "user"                    # a person, on a terminal (the holder, a taker, a sweep)
    SWEEP = "sweep"                  # the centre's scheduled sweep (the lease stopped beating)
    LEASE_EXPIRED = "lease expired"  # the centre: the controlling terminal went silent
    CENTRE = "centre"                # the centre's rules: idle, the PTZ right lost, camera


@dataclass(frozen=True, slots=True)
class EndedBy:
    """Who ended a PTZ session, as stored: ``user:ACCOUNT@TERMINAL`` or one of the centre's
    kinds. A console told that its control ended names who did it from this."""

    kind: EndedByKind
    account: str = ""
    terminal: str = ""

    @classmethod
    def person(cls, account: str, terminal: str | None) -> EndedBy:
        return cls(EndedByKind.USER, account, terminal or "")

    def text(self) -> str:
        if self.kind == EndedByKind.USER:
            return f"user:{self.account}@{self.terminal}"[:160]
        return str(self.kind)

    @classmethod
    def parse(cls, text: str | None) -> EndedBy | None:
        if not text:
            return None
        if text.startswith("user:"):
            account, _, terminal = text[5:].rpartition("@")
            return cls(EndedByKind.USER, account, terminal)
        try:
            return cls(EndedByKind(text))
        except ValueError:
            return None


@dataclass(frozen=True, slots=True)
class LeaseState:
    """A heartbeat's answer: still in control, or ended (why, by whom: ``by`` the person's
    real name, ``ended_by`` as ``EndedBy.text``)."""

    alive: bool
    reason: Reason | None = None
    by: str | None = None
    ended_by: str | None = None


@dataclass(frozen=True, slots=True)
class ReturnJob:
    """A camera to send home for the session ``session`` (claimed by ``claimer``)."""

    session: int
    camera: CameraLink
    home: HomeTarget | None         # None: not known yet, resolve it from the camera
    attempts: int
    claimer: str


@dataclass(frozen=True, slots=True)
class ReturnOutcome:
    final: bool                      # verified/unverified, or a fault to be retried later
    retry_at: datetime | None
    fault: bool


@dataclass(frozen=True, slots=True)
class SessionView:
    """One row for ``main.py ptz sessions`` and the supervisor's view."""

    id: int
    camera_code: str
    actor: str
    terminal: str
    state: str
    basis: str
    started_at: datetime
    heartbeat_at: datetime
    ended_at: datetime | None
    end_reason: str | None
    return_result: str | None
    return_position: str | None
    return_attempts: int
    ended_by: str | None = None     # EndedBy.text: who ended it


class EventKind(StrEnum):
    READY = "ready"          # connected; presets and the home target are known
    ERROR = "error"          # a command failed (control goes on)
    ENDED = "ended"          # control ended (reason; by whom for a takeover)
    RETURNED = "returned"    # the camera was sent home (result, position read back)


@dataclass(frozen=True, slots=True)
class PtzEvent:
    kind: EventKind
    camera_code: str
    lease_id: int = 0
    reason: Reason | None = None
    by: str | None = None            # ENDED: the real name of the person who ended it
    detail: str = ""
    presets: tuple[Preset, ...] = ()
    home: HomeTarget | None = None
    result: ReturnResult | None = None
    position: PtzPosition | None = None
    ended_by: str | None = None      # ENDED: who ended it (``EndedBy.text``)


class PtzControl(Protocol):
    """One operator's control of one camera, as the PTZ desk drives it: commands are queued
    in order (a stop never overtakes a move); ``release`` ends control and the camera goes
    home. On the terminal it forwards to the centre, which runs the camera's worker."""

    lease: PtzLease

    @property
    def running(self) -> bool: ...

    def start(self) -> None: ...

    def move(self, velocity: Velocity) -> None: ...

    def stop(self) -> None: ...

    def goto_preset(self, token: str, name: str = "") -> None: ...

    def keepalive(self) -> None: ...

    def release(self, reason: Reason = Reason.PTZ_RELEASED) -> None: ...

    def join(self, timeout: float | None = None) -> bool: ...


EventSink = Callable[[PtzEvent], None]


@dataclass(frozen=True, slots=True)
class PictureMatch:
    """One comparison: the shift (fractions of the width and height), the phase
    correlation's peak response and the structural score, and the verdict."""

    verdict: PictureVerdict
    shift_x: float = 0.0
    shift_y: float = 0.0
    response: float = 0.0
    score: float = 0.0

    def as_dict(self) -> dict[str, object]:
        return {"verdict": str(self.verdict), "shift_x": round(self.shift_x, 4),
                "shift_y": round(self.shift_y, 4), "response": round(self.response, 3),
                "score": round(self.score, 3)}

    def describe(self) -> str:
        if self.verdict == PictureVerdict.NO_REFERENCE:
            return "no reference picture at home"
        if self.verdict == PictureVerdict.NO_PICTURE:
            return "no picture from the camera"
        what = "matches" if self.verdict == PictureVerdict.AT_HOME else "does not match"
        return (f"picture {what} the reference at home (shift {self.shift_x:+.3f}, "
                f"{self.shift_y:+.3f}; score {self.score:.2f})")
