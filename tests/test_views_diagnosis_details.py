"""The camera details under the tree show a camera's last automatic video check (issue 14
item 7) to supervisors and administrators — read from the centre's ``diagnosis_states``
through its route — and not to duty officers; in Chinese and in English."""

from __future__ import annotations

import pytest

from console.clock import FixedClock
from console.diagnosis.service import DiagnosisService
from console.faults.service import FaultService
from console.passwords import PasswordHashing
from console.secrets import SecretStore
from console.services import Services
from console.storage.database import Database
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.views_support import demo_login, demo_services, prepare_app

LOST = "32050801011328000001"           # 平江路与白塔东路交叉口: no picture, twice
NEVER = "32050802041326000003"          # 人民路与干将路交叉口: not checked yet


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    found = demo_services(sqlite_db, clock, hashing)
    service = DiagnosisService(sqlite_db, clock, SecretStore(),
                               FaultService(sqlite_db, clock), lambda _url: None)
    service.claim(100)
    service.check(LOST)
    clock.advance(60)
    service.check(LOST)
    return found


def _window(qtbot, services: Services, account: str) -> MainWindow:
    session = demo_login(services, account)
    window = MainWindow(services, TaskRunner(synchronous=True), session,
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize(("language", "lost", "never"), [
    ("zh_CN", "无信号（连续 2/3 次）", "尚未检测"),
    ("en", "no signal (2 of 3 checks in a row)", "Not checked yet"),
])
def test_supervisors_and_administrators_see_the_last_check(
        qtbot, qapp, services: Services, language: str, lost: str, never: str) -> None:
    prepare_app(language)
    for account in ("admin01", "super01"):
        window = _window(qtbot, services, account)
        details = window.camera_dock.details
        assert window.camera_dock.select_camera(LOST)
        assert details.labels["diagnosis"].isVisibleTo(details)
        assert lost in details.text("diagnosis"), details.text("diagnosis")
        assert window.camera_dock.select_camera(NEVER)
        assert details.text("diagnosis") == never
        window.close()
    prepare_app("zh_CN")


def test_duty_officers_do_not(qtbot, qapp, services: Services) -> None:
    prepare_app("zh_CN")
    window = _window(qtbot, services, "duty01")
    details = window.camera_dock.details
    assert window.camera_dock.select_camera(LOST)
    assert not details.labels["diagnosis"].isVisibleTo(details)
    assert not details.values["diagnosis"].isVisibleTo(details)
