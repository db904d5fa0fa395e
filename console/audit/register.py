"""Reading the usage register (R11) for supervisors and administrators: filtered, paged
records with the number that matched, and the leak trace — from the session code a
watermark shows to the person, the terminal, the time and the cameras that session showed.

Who sees what (decided here, enforced on the centre):

- an **administrator** sees every record, and may trace any session;
- a **supervisor** sees the records whose actor is a person of their own unit (not of its
  sub-units, not the installer's command line, not the centre's own jobs), and may trace
  only a session of a person of their own unit;
- nobody else reads the register (the API refuses and registers the refusal).

The register is append-only and hash-chained, so the trace reads the views a session opened
from the register itself (``VIEW_OPEN`` / ``VIEW_CLOSE`` records of that session), not from a
table a later command could change. Database only, no Qt: the centre's route calls it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import JSON, ColumnElement, cast, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from console.api.admin_wire import SessionTrace, TracedView
from console.audit.writer import Actor
from console.codes import Action, Outcome, Role
from console.storage.models import AuditRecord, ConsoleSession, User

MAX_TRACE_VIEWS = 5000      # views listed for one session (a day's shift opens far fewer)


@dataclass(frozen=True, slots=True)
class RegisterFilter:
    """What the reader asks for; every field is optional (None: any)."""

    actor: str | None = None        # the person's account
    terminal: str | None = None     # the terminal's name
    camera: str | None = None       # a camera's national code (the records' target)
    action: Action | None = None
    outcome: Outcome | None = None
    purpose: str | None = None      # the stated purpose contains this text
    since: datetime | None = None   # at or after
    until: datetime | None = None   # before
    session: str | None = None      # the session's id (found from its code)
    upto: int | None = None         # records up to this sequence number (stable pages)

    def as_params(self) -> dict[str, object]:
        """The filter as the reader's own record shows it (what was looked for)."""
        return {k: (str(v) if isinstance(v, Action | Outcome) else v)
                for k, v in (("actor", self.actor), ("terminal", self.terminal),
                             ("camera", self.camera), ("action", self.action),
                             ("outcome", self.outcome), ("purpose", self.purpose),
                             ("since", self.since), ("until", self.until))
                if v is not None}


@dataclass(frozen=True, slots=True)
class ReaderScope:
    """Whose records a reader sees: ``unit_id`` None means everyone's."""

    unit_id: int | None

    @property
    def everything(self) -> bool:
        return self.unit_id is None


def scope_of(s: Session, actor: Actor) -> ReaderScope | None:
    """The scope of a reader, None when the reader may not read the register at all."""
    if actor.role == Role.ADMINISTRATOR:
        return ReaderScope(None)
    if actor.role == Role.SUPERVISOR and actor.user_id is not None:
        user = s.get(User, actor.user_id)
        return ReaderScope(user.unit_id) if user is not None else None
    return None


def _conditions(f: RegisterFilter, scope: ReaderScope, dialect: str
                ) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if not scope.everything:
        conditions.append(AuditRecord.actor.in_(
            select(User.account).where(User.unit_id == scope.unit_id)))
    if f.actor is not None:
        conditions.append(AuditRecord.actor == f.actor)
    if f.terminal is not None:
        conditions.append(AuditRecord.terminal == f.terminal)
    if f.camera is not None:
        conditions.append(AuditRecord.target == f.camera)
    if f.action is not None:
        conditions.append(AuditRecord.action == str(f.action))
    if f.outcome is not None:
        conditions.append(AuditRecord.outcome == str(f.outcome))
    if f.since is not None:
        conditions.append(AuditRecord.at >= f.since)
    if f.until is not None:
        conditions.append(AuditRecord.at < f.until)
    if f.session is not None:
        conditions.append(AuditRecord.session_id == f.session)
    if f.upto is not None:
        conditions.append(AuditRecord.seq <= f.upto)
    if f.purpose is not None:
        # the purpose value itself, not any other parameter (they are canonical JSON text:
        # PostgreSQL reads it as JSON after a cast, SQLite's JSON functions read the text)
        params = (cast(AuditRecord.params, JSON) if dialect == "postgresql"
                  else type_coerce(AuditRecord.params, JSON))
        purpose = params["purpose"].as_string()
        conditions.append(purpose.contains(f.purpose, autoescape=True))
    return conditions


def find_records(s: Session, f: RegisterFilter, scope: ReaderScope, *, offset: int,
                 limit: int) -> tuple[list[AuditRecord], int]:
    """The matching records from the ``offset``-th newest, at most ``limit`` of them,
    newest first; and how many matched in all."""
    dialect = s.get_bind().dialect.name
    where = _conditions(f, scope, dialect)
    total = s.execute(select(func.count()).select_from(AuditRecord).where(*where)
                      ).scalar_one()
    rows = s.execute(select(AuditRecord).where(*where)
                     .order_by(AuditRecord.seq.desc()).offset(offset).limit(limit)).scalars()
    return list(rows), int(total)


def session_by_code(s: Session, code: str) -> ConsoleSession | None:
    return s.execute(select(ConsoleSession).where(
        ConsoleSession.code == code.strip().upper())).scalar_one_or_none()


def may_trace(scope: ReaderScope, session: ConsoleSession) -> bool:
    return scope.everything or session.user.unit_id == scope.unit_id


def trace_session(s: Session, row: ConsoleSession) -> SessionTrace:
    """Who, where, when, and every camera the session showed (from the register)."""
    records = s.execute(select(AuditRecord).where(
        AuditRecord.session_id == row.id, AuditRecord.outcome == str(Outcome.OK),
        or_(AuditRecord.action == str(Action.VIEW_OPEN),
            AuditRecord.action == str(Action.VIEW_CLOSE)))
        .order_by(AuditRecord.seq)).scalars()
    opened: dict[str, TracedView] = {}
    for record in records:
        params = json.loads(record.params or "{}")
        view = str(params.get("view") or f"#{record.seq}")
        if record.action == Action.VIEW_OPEN:
            if len(opened) < MAX_TRACE_VIEWS:
                opened[view] = TracedView(
                    view=view, camera=record.target, camera_name=str(params.get("name", "")),
                    output=str(params.get("output", "")),
                    purpose=str(params.get("purpose", "")), opened_at=record.at,
                    closed_at=None, close_reason=None)
        elif view in opened:
            before = opened[view]
            opened[view] = TracedView(
                view=view, camera=before.camera, camera_name=before.camera_name,
                output=before.output, purpose=before.purpose, opened_at=before.opened_at,
                closed_at=record.at, close_reason=record.reason)
    return SessionTrace(
        code=row.code, account=row.user.account, real_name=row.user.real_name,
        unit=row.user.unit.code, role=row.user.role, terminal=row.terminal.name,
        location=row.terminal.location, ip=row.ip, mac=row.mac, started_at=row.started_at,
        ended_at=row.ended_at, end_reason=row.end_reason, views=list(opened.values()))
