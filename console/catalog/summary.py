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


@dataclass(frozen=True, slots=True)
class SyncSummary:
    """What a sync from the city platform did (or, for a dry run, would do)."""

    platform: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    unchanged: int = 0
    gone: list[str] = field(default_factory=list)
    skipped: int = 0
    devices: int = 0
    regions_added: int = 0
    regions_changed: int = 0
    went_online: int = 0
    went_offline: int = 0
    groups_added: list[str] = field(default_factory=list)
    groups_changed: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        head = "dry run, nothing written: " if self.dry_run else ""
        lines = [f"{head}{self.platform}: {self.devices} device(s); cameras "
                 f"{len(self.added)} added, {len(self.changed)} changed, {self.unchanged} "
                 f"unchanged, {len(self.gone)} gone; regions {self.regions_added} added, "
                 f"{self.regions_changed} renamed; {self.went_online} came online, "
                 f"{self.went_offline} went offline"]
        for what, codes in (("added", self.added), ("changed", self.changed),
                            ("gone (no longer on the platform, left as they are)", self.gone)):
            if codes:
                more = f" and {len(codes) - 20} more" if len(codes) > 20 else ""
                lines.append(f"{what}: {', '.join(codes[:20])}{more}")
        if self.groups_added or self.groups_changed:
            lines.append(f"business groups: {len(self.groups_added)} added, "
                         f"{len(self.groups_changed)} with new cameras: "
                         f"{', '.join((self.groups_added + self.groups_changed)[:20])}")
        if self.skipped:
            lines.append(f"{self.skipped} channel(s) skipped: not cameras (directory nodes, "
                         "other device types)")
        return lines

    def audit_params(self) -> dict[str, Any]:
        return {"platform": self.platform, "devices": self.devices,
                "cameras_added": len(self.added), "cameras_changed": len(self.changed),
                "cameras_unchanged": self.unchanged, "cameras_gone": len(self.gone),
                "channels_skipped": self.skipped, "regions_added": self.regions_added,
                "regions_changed": self.regions_changed, "went_online": self.went_online,
                "went_offline": self.went_offline,
                "groups_added": self.groups_added[:AUDIT_CODE_LIMIT],
                "groups_changed": self.groups_changed[:AUDIT_CODE_LIMIT],
                "added_codes": self.added[:AUDIT_CODE_LIMIT],
                "changed_codes": self.changed[:AUDIT_CODE_LIMIT],
                "gone_codes": self.gone[:AUDIT_CODE_LIMIT]}
