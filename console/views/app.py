"""Starting the Qt console: the application object, language, theme and font, and the
login → main window → login cycle until the operator exits."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtWidgets import QApplication

import console
from console.auth.results import SessionInfo
from console.policy import Policy
from console.services import Services
from console.views.i18n import DEFAULT_LANGUAGE, LanguageError, choose_language, use_language
from console.views.login_dialog import LoginDialog
from console.views.main_window import MainWindow
from console.views.style import apply_theme
from console.views.tasks import TaskRunner

log = logging.getLogger(__name__)

APP_NAME = "视频共享调阅终端"
ORGANISATION = "city-video-console"



# How often a thread holding the interpreter is asked to let another run. 1 ms once helped
# painting keep up (19 -> 21 pictures/s per tile at 16 tiles) while every paint cost more;
# with today's cheaper paint Python's default holds 16 x 720p25 at full rate and costs less
# CPU (measured with benchmarks/live_grid.py: 1.47x ffmpeg at 5 ms, 1.53x at 1 ms).
SWITCH_INTERVAL_S = 0.005

def build_app(argv: list[str]) -> QApplication:
    """The one QApplication of the process (reused when it exists, as in tests), themed."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName(console.APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(console.__version__)
    app.setOrganizationName(ORGANISATION)
    apply_theme(app)
    return app


class ConsoleFlow(QObject):
    """Shows the login dialog, then the main window; logout returns to the login dialog."""

    def __init__(self, services: Services, runner: TaskRunner,
                 quit_app: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services, self._runner, self._quit_app = services, runner, quit_app
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None

    def start(self) -> None:
        self._show_login()

    def _show_login(self) -> None:
        dialog = LoginDialog(self._services, self._runner)
        dialog.login_succeeded.connect(self._on_login_succeeded)
        dialog.rejected.connect(self._on_login_rejected)
        self.login_dialog = dialog
        dialog.show()

    @Slot(object, object)
    def _on_login_succeeded(self, session: SessionInfo, policy: Policy) -> None:
        if self.login_dialog is not None:
            self.login_dialog.deleteLater()
            self.login_dialog = None
        window = MainWindow(self._services, self._runner, session, policy)
        window.logged_out.connect(self._on_logged_out)
        window.exit_requested.connect(self._on_exit_requested)
        self.main_window = window
        window.showMaximized()

    @Slot()
    def _on_login_rejected(self) -> None:
        self._quit_app()

    @Slot()
    def _on_logged_out(self) -> None:
        self._drop_main_window()
        self._show_login()

    @Slot()
    def _on_exit_requested(self) -> None:
        self._drop_main_window()
        self._quit_app()

    def _drop_main_window(self) -> None:
        window, self.main_window = self.main_window, None
        if window is not None:
            window.logged_out.disconnect(self._on_logged_out)
            window.exit_requested.disconnect(self._on_exit_requested)
            window.deleteLater()


def install_language(explicit: str | None) -> None:
    try:
        language = use_language(choose_language(explicit))
    except LanguageError as exc:
        log.error("%s; falling back to %s", exc, DEFAULT_LANGUAGE)
        try:
            language = use_language(DEFAULT_LANGUAGE)
        except LanguageError as again:
            log.error("%s; the console shows its untranslated English texts", again)
            return
    log.info("console language %s", language)


def run_gui(services: Services, argv: list[str]) -> int:
    """Run the console until the operator exits; returns the process exit code."""
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    app = build_app(argv)
    app.setQuitOnLastWindowClosed(False)  # between login and main window none is open
    install_language(services.language)
    runner = TaskRunner(parent=app)
    flow = ConsoleFlow(services, runner, app.quit, app)
    flow.start()
    code = app.exec()
    if not runner.wait_for_done(30_000):
        log.warning("background work still running at exit")
    QCoreApplication.processEvents()
    return code
