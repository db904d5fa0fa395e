"""One row of the camera sheet (一机一档) -> a CameraRecord, or the errors of that row."""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from console.catalog import cells
from console.catalog.cells import CellError
from console.catalog.credentials import Credentials, stream_url
from console.catalog.errors import RowError
from console.catalog.gbcode import CodeError, DeviceCode, parse_civil_code, parse_device_code
from console.catalog.problems import Problem
from console.catalog.records import CAMERA_TYPE_NAMES, SHARE_TYPE_NAMES, CameraType
from console.catalog.row_reader import RowReader
from console.catalog.sheets import Cell, SheetData
from console.codes import ShareType
from console.ptz.endpoint import parse_ptz_address

# The stored fields an import compares and writes, in this order (``project`` is the
# project's name here; the writer turns it into an id).
CAMERA_FIELDS = (
    "name", "location", "region_code", "category", "camera_type", "ptz_capable", "home_preset",
    "owner_unit_id", "maintainer", "contact", "project", "contractor", "warranty_end",
    "share_type", "legal_basis", "longitude", "latitude", "main_stream", "sub_stream",
    "ptz_address", "online", "last_seen",
)
# Which sheet column(s) fill each field: a field whose columns are all missing from the
# sheet keeps its stored value (the catalogue may come in parts, e.g. without status).
_SOURCES: dict[str, tuple[str, ...]] = {f: (f,) for f in CAMERA_FIELDS}
_SOURCES.update(owner_unit_id=("owner_unit",), ptz_capable=("ptz", "camera_type"))

SHARE_TYPES = cells.choice_options({
    value: (*names, {"unconditional": "无条件", "conditional": "有条件",
                     "not_shared": "不共享"}[value])
    for value, names in SHARE_TYPE_NAMES.items()})
CAMERA_TYPES = cells.choice_options({
    str(int(t)): names for t, names in CAMERA_TYPE_NAMES.items()})
ONLINE = cells.choice_options({"1": ("在线", "online", "是", "yes", "true", "1"),
                               "0": ("离线", "offline", "否", "no", "false", "0")})
_SCIENTIFIC = re.compile(r"^\d(\.\d+)?[eE]\+?\d+$")


@dataclass(frozen=True, slots=True)
class CameraRecord:
    code: str
    values: tuple[Any, ...]             # CAMERA_FIELDS order
    keep: frozenset[int]                # indexes of fields the sheet does not carry
    credentials: Credentials | None
    region: tuple[str, str] | None      # (code, name) when the row names its region
    row: int


def kept_fields(sheet: SheetData) -> frozenset[int]:
    return frozenset(i for i, f in enumerate(CAMERA_FIELDS)
                     if not any(c in sheet.columns for c in _SOURCES[f]))


def parse_camera_row(sheet: SheetData, number: int, row: list[Cell], keep: frozenset[int],
                     units: Callable[[str], int | None], projects: Container[str],
                     errors: list[RowError]) -> CameraRecord | None:
    """Validate one row; its problems go to ``errors`` (every bad field, not only the first)."""
    r = RowReader(sheet, number, row, errors)
    fail, field = r.fail, r.field
    device: DeviceCode | None = field("code", _device_code)
    name = field("name", _TEXT_100, "")
    location = field("location", _TEXT_200, "")
    region_code = field("region_code", _civil_code, "")
    if not region_code and device is not None:
        region_code = device.region_code
    region_name = field("region_name", _TEXT_100, "")
    category = field("category", _TEXT_40, "")
    camera_type = field("camera_type", _camera_type)
    ptz = field("ptz", cells.yes_no)
    if ptz is None:
        ptz = camera_type is not None and CameraType(camera_type).steerable
    home_preset = field("home_preset", _PRESET)
    if home_preset is not None and not ptz:
        fail("home_preset", Problem.HOME_PRESET_NEEDS_PTZ, ptz=sheet.header("ptz"))
    owner_text = field("owner_unit", _TEXT_200, "")
    owner = units(owner_text) if owner_text else None
    if owner_text and owner is None:
        fail("owner_unit", Problem.UNKNOWN_UNIT_OF_CAMERA, value=repr(owner_text))
    maintainer = field("maintainer", _TEXT_200, "")
    contact = field("contact", _TEXT_100, "")
    project = field("project", _TEXT_200)
    if project and project not in projects:
        fail("project", Problem.UNKNOWN_PROJECT, value=repr(project))
    contractor = field("contractor", _TEXT_200, "")
    warranty_end: date | None = field("warranty_end", cells.a_date)
    share_type = field("share_type", share_type_of)
    legal_basis = field("legal_basis", _TEXT_300, "")
    if share_type in (ShareType.CONDITIONAL, ShareType.NOT_SHARED) and not legal_basis:
        fail("legal_basis", Problem.NEEDS_LEGAL_BASIS, share=SHARE_TYPE_NAMES[share_type][0])
    longitude = field("longitude", _LONGITUDE)
    latitude = field("latitude", _LATITUDE)
    if r.blank("longitude") != r.blank("latitude"):
        missing, given = (("longitude", "latitude") if r.blank("longitude")
                          else ("latitude", "longitude"))
        fail(missing, Problem.COORDINATE_MISSING, given=sheet.header(given))
    main_stream, main_auth = field("main_stream", _stream, ("", None))
    sub_stream, sub_auth = field("sub_stream", _stream, ("", None))
    if main_auth and sub_auth and main_auth != sub_auth:
        fail("sub_stream", Problem.SUB_STREAM_ACCOUNT)
    ptz_address = field("ptz_address", _ptz_address, "")
    if ptz_address and not ptz:
        fail("ptz_address", Problem.PTZ_ADDRESS_NEEDS_PTZ, ptz=sheet.header("ptz"))
    online = field("online", _online, False)
    last_seen: datetime | None = field("last_seen", cells.a_datetime)
    for key in ("code", "name", "category", "owner_unit", "share_type"):
        if r.blank(key):
            fail(key, Problem.EMPTY)
    if not r.ok or device is None:
        return None
    values = (name, location, region_code, category, camera_type, ptz, home_preset, owner,
              maintainer, contact, project, contractor, warranty_end, share_type, legal_basis,
              longitude, latitude, main_stream, sub_stream, ptz_address, online,
              last_seen)
    region = (region_code, region_name) if region_name else None
    return CameraRecord(device.code, values, keep, main_auth or sub_auth, region, number)


_TEXT_40 = partial(cells.bounded_text, max_length=40)
_TEXT_100 = partial(cells.bounded_text, max_length=100)
_TEXT_200 = partial(cells.bounded_text, max_length=200)
_TEXT_300 = partial(cells.bounded_text, max_length=300)
_PRESET = partial(cells.integer, low=1, high=255)
_LONGITUDE = partial(cells.decimal, low=-180, high=180)
_LATITUDE = partial(cells.decimal, low=-90, high=90)


def share_type_of(cell: Cell) -> str:
    return cells.choice(cell, SHARE_TYPES, Problem.NOT_SHARE_TYPE)


def _camera_type(cell: Cell) -> int:
    return int(cells.choice(cell, CAMERA_TYPES, Problem.NOT_CAMERA_TYPE))


def _online(cell: Cell) -> bool:
    return cells.choice(cell, ONLINE, Problem.NOT_ONLINE_STATE) == "1"


def _stream(cell: Cell) -> tuple[str, Credentials | None]:
    url, credentials = stream_url(cells.text(cell))
    if len(url) > 500:
        raise CellError(Problem.TOO_LONG, length=len(url), limit=500)
    return url, credentials


def _ptz_address(cell: Cell) -> str:
    text = cells.text(cell)
    if not text:
        return ""
    try:
        return parse_ptz_address(text).address
    except ValueError as exc:
        raise CellError(Problem.PTZ_ADDRESS_INVALID, value=repr(text), error=str(exc)) \
            from None


def _device_code(cell: Cell) -> DeviceCode:
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        raise CellError(Problem.CODE_AS_NUMBER, value=f"{cell:.6g}")
    raw = cells.text(cell)
    if _SCIENTIFIC.match(raw):
        raise CellError(Problem.CODE_AS_NUMBER, value=raw)
    try:
        return parse_device_code(raw)
    except CodeError as exc:
        raise CellError(exc.code, **exc.params) from None


def _civil_code(cell: Cell) -> str:
    try:
        return parse_civil_code(cells.text(cell))
    except CodeError as exc:
        raise CellError(exc.code, **exc.params) from None

