"""The catalogue's administration through the centre (``main.py catalog …``, ``main.py
secret set-camera|set-platform``, R4): list cameras, camera groups, a camera's stream
account, the city platform's account and the sync from it. Changes
are checked (administrators) and audited by CatalogService. A camera's credentials go into
the centre's secret store only, never to a terminal, the database or the audit trail.
Import and export are the desk's (/catalog/import, /catalog/export)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from console.api.admin_wire import (
    CameraCredentialsRequest,
    CatalogSyncRequest,
    GroupRef,
    GroupSetRequest,
    PlatformRequest,
    check_storable,
)
from console.api.wire import CameraCode
from console.catalog.listing import CameraListing, GroupInfo
from console.catalog.summary import SyncSummary
from console.codes import Role
from console.server.deps import CentreDep, SessionDep, actor_in_role, actor_of

router = APIRouter(prefix="/catalog", tags=["catalogue"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.get("/cameras", responses=_REFUSED)
def list_cameras(caller: SessionDep, centre: CentreDep,
                 search: Annotated[str, Query(max_length=100)] = "",
                 limit: Annotated[int, Query(ge=1, le=10_000)] = 100) -> list[CameraListing]:
    """Cameras by code (``search``: part of the code, name or location); administrators."""
    check_storable("search", search)
    actor_in_role(centre, caller, (Role.ADMINISTRATOR,), "list the catalogue")
    return centre.catalog.list_cameras(search, limit)


@router.get("/groups", responses=_REFUSED)
def list_groups(caller: SessionDep, centre: CentreDep) -> list[GroupInfo]:
    """The camera groups grants can name; administrators and supervisors (who name them in
    emergency grants)."""
    actor_in_role(centre, caller, (Role.ADMINISTRATOR, Role.SUPERVISOR), "list camera groups")
    return centre.catalog.list_groups()


@router.put("/groups", responses=_REFUSED)
def set_group(body: GroupSetRequest, caller: SessionDep, centre: CentreDep) -> GroupInfo:
    """Create a group or replace its cameras (and description, when given)."""
    return centre.catalog.set_group(actor_of(centre, caller), body.name, body.codes,
                                    description=body.description)


@router.post("/groups/remove", status_code=204, responses=_REFUSED)
def remove_group(body: GroupRef, caller: SessionDep, centre: CentreDep) -> Response:
    """Delete a group that no grant names."""
    centre.catalog.remove_group(actor_of(centre, caller), body.name)
    return Response(status_code=204)


@router.put("/cameras/{code}/credentials", status_code=204, responses=_REFUSED)
def set_credentials(code: Annotated[CameraCode, Path()], body: CameraCredentialsRequest,
                    caller: SessionDep, centre: CentreDep) -> Response:
    """Store a camera's stream account in the centre's secret store (audited without the
    secret); administrators."""
    check_storable("code", code)
    centre.catalog.set_camera_credentials(actor_of(centre, caller), code, body.user,
                                          body.password)
    return Response(status_code=204)


@router.put("/platform", status_code=204, responses=_REFUSED)
def set_platform(body: PlatformRequest, caller: SessionDep, centre: CentreDep) -> Response:
    """Set the city platform (WVP) the catalogue is synchronised from; the password goes to
    the centre's secret store (registered without it); administrators."""
    centre.platform.set_platform(actor_of(centre, caller), body.url, body.username,
                                 body.password, body.owner_unit)
    return Response(status_code=204)


@router.post("/sync", responses=_REFUSED)
def sync(body: CatalogSyncRequest, caller: SessionDep, centre: CentreDep) -> SyncSummary:
    """Synchronise the catalogue from the city platform now: all or nothing, with a report of
    added / changed / gone; a platform that fails is a refusal naming why (PLATFORM_*)."""
    return centre.platform.sync(actor_of(centre, caller), dry_run=body.dry_run)
