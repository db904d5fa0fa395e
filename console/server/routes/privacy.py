"""Privacy masks' administration through the centre (``main.py privacy …``, R14): the masked
cameras and the roles exempt from masks. Setting and clearing one camera's masks are the
desk's (PUT/DELETE /privacy/masks/{code}); what a session must see filled is
GET /privacy/masks. Changes are checked (administrators) and audited by PrivacyService."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from console.api.admin_wire import ExemptRoles
from console.codes import Role
from console.privacy.listing import MaskRow
from console.server.deps import CentreDep, SessionDep, actor_in_role, actor_of

router = APIRouter(prefix="/privacy", tags=["privacy"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.get("/cameras", responses=_REFUSED)
def masked_cameras(caller: SessionDep, centre: CentreDep) -> list[MaskRow]:
    """Every masked camera with its polygons, by code; administrators."""
    actor_in_role(centre, caller, (Role.ADMINISTRATOR,), "list privacy masks")
    return centre.privacy.list_masks()


@router.get("/exempt", responses=_REFUSED)
def exempt_roles(caller: SessionDep, centre: CentreDep) -> ExemptRoles:
    """The roles that see cameras unmasked; administrators."""
    actor_in_role(centre, caller, (Role.ADMINISTRATOR,), "read the privacy settings")
    return ExemptRoles(roles=[r.value for r in centre.privacy.exempt_roles()])


@router.put("/exempt", responses=_REFUSED)
def set_exempt_roles(body: ExemptRoles, caller: SessionDep, centre: CentreDep) -> ExemptRoles:
    """Replace the exempt roles (an empty list exempts nobody); the answer is as stored."""
    roles = centre.privacy.set_exempt_roles(actor_of(centre, caller), body.roles)
    return ExemptRoles(roles=[r.value for r in roles])
