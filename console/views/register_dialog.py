"""The usage register (R11) for supervisors and administrators: records filtered on the centre
by person, terminal, camera, action, outcome, purpose and time, shown a page at a time in a
table model with the number that matched; one record's details; and the leak trace — the
session code read off a leaked photo's watermark gives the person, the terminal, the time
and every camera that session showed. The centre decides what a reader sees (a supervisor:
their own unit's people) and registers every reading and every trace."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDateTime,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from console.api.admin_wire import AuditLine, AuditRecords, SessionTrace, TracedView
from console.codes import Action, Outcome
from console.remote.register import PAGE_SIZE, RegisterQuery
from console.services import Services
from console.views.reason_text import describe, refusal_text
from console.views.tasks import TaskRunner

T = TypeVar("T")
_Index = QModelIndex | QPersistentModelIndex


def time_text(when: datetime | None) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S") if when is not None else ""


def purpose_of(params: str) -> str:
    try:
        value = json.loads(params).get("purpose", "")
    except (ValueError, AttributeError):
        return ""
    return str(value or "")


class RowsModel(QAbstractTableModel, Generic[T]):
    """Rows of one kind, a column per (header, text of a row) pair; rows are added a page at
    a time, never copied into widgets."""

    def __init__(self, columns: Sequence[tuple[str, Callable[[T], str]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self.rows: list[T] = []

    def set_headers(self, headers: Sequence[str]) -> None:
        self._columns = [(h, text) for h, (_, text) in zip(headers, self._columns, strict=True)]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._columns[index.column()][1](self.rows[index.row()])

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section][0]
        return None

    def reset(self, rows: Sequence[T]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def extend(self, rows: Sequence[T]) -> None:
        if rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()


def table_view(model: QAbstractTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class _TimeBound(QWidget):
    """An optional time: a check box that enables a date-time editor."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = QCheckBox(text)
        self.edit = QDateTimeEdit(QDateTime.currentDateTime())
        self.edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.edit.setCalendarPopup(True)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> datetime | None:
        if not self.check.isChecked():
            return None
        return datetime.fromtimestamp(self.edit.dateTime().toSecsSinceEpoch(), UTC)

    def set_value(self, when: datetime | None) -> None:
        self.check.setChecked(when is not None)
        if when is not None:
            self.edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(when.timestamp())))


class RegisterDialog(QDialog):
    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 people: Sequence[tuple[str, str]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registerDialog")
        self.setWindowTitle(self.tr("Usage register"))
        self.resize(1100, 700)
        self._services, self._runner, self._session_id = services, runner, session_id
        self._query = RegisterQuery()
        self._upto: int | None = None     # the newest record of this reading (stable pages)
        self.total = 0

        self.tabs = QTabWidget()
        self.tabs.addTab(self._records_tab(people), self.tr("Records"))
        self.tabs.addTab(self._trace_tab(), self.tr("Leak trace"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(close)

    # -- the records -------------------------------------------------------------------------

    def _records_tab(self, people: Sequence[tuple[str, str]]) -> QWidget:
        page = QWidget()
        self.person_combo = QComboBox()
        self.person_combo.setEditable(True)
        self.person_combo.addItem(self.tr("Anyone"), "")
        for account, name in people:
            self.person_combo.addItem(f"{name} ({account})", account)
        self.terminal_edit = QLineEdit()
        self.terminal_edit.setPlaceholderText(self.tr("Terminal name, e.g. T-0042"))
        self.camera_edit = QLineEdit()
        self.camera_edit.setPlaceholderText(self.tr("Camera code (20 digits)"))
        self.action_combo = QComboBox()
        self.action_combo.addItem(self.tr("Any action"), "")
        for action in Action:
            self.action_combo.addItem(str(action), str(action))
        self.outcome_combo = QComboBox()
        self.outcome_combo.addItem(self.tr("Any outcome"), "")
        self.outcome_combo.addItem(self.tr("Allowed"), str(Outcome.OK))
        self.outcome_combo.addItem(self.tr("Refused"), str(Outcome.DENIED))
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setPlaceholderText(self.tr("Purpose contains…"))
        self.since = _TimeBound(self.tr("From"))
        self.until = _TimeBound(self.tr("Until"))
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self._on_clear_clicked)

        filters = QGridLayout()
        filters.addWidget(QLabel(self.tr("Person")), 0, 0)
        filters.addWidget(self.person_combo, 0, 1)
        filters.addWidget(QLabel(self.tr("Terminal")), 0, 2)
        filters.addWidget(self.terminal_edit, 0, 3)
        filters.addWidget(QLabel(self.tr("Camera")), 0, 4)
        filters.addWidget(self.camera_edit, 0, 5)
        filters.addWidget(QLabel(self.tr("Action")), 1, 0)
        filters.addWidget(self.action_combo, 1, 1)
        filters.addWidget(QLabel(self.tr("Outcome")), 1, 2)
        filters.addWidget(self.outcome_combo, 1, 3)
        filters.addWidget(QLabel(self.tr("Purpose")), 1, 4)
        filters.addWidget(self.purpose_edit, 1, 5)
        filters.addWidget(self.since, 2, 0, 1, 2)
        filters.addWidget(self.until, 2, 2, 1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.search_button)
        filters.addLayout(buttons, 2, 4, 1, 2)

        self.model: RowsModel[AuditLine] = RowsModel([
            ("", lambda r: time_text(r.at)), ("", lambda r: r.actor),
            ("", lambda r: r.terminal or ""), ("", lambda r: r.action),
            ("", lambda r: r.target), ("", self._outcome_text), ("", lambda r: r.reason),
            ("", lambda r: purpose_of(r.params))], self)
        self.model.set_headers([self.tr("Time"), self.tr("Person"), self.tr("Terminal"),
                                self.tr("Action"), self.tr("Target"), self.tr("Outcome"),
                                self.tr("Reason"), self.tr("Purpose")])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.details_view = QPlainTextEdit()
        self.details_view.setReadOnly(True)
        self.details_view.setPlaceholderText(self.tr("Select a record to see its details."))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.details_view)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.count_label = QLabel()
        self.more_button = QPushButton(self.tr("Show older records"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.setEnabled(False)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.more_button)

        layout = QVBoxLayout(page)
        layout.addLayout(filters)
        layout.addWidget(self.error_label)
        layout.addWidget(split, 1)
        layout.addLayout(footer)
        return page

    def _outcome_text(self, record: AuditLine) -> str:
        return self.tr("Allowed") if record.outcome == Outcome.OK else self.tr("Refused")

    def query(self) -> RegisterQuery:
        """The filters as they stand."""
        combo, typed = self.person_combo, self.person_combo.currentText().strip()
        chosen = combo.currentData() if typed == combo.itemText(combo.currentIndex()) else None
        person = chosen if chosen is not None else typed    # an account typed in
        return RegisterQuery(
            actor=str(person or "") or None,
            terminal=self.terminal_edit.text().strip() or None,
            camera=self.camera_edit.text().strip() or None,
            action=str(self.action_combo.currentData() or "") or None,
            outcome=str(self.outcome_combo.currentData() or "") or None,
            purpose=self.purpose_edit.text().strip() or None,
            since=self.since.value(), until=self.until.value())

    @Slot()
    def search(self) -> None:
        """Read the first page of what the filters match (newest first)."""
        self._query, self._upto = self.query(), None
        self._fetch(0, reset=True)

    @Slot()
    def load_more(self) -> None:
        self._fetch(len(self.model.rows), reset=False)

    def _fetch(self, offset: int, *, reset: bool) -> None:
        register, sid, query, upto = (self._services.register, self._session_id,
                                      self._query, self._upto)
        self.search_button.setEnabled(False)
        self.more_button.setEnabled(False)

        def read() -> AuditRecords:
            return register.records(sid, query, offset=offset, limit=PAGE_SIZE, upto=upto)

        self._runner.submit(read, lambda reply: self._on_page(reply, reset),
                            self._on_failed, owner=self)

    def _on_page(self, reply: AuditRecords, reset: bool) -> None:
        newest_first = list(reversed(reply.records))
        if reset:
            self._upto = newest_first[0].seq if newest_first else None
            self.model.reset(newest_first)
            self.details_view.clear()
        else:
            self.model.extend(newest_first)
        self.total = reply.total
        self.error_label.hide()
        self.count_label.setText(self.tr("{shown} of {total} matching records shown").format(
            shown=len(self.model.rows), total=reply.total))
        self.search_button.setEnabled(True)
        self.more_button.setEnabled(len(self.model.rows) < reply.total)

    def _on_failed(self, error: BaseException) -> None:
        self.search_button.setEnabled(True)
        self.more_button.setEnabled(len(self.model.rows) < self.total)
        self.error_label.setText(refusal_text(error))
        self.error_label.show()

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details_view.clear()
            return
        self.details_view.setPlainText(self.details_text(self.model.rows[current.row()]))

    def details_text(self, r: AuditLine) -> str:
        try:
            params = json.dumps(json.loads(r.params), ensure_ascii=False, indent=2)
        except ValueError:
            params = r.params
        lines = [
            (self.tr("Record"), f"#{r.seq}"), (self.tr("Time"), time_text(r.at)),
            (self.tr("Person"), r.actor), (self.tr("Terminal"), r.terminal or ""),
            (self.tr("Address"), " / ".join(x for x in (r.ip, r.mac) if x)),
            (self.tr("Session"), r.session_id or ""), (self.tr("Action"), r.action),
            (self.tr("Target"), r.target), (self.tr("Outcome"), self._outcome_text(r)),
            (self.tr("Reason"), f"{r.reason} — {describe(r.reason)}")]
        text = "\n".join(f"{name}: {value}" for name, value in lines)
        return f"{text}\n{self.tr('Parameters')}:\n{params}"

    @Slot()
    def _on_clear_clicked(self) -> None:
        self.person_combo.setCurrentIndex(0)
        for edit in (self.terminal_edit, self.camera_edit, self.purpose_edit):
            edit.clear()
        self.action_combo.setCurrentIndex(0)
        self.outcome_combo.setCurrentIndex(0)
        self.since.set_value(None)
        self.until.set_value(None)

    # -- the leak trace ----------------------------------------------------------------------

    def _trace_tab(self) -> QWidget:
        page = QWidget()
        hint = QLabel(self.tr(
            "Type the session code shown in the watermark of a leaked photo or screen "
            "recording: the register names who was logged in, on which terminal, when, and "
            "which cameras that session showed. Every trace is registered."))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("Session code, e.g. 4P7KB4"))
        self.code_edit.setMaxLength(16)
        self.code_edit.returnPressed.connect(self.trace)
        self.trace_button = QPushButton(self.tr("Trace"))
        self.trace_button.clicked.connect(self.trace)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Session code")))
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.trace_button)
        self.trace_error = QLabel()
        self.trace_error.setWordWrap(True)
        self.trace_error.setProperty("role", "error")
        self.trace_error.hide()
        self.who_label, self.where_label, self.when_label = QLabel(), QLabel(), QLabel()
        for label in (self.who_label, self.where_label, self.when_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("Who"), self.who_label)
        form.addRow(self.tr("Where"), self.where_label)
        form.addRow(self.tr("When"), self.when_label)
        self.views_model: RowsModel[TracedView] = RowsModel([
            ("", lambda v: v.camera), ("", lambda v: v.camera_name), ("", self._output_text),
            ("", lambda v: v.purpose), ("", lambda v: time_text(v.opened_at)),
            ("", lambda v: time_text(v.closed_at) if v.closed_at else self.tr("still open")),
            ("", lambda v: v.close_reason or "")], self)
        self.views_model.set_headers([
            self.tr("Camera"), self.tr("Name"), self.tr("Shown on"), self.tr("Purpose"),
            self.tr("Opened"), self.tr("Closed"), self.tr("Why closed")])
        self.views_table = table_view(self.views_model)
        self.trace_result: SessionTrace | None = None

        layout = QVBoxLayout(page)
        layout.addWidget(hint)
        layout.addLayout(row)
        layout.addWidget(self.trace_error)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Cameras this session showed")))
        layout.addWidget(self.views_table, 1)
        return page

    def _output_text(self, view: TracedView) -> str:
        if view.output.startswith("wall:"):
            return self.tr("Wall: {output}").format(output=view.output[5:])
        return self.tr("Desk") if view.output == "desk" else view.output

    @Slot()
    def trace(self) -> None:
        code = self.code_edit.text().strip().upper()
        if not code:
            return
        register, sid = self._services.register, self._session_id
        self.trace_button.setEnabled(False)
        self._runner.submit(lambda: register.trace(sid, code), self._on_traced,
                            self._on_trace_failed, owner=self)

    def _on_trace_failed(self, error: BaseException) -> None:
        self.trace_button.setEnabled(True)
        self.trace_result = None
        for label in (self.who_label, self.where_label, self.when_label):
            label.clear()
        self.views_model.reset([])
        self.trace_error.setText(refusal_text(error))
        self.trace_error.show()

    def _on_traced(self, trace: SessionTrace) -> None:
        self.trace_button.setEnabled(True)
        self.trace_error.hide()
        self.trace_result = trace
        self.who_label.setText(f"{trace.real_name} ({trace.account}) · {trace.unit}")
        self.where_label.setText(f"{trace.terminal} · {trace.location} · {trace.ip} / "
                                 f"{trace.mac}")
        end = (time_text(trace.ended_at) if trace.ended_at is not None
               else self.tr("still logged in"))
        self.when_label.setText(f"{time_text(trace.started_at)} – {end}")
        self.views_model.reset(trace.views)
