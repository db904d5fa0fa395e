"""Management → Platform catalogue sync… (administrators): the real centre synchronises from
the WVP peer through POST /catalog/sync (the command path of ``main.py catalog sync``,
registered), the dialog shows the added / changed / gone report, and a platform that is
down, slow, malformed or refuses the login is one clear line — nothing applied, the refusal
in the register. Chinese by default, English complete."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from console.clock import FixedClock
from console.codes import Action, Outcome, Reason
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera
from console.views.main_window import MainWindow
from console.views.platform_sync_dialog import PlatformSyncDialog
from console.views.reason_text import describe
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER
from tests.support.wvp_peer import Channel, WvpPeer, camera_code
from tests.views_support import centre_for, demo_login, demo_services, prepare_app

NVR = "34020000001180000001"
CAMERAS = [camera_code("32050801", n) for n in (1, 2, 3)]


@pytest.fixture
def wvp() -> Iterator[WvpPeer]:
    with WvpPeer() as peer:
        peer.add_device(NVR, "平江 NVR", [Channel(code, f"平江路 {n} 号杆", "32050801")
                                          for n, code in enumerate(CAMERAS, 1)])
        yield peer


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing,
             wvp: WvpPeer) -> Services:
    found = demo_services(sqlite_db, clock, hashing)
    centre_for(sqlite_db, clock, hashing).centre.platform.set_platform(
        INSTALLER, wvp.url, wvp.username, wvp.password, "CITY-OPS")
    return found


def _dialog(qtbot, services: Services, account: str = "admin01"
            ) -> tuple[MainWindow, PlatformSyncDialog | None]:
    session = demo_login(services, account)
    window = MainWindow(services, TaskRunner(synchronous=True), session,
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    management = window.management
    if management.menu is None or management.sync_action not in management.actions:
        return window, None
    management.sync_action.trigger()
    return window, management.sync_dialog


def _platform_cameras(db: Database) -> int:
    with db.transaction() as s:
        return s.execute(select(func.count()).select_from(Camera).where(
            Camera.code.in_(CAMERAS))).scalar_one()


def _sync_records(db: Database) -> list[tuple[str, str | None]]:
    with db.transaction() as s:
        return [(r.outcome, r.reason) for r in s.execute(select(AuditRecord).where(
            AuditRecord.action == str(Action.CATALOG_SYNC)).order_by(AuditRecord.seq))
            .scalars()]


@pytest.mark.parametrize(("language", "title", "check", "added"), [
    ("zh_CN", "平台目录同步", "仅检查，未写入", "新增 (3)"),
    ("en", "Platform catalogue sync", "Check only, nothing written", "Added (3)"),
])
def test_an_administrator_synchronises_and_sees_the_report(
        qtbot, qapp, services: Services, sqlite_db: Database, wvp: WvpPeer, language: str,
        title: str, check: str, added: str) -> None:
    prepare_app(language)
    window, dialog = _dialog(qtbot, services)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == title

    dialog.check_button.click()                        # the dry run: nothing written
    assert dialog.status_label.text().startswith(check), dialog.status_label.text()
    assert added in dialog.report.toPlainText()
    assert _platform_cameras(sqlite_db) == 0

    dialog.sync_button.click()
    assert dialog.summary is not None and sorted(dialog.summary.added) == CAMERAS
    assert not dialog.status_label.text().startswith(check)
    assert all(code in dialog.report.toPlainText() for code in CAMERAS)
    assert _platform_cameras(sqlite_db) == 3
    assert _sync_records(sqlite_db)[-1] == (str(Outcome.OK), str(Reason.OK))

    # a channel leaves the platform, another is renamed: changed and gone, said so
    device = wvp.devices[NVR]
    device.channels[1].name = "平江路 2 号杆（新）"
    device.channels.pop(0)
    dialog.sync_button.click()
    assert dialog.summary is not None
    assert dialog.summary.changed == [CAMERAS[1]]
    assert CAMERAS[0] in dialog.summary.gone        # (with the demo's own cameras)
    report = dialog.report.toPlainText()
    assert CAMERAS[0] in report and CAMERAS[1] in report
    window.close()
    prepare_app("zh_CN")


@pytest.mark.parametrize("failure", ["down", "malformed", "login", "slow"])
def test_a_refusal_is_one_clear_line_and_registered(qtbot, qapp, services: Services,
                                                    sqlite_db: Database, wvp: WvpPeer,
                                                    failure: str) -> None:
    prepare_app("en")
    reason = {"down": Reason.PLATFORM_UNREACHABLE, "malformed": Reason.PLATFORM_MALFORMED,
              "login": Reason.PLATFORM_LOGIN_FAILED, "slow": Reason.PLATFORM_SLOW}[failure]
    if failure == "down":
        wvp.stop()
    elif failure == "malformed":
        wvp.malformed = True
    elif failure == "login":
        wvp.password = "changed-on-the-platform"   # the account changed on the platform
    else:
        wvp.slow_s = 10.5                          # the client gives up after 10 s
    window, dialog = _dialog(qtbot, services)
    assert dialog is not None
    dialog.sync_button.click()
    line = dialog.status_label.text()
    assert line == f"Not synchronised: {describe(reason)}", line
    assert "\n" not in line and dialog.summary is None
    assert dialog.report.toPlainText() == ""
    assert _platform_cameras(sqlite_db) == 0             # nothing applied
    assert _sync_records(sqlite_db)[-1] == (str(Outcome.DENIED), str(reason))
    assert dialog.sync_button.isEnabled()
    wvp.slow_s = 0.0
    window.close()
    prepare_app("zh_CN")


def test_only_administrators_have_it(qtbot, qapp, services: Services) -> None:
    prepare_app("zh_CN")
    for account in ("super01", "duty01"):
        window, dialog = _dialog(qtbot, services, account)
        assert dialog is None
        window.close()
