"""Catalogue import (一机一档): valid files land with the right values and counts, a re-import
is unchanged, every bad row is reported with its row and field and nothing is written."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import keyring.errors
import pytest
from sqlalchemy import text

from console.audit.writer import Actor
from console.catalog.errors import CatalogError, CatalogFileError, CatalogImportError
from console.catalog.service import CatalogService
from console.clock import FixedClock
from console.codes import Action, Reason
from console.settings_store import access_revision
from console.storage.database import Database
from console.storage.models import Project, Region
from tests.catalog_support import (
    ANNEX_FOOTER,
    ANNEX_TITLE,
    C1,
    C2,
    C3,
    CAMERA_HEADER,
    PROJECT_HEADER,
    audit_records,
    camera,
    camera_row,
    counts,
    good_rows,
    make_catalog,
    project_row,
    write_csv,
    write_xlsx,
)
from tests.conftest import INSTALLER as INSTALLER_ACTOR


@pytest.fixture
def catalog(db: Database, clock: FixedClock, hashing) -> CatalogService:
    return make_catalog(db, clock, hashing)


def _revision(db: Database) -> str:
    with db.transaction() as s:
        return access_revision(s)


def _good_workbook(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "catalogue.xlsx", {
        "监控点位": [CAMERA_HEADER, *good_rows()],
        "项目": [*ANNEX_TITLE, PROJECT_HEADER, project_row(), *ANNEX_FOOTER],
    })


def test_valid_import_stores_every_field(db: Database, catalog: CatalogService,
                                         tmp_path: Path) -> None:
    path = _good_workbook(tmp_path)
    revision = _revision(db)
    summary = catalog.import_files(INSTALLER_ACTOR, [path])

    assert (summary.cameras.added, summary.cameras.changed, summary.cameras.unchanged) == (3, 0, 0)
    assert (summary.projects.added, summary.projects.changed) == (1, 0)
    assert summary.regions_added == 2
    assert summary.new_categories == ["景区周边"]  # not a standard category, not stored yet
    assert summary.added_codes == [C1, C2, C3]
    assert counts(db) == {"cameras": 3, "regions": 2, "projects": 1, "camera_groups": 0}
    assert _revision(db) != revision

    dome = camera(db, C1)
    assert dome.region_code == "32050801"          # blank: from the device code
    assert dome.camera_type == 1 and dome.ptz_capable and dome.home_preset == 1
    assert dome.warranty_end == date(2023, 12, 31)  # YYYY年M月D日
    assert (dome.longitude, dome.latitude) == (120.63, 31.318)
    assert dome.online and dome.last_seen is None
    assert dome.share_type == "unconditional" and not dome.has_credentials
    assert dome.main_stream == f"rtsp://127.0.0.1:8554/demo/{C1}/main"
    with db.transaction() as s:
        project = s.query(Project).one()
        assert dome.project_id == project.id
        assert (project.total_count, project.shared_count) == (1121, 1121)  # "1121路"
        assert project.resource_type == "视频监控类"
        assert project.warranty_end == date(2023, 12, 31)
        regions = {r.code: r.name for r in s.query(Region)}
    assert regions == {"32050801": "平江街道", "32057103": "金鸡湖街道"}

    cond = camera(db, C2)
    assert cond.share_type == "conditional" and not cond.ptz_capable  # bullet: no PTZ
    assert cond.online is False
    assert cond.last_seen == datetime(2026, 11, 20, 0, 30, tzinfo=UTC)  # 08:30 Beijing
    assert cond.warranty_end == date(2026, 6, 30)                       # YYYY/M/D
    owner = camera(db, C3)
    assert owner.share_type == "not_shared" and owner.longitude is None
    assert owner.camera_type == 2 and owner.ptz_capable is False

    (record,) = audit_records(db, Action.CATALOG_IMPORT)
    params = json.loads(record.params)
    assert record.outcome == "ok" and record.target == "catalogue.xlsx"
    assert params["cameras_added"] == 3 and params["projects_added"] == 1
    assert params["sha256"] == [hashlib.sha256(path.read_bytes()).hexdigest()]


def test_reimport_is_unchanged_then_one_change_is_counted(db: Database, catalog: CatalogService,
                                                          tmp_path: Path) -> None:
    path = _good_workbook(tmp_path)
    catalog.import_files(INSTALLER_ACTOR, [path])
    revision = _revision(db)

    again = catalog.import_files(INSTALLER_ACTOR, [path])
    assert (again.cameras.added, again.cameras.changed, again.cameras.unchanged) == (0, 0, 3)
    assert (again.projects.added, again.projects.changed, again.projects.unchanged) == (0, 0, 1)
    assert again.regions_added == 0 and again.new_categories == []
    assert _revision(db) == revision   # nothing changed: running consoles keep their tree
    assert len(audit_records(db, Action.CATALOG_IMPORT)) == 2  # every import is audited

    rows = good_rows()
    rows[1][CAMERA_HEADER.index("点位名称")] = "观前街北局（东）"
    changed = write_xlsx(tmp_path / "changed.xlsx", {"监控点位": [CAMERA_HEADER, *rows]})
    summary = catalog.import_files(INSTALLER_ACTOR, [changed])
    assert (summary.cameras.added, summary.cameras.changed, summary.cameras.unchanged) == (0, 1, 2)
    assert summary.changed_codes == [C2]
    assert camera(db, C2).name == "观前街北局（东）"
    assert _revision(db) != revision


def test_cameras_not_in_the_file_and_absent_columns_are_left_alone(
        db: Database, catalog: CatalogService, tmp_path: Path) -> None:
    catalog.import_files(INSTALLER_ACTOR, [_good_workbook(tmp_path)])
    # A partial catalogue: only C2, only the required columns (no streams, no status).
    partial = write_csv(tmp_path / "partial.csv", [
        ["设备编码", "点位名称", "监控类别", "建设单位", "共享类型", "共享依据"],
        [C2, "观前街北局", "背街小巷", "GUSU-PSB", "有条件共享",
         "《公共安全视频图像信息系统管理条例》第十二条"],
    ])
    summary = catalog.import_files(INSTALLER_ACTOR, [partial])
    assert (summary.cameras.changed, summary.cameras.unchanged) == (0, 1)
    assert summary.cameras_not_in_files == 2
    assert any("2 stored camera(s) not in these files are left" in line
               for line in summary.lines())
    kept = camera(db, C2)
    assert kept.main_stream.endswith("/main") and kept.last_seen is not None
    assert counts(db)["cameras"] == 3


def _malformed_rows() -> list[list[object]]:
    return [
        camera_row(C1, "平江路新名字"),                                        # row 5: valid
        camera_row("3205080100132000001"),                                    # 6: 19 digits
        camera_row("32050801001320000010", 建设单位="NOPE-UNIT"),             # 7
        camera_row("32050801001320000011", 共享类型="有条件共享"),             # 8: no basis
        camera_row("32050801001320000012", 维保截止="2023-13-45"),            # 9
        camera_row("32050801001320000013", 经度="", 纬度="31.3"),              # 10
        camera_row(C1, "重复"),                                                # 11: duplicate
    ]


EXPECTED = [(6, "设备编码"), (7, "建设单位"), (8, "共享依据"), (9, "维保截止"), (10, "经度"),
            (11, "设备编码"), (12, "设备编码")]


def test_malformed_xlsx_reports_every_row_and_writes_nothing(
        db: Database, catalog: CatalogService, tmp_path: Path) -> None:
    catalog.import_files(INSTALLER_ACTOR, [_good_workbook(tmp_path)])
    before, revision = counts(db), _revision(db)
    rows = [*ANNEX_TITLE, CAMERA_HEADER, *_malformed_rows(),
            camera_row(32050801001320000099),  # 12: typed as a number, digits lost
            [],                                # 13: blank, skipped
            camera_row("32050801001320000014", 行政区划名称="新区域"),  # 14: valid
            ]
    path = write_xlsx(tmp_path / "bad.xlsx", {"监控点位": rows})

    with pytest.raises(CatalogImportError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [path])
    errors = caught.value.errors
    assert [(e.row, e.field) for e in errors] == EXPECTED
    assert {e.file for e in errors} == {"bad.xlsx"} and {e.sheet for e in errors} == {"监控点位"}
    by_row = {e.row: e.message for e in errors}
    assert "must be exactly 20 digits" in by_row[6]
    assert "'NOPE-UNIT' is not a registered unit" in by_row[7]
    assert "legal basis" in by_row[8]
    assert "'2023-13-45' is not a valid date" in by_row[9]
    assert "missing while 纬度 is given" in by_row[10]
    assert "row 5 and row 11" in by_row[11]
    assert "is a number in the sheet" in by_row[12] and "format the column as text" in by_row[12]
    assert str(errors[0]).startswith("bad.xlsx 监控点位 row 6, 设备编码: '3205080100132000001'")

    assert counts(db) == before                      # not even the new region
    assert camera(db, C1).name == "平江路与白塔东路交叉口"  # the valid row 5 was not applied
    assert _revision(db) == revision
    denied = audit_records(db, Action.CATALOG_IMPORT)[-1]
    params = json.loads(denied.params)
    assert (denied.outcome, denied.reason) == ("denied", Reason.IMPORT_REJECTED)
    assert params["error_count"] == 7
    assert params["first_error"] == str(errors[0])
    assert params["files"] == ["bad.xlsx"]
    assert params["sha256"] == [hashlib.sha256(path.read_bytes()).hexdigest()]


def test_malformed_csv_reports_every_row(db: Database, catalog: CatalogService,
                                         tmp_path: Path) -> None:
    rows = [["苏州市视频资源目录（2026年第4季度）"], CAMERA_HEADER, *_malformed_rows(),
            camera_row("3.20508E+19")]  # what Excel writes back for a number-formatted code
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(CatalogImportError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [path])
    # one title row instead of three: every row number is two lower than in the xlsx
    assert [(e.row, e.field) for e in caught.value.errors] == [(r - 2, f) for r, f in EXPECTED]
    assert "is a number in the sheet (3.20508E+19)" in caught.value.errors[-1].message
    assert str(caught.value.errors[0]).startswith("bad.csv 监控点位 row 4, 设备编码:")
    assert counts(db)["cameras"] == 0
    assert audit_records(db, Action.CATALOG_IMPORT)[-1].outcome == "denied"


def test_more_row_rules(catalog: CatalogService, tmp_path: Path) -> None:
    rows = [
        CAMERA_HEADER,
        camera_row("32050801001320000021", 看守位="3"),               # 2: preset on a bullet
        camera_row("32050801001320000022", 项目名称="不存在的项目"),    # 3
        camera_row("32050801001320000023", 主码流地址="ftp://10.0.0.1/x"),  # 4
        camera_row("32050801001320000024", 经度="200", 纬度="31"),      # 5
        camera_row("32050801001320000025", 点位名称="", 共享类型="随便"),  # 6: two fields
        camera_row("32050801001110000026"),                            # 7: a DVR code
        camera_row("32050801001320000027", 主码流地址="rtsp://ua:Pw1Secret@10.0.0.1/m",
                   子码流地址="rtsp://ub:Pw2Secret@10.0.0.1/s"),       # 8: two accounts
        camera_row("32050801001320000028", 行政区划名称="平江街道"),
        camera_row("32050801001320000029", 行政区划名称="平江"),         # 10: conflicting name
    ]
    with pytest.raises(CatalogImportError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [write_csv(tmp_path / "more.csv", rows)])
    found = [(e.row, e.field) for e in caught.value.errors]
    assert found == [(2, "看守位"), (3, "项目名称"), (4, "主码流地址"), (5, "经度"),
                     (6, "共享类型"), (6, "点位名称"), (7, "设备编码"), (8, "子码流地址"),
                     (10, "行政区划名称")]
    messages = " | ".join(e.message for e in caught.value.errors)
    assert "Pw1Secret" not in messages and "Pw2Secret" not in messages


def test_project_sheet_rules(catalog: CatalogService, tmp_path: Path) -> None:
    rows = [*ANNEX_TITLE, PROJECT_HEADER,
            project_row("甲项目", 总建数量="10", 共享数量="12"),     # row 5
            project_row("乙项目", 总建数量="-1"),                    # 6
            project_row("丙项目", 资源类型="卫星通讯类"),              # 7
            project_row("甲项目"),                                   # 8: duplicate
            project_row("丁项目", 申报单位="NOPE"),                   # 9
            *ANNEX_FOOTER]
    with pytest.raises(CatalogImportError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [write_csv(tmp_path / "projects.csv", rows)])
    assert [(e.sheet, e.row, e.field) for e in caught.value.errors] == [
        ("项目", 5, "共享数量"), ("项目", 6, "总建数量"), ("项目", 7, "资源类型"),
        ("项目", 8, "资源名称"), ("项目", 9, "申报单位")]


def test_several_files_are_one_all_or_nothing_import(db: Database, catalog: CatalogService,
                                                     tmp_path: Path) -> None:
    projects = write_csv(tmp_path / "projects.csv",
                         [*ANNEX_TITLE, PROJECT_HEADER, project_row(), *ANNEX_FOOTER])
    cameras = write_csv(tmp_path / "cameras.csv", [CAMERA_HEADER, *good_rows()])
    bad = write_csv(tmp_path / "more.csv", [CAMERA_HEADER, camera_row(C1, "重复")])
    with pytest.raises(CatalogImportError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [projects, cameras, bad])
    (error,) = caught.value.errors
    assert str(error) == ("more.csv 监控点位 row 2, 设备编码: code "
                          f"'{C1}' appears twice: cameras.csv 监控点位 row 2 and row 2")
    assert counts(db) == {"cameras": 0, "regions": 0, "projects": 0, "camera_groups": 0}
    # the project sheet of the same import satisfies the cameras' 项目名称
    summary = catalog.import_files(INSTALLER_ACTOR, [cameras, projects])
    assert (summary.cameras.added, summary.projects.added) == (3, 1)


def test_gb18030_csv_and_english_headers(db: Database, catalog: CatalogService,
                                         tmp_path: Path) -> None:
    gbk = write_csv(tmp_path / "gbk.csv", [CAMERA_HEADER, *good_rows()[1:2]],
                    encoding="gb18030")
    with pytest.raises(UnicodeDecodeError):
        gbk.read_bytes().decode("utf-8")
    assert catalog.import_files(INSTALLER_ACTOR, [gbk]).cameras.added == 1
    assert camera(db, C2).name == "观前街北局"

    english = write_csv(tmp_path / "english.csv", [
        ["  CODE ", "Name", "Category", "owner_unit", "Share Type", "Legal Basis",
         "camera type", "PTZ", "Home Preset", "Longitude", "Latitude", "Online", "Last Seen",
         "Main Stream"],
        [C3, "Jinji Lake east", "道路交通", "city-ops", "conditional", "Art. 12", "dome", "yes",
         "2", "120.7", "31.31", "online", "2026-11-20T08:30:00+08:00",
         "http://10.0.0.9:8080/live/c3.flv"],
    ])
    assert catalog.import_files(INSTALLER_ACTOR, [english]).cameras.added == 1
    cam = camera(db, C3)
    assert (cam.name, cam.share_type, cam.camera_type, cam.ptz_capable, cam.home_preset) == (
        "Jinji Lake east", "conditional", 1, True, 2)
    assert cam.region_code == "32057103" and cam.online
    assert cam.last_seen == datetime(2026, 11, 20, 0, 30, tzinfo=UTC)
    assert cam.main_stream == "http://10.0.0.9:8080/live/c3.flv"


def test_credentials_go_to_the_keyring_only(db: Database, catalog: CatalogService,
                                            tmp_path: Path, memory_keyring) -> None:
    password = "S3cret@Gusu!"
    rows = good_rows()
    rows[0][CAMERA_HEADER.index("主码流地址")] = "rtsp://admin:S3cret%40Gusu%21@10.1.2.3:554/ch1"
    rows[0][CAMERA_HEADER.index("子码流地址")] = "rtsp://admin:S3cret%40Gusu%21@10.1.2.3/ch2"
    path = write_xlsx(tmp_path / "creds.xlsx", {"监控点位": [CAMERA_HEADER, *rows],
                                                "项目": [PROJECT_HEADER, project_row()]})
    summary = catalog.import_files(INSTALLER_ACTOR, [path])
    assert summary.credentials_stored == 1

    cam = camera(db, C1)
    assert cam.main_stream == "rtsp://10.1.2.3:554/ch1"
    assert cam.sub_stream == "rtsp://10.1.2.3/ch2"
    assert cam.has_credentials and not camera(db, C2).has_credentials
    secret = json.loads(memory_keyring.store[("city-video-console", f"camera:{C1}")])
    assert secret == {"user": "admin", "password": password}
    record = audit_records(db, Action.CATALOG_IMPORT)[-1]
    assert "S3cret" not in record.params and "admin:" not in record.params

    for name in ("out.xlsx", "out.csv"):
        catalog.export(INSTALLER_ACTOR, tmp_path / name)
        data = (tmp_path / name).read_bytes()
        assert b"S3cret" not in data and b"admin:" not in data
    assert "S3cret" not in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    with db.engine.connect() as conn:
        for table in ("cameras", "projects", "regions", "audit_records", "settings"):
            rows_text = repr(conn.execute(text(f"SELECT * FROM {table}")).all())
            assert "S3cret" not in rows_text and "admin:" not in rows_text, table

    # same file again: the keyring already holds it, nothing changes
    assert catalog.import_files(INSTALLER_ACTOR, [path]).cameras.changed == 0
    # a new password in the file: the camera changed, the keyring follows
    rows[0][CAMERA_HEADER.index("主码流地址")] = "rtsp://admin:Other%231@10.1.2.3:554/ch1"
    rows[0][CAMERA_HEADER.index("子码流地址")] = ""
    again = write_xlsx(tmp_path / "creds2.xlsx", {"监控点位": [CAMERA_HEADER, *rows]})
    summary = catalog.import_files(INSTALLER_ACTOR, [again])
    assert (summary.cameras.changed, summary.credentials_stored) == (1, 1)
    secret = json.loads(memory_keyring.store[("city-video-console", f"camera:{C1}")])
    assert secret["password"] == "Other#1"


def test_keyring_failure_writes_nothing(db: Database, catalog: CatalogService, tmp_path: Path,
                                        memory_keyring, monkeypatch) -> None:
    def broken(service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringError("locked")

    monkeypatch.setattr(memory_keyring, "set_password", broken)
    rows = good_rows()
    rows[2][CAMERA_HEADER.index("主码流地址")] = "rtsp://admin:Pw9@10.1.2.3/ch1"
    path = write_csv(tmp_path / "creds.csv", [CAMERA_HEADER, *rows[1:]])
    with pytest.raises(CatalogError, match="secret_store: keyring unavailable while storing"):
        catalog.import_files(INSTALLER_ACTOR, [path])
    assert counts(db)["cameras"] == 0
    denied = audit_records(db, Action.CATALOG_IMPORT)[-1]
    assert denied.outcome == "denied" and json.loads(denied.params)["field"] == "secret_store"
    assert "Pw9" not in denied.params


def test_dry_run_writes_and_audits_nothing(db: Database, catalog: CatalogService,
                                           tmp_path: Path) -> None:
    summary = catalog.import_files(INSTALLER_ACTOR, [_good_workbook(tmp_path)], dry_run=True)
    assert summary.dry_run and summary.cameras.added == 3 and summary.projects.added == 1
    assert summary.lines()[0].startswith("dry run, nothing written: ")
    assert counts(db)["cameras"] == 0
    assert audit_records(db, Action.CATALOG_IMPORT) == []
    bad = write_csv(tmp_path / "bad.csv", [CAMERA_HEADER, camera_row("123")])
    with pytest.raises(CatalogImportError):
        catalog.import_files(INSTALLER_ACTOR, [bad], dry_run=True)
    assert audit_records(db, Action.CATALOG_IMPORT) == []


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.xlsx", None, "missing.xlsx: no such file"),
    ("notes.docx", b"PK\x03\x04", "notes.docx: not a spreadsheet"),
    ("broken.xlsx", b"this is not a zip", "broken.xlsx: not a readable workbook"),
    ("binary.csv", b"\x00\x01\x02", "binary.csv: not a text CSV file"),
    ("other.csv", "名称,地址\n甲,乙\n".encode(), "other.csv: no header row naming 设备编码"),
])
def test_unreadable_files_are_refused_in_one_line(db: Database, catalog: CatalogService,
                                                  tmp_path: Path, name: str,
                                                  content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(CatalogFileError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [path])
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)
    denied = audit_records(db, Action.CATALOG_IMPORT)[-1]
    assert (denied.outcome, denied.reason) == ("denied", Reason.IMPORT_REJECTED)


def test_missing_required_column_is_named(catalog: CatalogService, tmp_path: Path) -> None:
    header = [h for h in CAMERA_HEADER if h != "建设单位"]
    row = camera_row(C1)
    del row[CAMERA_HEADER.index("建设单位")]
    path = write_csv(tmp_path / "no-owner.csv", [["标题"], header, row])
    with pytest.raises(CatalogImportError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [path])
    assert [(e.row, e.field) for e in caught.value.errors] == [(2, "建设单位"), (3, "建设单位")]
    assert "the header row has no such column" in caught.value.errors[0].message


def test_not_an_administrator_is_refused_and_audited(db: Database, catalog: CatalogService,
                                                     tmp_path: Path) -> None:
    path = _good_workbook(tmp_path)
    duty = Actor(account="zhangsan", role="duty_officer", user_id=7)
    for dry_run in (False, True):
        with pytest.raises(CatalogError) as caught:
            catalog.import_files(duty, [path], dry_run=dry_run)
        assert caught.value.reason == Reason.NOT_PERMITTED
    assert counts(db)["cameras"] == 0
    records = audit_records(db, Action.CATALOG_IMPORT)
    assert [(r.actor, r.outcome, r.reason) for r in records] == [
        ("zhangsan", "denied", "NOT_PERMITTED")] * 2
    admin = Actor(account="zhaoliu", role="administrator", user_id=8)
    assert catalog.import_files(admin, [path]).cameras.added == 3



def test_ptz_control_addresses(db: Database, catalog: CatalogService, tmp_path: Path) -> None:
    """The PTZ control address (云台控制地址): stored in canonical form; a bad one, one
    carrying credentials or one on a camera without PTZ is a row error naming the column."""
    bad = [
        CAMERA_HEADER,
        camera_row("32050801001320000031", 摄像机类型="球机", 云台控制地址="telnet://10.0.0.9"),
        camera_row("32050801001320000032", 摄像机类型="球机",
                   云台控制地址="onvif://admin:Sup3rSecret@10.0.0.9"),
        camera_row("32050801001320000033", 云台控制地址="onvif://10.0.0.9"),  # a bullet
        camera_row("32050801001320000034", 摄像机类型="球机", 云台控制地址="onvif://10.0.0.9:99999"),
    ]
    with pytest.raises(CatalogImportError) as caught:
        catalog.import_files(INSTALLER_ACTOR, [write_csv(tmp_path / "ptz.csv", bad)])
    assert [(e.row, e.field) for e in caught.value.errors] == [
        (2, "云台控制地址"), (3, "云台控制地址"), (4, "云台控制地址"), (5, "云台控制地址")]
    assert "Sup3rSecret" not in str(caught.value)
    assert "needs a PTZ camera" in caught.value.errors[2].message
    good = [CAMERA_HEADER,
            camera_row("32050801001320000035", 摄像机类型="球机",
                       云台控制地址="http://10.0.0.9:8080/onvif/device_service")]
    catalog.import_files(INSTALLER_ACTOR, [write_csv(tmp_path / "ok.csv", good)])
    with db.transaction() as s:
        stored = s.execute(text("SELECT ptz_address FROM cameras WHERE code = "
                                "'32050801001320000035'")).scalar_one()
    assert stored == "onvif://10.0.0.9:8080"
