"""Exporting the catalogue metadata: an xlsx workbook (sheets 监控点位 and 项目) or one csv
per kind (UTF-8 with BOM, so Excel opens it). Chinese headers, the values in the form the
importer reads back unchanged. Credentials are never in it: the database has none."""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from console.catalog.cells import LOCAL_TIME
from console.catalog.columns import COLUMNS, SHEET_TITLE, SheetKind
from console.catalog.records import CAMERA_TYPE_NAMES, SHARE_TYPE_NAMES, CameraType
from console.storage.models import Camera, Project, Region, Unit

EXPORT_SUFFIXES = (".xlsx", ".csv")
_TEXT_COLUMNS = {"code", "region_code"}   # digits that must stay text in Excel
_WIDTHS = {"code": 24, "name": 28, "location": 28, "legal_basis": 36, "main_stream": 44,
           "sub_stream": 44, "last_seen": 20}


@dataclass(frozen=True, slots=True)
class ExportTable:
    kind: SheetKind
    headers: list[str]
    keys: list[str]
    rows: list[list[Any]]


def load_tables(s: Session, kinds: Sequence[SheetKind]) -> list[ExportTable]:
    units = dict(s.execute(select(Unit.id, Unit.code)).all())
    projects = list(s.execute(select(Project).order_by(Project.name)).scalars())
    tables = []
    for kind in kinds:
        columns = COLUMNS[kind]
        rows = (_camera_rows(s, units, {p.id: p.name for p in projects})
                if kind == SheetKind.CAMERAS else _project_rows(projects, units))
        tables.append(ExportTable(kind, [c.header for c in columns], [c.key for c in columns],
                                  rows))
    return tables


def _camera_rows(s: Session, units: dict[int, str], projects: dict[int, str]) -> list[list[Any]]:
    regions = dict(s.execute(select(Region.code, Region.name)).all())
    rows = []
    for c in s.execute(select(Camera).order_by(Camera.code)).scalars():
        rows.append([
            c.code, c.name, c.location, c.region_code, regions.get(c.region_code, ""),
            c.category,
            _camera_type(c.camera_type),
            "是" if c.ptz_capable else "否", c.home_preset,
            units.get(c.owner_unit_id, ""), c.maintainer, c.contact,
            projects.get(c.project_id, "") if c.project_id else "", c.contractor,
            c.warranty_end, SHARE_TYPE_NAMES[c.share_type][0], c.legal_basis,
            c.longitude, c.latitude, c.main_stream, c.sub_stream, c.ptz_address,
            "在线" if c.online else "离线", _local_text(c.last_seen),
        ])
    return rows


def _project_rows(projects: list[Project], units: dict[int, str]) -> list[list[Any]]:
    return [[f"{n:02d}", p.resource_type, p.name, SHARE_TYPE_NAMES[p.share_type][0],
             p.total_count, p.shared_count, p.contractor, p.warranty_end, p.remarks,
             units.get(p.unit_id, "") if p.unit_id else "", p.contact]
            for n, p in enumerate(projects, start=1)]


def _camera_type(value: int | None) -> str:
    if value is None:
        return ""
    try:
        return CAMERA_TYPE_NAMES[CameraType(value)][0]
    except ValueError:  # not a GB PTZType (a platform may report others): keep the number
        return str(value)


def _local_text(value: datetime | None) -> str:
    """Beijing time as text, to the second (microseconds only when there are some)."""
    if value is None:
        return ""
    return value.astimezone(LOCAL_TIME).replace(tzinfo=None).isoformat(sep=" ")


def write_file(path: Path, tables: Sequence[ExportTable]) -> Path:
    """Write next to ``path`` under a temporary name; the caller moves it into place with
    ``os.replace`` once the export is audited. Returns the temporary path."""
    temp = path.with_name(f".{path.name}.part")
    try:
        if path.suffix.lower() == ".xlsx":
            _write_xlsx(temp, tables)
        else:
            (table,) = tables
            _write_csv(temp, table)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def _write_xlsx(path: Path, tables: Sequence[ExportTable]) -> None:
    book = Workbook(write_only=True)
    for table in tables:
        sheet = book.create_sheet(SHEET_TITLE[table.kind])
        for index, key in enumerate(table.keys, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = _WIDTHS.get(key, 14)
        sheet.freeze_panes = "B2"
        text_columns = [i for i, k in enumerate(table.keys) if k in _TEXT_COLUMNS]
        sheet.append(table.headers)
        for row in table.rows:
            cells: list[Any] = list(row)
            for i in text_columns:
                cell = WriteOnlyCell(sheet, value=row[i])
                cell.number_format = "@"
                cells[i] = cell
            sheet.append(cells)
    book.save(path)


def _write_csv(path: Path, table: ExportTable) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(table.headers)
        writer.writerows([_csv_value(v) for v in row] for row in table.rows)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value
