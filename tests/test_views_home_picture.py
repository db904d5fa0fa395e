"""An administrator records a PTZ camera's reference picture at home from the camera details
under the tree: the real centre sends the platform dome home through the WVP peer and takes
its picture there (the loopback RTSP server's PTZ mount); the row says when and by whom, in
Chinese and in English. Duty officers see neither the row nor the button."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import update

from console.clock import FixedClock
from console.demo.rtsp_spec import RtspServerProcess
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import Camera
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER
from tests.support.ptz_dome import (
    CROSSING,
    DOME,
    HOME,
    dome_media_fixture,
    panorama_fixture,
    wvp_fixture,
)
from tests.support.wvp_peer import WvpPeer
from tests.views_support import centre_for, demo_login, demo_services, prepare_app

__all__ = ["dome_media_fixture", "panorama_fixture", "wvp_fixture"]   # the fixtures used


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing, wvp: WvpPeer,
             dome_media: tuple[Path, RtspServerProcess]) -> Services:
    found = demo_services(sqlite_db, clock, hashing)
    harness = centre_for(sqlite_db, clock, hashing)
    state, media = dome_media
    wvp.pictures[DOME] = state
    wvp.media_url = lambda d, c: media.url("/rtp")
    wvp.move_to(DOME, CROSSING)
    harness.centre.platform.set_platform(INSTALLER, wvp.url, wvp.username, wvp.password,
                                         "CITY-OPS")
    harness.centre.platform.sync(INSTALLER)
    with sqlite_db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == DOME).values(
            share_type="unconditional", home_preset=1))
    harness.centre.home_pictures.settle_s = 0.5
    return found


def _window(qtbot, services: Services, account: str) -> MainWindow:
    session = demo_login(services, account)
    window = MainWindow(services, TaskRunner(synchronous=True), session,
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize(("language", "none", "recorded"), [
    ("zh_CN", "未记录", "由 admin01 记录（预置位 1）"),
    ("en", "None recorded", "by admin01 (preset 1)"),
])
def test_an_administrator_records_the_picture_at_home(
        qtbot, qapp, services: Services, wvp: WvpPeer, language: str, none: str,
        recorded: str) -> None:
    prepare_app(language)
    window = _window(qtbot, services, "admin01")
    dock, details = window.camera_dock, window.camera_dock.details
    assert dock.select_camera(DOME)
    assert details.labels["home_picture"].isVisibleTo(details)
    assert details.record_button.isVisibleTo(details)
    assert details.text("home_picture").startswith(none), details.text("home_picture")

    details.record_button.click()                 # asked first; cancelled: nothing happens
    assert dock.record_confirm is not None
    dock.record_confirm.button(QMessageBox.StandardButton.Cancel).click()
    assert wvp.positions[DOME] == CROSSING
    assert details.text("home_picture").startswith(none)

    details.record_button.click()
    assert dock.record_confirm is not None
    assert "看守位" in dock.record_confirm.text() or "home preset" in dock.record_confirm.text()
    dock.record_confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: recorded in details.text("home_picture"), timeout=20_000)
    assert wvp.positions[DOME] == HOME           # sent home before the picture was taken
    assert details.record_button.isEnabled()
    window.close()
    prepare_app("zh_CN")


def test_a_refusal_is_said_on_the_row(qtbot, qapp, services: Services,
                                      wvp: WvpPeer) -> None:
    prepare_app("en")
    window = _window(qtbot, services, "admin01")
    dock, details = window.camera_dock, window.camera_dock.details
    assert dock.select_camera(DOME)
    wvp.media_url = lambda d, c: None             # the media server gives no RTSP address
    details.record_button.click()
    assert dock.record_confirm is not None
    dock.record_confirm.button(QMessageBox.StandardButton.Yes).click()
    qtbot.waitUntil(lambda: details.text("home_picture").startswith("Not recorded"),
                    timeout=20_000)
    assert "No picture could be had from the camera" in details.text("home_picture")
    window.close()
    prepare_app("zh_CN")


def test_duty_officers_do_not_see_it(qtbot, qapp, services: Services) -> None:
    prepare_app("zh_CN")
    window = _window(qtbot, services, "duty01")
    details = window.camera_dock.details
    if window.camera_dock.select_camera(DOME):
        assert not details.labels["home_picture"].isVisibleTo(details)
        assert not details.record_button.isVisibleTo(details)
    assert not details.home_picture_shown
    window.close()
