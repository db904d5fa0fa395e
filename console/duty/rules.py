"""Duty roster, on-duty log, handover and supervisor review (R12): who may do what, as
decisions with reason codes (Qt-free, database-free; the centre's DutyService asks these and
registers every answer).

- **Roster** (排班): supervisors set the shifts of their own unit, administrators of every
  unit: planned people, start, end. An approved shift is locked (``SHIFT_LOCKED``).
- **On-duty log** (值班记录): the people on a shift's roster write its entries; a supervisor
  of the unit and administrators may too. Entries are append-only: a correction is a new
  entry pointing at the one it corrects (only the newest of a chain can be corrected; by its
  author, a supervisor of the unit or an administrator). A locked shift takes none.
- **Handover** (交接班): a person on the outgoing shift's roster signs (administrators are
  no exception: the signature says *I was on duty and hand this over*); a person on the
  incoming shift's roster — never the signer — accepts it or refuses it with a reason. A
  refused handover is signed again (a new record with a fresh snapshot). One handover in
  force per shift.
- **Review** (审核): a supervisor of the shift's unit or an administrator approves a shift
  that has ended and has no handover waiting for an answer, or returns it with a comment;
  approval locks the shift, its log and its handovers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from console.codes import Reason, Role

MAX_SEEN = 1000          # what was seen
MAX_LOCATION = 200
MAX_FOLLOW_UP = 500
MAX_COMMENT = 500        # a review's comment, a refusal's reason
MAX_NOTE = 500           # the outgoing officer's handover note
MAX_TITLE = 40           # a shift's name (白班, 夜班)
MAX_CAMERAS = 16         # cameras named by one entry
MAX_PLANNED = 20         # people on one shift
MAX_SHIFT_HOURS = 24


class Category(StrEnum):
    PATROL = "patrol"              # 日常巡查
    INCIDENT = "incident"          # 突发事件
    TRAFFIC = "traffic"            # 交通
    PUBLIC_ORDER = "public_order"  # 治安
    EQUIPMENT = "equipment"        # 设备 / 画面故障
    OTHER = "other"                # 其他


class ReviewState(StrEnum):
    PENDING = "pending"      # not reviewed yet
    RETURNED = "returned"    # returned with a comment: correct, then review again
    APPROVED = "approved"    # signed off: locked


class HandoverState(StrEnum):
    SIGNED = "signed"        # the outgoing officer signed; waiting for the incoming one
    ACCEPTED = "accepted"
    REFUSED = "refused"      # with a reason; the outgoing officer signs a new one


class Verdict(StrEnum):
    APPROVE = "approve"
    RETURN = "return"


ROSTER_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})
REVIEW_ROLES = ROSTER_ROLES
WRITER_ROLES = frozenset({Role.DUTY_OFFICER, Role.WALL_OPERATOR, Role.SUPERVISOR,
                          Role.ADMINISTRATOR})


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: Reason = Reason.OK
    field: str = ""


ALLOWED = Decision(True)


def _no(reason: Reason, field: str) -> Decision:
    return Decision(False, reason, field)


def oversees(role: str, same_unit: bool) -> bool:
    """A supervisor of the shift's unit, or an administrator."""
    return role == Role.ADMINISTRATOR or (role == Role.SUPERVISOR and same_unit)


def decide_roster(role: str, *, same_unit: bool,
                  review: ReviewState | None = None) -> Decision:
    """May someone of ``role`` put a shift on the roster (``review`` None) or change one?"""
    if role not in ROSTER_ROLES or not oversees(role, same_unit):
        return _no(Reason.NOT_PERMITTED, "actor")
    if review == ReviewState.APPROVED:
        return _no(Reason.SHIFT_LOCKED, "shift")
    return ALLOWED


def decide_read(role: str, *, same_unit: bool, on_shift: bool) -> Decision:
    """May someone read a shift (its attendance, log and handovers)? Its own people, the
    unit's supervisors and administrators."""
    if on_shift or oversees(role, same_unit):
        return ALLOWED
    return _no(Reason.NOT_PERMITTED, "actor")


def decide_write(role: str, *, on_shift: bool, same_unit: bool, review: ReviewState,
                 started: bool) -> Decision:
    """May someone write an entry into a shift's log?"""
    if role not in WRITER_ROLES:
        return _no(Reason.NOT_PERMITTED, "actor")
    if not (on_shift or oversees(role, same_unit)):
        return _no(Reason.NOT_ON_SHIFT, "shift")
    if review == ReviewState.APPROVED:
        return _no(Reason.SHIFT_LOCKED, "shift")
    if not started:
        return _no(Reason.INVALID_INPUT, "shift")
    return ALLOWED


def decide_entry_time(at: datetime, *, starts_at: datetime, ends_at: datetime,
                      now: datetime) -> Decision:
    """An entry's time lies within its shift and not in the future."""
    if at < starts_at or at > ends_at or at > now:
        return _no(Reason.INVALID_INPUT, "at")
    return ALLOWED


def decide_correction(*, account: str, role: str, author: str, same_unit: bool,
                      superseded: bool, same_shift: bool) -> Decision:
    """May ``account`` correct an entry written by ``author`` (already corrected:
    ``superseded``)? (The shift itself is checked by ``decide_write`` first.)"""
    if not same_shift:
        return _no(Reason.INVALID_INPUT, "corrects")
    if superseded:
        return _no(Reason.INVALID_INPUT, "corrects")
    if account != author and not oversees(role, same_unit):
        return _no(Reason.NOT_PERMITTED, "corrects")
    return ALLOWED


def decide_sign(*, on_shift: bool, review: ReviewState, in_force: bool,
                started: bool) -> Decision:
    """May someone sign a handover of a shift (``in_force``: one signed or accepted
    already)? Only its own people: the signature is personal, whatever the role."""
    if not on_shift:
        return _no(Reason.NOT_ON_SHIFT, "actor")
    if review == ReviewState.APPROVED:
        return _no(Reason.SHIFT_LOCKED, "shift")
    if not started:
        return _no(Reason.INVALID_INPUT, "shift")
    if in_force:
        return _no(Reason.DUPLICATE, "handover")
    return ALLOWED


def decide_answer(state: HandoverState, *, account: str, signed_by: str,
                  on_incoming: bool, review: ReviewState) -> Decision:
    """May ``account`` accept or refuse a handover ``signed_by`` someone, in ``state``?
    Only a person of the incoming shift, never the signer; the outgoing shift not locked."""
    if not on_incoming:
        return _no(Reason.NOT_ON_SHIFT, "actor")
    if account == signed_by:
        return _no(Reason.NOT_PERMITTED, "actor")
    if review == ReviewState.APPROVED:
        return _no(Reason.SHIFT_LOCKED, "shift")
    if state != HandoverState.SIGNED:
        return _no(Reason.INVALID_INPUT, "state")
    return ALLOWED


def decide_review(verdict: Verdict, *, role: str, same_unit: bool, review: ReviewState,
                  ended: bool, handover_waiting: bool, comment: str) -> Decision:
    """May someone approve or return a shift?"""
    if role not in REVIEW_ROLES or not oversees(role, same_unit):
        return _no(Reason.NOT_PERMITTED, "actor")
    if review == ReviewState.APPROVED:
        return _no(Reason.SHIFT_LOCKED, "shift")
    if not ended:
        return _no(Reason.INVALID_INPUT, "shift")
    if verdict == Verdict.RETURN and not comment.strip():
        return _no(Reason.INVALID_INPUT, "comment")
    if verdict == Verdict.APPROVE and handover_waiting:
        return _no(Reason.INVALID_INPUT, "handover")
    return ALLOWED


def one_line(value: str, limit: int) -> str:
    """Text as stored: whitespace runs as one space, at most ``limit`` characters."""
    return " ".join(value.split())[:limit]


def text_block(value: str, limit: int) -> str:
    """Multi-line text as stored: lines kept, trailing spaces dropped, at most ``limit``."""
    lines = [line.rstrip() for line in value.strip().splitlines()]
    return "\n".join(lines)[:limit]
