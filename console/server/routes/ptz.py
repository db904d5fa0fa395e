"""PTZ control through the centre (R6, R7, R10): taking control (checked and audited by
``PtzService.take``), the operator's commands for the lease, the worker's events, who holds
a camera, the sessions list for supervisors and a manual sweep for administrators.

The camera's worker runs in this instance (console/server/ptz_control.py): a lease's
requests must reach the instance that took control (409 ``ptz_elsewhere`` otherwise)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from console.api.errors import KIND_SESSION_GONE, Refused
from console.api.ptz_wire import (
    MAX_EVENTS_WAIT_S,
    CommandReply,
    EventsReply,
    Holder,
    HomePicture,
    LeaseId,
    MoveCommand,
    PresetCommand,
    ReleaseCommand,
    StopCommand,
    SweepReply,
    SweepRequest,
    SweptReturn,
    TakeRequest,
)
from console.api.wire import CameraCode
from console.audit.writer import Actor
from console.codes import Reason, Role
from console.ptz.controller import CameraControl
from console.ptz.driver import Velocity
from console.ptz.home_picture import HomePictureInfo
from console.ptz.model import EndedBy, SessionView, TakeResult
from console.server.caller import Caller
from console.server.centre import Centre
from console.server.deps import CentreDep, SessionDep, actor_of, session_id_of
from console.server.ptz_control import for_terminal

router = APIRouter(prefix="/ptz", tags=["ptz"])

LeasePath = Annotated[LeaseId, Path()]
_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (reason code)"},
            409: {"description": "control ended, held by another, or another instance"}}
_TAKE_STATUS = {Reason.UNKNOWN_CAMERA: 404, Reason.NOT_STEERABLE: 409, Reason.PTZ_HELD: 409,
                Reason.PTZ_RETURNING: 409}
SUPERVISING = (Role.SUPERVISOR, Role.ADMINISTRATOR)


def _actor(centre: Centre, caller: Caller) -> Actor:
    return actor_of(centre, caller)


@router.post("/take", status_code=201, responses=_REFUSED)
def take(body: TakeRequest, caller: SessionDep, centre: CentreDep) -> TakeResult:
    """Take control of a camera for this session (right, priority and takeover checked,
    audited). The camera's worker starts here; its events say when it is ready."""
    result = centre.ptz.take(session_id_of(caller), body.code, tile=body.tile)
    if not result.ok or result.lease is None:
        if result.reason == Reason.SESSION_ENDED:
            raise Refused(result.reason, "the session has ended", status=401,
                          kind=KIND_SESSION_GONE)
        details = {"holder": result.holder} if result.holder else {}
        raise Refused(result.reason, "PTZ control refused", field="code",
                      status=_TAKE_STATUS.get(result.reason, 403), details=details)
    centre.ptz_controls.start(result.lease)
    return TakeResult(True, Reason.OK, for_terminal(result.lease), took_from=result.took_from)


def _command(centre: Centre, caller: Caller, lease_id: int, seq: int,
             apply: Callable[[CameraControl], None]) -> CommandReply:
    applied = centre.ptz_controls.command(lease_id, session_id_of(caller),
                                          lambda: _actor(centre, caller), seq, apply)
    return CommandReply(applied=applied)


@router.post("/leases/{lease_id}/move", responses=_REFUSED)
def move(lease_id: LeasePath, body: MoveCommand, caller: SessionDep,
         centre: CentreDep) -> CommandReply:
    """Move at this velocity while keepalives confirm it (all axes zero: stop)."""
    velocity = Velocity(body.pan, body.tilt, body.zoom)
    return _command(centre, caller, lease_id, body.seq, lambda c: c.move(velocity))


@router.post("/leases/{lease_id}/stop", responses=_REFUSED)
def stop(lease_id: LeasePath, body: StopCommand, caller: SessionDep,
         centre: CentreDep) -> CommandReply:
    return _command(centre, caller, lease_id, body.seq, lambda c: c.stop())


@router.post("/leases/{lease_id}/preset", responses=_REFUSED)
def preset(lease_id: LeasePath, body: PresetCommand, caller: SessionDep,
           centre: CentreDep) -> CommandReply:
    """Go to a preset of the camera (audited when the camera accepted it)."""
    return _command(centre, caller, lease_id, body.seq,
                    lambda c: c.goto_preset(body.token, body.name))


@router.post("/leases/{lease_id}/release", responses=_REFUSED)
def release(lease_id: LeasePath, body: ReleaseCommand, caller: SessionDep,
            centre: CentreDep) -> CommandReply:
    """End control: the camera stops, goes home and the return is verified (events)."""
    return _command(centre, caller, lease_id, body.seq, lambda c: c.release(body.reason))


@router.post("/leases/{lease_id}/keepalive", status_code=204, responses=_REFUSED)
def keepalive(lease_id: LeasePath, caller: SessionDep, centre: CentreDep) -> Response:
    """The held move is still wanted (send every ~250 ms while a key or button is held)."""
    centre.ptz_controls.keepalive(lease_id, session_id_of(caller),
                                  lambda: _actor(centre, caller))
    return Response(status_code=204)


@router.get("/leases/{lease_id}/events", responses=_REFUSED)
async def events(lease_id: LeasePath, caller: SessionDep, centre: CentreDep,
                 after: Annotated[int, Query(ge=0, le=2**53)] = 0,
                 wait: Annotated[float, Query(ge=0, le=MAX_EVENTS_WAIT_S)] = 0.0
                 ) -> EventsReply:
    """The worker's events after the cursor ``after``, waiting up to ``wait`` seconds for
    one. Each request also keeps the control alive: without any request for the lease for
    ``ptz_stale_seconds`` the centre ends control (PTZ_CONSOLE_LOST) and sends it home."""
    return await centre.ptz_controls.wait_events(
        lease_id, session_id_of(caller), lambda: _actor(centre, caller), after, wait)


@router.get("/sessions")
def sessions(caller: SessionDep, centre: CentreDep,
             open_only: Annotated[bool, Query()] = False,
             faults_only: Annotated[bool, Query()] = False,
             limit: Annotated[int, Query(ge=1, le=1000)] = 200) -> list[SessionView]:
    """PTZ sessions, newest first (supervisors and administrators)."""
    actor = actor_of(centre, caller)
    if actor.role not in SUPERVISING:
        raise Refused(Reason.NOT_PERMITTED, f"{actor.account} may not list PTZ sessions",
                      status=403)
    return centre.ptz.sessions(open_only=open_only, faults_only=faults_only, limit=limit)


@router.get("/cameras/{code}/holder")
def holder(code: Annotated[CameraCode, Path()], caller: SessionDep,
           centre: CentreDep) -> Holder:
    """Who controls the camera now (for the panel), None when nobody does. Only for a camera
    this person may see: a holder's name is not for everyone."""
    if not centre.access.may_see(session_id_of(caller), code):
        raise Refused(Reason.UNKNOWN_CAMERA, "no such camera, or not permitted", field="code",
                      status=404)
    return Holder(holder=centre.ptz.holder(code))


def _home_picture(info: HomePictureInfo) -> HomePicture:
    return HomePicture(code=info.code, home=info.home, width=info.width, height=info.height,
                       taken_at=info.taken_at, taken_by=info.taken_by)


@router.post("/cameras/{code}/home-picture", responses=_REFUSED)
def record_home_picture(code: Annotated[CameraCode, Path()], caller: SessionDep,
                        centre: CentreDep) -> HomePicture:
    """Send the camera to its home preset, take its picture on the centre and keep it as
    the reference a return home is verified by where the camera reads no position back
    (administrators; checked, audited as PTZ_HOME_PICTURE). Answers what was recorded,
    never the picture."""
    return _home_picture(centre.home_pictures.record(actor_of(centre, caller), code))


@router.get("/cameras/{code}/home-picture")
def home_picture(code: Annotated[CameraCode, Path()], caller: SessionDep,
                 centre: CentreDep) -> HomePicture | None:
    """Whether the camera has a reference picture at home, when and by whom it was taken
    (administrators; None: none recorded)."""
    actor = actor_of(centre, caller)
    if actor.role != Role.ADMINISTRATOR:
        raise Refused(Reason.NOT_PERMITTED, f"{actor.account} may not read reference "
                      "pictures", status=403)
    info = centre.home_pictures.info(code)
    return None if info is None else _home_picture(info)


@router.post("/sweep")
def sweep(caller: SessionDep, centre: CentreDep, body: SweepRequest | None = None
          ) -> SweepReply:
    """Claim and start every return owed now (supervisors and administrators: sending a
    camera home is a safety action; the scheduled sweep does the same every
    ptz_sweep_seconds), and wait up to ``wait_seconds`` for their results."""
    actor = actor_of(centre, caller)
    if actor.role not in (Role.SUPERVISOR, Role.ADMINISTRATOR):
        raise Refused(Reason.NOT_PERMITTED, f"{actor.account} may not sweep PTZ returns",
                      status=403)
    outcomes = centre.ptz_controls.sweep_and_wait(
        (body or SweepRequest()).wait_seconds,
        EndedBy.person(actor.account, actor.terminal_name))
    return SweepReply(owed=len(outcomes), returns=[
        SweptReturn(session=job.session, code=job.camera.code,
                    result=str(attempt.result) if attempt else None,
                    position=(attempt.status.position.as_dict()
                              if attempt and attempt.status and attempt.status.position
                              else None),
                    detail=attempt.detail[:300] if attempt else "")
        for job, attempt in outcomes])
