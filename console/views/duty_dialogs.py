"""Duty in the console (R12): the 值班 menu — the on-duty log of one's shifts (an entry, a
correction, settling a follow-up; from a tile's menu the entry names that view), the
handover (sign one's shift over with the centre's snapshot; accept or refuse one addressed
to one's shift, with a reason), and for supervisors and administrators the review of their
units' shifts (attendance, log, handovers; approve or return with a comment; the PDF report)
and the roster (a new shift). The centre checks every step (console/duty/rules.py) and
registers it; the buttons only help."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDateTime, QModelIndex, QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from console.api.duty_wire import (
    HandoverContent,
    HandoverDraft,
    HandoverRow,
    LogEntryBody,
    LogEntryRow,
    OnlineFigure,
    ShiftDetail,
    ShiftRow,
)
from console.auth.results import SessionInfo
from console.duty.rules import (
    MAX_COMMENT,
    MAX_FOLLOW_UP,
    MAX_LOCATION,
    MAX_NOTE,
    REVIEW_ROLES,
    WRITER_ROLES,
    Category,
    HandoverState,
    ReviewState,
)
from console.player.tile import VideoTile
from console.services import Services
from console.views.reason_text import QT_TRANSLATE_NOOP, refusal_text
from console.views.register_dialog import RowsModel, table_view
from console.views.tasks import TaskRunner

_CONTEXT = "DutyText"
CATEGORY_TEXTS: dict[Category, str] = {
    Category.PATROL: QT_TRANSLATE_NOOP("DutyText", "Routine patrol"),
    Category.INCIDENT: QT_TRANSLATE_NOOP("DutyText", "Incident"),
    Category.TRAFFIC: QT_TRANSLATE_NOOP("DutyText", "Traffic"),
    Category.PUBLIC_ORDER: QT_TRANSLATE_NOOP("DutyText", "Public order"),
    Category.EQUIPMENT: QT_TRANSLATE_NOOP("DutyText", "Equipment or picture fault"),
    Category.OTHER: QT_TRANSLATE_NOOP("DutyText", "Other"),
}
REVIEW_TEXTS: dict[ReviewState, str] = {
    ReviewState.PENDING: QT_TRANSLATE_NOOP("DutyText", "Not reviewed"),
    ReviewState.RETURNED: QT_TRANSLATE_NOOP("DutyText", "Returned"),
    ReviewState.APPROVED: QT_TRANSLATE_NOOP("DutyText", "Approved (locked)"),
}
HANDOVER_TEXTS: dict[HandoverState, str] = {
    HandoverState.SIGNED: QT_TRANSLATE_NOOP("DutyText", "Signed, awaiting the next shift"),
    HandoverState.ACCEPTED: QT_TRANSLATE_NOOP("DutyText", "Accepted"),
    HandoverState.REFUSED: QT_TRANSLATE_NOOP("DutyText", "Refused"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def category_text(category: Category | str) -> str:
    return _tr(CATEGORY_TEXTS.get(Category(category), str(category)))


def review_text(state: ReviewState | str) -> str:
    return _tr(REVIEW_TEXTS.get(ReviewState(state), str(state)))


def handover_text(state: HandoverState | str | None) -> str:
    return _tr(HANDOVER_TEXTS[HandoverState(state)]) if state else "-"


def minute_text(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when is not None else "-"


def shift_label(shift: ShiftRow) -> str:
    return f"#{shift.id} {shift.title} {minute_text(shift.starts_at)} – " \
           f"{shift.ends_at.astimezone():%H:%M} ({shift.unit_name})"


def _date_time_edit(when: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    edit.setCalendarPopup(True)
    return edit


def _utc(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


def _error_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setProperty("role", "error")
    label.hide()
    return label


SCOPE_TEXTS = {
    "camera": QT_TRANSLATE_NOOP("DutyText", "camera"),
    "group": QT_TRANSLATE_NOOP("DutyText", "camera group"),
    "region": QT_TRANSLATE_NOOP("DutyText", "region"),
}
CONTENT_TEXTS = {
    "items": QT_TRANSLATE_NOOP("DutyText", "Open items: {n}"),
    "faults": QT_TRANSLATE_NOOP("DutyText", "Open fault reports: {n}"),
    "ptz": QT_TRANSLATE_NOOP("DutyText", "PTZ cameras not verified home: {n}"),
    "online": QT_TRANSLATE_NOOP(
        "DutyText", "Online rate of the unit's cameras at {at} (point in time): "
                    "{online} of {total} = {share}"),
    "weighted": QT_TRANSLATE_NOOP(
        "DutyText", "Online rate today since {since} (time weighted): {hours} of {expected} "
                    "camera-hours = {share}"),
    "share": QT_TRANSLATE_NOOP(
        "DutyText", "Cameras of the unit online at {at} (point-in-time share of the "
                    "catalogue, before online rates were recorded): {online} of {total} = "
                    "{share}"),
    "grants": QT_TRANSLATE_NOOP("DutyText", "Emergency grants in force: {n}"),
}


def _percent(rate: float | None) -> str:
    return f"{100 * rate:.1f} %" if rate is not None else "-"


def online_lines(online: OnlineFigure) -> list[str]:
    """The unit's online figures of a handover: the online rates (point in time and today's
    time weighted), or the catalogue's share for handovers signed before rates existed."""
    if online.kind != "online_rates":
        return [_tr(CONTENT_TEXTS["share"]).format(
            at=minute_text(online.at), online=online.online, total=online.total,
            share=_percent(online.point_rate))]
    return [_tr(CONTENT_TEXTS["online"]).format(
                at=minute_text(online.at), online=online.online, total=online.total,
                share=_percent(online.point_rate)),
            _tr(CONTENT_TEXTS["weighted"]).format(
                since=minute_text(online.since or online.at),
                hours=f"{online.online_hours:.1f}", expected=f"{online.expected_hours:.1f}",
                share=_percent(online.weighted_rate))]


def content_text(content: HandoverContent) -> str:
    """What a handover carries, as the dialogs and the review show it."""
    online = content.online
    lines = [_tr(CONTENT_TEXTS["items"]).format(n=len(content.open_items))]
    lines += [f"  #{i.entry} {minute_text(i.at)} {i.seen} → {i.follow_up}"
              for i in content.open_items]
    lines.append(_tr(CONTENT_TEXTS["faults"]).format(n=len(content.open_faults)))
    lines += [f"  #{f.id} {f.camera_name} ({f.camera}) {f.maintainer}"
              for f in content.open_faults]
    lines.append(_tr(CONTENT_TEXTS["ptz"]).format(n=len(content.ptz_faults)))
    lines += [f"  #{p.id} {p.camera_name} ({p.camera}) {p.actor}" for p in content.ptz_faults]
    lines += online_lines(online)
    lines.append(_tr(CONTENT_TEXTS["grants"]).format(n=len(content.emergency_grants)))
    lines += [f"  #{g.id} {g.grantee} {_tr(SCOPE_TEXTS.get(g.scope_kind, g.scope_kind))} "
              f"{g.scope} {g.scope_name} → {minute_text(g.until)} {g.reason}"
              for g in content.emergency_grants]
    return "\n".join(lines)


class _Refusable(QDialog):
    """A dialog with an error line for the centre's refusals."""

    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 parent: QWidget | None) -> None:
        super().__init__(parent)
        self._services, self._runner, self._session_id = services, runner, session_id
        self.error_label = _error_label()
        self.info_label = QLabel()
        self.info_label.setWordWrap(True)

    def _on_failed(self, error: BaseException) -> None:
        self.error_label.setText(refusal_text(error))
        self.error_label.show()

    def _done(self, text: str) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.info_label.setText(text)


class DutyLogDialog(_Refusable):
    """The on-duty log of the shifts the user is on: the entries of one, and a new entry
    (or a correction of the selected one, or settling its follow-up)."""

    def __init__(self, services: Services, runner: TaskRunner, session_id: str, *,
                 cameras: Sequence[str] = (), view: str | None = None, view_camera: str = "",
                 current_camera: Callable[[], str] = lambda: "",
                 parent: QWidget | None = None) -> None:
        super().__init__(services, runner, session_id, parent)
        self.setObjectName("dutyLogDialog")
        self._current_camera = current_camera
        self.setWindowTitle(self.tr("On-duty log"))
        self.resize(1000, 640)
        self.view = view
        self.corrects: int | None = None
        self.closes: int | None = None
        self.shift_combo = QComboBox()
        self.shift_combo.currentIndexChanged.connect(self._on_shift_changed)
        self.model: RowsModel[LogEntryRow] = RowsModel([
            ("", lambda r: f"#{r.id}"), ("", lambda r: minute_text(r.at)),
            ("", lambda r: category_text(r.category)),
            ("", lambda r: "、".join(c.name for c in r.cameras)),
            ("", lambda r: r.seen), ("", lambda r: r.location), ("", lambda r: r.follow_up),
            ("", lambda r: r.author_name or r.author), ("", self._status_text)], self)
        self.model.set_headers([
            self.tr("No."), self.tr("Time"), self.tr("Category"), self.tr("Cameras"),
            self.tr("What was seen"), self.tr("Location"), self.tr("Follow-up"),
            self.tr("Written by"), self.tr("Status")])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.time_check = QCheckBox(self.tr("Another time"))
        self.time_edit = _date_time_edit(services.clock.now())
        self.time_edit.setEnabled(False)
        self.time_check.toggled.connect(self.time_edit.setEnabled)
        self.category_combo = QComboBox()
        for category in Category:
            self.category_combo.addItem(category_text(category), str(category))
        self.cameras_edit = QLineEdit(", ".join(cameras))
        self.cameras_edit.setPlaceholderText(self.tr("Camera codes, separated by commas"))
        self.tree_button = QPushButton(self.tr("Add the camera selected in the tree"))
        self.tree_button.setAutoDefault(False)
        self.tree_button.clicked.connect(self.add_tree_camera)
        self.view_label = QLabel(self.tr("From the open view of {camera}").format(
            camera=view_camera) if view else "")
        self.location_edit = QLineEdit()
        self.location_edit.setMaxLength(MAX_LOCATION)
        self.seen_edit = QPlainTextEdit()
        self.seen_edit.setPlaceholderText(self.tr("What was seen"))
        self.follow_edit = QLineEdit()
        self.follow_edit.setMaxLength(MAX_FOLLOW_UP)
        self.follow_edit.setPlaceholderText(self.tr("What is still to be done (leave empty "
                                                    "if nothing)"))
        self.mode_label = QLabel()
        self.add_button = QPushButton(self.tr("Write entry"))
        self.add_button.clicked.connect(self.submit)
        self.correct_button = QPushButton(self.tr("Correct the selected entry"))
        self.correct_button.clicked.connect(self.correct_selected)
        self.close_button = QPushButton(self.tr("Settle the selected follow-up"))
        self.close_button.clicked.connect(self.close_selected)
        self.new_button = QPushButton(self.tr("New entry"))
        self.new_button.clicked.connect(self.clear_form)
        for button in (self.add_button, self.correct_button, self.close_button,
                       self.new_button):
            button.setAutoDefault(False)
        when = QHBoxLayout()
        when.addWidget(self.time_check)
        when.addWidget(self.time_edit, 1)
        form = QFormLayout()
        form.addRow(self.tr("Shift"), self.shift_combo)
        form.addRow(self.tr("Time"), when)
        form.addRow(self.tr("Category"), self.category_combo)
        cameras_row = QHBoxLayout()
        cameras_row.addWidget(self.cameras_edit, 1)
        cameras_row.addWidget(self.tree_button)
        form.addRow(self.tr("Cameras"), cameras_row)
        form.addRow("", self.view_label)
        form.addRow(self.tr("Location"), self.location_edit)
        form.addRow(self.tr("What was seen"), self.seen_edit)
        form.addRow(self.tr("Follow-up"), self.follow_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mode_label, 1)
        for button in (self.new_button, self.correct_button, self.close_button,
                       self.add_button):
            buttons.addWidget(button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info_label)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.shifts: list[ShiftRow] = []
        self._update_buttons()

    def _status_text(self, row: LogEntryRow) -> str:
        parts = []
        if row.corrects:
            parts.append(self.tr("corrects #{id}").format(id=row.corrects))
        if row.corrected_by:
            parts.append(self.tr("corrected by #{id}").format(id=row.corrected_by))
        if row.closes:
            parts.append(self.tr("settles #{id}").format(id=row.closes))
        if row.closed_by:
            parts.append(self.tr("settled by #{id}").format(id=row.closed_by))
        return "; ".join(parts)

    def shift(self) -> ShiftRow | None:
        index = self.shift_combo.currentIndex()
        return self.shifts[index] if 0 <= index < len(self.shifts) else None

    def selected(self) -> LogEntryRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    @Slot()
    def load(self) -> None:
        duty, sid = self._services.duty, self._session_id
        self._runner.submit(lambda: duty.shifts(sid, mine=True), self._on_shifts,
                            self._on_failed, owner=self)

    def _on_shifts(self, shifts: list[ShiftRow]) -> None:
        now = self._services.clock.now()
        self.shifts = shifts
        self.shift_combo.blockSignals(True)
        self.shift_combo.clear()
        for shift in shifts:
            self.shift_combo.addItem(shift_label(shift), shift.id)
        current = next((n for n, s in enumerate(shifts) if s.starts_at <= now < s.ends_at), 0)
        self.shift_combo.setCurrentIndex(current if shifts else -1)
        self.shift_combo.blockSignals(False)
        if not shifts:
            self._done(self.tr("You are on no shift of the duty roster."))
        self.refresh()

    @Slot(int)
    def _on_shift_changed(self, _index: int) -> None:
        self.clear_form()
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        shift = self.shift()
        if shift is None:
            self.model.reset([])
            self._update_buttons()
            return
        duty, sid = self._services.duty, self._session_id
        self._runner.submit(lambda: duty.detail(sid, shift.id), self._on_detail,
                            self._on_failed, owner=self)

    def _on_detail(self, detail: ShiftDetail) -> None:
        self.model.reset(detail.entries)
        if detail.shift.review != ReviewState.PENDING:
            text = review_text(detail.shift.review)
            if detail.shift.review_comment:
                text += self.tr(": {comment}").format(comment=detail.shift.review_comment)
            self.info_label.setText(text)
        self._update_buttons()

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        self.correct_button.setEnabled(row is not None and row.corrected_by is None)
        self.close_button.setEnabled(row is not None and bool(row.follow_up)
                                     and row.corrected_by is None and row.closed_by is None)
        self.add_button.setEnabled(self.shift() is not None)
        if self.corrects is not None:
            self.mode_label.setText(self.tr("Correcting entry #{id}").format(id=self.corrects))
        elif self.closes is not None:
            self.mode_label.setText(self.tr("Settling the follow-up of #{id}").format(
                id=self.closes))
        else:
            self.mode_label.setText("")

    @Slot()
    def add_tree_camera(self) -> None:
        """The camera selected in the camera tree (the dialog does not block the window)."""
        code = self._current_camera()
        codes = [c.strip() for c in self.cameras_edit.text().split(",") if c.strip()]
        if code and code not in codes:
            self.cameras_edit.setText(", ".join([*codes, code]))

    @Slot()
    def correct_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.corrects, self.closes = row.id, None
        self.time_check.setChecked(True)
        self.time_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(row.at.timestamp())))
        self.category_combo.setCurrentIndex(self.category_combo.findData(str(row.category)))
        self.cameras_edit.setText(", ".join(c.code for c in row.cameras))
        self.location_edit.setText(row.location)
        self.seen_edit.setPlainText(row.seen)
        self.follow_edit.setText(row.follow_up)
        self._update_buttons()

    @Slot()
    def close_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.clear_form()
        self.closes = row.id
        self.category_combo.setCurrentIndex(self.category_combo.findData(str(row.category)))
        self.cameras_edit.setText(", ".join(c.code for c in row.cameras))
        self._update_buttons()

    @Slot()
    def clear_form(self) -> None:
        self.corrects = self.closes = None
        self.time_check.setChecked(False)
        self.location_edit.clear()
        self.seen_edit.clear()
        self.follow_edit.clear()
        self._update_buttons()

    @Slot()
    def submit(self) -> None:
        shift = self.shift()
        if shift is None:
            return
        seen = self.seen_edit.toPlainText().strip()
        if not seen:
            self.error_label.setText(self.tr("Say what was seen."))
            self.error_label.show()
            return
        codes = [c.strip() for c in self.cameras_edit.text().replace("，", ",").split(",")
                 if c.strip()]
        entry = LogEntryBody(
            shift=shift.id, at=_utc(self.time_edit) if self.time_check.isChecked() else None,
            category=Category(self.category_combo.currentData()), cameras=codes,
            view=self.view if self.corrects is None else None, seen=seen,
            location=self.location_edit.text(), follow_up=self.follow_edit.text(),
            corrects=self.corrects, closes=self.closes)
        duty, sid = self._services.duty, self._session_id
        self._runner.submit(lambda: duty.write(sid, entry), self._on_written,
                            self._on_failed, owner=self)

    def _on_written(self, row: LogEntryRow) -> None:
        self.view = None          # the tile's view goes with the first entry only
        self.view_label.setText("")
        self.clear_form()
        self._done(self.tr("Entry #{id} written.").format(id=row.id))
        self.refresh()


class HandoverDialog(_Refusable):
    """Hand one's shift over (the centre's snapshot, a note, the signature) and answer the
    handovers addressed to one's shifts."""

    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, runner, session_id, parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("Shift handover"))
        self.resize(900, 680)
        self.shifts: list[ShiftRow] = []
        self.draft: HandoverDraft | None = None
        self.shift_combo = QComboBox()
        self.shift_combo.currentIndexChanged.connect(self.prepare)
        self.content_view = QPlainTextEdit()
        self.content_view.setReadOnly(True)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(MAX_NOTE)
        self.note_edit.setPlaceholderText(self.tr("Note for the next shift"))
        self.sign_button = QPushButton(self.tr("Sign and hand over"))
        self.sign_button.setAutoDefault(False)
        self.sign_button.clicked.connect(self.sign)
        outgoing = QGroupBox(self.tr("Hand over my shift"))
        out_form = QFormLayout(outgoing)
        out_form.addRow(self.tr("Shift"), self.shift_combo)
        out_form.addRow(self.tr("Handed over"), self.content_view)
        out_form.addRow(self.tr("Note"), self.note_edit)
        out_form.addRow("", self.sign_button)
        self.model: RowsModel[HandoverRow] = RowsModel([
            ("", lambda r: f"#{r.id}"), ("", lambda r: f"#{r.shift} → #{r.to_shift}"),
            ("", lambda r: f"{r.signed_name} ({r.signed_by})"),
            ("", lambda r: minute_text(r.signed_at)), ("", lambda r: handover_text(r.state)),
            ("", lambda r: r.note), ("", lambda r: r.refusal)], self)
        self.model.set_headers([self.tr("No."), self.tr("Shifts"), self.tr("Signed by"),
                                self.tr("Signed"), self.tr("State"), self.tr("Note"),
                                self.tr("Reason for refusal")])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.received_view = QPlainTextEdit()
        self.received_view.setReadOnly(True)
        self.reason_edit = QLineEdit()
        self.reason_edit.setMaxLength(MAX_COMMENT)
        self.reason_edit.setPlaceholderText(self.tr("Why it is refused (required to refuse)"))
        self.accept_button = QPushButton(self.tr("Accept"))
        self.refuse_button = QPushButton(self.tr("Refuse"))
        for button, accept in ((self.accept_button, True), (self.refuse_button, False)):
            button.setAutoDefault(False)
            button.clicked.connect(partial(self.answer, accept))
        incoming = QGroupBox(self.tr("Handovers of my shifts"))
        in_layout = QVBoxLayout(incoming)
        in_layout.addWidget(self.table, 1)
        in_layout.addWidget(self.received_view, 1)
        answer = QHBoxLayout()
        answer.addWidget(self.reason_edit, 1)
        answer.addWidget(self.accept_button)
        answer.addWidget(self.refuse_button)
        in_layout.addLayout(answer)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(outgoing, 3)
        layout.addWidget(incoming, 2)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info_label)
        layout.addWidget(close)
        self._update_buttons()

    def shift(self) -> ShiftRow | None:
        index = self.shift_combo.currentIndex()
        return self.shifts[index] if 0 <= index < len(self.shifts) else None

    def selected(self) -> HandoverRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    @Slot()
    def load(self) -> None:
        duty, sid = self._services.duty, self._session_id

        def fetch() -> tuple[list[ShiftRow], list[HandoverRow]]:
            shifts = duty.shifts(sid, mine=True)
            handovers: dict[int, HandoverRow] = {}
            for shift in shifts[:20]:
                for h in duty.detail(sid, shift.id).handovers:   # from it or to it
                    handovers[h.id] = h
            return shifts, sorted(handovers.values(), key=lambda h: -h.id)

        self._runner.submit(fetch, self._on_loaded, self._on_failed, owner=self)

    def _on_loaded(self, loaded: tuple[list[ShiftRow], list[HandoverRow]]) -> None:
        shifts, handovers = loaded
        now = self._services.clock.now()
        self.shifts = shifts
        self.shift_combo.blockSignals(True)
        self.shift_combo.clear()
        for shift in shifts:
            self.shift_combo.addItem(shift_label(shift), shift.id)
        current = next((n for n, s in enumerate(shifts) if s.starts_at <= now < s.ends_at), 0)
        self.shift_combo.setCurrentIndex(current if shifts else -1)
        self.shift_combo.blockSignals(False)
        self.model.reset(handovers)
        self.prepare()

    @Slot()
    def prepare(self) -> None:
        shift = self.shift()
        self.draft = None
        self.content_view.clear()
        self._update_buttons()
        if shift is None:
            return
        duty, sid = self._services.duty, self._session_id
        self._runner.submit(lambda: duty.handover_draft(sid, shift.id), self._on_draft,
                            self._on_failed, owner=self)

    def _on_draft(self, draft: HandoverDraft) -> None:
        self.draft = draft
        target = (self.tr("To shift #{id}").format(id=draft.to_shift) if draft.to_shift
                  else self.tr("The unit has no next shift on the roster yet."))
        self.content_view.setPlainText(f"{target}\n{content_text(draft.content)}")
        self._update_buttons()

    @Slot()
    def sign(self) -> None:
        shift = self.shift()
        if shift is None:
            return
        duty, sid, note = self._services.duty, self._session_id, self.note_edit.text()
        self._runner.submit(lambda: duty.sign(sid, shift.id, None, note), self._on_signed,
                            self._on_failed, owner=self)

    def _on_signed(self, row: HandoverRow) -> None:
        self.note_edit.clear()
        self._done(self.tr("Handover #{id} signed; it waits for the next shift.").format(
            id=row.id))
        self.load()

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.selected()
        self.received_view.setPlainText(content_text(row.content) if row is not None else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        waiting = row is not None and row.state == HandoverState.SIGNED \
            and row.to_shift in {s.id for s in self.shifts}
        self.accept_button.setEnabled(waiting)
        self.refuse_button.setEnabled(waiting)
        self.sign_button.setEnabled(self.draft is not None and self.draft.to_shift is not None)

    def answer(self, accept: bool) -> None:
        row = self.selected()
        if row is None:
            return
        reason = self.reason_edit.text().strip()
        if not accept and not reason:
            self.error_label.setText(self.tr("Say why the handover is refused."))
            self.error_label.show()
            return
        duty, sid = self._services.duty, self._session_id
        self._runner.submit(lambda: duty.answer(sid, row.id, accept=accept, reason=reason),
                            self._on_answered, self._on_failed, owner=self)

    def _on_answered(self, row: HandoverRow) -> None:
        self.reason_edit.clear()
        self._done(self.tr("Handover #{id}: {state}.").format(
            id=row.id, state=handover_text(row.state)))
        self.load()


class DutyReviewDialog(_Refusable):
    """Supervisors (their unit) and administrators (all): shifts by unit, person and date;
    one shift's attendance, log and handovers; approve or return it; its PDF report; and a
    new shift on the roster."""

    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 session: SessionInfo, parent: QWidget | None = None) -> None:
        super().__init__(services, runner, session_id, parent)
        self.setObjectName("dutyReviewDialog")
        self.setWindowTitle(self.tr("Duty review and roster"))
        self.resize(1150, 760)
        now = services.clock.now()
        self.detail: ShiftDetail | None = None
        self.unit_edit = QLineEdit(session.unit_code)
        self.unit_edit.setPlaceholderText(self.tr("Unit code"))
        self.person_edit = QLineEdit()
        self.person_edit.setPlaceholderText(self.tr("Account"))
        self.from_edit = _date_time_edit(now - timedelta(days=7))
        self.to_edit = _date_time_edit(now + timedelta(days=2))
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setAutoDefault(False)
        self.search_button.clicked.connect(self.search)
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Unit"), self.unit_edit),
                              (self.tr("Person"), self.person_edit),
                              (self.tr("From"), self.from_edit), (self.tr("To"), self.to_edit)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.search_button)
        self.model: RowsModel[ShiftRow] = RowsModel([
            ("", lambda r: f"#{r.id}"), ("", lambda r: r.unit_name), ("", lambda r: r.title),
            ("", lambda r: minute_text(r.starts_at)), ("", lambda r: minute_text(r.ends_at)),
            ("", lambda r: "、".join(p.name for p in r.people)),
            ("", self.attendance_text), ("", lambda r: str(r.entries)),
            ("", lambda r: handover_text(r.handover)),
            ("", lambda r: review_text(r.review))], self)
        self.model.set_headers([
            self.tr("No."), self.tr("Unit"), self.tr("Shift"), self.tr("Starts"),
            self.tr("Ends"), self.tr("On duty"), self.tr("Attendance"), self.tr("Entries"),
            self.tr("Handover"), self.tr("Review")])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.detail_view = QPlainTextEdit()
        self.detail_view.setReadOnly(True)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.detail_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.comment_edit = QLineEdit()
        self.comment_edit.setMaxLength(MAX_COMMENT)
        self.comment_edit.setPlaceholderText(self.tr("Comment (required to return)"))
        self.approve_button = QPushButton(self.tr("Approve"))
        self.return_button = QPushButton(self.tr("Return for correction"))
        self.report_button = QPushButton(self.tr("Shift report (PDF)…"))
        self.approve_button.clicked.connect(partial(self.review, "approve"))
        self.return_button.clicked.connect(partial(self.review, "return"))
        self.report_button.clicked.connect(self._on_report_clicked)
        review = QHBoxLayout()
        review.addWidget(self.comment_edit, 1)
        for button in (self.approve_button, self.return_button, self.report_button):
            button.setAutoDefault(False)
            review.addWidget(button)
        roster = QGroupBox(self.tr("New shift on the roster"))
        self.new_title = QLineEdit()
        self.new_title.setPlaceholderText(self.tr("e.g. day shift"))
        start = now.astimezone().replace(minute=0, second=0, microsecond=0)
        self.new_start = _date_time_edit(start)
        self.new_end = _date_time_edit(start + timedelta(hours=8))
        self.new_people = QLineEdit()
        self.new_people.setPlaceholderText(self.tr("Accounts, separated by commas"))
        self.add_shift_button = QPushButton(self.tr("Add shift"))
        self.add_shift_button.setAutoDefault(False)
        self.add_shift_button.clicked.connect(self.add_shift)
        # changing a shift (until it is approved): load the selected one into the fields,
        # edit them, save them onto that shift
        self.editing: ShiftRow | None = None
        self.edit_shift_button = QPushButton(self.tr("Edit selected shift"))
        self.edit_shift_button.clicked.connect(self.edit_selected)
        self.change_shift_button = QPushButton(self.tr("Save changes"))
        self.change_shift_button.clicked.connect(self.change_shift)
        self.editing_label = QLabel()
        self.editing_label.setProperty("role", "muted")
        roster_layout = QVBoxLayout(roster)
        row = QHBoxLayout()
        for label, widget in ((self.tr("Name"), self.new_title),
                              (self.tr("Starts"), self.new_start),
                              (self.tr("Ends"), self.new_end),
                              (self.tr("People"), self.new_people)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.add_shift_button)
        edit_row = QHBoxLayout()
        edit_row.addWidget(self.editing_label, 1)
        for button in (self.edit_shift_button, self.change_shift_button):
            button.setAutoDefault(False)
            edit_row.addWidget(button)
        roster_layout.addLayout(row)
        roster_layout.addLayout(edit_row)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)
        layout.addLayout(review)
        layout.addWidget(roster)
        layout.addWidget(self.error_label)
        layout.addWidget(self.info_label)
        layout.addWidget(close)
        self._update_buttons()

    def selected(self) -> ShiftRow | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    def attendance_text(self, row: ShiftRow) -> str:
        """Late starts, absences and gaps at a glance ('-': not begun)."""
        if row.late is None or row.absent is None or row.gaps is None:
            return "-"
        parts = []
        if row.late:
            parts.append(self.tr("late: {n}").format(n=row.late))
        if row.absent:
            parts.append(self.tr("absent: {n}").format(n=row.absent))
        if row.gaps:
            parts.append(self.tr("gaps: {n}").format(n=row.gaps))
        return self.tr(", ").join(parts) if parts else self.tr("all present")

    @Slot()
    def search(self) -> None:
        duty, sid = self._services.duty, self._session_id
        unit, person = self.unit_edit.text().strip() or None, \
            self.person_edit.text().strip() or None
        start, end = _utc(self.from_edit), _utc(self.to_edit)
        self._runner.submit(lambda: duty.shifts(sid, unit=unit, person=person, start=start,
                                                end=end), self._on_listed, self._on_failed,
                            owner=self)

    def _on_listed(self, rows: list[ShiftRow]) -> None:
        keep = self.selected()
        self.model.reset(rows)
        self.error_label.hide()
        for n, row in enumerate(rows):
            if keep is not None and row.id == keep.id:
                self.table.selectRow(n)
        if not rows:
            self.detail = None
            self.detail_view.clear()
        self._update_buttons()

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.selected()
        self._update_buttons()
        if row is None:
            return
        duty, sid = self._services.duty, self._session_id
        self._runner.submit(lambda: duty.detail(sid, row.id), self._on_detail,
                            self._on_failed, owner=self)

    def _on_detail(self, detail: ShiftDetail) -> None:
        self.detail = detail
        self.detail_view.setPlainText(self.detail_text(detail))
        self._update_buttons()

    def detail_text(self, detail: ShiftDetail) -> str:
        shift = detail.shift
        lines = [shift_label(shift), review_text(shift.review)]
        if shift.reviewed_by:
            lines.append(self.tr("Reviewed by {who}, {when}").format(
                who=shift.reviewed_by, when=minute_text(shift.reviewed_at)))
        if shift.review_comment:
            lines.append(self.tr("Comment: {comment}").format(comment=shift.review_comment))
        lines.append("")
        lines.append(self.tr("Attendance"))
        for p in detail.attendance:
            if not p.planned:
                state = self.tr("not on the roster")
            elif p.absent:
                state = self.tr("absent")
            elif p.late_minutes:
                state = self.tr("late by {minutes} min").format(minutes=p.late_minutes)
            else:
                state = self.tr("on time") if p.first_login else self.tr("not yet logged in")
            lines.append(f"  {p.name} ({p.account}): {state}")
            lines += [f"    {s.terminal}: {minute_text(s.start)} – {minute_text(s.end)}"
                      for s in p.stints]
            lines += [self.tr("    gap: {start} – {end}").format(
                start=minute_text(a), end=minute_text(b)) for a, b in p.gaps]
        lines.append("")
        lines.append(self.tr("On-duty log"))
        for e in detail.entries:
            tag = ""
            if e.corrected_by:
                tag = self.tr(" (corrected by #{id})").format(id=e.corrected_by)
            elif e.corrects:
                tag = self.tr(" (corrects #{id})").format(id=e.corrects)
            lines.append(f"  #{e.id} {minute_text(e.at)} [{category_text(e.category)}] "
                         f"{e.author_name}{tag}: {e.seen}")
            if e.follow_up:
                lines.append(self.tr("    follow-up: {text}").format(text=e.follow_up))
        lines.append("")
        lines.append(self.tr("Handovers"))
        for h in detail.handovers:
            lines.append(f"  #{h.id} #{h.shift} → #{h.to_shift} {handover_text(h.state)}: "
                         f"{h.signed_name} {minute_text(h.signed_at)}"
                         + (f" / {h.answered_name} {minute_text(h.answered_at)}"
                            if h.answered_by else "")
                         + (f" — {h.refusal}" if h.refusal else ""))
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        row = self.selected()
        open_ = row is not None and row.review != ReviewState.APPROVED
        self.approve_button.setEnabled(open_)
        self.return_button.setEnabled(open_)
        self.report_button.setEnabled(row is not None)
        self.edit_shift_button.setEnabled(open_)
        self.change_shift_button.setEnabled(self.editing is not None)

    def review(self, verdict: str) -> None:
        row = self.selected()
        if row is None:
            return
        duty, sid, comment = self._services.duty, self._session_id, self.comment_edit.text()
        if verdict == "return" and not comment.strip():
            self.error_label.setText(self.tr("Say what is to be corrected."))
            self.error_label.show()
            return
        self._runner.submit(lambda: duty.review(sid, row.id, verdict, comment),
                            self._on_reviewed, self._on_failed, owner=self)

    def _on_reviewed(self, row: ShiftRow) -> None:
        self.comment_edit.clear()
        self._done(self.tr("Shift #{id}: {state}.").format(id=row.id,
                                                         state=review_text(row.review)))
        self.search()

    @Slot()
    def _on_report_clicked(self) -> None:
        row = self.selected()
        if row is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the shift report"), f"shift-{row.id}.pdf",
            self.tr("PDF documents (*.pdf)"))
        if path:
            self.save_report(Path(path))

    def save_report(self, path: Path) -> None:
        row = self.selected()
        if row is None:
            return
        duty, sid = self._services.duty, self._session_id

        def save() -> Path:
            path.write_bytes(duty.report(sid, row.id))
            return path

        self._runner.submit(save, lambda saved: self._done(
            self.tr("Report saved: {path}").format(path=str(saved))), self._on_failed,
            owner=self)

    @Slot()
    def add_shift(self) -> None:
        people = [p.strip() for p in self.new_people.text().replace("，", ",").split(",")
                  if p.strip()]
        if not people:
            self.error_label.setText(self.tr("Name the people on the shift."))
            self.error_label.show()
            return
        duty, sid = self._services.duty, self._session_id
        unit, title = self.unit_edit.text().strip(), self.new_title.text()
        start, end = _utc(self.new_start), _utc(self.new_end)
        self._runner.submit(lambda: duty.set_shift(sid, unit, title, start, end, people),
                            self._on_added, self._on_failed, owner=self)

    def _on_added(self, row: ShiftRow) -> None:
        self.new_people.clear()
        self._done(self.tr("Shift #{id} added to the roster.").format(id=row.id))
        self.search()

    @Slot()
    def edit_selected(self) -> None:
        """Load the selected shift (not approved) into the roster fields for a change."""
        row = self.selected()
        if row is None or row.review == ReviewState.APPROVED:
            return
        self.editing = row
        self.new_title.setText(row.title)
        self.new_start.setDateTime(QDateTime.fromSecsSinceEpoch(int(row.starts_at.timestamp())))
        self.new_end.setDateTime(QDateTime.fromSecsSinceEpoch(int(row.ends_at.timestamp())))
        self.new_people.setText(", ".join(p.account for p in row.people))
        self.editing_label.setText(self.tr("Changing shift #{id} ({unit}): edit the name, "
                                           "times or people above, then save.").format(
            id=row.id, unit=row.unit_name))
        self._update_buttons()

    @Slot()
    def change_shift(self) -> None:
        """Save the roster fields onto the shift being changed (the centre refuses an
        approved one, or a change by someone not overseeing its unit)."""
        editing = self.editing
        if editing is None:
            return
        people = [p.strip() for p in self.new_people.text().replace("，", ",").split(",")
                  if p.strip()]
        if not people:
            self.error_label.setText(self.tr("Name the people on the shift."))
            self.error_label.show()
            return
        duty, sid = self._services.duty, self._session_id
        title, start, end = self.new_title.text(), _utc(self.new_start), _utc(self.new_end)
        self._runner.submit(lambda: duty.set_shift(sid, editing.unit, title, start, end,
                                                   people, shift_id=editing.id),
                            self._on_changed, self._on_failed, owner=self)

    def _on_changed(self, row: ShiftRow) -> None:
        self.editing = None
        self.editing_label.clear()
        self.new_people.clear()
        self._done(self.tr("Shift #{id} changed.").format(id=row.id))
        self.search()


class DutyMenu(QObject):
    """The 值班 (Duty) menu and the tile action "Add to the on-duty log…"."""

    def __init__(self, window: QMainWindow, services: Services, runner: TaskRunner,
                 session: SessionInfo, current_camera: Callable[[], str] = lambda: "") -> None:
        super().__init__(window)
        self._window, self._services, self._runner = window, services, runner
        self._session, self._current_camera = session, current_camera
        self.dialog: QDialog | None = None
        self.actions: list[QAction] = []
        self.menu: QMenu | None = None
        role = session.role
        if role not in WRITER_ROLES:
            return
        self.menu = window.menuBar().addMenu(self.tr("Duty"))
        self.log_action = QAction(self.tr("On-duty log…"), self)
        self.log_action.triggered.connect(self._on_log_triggered)
        self.handover_action = QAction(self.tr("Shift handover…"), self)
        self.handover_action.triggered.connect(self._on_handover_triggered)
        self.review_action = QAction(self.tr("Duty review and roster…"), self)
        self.review_action.triggered.connect(self._on_review_triggered)
        chosen = [self.log_action, self.handover_action]
        if role in REVIEW_ROLES:
            chosen.append(self.review_action)
        for action in chosen:
            self.menu.addAction(action)
            self.actions.append(action)

    def add_tile_action(self, tile: VideoTile, menu: QMenu) -> None:
        if self._session.role not in WRITER_ROLES:
            return
        action = menu.addAction(self.tr("Add to the on-duty log…"))
        action.setObjectName("dutyLogAction")
        action.triggered.connect(partial(self.open_for_tile, tile))

    def open_for_tile(self, tile: VideoTile) -> None:
        ticket = tile.ticket
        if ticket is None:
            return
        self.open_log([ticket.camera_code], view=ticket.id, view_camera=ticket.camera_name)

    def close_dialogs(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()

    def _show(self, dialog: QDialog, *, modal: bool = True) -> None:
        self.close_dialogs()
        dialog.finished.connect(self._on_finished)
        self.dialog = dialog
        if modal:
            dialog.open()
        else:           # the log: the operator keeps picking cameras in the tree
            dialog.setModal(False)
            dialog.show()

    @Slot()
    def _on_log_triggered(self) -> None:
        camera = self._current_camera()
        self.open_log([camera] if camera else [])

    def open_log(self, cameras: Sequence[str] = (), *, view: str | None = None,
                 view_camera: str = "") -> DutyLogDialog:
        dialog = DutyLogDialog(self._services, self._runner, self._session.session_id,
                               cameras=cameras, view=view, view_camera=view_camera,
                               current_camera=self._current_camera, parent=self._window)
        self._show(dialog, modal=False)
        dialog.load()
        return dialog

    @Slot()
    def _on_handover_triggered(self) -> None:
        dialog = HandoverDialog(self._services, self._runner, self._session.session_id,
                                self._window)
        self._show(dialog)
        dialog.load()

    @Slot()
    def _on_review_triggered(self) -> None:
        dialog = DutyReviewDialog(self._services, self._runner, self._session.session_id,
                                  self._session, self._window)
        self._show(dialog)
        dialog.search()

    @Slot(int)
    def _on_finished(self, _result: int) -> None:
        sender = self.sender()
        if sender is self.dialog and self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
