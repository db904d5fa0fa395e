"""The terminal and its session: health, enrolment, who this terminal is, the policy, login,
heartbeat (with the leases of the views it shows and its idle time), lock, unlock, password
change, logout."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response

import console
from console.api.errors import Refused
from console.api.wire import (
    EnrolReply,
    EnrolRequest,
    Health,
    HeartbeatRequest,
    LockRequest,
    LoginReply,
    LoginRequest,
    PasswordChangeRequest,
    TerminalInfo,
    UnlockRequest,
)
from console.auth.results import Accepted, SessionStatus, UnlockResult
from console.codes import Reason
from console.identity import TerminalIdentity
from console.policy import Policy
from console.server.caller import CallerCheck, seen_of
from console.server.centre import Centre
from console.server.deps import (
    CallerDep,
    CentreDep,
    SessionDep,
    in_worker,
    session_id_of,
)
from console.server.versions import older_than

router = APIRouter()

KIND_LOGIN_DENIED = "login_denied"
KIND_UNLOCK_DENIED = "unlock_denied"


@router.get("/health", tags=["terminal"])
async def health(centre: CentreDep) -> Health:
    """Whether the centre answers (no certificate needed). (async: no database, so no
    worker thread; the hop to one and back costs more than the answer)"""
    return Health(status="ok", version=console.__version__, server_time=centre.clock.now())


@router.post("/enrol", tags=["terminal"], responses={403: {"description": "refused"}})
def enrol(body: EnrolRequest, request: Request, centre: CentreDep) -> EnrolReply:
    """Sign this terminal's certificate request (the one request without a certificate)."""
    seen = seen_of(request.scope, request.headers)
    callers: CallerCheck = request.app.state.callers
    done = centre.enrolment.enrol(TerminalIdentity(seen.ip, body.mac.lower()), body.code_id,
                                  body.csr_pem, body.proof,
                                  wire_mac=callers.neighbour_mac(seen.ip))
    return EnrolReply(terminal=done.terminal, certificate_pem=done.certificate_pem,
                      ca_pem=done.ca_pem, proof=done.proof)


def minimum_version(centre: Centre) -> str:
    """The lowest terminal version that may log in: the administrators' policy
    (``minimum_terminal_version``) or the centre's own floor, whichever is higher."""
    policy = centre.auth.policy().minimum_terminal_version
    floor = centre.minimum_terminal_version
    return floor if older_than(policy, floor) else policy


@router.get("/terminal", tags=["terminal"])
async def terminal(caller: CallerDep, centre: CentreDep) -> TerminalInfo:
    """This terminal as the centre sees the connection. (async: nothing but the caller
    check, itself kept or on a worker thread)"""
    return TerminalInfo(name=caller.terminal_name, location=caller.terminal_location,
                        unit_code=caller.unit_code, ip=caller.identity.ip,
                        mac=caller.identity.mac, mac_check=caller.mac_check,
                        server_time=centre.clock.now(),
                        minimum_version=await in_worker(minimum_version, centre))


@router.get("/policy", tags=["terminal"])
def policy(_caller: CallerDep, centre: CentreDep) -> Policy:
    return centre.auth.policy()


@router.post("/session", tags=["session"], responses={403: {"description": "login refused"}})
def login(body: LoginRequest, caller: CallerDep, centre: CentreDep) -> LoginReply:
    """Log a person in on this terminal (R1-R3). A refusal is a 403 whose reason says why."""
    minimum = minimum_version(centre)
    if older_than(body.version or "0", minimum):
        centre.auth.record_refused_login(
            body.account, caller.identity, Reason.VERSION_TOO_OLD,
            {"version": body.version, "minimum": minimum})
        raise Refused(Reason.VERSION_TOO_OLD, "update this terminal's software", status=403,
                      kind=KIND_LOGIN_DENIED,
                      details={"version": body.version, "minimum": minimum})
    facts = {**body.facts, "version": body.version, "certificate": caller.fingerprint[:16],
             "mac_check": caller.mac_check}
    result = centre.auth.login(body.account, body.password, body.new_password,
                               identity=caller.identity, kind=body.kind, facts=facts)
    if not isinstance(result, Accepted):
        raise Refused(result.reason, "login refused", status=403, kind=KIND_LOGIN_DENIED,
                      details=dict(result.details))
    return LoginReply(ok=True, reason=Reason.OK, session=result.session, token=result.token,
                      policy=centre.auth.policy())


@router.post("/session/heartbeat", tags=["session"])
async def heartbeat(body: HeartbeatRequest, caller: SessionDep,
                    centre: CentreDep) -> SessionStatus:
    """Whether the session lives; renews the leases of the views the console still shows.
    (async: the caller kept from an earlier check needs no worker thread; the heartbeat's
    write takes one hop instead of two)"""
    return await in_worker(centre.auth.heartbeat, session_id_of(caller),
                                   views=list(body.views), idle_seconds=body.idle_seconds)


@router.delete("/session", tags=["session"], status_code=204)
def logout(caller: SessionDep, centre: CentreDep) -> Response:
    centre.auth.logout(session_id_of(caller))
    return Response(status_code=204)


@router.post("/session/lock", tags=["session"], status_code=204)
def lock(body: LockRequest, caller: SessionDep, centre: CentreDep) -> Response:
    centre.auth.lock_screen(session_id_of(caller), body.reason)
    return Response(status_code=204)


@router.post("/session/unlock", tags=["session"],
             responses={403: {"description": "wrong password"}})
def unlock(body: UnlockRequest, caller: SessionDep, centre: CentreDep) -> UnlockResult:
    return _unlock_answer(centre.auth.unlock(session_id_of(caller), body.password))


@router.post("/session/password", tags=["session"],
             responses={403: {"description": "refused"}})
def change_password(body: PasswordChangeRequest, caller: SessionDep,
                    centre: CentreDep) -> UnlockResult:
    return _unlock_answer(centre.auth.change_password(session_id_of(caller), body.old,
                                                      body.new))


def _unlock_answer(result: UnlockResult) -> UnlockResult:
    if result.ok:
        return result
    raise Refused(result.reason, "refused", status=403, kind=KIND_UNLOCK_DENIED,
                  details={**result.details, "session_ended": result.session_ended})
