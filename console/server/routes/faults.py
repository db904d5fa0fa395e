"""Fault reports through the centre (R13): a tile reports a camera's fault; supervisors and
administrators list the reports and move them along new → sent → fixed → verified. The
FaultService checks every role and step and registers each command (refusals too)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from console.api.fault_wire import FaultReportBody, FaultRow, FaultStepBody
from console.server.deps import CentreDep, SessionDep, actor_of
from console.server.query import only_query

router = APIRouter(prefix="/faults", tags=["fault reports"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.post("", status_code=201, responses=_REFUSED)
def report(body: FaultReportBody, caller: SessionDep, centre: CentreDep) -> FaultRow:
    """Report a camera's fault (kind and comment); the answer is the new report, with the
    maintainer unit and contact from the catalogue."""
    actor = actor_of(centre, caller)
    # Administrators keep the whole catalogue; everyone else reports only what they may see.
    may_see = (actor.role == "administrator" or caller.session_id is None
               or centre.access.may_see(caller.session_id, body.camera.strip()))
    return centre.faults.report(actor, body.camera, body.kind, body.comment, may_see=may_see)


@router.get("", responses=_REFUSED, dependencies=[Depends(only_query("open_only"))])
def reports(caller: SessionDep, centre: CentreDep,
            open_only: Annotated[bool, Query()] = False) -> list[FaultRow]:
    """The reports the caller handles (a supervisor: their own unit's people's), newest
    first; ``open_only``: not verified yet."""
    return centre.faults.list(actor_of(centre, caller), open_only=open_only)


@router.post("/{report_id}/step", responses=_REFUSED)
def step(report_id: Annotated[int, Path(ge=1, le=2**31 - 1)], body: FaultStepBody,
         caller: SessionDep, centre: CentreDep) -> FaultRow:
    """Move a report one step (send, fix, verify, reopen) with an optional note."""
    return centre.faults.step(actor_of(centre, caller), report_id, body.step, body.note)
