"""Reading the cells of one sheet row by field, collecting every problem of the row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from console.catalog import cells
from console.catalog.cells import CellError
from console.catalog.errors import RowError
from console.catalog.problems import Problem, english
from console.catalog.sheets import Cell, SheetData


class RowReader:
    __slots__ = ("_before", "_columns", "errors", "number", "row", "sheet")

    def __init__(self, sheet: SheetData, number: int, row: list[Cell],
                 errors: list[RowError]) -> None:
        self.sheet = sheet
        self.number = number
        self.row = row
        self.errors = errors
        self._columns = sheet.columns
        self._before = len(errors)

    def cell(self, key: str) -> Cell:
        """The raw cell of a field ("" when the sheet has no such column)."""
        index = self._columns.get(key)
        return self.row[index] if index is not None and index < len(self.row) else ""

    def blank(self, key: str) -> bool:
        return cells.is_blank(self.cell(key))

    def fail(self, key: str, problem: Problem, **params: Any) -> None:
        self.errors.append(RowError(self.sheet.file, self.sheet.sheet, self.number,
                                    self.sheet.header(key), english(problem, params),
                                    problem, params))

    def field(self, key: str, parse: Callable[[Cell], Any], default: Any = None) -> Any:
        """The parsed value of a field; ``default`` when blank or (reported) invalid."""
        value = self.cell(key)
        if cells.is_blank(value):
            return default
        try:
            return parse(value)
        except CellError as exc:
            self.fail(key, exc.code, **exc.params)
            return default

    @property
    def ok(self) -> bool:
        """No problem found in this row so far."""
        return len(self.errors) == self._before
