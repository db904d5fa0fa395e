"""Catalogue export: xlsx with two sheets or csv per kind, Chinese headers, codes as text,
audited, admin only; an exported file re-imports as all unchanged."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from console.audit.writer import Actor
from console.catalog.demo import DEMO_CATALOGUE_FILES
from console.catalog.errors import CatalogError
from console.catalog.service import CatalogService
from console.clock import FixedClock
from console.codes import Action, Reason
from console.storage.database import Database
from tests.catalog_support import (
    C2,
    C3,
    CAMERA_HEADER,
    PROJECT_HEADER,
    audit_records,
    good_rows,
    make_catalog,
    project_row,
    write_xlsx,
)
from tests.conftest import INSTALLER


@pytest.fixture
def catalog(db: Database, clock: FixedClock, hashing) -> CatalogService:
    service = make_catalog(db, clock, hashing)
    service.import_files(INSTALLER, DEMO_CATALOGUE_FILES)
    return service


def test_xlsx_export_has_both_sheets_with_text_codes(catalog: CatalogService,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "目录.xlsx"
    result = catalog.export(INSTALLER, path)
    assert result.rows == {"cameras": 60, "projects": 4}
    with CalamineWorkbook.from_path(path) as book:
        assert book.sheet_names == ["监控点位", "项目"]
        cameras = book.get_sheet_by_name("监控点位").to_python()
        projects = book.get_sheet_by_name("项目").to_python()
    assert cameras[0] == CAMERA_HEADER
    assert all(isinstance(row[0], str) and len(row[0]) == 20 for row in cameras[1:])
    assert all(isinstance(row[3], str) for row in cameras[1:])  # region codes stay text
    assert projects[0] == PROJECT_HEADER
    assert [row[0] for row in projects[1:]] == ["01", "02", "03", "04"]
    assert not list(tmp_path.glob(".*.part"))  # the temporary file was moved into place


def test_export_round_trip_is_all_unchanged(catalog: CatalogService, tmp_path: Path) -> None:
    catalog.export(INSTALLER, tmp_path / "all.xlsx")
    catalog.export(INSTALLER, tmp_path / "cameras.csv")
    catalog.export(INSTALLER, tmp_path / "projects.csv", kind="projects")
    for files in ([tmp_path / "all.xlsx"], [tmp_path / "projects.csv", tmp_path / "cameras.csv"]):
        summary = catalog.import_files(INSTALLER, files)
        assert (summary.cameras.added, summary.cameras.changed, summary.cameras.unchanged) == (
            0, 0, 60), files
        assert (summary.projects.added, summary.projects.changed,
                summary.projects.unchanged) == (0, 0, 4)
        assert (summary.regions_added, summary.regions_changed) == (0, 0)
        assert summary.ignored_columns == []


def test_round_trip_keeps_times_dates_and_edge_values(db: Database, clock: FixedClock, hashing,
                                                      tmp_path: Path) -> None:
    service = make_catalog(db, clock, hashing)
    rows = good_rows()
    rows[1][CAMERA_HEADER.index("最后在线时间")] = "2026-11-20 08:30:15.250000"
    rows[2][CAMERA_HEADER.index("经度")] = "120.123456789012"
    rows[2][CAMERA_HEADER.index("纬度")] = "-0.5"
    source = write_xlsx(tmp_path / "src.xlsx", {"监控点位": [CAMERA_HEADER, *rows],
                                                "项目": [PROJECT_HEADER, project_row()]})
    service.import_files(INSTALLER, [source])
    for name in ("out.xlsx", "out.csv"):
        service.export(INSTALLER, tmp_path / name)
    csv_rows = list(csv.reader((tmp_path / "out.csv").open(encoding="utf-8-sig")))
    by_code = {row[0]: row for row in csv_rows[1:]}
    assert by_code[C2][CAMERA_HEADER.index("最后在线时间")] == "2026-11-20 08:30:15.250000"
    assert by_code[C3][CAMERA_HEADER.index("经度")] == "120.123456789012"
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # BOM for Excel
    for name in ("out.xlsx", "out.csv"):
        summary = service.import_files(INSTALLER, [tmp_path / name])
        assert summary.cameras.unchanged == 3 and summary.cameras.changed == 0, name


def test_export_is_audited_and_admin_only(db: Database, catalog: CatalogService,
                                          tmp_path: Path) -> None:
    catalog.export(INSTALLER, tmp_path / "cams.csv")
    (record,) = audit_records(db, Action.CATALOG_EXPORT)
    assert record.outcome == "ok" and record.target == "cams.csv"
    assert json.loads(record.params)["rows"] == {"cameras": 60}

    supervisor = Actor(account="wangwu", role="supervisor", user_id=3)
    with pytest.raises(CatalogError) as caught:
        catalog.export(supervisor, tmp_path / "leak.xlsx")
    assert caught.value.reason == Reason.NOT_PERMITTED
    assert not (tmp_path / "leak.xlsx").exists()
    with pytest.raises(CatalogError, match=r"file: notes\.pdf: give a file name ending in"):
        catalog.export(INSTALLER, tmp_path / "notes.pdf")
    with pytest.raises(CatalogError, match="is not a directory"):
        catalog.export(INSTALLER, tmp_path / "nowhere" / "cams.csv")
    outcomes = [(r.actor, r.outcome, r.reason) for r in audit_records(db, Action.CATALOG_EXPORT)]
    assert outcomes[1:] == [("wangwu", "denied", "NOT_PERMITTED"),
                            (INSTALLER.account, "denied", "INVALID_INPUT"),
                            (INSTALLER.account, "denied", "INVALID_INPUT")]
