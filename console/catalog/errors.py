"""Refusals of catalogue commands. Each names its field; an import refusal carries every row
error it found (sheet, spreadsheet row number as the user sees it, field, message)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from console.codes import Reason


class CatalogError(ValueError):
    """A refused catalogue command. ``field`` names the offending input; ``params`` go into the
    refusal's audit record (codes and counts, never a secret)."""

    def __init__(self, field: str, message: str, reason: Reason = Reason.INVALID_INPUT,
                 params: dict[str, Any] | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = reason
        self.params: dict[str, Any] = params or {}


class CatalogFileError(CatalogError):
    """A file that cannot be imported at all: missing, unreadable, not a spreadsheet, or with
    no sheet we recognise."""

    def __init__(self, file: str, message: str, code: str = "",
                 problem_params: dict[str, Any] | None = None) -> None:
        super().__init__("file", f"{file}: {message}", Reason.IMPORT_REJECTED)
        self.file = file
        self.detail = message             # English (CLI, audit)
        self.code = code                  # a console.catalog.problems.Problem, for the views
        self.problem_params: dict[str, Any] = problem_params or {}

    def __str__(self) -> str:
        return f"{self.file}: {self.detail}"


@dataclass(frozen=True, slots=True)
class RowError:
    file: str
    sheet: str
    row: int        # 1-based, as the spreadsheet shows it (title rows counted)
    field: str      # the header as written in the sheet
    message: str    # English (CLI, audit); the console translates ``code`` with ``params``
    code: str = ""  # a console.catalog.problems.Problem
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def __str__(self) -> str:
        return f"{self.file} {self.sheet} row {self.row}, {self.field}: {self.message}"


class CatalogImportError(CatalogError):
    """The import was refused: nothing was written. ``errors`` holds every problem found."""

    DISPLAY_LIMIT = 100

    def __init__(self, errors: Sequence[RowError], params: dict[str, Any] | None = None) -> None:
        self.errors = list(errors)
        count = len(self.errors)
        super().__init__("file", f"nothing imported ({count} error{'s' if count != 1 else ''})",
                         Reason.IMPORT_REJECTED, params)

    def __str__(self) -> str:
        first = f"; first: {self.errors[0]}" if self.errors else ""
        return f"nothing imported ({len(self.errors)} errors){first}"

    def display_lines(self, limit: int = DISPLAY_LIMIT) -> list[str]:
        """The errors for a screen or a terminal: at most ``limit`` of them, then a count."""
        lines = [str(e) for e in self.errors[:limit]]
        if len(self.errors) > limit:
            lines.append(f"... and {len(self.errors) - limit} more")
        return lines
