"""A fault reported from a tile's menu (every role) reaches the centre with the maintainer unit
and contact from the catalogue, and a supervisor or administrator moves it along from the
Management menu's list — in Chinese, with nothing left untranslated."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from sqlalchemy import select

from console.auth.results import SessionInfo
from console.clock import FixedClock
from console.faults.rules import FaultState, Step
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import Camera, FaultReport
from console.views.fault_dialogs import FaultListDialog, FaultReportDialog
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.test_views_languages import CJK, ENGLISH_PHRASE, QT_ENGLISH, _sources
from tests.views_support import (
    demo_login,
    demo_services,
    open_first_view,
    prepare_app,
    visible_texts,
)


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    return demo_services(sqlite_db, clock, hashing)


def window_for(qtbot, services: Services, session: SessionInfo) -> MainWindow:
    window = MainWindow(services, TaskRunner(synchronous=True), session,
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    return window


def _no_english(texts: list[str]) -> list[str]:
    sources = _sources()
    return [t for t in texts if t in sources or t in QT_ENGLISH or ENGLISH_PHRASE.search(t)]


def test_a_duty_officer_reports_a_fault_from_a_tile_and_a_supervisor_sends_it_on(
        qtbot, services: Services, sqlite_db: Database) -> None:
    session = demo_login(services, "duty01")
    window = window_for(qtbot, services, session)
    open_first_view(window, services, session)
    ticket = window.view_grid.tiles[0].ticket
    assert ticket is not None
    window.desk._on_menu_requested(0, QPoint(5, 5))
    menu = window.desk.menu
    assert menu is not None
    (report,) = [a for a in menu.actions() if a.objectName() == "reportFaultAction"]
    assert report.text() == "报告故障…"
    menu.close()
    report.trigger()
    dialog = window.faults.dialog
    assert isinstance(dialog, FaultReportDialog) and dialog.isVisible()
    assert any(ticket.camera_code in t for t in visible_texts(dialog))
    assert _no_english(visible_texts(dialog)) == []

    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("other"))
    dialog.buttons.accepted.emit()                  # 'other' without a comment
    assert dialog.error_label.isVisibleTo(dialog)
    assert _no_english([dialog.error_label.text()]) == []
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("blur"))
    dialog.comment_edit.setPlainText("画面模糊，看不清车牌")
    dialog.buttons.accepted.emit()
    assert window.faults.dialog is None or not dialog.isVisible()
    message = window.notice_bar.text()
    with sqlite_db.transaction() as s:
        row = s.execute(select(FaultReport)).scalar_one()
        camera = s.execute(select(Camera).where(Camera.code == ticket.camera_code)).scalar_one()
        assert (row.camera_code, row.kind, row.state, row.reported_by) == (
            ticket.camera_code, "blur", "new", "duty01")
        assert (row.maintainer, row.contact) == (camera.maintainer, camera.contact)
    assert f"#{row.id}" in message and camera.maintainer in message
    assert window.management.actions == []          # duty officers do not handle reports
    window.close()

    window = window_for(qtbot, services, demo_login(services, "admin01"))
    management = window.management
    assert management.faults_action in management.actions
    management.faults_action.trigger()
    faults = management.faults_dialog
    assert isinstance(faults, FaultListDialog)
    assert [r.id for r in faults.model.rows] == [row.id]
    assert faults.model.index(0, 5).data() == "新报告"
    assert faults.model.index(0, 6).data() == camera.maintainer
    assert not faults.step_buttons[Step.SEND].isEnabled()      # nothing selected yet
    faults.table.selectRow(0)
    assert [s for s, b in faults.step_buttons.items() if b.isEnabled()] == [Step.SEND]
    faults.note_edit.setText("已电话通知维护单位")
    faults.step_buttons[Step.SEND].click()
    assert faults.model.rows[0].state == FaultState.SENT
    assert [s for s, b in faults.step_buttons.items() if b.isEnabled()] == [Step.FIX]
    assert "已电话通知维护单位" in faults.history_label.text()
    assert _no_english(visible_texts(faults)) == []


def test_english_leaves_no_chinese_but_the_data(qtbot, services: Services) -> None:
    prepare_app("en")
    try:
        session = demo_login(services, "super01")
        window = window_for(qtbot, services, session)
        open_first_view(window, services, session)
        tile = window.view_grid.tiles[0]
        assert tile.ticket is not None
        window.faults.open_for(tile)
        dialog = window.faults.dialog
        assert dialog is not None
        texts = visible_texts(dialog)
        texts += [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
        dialog.comment_edit.setPlainText("x")
        dialog.buttons.accepted.emit()
        texts.append(window.notice_bar.text())
        window.management.faults_action.trigger()
        faults = window.management.faults_dialog
        assert faults is not None and faults.model.rows
        faults.table.selectRow(0)
        texts += visible_texts(faults)
        texts += [str(faults.model.index(0, c).data()) for c in (4, 5)]
        data = [tile.ticket.camera_name, faults.model.rows[0].maintainer,
                faults.model.rows[0].terminal]
    finally:
        prepare_app("zh_CN")
    assert "Report a fault" in texts and "Position offset" in texts
    leftovers = []
    for text in texts:
        stripped = text
        for value in data:
            stripped = stripped.replace(value, "")
        if CJK.search(stripped):
            leftovers.append(text)
    assert leftovers == []
