#!/usr/bin/env python3
"""Screenshots of the real console GUI on an X server, for docs/screenshots/ and for a person
to look at: login, login refused, forced password change, the main window with the permitted
camera tree, two open views and a camera's details, the purpose asked for a granted camera,
a search in the tree, lock screen, login from an unregistered machine, and the window ended
by the administrator.

    .venv/bin/python tools/screenshot.py [--language zh_CN|en] [--out docs/screenshots]

Starts its own ``Xvfb :97`` (1600×900) unless --display is given, runs the GUI on the xcb
platform against a throwaway SQLite database seeded with the demo data, and grabs the
screen as X renders it (QScreen.grabWindow).

The console runs as it does for a user: a terminal of the embedded demo centre, which this
tool starts as its own process in a throwaway directory (console/embedded.py). What an
administrator would do meanwhile (reset a password, disable a user) is done on that centre's
database directly, as ``main.py server`` commands would on the centre's host.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QWidget

from console.admin.service import AdminService
from console.auth.results import Accepted
from console.clock import SystemClock
from console.config import TerminalConfig
from console.demo.accounts import DEMO_PASSWORD
from console.demo.seed import DEMO_SEEDER, DEMO_TERMINAL
from console.embedded import EmbeddedLink, start_embedded
from console.identity import LOOPBACK, StaticIdentity
from console.live.last_views import settings_key
from console.passwords import PasswordHashing
from console.remote.client import CentreClient
from console.services import Services
from console.storage.database import Database
from console.views.app import build_app
from console.views.i18n import use_language
from console.views.login_dialog import LoginDialog
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[1]

SCREEN = (1600, 900)


def start_xvfb(display: str) -> subprocess.Popen[bytes]:
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        raise SystemExit("Xvfb is not installed (tools/bootstrap.sh console installs it)")
    proc = subprocess.Popen(
        [xvfb, display, "-screen", "0", f"{SCREEN[0]}x{SCREEN[1]}x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    socket = Path(f"/tmp/.X11-unix/X{display.lstrip(':')}")  # noqa: S108 - X's own path
    deadline = time.monotonic() + 10
    while not socket.exists():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"Xvfb {display} did not start")
        time.sleep(0.05)
    return proc


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Grab screenshots of the console GUI.")
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--display", help="use this X display instead of starting Xvfb :97")
    args = parser.parse_args(argv)

    xvfb = None
    display = args.display or ":97"
    if args.display is None:
        xvfb = start_xvfb(display)
    os.environ["DISPLAY"] = display
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            return _shoot(Path(tmp), args.language, args.out)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(10)


def _shoot(tmp: Path, language: str, out: Path) -> int:
    link = start_embedded(tmp)
    try:
        return _shoot_on(link, tmp, language, out)
    finally:
        link.stop()


def _shoot_on(link: EmbeddedLink, tmp: Path, language: str, out: Path) -> int:
    identity = StaticIdentity(LOOPBACK.ip, LOOPBACK.mac, LOOPBACK.interface)
    db = Database(f"sqlite:///{tmp / 'centre' / 'console.db'}")   # the centre host's view
    admin = AdminService(db, SystemClock(), PasswordHashing())
    admin.reset_password(DEMO_SEEDER, "wall01", password=DEMO_PASSWORD)  # forced change
    # as a terminal with the default configuration plays them (decoder processes)
    services = Services.connect(link.client, identity, language=language, is_demo=True,
                                tuning=TerminalConfig().tuning)

    app = build_app([sys.argv[0]])
    use_language(language)
    for account in ("duty01", "wall01"):   # a throwaway centre: no last views of an earlier run
        QSettings().remove(settings_key(account, DEMO_TERMINAL))
    runner = TaskRunner(parent=app)
    out.mkdir(parents=True, exist_ok=True)
    suffix = "" if language == "zh_CN" else f"_{language}"

    def settle(cond: Callable[[], bool] = lambda: True, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            app.processEvents()
            if cond() and not runner.busy:
                break
            time.sleep(0.02)
        for _ in range(20):  # let X draw
            app.processEvents()
            time.sleep(0.01)

    def grab(name: str, *widgets: QWidget) -> None:
        area = QRect()
        for w in widgets:
            area = area.united(w.frameGeometry())
        screen = app.primaryScreen()
        pixmap = screen.grabWindow(0, area.x(), area.y(), area.width(), area.height())
        path = out / f"{name}{suffix}.png"
        pixmap.save(str(path))
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"wrote {shown} ({area.width()}×{area.height()})")

    def centre(w: QWidget) -> None:
        w.adjustSize()
        size = w.size()
        w.move((SCREEN[0] - size.width()) // 2, (SCREEN[1] - size.height()) // 3)

    # 1. login dialog, then refused
    login = LoginDialog(services, runner)
    login.show()
    centre(login)
    settle(lambda: login.ip_value.text() == LOOPBACK.ip)
    grab("login", login)
    login.account_edit.setText("duty01")
    login.password_edit.setText("wrong-password")
    login.login_button.click()
    settle(login.error_label.isVisible)
    centre(login)
    settle()
    grab("login_error", login)

    # 2. forced password change at first login (wall01 was reset)
    login.error_label.hide()
    login.account_edit.setText("wall01")
    login.password_edit.setText(DEMO_PASSWORD)
    login.login_button.click()
    settle(lambda: login.password_dialog is not None)
    dialog = login.password_dialog
    if dialog is None:
        raise SystemExit("the forced password change did not open")
    dialog.new_edit.setText("short")
    dialog.confirm_edit.setText("short")
    dialog.buttons.accepted.emit()
    settle(dialog.error_label.isVisible)
    dialog.adjustSize()
    dialog.move(login.frameGeometry().center() - dialog.rect().center())
    settle()
    grab("password_change", login, dialog)
    dialog.reject()
    login.close()

    # 3. main window, then the lock screen
    result = services.auth.login("duty01", DEMO_PASSWORD)
    if not isinstance(result, Accepted):
        raise SystemExit(f"demo login refused: {result}")
    window = MainWindow(services, runner, result.session, services.auth.policy())
    window.setGeometry(0, 0, *SCREEN)
    window.show()
    dock = window.camera_dock
    settle(lambda: dock.catalogue is not None and dock.model.rowCount() > 0)
    # the permitted tree: open two views, one by share type and one through a grant
    unconditional, granted = "32050801011328000002", "32050802041326000003"
    for code in (unconditional, granted):
        entry = dock.entry_for_code(code)
        if entry is None:
            raise SystemExit(f"demo camera {code} is not in duty01's tree")
        window.request_open(entry, 0 if code == unconditional else 1)
        settle(lambda: window.purpose_dialog is not None or runner.busy is False)
    purpose = window.purpose_dialog
    if purpose is not None:
        purpose.move(window.geometry().center() - purpose.rect().center())
        settle()
        grab("purpose_dialog", window)
        purpose.ok_button.click()
    settle(lambda: len(window.view_grid.tickets()) == 2)
    dock.select_camera(granted)
    settle(dock.details.isVisible)
    time.sleep(1.1)
    settle()
    grab("main_window", window)
    dock.search_edit.setText("观前")
    settle()
    grab("camera_search", window)
    dock.search_edit.clear()
    settle()
    window.lock_action.trigger()
    settle(window.lock_screen.isVisible)
    window.lock_screen.password_edit.setText("wrong-password")
    window.lock_screen.unlock_button.click()
    settle(window.lock_screen.error_label.isVisible)
    grab("lock_screen", window)
    window.close()
    settle()

    # 4. a machine that is not an enrolled terminal (R2): no certificate, another address
    rogue = CentreClient(link.client.base_url, mac="00:1a:2b:3c:4d:99", source_ip="127.0.0.99",
                         ca=link.files.ca)
    elsewhere = Services.connect(rogue, StaticIdentity("127.0.0.99", "00:1a:2b:3c:4d:99"),
                                 language=language, is_demo=True)
    stranger = LoginDialog(elsewhere, runner)
    stranger.show()
    settle(lambda: stranger.ip_value.text() == "127.0.0.99")
    stranger.account_edit.setText("duty01")
    stranger.password_edit.setText(DEMO_PASSWORD)
    stranger.login_button.click()
    settle(stranger.error_label.isVisible)
    centre(stranger)
    settle()
    grab("login_unregistered", stranger)
    stranger.close()

    # 5. the administrator disables the user: the window ends at the next heartbeat (R1)
    QSettings().remove(settings_key("duty01", DEMO_TERMINAL))  # these views, not the last
    result = services.auth.login("duty01", DEMO_PASSWORD)
    if not isinstance(result, Accepted):
        raise SystemExit(f"demo login refused: {result}")
    window = MainWindow(services, runner, result.session, services.auth.policy(),
                        heartbeat_ms=200)
    window.setGeometry(0, 0, *SCREEN)
    window.show()
    dock = window.camera_dock
    settle(lambda: dock.catalogue is not None and dock.model.rowCount() > 0)
    for index, code in enumerate(("32050801011328000002", "32050801011328000001")):
        entry = dock.entry_for_code(code)
        if entry is not None:
            window.request_open(entry, index)
    settle(lambda: len(window.view_grid.tickets()) == 2)
    time.sleep(3)
    settle()
    # 5a. the centre stops answering: every picture is hidden (fail closed)
    grace = services.auth.policy().server_grace_seconds
    if link.process is None:             # its own temporary directory: it started the centre
        raise RuntimeError("the screenshots need a centre of their own")
    os.kill(link.process.pid, signal.SIGSTOP)
    settle(lambda: window.centre_link.blanked, timeout=grace + 5)
    time.sleep(1.1)
    settle()
    grab("centre_lost", window)
    os.kill(link.process.pid, signal.SIGCONT)
    settle(lambda: not window.centre_link.blanked, timeout=20)
    time.sleep(3)
    settle()
    grab("centre_back", window)
    # 5b. the administrator disables the user: the window ends at the next heartbeat (R1)
    admin.set_user_state(DEMO_SEEDER, "duty01", enabled=False)
    settle(lambda: window.end_notice is not None and window.end_notice.isVisible())
    notice = window.end_notice
    if notice is not None:
        notice.move(window.geometry().center() - notice.rect().center())
    settle()
    grab("session_ended", window)
    window.close()
    settle()
    runner.wait_for_done()
    return 0


if __name__ == "__main__":
    sys.exit(main())
