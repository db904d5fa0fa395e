"""What the authentication service answers: decisions with reason codes, not sentences."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from console.codes import Reason
from console.identity import TerminalIdentity


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """The logged-in person and where they are: what the status bar and watermark show."""

    session_id: str
    code: str
    user_id: int
    account: str
    real_name: str
    role: str
    unit_code: str
    unit_name: str
    terminal_name: str
    terminal_location: str
    identity: TerminalIdentity
    started_at: datetime


@dataclass(frozen=True, slots=True)
class Accepted:
    session: SessionInfo
    ok: bool = True
    token: str = field(default="", repr=False)  # the session's bearer secret (never logged)


@dataclass(frozen=True, slots=True)
class Denied:
    reason: Reason
    details: dict[str, Any] = field(default_factory=dict)
    ok: bool = False


LoginResult = Accepted | Denied


@dataclass(frozen=True, slots=True)
class SessionStatus:
    """Answer to a heartbeat: is this console's session still alive?"""

    alive: bool
    reason: Reason = Reason.OK
    locked: bool = False   # the centre holds the session locked (idle, R3): unlock first


@dataclass(frozen=True, slots=True)
class UnlockResult:
    ok: bool
    reason: Reason = Reason.OK
    session_ended: bool = False
    details: dict[str, Any] = field(default_factory=dict)
