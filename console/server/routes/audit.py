"""The usage register through the centre (``main.py audit …``, R11): the latest records (or
every record of the session whose code a watermark shows), and the verification of the
chain against the server's signed checkpoints. Administrators and supervisors; every read,
every verification and every refusal is itself registered."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from console.api.admin_wire import (
    MAX_AUDIT_RECORDS,
    AuditLine,
    AuditRecords,
    AuditVerifyReply,
    check_storable,
)
from console.api.errors import Refused
from console.audit.verify import VerifyResult, verify_trail
from console.audit.writer import Actor, AuditTrail
from console.codes import Action, Reason, Role
from console.server.audit import verify_with_checkpoints
from console.server.centre import Centre
from console.server.data_dir import DataDirError
from console.server.deps import CentreDep, SessionDep, actor_in_role
from console.storage.models import AuditRecord, ConsoleSession

router = APIRouter(prefix="/audit", tags=["usage register"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}
_READERS = (Role.ADMINISTRATOR, Role.SUPERVISOR)


@router.get("/records", responses=_REFUSED)
def records(caller: SessionDep, centre: CentreDep,
            last: Annotated[int, Query(ge=1, le=MAX_AUDIT_RECORDS)] = 20,
            session: Annotated[str | None, Query(min_length=1, max_length=16)] = None
            ) -> AuditRecords:
    """The ``last`` newest records, oldest first; with ``session`` (the short code a
    watermark shows) only that session's. ``total`` says how many matched."""
    check_storable("session", session)
    target = f"session:{session.strip().upper()}" if session else "latest"
    actor = actor_in_role(centre, caller, _READERS, "read the usage register",
                          audit=Action.AUDIT_READ, target=target)
    query = select(AuditRecord)
    count = select(func.count()).select_from(AuditRecord)
    code = None
    with centre.db.transaction() as s:
        if session is not None:
            code = session.strip().upper()
            session_id = s.execute(select(ConsoleSession.id).where(
                ConsoleSession.code == code)).scalar_one_or_none()
            if session_id is None:
                raise Refused(Reason.NOT_FOUND, f"no session with code {code!r}",
                              field="session", status=404)
            query = query.where(AuditRecord.session_id == session_id)
            count = count.where(AuditRecord.session_id == session_id)
        total = s.execute(count).scalar_one()
        rows = list(s.execute(query.order_by(AuditRecord.seq.desc()).limit(last)).scalars())
        lines = [AuditLine(seq=r.seq, at=r.at, actor=r.actor, session_id=r.session_id,
                           terminal=r.terminal, ip=r.ip, mac=r.mac, action=r.action,
                           target=r.target, outcome=r.outcome, reason=r.reason,
                           params=r.params) for r in reversed(rows)]
    _register(centre, actor, Action.AUDIT_READ, target,
              {"last": last, "shown": len(lines), "total": total})
    return AuditRecords(records=lines, total=total, session=code)


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
