"""Administration through the centre (``main.py admin …``): units, users, terminals and
their enrolment, who may log in where, the security policy. Every command acts as the
session's person and is checked by role and audited by its service (AdminService,
EnrolmentService): administrators only; a refusal is registered and changes nothing.

The unit and user lists are the desk's (/directory/units, /directory/users); the policy is
read at /policy."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response

from console.api.admin_wire import (
    BindingRequest,
    EnrolmentCode,
    IssuedPassword,
    PasswordResetRequest,
    PolicySetRequest,
    TerminalAddRequest,
    TerminalRef,
    TerminalRow,
    UnitAddRequest,
    UserAddRequest,
    UserStateReply,
    UserStateRequest,
)
from console.api.wire import UnitRow
from console.codes import Role
from console.policy import Policy
from console.server.deps import CentreDep, SessionDep, actor_in_role, actor_of

router = APIRouter(prefix="/admin", tags=["administration"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.post("/units", status_code=201, responses=_REFUSED)
def add_unit(body: UnitAddRequest, caller: SessionDep, centre: CentreDep) -> UnitRow:
    """Create a unit (organisation); administrators."""
    centre.admin.create_unit(actor_of(centre, caller), body.code, body.name,
                             parent=body.parent)
    return UnitRow(code=body.code.strip(), name=body.name.strip(), parent=body.parent)


@router.post("/users", status_code=201, responses=_REFUSED)
def add_user(body: UserAddRequest, caller: SessionDep, centre: CentreDep) -> IssuedPassword:
    """Create a named user (R1); the answer carries the one-time password the centre
    generated (none when the body gave one). The user must change it at the first login."""
    issued = centre.admin.create_user(actor_of(centre, caller), body.account, body.real_name,
                                      body.unit, body.role, password=body.password)
    return IssuedPassword(account=issued.account,
                          password=issued.password if issued.generated else None,
                          generated=issued.generated)


@router.post("/users/state", responses=_REFUSED)
def set_user_state(body: UserStateRequest, caller: SessionDep,
                   centre: CentreDep) -> UserStateReply:
    """Disable a user (their sessions end at once) or enable them again (clears a lockout)."""
    ended = centre.admin.set_user_state(actor_of(centre, caller), body.account,
                                        enabled=body.enabled)
    return UserStateReply(account=body.account.strip(), enabled=body.enabled,
                          sessions_ended=ended)


@router.post("/users/password", responses=_REFUSED)
def reset_password(body: PasswordResetRequest, caller: SessionDep,
                   centre: CentreDep) -> IssuedPassword:
    """Set a one-time password that must be changed at the next login (R3)."""
    issued = centre.admin.reset_password(actor_of(centre, caller), body.account,
                                         password=body.password)
    return IssuedPassword(account=issued.account,
                          password=issued.password if issued.generated else None,
                          generated=issued.generated)


# -- terminals -------------------------------------------------------------------------------


@router.get("/terminals", responses=_REFUSED)
def list_terminals(caller: SessionDep, centre: CentreDep) -> list[TerminalRow]:
    """Every terminal with its enrolment state, software version and when it was last seen;
    administrators."""
    actor_in_role(centre, caller, (Role.ADMINISTRATOR,), "list terminals")
    users: dict[str, list[str]] = {}
    for user, terminals in centre.admin.list_users():
        for name in terminals:
            users.setdefault(name, []).append(user.account)
    codes = centre.enrolment.open_codes()
    rows = []
    for t in centre.admin.list_terminals():
        if t.revoked_at is not None:
            state = "revoked"
        elif t.cert_fingerprint is not None:
            state = "enrolled"
        else:
            state = "code issued" if t.id in codes else "not enrolled"
        rows.append(TerminalRow(
            name=t.name, location=t.location, unit=t.unit.code, ip=t.ip, mac=t.mac,
            enrolment=state, enrolled_at=t.enrolled_at, certificate_until=t.cert_not_after,
            revoked_at=t.revoked_at, software_version=t.software_version,
            last_seen_at=t.last_seen_at, users=sorted(users.get(t.name, []))))
    return rows


@router.post("/terminals", status_code=201, responses=_REFUSED)
def add_terminal(body: TerminalAddRequest, caller: SessionDep,
                 centre: CentreDep) -> EnrolmentCode:
    """Register a dedicated terminal by IP and MAC (R2); the answer is its one-time
    enrolment code (``main.py enroll`` on that machine)."""
    actor = actor_of(centre, caller)
    ip, mac = centre.admin.create_terminal(actor, body.name, body.location, body.unit,
                                           body.ip, body.mac)
    issued = centre.enrolment.issue_code(actor, body.name.strip())
    return EnrolmentCode(terminal=issued.terminal, ip=ip, mac=mac, code=issued.code,
                         expires_at=issued.expires_at)


@router.post("/terminals/enrol-code", responses=_REFUSED)
def enrol_code(body: TerminalRef, caller: SessionDep, centre: CentreDep) -> EnrolmentCode:
    """A new one-time enrolment code for a registered terminal (a reinstalled or revoked
    one)."""
    actor = actor_of(centre, caller)
    issued = centre.enrolment.issue_code(actor, body.name)
    terminal = next((t for t in centre.admin.list_terminals() if t.name == issued.terminal),
                    None)
    return EnrolmentCode(terminal=issued.terminal, ip=terminal.ip if terminal else "",
                         mac=terminal.mac if terminal else "", code=issued.code,
                         expires_at=issued.expires_at)


@router.post("/terminals/revoke", status_code=204, responses=_REFUSED)
def revoke_terminal(body: TerminalRef, caller: SessionDep, centre: CentreDep) -> Response:
    """Withdraw a terminal's certificate: its next request is refused."""
    centre.enrolment.revoke(actor_of(centre, caller), body.name)
    return Response(status_code=204)


# -- who may log in where --------------------------------------------------------------------


@router.post("/bindings", status_code=204, responses=_REFUSED)
def bind(body: BindingRequest, caller: SessionDep, centre: CentreDep) -> Response:
    """Allow a user to log in from a terminal."""
    centre.admin.bind(actor_of(centre, caller), body.account, body.terminal)
    return Response(status_code=204)


@router.post("/bindings/remove", status_code=204, responses=_REFUSED)
def unbind(body: BindingRequest, caller: SessionDep, centre: CentreDep) -> Response:
    """Withdraw a user's terminal; a live session there ends at its next heartbeat."""
    centre.admin.unbind(actor_of(centre, caller), body.account, body.terminal)
    return Response(status_code=204)


# -- the policy ------------------------------------------------------------------------------


@router.put("/policy", responses=_REFUSED)
def set_policy(body: PolicySetRequest, caller: SessionDep, centre: CentreDep) -> Policy:
    """Change one setting of the centre-wide security policy; the answer is the policy."""
    centre.admin.set_policy(actor_of(centre, caller), body.key, body.value)
    return centre.auth.policy()
