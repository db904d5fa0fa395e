"""Who may list, issue and revoke which grants, and the phase a grant is in (Qt-free,
database-free; GrantService asks these on the centre and registers every refusal).

- **list**: administrators every grant; supervisors the grants of their own unit — made to
  the unit itself or to a person of it (not its sub-units, as the usage register and the
  fault list). Nobody else.
- **issue** an ordinary grant from an approved application form (审批表): administrators.
- **emergency** grant (应急授权, R7): administrators to anyone; supervisors to their own unit
  or a person of it. Its length is bounded by the policy (0 < hours ≤ the maximum).
- **revoke**: administrators any grant; supervisors an emergency grant of their own unit.
  A reason is always required (R15: it goes into the usage register).

A refusal names the field and a reason code: ``NOT_PERMITTED`` (the role may not do this at
all, or an ordinary grant for a supervisor), ``OTHER_UNIT`` (a supervisor's role may, but the
grant or grantee belongs to another unit).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from console.codes import Reason, Role


class Command(StrEnum):
    LIST = "list"
    ISSUE = "issue"
    EMERGENCY = "emergency"
    REVOKE = "revoke"


class Phase(StrEnum):
    """Where a grant stands at a moment, as the grants dialog files it."""

    PENDING = "pending"         # not started yet
    IN_FORCE = "in_force"       # running, not ending soon
    EXPIRING = "expiring"       # running, ends within EXPIRING_WITHIN
    ENDED = "ended"             # expired or revoked


# "Expiring soon": an ordinary grant within a week of its end (time to renew the form);
# an emergency grant (hours long by nature) within its last hour.
EXPIRING_WITHIN = timedelta(days=7)
EMERGENCY_EXPIRING_WITHIN = timedelta(hours=1)

ROLES: dict[Command, frozenset[Role]] = {
    Command.LIST: frozenset({Role.ADMINISTRATOR, Role.SUPERVISOR}),
    Command.ISSUE: frozenset({Role.ADMINISTRATOR}),
    Command.EMERGENCY: frozenset({Role.ADMINISTRATOR, Role.SUPERVISOR}),
    Command.REVOKE: frozenset({Role.ADMINISTRATOR, Role.SUPERVISOR}),
}


@dataclass(frozen=True, slots=True)
class CommandDecision:
    allowed: bool
    reason: Reason = Reason.OK
    field: str = ""


ALLOWED = CommandDecision(True)


def may_at_all(command: Command, role: str | None, *, is_installer: bool = False) -> bool:
    """The role may take ``command`` on some grant (the menu shows it; the centre checks the
    grant itself with ``decide``)."""
    return is_installer or role in ROLES[command]


def decide(command: Command, *, role: str | None, own_unit: bool, emergency: bool = True,
           is_installer: bool = False) -> CommandDecision:
    """May someone of ``role`` take ``command`` on a grant whose grantee is (``own_unit``) or
    is not of their own unit; ``emergency``: the grant is (or will be) an emergency grant."""
    if not may_at_all(command, role, is_installer=is_installer):
        return CommandDecision(False, Reason.NOT_PERMITTED, "actor")
    if is_installer or role == Role.ADMINISTRATOR:
        return ALLOWED
    # a supervisor
    if command == Command.REVOKE and not emergency:
        return CommandDecision(False, Reason.NOT_PERMITTED, "grant")
    if not own_unit:
        return CommandDecision(False, Reason.OTHER_UNIT,
                               "grant" if command == Command.REVOKE else "grantee")
    return ALLOWED


def phase(valid_from: datetime, valid_to: datetime, revoked_at: datetime | None,
          now: datetime, *, emergency: bool) -> Phase:
    if (revoked_at is not None and revoked_at <= now) or now >= valid_to:
        return Phase.ENDED
    if now < valid_from:
        return Phase.PENDING
    soon = EMERGENCY_EXPIRING_WITHIN if emergency else EXPIRING_WITHIN
    return Phase.EXPIRING if valid_to - now <= soon else Phase.IN_FORCE
