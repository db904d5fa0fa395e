"""The application cycle: login → main window → logout → login, exit quits."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from console.views import style
from console.views.app import ConsoleFlow, build_app, run_gui
from console.views.login_dialog import LoginDialog
from console.views.main_window import MainWindow
from console.views.style import cjk_font_family
from console.views.tasks import TaskRunner
from tests.conftest import PASSWORD
from tests.views_support import prepare_app, services_for


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


def _log_in(dialog: LoginDialog) -> None:
    dialog.account_edit.setText("zhangsan")
    dialog.password_edit.setText(PASSWORD)
    dialog.login_button.click()


def test_login_main_window_logout_and_login_again(qtbot, world):
    quits: list[bool] = []
    flow = ConsoleFlow(services_for(world), TaskRunner(synchronous=True),
                       lambda: quits.append(True))
    flow.start()
    first = flow.login_dialog
    assert isinstance(first, LoginDialog) and first.isVisible()
    _log_in(first)
    window = flow.main_window
    assert isinstance(window, MainWindow) and window.isVisible()
    assert flow.login_dialog is None
    window.logout_action.trigger()
    assert flow.main_window is None
    second = flow.login_dialog
    assert isinstance(second, LoginDialog) and second is not first and second.isVisible()
    _log_in(second)  # the first session was logged out, so this one is accepted
    assert flow.main_window is not None
    flow.main_window.exit_action.trigger()
    assert quits == [True]


def test_cancelling_the_login_quits(qtbot, world):
    quits: list[bool] = []
    flow = ConsoleFlow(services_for(world), TaskRunner(synchronous=True),
                       lambda: quits.append(True))
    flow.start()
    assert flow.login_dialog is not None
    flow.login_dialog.reject()
    assert quits == [True]


def test_build_app_names_and_themes_the_application(qapp):
    app = build_app([])
    assert app is QApplication.instance()
    assert app.applicationDisplayName() == "视频共享调阅终端"
    assert app.palette().color(QPalette.ColorRole.Window).name() == style.WINDOW
    assert app.styleSheet() == style.STYLE_SHEET
    family = cjk_font_family()
    if family is not None:
        assert app.font().family() == family


def test_run_gui_returns_when_the_login_is_cancelled(qtbot, world):
    app = QApplication.instance()
    assert isinstance(app, QApplication)

    def cancel_login() -> None:
        for widget in app.topLevelWidgets():
            if isinstance(widget, LoginDialog) and widget.isVisible():
                widget.reject()

    QTimer.singleShot(200, cancel_login)
    try:
        assert run_gui(services_for(world), ["console"]) == 0
    finally:
        app.setQuitOnLastWindowClosed(True)
        prepare_app("zh_CN")
