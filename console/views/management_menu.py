"""The 管理 (Management) menu: what supervisors and administrators do from their console —
the grants of their units and an emergency grant (supervisor: their own unit's;
administrator: all, and grants from approved forms), the camera catalogue (administrator),
the usage register with its leak trace and the fault reports (supervisor: their unit's
people; administrator: all) and the online rates (supervisor: their unit's cameras;
administrator: all).
Actions appear by role for convenience; the services check the role again and audit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from console.auth.results import SessionInfo
from console.codes import Role
from console.faults.rules import HANDLER_ROLES
from console.grants.commands import ROLES as GRANT_COMMAND_ROLES
from console.grants.commands import Command
from console.policy import Policy
from console.services import Services
from console.views.catalog_dialog import CatalogDialog
from console.views.fault_dialogs import FaultListDialog
from console.views.grant_dialogs import GrantIssuer, GrantsDialog
from console.views.online_rate_dialog import OnlineRateDialog
from console.views.platform_sync_dialog import PlatformSyncDialog
from console.views.register_dialog import RegisterDialog
from console.views.tasks import TaskRunner

EMERGENCY_ROLES = set(GRANT_COMMAND_ROLES[Command.EMERGENCY])
GRANT_ROLES = set(GRANT_COMMAND_ROLES[Command.LIST])
CATALOGUE_ROLES = {Role.ADMINISTRATOR}
REGISTER_ROLES = {Role.SUPERVISOR, Role.ADMINISTRATOR}
FAULT_ROLES = set(HANDLER_ROLES)
ONLINE_RATE_ROLES = {Role.SUPERVISOR, Role.ADMINISTRATOR}


class ManagementMenu(QObject):
    def __init__(self, window: QMainWindow, services: Services, runner: TaskRunner,
                 session: SessionInfo, policy: Policy,
                 current_camera: Callable[[], str] = lambda: "") -> None:
        super().__init__(window)
        self._current_camera = current_camera
        self._window, self._services, self._runner = window, services, runner
        self._session, self._policy = session, policy
        self.grants = GrantIssuer(services, runner, session, policy, window, self._status)
        self.grants_dialog: GrantsDialog | None = None
        self.catalog_dialog: CatalogDialog | None = None
        self.register_dialog: RegisterDialog | None = None
        self.faults_dialog: FaultListDialog | None = None
        self.online_dialog: OnlineRateDialog | None = None
        self.sync_dialog: PlatformSyncDialog | None = None
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None
        role = session.role
        if role not in (EMERGENCY_ROLES | GRANT_ROLES | CATALOGUE_ROLES | REGISTER_ROLES
                        | FAULT_ROLES | ONLINE_RATE_ROLES):
            return
        self.menu = window.menuBar().addMenu(self.tr("Management"))
        self.grants_action = QAction(self.tr("Grants…"), self)
        self.grants_action.triggered.connect(self._on_grants_triggered)
        if role in GRANT_ROLES:
            self.menu.addAction(self.grants_action)
            self.actions.append(self.grants_action)
        self.emergency_action = QAction(self.tr("Emergency grant…"), self)
        self.emergency_action.triggered.connect(self._on_emergency_triggered)
        self.catalog_action = QAction(self.tr("Camera catalogue…"), self)
        self.catalog_action.triggered.connect(self._on_catalog_triggered)
        if role in EMERGENCY_ROLES:
            self.menu.addAction(self.emergency_action)
            self.actions.append(self.emergency_action)
        self.sync_action = QAction(self.tr("Platform catalogue sync…"), self)
        self.sync_action.triggered.connect(self._on_sync_triggered)
        if role in CATALOGUE_ROLES:
            self.menu.addAction(self.catalog_action)
            self.actions.append(self.catalog_action)
            self.menu.addAction(self.sync_action)
            self.actions.append(self.sync_action)
        self.register_action = QAction(self.tr("Usage register…"), self)
        self.register_action.triggered.connect(self._on_register_triggered)
        if role in REGISTER_ROLES:
            self.menu.addAction(self.register_action)
            self.actions.append(self.register_action)
        self.faults_action = QAction(self.tr("Fault reports…"), self)
        self.faults_action.triggered.connect(self._on_faults_triggered)
        if role in FAULT_ROLES:
            self.menu.addAction(self.faults_action)
            self.actions.append(self.faults_action)
        self.online_action = QAction(self.tr("Online rates…"), self)
        self.online_action.triggered.connect(self._on_online_triggered)
        if role in ONLINE_RATE_ROLES:
            self.menu.addAction(self.online_action)
            self.actions.append(self.online_action)

    @property
    def emergency_dialog(self) -> QDialog | None:
        """The open emergency grant (or grant form) dialog."""
        return self.grants.dialog

    def close_dialogs(self) -> None:
        self.grants.close_dialog()
        for dialog in (self.grants_dialog, self.catalog_dialog, self.register_dialog,
                       self.faults_dialog, self.online_dialog, self.sync_dialog):
            if dialog is not None:
                dialog.reject()

    def _status(self, text: str) -> None:
        show = getattr(self._window, "show_message", None)  # the main window's notice area
        if callable(show):
            show(text)
        else:
            self._window.statusBar().showMessage(text, 15_000)

    # -- emergency grant ---------------------------------------------------------------------

    @Slot()
    def _on_emergency_triggered(self) -> None:
        self.open_emergency(self._current_camera())

    def open_emergency(self, camera_code: str = "") -> None:
        """The emergency grant dialog, with ``camera_code`` picked in its tree."""
        self.grants.close_dialog()
        self.grants.open_emergency(camera_code)

    # -- grants ------------------------------------------------------------------------------

    @Slot()
    def _on_grants_triggered(self) -> None:
        self.open_grants()

    def open_grants(self) -> None:
        """The grants of the reader's units (names for the codes come from the centre)."""
        admin = self._services.admin

        def names() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            return ([(u.code, u.name) for u in admin.list_units()],
                    [(u.account, u.real_name) for u in admin.list_users()])

        self._runner.submit(names, self._open_grants,
                            lambda _error: self._open_grants(([], [])), owner=self)

    def _open_grants(self, names: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        self.close_dialogs()
        dialog = GrantsDialog(self._services, self._runner, self._session, self.grants,
                              self._window)
        dialog.set_directory(*names)
        dialog.finished.connect(self._on_dialog_finished)
        self.grants_dialog = dialog
        dialog.open()
        dialog.refresh()

    # -- catalogue ---------------------------------------------------------------------------

    @Slot()
    def _on_catalog_triggered(self) -> None:
        self.close_dialogs()
        dialog = CatalogDialog(self._services, self._runner, self._session.session_id,
                               self._window)
        dialog.finished.connect(self._on_dialog_finished)
        self.catalog_dialog = dialog
        dialog.open()

    # -- usage register ----------------------------------------------------------------------

    @Slot()
    def _on_register_triggered(self) -> None:
        self.open_register()

    def open_register(self, session_code: str = "") -> None:
        """The usage register dialog (with ``session_code``: on its leak trace)."""
        admin = self._services.admin

        def people() -> list[tuple[str, str]]:
            return [(u.account, u.real_name) for u in admin.list_users()]

        self._runner.submit(people, partial(self._open_register, session_code),
                            lambda _error: self._open_register(session_code, []), owner=self)

    def _open_register(self, session_code: str, people: list[tuple[str, str]]) -> None:
        self.close_dialogs()
        dialog = RegisterDialog(self._services, self._runner, self._session.session_id,
                                people, self._window)
        dialog.finished.connect(self._on_dialog_finished)
        self.register_dialog = dialog
        dialog.open()
        if session_code:
            dialog.tabs.setCurrentIndex(1)
            dialog.code_edit.setText(session_code)
            dialog.trace()
        else:
            dialog.search()

    # -- fault reports -----------------------------------------------------------------------

    @Slot()
    def _on_faults_triggered(self) -> None:
        self.close_dialogs()
        dialog = FaultListDialog(self._services, self._runner, self._session.session_id,
                                 self._window)
        dialog.finished.connect(self._on_dialog_finished)
        self.faults_dialog = dialog
        dialog.open()
        dialog.refresh()

    # -- online rates ------------------------------------------------------------------------

    @Slot()
    def _on_online_triggered(self) -> None:
        self.close_dialogs()
        dialog = OnlineRateDialog(self._services, self._runner, self._session.session_id,
                                  self._window)
        dialog.finished.connect(self._on_dialog_finished)
        self.online_dialog = dialog
        dialog.open()
        dialog.refresh()

    # -- the catalogue from the city platform ---------------------------------------------

    @Slot()
    def _on_sync_triggered(self) -> None:
        self.close_dialogs()
        dialog = PlatformSyncDialog(self._services, self._runner, self._session.session_id,
                                    self._window)
        dialog.finished.connect(self._on_dialog_finished)
        self.sync_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        sender = self.sender()
        if sender is self.grants_dialog:
            self.grants_dialog = None
        elif sender is self.catalog_dialog:
            self.catalog_dialog = None
        elif sender is self.register_dialog:
            self.register_dialog = None
        elif sender is self.faults_dialog:
            self.faults_dialog = None
        elif sender is self.online_dialog:
            self.online_dialog = None
        elif sender is self.sync_dialog:
            self.sync_dialog = None
        else:
            return
        sender.deleteLater()
