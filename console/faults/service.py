"""Fault reports on the centre (R13): report a camera's fault, and move a report along its
flow (console/faults/rules.py says who may take which step). Every report and every step —
done or refused — goes through the one command path (console/command.py): checked, done,
registered in the same transaction, a refusal registered on its own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.admin.validation import AdminError
from console.api.fault_wire import FaultRow
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Reason, Role
from console.command import CommandPath
from console.faults.rules import (
    AUTOMATIC_REPORTER,
    HANDLER_ROLES,
    MAX_COMMENT,
    MAX_NOTE,
    STEPS,
    FaultKind,
    FaultState,
    Step,
    decide_step,
    may_report,
)
from console.storage.database import Database
from console.storage.models import Camera, FaultReport, User

MAX_LISTED = 1000
AUTOMATIC = Actor(account=AUTOMATIC_REPORTER)

STEP_ACTIONS: dict[Step, Action] = {
    Step.SEND: Action.FAULT_SEND, Step.FIX: Action.FAULT_FIX,
    Step.VERIFY: Action.FAULT_VERIFY, Step.REOPEN: Action.FAULT_REOPEN,
}


class FaultError(AdminError):
    """A refused fault report or step (``field`` names what)."""


def _unit_of(s: Session, actor: Actor) -> int | None:
    if actor.user_id is None:
        return None
    user = s.get(User, actor.user_id)
    return user.unit_id if user is not None else None


def row_of(r: FaultReport) -> FaultRow:
    return FaultRow(
        id=r.id, camera=r.camera_code, camera_name=r.camera_name, kind=FaultKind(r.kind),
        comment=r.comment, state=FaultState(r.state), maintainer=r.maintainer,
        contact=r.contact, reported_by=r.reported_by, terminal=r.terminal,
        reported_at=r.reported_at, sent_by=r.sent_by, sent_at=r.sent_at, fixed_by=r.fixed_by,
        fixed_at=r.fixed_at, verified_by=r.verified_by, verified_at=r.verified_at,
        note=r.note)


class FaultService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._path = CommandPath(db, clock, AuditTrail(clock))

    def report(self, actor: Actor, camera: str, kind: FaultKind | str,
               comment: str = "", *, may_see: bool = True) -> FaultRow:
        """Report ``camera``'s fault: a new report with the maintainer unit and contact the
        catalogue names for it. ``may_see``: whether the reporter holds any right on the
        camera (the centre asks the access rules); a camera they may not see is refused as
        unknown, so a report tells nobody which cameras exist or who maintains them."""
        code, text = camera.strip(), " ".join(comment.split())[:MAX_COMMENT]
        params: dict[str, Any] = {"kind": str(kind), "comment": text}
        refusal = None
        if not may_report(actor.role or ""):
            refusal = FaultError("actor", f"{actor.account} may not report faults",
                                 Reason.NOT_PERMITTED)
        elif kind not in set(FaultKind):
            refusal = FaultError("kind", f"{kind!r} is not a fault kind")
        elif kind == FaultKind.OTHER and not text:
            refusal = FaultError("comment", "say what is wrong (kind: other)")

        def body(s: Session, now: datetime) -> FaultRow:
            row = s.execute(select(Camera).where(Camera.code == code)).scalar_one_or_none()
            if row is None or not may_see:
                raise FaultError("camera", f"no camera {code!r}", Reason.UNKNOWN_CAMERA)
            report = FaultReport(
                camera_id=row.id, camera_code=row.code, camera_name=row.name,
                kind=str(FaultKind(kind)), comment=text, state=str(FaultState.NEW),
                maintainer=row.maintainer, contact=row.contact,
                reported_by=actor.account[:120], reporter_unit_id=_unit_of(s, actor),
                terminal=(actor.terminal_name or "")[:100], reported_at=now, note="")
            s.add(report)
            s.flush()
            params.update(id=report.id, maintainer=row.maintainer)
            return row_of(report)

        return self._path.run(actor, Action.FAULT_REPORT, code, params, body,
                              refusal=refusal)

    def raise_automatic(self, camera: str, kind: FaultKind, comment: str = "",
                        params: dict[str, Any] | None = None) -> FaultRow | None:
        """The automatic video diagnosis reports ``camera``'s fault (reporter
        ``AUTOMATIC_REPORTER``, for the supervisors of the unit that owns the camera), unless
        a report of the same kind on that camera is still open (not verified): then nothing
        is done and None is returned. Registered like a person's report."""
        text = " ".join(comment.split())[:MAX_COMMENT]
        with self._db.transaction() as s:
            self._path.audit.lock(s)      # one at a time: no two open reports of a kind
            row = s.execute(select(Camera).where(Camera.code == camera)).scalar_one_or_none()
            if row is None:
                return None
            still_open = s.execute(select(FaultReport.id).where(
                FaultReport.camera_id == row.id, FaultReport.kind == str(kind),
                FaultReport.state != str(FaultState.VERIFIED)).limit(1)).first()
            if still_open is not None:
                return None
            now = self._path.clock.now()
            report = FaultReport(
                camera_id=row.id, camera_code=row.code, camera_name=row.name,
                kind=str(kind), comment=text, state=str(FaultState.NEW),
                maintainer=row.maintainer, contact=row.contact,
                reported_by=AUTOMATIC_REPORTER, reporter_unit_id=row.owner_unit_id,
                terminal="", reported_at=now, note="")
            s.add(report)
            s.flush()
            self._path.audit.append(s, AUTOMATIC, Action.FAULT_REPORT, target=row.code,
                                    params={"kind": str(kind), "comment": text,
                                            "id": report.id, "maintainer": row.maintainer,
                                            **(params or {})})
            return row_of(report)

    def step(self, actor: Actor, report_id: int, step: Step | str, note: str = "") -> FaultRow:
        """Take ``step`` on report ``report_id`` (rules: console/faults/rules.py)."""
        text = " ".join(note.split())[:MAX_NOTE]
        params: dict[str, Any] = {"id": report_id, "step": str(step), "note": text}
        refusal = None
        if step not in set(Step):
            refusal = FaultError("step", f"{step!r} is not a step")
        elif actor.role not in HANDLER_ROLES:
            refusal = FaultError("actor", f"{actor.account} may not handle fault reports",
                                 Reason.NOT_PERMITTED)

        def body(s: Session, now: datetime) -> FaultRow:
            report = s.get(FaultReport, report_id, with_for_update=True)
            if report is None:
                raise FaultError("id", f"no fault report #{report_id}", Reason.NOT_FOUND)
            taken = Step(step)
            params.update(camera=report.camera_code, state=report.state)
            decision = decide_step(
                taken, FaultState(report.state), role=actor.role or "",
                account=actor.account, same_unit=report.reporter_unit_id is not None
                and report.reporter_unit_id == _unit_of(s, actor), fixed_by=report.fixed_by)
            if not decision.allowed:
                raise FaultError(decision.field, _refusal_text(taken, report, decision.field),
                                 decision.reason)
            after = STEPS[taken][1]
            report.state, report.note = str(after), text
            who = actor.account[:120]
            if taken == Step.SEND:
                report.sent_by, report.sent_at = who, now
            elif taken == Step.FIX:
                report.fixed_by, report.fixed_at = who, now
            elif taken == Step.VERIFY:
                report.verified_by, report.verified_at = who, now
            else:                                   # reopened: fixed no longer
                report.fixed_by, report.fixed_at = None, None
            params["to"] = str(after)
            return row_of(report)

        action = STEP_ACTIONS[Step(step)] if step in set(Step) else Action.FAULT_SEND
        return self._path.run(actor, action, f"fault:{report_id}", params, body,
                              refusal=refusal)

    def list(self, actor: Actor, *, open_only: bool = False) -> list[FaultRow]:
        """The reports a handler sees (a supervisor: those of their own unit's people),
        newest first. Reading the list is not registered; refusing it is."""
        refusal = None
        if actor.role not in HANDLER_ROLES:
            refusal = FaultError("actor", f"{actor.account} may not list fault reports",
                                 Reason.NOT_PERMITTED)

        def body(s: Session, _now: datetime) -> list[FaultRow]:
            query = select(FaultReport)
            if actor.role != Role.ADMINISTRATOR:
                query = query.where(FaultReport.reporter_unit_id == _unit_of(s, actor))
            if open_only:
                query = query.where(FaultReport.state != str(FaultState.VERIFIED))
            rows = s.execute(query.order_by(FaultReport.id.desc()).limit(MAX_LISTED))
            return [row_of(r) for r in rows.scalars()]

        return self._path.run(actor, Action.FAULT_LIST, "faults", {"open_only": open_only},
                              body, refusal=refusal, audited=False, lock=False)


def _refusal_text(step: Step, report: FaultReport, field: str) -> str:
    if field == "state":
        return f"report #{report.id} is {report.state}: it cannot take the step {step}"
    if field == "verified_by":
        return f"report #{report.id} was marked fixed by {report.fixed_by}: someone else " \
               "verifies it"
    return f"only a supervisor of the reporter's unit or an administrator may {step} " \
           f"report #{report.id}"
