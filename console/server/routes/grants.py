"""Grants through the centre (``main.py grant …``, R6, R7, R15): list them, record an
approved grant, revoke one. Checked by role and audited by GrantService: administrators
issue; administrators revoke, supervisors too for emergency grants. The emergency grant
itself is the desk's (POST /grants/emergency)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from console.api.admin_wire import (
    GrantIssueRequest,
    GrantListing,
    GrantRevokeRequest,
    check_storable,
)
from console.api.errors import Refused
from console.api.wire import GrantIssued
from console.codes import Reason, Role
from console.grants.model import Grantee, Scope
from console.server.deps import CentreDep, SessionDep, actor_in_role, actor_of

router = APIRouter(prefix="/grants", tags=["grants"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}
# times a grant may name: the database keeps UTC, and far ends overflow on conversion
_EARLIEST = datetime(1970, 1, 2, tzinfo=UTC)
_LATEST = datetime(9998, 12, 31, tzinfo=UTC)


@router.get("", responses=_REFUSED)
def list_grants(caller: SessionDep, centre: CentreDep,
                unit: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                user: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                include_ended: bool = False) -> list[GrantListing]:
    """Active and pending grants (``include_ended``: expired and revoked ones too), of one
    unit or one user when named; administrators and supervisors."""
    check_storable("unit", unit)
    check_storable("user", user)
    actor_in_role(centre, caller, (Role.ADMINISTRATOR, Role.SUPERVISOR), "list grants")
    grantee = Grantee(unit=unit, user=user) if unit is not None or user is not None else None
    now = centre.clock.now()
    return [GrantListing(
        id=g.id, state=g.state(now), emergency=g.emergency, grantee=g.grantee, scope=g.scope,
        rights=[str(r) for r in g.rights], valid_from=g.valid_from, valid_to=g.valid_to,
        purpose=g.purpose, approver=g.approver, reference=g.reference, issued_by=g.issued_by,
        issued_at=g.issued_at, revoked_at=g.revoked_at, revoked_by=g.revoked_by,
        revoke_reason=g.revoke_reason)
        for g in centre.grants.list_grants(grantee=grantee, include_ended=include_ended)]


@router.post("", status_code=201, responses=_REFUSED)
def issue_grant(body: GrantIssueRequest, caller: SessionDep, centre: CentreDep) -> GrantIssued:
    """Record an approved grant (审批表) for a unit or a user; administrators."""
    actor = actor_of(centre, caller)
    valid_from = body.valid_from or centre.clock.now()
    for field, moment in (("valid_from", valid_from), ("valid_to", body.valid_to)):
        if moment.tzinfo is not None and not _EARLIEST <= moment <= _LATEST:
            raise Refused(Reason.INVALID_INPUT, f"{moment.isoformat()} is out of range",
                          field=field)
    grant_id = centre.grants.issue(
        actor, Grantee(unit=body.unit, user=body.user), Scope(body.scope_kind, body.scope_value),
        body.rights, valid_from, body.valid_to, purpose=body.purpose, approver=body.approver,
        reference=body.reference)
    return GrantIssued(id=grant_id)


@router.post("/{grant_id}/revoke", status_code=204, responses=_REFUSED)
def revoke_grant(grant_id: Annotated[int, Path(ge=1, le=2**31 - 1)], body: GrantRevokeRequest,
                 caller: SessionDep, centre: CentreDep) -> Response:
    """End a grant now: open views close within seconds (R15)."""
    centre.grants.revoke(actor_of(centre, caller), grant_id, body.reason)
    return Response(status_code=204)
