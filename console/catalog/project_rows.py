"""One row of the project sheet (annex 1 of the Gusu rules) -> a ProjectRecord."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from console.catalog import cells
from console.catalog.camera_rows import share_type_of
from console.catalog.errors import RowError
from console.catalog.problems import Problem
from console.catalog.row_reader import RowReader
from console.catalog.sheets import Cell, SheetData

PROJECT_FIELDS = ("resource_type", "share_type", "total_count", "shared_count", "contractor",
                  "warranty_end", "unit_id", "contact", "remarks")
_SOURCES = {f: f for f in PROJECT_FIELDS} | {"unit_id": "unit"}

VIDEO = "视频监控类"
RESOURCE_TYPES = cells.choice_options({
    VIDEO: ("视频监控", "video", "video surveillance", "cctv"),
    "融合通讯类": ("融合通讯", "融合通信类", "融合通信", "converged communications",
                   "unified communications"),
})


@dataclass(frozen=True, slots=True)
class ProjectRecord:
    name: str
    values: tuple[Any, ...]      # PROJECT_FIELDS order
    keep: frozenset[int]         # fields the sheet does not carry (stored value kept)
    row: int


def kept_project_fields(sheet: SheetData) -> frozenset[int]:
    return frozenset(i for i, f in enumerate(PROJECT_FIELDS) if _SOURCES[f] not in sheet.columns)


def parse_project_row(sheet: SheetData, number: int, row: list[Cell], keep: frozenset[int],
                      units: Callable[[str], int | None],
                      errors: list[RowError]) -> ProjectRecord | None:
    r = RowReader(sheet, number, row, errors)
    fail, field = r.fail, r.field
    name = field("name", _TEXT_200, "")
    resource_type = field("resource_type", _resource_type, VIDEO)
    share_type = field("share_type", share_type_of)
    total = field("total_count", _COUNT)
    shared = field("shared_count", _COUNT)
    if total is not None and shared is not None and shared > total:
        fail("shared_count", Problem.SHARED_MORE_THAN_TOTAL, shared=shared,
             total_header=sheet.header("total_count"), total=total)
    contractor = field("contractor", _TEXT_200, "")
    warranty_end = field("warranty_end", cells.a_date)
    unit_text = field("unit", _TEXT_200, "")
    unit_id = units(unit_text) if unit_text else None
    if unit_text and unit_id is None:
        fail("unit", Problem.UNKNOWN_UNIT, value=repr(unit_text))
    contact = field("contact", _TEXT_100, "")
    remarks = field("remarks", _TEXT_500, "")
    for key in ("name", "share_type"):
        if r.blank(key):
            fail(key, Problem.EMPTY)
    if not r.ok:
        return None
    values = (resource_type, share_type, total, shared, contractor, warranty_end, unit_id,
              contact, remarks)
    return ProjectRecord(name, values, keep, number)


_TEXT_100 = partial(cells.bounded_text, max_length=100)
_TEXT_200 = partial(cells.bounded_text, max_length=200)
_TEXT_500 = partial(cells.bounded_text, max_length=500)
_COUNT = partial(cells.integer, low=0, suffix="路")


def _resource_type(cell: Cell) -> str:
    return cells.choice(cell, RESOURCE_TYPES, Problem.NOT_RESOURCE_TYPE)
