"""Who and what a grant names, a grant as listed, and the refusal of a grant command: plain
data shared by the service and the terminal's client."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from console.admin.validation import AdminError
from console.codes import Right
from console.grants.commands import Phase, phase

SCOPE_KINDS = ("camera", "group", "region")


class GrantError(AdminError):
    """A refused grant command; ``field`` names the offending input."""


@dataclass(frozen=True, slots=True)
class Grantee:
    """Exactly one of a unit code or a user account."""

    unit: str | None = None
    user: str | None = None

    def __post_init__(self) -> None:
        if (self.unit is None) == (self.user is None):
            raise GrantError("grantee", "name exactly one unit or one user")

    def __str__(self) -> str:
        return f"unit:{self.unit}" if self.unit is not None else f"user:{self.user}"


@dataclass(frozen=True, slots=True)
class Scope:
    """What a grant names: a camera (by code), a camera group (by name) or a region."""

    kind: str
    value: str

    def __post_init__(self) -> None:
        if self.kind not in SCOPE_KINDS:
            raise GrantError("scope", f"{self.kind!r} is not one of {', '.join(SCOPE_KINDS)}")

    def __str__(self) -> str:
        return f"{self.kind}:{self.value}"


@dataclass(frozen=True, slots=True)
class GrantRow:
    """A grant as listed by the CLI and dialogs."""

    id: int
    grantee: str
    scope: str
    rights: list[Right]
    valid_from: datetime
    valid_to: datetime
    purpose: str
    approver: str
    reference: str
    emergency: bool
    issued_by: str
    issued_at: datetime
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None
    scope_name: str = ""            # the camera's or the region's name ("" for a group)

    def state(self, now: datetime) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if now < self.valid_from:
            return "pending"
        return "active" if now < self.valid_to else "expired"

    def phase(self, now: datetime) -> Phase:
        """pending, in force, expiring soon or ended (console/grants/commands.py)."""
        return phase(self.valid_from, self.valid_to, self.revoked_at, now,
                     emergency=self.emergency)
