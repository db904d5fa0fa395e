"""The fault report's state flow and who may move which step (Qt-free, database-free).

    new ──send──▶ sent ──fix──▶ fixed ──verify──▶ verified
                   ▲                │
                   └────reopen──────┘   (the picture is still bad: back to the maintainer)

- **report** (→ new): every console role — duty officers, wall operators, supervisors,
  administrators — for a camera they can see (a tile's menu);
- **send** (new → sent: the report goes to the camera's maintainer unit, with its contact,
  both from the catalogue): supervisors and administrators;
- **fix** (sent → fixed: the maintainer says it is repaired): supervisors and administrators;
- **verify** (fixed → verified: someone looked at the picture and it is right again):
  supervisors and administrators, and never the person who marked it fixed (a second pair of
  eyes); **reopen** (fixed → sent) the same roles.
- A supervisor moves only the reports made by people of their own unit, and lists only
  those; an administrator all of them. A verified report is closed: nothing moves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from console.codes import Reason, Role

MAX_COMMENT = 500
MAX_NOTE = 300


class FaultKind(StrEnum):
    POSITION_OFFSET = "position_offset"   # 位置偏移: the view no longer shows what it should
    BLUR = "blur"                         # 画面模糊
    OCCLUSION = "occlusion"               # 遮挡
    OFFLINE = "offline"                   # 离线 / 无信号
    FROZEN = "frozen"                     # 画面冻结
    COLOUR_CAST = "colour_cast"           # 偏色
    BRIGHTNESS = "brightness"             # 亮度异常 (too dark or over-exposed)
    OTHER = "other"                       # 其他 (the comment says what)


# Who reports what the centre's automatic video diagnosis finds (console/diagnosis/)
AUTOMATIC_REPORTER = "centre:diagnosis"


class FaultState(StrEnum):
    NEW = "new"
    SENT = "sent"           # sent to the maintainer unit
    FIXED = "fixed"         # the maintainer reports it repaired
    VERIFIED = "verified"   # checked on the picture: closed


class Step(StrEnum):
    SEND = "send"
    FIX = "fix"
    VERIFY = "verify"
    REOPEN = "reopen"


# step → (from state, to state)
STEPS: dict[Step, tuple[FaultState, FaultState]] = {
    Step.SEND: (FaultState.NEW, FaultState.SENT),
    Step.FIX: (FaultState.SENT, FaultState.FIXED),
    Step.VERIFY: (FaultState.FIXED, FaultState.VERIFIED),
    Step.REOPEN: (FaultState.FIXED, FaultState.SENT),
}
REPORTER_ROLES = frozenset({Role.DUTY_OFFICER, Role.WALL_OPERATOR, Role.SUPERVISOR,
                            Role.ADMINISTRATOR})
HANDLER_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


@dataclass(frozen=True, slots=True)
class StepDecision:
    allowed: bool
    reason: Reason = Reason.OK
    field: str = ""


def may_report(role: str) -> bool:
    return role in REPORTER_ROLES


def decide_step(step: Step, state: FaultState, *, role: str, account: str,
                same_unit: bool, fixed_by: str | None) -> StepDecision:
    """May ``account`` (of ``role``; ``same_unit``: of the reporter's unit) take ``step`` on
    a report in ``state`` that ``fixed_by`` marked fixed (None: not marked)?"""
    if role not in HANDLER_ROLES or (role == Role.SUPERVISOR and not same_unit):
        return StepDecision(False, Reason.NOT_PERMITTED, "actor")
    before, _after = STEPS[step]
    if state != before:
        return StepDecision(False, Reason.INVALID_INPUT, "state")
    if step == Step.VERIFY and fixed_by == account:
        return StepDecision(False, Reason.NOT_PERMITTED, "verified_by")
    return StepDecision(True)


def next_steps(state: FaultState) -> list[Step]:
    """The steps a report in ``state`` can take (the dialog's buttons)."""
    return [step for step, (before, _) in STEPS.items() if before == state]
