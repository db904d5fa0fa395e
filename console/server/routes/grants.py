"""Grants through the centre (``main.py grant …`` and the grants dialog, R6, R7, R15): list
them (by unit or person, by phase), record an approved grant, revoke one, and the catalogue a
grant's cameras are picked from. Checked and audited by GrantService (who may do what to
which unit's grants: console/grants/commands.py): administrators issue and revoke any;
supervisors list and revoke their own unit's emergency grants. The emergency grant itself is
the desk's (POST /grants/emergency)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response

from console.api import catalogue_wire
from console.api.admin_wire import (
    GrantIssueRequest,
    GrantListing,
    GrantRevokeRequest,
    check_storable,
)
from console.api.errors import Refused
from console.api.wire import GrantIssued, GrantTarget
from console.codes import Action, Reason, Role
from console.grants.commands import Phase
from console.grants.model import Grantee, Scope
from console.server.deps import CentreDep, SessionDep, actor_in_role, actor_of
from console.server.query import only_query

router = APIRouter(prefix="/grants", tags=["grants"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}
# times a grant may name: the database keeps UTC, and far ends overflow on conversion
_EARLIEST = datetime(1970, 1, 2, tzinfo=UTC)
_LATEST = datetime(9998, 12, 31, tzinfo=UTC)


def scopes_of(body: GrantTarget) -> list[Scope]:
    """The scope a grant request names first, and the further ones (``also``)."""
    return [Scope(body.scope_kind, body.scope_value),
            *(Scope(extra.kind, extra.value) for extra in body.also)]


@router.get("", responses=_REFUSED,
            dependencies=[Depends(only_query("unit", "user", "of_unit", "include_ended",
                                             "phase"))])
def list_grants(caller: SessionDep, centre: CentreDep,
                unit: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                user: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                of_unit: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
                include_ended: bool = False,
                phase: Annotated[list[Phase] | None, Query(max_length=4)] = None
                ) -> list[GrantListing]:
    """Active and pending grants (``include_ended``: expired and revoked ones too; ``phase``:
    only pending, in_force, expiring or ended ones), of one unit or one user when named, or
    (``of_unit``) made to a unit or to a person of it.
    Administrators see every grant, supervisors their own unit's (another unit's: refused
    with OTHER_UNIT and registered)."""
    check_storable("unit", unit)
    check_storable("user", user)
    check_storable("of_unit", of_unit)
    if sum(x is not None for x in (unit, user, of_unit)) > 1:
        raise Refused(Reason.INVALID_INPUT, "name one of unit, user, of_unit", field="user")
    grantee = Grantee(unit=unit, user=user) if unit is not None or user is not None else None
    now = centre.clock.now()
    rows = centre.grants.list_grants(grantee=grantee, include_ended=include_ended,
                                     actor=actor_of(centre, caller), phases=phase,
                                     of_unit=of_unit)
    return [GrantListing(
        id=g.id, state=g.state(now), phase=str(g.phase(now)), emergency=g.emergency,
        grantee=g.grantee, scope=g.scope, rights=[str(r) for r in g.rights],
        valid_from=g.valid_from, valid_to=g.valid_to, purpose=g.purpose, approver=g.approver,
        reference=g.reference, issued_by=g.issued_by, issued_at=g.issued_at,
        revoked_at=g.revoked_at, revoked_by=g.revoked_by, revoke_reason=g.revoke_reason,
        scope_name=g.scope_name)
        for g in rows]


@router.get("/targets", responses={200: {"content": {"application/json": {}}}, **_REFUSED})
def targets(caller: SessionDep, centre: CentreDep) -> Response:
    """Every camera of the catalogue, for picking what a grant names (cameras, a region, a
    unit's or category's cameras) in the grant dialogs: the camera tree's wire form, no
    right held on any. Administrators and supervisors (an emergency grant may open a camera
    the supervisor's own tree lacks)."""
    actor_in_role(centre, caller, (Role.ADMINISTRATOR, Role.SUPERVISOR),
                  "pick cameras for grants", audit=Action.GRANT_LIST, target="targets")
    body = json.dumps(catalogue_wire.encode(centre.access.whole_catalogue()),
                      ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/json")


@router.post("", status_code=201, responses=_REFUSED)
def issue_grant(body: GrantIssueRequest, caller: SessionDep, centre: CentreDep) -> GrantIssued:
    """Record an approved grant (审批表) for a unit or a user; administrators."""
    actor = actor_of(centre, caller)
    valid_from = body.valid_from or centre.clock.now()
    for field, moment in (("valid_from", valid_from), ("valid_to", body.valid_to)):
        if moment.tzinfo is not None and not _EARLIEST <= moment <= _LATEST:
            raise Refused(Reason.INVALID_INPUT, f"{moment.isoformat()} is out of range",
                          field=field)
    ids = centre.grants.issue_set(
        actor, Grantee(unit=body.unit, user=body.user), scopes_of(body), body.rights,
        valid_from, body.valid_to, purpose=body.purpose, approver=body.approver,
        reference=body.reference)
    return GrantIssued(id=ids[0], ids=ids)


@router.post("/{grant_id}/revoke", status_code=204, responses=_REFUSED)
def revoke_grant(grant_id: Annotated[int, Path(ge=1, le=2**31 - 1)], body: GrantRevokeRequest,
                 caller: SessionDep, centre: CentreDep) -> Response:
    """End a grant now: open views close within seconds (R15)."""
    centre.grants.revoke(actor_of(centre, caller), grant_id, body.reason)
    return Response(status_code=204)
