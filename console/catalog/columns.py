"""The columns of the two catalogue sheets: the per-camera sheet (一机一档) and the project
sheet (annex 1 of the Gusu rules). Chinese header names come first; English names and a few
common variants are accepted too, compared without case, spaces, '*', '_' or '-'."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class SheetKind(StrEnum):
    CAMERAS = "cameras"
    PROJECTS = "projects"


@dataclass(frozen=True, slots=True)
class Column:
    key: str                   # the field it fills
    header: str                # the Chinese header written on export
    aliases: tuple[str, ...]   # other accepted headers
    required: bool = False     # the header row must have this column


CAMERA_COLUMNS: tuple[Column, ...] = (
    Column("code", "设备编码", ("code", "device code", "gb code", "device id", "设备编号",
                               "国标编码", "国标编号"), required=True),
    Column("name", "点位名称", ("name", "point name", "camera name", "摄像机名称"),
           required=True),
    Column("location", "位置名称", ("location", "点位俗称", "安装位置")),
    Column("region_code", "行政区划代码", ("region code", "civil code", "region", "行政区划",
                                         "行政区域代码")),
    Column("region_name", "行政区划名称", ("region name", "行政区域名称")),
    Column("category", "监控类别", ("category", "监控点位类别"), required=True),
    Column("camera_type", "摄像机类型", ("camera type", "type", "摄像机类别")),
    Column("ptz", "云台", ("ptz", "ptz capable", "是否云台", "云台控制")),
    Column("home_preset", "看守位", ("home preset", "home", "看守位预置位")),
    Column("owner_unit", "建设单位", ("owner unit", "owner", "builder", "builder unit"),
           required=True),
    Column("maintainer", "维护单位", ("maintainer", "maintainer unit")),
    Column("contact", "联系方式", ("contact", "联系电话")),
    Column("project", "项目名称", ("project", "project name", "所属项目")),
    Column("contractor", "承建单位", ("contractor",)),
    Column("warranty_end", "维保截止", ("warranty end", "warranty", "维保截止时间",
                                      "维保期截至时间", "维保期截止时间")),
    Column("share_type", "共享类型", ("share type", "sharing"), required=True),
    Column("legal_basis", "共享依据", ("legal basis", "basis", "依据")),
    Column("longitude", "经度", ("longitude", "lon", "lng")),
    Column("latitude", "纬度", ("latitude", "lat")),
    Column("main_stream", "主码流地址", ("main stream", "main stream url", "主码流")),
    Column("sub_stream", "子码流地址", ("sub stream", "sub stream url", "子码流")),
    Column("ptz_address", "云台控制地址", ("ptz address", "ptz control address", "ptz url",
                                         "控制地址", "onvif地址")),
    Column("online", "在线状态", ("online", "status", "设备状态")),
    Column("last_seen", "最后在线时间", ("last seen", "last online")),
)

PROJECT_COLUMNS: tuple[Column, ...] = (
    Column("number", "编号", ("no", "no.", "number", "序号")),
    Column("resource_type", "资源类型", ("resource type",)),
    Column("name", "资源名称", ("project", "project name", "项目名称", "接入项目"),
           required=True),
    Column("share_type", "共享类型", ("share type", "sharing")),
    Column("total_count", "总建数量", ("total", "total count", "建设数量")),
    Column("shared_count", "共享数量", ("shared", "shared count", "接入数量")),
    Column("contractor", "承建单位", ("contractor",)),
    Column("warranty_end", "维保期截至时间", ("warranty end", "warranty", "维保期截止时间",
                                            "维保截止", "维保截止时间")),
    Column("remarks", "备注", ("remarks", "notes", "note")),
    Column("unit", "申报单位", ("unit", "applicant", "applicant unit")),
    Column("contact", "联系人", ("contact", "contact person")),
)

COLUMNS = {SheetKind.CAMERAS: CAMERA_COLUMNS, SheetKind.PROJECTS: PROJECT_COLUMNS}
# The column that identifies a sheet's kind and its header row.
KEY_COLUMN = {SheetKind.CAMERAS: "code", SheetKind.PROJECTS: "name"}
# Sheet names written on export and recognised on import.
SHEET_TITLE = {SheetKind.CAMERAS: "监控点位", SheetKind.PROJECTS: "项目"}
_SHEET_NAMES = {
    SheetKind.CAMERAS: {"监控点位", "点位", "点位信息", "监控点位信息", "一机一档", "cameras",
                        "camera"},
    SheetKind.PROJECTS: {"项目", "项目信息", "接入项目", "projects", "project"},
}

_NOISE = re.compile(r"[\s*_\-]+")


def normalize_header(text: str) -> str:
    return _NOISE.sub("", text.replace("（", "(").replace("）", ")")).casefold()


def _lookup(columns: tuple[Column, ...]) -> dict[str, str]:
    table: dict[str, str] = {}
    for column in columns:
        for name in (column.header, *column.aliases):
            table[normalize_header(name)] = column.key
    return table


_LOOKUP = {kind: _lookup(columns) for kind, columns in COLUMNS.items()}
HEADER_OF = {kind: {c.key: c.header for c in columns} for kind, columns in COLUMNS.items()}


def column_key(kind: SheetKind, header: str) -> str | None:
    """The field a header names on a sheet of this kind, or None when it is not ours."""
    return _LOOKUP[kind].get(normalize_header(header))


def kind_of_sheet_name(name: str) -> SheetKind | None:
    normal = normalize_header(name)
    for kind, names in _SHEET_NAMES.items():
        if normal in {normalize_header(n) for n in names}:
            return kind
    return None
