"""The 管理 (Management) menu: what supervisors and administrators do from their console —
an emergency grant (supervisor, administrator), the camera catalogue (administrator) and the
usage register with its leak trace, the fault reports (supervisor: their unit's people;
administrator: all) and the online rates (supervisor: their unit's cameras; administrator:
all).
Actions appear by role for convenience; the services check the role again and audit."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu

from console.auth.results import SessionInfo
from console.codes import Role
from console.faults.rules import HANDLER_ROLES
from console.grants.model import Grantee, Scope
from console.policy import Policy
from console.services import Services
from console.views.catalog_dialog import CatalogDialog
from console.views.emergency_grant_dialog import EmergencyGrantDialog
from console.views.fault_dialogs import FaultListDialog
from console.views.online_rate_dialog import OnlineRateDialog
from console.views.reason_text import refusal_text
from console.views.register_dialog import RegisterDialog
from console.views.tasks import TaskRunner

EMERGENCY_ROLES = {Role.SUPERVISOR, Role.ADMINISTRATOR}
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
        self.emergency_dialog: EmergencyGrantDialog | None = None
        self.catalog_dialog: CatalogDialog | None = None
        self.register_dialog: RegisterDialog | None = None
        self.faults_dialog: FaultListDialog | None = None
        self.online_dialog: OnlineRateDialog | None = None
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None
        role = session.role
        if role not in (EMERGENCY_ROLES | CATALOGUE_ROLES | REGISTER_ROLES | FAULT_ROLES
                        | ONLINE_RATE_ROLES):
            return
        self.menu = window.menuBar().addMenu(self.tr("Management"))
        self.emergency_action = QAction(self.tr("Emergency grant…"), self)
        self.emergency_action.triggered.connect(self._on_emergency_triggered)
        self.catalog_action = QAction(self.tr("Camera catalogue…"), self)
        self.catalog_action.triggered.connect(self._on_catalog_triggered)
        if role in EMERGENCY_ROLES:
            self.menu.addAction(self.emergency_action)
            self.actions.append(self.emergency_action)
        if role in CATALOGUE_ROLES:
            self.menu.addAction(self.catalog_action)
            self.actions.append(self.catalog_action)
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

    def close_dialogs(self) -> None:
        for dialog in (self.emergency_dialog, self.catalog_dialog, self.register_dialog,
                       self.faults_dialog, self.online_dialog):
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
        """The emergency grant dialog, prefilled with ``camera_code``."""
        admin = self._services.admin

        def lists() -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
            units = [(u.code, u.name) for u in admin.list_units()]
            users = [(u.account, u.real_name) for u in admin.list_users()]
            return units, users

        self._runner.submit(lists, partial(self._open_emergency, camera_code), owner=self)

    def _open_emergency(self, camera_code: str,
                        lists: tuple[list[tuple[str, str]], list[tuple[str, str]]]) -> None:
        self.close_dialogs()
        units, users = lists
        dialog = EmergencyGrantDialog(
            units, users, default_hours=self._policy.emergency_grant_default_hours,
            max_hours=self._policy.emergency_grant_max_hours, camera_code=camera_code,
            parent=self._window)
        dialog.grant_requested.connect(self._on_grant_requested)
        dialog.finished.connect(self._on_dialog_finished)
        self.emergency_dialog = dialog
        dialog.open()

    @Slot(object, object, list, str, float, str)
    def _on_grant_requested(self, grantee: Grantee, scope: Scope, rights: list[str],
                            reason: str, hours: float, reference: str) -> None:
        grants, session_id = self._services.grants, self._session.session_id

        def issue() -> int:
            return grants.issue_emergency(session_id, grantee, scope, rights, reason=reason,
                                          hours=hours, reference=reference)

        self._runner.submit(issue, self._on_grant_issued, self._on_grant_refused, owner=self)

    def _on_grant_issued(self, grant_id: int) -> None:
        if self.emergency_dialog is not None:
            self.emergency_dialog.accept()
        self._status(self.tr("Emergency grant #{id} issued. It ends by itself.")
                     .format(id=grant_id))

    def _on_grant_refused(self, error: BaseException) -> None:
        if self.emergency_dialog is None:
            return
        self.emergency_dialog.show_refusal(refusal_text(error))

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

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        sender = self.sender()
        if sender is self.emergency_dialog:
            self.emergency_dialog = None
        elif sender is self.catalog_dialog:
            self.catalog_dialog = None
        elif sender is self.register_dialog:
            self.register_dialog = None
        elif sender is self.faults_dialog:
            self.faults_dialog = None
        elif sender is self.online_dialog:
            self.online_dialog = None
        else:
            return
        sender.deleteLater()
