"""Choosing a new password: forced at login (first use, expiry) or voluntary from the main
window. The dialog checks only what it can see (both entries match); the password rule is
the service's, and its refusals (too weak, reused) come back through ``show_refusal``."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class PasswordDialog(QDialog):
    password_chosen = Signal(str, str)  # old ("" when not asked), new

    def __init__(
        self,
        account: str,
        min_length: int,
        *,
        needs_old: bool,
        explanation: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("passwordDialog")
        self.setWindowTitle(self.tr("Change password"))
        self.setMinimumWidth(540)
        self._needs_old = needs_old

        heading = QLabel(self.tr("New password for {account}").format(account=account))
        heading.setProperty("role", "heading")
        self.explanation_label = QLabel(explanation)
        self.explanation_label.setWordWrap(True)
        self.explanation_label.setProperty("role", "warning")
        self.explanation_label.setVisible(bool(explanation))
        self.rule_label = QLabel(self.tr(
            "At least {min_length} characters, using three of: lower-case letters, "
            "upper-case letters, digits, symbols. It must not contain the account name."
        ).format(min_length=min_length))
        self.rule_label.setWordWrap(True)
        self.rule_label.setProperty("role", "hint")

        self.old_edit = _password_edit()
        self.new_edit = _password_edit()
        self.confirm_edit = _password_edit()
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        if needs_old:
            form.addRow(self.tr("Current password"), self.old_edit)
        else:
            self.old_edit.hide()
        form.addRow(self.tr("New password"), self.new_edit)
        form.addRow(self.tr("Confirm new password"), self.confirm_edit)

        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Change password"))
        ok.setDefault(True)
        ok.setProperty("role", "primary")
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 18)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(self.explanation_label)
        layout.addLayout(form)
        layout.addWidget(self.rule_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        (self.old_edit if needs_old else self.new_edit).setFocus()

    def show_refusal(self, text: str) -> None:
        """The service refused the new password: say why and let the user try again."""
        self.set_busy(False)
        self._show_error(text)
        self.new_edit.clear()
        self.confirm_edit.clear()
        self.new_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.old_edit, self.new_edit, self.confirm_edit, self.buttons):
            widget.setEnabled(not busy)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))

    @Slot()
    def _on_ok_clicked(self) -> None:
        old, new = self.old_edit.text(), self.new_edit.text()
        if self._needs_old and not old:
            self._show_error(self.tr("Enter the current password."))
            self.old_edit.setFocus()
        elif not new:
            self._show_error(self.tr("Enter the new password."))
            self.new_edit.setFocus()
        elif new != self.confirm_edit.text():
            self._show_error(self.tr("The two new passwords do not match."))
            self.confirm_edit.clear()
            self.confirm_edit.setFocus()
        else:
            self._show_error("")
            self.set_busy(True)
            self.password_chosen.emit(old, new)


def _password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(220)
    return edit
