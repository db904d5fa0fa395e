"""The duty roster, on-duty log, handover and supervisor review on the centre (R12). Every
command — done or refused — goes through the one command path (console/command.py): checked
(console/duty/rules.py), done, registered in the same transaction; a refusal registered on
its own. The person acting is always the session's (``Actor``), never what a request says.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from console.admin.validation import AdminError
from console.api.duty_wire import (
    CameraRef,
    EmergencyGrantRow,
    HandoverContent,
    HandoverDraft,
    HandoverRow,
    LogEntryBody,
    LogEntryRow,
    OnlineFigure,
    OpenFault,
    OpenItem,
    PersonRow,
    PresenceRow,
    PtzFault,
    ShiftDetail,
    ShiftRow,
    StintRow,
)
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Reason, Role
from console.command import CommandPath
from console.duty import rules
from console.duty.attendance import Stint, attendance
from console.duty.rules import (
    MAX_COMMENT,
    MAX_FOLLOW_UP,
    MAX_LOCATION,
    MAX_NOTE,
    MAX_SEEN,
    MAX_SHIFT_HOURS,
    MAX_TITLE,
    Decision,
    HandoverState,
    ReviewState,
    Verdict,
)
from console.faults.rules import FaultState
from console.online.rates import Period, period_bounds
from console.online.service import unit_today
from console.storage.database import Database
from console.storage.models import (
    Camera,
    CameraGroup,
    ConsoleSession,
    DutyHandover,
    DutyLogEntry,
    DutyShift,
    DutyShiftPerson,
    FaultReport,
    Grant,
    OpenView,
    PtzSession,
    Unit,
    User,
)

MAX_LISTED = 500
# a live session whose console has not beaten for this long is counted as gone (the centre's
# job ends it soon after; attendance must not wait for it)
SILENT = timedelta(seconds=60)

MaySee = Callable[[str], bool]


class DutyError(AdminError):
    """A refused duty command (``field`` names what)."""


def _refuse(decision: Decision, message: str) -> DutyError:
    return DutyError(decision.field, message, decision.reason)


def _user(s: Session, actor: Actor) -> User | None:
    return s.get(User, actor.user_id) if actor.user_id is not None else None


def _unit_of(s: Session, actor: Actor) -> int | None:
    user = _user(s, actor)
    return user.unit_id if user is not None else None


def _shift(s: Session, shift_id: int, *, lock: bool = False) -> DutyShift:
    shift = s.get(DutyShift, shift_id, with_for_update=lock)
    if shift is None:
        raise DutyError("shift", f"no shift #{shift_id}", Reason.NOT_FOUND)
    return shift


def _people(s: Session, shift_id: int) -> list[User]:
    rows = s.execute(select(DutyShiftPerson).where(DutyShiftPerson.shift_id == shift_id)
                     .order_by(DutyShiftPerson.position)).scalars()
    return [r.user for r in rows]


def _on_shift(s: Session, shift_id: int, actor: Actor) -> bool:
    if actor.user_id is None:
        return False
    return s.get(DutyShiftPerson, (shift_id, actor.user_id)) is not None


def _cameras(text: str) -> list[CameraRef]:
    return [CameraRef(code=c, name=n) for c, n in json.loads(text or "[]")]


def entry_row(e: DutyLogEntry, corrected_by: int | None = None,
              closed_by: int | None = None) -> LogEntryRow:
    return LogEntryRow(
        id=e.id, shift=e.shift_id, at=e.at, written_at=e.written_at, author=e.author,
        author_name=e.author_name, terminal=e.terminal, view=e.view_id,
        category=rules.Category(e.category), cameras=_cameras(e.cameras), seen=e.seen,
        location=e.location, follow_up=e.follow_up, corrects=e.corrects_id,
        closes=e.closes_id, corrected_by=corrected_by, closed_by=closed_by)


def handover_row(h: DutyHandover) -> HandoverRow:
    return HandoverRow(
        id=h.id, shift=h.shift_id, to_shift=h.to_shift_id, state=HandoverState(h.state),
        content=HandoverContent.model_validate_json(h.content), note=h.note,
        signed_by=h.signed_by, signed_name=h.signed_name, signed_terminal=h.signed_terminal,
        signed_at=h.signed_at, answered_by=h.answered_by, answered_name=h.answered_name,
        answered_terminal=h.answered_terminal, answered_at=h.answered_at, refusal=h.refusal)


class DutyService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._path = CommandPath(db, clock, AuditTrail(clock))

    # -- roster -------------------------------------------------------------------------------

    def set_shift(self, actor: Actor, unit: str, title: str, starts_at: datetime,
                  ends_at: datetime, people: Sequence[str], *,
                  shift_id: int | None = None) -> ShiftRow:
        """Put a shift on ``unit``'s roster, or (``shift_id``) change one not yet approved."""
        title = rules.one_line(title, MAX_TITLE)
        accounts = [a.strip() for a in people]
        params: dict[str, Any] = {
            "unit": unit, "title": title, "starts_at": starts_at.isoformat(),
            "ends_at": ends_at.isoformat(), "people": accounts}
        refusal = None
        if actor.role not in rules.ROSTER_ROLES:
            refusal = DutyError("actor", f"{actor.account} may not set the duty roster",
                                Reason.NOT_PERMITTED)
        elif ends_at <= starts_at or ends_at - starts_at > timedelta(hours=MAX_SHIFT_HOURS):
            refusal = DutyError("ends_at", f"a shift ends after it starts, within "
                                           f"{MAX_SHIFT_HOURS} hours")
        elif not accounts or len(set(accounts)) != len(accounts):
            refusal = DutyError("people", "name each planned person once")

        def body(s: Session, now: datetime) -> ShiftRow:
            row = s.execute(select(Unit).where(Unit.code == unit.strip())).scalar_one_or_none()
            if row is None:
                raise DutyError("unit", f"no unit {unit!r}", Reason.NOT_FOUND)
            shift = _shift(s, shift_id, lock=True) if shift_id is not None else None
            if shift is not None and shift.unit_id != row.id:
                raise DutyError("unit", f"shift #{shift_id} is on another unit's roster")
            same = _unit_of(s, actor) == row.id and (shift is None or shift.unit_id == row.id)
            decision = rules.decide_roster(actor.role or "", same_unit=same,
                                           review=ReviewState(shift.review) if shift else None)
            if not decision.allowed:
                raise _refuse(decision, "the shift is approved: it is locked"
                              if decision.reason == Reason.SHIFT_LOCKED else
                              f"only a supervisor of {row.code} or an administrator may "
                              "set its shifts")
            users = {u.account: u for u in s.execute(
                select(User).where(User.account.in_(accounts))).scalars()}
            for account in accounts:
                if account not in users:
                    raise DutyError("people", f"no person {account!r}", Reason.NOT_FOUND)
                if users[account].unit_id != row.id:
                    raise DutyError("people", f"{account} is not of unit {row.code}")
            if shift is None:
                shift = DutyShift(unit_id=row.id, created_by=actor.account[:120],
                                  created_at=now, review=str(ReviewState.PENDING),
                                  review_comment="")
                s.add(shift)
            shift.title, shift.starts_at, shift.ends_at = title, starts_at, ends_at
            s.flush()
            for old in s.execute(select(DutyShiftPerson)
                                 .where(DutyShiftPerson.shift_id == shift.id)).scalars():
                s.delete(old)
            s.flush()
            for n, account in enumerate(accounts):
                s.add(DutyShiftPerson(shift_id=shift.id, user_id=users[account].id,
                                      position=n))
            s.flush()
            params["id"] = shift.id
            return self._shift_row(s, shift)

        action = Action.DUTY_SHIFT_ADD if shift_id is None else Action.DUTY_SHIFT_CHANGE
        target = f"shift:{shift_id}" if shift_id is not None else f"unit:{unit}"
        return self._path.run(actor, action, target, params, body, refusal=refusal)

    def shifts(self, actor: Actor, *, unit: str | None = None, person: str | None = None,
               day_from: datetime | None = None, day_to: datetime | None = None,
               mine: bool = False) -> list[ShiftRow]:
        """Shifts by unit, person and period (those starting before ``day_to`` and ending
        after ``day_from``), newest first. An administrator sees every unit's, a supervisor
        their own unit's, anyone else (``mine``) the shifts they are on."""

        def body(s: Session, _now: datetime) -> list[ShiftRow]:
            query = select(DutyShift)
            own_unit = _unit_of(s, actor)
            if mine or actor.role not in rules.ROSTER_ROLES:
                query = query.join(DutyShiftPerson, and_(
                    DutyShiftPerson.shift_id == DutyShift.id,
                    DutyShiftPerson.user_id == (actor.user_id or -1)))
            elif actor.role == Role.SUPERVISOR:
                query = query.where(DutyShift.unit_id == own_unit)
            if unit:
                query = query.join(Unit, Unit.id == DutyShift.unit_id).where(Unit.code == unit)
            if person:
                planned = select(DutyShiftPerson.shift_id).join(
                    User, User.id == DutyShiftPerson.user_id).where(User.account == person)
                query = query.where(DutyShift.id.in_(planned))
            if day_from is not None:
                query = query.where(DutyShift.ends_at > day_from)
            if day_to is not None:
                query = query.where(DutyShift.starts_at < day_to)
            rows = s.execute(query.order_by(DutyShift.starts_at.desc(), DutyShift.id.desc())
                             .limit(MAX_LISTED)).scalars()
            oversees = actor.role in rules.ROSTER_ROLES and not mine
            return [self._shift_row(s, r, now=_now if oversees else None) for r in rows]

        return self._path.run(actor, Action.DUTY_READ, "shifts", {}, body, audited=False,
                              lock=False)

    def detail(self, actor: Actor, shift_id: int) -> ShiftDetail:
        """A shift with its attendance, log and handovers (its people, a supervisor of its
        unit, administrators)."""

        def body(s: Session, now: datetime) -> ShiftDetail:
            shift = self._readable(s, actor, shift_id)
            return ShiftDetail(shift=self._shift_row(s, shift),
                               attendance=self._attendance(s, shift, now),
                               entries=self._entries(s, shift.id),
                               handovers=[handover_row(h) for h in self._handovers(s, shift.id)])

        return self._path.run(actor, Action.DUTY_READ, f"shift:{shift_id}", {"id": shift_id},
                              body, audited=False, lock=False)

    def _readable(self, s: Session, actor: Actor, shift_id: int) -> DutyShift:
        shift = _shift(s, shift_id)
        decision = rules.decide_read(actor.role or "",
                                     same_unit=_unit_of(s, actor) == shift.unit_id,
                                     on_shift=_on_shift(s, shift.id, actor))
        if not decision.allowed:
            raise _refuse(decision, f"{actor.account} is neither on shift #{shift_id} nor "
                                    "oversees its unit")
        return shift

    def _shift_row(self, s: Session, shift: DutyShift, *,
                   now: datetime | None = None) -> ShiftRow:
        """The shift as listed; with ``now`` (and begun) its attendance at a glance."""
        row = self._plain_shift_row(s, shift)
        if now is None or now < shift.starts_at:
            return row
        people = [p for p in self._attendance(s, shift, now) if p.planned]
        return row.model_copy(update={
            "late": sum(1 for p in people if p.late_minutes),
            "absent": sum(1 for p in people if p.absent),
            "gaps": sum(len(p.gaps) for p in people)})

    def _plain_shift_row(self, s: Session, shift: DutyShift) -> ShiftRow:
        entries = s.execute(select(func.count()).select_from(DutyLogEntry)
                            .where(DutyLogEntry.shift_id == shift.id)).scalar_one()
        latest = s.execute(select(DutyHandover.state).where(DutyHandover.shift_id == shift.id)
                           .order_by(DutyHandover.id.desc()).limit(1)).scalar_one_or_none()
        return ShiftRow(
            id=shift.id, unit=shift.unit.code, unit_name=shift.unit.name, title=shift.title,
            starts_at=shift.starts_at, ends_at=shift.ends_at,
            people=[PersonRow(account=u.account, name=u.real_name)
                    for u in _people(s, shift.id)],
            review=ReviewState(shift.review), reviewed_by=shift.reviewed_by,
            reviewed_at=shift.reviewed_at, review_comment=shift.review_comment,
            created_by=shift.created_by, entries=entries,
            handover=HandoverState(latest) if latest else None)

    def _attendance(self, s: Session, shift: DutyShift, now: datetime) -> list[PresenceRow]:
        people = _people(s, shift.id)
        ids = [u.id for u in people]
        sessions = s.execute(
            select(ConsoleSession).join(User, User.id == ConsoleSession.user_id).where(
                ConsoleSession.kind == "console",
                or_(User.unit_id == shift.unit_id, User.id.in_(ids)),
                ConsoleSession.started_at < shift.ends_at,
                or_(ConsoleSession.ended_at.is_(None),
                    ConsoleSession.ended_at > shift.starts_at))
        ).scalars().all()
        names = {u.account: u.real_name for u in people}
        stints = []
        for row in sessions:
            end = row.ended_at
            if end is None and now - row.heartbeat_at > SILENT:
                end = row.heartbeat_at
            names.setdefault(row.user.account, row.user.real_name)
            stints.append(Stint(row.user.account, row.terminal.name, row.started_at, end))
        rows = attendance([u.account for u in people], starts_at=shift.starts_at,
                          ends_at=shift.ends_at, now=now, stints=stints)
        return [PresenceRow(
            account=p.account, name=names.get(p.account, ""), planned=p.planned,
            stints=[StintRow(terminal=t.terminal, start=t.start, end=t.end or t.start)
                    for t in p.stints],
            first_login=p.first_login,
            late_minutes=int(p.late_by.total_seconds() // 60) if p.late_by else None,
            absent=p.absent, gaps=list(p.gaps)) for p in rows]

    def _entries(self, s: Session, shift_id: int) -> list[LogEntryRow]:
        rows = s.execute(select(DutyLogEntry).where(DutyLogEntry.shift_id == shift_id)
                         .order_by(DutyLogEntry.id)).scalars().all()
        ids = [e.id for e in rows]
        corrected = dict(s.execute(select(DutyLogEntry.corrects_id, DutyLogEntry.id)
                                   .where(DutyLogEntry.corrects_id.in_(ids))).all())
        closed = dict(s.execute(select(DutyLogEntry.closes_id, DutyLogEntry.id)
                                .where(DutyLogEntry.closes_id.in_(ids))).all())
        return [entry_row(e, corrected.get(e.id), closed.get(e.id)) for e in rows]

    def _handovers(self, s: Session, shift_id: int) -> list[DutyHandover]:
        return list(s.execute(select(DutyHandover).where(
            or_(DutyHandover.shift_id == shift_id, DutyHandover.to_shift_id == shift_id))
            .order_by(DutyHandover.id)).scalars())

    # -- on-duty log --------------------------------------------------------------------------

    def write(self, actor: Actor, entry: LogEntryBody, *,
              may_see: MaySee = lambda _code: True) -> LogEntryRow:
        """Write an entry into a shift's log (``entry.corrects``: a correction, a new entry
        that replaces the one it names; ``entry.closes``: settles an earlier entry's
        follow-up). Cameras are those the writer may see (``may_see``); ``entry.view`` must
        be an open view of the writer's own session."""
        seen = rules.text_block(entry.seen, MAX_SEEN)
        location = rules.one_line(entry.location, MAX_LOCATION)
        follow_up = rules.text_block(entry.follow_up, MAX_FOLLOW_UP)
        codes = list(dict.fromkeys(c.strip() for c in entry.cameras))
        # asked before the command's transaction: the access rules open their own, which
        # on SQLite would wait for this one's write lock
        visible = {code for code in codes if may_see(code)}
        params: dict[str, Any] = {
            "shift": entry.shift, "category": str(entry.category), "cameras": codes,
            "view": entry.view, "corrects": entry.corrects, "closes": entry.closes}
        refusal = None
        if actor.role not in rules.WRITER_ROLES:
            refusal = DutyError("actor", f"{actor.account} may not write the on-duty log",
                                Reason.NOT_PERMITTED)
        elif not seen:
            refusal = DutyError("seen", "say what was seen")
        elif entry.corrects is not None and entry.closes is not None:
            refusal = DutyError("closes", "a correction closes nothing: write it on its own")

        def body(s: Session, now: datetime) -> LogEntryRow:
            shift = _shift(s, entry.shift, lock=True)
            same_unit = _unit_of(s, actor) == shift.unit_id
            decision = rules.decide_write(
                actor.role or "", on_shift=_on_shift(s, shift.id, actor), same_unit=same_unit,
                review=ReviewState(shift.review), started=now >= shift.starts_at)
            if not decision.allowed:
                raise _refuse(decision, _write_refusal(decision, shift))
            at = entry.at or min(now, shift.ends_at)
            decision = rules.decide_entry_time(at, starts_at=shift.starts_at,
                                               ends_at=shift.ends_at, now=now)
            if not decision.allowed:
                raise _refuse(decision, "the time lies within the shift and not ahead")
            if entry.corrects is not None:
                self._check_correction(s, actor, shift, entry.corrects, same_unit)
            if entry.closes is not None:
                self._check_closing(s, shift, entry.closes)
            cameras = self._named_cameras(s, actor, codes, entry.view, visible.__contains__)
            user = _user(s, actor)
            row = DutyLogEntry(
                shift_id=shift.id, unit_id=shift.unit_id, at=at, written_at=now,
                author=actor.account[:120], author_name=user.real_name if user else "",
                terminal=(actor.terminal_name or "")[:100], session_id=actor.session_id,
                view_id=entry.view, category=str(entry.category),
                cameras=json.dumps(cameras, ensure_ascii=False), seen=seen, location=location,
                follow_up=follow_up, corrects_id=entry.corrects, closes_id=entry.closes)
            s.add(row)
            s.flush()
            params.update(id=row.id, cameras=[c for c, _ in cameras], at=at.isoformat())
            return entry_row(row)

        action = Action.DUTY_LOG_CORRECT if entry.corrects is not None else Action.DUTY_LOG_ADD
        return self._path.run(actor, action, f"shift:{entry.shift}", params, body,
                              refusal=refusal)

    def _check_correction(self, s: Session, actor: Actor, shift: DutyShift, old_id: int,
                          same_unit: bool) -> None:
        old = s.get(DutyLogEntry, old_id)
        if old is None:
            raise DutyError("corrects", f"no entry #{old_id}", Reason.NOT_FOUND)
        newer = s.execute(select(DutyLogEntry.id).where(DutyLogEntry.corrects_id == old_id)
                          .limit(1)).scalar_one_or_none()
        decision = rules.decide_correction(
            account=actor.account, role=actor.role or "", author=old.author,
            same_unit=same_unit, superseded=newer is not None,
            same_shift=old.shift_id == shift.id)
        if not decision.allowed:
            raise _refuse(decision, f"entry #{old_id} was corrected by #{newer}: correct that"
                          if newer is not None else
                          f"entry #{old_id} belongs to another shift"
                          if old.shift_id != shift.id else
                          f"entry #{old_id} is {old.author}'s: they, a supervisor of the unit "
                          "or an administrator correct it")

    def _check_closing(self, s: Session, shift: DutyShift, item_id: int) -> None:
        item = s.get(DutyLogEntry, item_id)
        if item is None or item.unit_id != shift.unit_id:
            raise DutyError("closes", f"no entry #{item_id} in this unit's log",
                            Reason.NOT_FOUND)
        if item.id not in {i.entry for i in _open_items(s, shift.unit_id)}:
            raise DutyError("closes", f"entry #{item_id} has no open follow-up")

    def _named_cameras(self, s: Session, actor: Actor, codes: list[str], view: str | None,
                       may_see: MaySee) -> list[tuple[str, str]]:
        named: dict[str, str] = {}
        if view is not None:
            row = s.get(OpenView, view)
            if row is None or row.session_id != actor.session_id:
                raise DutyError("view", f"no open view {view!r} of this session",
                                Reason.VIEW_UNKNOWN)
            named[row.camera_code] = row.camera_name
        for code in codes:
            if code in named:
                continue
            camera = s.execute(select(Camera).where(Camera.code == code)).scalar_one_or_none()
            if camera is None or not may_see(code):
                raise DutyError("cameras", f"no camera {code!r}", Reason.UNKNOWN_CAMERA)
            named[camera.code] = camera.name
        return list(named.items())

    # -- handover -----------------------------------------------------------------------------

    def handover_draft(self, actor: Actor, shift_id: int,
                       to_shift: int | None = None) -> HandoverDraft:
        """What a handover of the shift would carry if signed now (read by its people to
        prepare the signature; nothing is stored)."""

        def body(s: Session, now: datetime) -> HandoverDraft:
            shift = self._readable(s, actor, shift_id)
            target = self._incoming(s, shift, to_shift, required=False)
            return HandoverDraft(shift=shift.id, to_shift=target.id if target else None,
                                 content=snapshot(s, shift.unit_id, now))

        return self._path.run(actor, Action.DUTY_READ, f"shift:{shift_id}", {"id": shift_id},
                              body, audited=False, lock=False)

    def _incoming(self, s: Session, shift: DutyShift, to_shift: int | None, *,
                  required: bool = True) -> DutyShift | None:
        if to_shift is not None:
            target = s.get(DutyShift, to_shift)
            if target is None or target.unit_id != shift.unit_id \
                    or target.starts_at <= shift.starts_at:
                raise DutyError("to_shift", f"shift #{to_shift} is not a later shift of the "
                                            "same unit", Reason.INVALID_INPUT)
            return target
        target = s.execute(select(DutyShift).where(
            DutyShift.unit_id == shift.unit_id, DutyShift.starts_at > shift.starts_at)
            .order_by(DutyShift.starts_at, DutyShift.id).limit(1)).scalar_one_or_none()
        if target is None and required:
            raise DutyError("to_shift", "the unit has no next shift on the roster to hand over "
                                        "to")
        return target

    def sign(self, actor: Actor, shift_id: int, to_shift: int | None = None,
             note: str = "") -> HandoverRow:
        """The outgoing officer (the session's person, on the shift's roster) signs the
        shift's handover to ``to_shift`` (default: the unit's next shift); the centre takes
        the snapshot now."""
        text = rules.text_block(note, MAX_NOTE)
        params: dict[str, Any] = {"shift": shift_id, "to_shift": to_shift, "note": text}

        def body(s: Session, now: datetime) -> HandoverRow:
            shift = _shift(s, shift_id, lock=True)
            in_force = s.execute(select(DutyHandover.id).where(
                DutyHandover.shift_id == shift.id,
                DutyHandover.state.in_([str(HandoverState.SIGNED),
                                        str(HandoverState.ACCEPTED)])).limit(1)
            ).scalar_one_or_none()
            decision = rules.decide_sign(on_shift=_on_shift(s, shift.id, actor),
                                         review=ReviewState(shift.review),
                                         in_force=in_force is not None,
                                         started=now >= shift.starts_at)
            if not decision.allowed:
                raise _refuse(decision, {
                    "actor": f"{actor.account} is not on shift #{shift_id}: only its own "
                             "people sign its handover",
                    "handover": f"handover #{in_force} of this shift is signed already",
                }.get(decision.field, _write_refusal(decision, shift)))
            target = self._incoming(s, shift, to_shift)
            if target is None:                       # (required: refused already)
                raise DutyError("to_shift", "no next shift")
            content = snapshot(s, shift.unit_id, now)
            user = _user(s, actor)
            row = DutyHandover(
                shift_id=shift.id, to_shift_id=target.id, unit_id=shift.unit_id,
                state=str(HandoverState.SIGNED), content=content.model_dump_json(), note=text,
                signed_by=actor.account[:120], signed_name=user.real_name if user else "",
                signed_terminal=(actor.terminal_name or "")[:100],
                signed_session=actor.session_id, signed_at=now, refusal="")
            s.add(row)
            s.flush()
            params.update(id=row.id, to_shift=target.id,
                          open_items=len(content.open_items),
                          open_faults=len(content.open_faults),
                          ptz_faults=len(content.ptz_faults),
                          emergency_grants=len(content.emergency_grants))
            return handover_row(row)

        return self._path.run(actor, Action.DUTY_HANDOVER_SIGN, f"shift:{shift_id}", params,
                              body)

    def answer(self, actor: Actor, handover_id: int, *, accept: bool,
               reason: str = "") -> HandoverRow:
        """The incoming officer (the session's person, on the incoming shift's roster, not
        the signer) accepts the handover, or refuses it with a reason."""
        text = rules.text_block(reason, MAX_COMMENT)
        params: dict[str, Any] = {"id": handover_id, "accept": accept, "reason": text}
        refusal = None
        if not accept and not text:
            refusal = DutyError("reason", "say why the handover is refused")

        def body(s: Session, now: datetime) -> HandoverRow:
            row = s.get(DutyHandover, handover_id, with_for_update=True)
            if row is None:
                raise DutyError("id", f"no handover #{handover_id}", Reason.NOT_FOUND)
            shift = _shift(s, row.shift_id)
            decision = rules.decide_answer(
                HandoverState(row.state), account=actor.account, signed_by=row.signed_by,
                on_incoming=_on_shift(s, row.to_shift_id, actor),
                review=ReviewState(shift.review))
            if not decision.allowed:
                raise _refuse(decision, {
                    "actor": "only a person of the incoming shift, not the signer, answers",
                    "state": f"handover #{handover_id} is {row.state} already",
                }.get(decision.field, _write_refusal(decision, shift)))
            user = _user(s, actor)
            row.state = str(HandoverState.ACCEPTED if accept else HandoverState.REFUSED)
            row.answered_by, row.answered_at = actor.account[:120], now
            row.answered_name = user.real_name if user else ""
            row.answered_terminal = (actor.terminal_name or "")[:100]
            row.answered_session = actor.session_id
            row.refusal = "" if accept else text
            params.update(shift=row.shift_id, to_shift=row.to_shift_id,
                          signed_by=row.signed_by)
            return handover_row(row)

        action = Action.DUTY_HANDOVER_ACCEPT if accept else Action.DUTY_HANDOVER_REFUSE
        return self._path.run(actor, action, f"handover:{handover_id}", params, body,
                              refusal=refusal)

    # -- review -------------------------------------------------------------------------------

    def review(self, actor: Actor, shift_id: int, verdict: Verdict | str,
               comment: str = "") -> ShiftRow:
        """A supervisor of the shift's unit or an administrator approves the shift (locking
        it) or returns it with a comment."""
        text = rules.text_block(comment, MAX_COMMENT)
        params: dict[str, Any] = {"id": shift_id, "verdict": str(verdict), "comment": text}
        refusal = None
        if verdict not in set(Verdict):
            refusal = DutyError("verdict", f"{verdict!r} is not approve or return")
        elif actor.role not in rules.REVIEW_ROLES:
            refusal = DutyError("actor", f"{actor.account} may not review shifts",
                                Reason.NOT_PERMITTED)

        def body(s: Session, now: datetime) -> ShiftRow:
            shift = _shift(s, shift_id, lock=True)
            waiting = s.execute(select(DutyHandover.id).where(
                DutyHandover.shift_id == shift.id,
                DutyHandover.state == str(HandoverState.SIGNED)).limit(1)).scalar_one_or_none()
            decision = rules.decide_review(
                Verdict(verdict), role=actor.role or "",
                same_unit=_unit_of(s, actor) == shift.unit_id,
                review=ReviewState(shift.review), ended=now >= shift.ends_at,
                handover_waiting=waiting is not None, comment=text)
            if not decision.allowed:
                raise _refuse(decision, {
                    "actor": f"only a supervisor of the shift's unit or an administrator "
                             f"reviews shift #{shift_id}",
                    "comment": "say what is to be corrected",
                    "handover": f"handover #{waiting} waits for the incoming officer",
                }.get(decision.field, _write_refusal(decision, shift)))
            shift.review = str(ReviewState.APPROVED if verdict == Verdict.APPROVE
                               else ReviewState.RETURNED)
            shift.reviewed_by, shift.reviewed_at = actor.account[:120], now
            shift.review_comment = text
            return self._shift_row(s, shift)

        action = (Action.DUTY_REVIEW_RETURN if verdict == Verdict.RETURN
                  else Action.DUTY_REVIEW_APPROVE)
        return self._path.run(actor, action, f"shift:{shift_id}", params, body,
                              refusal=refusal)

    # -- the shift report ---------------------------------------------------------------------

    def report(self, actor: Actor, shift_id: int) -> bytes:
        """The shift report as PDF: text and drawn figures only, never a video frame.
        Registered (DUTY_REPORT) in the transaction that read it, once the PDF is made: a
        report that could not be made is not registered as handed out."""
        from console.duty.report import shift_report  # noqa: PLC0415 - fpdf2 only here

        def body(s: Session, now: datetime) -> bytes:
            shift = self._readable(s, actor, shift_id)
            detail = ShiftDetail(shift=self._shift_row(s, shift),
                                 attendance=self._attendance(s, shift, now),
                                 entries=self._entries(s, shift.id),
                                 handovers=[handover_row(h) for h in self._handovers(s, shift.id)])
            return shift_report(detail, made_by=actor.account, made_at=now)

        return self._path.run(actor, Action.DUTY_REPORT, f"shift:{shift_id}",
                              {"id": shift_id, "format": "pdf"}, body, lock=False)


def _write_refusal(decision: Decision, shift: DutyShift) -> str:
    if decision.reason == Reason.SHIFT_LOCKED:
        return f"shift #{shift.id} was approved by {shift.reviewed_by}: it is locked"
    if decision.reason == Reason.NOT_ON_SHIFT:
        return f"not on the roster of shift #{shift.id}"
    if decision.field == "shift":
        return f"shift #{shift.id} has not begun" if decision.reason == Reason.INVALID_INPUT \
            else f"shift #{shift.id}: {decision.reason}"
    return f"refused ({decision.reason})"


# -- the handover's snapshot ---------------------------------------------------------------------


def _open_items(s: Session, unit_id: int) -> list[OpenItem]:
    """Entries of the unit's log whose follow-up is still open: the newest version of each
    (not corrected), with a follow-up, that no entry closed (closing any version closes it)."""
    candidates = s.execute(select(DutyLogEntry).where(
        DutyLogEntry.unit_id == unit_id, DutyLogEntry.follow_up != "")).scalars().all()
    if not candidates:
        return []
    links = s.execute(select(DutyLogEntry.id, DutyLogEntry.corrects_id, DutyLogEntry.closes_id)
                      .where(DutyLogEntry.unit_id == unit_id,
                             or_(DutyLogEntry.corrects_id.is_not(None),
                                 DutyLogEntry.closes_id.is_not(None)))).all()
    corrected = {c: i for i, c, _ in links if c is not None}
    previous = {i: c for i, c, _ in links if c is not None}
    closed = {k for _, _, k in links if k is not None}
    items = []
    for e in candidates:
        if e.id in corrected:
            continue
        chain, cursor = {e.id}, previous.get(e.id)
        while cursor is not None and cursor not in chain:
            chain.add(cursor)
            cursor = previous.get(cursor)
        if chain & closed:
            continue
        items.append(OpenItem(entry=e.id, shift=e.shift_id, at=e.at, seen=e.seen,
                              follow_up=e.follow_up, cameras=_cameras(e.cameras)))
    return sorted(items, key=lambda i: (i.at, i.entry))


def snapshot(s: Session, unit_id: int, now: datetime) -> HandoverContent:
    """What a handover of ``unit_id`` carries at ``now``: open items of its log, open fault
    reports (by its people or on its cameras), PTZ cameras not verified home (its cameras or
    steered by its people), its cameras' online rates (point in time now, time weighted
    since the day began; console/online/), and emergency grants in force
    for it or its people."""
    people = select(User.id).where(User.unit_id == unit_id)
    own_cameras = select(Camera.id).where(Camera.owner_unit_id == unit_id)
    faults = s.execute(select(FaultReport).where(
        FaultReport.state != str(FaultState.VERIFIED),
        or_(FaultReport.reporter_unit_id == unit_id, FaultReport.camera_id.in_(own_cameras)))
        .order_by(FaultReport.id)).scalars()
    ptz = s.execute(select(PtzSession, Camera).join(Camera, Camera.id == PtzSession.camera_id)
                    .where(PtzSession.state == "failed",
                           or_(Camera.owner_unit_id == unit_id,
                               PtzSession.user_id.in_(people)))
                    .order_by(PtzSession.id)).all()
    rate = unit_today(s, unit_id, now)
    since, _end = period_bounds(Period.DAY, now)
    grants = s.execute(select(Grant).where(
        Grant.emergency.is_(True), Grant.revoked_at.is_(None), Grant.valid_from <= now,
        Grant.valid_to > now,
        or_(Grant.grantee_unit_id == unit_id, Grant.grantee_user_id.in_(people)))
        .order_by(Grant.id)).scalars().all()
    return HandoverContent(
        open_items=_open_items(s, unit_id),
        open_faults=[OpenFault(id=f.id, camera=f.camera_code, camera_name=f.camera_name,
                               kind=f.kind, state=f.state, maintainer=f.maintainer)
                     for f in faults],
        ptz_faults=[PtzFault(id=p.id, camera=c.code, camera_name=c.name, actor=p.actor,
                             ended_at=p.ended_at) for p, c in ptz],
        online=OnlineFigure(kind="online_rates", online=rate.online, total=rate.total, at=now,
                            online_hours=round(rate.online_hours, 4),
                            expected_hours=round(rate.expected_hours, 4), since=since),
        emergency_grants=[_grant_row(s, g) for g in grants])


def _grant_row(s: Session, g: Grant) -> EmergencyGrantRow:
    if g.grantee_unit_id is not None:
        unit = s.get(Unit, g.grantee_unit_id)
        grantee = unit.code if unit else "?"
    else:
        user = s.get(User, g.grantee_user_id)
        grantee = user.account if user else "?"
    name = ""
    if g.scope_kind == "camera":
        camera = s.get(Camera, g.camera_id)
        scope, name = (camera.code, camera.name) if camera else ("?", "")
    elif g.scope_kind == "group":
        group = s.get(CameraGroup, g.group_id)
        scope = group.name if group else "?"
    else:
        scope = g.region_code or "?"
    rights = [r for r in ("live", "ptz", "playback", "download") if getattr(g, r)]
    return EmergencyGrantRow(id=g.id, grantee=grantee, scope_kind=g.scope_kind, scope=scope,
                             scope_name=name, rights=rights, reason=g.purpose,
                             until=g.valid_to)
