"""The usage register dialog from the Management menu, over the real centre: filters become
rows (a supervisor sees their own unit's people only), a record's details, and the leak
trace from a watermark's session code to the cameras that session showed — in Chinese and in
English with nothing left untranslated."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from console.auth.results import SessionInfo
from console.clock import FixedClock
from console.codes import Action, Outcome
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import AuditRecord
from console.views.main_window import MainWindow
from console.views.reason_text import refusal_text
from console.views.register_dialog import RegisterDialog
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
    yield
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


def _viewed(qtbot, services: Services, db: Database, account: str) -> tuple[str, str]:
    """``account`` logs in, opens a camera in a tile and logs out: (session code, camera)."""
    session = demo_login(services, account)
    window = window_for(qtbot, services, session)
    open_first_view(window, services, session)
    with db.transaction() as s:
        camera = s.execute(select(AuditRecord.target).where(
            AuditRecord.session_id == session.session_id,
            AuditRecord.action == str(Action.VIEW_OPEN),
            AuditRecord.outcome == str(Outcome.OK))).scalar_one()
    window.close()                      # logs out (the centre closes the view)
    assert services.client.token_of(session.session_id) is None
    return session.code, camera


def _register(qtbot, services: Services, account: str) -> RegisterDialog:
    window = window_for(qtbot, services, demo_login(services, account))
    management = window.management
    assert management.register_action in management.actions
    management.register_action.trigger()
    dialog = management.register_dialog
    assert isinstance(dialog, RegisterDialog) and dialog.isVisible()
    return dialog


def test_filters_become_rows_and_the_trace_names_the_cameras(
        qtbot, services: Services, sqlite_db: Database) -> None:
    other_unit, _ = _viewed(qtbot, services, sqlite_db, "duty01")       # GUSU-PSB
    code, camera = _viewed(qtbot, services, sqlite_db, "wall01")        # CITY-OPS
    dialog = _register(qtbot, services, "super01")                      # CITY-OPS

    # opened on the newest records of the supervisor's own unit's people
    actors = {r.actor for r in dialog.model.rows}
    assert "wall01" in actors and "duty01" not in actors
    assert dialog.model.rowCount() == len(dialog.model.rows) == dialog.total
    assert str(dialog.total) in dialog.count_label.text()

    dialog.person_combo.setCurrentIndex(dialog.person_combo.findData("wall01"))
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("VIEW_OPEN"))
    dialog.search_button.click()
    assert [(r.actor, r.action, r.target) for r in dialog.model.rows] == [
        ("wall01", "VIEW_OPEN", camera)]
    assert dialog.model.index(0, 4).data() == camera
    dialog.table.selectRow(0)
    assert camera in dialog.details_view.toPlainText()
    assert "wall01" in dialog.details_view.toPlainText()

    dialog.person_combo.setEditText("duty01")       # another unit's person: nothing
    dialog.search_button.click()
    assert dialog.model.rows == [] and dialog.total == 0

    dialog.tabs.setCurrentIndex(1)
    dialog.code_edit.setText(code.lower())
    dialog.trace_button.click()
    trace = dialog.trace_result
    assert trace is not None and trace.account == "wall01"
    assert "王磊" in dialog.who_label.text() and trace.terminal in dialog.where_label.text()
    assert [v.camera for v in trace.views] == [camera]
    assert dialog.views_model.index(0, 0).data() == camera
    assert dialog.views_model.index(0, 5).data()       # closed (at the logout)

    dialog.code_edit.setText(other_unit)                # another unit's session: refused
    dialog.trace_button.click()
    assert dialog.trace_error.isVisibleTo(dialog) and dialog.trace_result is None
    assert dialog.views_model.rowCount() == 0


def test_an_administrator_traces_any_session_and_each_trace_is_registered(
        qtbot, services: Services, sqlite_db: Database) -> None:
    code, camera = _viewed(qtbot, services, sqlite_db, "duty01")
    window = window_for(qtbot, services, demo_login(services, "admin01"))
    window.management.open_register(code)
    dialog = window.management.register_dialog
    assert dialog is not None and dialog.tabs.currentIndex() == 1
    assert [v.camera for v in dialog.views_model.rows] == [camera]
    with sqlite_db.transaction() as s:
        traces = s.execute(select(AuditRecord.actor, AuditRecord.target).where(
            AuditRecord.action == str(Action.AUDIT_TRACE))).all()
    assert [tuple(t) for t in traces] == [("admin01", f"session:{code}")]


def test_duty_officers_have_no_register(qtbot, services: Services) -> None:
    window = window_for(qtbot, services, demo_login(services, "duty01"))
    assert window.management.actions == []


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_dialog_is_translated(qtbot, services: Services, sqlite_db: Database,
                                  language: str) -> None:
    code, _ = _viewed(qtbot, services, sqlite_db, "wall01")
    prepare_app(language)
    dialog = _register(qtbot, services, "super01")
    dialog.error_label.setText(refusal_text(ConnectionError("x")))
    texts = visible_texts(dialog)
    for index in range(dialog.tabs.count()):
        texts.append(dialog.tabs.tabText(index))
    for model in (dialog.model, dialog.views_model):
        texts.extend(str(model.headerData(c, Qt.Orientation.Horizontal))
                     for c in range(model.columnCount()))
    dialog.code_edit.setText(code)
    dialog.trace()
    texts.extend(dialog.views_model.index(0, c).data() or "" for c in (2, 5))
    if language == "zh_CN":
        sources = _sources()
        leftovers = [t for t in texts if t in sources or t in QT_ENGLISH
                     or ENGLISH_PHRASE.search(t)]
    else:
        leftovers = [t for t in texts if CJK.search(t)]
    assert leftovers == []
