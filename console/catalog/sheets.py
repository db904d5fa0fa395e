"""Reading catalogue files: xlsx (and xls/ods) through calamine, csv through the csv module.

A workbook may hold a camera sheet and a project sheet (recognised by name, else by the
header row); a csv file holds one kind, recognised by its header row. The header row may be
preceded by title rows (annex 1 has a title, 单位 and 填报时间 lines); row numbers are the
ones the spreadsheet shows, title rows counted.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from console.catalog.columns import (
    COLUMNS,
    HEADER_OF,
    KEY_COLUMN,
    SHEET_TITLE,
    SheetKind,
    column_key,
    kind_of_sheet_name,
)
from console.catalog.errors import CatalogFileError, RowError
from console.catalog.problems import Problem, english

Cell = str | int | float | bool | date | datetime | time | timedelta

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
CSV_SUFFIXES = (".csv", ".txt")
HEADER_SEARCH_ROWS = 30
# Lines under annex 1's table ("联系人：", "联系电话：", notes) are not data rows.
_FOOTER = re.compile(r"^(联系人|联系电话|填报人|审核人|负责人|注|备注|说明)\s*[：:]")


@dataclass(slots=True, eq=False)
class SheetData:
    file: str
    sheet: str
    kind: SheetKind
    header_row: int
    columns: dict[str, int]           # field key -> column index
    headers: dict[str, str]           # field key -> header text as written in the sheet
    ignored_headers: list[str]
    duplicate_headers: list[str]
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number, cells)

    def header(self, key: str) -> str:
        """How the sheet calls a field (its Chinese name when the sheet lacks the column)."""
        return self.headers.get(key) or HEADER_OF[self.kind][key]


@dataclass(frozen=True, slots=True)
class SourceFile:
    name: str
    sha256: str
    sheets: list[SheetData]
    problems: list[RowError]          # header problems (duplicate or missing columns)
    ignored_sheets: list[str]


def read_catalogue_file(path: Path) -> SourceFile:
    """Read one file; CatalogFileError when it cannot be a catalogue at all."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES:
        raise _file_error(name, Problem.FILE_NOT_SPREADSHEET)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _file_error(name, Problem.FILE_MISSING) from None
    except OSError as exc:
        raise _file_error(name, Problem.FILE_UNREADABLE, error=exc.strerror or str(exc)) \
            from None
    digest = hashlib.sha256(data).hexdigest()
    if suffix in CSV_SUFFIXES:
        grids: list[tuple[str | None, list[list[Cell]]]] = [(None, _csv_rows(name, data))]
    else:
        grids = _workbook_grids(name, data)
    sheets: list[SheetData] = []
    problems: list[RowError] = []
    ignored: list[str] = []
    for sheet_name, grid in grids:
        sheet = _recognise(name, sheet_name, grid)
        if sheet is None:
            ignored.append(sheet_name or name)
            continue
        problems += _header_problems(sheet)
        sheets.append(sheet)
    if not sheets:
        keys = " / ".join(HEADER_OF[k][KEY_COLUMN[k]] for k in SheetKind)
        raise _file_error(name, Problem.FILE_NO_HEADER if suffix in CSV_SUFFIXES
                          else Problem.FILE_NO_SHEET_HEADER, keys=keys, rows=HEADER_SEARCH_ROWS)
    return SourceFile(name, digest, sheets, problems, ignored)


def _file_error(name: str, problem: Problem, **params: Any) -> CatalogFileError:
    return CatalogFileError(name, english(problem, params), problem, params)


def _workbook_grids(name: str, data: bytes) -> list[tuple[str | None, list[list[Cell]]]]:
    try:
        with CalamineWorkbook.from_filelike(io.BytesIO(data)) as book:
            return [(sheet_name,
                     list(book.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)))
                    for sheet_name in book.sheet_names]
    except CalamineError as exc:
        raise _file_error(name, Problem.FILE_BAD_WORKBOOK, error=str(exc)) from None


def _csv_rows(name: str, data: bytes) -> list[list[Cell]]:
    text = _decode(name, data)
    sample = text[:8192]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        return [list[Cell](row) for row in reader]
    except csv.Error as exc:
        raise _file_error(name, Problem.FILE_BAD_CSV, error=str(exc)) from None


def _decode(name: str, data: bytes) -> str:
    """UTF-8 with or without BOM; UTF-16 with BOM (Excel's "Unicode text"); else GB18030,
    which is what Chinese Excel writes for "CSV"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        if b"\x00" in data[:4096]:
            raise _file_error(name, Problem.FILE_BINARY_CSV)
        encodings = ["utf-8-sig", "gb18030"]
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise _file_error(name, Problem.FILE_ENCODING)


def _filled(cell: Cell) -> bool:
    return bool(cell.strip()) if isinstance(cell, str) else True


def _recognise(file: str, sheet_name: str | None, grid: list[list[Cell]]) -> SheetData | None:
    named = kind_of_sheet_name(sheet_name) if sheet_name else None
    kinds = [named] if named else list(SheetKind)
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        for kind in kinds:
            keys = [column_key(kind, c) if isinstance(c, str) else None for c in row]
            if KEY_COLUMN[kind] in keys:
                return _sheet(file, sheet_name or SHEET_TITLE[kind], kind, index, row, keys,
                              grid)
    if named:
        key = HEADER_OF[named][KEY_COLUMN[named]]
        raise _file_error(file, Problem.SHEET_NO_HEADER, sheet=sheet_name, keys=key,
                          rows=HEADER_SEARCH_ROWS)
    return None


def _sheet(file: str, sheet_name: str, kind: SheetKind, index: int, header: list[Cell],
           keys: list[str | None], grid: list[list[Cell]]) -> SheetData:
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    ignored: list[str] = []
    duplicates: list[str] = []
    for col, (cell, key) in enumerate(zip(header, keys, strict=True)):
        text = str(cell).strip()
        if key is None:
            if text:
                ignored.append(text)
        elif key in columns:
            duplicates.append(text)
        else:
            columns[key] = col
            headers[key] = text
    sheet = SheetData(file, sheet_name, kind, index + 1, columns, headers, ignored, duplicates)
    key_col = columns[KEY_COLUMN[kind]]
    for number, row in enumerate(grid[index + 1:], start=index + 2):
        if not any(map(_filled, row)):
            continue
        if _is_footer(row, key_col):
            continue
        sheet.rows.append((number, row))
    return sheet


def _is_footer(row: list[Cell], key_col: int) -> bool:
    if key_col < len(row) and _filled(row[key_col]):
        return False
    filled = [c for c in row if _filled(c)]
    return (len(filled) == 1 and isinstance(filled[0], str)
            and bool(_FOOTER.match(filled[0].strip())))


def _header_problems(sheet: SheetData) -> list[RowError]:
    problems = [RowError(sheet.file, sheet.sheet, sheet.header_row, text,
                         english(Problem.DUPLICATE_COLUMN, {}), Problem.DUPLICATE_COLUMN)
                for text in sheet.duplicate_headers]
    for column in COLUMNS[sheet.kind]:
        if column.required and column.key not in sheet.columns:
            problems.append(RowError(sheet.file, sheet.sheet, sheet.header_row, column.header,
                                     english(Problem.MISSING_COLUMN, {}),
                                     Problem.MISSING_COLUMN))
    return problems
