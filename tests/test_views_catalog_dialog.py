"""The administrator's catalogue dialog: check lists every bad row, import only after a
clean check, export; a non-administrator is refused by the service."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.catalog.problems import TEMPLATES
from console.clock import FixedClock
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import Camera
from console.views.catalog_dialog import CatalogDialog
from console.views.catalog_problem_text import TEXTS
from console.views.tasks import TaskRunner
from tests.catalog_support import C1, CAMERA_HEADER, camera_row, good_rows, write_csv
from tests.views_support import demo_login, demo_services, prepare_app


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    return demo_services(sqlite_db, clock, hashing)


def dialog_for(qtbot, services: Services, account: str) -> CatalogDialog:
    session = demo_login(services, account)
    dialog = CatalogDialog(services, TaskRunner(synchronous=True), session.session_id)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def cameras(db: Database) -> int:
    """Cameras in the centre's database (read back by the test)."""
    with db.transaction() as s:
        return s.execute(select(func.count()).select_from(Camera)).scalar_one()


def test_check_then_import(qtbot, services: Services, sqlite_db: Database,
                           tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, "admin01")
    before = cameras(sqlite_db)
    assert not dialog.check_button.isEnabled() and not dialog.import_button.isEnabled()
    dialog.add_files([write_csv(tmp_path / "cams.csv", [CAMERA_HEADER, *good_rows()])])
    assert not dialog.import_button.isEnabled()      # check first
    dialog.check_button.click()
    assert dialog.import_button.isEnabled() and cameras(sqlite_db) == before   # dry run
    assert "检查（未写入任何内容）" in dialog.summary_view.toPlainText()
    dialog.import_button.click()
    assert cameras(sqlite_db) == before + 3
    assert "新增 3" in dialog.summary_view.toPlainText()
    assert not dialog.import_button.isEnabled()      # a second import needs a second check


def test_bad_rows_are_listed_with_row_and_field_and_nothing_is_imported(
        qtbot, services: Services, sqlite_db: Database, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, "admin01")
    before = cameras(sqlite_db)
    rows = [CAMERA_HEADER, *good_rows(), camera_row("123", "坏编码"),
            camera_row(C1.replace("1", "2", 1), "无依据", 共享类型="有条件共享")]
    dialog.add_files([write_csv(tmp_path / "bad.csv", rows)])
    dialog.check_button.click()
    table = dialog.error_table
    assert table.isVisibleTo(dialog) and table.rowCount() == 2
    found = {(table.item(r, 2).text(), table.item(r, 3).text()) for r in range(2)}
    assert found == {("5", "设备编码"), ("6", "共享依据")}
    assert dialog.status_label.text() == "未导入任何内容：发现 2 个问题。"
    # the problems are coded and translated, not the centre's English
    problems = {table.item(r, 2).text(): table.item(r, 4).text() for r in range(2)}
    assert problems == {"5": "'123' 必须是 20 位数字（GB/T 28181）",
                        "6": "有条件共享需要填写共享依据（遵义办法第十四条）"}
    assert not dialog.import_button.isEnabled() and cameras(sqlite_db) == before


def test_a_duty_officer_is_refused_by_the_service(qtbot, services: Services,
                                                  tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, "duty01")
    dialog.add_files([write_csv(tmp_path / "cams.csv", [CAMERA_HEADER, *good_rows()])])
    dialog.check_button.click()
    text = dialog.status_label.text()
    assert text.startswith("未导入任何内容：") and not re.search("[A-Za-z]{3}", text), text
    assert not dialog.import_button.isEnabled()


def test_export(qtbot, services: Services, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, "admin01")
    dialog.export_to(tmp_path / "out.xlsx")
    assert (tmp_path / "out.xlsx").stat().st_size > 0
    assert dialog.status_label.text() == "已导出：监控点 60 个，项目 4 个"


def test_every_problem_code_has_its_translation_source():
    """The views' table of problem texts follows the core's codes and English templates."""
    assert {code: source for code, source in TEXTS.items()} == TEMPLATES


def test_a_file_that_is_no_catalogue_is_refused_in_the_dialogs_language(
        qtbot, services: Services, tmp_path: Path) -> None:
    dialog = dialog_for(qtbot, services, "admin01")
    other = tmp_path / "other.csv"
    other.write_text("名称,地址\n甲,乙\n", encoding="utf-8")
    dialog.add_files([other])
    dialog.check_button.click()
    assert dialog.status_label.text() == (
        "未导入任何内容：other.csv：前 30 行中没有含 设备编码 / 资源名称 的表头行；"
        "这是监控点目录吗？")
