"""The usage register through the centre (``main.py audit …``, R11): the latest records (or
every record of the session whose code a watermark shows), and the verification of the
chain against the server's signed checkpoints; the register's filters and the leak trace for
the console's register dialog. Administrators (everything) and supervisors (their own unit's
people: console/audit/register.py); every read, trace, verification and refusal is itself
registered."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from sqlalchemy.orm import Session

from console.api.admin_wire import (
    MAX_AUDIT_RECORDS,
    AuditLine,
    AuditRecords,
    AuditVerifyReply,
    SessionTrace,
    check_storable,
)
from console.api.errors import Refused
from console.audit.register import (
    ReaderScope,
    RegisterFilter,
    find_records,
    may_trace,
    scope_of,
    session_by_code,
    trace_session,
)
from console.audit.verify import VerifyResult, verify_trail
from console.audit.writer import Actor, AuditTrail
from console.codes import Action, Outcome, Reason, Role
from console.server.audit import verify_with_checkpoints
from console.server.centre import Centre
from console.server.data_dir import DataDirError
from console.server.deps import CentreDep, SessionDep, actor_in_role
from console.server.query import only_query

router = APIRouter(prefix="/audit", tags=["usage register"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}
_READERS = (Role.ADMINISTRATOR, Role.SUPERVISOR)


@router.get("/records", responses=_REFUSED, dependencies=[Depends(only_query(
    "last", "session", "offset", "actor", "terminal", "camera", "action", "outcome", "purpose",
    "since", "until", "upto"))])
def records(caller: SessionDep, centre: CentreDep,
            last: Annotated[int, Query(ge=1, le=MAX_AUDIT_RECORDS)] = 20,
            session: Annotated[str | None, Query(min_length=1, max_length=16)] = None,
            offset: Annotated[int, Query(ge=0, le=2**40)] = 0,
            actor: Annotated[str | None, Query(min_length=1, max_length=120)] = None,
            terminal: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
            camera: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
            action: Action | None = None,
            outcome: Outcome | None = None,
            purpose: Annotated[str | None, Query(min_length=1, max_length=300)] = None,
            since: datetime | None = None,
            until: datetime | None = None,
            upto: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,  # an INTEGER
            ) -> AuditRecords:
    """The ``last`` newest matching records after skipping the ``offset`` newest, oldest
    first; ``total`` says how many matched. Filters: ``session`` (the short code a
    watermark shows), ``actor`` (account), ``terminal`` (name), ``camera`` (code),
    ``action``, ``outcome``, ``purpose`` (contains), ``since`` (at or after) and ``until``
    (before); ``upto`` (a sequence number) keeps the pages of one reading stable while new
    records arrive. A supervisor sees the records of the people of their own unit only
    (console/audit/register.py)."""
    for name, value in (("session", session), ("actor", actor), ("terminal", terminal),
                        ("camera", camera), ("purpose", purpose)):
        check_storable(name, value)
    code = session.strip().upper() if session else None
    target = f"session:{code}" if code else "latest"
    reader = actor_in_role(centre, caller, _READERS, "read the usage register",
                           audit=Action.AUDIT_READ, target=target)
    wanted = RegisterFilter(actor=actor, terminal=terminal, camera=camera, action=action,
                            outcome=outcome, purpose=purpose, since=_utc(since, "since"),
                            until=_utc(until, "until"), upto=upto)
    if wanted.since and wanted.until and wanted.since > wanted.until:
        raise Refused(Reason.INVALID_INPUT, "since is after until", field="since")
    with centre.db.transaction() as s:
        scope = _scope(s, reader)
        if code is not None:
            row = session_by_code(s, code)
            if row is None:
                raise Refused(Reason.NOT_FOUND, f"no session with code {code!r}",
                              field="session", status=404)
            wanted = replace(wanted, session=row.id)
        rows, total = find_records(s, wanted, scope, offset=offset, limit=last)
        lines = [AuditLine(seq=r.seq, at=r.at, actor=r.actor, session_id=r.session_id,
                           terminal=r.terminal, ip=r.ip, mac=r.mac, action=r.action,
                           target=r.target, outcome=r.outcome, reason=r.reason,
                           params=r.params) for r in reversed(rows)]
    params: dict[str, object] = {"last": last, "shown": len(lines), "total": total,
                                 **wanted.as_params()}
    if offset:
        params["offset"] = offset
    if upto is not None:
        params["upto"] = upto
    if not scope.everything:
        params["scope"] = "unit"
    _register(centre, reader, Action.AUDIT_READ, target, params)
    return AuditRecords(records=lines, total=total, session=code, offset=offset)


@router.get("/trace", responses=_REFUSED, dependencies=[Depends(only_query("session"))])
def trace(caller: SessionDep, centre: CentreDep,
          session: Annotated[str, Query(min_length=1, max_length=16)]) -> SessionTrace:
    """The leak trace: the session whose code a watermark shows — who, on which terminal,
    when — and every camera it showed (views with their times), from the register. A
    supervisor traces the sessions of their own unit's people only. Every trace, found or
    not, is registered (who looked up which code)."""
    check_storable("session", session)
    code = session.strip().upper()
    target = f"session:{code}"
    reader = actor_in_role(centre, caller, _READERS, "trace a session",
                           audit=Action.AUDIT_TRACE, target=target)
    with centre.db.transaction() as s:
        scope = _scope(s, reader)
        row = session_by_code(s, code)
        result: SessionTrace | Refused
        if row is None:
            result = Refused(Reason.NOT_FOUND, f"no session with code {code!r}",
                             field="session", status=404)
        elif not may_trace(scope, row):
            result = Refused(Reason.NOT_PERMITTED, f"{reader.account} may not trace a "
                             "session of another unit", field="session", status=403)
        else:
            result = trace_session(s, row)
    if isinstance(result, Refused):
        refusal = result
        with centre.db.transaction() as s:
            AuditTrail(centre.clock).append(s, reader, Action.AUDIT_TRACE, target=target,
                                            outcome=Outcome.DENIED, reason=refusal.reason,
                                            params={"field": "session"})
        raise refusal
    _register(centre, reader, Action.AUDIT_TRACE, target,
              {"account": result.account, "terminal": result.terminal,
               "views": len(result.views)})
    return result


def _scope(s: Session, reader: Actor) -> ReaderScope:
    scope = scope_of(s, reader)
    if scope is None:       # (the role was checked: a reader's user row went away)
        raise Refused(Reason.NOT_PERMITTED, f"{reader.account} may not read the usage "
                      "register", field="actor", status=403)
    return scope


def _utc(value: datetime | None, field: str) -> datetime | None:
    """A time of the query: one without a zone is UTC (as the register shows times)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


@router.get("/verify", responses=_REFUSED)
def verify(caller: SessionDep, centre: CentreDep,
           expect_seq: Annotated[int | None, Query(ge=1, le=2**62)] = None,
           expect_hash: Annotated[str | None, Query(pattern=r"^[0-9a-f]{64}$")] = None
           ) -> AuditVerifyReply:
    """Recompute the whole chain and check it against every signed checkpoint (with
    ``expect_seq`` and ``expect_hash``: also that record's hash noted down elsewhere)."""
    actor = actor_in_role(centre, caller, _READERS, "verify the usage register",
                          audit=Action.AUDIT_VERIFY, target="audit_trail")
    if (expect_seq is None) != (expect_hash is None):
        raise Refused(Reason.INVALID_INPUT, "give both expect_seq and expect_hash, or neither",
                      field="expect_hash" if expect_hash is None else "expect_seq")
    anchor = (expect_seq, expect_hash) if expect_seq is not None and expect_hash else None
    result = _verify(centre, anchor)
    _register(centre, actor, Action.AUDIT_VERIFY, "audit_trail",
              {"ok": result.ok, "problem": result.problem, "bad_seq": result.bad_seq,
               "head_seq": result.head_seq, "checkpoints": result.checkpoints,
               "anchor": anchor[0] if anchor else None})
    return AuditVerifyReply(ok=result.ok, description=result.describe(), count=result.count,
                            head_seq=result.head_seq, head_hash=result.head_hash,
                            bad_seq=result.bad_seq, problem=result.problem,
                            checkpoints=result.checkpoints,
                            checkpoint_seq=result.checkpoint_seq, unsigned=result.unsigned)


def _verify(centre: Centre, anchor: tuple[int, str] | None) -> VerifyResult:
    if centre.data_dir is None:         # a centre without its data directory: chain only
        with centre.db.transaction() as s:
            return verify_trail(s, anchor=anchor)
    try:
        return verify_with_checkpoints(centre.db, centre.data_dir, anchor)
    except DataDirError as exc:
        raise Refused(Reason.SERVER_ERROR, f"the centre cannot check its signed checkpoints: "
                      f"{exc}", status=503) from None


def _register(centre: Centre, actor: Actor, action: Action, target: str,
              params: dict[str, object]) -> None:
    with centre.db.transaction() as s:
        AuditTrail(centre.clock).append(s, actor, action, target=target, params=params)
