"""What a person may see and the views they open (R5-R8, R11, R14, R15): the permitted
catalogue, a camera's details, opening and closing views, each view's stream, the recheck
that closes views whose right went, and the privacy masks drawn over them."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from console.access.model import CameraDetails, ViewTicket, view_ref
from console.api import catalogue_wire
from console.api.errors import Refused
from console.api.wire import (
    CameraCode,
    CloseViewRequest,
    MasksReply,
    OpenedView,
    OpenViewRequest,
    RecheckReply,
    StreamRefusal,
    ViewId,
    ViewsRequest,
    ViewStream,
)
from console.codes import Reason
from console.live.state import StreamKind
from console.server.deps import CentreDep, SessionDep, in_worker, session_id_of
from console.server.refusals import view_denied

router = APIRouter(tags=["views"])

@router.get("/catalogue", responses={200: {"content": {"application/json": {}}}})
def catalogue(caller: SessionDep, centre: CentreDep) -> Response:
    """Every camera this person may use now, as rows under one list of columns."""
    snapshot = centre.access.snapshot(session_id_of(caller))
    body = json.dumps(catalogue_wire.encode(snapshot), ensure_ascii=False,
                      separators=(",", ":"))
    return Response(body, media_type="application/json")


@router.get("/catalogue/revision")
async def revision(_caller: SessionDep, centre: CentreDep) -> dict[str, str]:
    """Changes with any change to the catalogue, the groups or the grants. (async: every
    console asks every 2 s; while nothing changed the answer takes no thread and no query)"""
    kept = centre.access.peek_revision()
    if kept is None:
        kept = await in_worker(centre.access.revision)
    return {"revision": kept}


@router.get("/cameras/{camera_id}/details")
def details(camera_id: Annotated[int, Path(ge=1, le=2**31 - 1)], caller: SessionDep,
            centre: CentreDep) -> CameraDetails:
    found = centre.access.camera_details(session_id_of(caller), camera_id)
    if found is None:
        raise Refused(Reason.UNKNOWN_CAMERA, "no such camera, or no longer permitted",
                      field="camera_id", status=404)
    return found


@router.post("/views", status_code=201, responses={403: {"description": "refused"}})
async def open_view(body: OpenViewRequest, caller: SessionDep,
                    centre: CentreDep) -> ViewTicket | OpenedView:
    """Open a view (checked, registered with its purpose). A wall output is ``wall:NAME``.
    With ``stream``: the view and that stream with its masks in one answer (registered as
    GET /views/{id}/stream registers it). (async: its database work on ``in_worker``)"""
    session_id = session_id_of(caller)
    result = await in_worker(centre.access.open_view, session_id, body.code, body.purpose,
                             right=body.right, output=body.output, stream=body.stream)
    if not result.ok or result.ticket is None:
        raise view_denied(result)
    if body.stream is None:
        return result.ticket
    if result.stream is None:
        return OpenedView(ticket=result.ticket)
    return OpenedView(ticket=result.ticket, stream=ViewStream(
        source=result.stream, masks=[list(p) for p in result.masks]))


@router.post("/views/{view_id}/close", status_code=204)
async def close_view(view_id: Annotated[ViewId, Path()], body: CloseViewRequest,
                     caller: SessionDep, centre: CentreDep) -> Response:
    session_id = session_id_of(caller)
    await in_worker(centre.access.close_view, session_id, view_ref(view_id),
                    Reason(body.reason), stream=body.stream)
    return Response(status_code=204)


@router.get("/views/{view_id}/stream", responses={403: {"description": "refused"}})
def stream(view_id: Annotated[ViewId, Path()], caller: SessionDep, centre: CentreDep,
           kind: Annotated[StreamKind, Query()] = StreamKind.SUB) -> ViewStream:
    """The stream an open view plays now (main or sub), registered, and the privacy masks
    this person must see over it."""
    session_id = session_id_of(caller)
    source = centre.access.stream_source(session_id, view_ref(view_id), kind)
    polygons = centre.privacy.masks_for(session_id, source.camera_code)
    return ViewStream(source=source, masks=[list(p) for p in polygons])


@router.get("/views/{view_id}/refusal")
def stream_refusal(view_id: Annotated[ViewId, Path()], caller: SessionDep,
                   centre: CentreDep) -> StreamRefusal:
    """Why the media gateway last refused this view its stream (a reason code), or null.
    Only the view's own session may ask."""
    return StreamRefusal(reason=centre.access.stream_refusal(session_id_of(caller),
                                                             view_ref(view_id)))


@router.post("/views/recheck")
async def recheck(body: ViewsRequest, caller: SessionDep,
                  centre: CentreDep) -> RecheckReply:
    """Close the views whose right is gone (and say why); renew the others' leases. With the
    stamp of the last recheck, while nothing changed that could close a view, the answer is
    that stamp and nothing closed (no lease renewed: the heartbeat renews them).

    (async: every console sends this every 2 s and nearly always nothing changed; the
    answer from the stamp takes no worker thread and no database query)"""
    session_id = session_id_of(caller)
    if body.stamp is not None:
        revision = centre.access.peek_state()
        if revision is not None and centre.access.stamp_honoured(
                session_id, list(body.views), body.stamp, revision):
            return RecheckReply(closed=[], stamp=body.stamp)
    closed, stamp = await in_worker(
        centre.access.recheck_stamped, session_id,
        [view_ref(view_id) for view_id in body.views], body.stamp)
    return RecheckReply(closed=closed, stamp=stamp)


@router.get("/privacy/masks/{code}")
def masks(code: Annotated[CameraCode, Path()], caller: SessionDep,
          centre: CentreDep) -> MasksReply:
    """The privacy masks this person must see over one camera (none when exempt)."""
    polygons = centre.privacy.masks_for(session_id_of(caller), code)
    return MasksReply(masks={code: [list(p) for p in polygons]})


@router.get("/privacy/masks")
def all_masks(caller: SessionDep, centre: CentreDep) -> MasksReply:
    found = centre.privacy.all_masks_for(session_id_of(caller))
    return MasksReply(masks={code: [list(p) for p in polygons]
                             for code, polygons in found.items()})
