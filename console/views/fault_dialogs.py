"""Fault reports in the console (R13): "Report a fault…" in a tile's menu (every role: kind and
comment, the centre adds the maintainer unit and contact from the catalogue), and the list
of reports from the Management menu, where supervisors and administrators move a report
along new → sent to the maintainer unit → fixed → verified. The centre checks every step
(console/faults/rules.py) and registers it; the buttons only offer the steps the state has."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.api.fault_wire import FaultRow
from console.auth.results import SessionInfo
from console.faults.rules import (
    AUTOMATIC_REPORTER,
    MAX_COMMENT,
    MAX_NOTE,
    FaultKind,
    FaultState,
    Step,
    next_steps,
)
from console.player.tile import VideoTile
from console.services import Services
from console.views.reason_text import QT_TRANSLATE_NOOP, refusal_text
from console.views.register_dialog import RowsModel, table_view, time_text
from console.views.tasks import TaskRunner

_CONTEXT = "FaultText"
KIND_TEXTS: dict[FaultKind, str] = {
    FaultKind.POSITION_OFFSET: QT_TRANSLATE_NOOP("FaultText", "Position offset"),
    FaultKind.BLUR: QT_TRANSLATE_NOOP("FaultText", "Blurred picture"),
    FaultKind.OCCLUSION: QT_TRANSLATE_NOOP("FaultText", "Occluded"),
    FaultKind.OFFLINE: QT_TRANSLATE_NOOP("FaultText", "Offline / no signal"),
    FaultKind.FROZEN: QT_TRANSLATE_NOOP("FaultText", "Frozen picture"),
    FaultKind.COLOUR_CAST: QT_TRANSLATE_NOOP("FaultText", "Colour cast"),
    FaultKind.BRIGHTNESS: QT_TRANSLATE_NOOP("FaultText", "Too dark or too bright"),
    FaultKind.OTHER: QT_TRANSLATE_NOOP("FaultText", "Other"),
}
STATE_TEXTS: dict[FaultState, str] = {
    FaultState.NEW: QT_TRANSLATE_NOOP("FaultText", "New"),
    FaultState.SENT: QT_TRANSLATE_NOOP("FaultText", "Sent to the maintainer"),
    FaultState.FIXED: QT_TRANSLATE_NOOP("FaultText", "Fixed"),
    FaultState.VERIFIED: QT_TRANSLATE_NOOP("FaultText", "Verified"),
}
STEP_TEXTS: dict[Step, str] = {
    Step.SEND: QT_TRANSLATE_NOOP("FaultText", "Send to the maintainer"),
    Step.FIX: QT_TRANSLATE_NOOP("FaultText", "Mark fixed"),
    Step.VERIFY: QT_TRANSLATE_NOOP("FaultText", "Verified on the picture"),
    Step.REOPEN: QT_TRANSLATE_NOOP("FaultText", "Not fixed: reopen"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def kind_text(kind: FaultKind | str) -> str:
    return _tr(KIND_TEXTS.get(FaultKind(kind), str(kind)))


def reporter_text(account: str) -> str:
    """Who reported: a person's account, or the centre's automatic video diagnosis."""
    if account == AUTOMATIC_REPORTER:
        return _tr(QT_TRANSLATE_NOOP("FaultText", "Automatic video diagnosis"))
    return account


def state_text(state: FaultState | str) -> str:
    return _tr(STATE_TEXTS.get(FaultState(state), str(state)))


class FaultReportDialog(QDialog):
    """What is wrong with the camera of one tile."""

    report_requested = Signal(str, str)   # kind, comment

    def __init__(self, camera_code: str, camera_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultReportDialog")
        self.setWindowTitle(self.tr("Report a fault"))
        self.camera_code = camera_code
        camera = QLabel(f"{camera_name} ({camera_code})")
        self.kind_combo = QComboBox()
        for kind in FaultKind:
            self.kind_combo.addItem(kind_text(kind), str(kind))
        self.comment_edit = QPlainTextEdit()
        self.comment_edit.setPlaceholderText(self.tr("What is wrong (required for 'Other')"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Report"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Camera"), camera)
        form.addRow(self.tr("Fault"), self.kind_combo)
        form.addRow(self.tr("Comment"), self.comment_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    @Slot()
    def _on_accepted(self) -> None:
        comment = " ".join(self.comment_edit.toPlainText().split())[:MAX_COMMENT]
        kind = str(self.kind_combo.currentData())
        if kind == FaultKind.OTHER and not comment:
            self.show_refusal(self.tr("Say what is wrong."))
            return
        self.report_requested.emit(kind, comment)

    def show_refusal(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()


class FaultReporter(QObject):
    """The tile menu's "Report a fault…" and what follows: one report dialog at a time, the
    report sent through the runner, the answer in the status bar."""

    def __init__(self, parent: QWidget, services: Services, runner: TaskRunner,
                 session: SessionInfo, show_message: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._parent, self._services, self._runner = parent, services, runner
        self._session, self._show_message = session, show_message
        self.dialog: FaultReportDialog | None = None

    def add_tile_action(self, tile: VideoTile, menu: QMenu) -> None:
        action = menu.addAction(self.tr("Report a fault…"))
        action.setObjectName("reportFaultAction")
        action.triggered.connect(partial(self.open_for, tile))

    def open_for(self, tile: VideoTile) -> None:
        if tile.ticket is None:
            return
        self.close_dialogs()
        dialog = FaultReportDialog(tile.ticket.camera_code, tile.ticket.camera_name,
                                   self._parent)
        dialog.report_requested.connect(self._on_report_requested)
        dialog.finished.connect(self._on_finished)
        self.dialog = dialog
        dialog.open()

    def close_dialogs(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()

    @Slot(str, str)
    def _on_report_requested(self, kind: str, comment: str) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        faults, sid, code = self._services.faults, self._session.session_id, dialog.camera_code
        self._runner.submit(lambda: faults.report(sid, code, kind, comment), self._on_reported,
                            self._on_refused, owner=self)

    def _on_reported(self, row: FaultRow) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        whom = row.maintainer or self.tr("the maintainer (not in the catalogue)")
        self._show_message(self.tr("Fault report #{id} recorded for {camera}; it goes to "
                                   "{maintainer}.").format(id=row.id, camera=row.camera_name,
                                                           maintainer=whom))

    def _on_refused(self, error: BaseException) -> None:
        if self.dialog is not None:
            self.dialog.show_refusal(refusal_text(error))

    @Slot(int)
    def _on_finished(self, _result: int) -> None:
        if self.sender() is self.dialog and self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None


class FaultListDialog(QDialog):
    """The fault reports a supervisor (their own unit's people's) or an administrator (all)
    handles, newest first, and the steps the selected one can take."""

    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("faultListDialog")
        self.setWindowTitle(self.tr("Fault reports"))
        self.resize(1000, 560)
        self._services, self._runner, self._session_id = services, runner, session_id
        self.open_only = QCheckBox(self.tr("Open reports only"))
        self.open_only.setChecked(True)
        self.open_only.toggled.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.model: RowsModel[FaultRow] = RowsModel([
            ("", lambda r: f"#{r.id}"), ("", lambda r: time_text(r.reported_at)),
            ("", lambda r: r.camera_name), ("", lambda r: r.camera),
            ("", lambda r: kind_text(r.kind)), ("", lambda r: state_text(r.state)),
            ("", lambda r: r.maintainer), ("", lambda r: r.contact),
            ("", lambda r: reporter_text(r.reported_by)), ("", lambda r: r.comment)], self)
        self.model.set_headers([
            self.tr("No."), self.tr("Reported"), self.tr("Camera"), self.tr("Code"),
            self.tr("Fault"), self.tr("State"), self.tr("Maintainer unit"),
            self.tr("Contact"), self.tr("Reported by"), self.tr("Comment")])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setPlaceholderText(self.tr("Note for this step (optional)"))
        self.step_buttons: dict[Step, QPushButton] = {}
        steps = QHBoxLayout()
        steps.addWidget(self.note_edit, 1)
        for step in Step:
            button = QPushButton(_tr(STEP_TEXTS[step]))
            button.setAutoDefault(False)
            button.clicked.connect(partial(self.take_step, step))
            button.setEnabled(False)
            self.step_buttons[step] = button
            steps.addWidget(button)
        self.history_label = QLabel()
        self.history_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        top = QHBoxLayout()
        top.addWidget(self.open_only)
        top.addStretch(1)
        top.addWidget(self.refresh_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.history_label)
        layout.addWidget(self.error_label)
        layout.addLayout(steps)
        layout.addWidget(close)

    def selected(self) -> FaultRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    @Slot()
    def refresh(self) -> None:
        faults, sid, open_only = (self._services.faults, self._session_id,
                                  self.open_only.isChecked())
        self._runner.submit(lambda: faults.list(sid, open_only=open_only), self._on_listed,
                            self._on_failed, owner=self)

    def _on_listed(self, rows: list[FaultRow]) -> None:
        keep = self.selected()
        self.model.reset(rows)
        self.error_label.hide()
        if keep is not None:
            for n, row in enumerate(rows):
                if row.id == keep.id:
                    self.table.selectRow(n)
        self._update_buttons()

    def _on_failed(self, error: BaseException) -> None:
        self.error_label.setText(refusal_text(error))
        self.error_label.show()

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        possible = next_steps(row.state) if row is not None else []
        for step, button in self.step_buttons.items():
            button.setEnabled(step in possible)
        self.history_label.setText(self.history_text(row) if row is not None else "")

    def history_text(self, row: FaultRow) -> str:
        parts = [self.tr("Reported by {who} on {terminal}, {when}").format(
            who=reporter_text(row.reported_by), terminal=row.terminal or "-",
            when=time_text(row.reported_at))]
        for who, when, text in ((row.sent_by, row.sent_at, STATE_TEXTS[FaultState.SENT]),
                                (row.fixed_by, row.fixed_at, STATE_TEXTS[FaultState.FIXED]),
                                (row.verified_by, row.verified_at,
                                 STATE_TEXTS[FaultState.VERIFIED])):
            if who is not None:
                parts.append(f"{_tr(text)}: {who}, {time_text(when)}")
        if row.note:
            parts.append(self.tr("Note: {note}").format(note=row.note))
        return " · ".join(parts)

    def take_step(self, step: Step) -> None:
        row = self.selected()
        if row is None:
            return
        faults, sid, note = self._services.faults, self._session_id, self.note_edit.text()
        self._runner.submit(lambda: faults.step(sid, row.id, str(step), note),
                            self._on_stepped, self._on_failed, owner=self)

    def _on_stepped(self, _row: FaultRow) -> None:
        self.note_edit.clear()
        self.refresh()
