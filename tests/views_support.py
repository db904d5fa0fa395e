"""Helpers for the view tests: services over the seeded world, a logged-in session, and the
visible texts of a widget tree (for the untranslated-string checks)."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QWidget,
)

from console.admin.service import AdminService
from console.auth.results import Accepted, SessionInfo
from console.clock import FixedClock
from console.demo.accounts import DEMO_PASSWORD
from console.demo.seed import DEMO_TERMINAL, ensure_demo
from console.identity import StaticIdentity, TerminalIdentity
from console.passwords import PasswordHashing
from console.policy import Policy
from console.remote.client import CentreClient
from console.services import Services
from console.storage.database import Database
from console.views.app import build_app
from console.views.i18n import use_language
from console.views.main_window import MainWindow
from tests.conftest import PASSWORD, T42, T43, World
from tests.support.centre import CentreHarness


def prepare_app(language: str = "zh_CN") -> QApplication:
    """The session's QApplication, themed as the console themes it, speaking ``language``."""
    app = build_app([])
    use_language(language)
    return app


# The centre servers started by this test (stopped by conftest's _stop_centres), and the
# terminals' services (one enrolment per terminal: enrolling again replaces its certificate).
_CENTRES: dict[int, CentreHarness] = {}
_TERMINALS: dict[tuple[int, TerminalIdentity, str | None], Services] = {}


def centre_for(db: Database, clock: FixedClock, hashing: PasswordHashing) -> CentreHarness:
    """The real centre server (HTTPS, mutual TLS, 127.0.0.1) over ``db`` for this test."""
    harness = _CENTRES.get(id(db))
    if harness is None:
        tmp = Path(tempfile.mkdtemp(prefix="centre-"))
        harness = _CENTRES[id(db)] = CentreHarness(db, clock, tmp, hashing).start()
    return harness


def stop_centres() -> None:
    while _TERMINALS:
        _, services = _TERMINALS.popitem()
        services.client.close()
    while _CENTRES:
        _, harness = _CENTRES.popitem()
        harness.stop()
        shutil.rmtree(harness.tmp_path, ignore_errors=True)


def terminal_services(harness: CentreHarness, clock: FixedClock,
                      identity: TerminalIdentity | None, terminal: str | None, *,
                      is_demo: bool = False) -> Services:
    """The console's services on the terminal at ``identity``: enrolled (a certificate for
    ``terminal``) when ``terminal`` is given, otherwise a machine the centre does not know
    (no certificate), reaching the centre from ``identity.ip``."""
    identity = identity or T42
    key = (id(harness), identity, terminal)
    known = _TERMINALS.get(key)
    if known is not None:
        return known if known.is_demo == is_demo else replace(known, is_demo=is_demo)
    if terminal is not None:
        files = harness.enrol_existing(terminal, identity)
        client = harness.client(files, source_ip=identity.ip, mac=identity.mac)
    else:
        client = CentreClient(harness.url, mac=identity.mac, source_ip=identity.ip,
                              ca=harness.data.ca_cert)
    services = _TERMINALS[key] = Services.connect(
        client, StaticIdentity(identity.ip, identity.mac), clock=clock, is_demo=is_demo)
    return services


def services_for(world: World, identity: TerminalIdentity | None = T42, *,
                 is_demo: bool = False) -> Services:
    """The console's services for a terminal of the seeded world (T42 → T-0042, T43 →
    T-0043; any other identity is a machine that is not an enrolled terminal)."""
    harness = centre_for(world.db, world.clock, world.hashing)
    names = {T42: "T-0042", T43: "T-0043"}
    identity = identity or T42
    return terminal_services(harness, world.clock, identity, names.get(identity),
                             is_demo=is_demo)


def logged_in(services: Services, account: str = "zhangsan",
              password: str = PASSWORD) -> tuple[SessionInfo, Policy]:
    result = services.auth.login(account, password)
    assert isinstance(result, Accepted), result
    return result.session, services.auth.policy()


def open_first_view(window: MainWindow, services: Services, session: SessionInfo) -> None:
    """Load the catalogue into ``window`` and open its first camera that needs no purpose
    in tile 0 (as a double-click in the tree does)."""
    window.camera_dock.set_catalogue(services.access.snapshot(session.session_id))
    entry = next(e for e in window.camera_dock.model.tree.entries  # type: ignore[union-attr]
                 if not e.needs_purpose)
    window._open_view(entry, 0, "")


def visible_texts(root: QWidget) -> list[str]:
    """Every text a user can read in ``root`` and its children, menus included."""
    widgets = [root, *root.findChildren(QWidget)]
    texts: list[str] = []
    for w in widgets:
        if w.isWindow() and w.windowTitle():
            texts.append(w.windowTitle())
        if isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QGroupBox | QDockWidget):
            texts.append(w.title() if isinstance(w, QGroupBox) else w.windowTitle())
        if isinstance(w, QMenu):
            texts.append(w.title())
            texts.extend(a.text() for a in w.actions())
        texts.append(w.toolTip())
    if isinstance(root, QMainWindow):
        texts.extend(a.text() for a in root.menuBar().actions())
    return [t for t in texts if t]


def demo_services(db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    """Services over the demo data (units, accounts, catalogue, grants) with the test's
    terminal (T42) as the demo terminal."""
    admin = AdminService(db, clock, hashing)
    ensure_demo(db, admin, clock, T42)
    harness = centre_for(db, clock, hashing)
    return terminal_services(harness, clock, T42, DEMO_TERMINAL, is_demo=True)


def demo_login(services: Services, account: str) -> SessionInfo:
    result = services.auth.login(account, DEMO_PASSWORD)
    assert isinstance(result, Accepted), result
    return result.session


# Top-level windows a test opens are kept alive until the test's teardown and then deleted by
# Qt (deleteLater). Left to Python's garbage collector, a window in a reference cycle can be
# collected in the middle of painting itself, which crashes Qt's raster engine.
KEPT_WINDOWS: list[QWidget] = []


def keep_window(window: QWidget) -> None:
    KEPT_WINDOWS.append(window)


def delete_kept_windows() -> None:
    from PySide6.QtCore import QCoreApplication, QEvent

    while KEPT_WINDOWS:
        window = KEPT_WINDOWS.pop()
        try:
            window.close()
            window.deleteLater()
        except RuntimeError:        # already deleted by Qt
            pass
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
