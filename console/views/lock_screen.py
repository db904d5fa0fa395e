"""The lock screen: an opaque panel over the whole main window (menus and docks too) that
only the session owner's password removes (R3). It asks; the main window calls the service."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class LockScreen(QFrame):
    unlock_requested = Signal(str)  # the password typed
    logout_requested = Signal()

    def __init__(self, real_name: str, account: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAutoFillBackground(True)

        self.title_label = QLabel(self.tr("Screen locked — {name} ({account})")
                                  .format(name=real_name, account=account))
        self.title_label.setObjectName("lockTitle")
        self.title_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint_label = QLabel(self.tr("Enter the password of {account} to unlock.")
                                 .format(account=account))
        self.hint_label.setProperty("role", "muted")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.password_edit.returnPressed.connect(self._on_unlock_clicked)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setProperty("role", "primary")
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.logout_button = QPushButton(self.tr("Log out"))
        self.logout_button.clicked.connect(self.logout_requested)

        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(460)
        buttons = QHBoxLayout()
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 26, 28, 22)
        inner.setSpacing(14)
        inner.addWidget(self.title_label)
        inner.addWidget(self.hint_label)
        inner.addWidget(self.password_edit)
        inner.addWidget(self.error_label)
        inner.addLayout(buttons)

        # Stretches rather than alignment flags, so the card grows with a wrapped message.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card)
        row.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        self.hide()

    def show_locked(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.set_busy(False)
        self.password_edit.clear()
        self.show_refusal("")
        self.show()
        self.raise_()
        self.password_edit.setFocus()

    def show_refusal(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setVisible(bool(text))
        if text:
            self.password_edit.clear()
            self.password_edit.setFocus()

    def set_busy(self, busy: bool) -> None:
        for widget in (self.password_edit, self.unlock_button, self.logout_button):
            widget.setEnabled(not busy)

    @Slot()
    def _on_unlock_clicked(self) -> None:
        password = self.password_edit.text()
        if not password:
            self.show_refusal(self.tr("Enter the password."))
            return
        self.set_busy(True)
        self.unlock_requested.emit(password)
