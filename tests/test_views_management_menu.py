"""The Management menu by role: supervisors list their unit's grants, issue emergency grants,
read the usage register and handle fault reports, administrators also open the catalogue;
duty officers have no such menu. The service decides and audits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from console.clock import FixedClock
from console.codes import Right
from console.grants.model import Scope
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import Grant
from console.views.catalog_dialog import CatalogDialog
from console.views.grant_dialogs import EmergencyGrantDialog
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.views_support import demo_login, demo_services, prepare_app

# 金鸡湖东岸: conditional, owned by the centre; not in duty01's tree until granted
LAKE = "32057103001328000001"


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    return demo_services(sqlite_db, clock, hashing)


def window_for(qtbot, services: Services, account: str) -> MainWindow:
    window = MainWindow(services, TaskRunner(synchronous=True), demo_login(services, account),
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    return window


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_duty_officers_have_no_management_menu(qtbot, services: Services) -> None:
    window = window_for(qtbot, services, "duty01")
    assert "管理" not in menu_titles(window) and window.management.actions == []


def test_a_supervisor_issues_an_emergency_grant_that_reaches_the_tree(
        qtbot, services: Services, sqlite_db: Database) -> None:
    window = window_for(qtbot, services, "super01")
    assert "管理" in menu_titles(window)
    management = window.management
    assert management.actions == [management.grants_action, management.emergency_action,
                                  management.register_action, management.faults_action,
                                  management.online_action]
    window.management.open_emergency(LAKE)                   # the tile's camera, picked
    dialog = window.management.emergency_dialog
    assert isinstance(dialog, EmergencyGrantDialog)
    assert dialog.picker.scopes() == [Scope("camera", LAKE)]
    assert dialog.picker.codes_edit.text() == ""             # found in the tree, not typed
    assert not dialog.ok_button_enabled                       # the reason is required
    dialog.grantee_kind.setCurrentIndex(1)                    # a person of their own unit
    dialog.grantee_combo.setCurrentIndex(dialog.grantee_combo.findData("wall01"))
    dialog.right_boxes[Right.PTZ].setChecked(True)
    dialog.hours_spin.setValue(2)
    dialog.reason_edit.setPlainText("金鸡湖落水救援")
    assert dialog.ok_button_enabled
    dialog.buttons.accepted.emit()
    assert window.management.emergency_dialog is None or not dialog.isVisible()
    assert "#" in window.notice_bar.text()
    with sqlite_db.transaction() as s:
        grant = s.execute(select(Grant).order_by(Grant.id.desc()).limit(1)).scalar_one()
    assert grant.emergency and grant.approver == "super01" and grant.live and grant.ptz
    assert grant.valid_to - grant.valid_from == timedelta(hours=2)


def test_a_refused_emergency_grant_is_explained_in_the_dialog(qtbot, services: Services) -> None:
    window = window_for(qtbot, services, "super01")
    window.management.open_emergency("32050801001310009999")  # not in the catalogue: typed
    dialog = window.management.emergency_dialog
    assert isinstance(dialog, EmergencyGrantDialog)
    assert dialog.picker.codes_edit.text() == "32050801001310009999"
    dialog.reason_edit.setPlainText("演练")
    dialog.buttons.accepted.emit()
    assert dialog.error_label.isVisibleTo(dialog)
    assert "32050801001310009999" in dialog.error_label.text()


def test_an_administrator_opens_the_catalogue(qtbot, services: Services) -> None:
    window = window_for(qtbot, services, "admin01")
    management = window.management
    assert management.actions == [management.grants_action, management.emergency_action,
                                  management.catalog_action, management.sync_action,
                                  management.register_action, management.faults_action,
                                  management.online_action]
    management.catalog_action.trigger()
    assert isinstance(management.catalog_dialog, CatalogDialog)
    window.lock(reason=__import__("console.codes", fromlist=["Reason"]).Reason.OK)
    assert management.catalog_dialog is None or not management.catalog_dialog.isVisible()
