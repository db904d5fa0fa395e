"""The duty roster, on-duty log, handover and supervisor review through the centre (R12).
The person acting is the session's (``actor_of``): no body names who signs, accepts or
approves. The DutyService checks every role and rule and registers each command (refusals
too)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from console.api.duty_wire import (
    HandoverAnswerBody,
    HandoverBody,
    HandoverDraft,
    HandoverRow,
    LogEntryBody,
    LogEntryRow,
    ReviewBody,
    ShiftBody,
    ShiftDetail,
    ShiftRow,
)
from console.api.errors import Refused
from console.audit.writer import Actor
from console.codes import Reason
from console.server.caller import Caller
from console.server.centre import Centre
from console.server.deps import CentreDep, SessionDep, actor_of
from console.server.query import only_query

router = APIRouter(prefix="/duty", tags=["duty roster, log, handover, review"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}
ShiftId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Filter = Annotated[str | None, Query(min_length=1, max_length=64)]
# an ISO 8601 time (a number is not one, though pydantic would read it as epoch seconds)
Moment = Annotated[str | None, Query(
    pattern=r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?$")]


def _may_see(centre: Centre, caller: Caller, actor: Actor) -> Any:
    """Administrators keep the whole catalogue; anyone else names only what they may see."""
    def may_see(code: str) -> bool:
        return (actor.role == "administrator" or caller.session_id is None
                or centre.access.may_see(caller.session_id, code))
    return may_see


@router.post("/shifts", status_code=201, responses=_REFUSED)
def add_shift(body: ShiftBody, caller: SessionDep, centre: CentreDep) -> ShiftRow:
    """Put a shift on a unit's roster (supervisors: their unit; administrators: any)."""
    return centre.duty.set_shift(actor_of(centre, caller), body.unit, body.title,
                                 body.starts_at, body.ends_at, body.people)


@router.put("/shifts/{shift_id}", responses=_REFUSED)
def change_shift(shift_id: ShiftId, body: ShiftBody, caller: SessionDep,
                 centre: CentreDep) -> ShiftRow:
    """Change a shift's people or times (refused with SHIFT_LOCKED once approved)."""
    return centre.duty.set_shift(actor_of(centre, caller), body.unit, body.title,
                                 body.starts_at, body.ends_at, body.people, shift_id=shift_id)


@router.get("/shifts", responses=_REFUSED,
            dependencies=[Depends(only_query("unit", "person", "start", "end", "mine"))])
def shifts(caller: SessionDep, centre: CentreDep, unit: Filter = None, person: Filter = None,
           start: Moment = None, end: Moment = None,
           mine: Annotated[bool, Query()] = False) -> list[ShiftRow]:
    """Shifts by unit, person and period (overlapping ``start``–``end``, ISO 8601; without
    a zone: UTC), newest first."""
    return centre.duty.shifts(actor_of(centre, caller), unit=unit, person=person,
                              day_from=_moment(start, "start"), day_to=_moment(end, "end"),
                              mine=mine)


def _moment(value: str | None, field: str) -> datetime | None:
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        raise Refused(Reason.INVALID_INPUT, "not an ISO 8601 time", field=field) from None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


@router.get("/shifts/{shift_id}", responses=_REFUSED)
def shift(shift_id: ShiftId, caller: SessionDep, centre: CentreDep) -> ShiftDetail:
    """A shift with who was there (sessions against the roster), its log and handovers."""
    return centre.duty.detail(actor_of(centre, caller), shift_id)


@router.post("/log", status_code=201, responses=_REFUSED)
def write(body: LogEntryBody, caller: SessionDep, centre: CentreDep) -> LogEntryRow:
    """Write an on-duty log entry, or a correction (``corrects``): never an edit."""
    actor = actor_of(centre, caller)
    return centre.duty.write(actor, body, may_see=_may_see(centre, caller, actor))


@router.get("/shifts/{shift_id}/handover", responses=_REFUSED,
            dependencies=[Depends(only_query("to_shift"))])
def handover_draft(shift_id: ShiftId, caller: SessionDep, centre: CentreDep,
                   to_shift: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
                   ) -> HandoverDraft:
    """What the shift's handover would carry if signed now."""
    return centre.duty.handover_draft(actor_of(centre, caller), shift_id, to_shift)


@router.post("/shifts/{shift_id}/handover", status_code=201, responses=_REFUSED)
def sign(shift_id: ShiftId, body: HandoverBody, caller: SessionDep,
         centre: CentreDep) -> HandoverRow:
    """The outgoing officer — the session's person — signs the shift's handover."""
    return centre.duty.sign(actor_of(centre, caller), shift_id, body.to_shift, body.note)


@router.post("/handovers/{handover_id}/answer", responses=_REFUSED)
def answer(handover_id: Annotated[int, Path(ge=1, le=2**31 - 1)], body: HandoverAnswerBody,
           caller: SessionDep, centre: CentreDep) -> HandoverRow:
    """The incoming officer — the session's person — accepts, or refuses with a reason."""
    return centre.duty.answer(actor_of(centre, caller), handover_id, accept=body.accept,
                              reason=body.reason)


@router.post("/shifts/{shift_id}/review", responses=_REFUSED)
def review(shift_id: ShiftId, body: ReviewBody, caller: SessionDep,
           centre: CentreDep) -> ShiftRow:
    """Approve the shift (locks it) or return it with a comment."""
    return centre.duty.review(actor_of(centre, caller), shift_id, body.verdict, body.comment)


@router.get("/shifts/{shift_id}/report.pdf", responses={
    **_REFUSED, 200: {"content": {"application/pdf": {}}, "description": "the shift report"}})
def report(shift_id: ShiftId, caller: SessionDep, centre: CentreDep) -> Response:
    """The shift report as PDF (text and drawn figures; never a video frame)."""
    data = centre.duty.report(actor_of(centre, caller), shift_id)
    return Response(content=data, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="shift-{shift_id}.pdf"'})
