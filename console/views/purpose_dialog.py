"""Asking the purpose before a conditional camera opens (R15: usage only for the stated
purpose, kept with the usage record). The grant's own purpose is preselected; the purposes
given earlier in this session are offered too. OK stays disabled while the purpose is empty."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from console.access.model import CameraEntry

MAX_PURPOSE_LENGTH = 200


class PurposeDialog(QDialog):
    purpose_chosen = Signal(str)  # the purpose, stripped; emitted on OK

    def __init__(self, entry: CameraEntry, recent: Sequence[str] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purposeDialog")
        self.setWindowTitle(self.tr("Purpose of this view"))
        self.setMinimumWidth(500)
        self.entry = entry

        heading = QLabel(self.tr("{name} ({code})").format(name=entry.name, code=entry.code))
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        explanation = QLabel(self.tr(
            "This monitoring point may be used only for an approved purpose. State the purpose "
            "of this view; it is kept in the usage register."))
        explanation.setWordWrap(True)
        explanation.setProperty("role", "hint")

        self.purpose_combo = QComboBox()
        self.purpose_combo.setObjectName("purposeCombo")
        self.purpose_combo.setEditable(True)
        self.purpose_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        choices: list[str] = []
        for given in (entry.purpose, *recent):
            text = given.strip()
            if text and text not in choices:
                choices.append(text)
        self.purpose_combo.addItems(choices)
        line = self.purpose_combo.lineEdit()
        if line is not None:  # editable: it has one
            line.setMaxLength(MAX_PURPOSE_LENGTH)
            line.setPlaceholderText(self.tr("e.g. incident 2026-0153, traffic accident "
                                            "follow-up"))
            # An editable combo keeps Enter for itself; here Enter means "open".
            line.returnPressed.connect(self._on_ok_clicked)
        self.purpose_combo.setCurrentText(entry.purpose.strip())
        self.purpose_combo.editTextChanged.connect(self._on_text_changed)
        purpose_label = QLabel(self.tr("Purpose"))
        purpose_label.setBuddy(self.purpose_combo)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open"))
        self.ok_button.setDefault(True)
        self.ok_button.setProperty("role", "primary")
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 20, 22, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(explanation)
        layout.addWidget(purpose_label)
        layout.addWidget(self.purpose_combo)
        layout.addWidget(self.buttons)
        self.purpose_combo.setFocus()
        self._on_text_changed(self.purpose_combo.currentText())

    @property
    def purpose(self) -> str:
        return self.purpose_combo.currentText().strip()

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    @Slot()
    def _on_ok_clicked(self) -> None:
        if not self.purpose:
            return
        self.purpose_chosen.emit(self.purpose)
        self.accept()
