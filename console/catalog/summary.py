"""What an import did (or, for a dry run, would do), for the CLI, the dialog and the audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

AUDIT_CODE_LIMIT = 100  # codes listed in the audit record; the counts are always complete


@dataclass(frozen=True, slots=True)
class Counts:
    added: int = 0
    changed: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.added + self.changed + self.unchanged

    def __str__(self) -> str:
        return f"{self.added} added, {self.changed} changed, {self.unchanged} unchanged"


@dataclass(frozen=True, slots=True)
class ImportSummary:
    files: list[str]
    cameras: Counts
    projects: Counts
    regions_added: int = 0
    regions_changed: int = 0
    new_categories: list[str] = field(default_factory=list)
    added_codes: list[str] = field(default_factory=list)
    changed_codes: list[str] = field(default_factory=list)
    credentials_stored: int = 0
    cameras_stored: int = 0          # in the catalogue after the import
    ignored_columns: list[str] = field(default_factory=list)
    ignored_sheets: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def cameras_not_in_files(self) -> int:
        return self.cameras_stored - self.cameras.total

    def lines(self) -> list[str]:
        head = "dry run, nothing written: " if self.dry_run else ""
        lines = [f"{head}{', '.join(self.files)}: cameras {self.cameras}; "
                 f"projects {self.projects}; regions {self.regions_added} added, "
                 f"{self.regions_changed} renamed"]
        if self.new_categories:
            lines.append(f"new categories: {', '.join(self.new_categories)}")
        if self.credentials_stored:
            lines.append(f"credentials of {self.credentials_stored} camera(s) taken out of the "
                         "stream URLs and stored in the system keyring")
        if self.changed_codes:
            shown = ", ".join(self.changed_codes[:20])
            more = f" and {len(self.changed_codes) - 20} more" if len(self.changed_codes) > 20 \
                else ""
            lines.append(f"changed: {shown}{more}")
        if self.cameras_not_in_files > 0:
            lines.append(f"{self.cameras_not_in_files} stored camera(s) not in these files are "
                         "left as they are")
        if self.ignored_sheets:
            lines.append(f"sheets ignored (no catalogue header): {', '.join(self.ignored_sheets)}")
        if self.ignored_columns:
            lines.append(f"columns ignored: {', '.join(self.ignored_columns)}")
        return lines

    def audit_params(self) -> dict[str, Any]:
        return {
            "cameras_added": self.cameras.added,
            "cameras_changed": self.cameras.changed,
            "cameras_unchanged": self.cameras.unchanged,
            "projects_added": self.projects.added,
            "projects_changed": self.projects.changed,
            "projects_unchanged": self.projects.unchanged,
            "regions_added": self.regions_added,
            "regions_changed": self.regions_changed,
            "new_categories": self.new_categories,
            "credentials_stored": self.credentials_stored,
            "added_codes": self.added_codes[:AUDIT_CODE_LIMIT],
            "changed_codes": self.changed_codes[:AUDIT_CODE_LIMIT],
        }


@dataclass(frozen=True, slots=True)
class ExportSummary:
    file: str
    rows: dict[str, int]      # kind -> rows written
