"""A supervisor's emergency grant (应急授权, R7): to a unit or a person, for a camera, a camera
group or a region, some rights, from now for a bounded time, with the emergency stated. The
dialog only collects; GrantService checks the supervisor's role, the bounds and audits."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from console.codes import Right
from console.grants.model import Grantee, Scope


class EmergencyGrantDialog(QDialog):
    grant_requested = Signal(object, object, list, str, float, str)
    # grantee, scope, rights, reason, hours, reference

    def __init__(self, units: list[tuple[str, str]], users: list[tuple[str, str]], *,
                 default_hours: int, max_hours: int, camera_code: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emergencyGrantDialog")
        self.setWindowTitle(self.tr("Emergency grant"))
        self.setMinimumWidth(560)
        heading = QLabel(self.tr("Time-limited emergency grant"))
        heading.setProperty("role", "heading")
        hint = QLabel(self.tr(
            "The grant starts now and ends by itself after the chosen time (at most {max} "
            "hours). It may open cameras that are not shared. It is recorded in the usage "
            "register with your name and the reason.").format(max=max_hours))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")

        self.grantee_kind = QComboBox()
        self.grantee_kind.addItem(self.tr("Unit"), "unit")
        self.grantee_kind.addItem(self.tr("Person"), "user")
        self.grantee_combo = QComboBox()
        self._units, self._users = units, users
        self.grantee_kind.currentIndexChanged.connect(self._on_grantee_kind_changed)
        grantee_row = QHBoxLayout()
        grantee_row.addWidget(self.grantee_kind)
        grantee_row.addWidget(self.grantee_combo, 1)

        self.scope_kind = QComboBox()
        self.scope_kind.addItem(self.tr("Camera (20-digit code)"), "camera")
        self.scope_kind.addItem(self.tr("Camera group (name)"), "group")
        self.scope_kind.addItem(self.tr("Region (civil code)"), "region")
        self.scope_edit = QLineEdit(camera_code)
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_kind)
        scope_row.addWidget(self.scope_edit, 1)

        self.right_boxes: dict[Right, QCheckBox] = {}
        rights_row = QHBoxLayout()
        for right, text in ((Right.LIVE, self.tr("Live view")), (Right.PTZ, self.tr("PTZ")),
                            (Right.PLAYBACK, self.tr("Playback")),
                            (Right.DOWNLOAD, self.tr("Download"))):
            box = QCheckBox(text)
            box.setChecked(right == Right.LIVE)
            box.toggled.connect(self._on_input_changed)
            self.right_boxes[right] = box
            rights_row.addWidget(box)
        rights_row.addStretch(1)

        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0.5, float(max_hours))
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setValue(float(default_hours))
        self.hours_spin.setSuffix(self.tr(" h"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("The emergency: what happened, where"))
        self.reason_edit.setFixedHeight(72)
        self.reason_edit.textChanged.connect(self._on_input_changed)
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(self.tr("Incident number (optional)"))
        self.scope_edit.textChanged.connect(self._on_input_changed)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(self.tr("Grant to"), grantee_row)
        form.addRow(self.tr("Cameras"), scope_row)
        form.addRow(self.tr("Rights"), rights_row)
        form.addRow(self.tr("Duration"), self.hours_spin)
        form.addRow(self.tr("Reason"), self.reason_edit)
        form.addRow(self.tr("Reference"), self.reference_edit)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Issue grant"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self._on_grantee_kind_changed()
        self._on_input_changed()

    @property
    def ok_button_enabled(self) -> bool:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    @Slot()
    def _on_grantee_kind_changed(self) -> None:
        self.grantee_combo.clear()
        for key, label in (self._units if self.grantee_kind.currentData() == "unit"
                           else self._users):
            self.grantee_combo.addItem(f"{label} ({key})", key)
        self._on_input_changed()

    @Slot()
    def _on_input_changed(self) -> None:
        ready = (bool(self.grantee_combo.currentData()) and bool(self.scope_edit.text().strip())
                 and any(b.isChecked() for b in self.right_boxes.values())
                 and bool(self.reason_edit.toPlainText().strip()))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    @Slot()
    def _on_accepted(self) -> None:
        key = str(self.grantee_combo.currentData())
        grantee = Grantee(unit=key) if self.grantee_kind.currentData() == "unit" \
            else Grantee(user=key)
        scope = Scope(str(self.scope_kind.currentData()), self.scope_edit.text().strip())
        rights = [r.value for r, box in self.right_boxes.items() if box.isChecked()]
        self.error_label.hide()
        self.buttons.setEnabled(False)
        self.grant_requested.emit(grantee, scope, rights, self.reason_edit.toPlainText().strip(),
                                  self.hours_spin.value(), self.reference_edit.text().strip())

    def show_refusal(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(text)
        self.error_label.show()
