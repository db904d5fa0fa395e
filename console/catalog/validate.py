"""Validating everything read from the files of one import: every bad row is reported, with
duplicates across the whole import (a code or a project name twice) and conflicting region
names. Pure: the stored units and projects come in as References."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from console.catalog import cells
from console.catalog.camera_rows import CameraRecord, kept_fields, parse_camera_row
from console.catalog.columns import KEY_COLUMN, SheetKind
from console.catalog.errors import RowError
from console.catalog.problems import Problem, english
from console.catalog.project_rows import ProjectRecord, kept_project_fields, parse_project_row
from console.catalog.sheets import Cell, SheetData, SourceFile


@dataclass(frozen=True, slots=True)
class References:
    """What rows may refer to: units (by code or exact name) and stored project names."""

    unit_codes: dict[str, int]
    unit_names: dict[str, int]
    projects: frozenset[str]

    def unit(self, text: str) -> int | None:
        found = self.unit_codes.get(text)
        if found is None:
            found = self.unit_names.get(text)
        if found is None:
            folded = text.casefold()
            found = next((i for c, i in self.unit_codes.items() if c.casefold() == folded), None)
        return found


@dataclass(slots=True)
class ValidCatalogue:
    cameras: list[CameraRecord] = field(default_factory=list)
    projects: list[ProjectRecord] = field(default_factory=list)
    regions: dict[str, str] = field(default_factory=dict)   # code -> name named in the files
    errors: list[RowError] = field(default_factory=list)


def validate(files: Sequence[SourceFile], refs: References) -> ValidCatalogue:
    result = ValidCatalogue()
    errors = result.errors
    for source in files:
        errors += source.problems
    sheets = [sheet for source in files for sheet in source.sheets]
    project_sheets = [s for s in sheets if s.kind == SheetKind.PROJECTS]
    camera_sheets = [s for s in sheets if s.kind == SheetKind.CAMERAS]
    units = functools.cache(refs.unit)  # rows name the same few units over and over

    seen: dict[str, tuple[SheetData, int]] = {}
    for sheet in project_sheets:
        keep = kept_project_fields(sheet)
        for number, row in sheet.rows:
            _check_duplicate(sheet, number, row, seen, Problem.DUPLICATE_PROJECT, errors)
            project = parse_project_row(sheet, number, row, keep, units, errors)
            if project is not None:
                result.projects.append(project)
    projects = set(refs.projects) | set(seen)

    seen = {}
    region_seen: dict[str, tuple[str, SheetData, int]] = {}
    for sheet in camera_sheets:
        keep = kept_fields(sheet)
        for number, row in sheet.rows:
            _check_duplicate(sheet, number, row, seen, Problem.DUPLICATE_CODE, errors)
            camera = parse_camera_row(sheet, number, row, keep, units, projects, errors)
            if camera is None:
                continue
            result.cameras.append(camera)
            if camera.region is not None:
                _check_region(sheet, number, camera.region, region_seen, errors)
    result.regions = {code: name for code, (name, _, _) in region_seen.items()}
    return result


def _check_duplicate(sheet: SheetData, number: int, row: list[Cell],
                     seen: dict[str, tuple[SheetData, int]], what: Problem,
                     errors: list[RowError]) -> None:
    key_field = KEY_COLUMN[sheet.kind]
    index = sheet.columns[key_field]
    if index >= len(row) or cells.is_blank(row[index]):
        return
    key = cells.text(row[index])
    other_sheet, other_row = seen.setdefault(key, (sheet, number))
    if other_sheet is sheet and other_row == number:
        return
    params: dict[str, Any] = {"value": repr(key), "first_row": other_row, "row": number}
    if other_sheet is not sheet:
        what = Problem.DUPLICATE_PROJECT_ELSEWHERE if what == Problem.DUPLICATE_PROJECT \
            else Problem.DUPLICATE_CODE_ELSEWHERE
        params.update(first_file=other_sheet.file, first_sheet=other_sheet.sheet)
    errors.append(RowError(sheet.file, sheet.sheet, number, sheet.header(key_field),
                           english(what, params), what, params))


def _check_region(sheet: SheetData, number: int, region: tuple[str, str],
                  seen: dict[str, tuple[str, SheetData, int]], errors: list[RowError]) -> None:
    code, name = region
    first = seen.setdefault(code, (name, sheet, number))
    if first[0] != name:
        other_sheet, other_row = first[1], first[2]
        params: dict[str, Any] = {"value": repr(name), "code": code,
                                  "first": repr(first[0]), "first_row": other_row}
        problem = Problem.REGION_NAME_CONFLICT
        if other_sheet is not sheet:
            problem = Problem.REGION_NAME_CONFLICT_ELSEWHERE
            params.update(first_file=other_sheet.file, first_sheet=other_sheet.sheet)
        errors.append(RowError(sheet.file, sheet.sheet, number, sheet.header("region_name"),
                               english(problem, params), problem, params))
