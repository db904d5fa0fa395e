"""``selftest``: an installer's check of an installed terminal. The console's own start-up
path runs — the application, its language and theme, the login dialog — the given person
logs in through that dialog (the centre checks the terminal, the binding and the password
exactly as at the desk), the main window opens, and the person logs out again through its
System menu. What it measured is returned: seconds from the process's start to the login
window and to the main window (``--version`` does not load Qt; this does).

It runs on any Qt platform; packaging/build-terminal.sh and tests/test_packaging_terminal.py
run it offscreen against a real centre."""

from __future__ import annotations

import time
from dataclasses import dataclass

from PySide6.QtCore import QTimer

from console.services import Services
from console.views.app import ConsoleFlow, build_app, install_language
from console.views.tasks import TaskRunner

POLL_MS = 20


@dataclass(frozen=True)
class SelftestResult:
    ok: bool
    login_window_s: float | None = None   # process start → login dialog shown
    main_window_s: float | None = None    # process start → main window shown after login
    error: str = ""


def run_selftest(services: Services, account: str, password: str, *,
                 process_started: float, timeout_s: float = 120.0) -> SelftestResult:
    """Log ``account`` in through the login dialog and out again; ``process_started`` is the
    process's start on the ``time.time()`` clock."""
    app = build_app([])
    app.setQuitOnLastWindowClosed(False)
    install_language(services.language)
    runner = TaskRunner(parent=app)
    flow = ConsoleFlow(services, runner, app.quit, app)
    state: dict[str, float | str | None] = {"login": None, "main": None, "error": ""}
    deadline = time.monotonic() + timeout_s

    def step() -> None:
        dialog, window = flow.login_dialog, flow.main_window
        if window is not None and state["main"] is None and window.isVisible():
            state["main"] = time.time() - process_started
            window.logout_action.trigger()      # back to the login dialog
            poll.start()
            return
        if state["main"] is not None and dialog is not None:
            dialog.reject()                     # the operator closes the login dialog: exit
            return
        if dialog is not None and dialog.error_label.isVisible():
            state["error"] = dialog.error_label.text()
            dialog.reject()
            return
        if time.monotonic() > deadline:
            state["error"] = f"no main window within {timeout_s:.0f} s"
            app.quit()
            return
        poll.start()

    def log_in() -> None:
        dialog = flow.login_dialog
        if dialog is None or not dialog.isVisible():
            state["error"] = "the login dialog did not show"
            app.quit()
            return
        state["login"] = time.time() - process_started
        dialog.account_edit.setText(account)
        dialog.password_edit.setText(password)
        dialog.login_button.click()
        poll.start()

    poll = QTimer(app)
    poll.setSingleShot(True)
    poll.setInterval(POLL_MS)
    poll.timeout.connect(step)
    flow.start()
    QTimer.singleShot(0, log_in)
    app.exec()
    runner.wait_for_done(30_000)
    login, main, error = state["login"], state["main"], str(state["error"] or "")
    return SelftestResult(ok=main is not None and not error,
                          login_window_s=login if isinstance(login, float) else None,
                          main_window_s=main if isinstance(main, float) else None,
                          error=error)
