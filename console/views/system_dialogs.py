"""The System and Help menus and their dialogs: changing one's password, About (the terminal,
its address and session, how well the screen is protected from capture), and the question
before logout or exit closes open views (how many)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar, QMessageBox, QWidget

import console
from console.auth.results import SessionInfo, UnlockResult
from console.codes import Reason
from console.policy import Policy
from console.services import Services
from console.views.capture_guard import exclusion_text
from console.views.notice_bar import NoticeBar
from console.views.password_dialog import PasswordDialog
from console.views.reason_text import describe, error_text
from console.views.tasks import TaskRunner


class SystemDialogs(QObject):
    def __init__(self, window: QWidget, services: Services, runner: TaskRunner,
                 session: SessionInfo, policy: Policy, *, notice_bar: NoticeBar,
                 capture_level: Callable[[], str],
                 session_ended: Callable[[Reason, dict[str, Any]], None],
                 close_all: Callable[[], None]) -> None:
        """``close_all`` closes every dialog of the console (a password changed);
        ``session_ended`` is told when the centre ended the session meanwhile."""
        super().__init__(window)
        self._window, self._services, self._runner = window, services, runner
        self._session, self._policy, self._notice_bar = session, policy, notice_bar
        self._capture_level, self._session_ended = capture_level, session_ended
        self._close_all = close_all
        self.password_dialog: PasswordDialog | None = None
        self.about_box: QMessageBox | None = None
        self.confirm_box: QMessageBox | None = None   # "close N views?" before logout/exit

    # -- the menus ---------------------------------------------------------------------------

    def build_system_menu(self, bar: QMenuBar, *, lock: Callable[[], None],
                          logout: Callable[[], None], exit: Callable[[], None]) -> None:
        system = bar.addMenu(self.tr("System"))
        self.change_password_action = QAction(self.tr("Change password…"), self._window)
        self.change_password_action.triggered.connect(self.change_password)
        self.lock_action = QAction(self.tr("Lock screen"), self._window)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lock)
        self.logout_action = QAction(self.tr("Log out"), self._window)
        self.logout_action.triggered.connect(logout)
        self.exit_action = QAction(self.tr("Exit"), self._window)
        self.exit_action.triggered.connect(exit)
        system.addAction(self.change_password_action)
        system.addAction(self.lock_action)
        system.addSeparator()
        system.addAction(self.logout_action)
        system.addAction(self.exit_action)

    def build_help_menu(self, bar: QMenuBar) -> QAction:
        help_menu = bar.addMenu(self.tr("Help"))
        about = QAction(self.tr("About"), self._window)
        about.triggered.connect(self.about)
        help_menu.addAction(about)
        return about

    # -- closing views -----------------------------------------------------------------------

    def confirm_closing_views(self, title: str, count: int,
                              proceed: Callable[[], None]) -> None:
        """Ask before logout or exit closes ``count`` open views; no question when none is
        open."""
        if count == 0:
            proceed()
            return
        if self.confirm_box is not None:
            self.confirm_box.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          self.tr("%n open view(s) will be closed.", "", count),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self._window)
        box.setObjectName("closeViewsConfirm")
        box.setInformativeText(self.tr("Continue?"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(partial(self._on_confirm_finished, box, proceed))
        self.confirm_box = box
        box.open()

    def _on_confirm_finished(self, box: QMessageBox, proceed: Callable[[], None],
                             _result: int) -> None:
        self.confirm_box = None
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if yes:
            proceed()

    # -- about -------------------------------------------------------------------------------

    @Slot()
    def about(self) -> None:
        s = self._session
        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("About"))
        box.setText(self.tr("Video Sharing Console"))
        box.finished.connect(self._on_dialog_finished)
        box.setInformativeText(self.tr(
            "Version {version}\n\nTerminal: {terminal} ({location})\nIP address: {ip}\n"
            "MAC address: {mac}\nNetwork interface: {interface}\nSession: {code}\n"
            "Screen capture protection: {capture}"
        ).format(version=console.__version__, terminal=s.terminal_name,
                 location=s.terminal_location, ip=s.identity.ip, mac=s.identity.mac,
                 interface=s.identity.interface or "—", code=s.code,
                 capture=exclusion_text(self._capture_level())))
        self.about_box = box
        box.open()

    # -- password ----------------------------------------------------------------------------

    @Slot()
    def change_password(self) -> None:
        dialog = PasswordDialog(self._session.account, self._policy.password_min_length,
                                needs_old=True, parent=self._window)
        dialog.password_chosen.connect(self._on_password_chosen)
        dialog.finished.connect(self._on_dialog_finished)
        self.password_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        sender = self.sender()
        if sender is self.password_dialog:
            self.password_dialog = None
        elif sender is self.about_box:
            self.about_box = None
        else:
            return
        sender.deleteLater()

    @Slot(str, str)
    def _on_password_chosen(self, old: str, new: str) -> None:
        auth, session_id = self._services.auth, self._session.session_id
        self._runner.submit(lambda: auth.change_password(session_id, old, new),
                            self._on_password_answered, self._on_password_failed, owner=self)

    def _on_password_answered(self, result: UnlockResult) -> None:
        dialog = self.password_dialog
        if result.ok:
            self._close_all()
            self._notice_bar.show_notice(self.tr("The password was changed."), 8000)
        elif result.session_ended:
            self._session_ended(result.reason, result.details)
        elif dialog is not None:
            dialog.show_refusal(describe(result.reason, result.details))

    def _on_password_failed(self, error: BaseException) -> None:
        if self.password_dialog is not None:
            self.password_dialog.show_refusal(error_text(error))

    def close_dialogs(self) -> None:
        for dialog in (self.password_dialog, self.about_box, self.confirm_box):
            if dialog is not None:
                dialog.reject()  # finished -> _on_dialog_finished forgets it
