"""The login dialog: account and password, the terminal identity this console will present
(R2), the refusal translated from the service's reason, and the forced password change (R3).
Every service call goes through the TaskRunner."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.auth.results import Accepted, Denied, LoginResult
from console.codes import Reason
from console.identity import IdentityError, TerminalIdentity
from console.policy import Policy
from console.services import Services
from console.views.password_dialog import PasswordDialog
from console.views.reason_text import describe, error_text, role_text
from console.views.tasks import TaskRunner

_CHANGE_REASONS = (Reason.PASSWORD_CHANGE_REQUIRED, Reason.PASSWORD_EXPIRED)
_PASSWORD_REFUSALS = (Reason.PASSWORD_TOO_WEAK, Reason.PASSWORD_REUSED)


@dataclass(frozen=True, slots=True)
class TerminalFacts:
    """What the login dialog shows about this machine before anyone logs in."""

    identity: TerminalIdentity | None
    terminal_name: str | None
    error: str = ""


@dataclass(frozen=True, slots=True)
class LoginAttempt:
    result: LoginResult
    policy: Policy


class LoginDialog(QDialog):
    login_succeeded = Signal(object, object)  # SessionInfo, Policy

    def __init__(self, services: Services, runner: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services, self._runner = services, runner
        self._password_dialog: PasswordDialog | None = None
        self._pending_password = ""
        self.setObjectName("loginDialog")
        self.setWindowTitle(self.tr("Video Sharing Console — Log in"))
        self.setMinimumWidth(480)

        header = QFrame()
        header.setObjectName("loginHeader")
        title = QLabel(self.tr("Video Sharing Console"))
        title.setProperty("role", "title")
        subtitle = QLabel(self.tr("City public-video sharing platform · dedicated terminal"))
        subtitle.setProperty("role", "subtitle")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(28, 22, 28, 18)
        header_layout.setSpacing(4)
        header_layout.addWidget(title)
        header_layout.addWidget(subtitle)

        self.account_edit = QLineEdit()
        self.account_edit.setPlaceholderText(self.tr("Personal account"))
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("Account"), self.account_edit)
        form.addRow(self.tr("Password"), self.password_edit)

        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()

        self.identity_box = self._build_identity_box()

        self.login_button = QPushButton(self.tr("Log in"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self._on_login_clicked)
        self.exit_button = QPushButton(self.tr("Exit"))
        self.exit_button.setAutoDefault(False)
        self.exit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.exit_button)
        buttons.addWidget(self.login_button)

        body = QVBoxLayout()
        body.setContentsMargins(28, 18, 28, 20)
        body.setSpacing(12)
        body.addLayout(form)
        body.addWidget(self.error_label)
        body.addWidget(self.identity_box)
        body.addLayout(buttons)
        self.demo_note = self._build_demo_note()
        if self.demo_note is not None:
            body.addWidget(self.demo_note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addLayout(body)
        self.account_edit.setFocus()
        self._load_terminal_facts()

    # -- terminal identity -------------------------------------------------------------------

    def _build_identity_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("This terminal"))
        pending = self.tr("Detecting…")
        self.terminal_value = QLabel(pending)
        self.ip_value = QLabel(pending)
        self.mac_value = QLabel(pending)
        self.interface_value = QLabel(pending)
        for value in (self.terminal_value, self.ip_value, self.mac_value, self.interface_value):
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout(box)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        form.addRow(self.tr("Terminal"), self.terminal_value)
        form.addRow(self.tr("IP address"), self.ip_value)
        form.addRow(self.tr("MAC address"), self.mac_value)
        form.addRow(self.tr("Network interface"), self.interface_value)
        return box

    def _load_terminal_facts(self) -> None:
        auth = self._services.auth

        def facts() -> TerminalFacts:
            try:
                identity = auth.current_identity()
            except IdentityError as exc:
                return TerminalFacts(None, None, str(exc))
            return TerminalFacts(identity, auth.terminal_name_for(identity))

        self._runner.submit(facts, self._on_terminal_facts_loaded, self._on_task_failed,
                            owner=self)

    def _on_terminal_facts_loaded(self, facts: TerminalFacts) -> None:
        if facts.identity is None:
            _set_role(self.terminal_value, "warning")
            self.terminal_value.setText(self.tr("Identity unavailable"))
            self.terminal_value.setToolTip(facts.error)
            for value in (self.ip_value, self.mac_value, self.interface_value):
                value.setText("—")
            return
        if facts.terminal_name:
            _set_role(self.terminal_value, "")
            self.terminal_value.setText(facts.terminal_name)
        else:
            _set_role(self.terminal_value, "warning")
            self.terminal_value.setText(self.tr("Unregistered terminal"))
        self.ip_value.setText(facts.identity.ip)
        self.mac_value.setText(facts.identity.mac)
        self.interface_value.setText(facts.identity.interface or "—")

    # -- demo note ---------------------------------------------------------------------------

    def _build_demo_note(self) -> QFrame | None:
        """A small, quiet list of the demo accounts (only on the embedded demo database)."""
        if not self._services.is_demo:
            return None
        from console.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD  # noqa: PLC0415

        note = QFrame()
        note.setObjectName("demoNote")
        grid = QGridLayout(note)
        grid.setContentsMargins(0, 8, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(2)
        heading = QLabel(self.tr("Demo centre — password for every account: {password}")
                         .format(password=DEMO_PASSWORD))
        heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(heading, 0, 0, 1, 4)
        for index, (account, name, role) in enumerate(DEMO_ACCOUNTS):
            row, column = 1 + index // 2, (index % 2) * 2
            grid.addWidget(_selectable(account), row, column)
            grid.addWidget(QLabel(self.tr("{name} · {role}").format(
                name=name, role=role_text(role))), row, column + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for label in note.findChildren(QLabel):
            label.setProperty("role", "muted")
        return note

    # -- login -------------------------------------------------------------------------------

    @Slot()
    def _on_login_clicked(self) -> None:
        account, password = self.account_edit.text().strip(), self.password_edit.text()
        if not account:
            self.show_error(self.tr("Enter the account."))
            self.account_edit.setFocus()
            return
        if not password:
            self.show_error(self.tr("Enter the password."))
            self.password_edit.setFocus()
            return
        self._attempt(account, password, None)

    def _attempt(self, account: str, password: str, new_password: str | None) -> None:
        auth = self._services.auth

        def attempt() -> LoginAttempt:
            result = auth.login(account, password, new_password)
            return LoginAttempt(result, auth.login_policy())

        self._set_busy(True)
        self._runner.submit(attempt, self._on_login_answered, self._on_task_failed, owner=self)

    def _on_login_answered(self, attempt: LoginAttempt) -> None:
        self._set_busy(False)
        result = attempt.result
        if isinstance(result, Accepted):
            self._close_password_dialog(accepted=True)
            self.show_error("")
            self.login_succeeded.emit(result.session, attempt.policy)
            self.accept()
            return
        dialog = self._password_dialog
        if dialog is not None and result.reason in _PASSWORD_REFUSALS:
            dialog.show_refusal(describe(result.reason, result.details))
            return
        self._close_password_dialog(accepted=False)
        if result.reason in _CHANGE_REASONS:
            self._open_password_dialog(result, attempt.policy)
            return
        self.show_error(describe(result.reason, result.details))
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _on_task_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._close_password_dialog(accepted=False)
        self.show_error(error_text(error))

    def show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.account_edit, self.password_edit, self.login_button):
            widget.setEnabled(not busy)
        self.login_button.setText(self.tr("Logging in…") if busy else self.tr("Log in"))

    # -- forced password change --------------------------------------------------------------

    def _open_password_dialog(self, denied: Denied, policy: Policy) -> None:
        self._pending_password = self.password_edit.text()
        dialog = PasswordDialog(
            self.account_edit.text().strip(), policy.password_min_length, needs_old=False,
            explanation=describe(denied.reason, denied.details), parent=self)
        dialog.password_chosen.connect(self._on_password_chosen)
        dialog.rejected.connect(self._on_password_dialog_rejected)
        self._password_dialog = dialog
        self.show_error(describe(denied.reason, denied.details))
        dialog.open()

    @property
    def password_dialog(self) -> PasswordDialog | None:
        return self._password_dialog

    @Slot(str, str)
    def _on_password_chosen(self, _old: str, new: str) -> None:
        self._attempt(self.account_edit.text().strip(), self._pending_password, new)

    @Slot()
    def _on_password_dialog_rejected(self) -> None:
        self._password_dialog = None
        self._pending_password = ""
        self.password_edit.clear()
        self.password_edit.setFocus()

    def _close_password_dialog(self, *, accepted: bool) -> None:
        dialog, self._password_dialog = self._password_dialog, None
        if dialog is None:
            return
        dialog.rejected.disconnect(self._on_password_dialog_rejected)
        if accepted:
            dialog.accept()
        else:
            dialog.reject()
        dialog.deleteLater()


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _set_role(label: QLabel, role: str) -> None:
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)
