"""The automatic video diagnosis's state per camera through the centre (issue 14 item 7):
when each camera was last checked and what it found. Supervisors see their unit's cameras
and those their tree shows, administrators every camera; duty officers and wall operators
are refused (console/diagnosis/states.py)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from console.api.diagnosis_wire import DiagnosisRow
from console.codes import Role
from console.server.deps import CentreDep, SessionDep, actor_of
from console.server.query import only_query

router = APIRouter(prefix="/diagnosis", tags=["video diagnosis"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.get("", responses=_REFUSED, dependencies=[Depends(only_query("camera"))])
def states(caller: SessionDep, centre: CentreDep,
           camera: Annotated[str | None, Query(min_length=1, max_length=40)] = None
           ) -> list[DiagnosisRow]:
    """The last automatic check of ``camera`` (default: every camera the caller oversees):
    when, how many checks, the findings and their streaks."""
    actor = actor_of(centre, caller)
    visible = None
    if actor.role == Role.SUPERVISOR and caller.session_id is not None:
        visible = {e.code for e in centre.access.snapshot(caller.session_id).entries}
    return centre.diagnosis_states.states(actor, camera, visible=visible)
