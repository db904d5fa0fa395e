"""Cell parsers, stream URLs and header recognition: the pure parts of the importer."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from console.catalog import cells
from console.catalog.cells import CellError
from console.catalog.columns import SheetKind, column_key, kind_of_sheet_name
from console.catalog.credentials import Credentials, stream_url
from console.catalog.sheets import read_catalogue_file
from tests.catalog_support import CAMERA_HEADER, camera_row, write_csv, write_xlsx


@pytest.mark.parametrize(("cell", "expected"), [
    ("2023-12-31", date(2023, 12, 31)),
    ("2023/12/31", date(2023, 12, 31)),
    ("2023.1.5", date(2023, 1, 5)),
    ("2023年12月31日", date(2023, 12, 31)),
    (" 2023 年 1 月 2 日 ", date(2023, 1, 2)),
    ("2023-12-31 00:00:00", date(2023, 12, 31)),
    (date(2024, 2, 29), date(2024, 2, 29)),
    (datetime(2024, 2, 29, 0, 0), date(2024, 2, 29)),
    (45291.0, date(2023, 12, 31)),          # an Excel serial number
])
def test_dates(cell: cells.Cell, expected: date) -> None:
    assert cells.a_date(cell) == expected


@pytest.mark.parametrize("cell", ["2023-02-30", "31/12/2023", "明年", -3.0, True])
def test_bad_dates(cell: cells.Cell) -> None:
    with pytest.raises(CellError):
        cells.a_date(cell)


@pytest.mark.parametrize(("cell", "expected"), [
    ("2026-11-20 08:30", datetime(2026, 11, 20, 0, 30, tzinfo=UTC)),       # Beijing time
    ("2026/11/20 08:30:05", datetime(2026, 11, 20, 0, 30, 5, tzinfo=UTC)),
    ("2026年11月20日 8:30", datetime(2026, 11, 20, 0, 30, tzinfo=UTC)),
    ("2026-11-20T00:30:00Z", datetime(2026, 11, 20, 0, 30, tzinfo=UTC)),
    ("2026-11-20", datetime(2026, 11, 19, 16, 0, tzinfo=UTC)),
    (datetime(2026, 11, 20, 8, 30, 4, 999_999), datetime(2026, 11, 20, 0, 30, 5, tzinfo=UTC)),
])
def test_datetimes_are_beijing_time_stored_in_utc(cell: cells.Cell, expected: datetime) -> None:
    assert cells.a_datetime(cell) == expected


def test_numbers_text_and_yes_no() -> None:
    assert cells.text(13800000000.0) == "13800000000"  # a phone number typed as a number
    assert cells.text("  平江路\n北口  ") == "平江路 北口"
    assert cells.integer("1121路", 0, suffix="路") == 1121
    assert cells.integer(3.0, 1, 255) == 3
    for bad in ("1.5", 0, 256, "三"):
        with pytest.raises(CellError):
            cells.integer(bad, 1, 255)
    assert [cells.yes_no(v) for v in ("是", "否", "YES", "no", "1", "0", True)] == [
        True, False, True, False, True, False, True]
    with pytest.raises(CellError, match="is not 是/否"):
        cells.yes_no("也许")
    with pytest.raises(CellError, match="control characters"):
        cells.bounded_text("a\x07b", 10)
    with pytest.raises(CellError, match="at most 3"):
        cells.bounded_text("平江路口", 3)


@pytest.mark.parametrize(("raw", "clean", "credentials"), [
    ("rtsp://10.0.0.1:554/ch1", "rtsp://10.0.0.1:554/ch1", None),
    ("rtsp://admin:p%40ss@10.0.0.1:554/ch1?tcp", "rtsp://10.0.0.1:554/ch1?tcp",
     Credentials("admin", "p@ss")),
    ("rtsps://u:p@[fe80::1]:322/s", "rtsps://[fe80::1]:322/s", Credentials("u", "p")),
    ("https://viewer@cdn.example.cn/live/1.m3u8", "https://cdn.example.cn/live/1.m3u8",
     Credentials("viewer", "")),
    ("http://10.0.0.9:8080/live/c3.flv", "http://10.0.0.9:8080/live/c3.flv", None),
    ("/srv/video/demo.mp4", "/srv/video/demo.mp4", None),
    ("file:///srv/video/demo.mp4", "file:///srv/video/demo.mp4", None),
    (r"D:\录像\demo.mp4", r"D:\录像\demo.mp4", None),
])
def test_stream_urls(raw: str, clean: str, credentials: Credentials | None) -> None:
    assert stream_url(raw) == (clean, credentials)


@pytest.mark.parametrize(("raw", "message"), [
    ("ftp://u:Secret9@host/x", "scheme 'ftp://' is not a stream address"),
    ("rtsp:///nohost", "has no host"),
    ("rtsp://u:Secret9@host:99999/x", "is not a valid URL"),
    ("just some words", "is not a stream address"),
])
def test_bad_stream_urls_never_echo_the_password(raw: str, message: str) -> None:
    with pytest.raises(CellError, match=message) as caught:
        stream_url(raw)
    assert "Secret9" not in str(caught.value)


def test_credentials_secret_format() -> None:
    creds = Credentials("admin", "a:b")
    assert Credentials.from_secret(creds.to_secret()) == creds
    assert Credentials.from_secret("admin:a:b") == creds  # plain user:password accepted too
    assert "a:b" not in repr(creds)


def test_headers_and_sheet_names() -> None:
    assert column_key(SheetKind.CAMERAS, " 设备 编码* ") == "code"
    assert column_key(SheetKind.CAMERAS, "Owner-Unit") == "owner_unit"
    assert column_key(SheetKind.CAMERAS, "LEGAL_BASIS") == "legal_basis"
    assert column_key(SheetKind.PROJECTS, "维保期截至时间") == "warranty_end"
    assert column_key(SheetKind.CAMERAS, "备注") is None
    assert kind_of_sheet_name("Cameras") == SheetKind.CAMERAS
    assert kind_of_sheet_name("项目") == SheetKind.PROJECTS
    assert kind_of_sheet_name("说明") is None


def test_workbook_sheets_recognised_by_name_or_header(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "book.xlsx", {
        "说明": [["填表说明：设备编码为20位国标编码"]],
        "Sheet2": [["标题"], [], [*CAMERA_HEADER, "备注"], camera_row("32050801001320000001")],
    })
    source = read_catalogue_file(path)
    (sheet,) = source.sheets
    assert (sheet.sheet, sheet.kind, sheet.header_row) == ("Sheet2", SheetKind.CAMERAS, 3)
    assert [number for number, _ in sheet.rows] == [4]
    assert sheet.ignored_headers == ["备注"]
    assert source.ignored_sheets == ["说明"]
    assert len(source.sha256) == 64


def test_utf16_tab_separated_text_from_excel(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    lines = ["\t".join(CAMERA_HEADER), "\t".join(camera_row("32050801001320000001"))]
    path.write_bytes("\r\n".join(lines).encode("utf-16"))
    (sheet,) = read_catalogue_file(path).sheets
    assert sheet.rows[0][1][0] == "32050801001320000001"


def test_utf8_without_bom(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "plain.csv", [CAMERA_HEADER, camera_row("32050801001320000001")],
                     encoding="utf-8")
    (sheet,) = read_catalogue_file(path).sheets
    assert sheet.headers["code"] == "设备编码"
