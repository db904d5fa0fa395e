"""What the desk and the wall need besides views: wall presets and wall views, privacy masks
drawn by an administrator over the live picture, emergency grants by a supervisor, the unit
and user lists the grant dialog offers, catalogue import and export, the capture-program
list and what a console saw of capture programs (R7, R9, R11, R14). Each command is checked
by role and audited by its service, acting as the session's person."""

from __future__ import annotations

import base64
import binascii
import json
import tempfile
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from console.access.model import ViewTicket
from console.api.errors import Refused
from console.api.wire import (
    CameraCode,
    CaptureEvent,
    CatalogImportRequest,
    EmergencyGrantRequest,
    GrantIssued,
    MasksBody,
    MasksReply,
    UnitRow,
    UserRow,
    WallPresetBody,
    WallViewRequest,
)
from console.capture.detector import Detection
from console.capture.tools import Kind
from console.catalog.summary import ImportSummary
from console.codes import Reason
from console.grants.model import Grantee
from console.server.deps import CentreDep, SessionDep, actor_of, session_id_of
from console.server.refusals import view_denied
from console.server.routes.grants import scopes_of
from console.wall.model import PresetInfo, WallError
from console.wall.presets import PresetError, WallPreset, preset_from_dict, preset_to_dict

router = APIRouter()

PresetName = Annotated[str, Path(min_length=1, max_length=100)]


# -- the wall --------------------------------------------------------------------------------


@router.get("/wall/presets", tags=["wall"])
def list_presets(caller: SessionDep, centre: CentreDep) -> list[PresetInfo]:
    return centre.wall.list_presets(session_id_of(caller))


@router.get("/wall/presets/{name}", tags=["wall"])
def get_preset(name: PresetName, caller: SessionDep, centre: CentreDep) -> dict[str, Any]:
    return preset_to_dict(centre.wall.get_preset(session_id_of(caller), name))


@router.put("/wall/presets/{name}", tags=["wall"])
def save_preset(name: PresetName, body: WallPresetBody, caller: SessionDep,
                centre: CentreDep) -> dict[str, bool]:
    try:
        preset: WallPreset = preset_from_dict(body.preset)
    except PresetError as exc:
        raise WallError(f"preset.{exc.field}", str(exc)) from None
    return {"replaced": centre.wall.save_preset(session_id_of(caller), name, preset)}


@router.delete("/wall/presets/{name}", tags=["wall"], status_code=204)
def delete_preset(name: PresetName, caller: SessionDep, centre: CentreDep) -> Response:
    centre.wall.delete_preset(session_id_of(caller), name)
    return Response(status_code=204)


@router.post("/wall/views", tags=["wall"], status_code=201)
def open_wall_view(body: WallViewRequest, caller: SessionDep, centre: CentreDep) -> ViewTicket:
    result = centre.wall.open_view(session_id_of(caller), body.code, body.purpose,
                                   body.output_name)
    if not result.ok or result.ticket is None:
        raise view_denied(result)
    return result.ticket


# -- privacy masks ---------------------------------------------------------------------------


@router.put("/privacy/masks/{code}", tags=["privacy"])
def set_masks(code: Annotated[CameraCode, Path()], body: MasksBody, caller: SessionDep,
              centre: CentreDep) -> MasksReply:
    stored = centre.privacy.set_masks(actor_of(centre, caller), code, body.polygons)
    return MasksReply(masks={code: [list(p) for p in stored]})


@router.delete("/privacy/masks/{code}", tags=["privacy"], status_code=204)
def clear_masks(code: Annotated[CameraCode, Path()], caller: SessionDep,
                centre: CentreDep) -> Response:
    centre.privacy.clear_masks(actor_of(centre, caller), code)
    return Response(status_code=204)


# -- emergency grants ------------------------------------------------------------------------


@router.post("/grants/emergency", tags=["grants"], status_code=201)
def emergency_grant(body: EmergencyGrantRequest, caller: SessionDep,
                    centre: CentreDep) -> GrantIssued:
    ids = centre.grants.issue_emergency_set(
        actor_of(centre, caller), Grantee(unit=body.unit, user=body.user), scopes_of(body),
        body.rights, reason=body.reason, hours=body.hours, reference=body.reference)
    return GrantIssued(id=ids[0], ids=ids)


# -- lists the grant dialogs offer -----------------------------------------------------------


@router.get("/directory/units", tags=["administration"])
def units(caller: SessionDep, centre: CentreDep) -> list[UnitRow]:
    actor_of(centre, caller)            # any live session: the names are no secret
    by_id = {u.id: u.code for u in centre.admin.list_units()}
    return [UnitRow(code=u.code, name=u.name, parent=by_id.get(u.parent_id or 0))
            for u in centre.admin.list_units()]


@router.get("/directory/users", tags=["administration"])
def users(caller: SessionDep, centre: CentreDep) -> list[UserRow]:
    actor = actor_of(centre, caller)
    if actor.role not in ("supervisor", "administrator"):
        raise Refused(Reason.NOT_PERMITTED, f"{actor.account} may not list users",
                      status=403)
    return [UserRow(account=u.account, real_name=u.real_name, unit=u.unit.code, role=u.role,
                    state=u.state, terminals=terminals)
            for u, terminals in centre.admin.list_users()]


# -- the catalogue ---------------------------------------------------------------------------


@router.post("/catalog/import", tags=["catalogue"])
def import_catalogue(body: CatalogImportRequest, caller: SessionDep,
                     centre: CentreDep) -> ImportSummary:
    """One all-or-nothing import of the files (spreadsheets), checked and audited."""
    actor = actor_of(centre, caller)
    with tempfile.TemporaryDirectory(prefix="catalog-import-") as tmp:
        paths = []
        for number, item in enumerate(body.files):
            name = _upload_name(item.name, number)
            try:
                data = base64.b64decode(item.content_base64, validate=True)
            except (binascii.Error, ValueError):
                raise Refused(Reason.INVALID_INPUT, "not base64",
                              field=f"files.{number}.content_base64") from None
            path = FilePath(tmp) / f"{number}" / name
            path.parent.mkdir()
            path.write_bytes(data)
            paths.append(path)
        return centre.catalog.import_files(actor, paths, dry_run=body.dry_run)


def _upload_name(name: str, number: int) -> str:
    """The file name an upload is kept under while it is read: its last part only ("..",
    "." and nothing become ``fileN``), its suffix kept (it says the format), at most 200
    bytes (file systems take 255)."""
    last = FilePath(name).name
    if last in ("", ".", ".."):
        return f"file{number}"
    suffix = FilePath(last).suffix[:16]
    stem = last[:len(last) - len(suffix)] if suffix else last
    while stem and len((stem + suffix).encode()) > 200:
        stem = stem[:-1]
    return stem + suffix if stem else f"file{number}{suffix}"


@router.get("/catalog/export", tags=["catalogue"],
            responses={200: {"content": {"application/octet-stream": {}}}})
def export_catalogue(caller: SessionDep, centre: CentreDep,
                     name: Annotated[str, Query(min_length=5, max_length=200)],
                     kind: Annotated[str | None, Query(max_length=20)] = None) -> Response:
    """The catalogue's metadata as .xlsx or .csv (never a credential), audited."""
    actor = actor_of(centre, caller)
    with tempfile.TemporaryDirectory(prefix="catalog-export-") as tmp:
        path = FilePath(tmp) / (FilePath(name).name or "catalog.xlsx")
        summary = centre.catalog.export(actor, path, kind)
        data = path.read_bytes()
    return Response(data, media_type="application/octet-stream",
                    headers={"X-Export-Rows": json.dumps(summary.rows)})


# -- capture programs (R9) -------------------------------------------------------------------


@router.get("/capture/tools", tags=["capture"])
def capture_tools(caller: SessionDep, centre: CentreDep) -> list[str]:
    """The centre's extra entries (the built-in list ships with the terminal)."""
    actor_of(centre, caller)
    return [tool.entry for tool in centre.capture_tools.list_extra()]


@router.post("/capture/events", tags=["capture"], status_code=204)
def capture_event(body: CaptureEvent, caller: SessionDep, centre: CentreDep) -> Response:
    session_id = session_id_of(caller)
    register = centre.capture_register
    if body.kind == "detected":
        found = []
        for number, p in enumerate(body.programs):
            try:
                found.append(Detection(str(p["tool"])[:100], Kind(p["kind"]),
                                       int(p["pid"]), str(p["process"])[:100]))
            except (KeyError, ValueError, TypeError):
                raise Refused(Reason.INVALID_INPUT, "a detection needs tool, kind, pid and "
                              "process", field=f"programs.{number}") from None
        if not found:
            raise Refused(Reason.INVALID_INPUT, "no program named", field="programs")
        register.detected(session_id, found)
    elif body.kind == "ended":
        register.ended(session_id, list(body.tools))
    else:
        register.key_blocked(session_id, body.key)
    return Response(status_code=204)
