"""The administrator's catalogue dialog: choose spreadsheets, check them (a dry run that
lists every bad row by file, sheet, row and field), import them all-or-nothing, and export
the catalogue metadata. The service checks the administrator's role and audits."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from console.admin.validation import AdminError
from console.catalog.errors import CatalogFileError, CatalogImportError
from console.catalog.summary import Counts, ImportSummary
from console.services import Services
from console.views.catalog_problem_text import problem_text, translated
from console.views.reason_text import describe
from console.views.tasks import TaskRunner

SPREADSHEETS = "*.xlsx *.csv"


class CatalogDialog(QDialog):
    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalogDialog")
        self.setWindowTitle(self.tr("Camera catalogue"))
        self.resize(900, 600)
        self._services, self._runner, self._session_id = services, runner, session_id
        self._checked: list[Path] | None = None

        heading = QLabel(self.tr("Import the catalogue spreadsheets (一机一档)"))
        heading.setProperty("role", "heading")
        hint = QLabel(self.tr(
            "Cameras and projects in .xlsx or .csv. All chosen files are imported together, "
            "all or nothing; cameras are updated by their national code. Check first: every "
            "bad row is listed."))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.file_list = QListWidget()
        self.file_list.setMaximumHeight(110)
        self.add_button = QPushButton(self.tr("Add files…"))
        self.add_button.clicked.connect(self._on_add_clicked)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self._on_check_clicked)
        self.import_button = QPushButton(self.tr("Import"))
        self.import_button.clicked.connect(self._on_import_clicked)
        self.export_button = QPushButton(self.tr("Export catalogue…"))
        self.export_button.clicked.connect(self._on_export_clicked)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.clear_button, self.check_button,
                       self.import_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.summary_view = QPlainTextEdit()
        self.summary_view.setReadOnly(True)
        self.error_table = QTableWidget(0, 5)
        self.error_table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Sheet"), self.tr("Row"), self.tr("Field"),
             self.tr("Problem")])
        self.error_table.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch)
        self.error_table.verticalHeader().hide()
        self.error_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.error_table.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.file_list)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)
        layout.addWidget(self.summary_view, 1)
        layout.addWidget(self.error_table, 1)
        layout.addWidget(close)
        self._update_buttons()

    # -- files -------------------------------------------------------------------------------

    def files(self) -> list[Path]:
        return [Path(self.file_list.item(i).text()) for i in range(self.file_list.count())]

    def add_files(self, paths: list[Path]) -> None:
        known = set(self.files())
        for path in paths:
            if path not in known:
                self.file_list.addItem(str(path))
        self._checked = None
        self._update_buttons()

    @Slot()
    def _on_add_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Catalogue spreadsheets"), "",
            self.tr("Spreadsheets ({patterns})").format(patterns=SPREADSHEETS))
        self.add_files([Path(n) for n in names])

    @Slot()
    def _on_clear_clicked(self) -> None:
        self.file_list.clear()
        self._checked = None
        self._show_text("")
        self._update_buttons()

    def _update_buttons(self, busy: bool = False) -> None:
        has_files = self.file_list.count() > 0
        self.add_button.setEnabled(not busy)
        self.clear_button.setEnabled(not busy and has_files)
        self.check_button.setEnabled(not busy and has_files)
        self.import_button.setEnabled(not busy and self._checked == self.files() and has_files)
        self.export_button.setEnabled(not busy)

    # -- check and import --------------------------------------------------------------------

    @Slot()
    def _on_check_clicked(self) -> None:
        self._start_import(dry_run=True)

    @Slot()
    def _on_import_clicked(self) -> None:
        self._start_import(dry_run=False)

    def _start_import(self, *, dry_run: bool) -> None:
        paths = self.files()
        services, session_id = self._services, self._session_id
        self._update_buttons(busy=True)
        self.status_label.setText(self.tr("Checking…") if dry_run else self.tr("Importing…"))

        def work() -> ImportSummary:
            return services.catalog.import_files(session_id, paths, dry_run=dry_run)

        self._runner.submit(work, lambda summary: self._on_import_done(summary, paths, dry_run),
                            self._on_import_failed, owner=self)

    def _on_import_done(self, summary: ImportSummary, paths: list[Path], dry_run: bool) -> None:
        self._checked = paths if dry_run else None
        self.status_label.setProperty("role", "")
        self.status_label.setText(
            self.tr("The files are valid. Press Import to write them.") if dry_run
            else self.tr("Imported."))
        self._show_text("\n".join(self.summary_lines(summary)))
        self._update_buttons()

    def summary_lines(self, summary: ImportSummary) -> list[str]:
        """What the import did (or would do), in the UI's language."""
        def counts(c: Counts) -> str:
            return self.tr("{added} added, {changed} changed, {unchanged} unchanged").format(
                added=c.added, changed=c.changed, unchanged=c.unchanged)

        first = self.tr("{files}: cameras {cameras}; projects {projects}; regions {added} "
                        "added, {renamed} renamed").format(
            files=", ".join(summary.files), cameras=counts(summary.cameras),
            projects=counts(summary.projects), added=summary.regions_added,
            renamed=summary.regions_changed)
        lines = [self.tr("Dry run, nothing written: {line}").format(line=first)
                 if summary.dry_run else first]
        if summary.new_categories:
            lines.append(self.tr("New categories: {names}").format(
                names=", ".join(summary.new_categories)))
        if summary.credentials_stored:
            lines.append(self.tr("Credentials of %n camera(s) were taken out of the stream "
                                 "addresses and stored at the centre.", "",
                                 summary.credentials_stored))
        if summary.changed_codes:
            lines.append(self.tr("Changed: {codes}").format(codes=", ".join(
                summary.changed_codes[:20])) + (self.tr(" and %n more", "",
                                                        len(summary.changed_codes) - 20)
                                                if len(summary.changed_codes) > 20 else ""))
        if summary.cameras_not_in_files > 0:
            lines.append(self.tr("%n stored camera(s) not in these files are left as they "
                                 "are.", "", summary.cameras_not_in_files))
        if summary.ignored_sheets:
            lines.append(self.tr("Sheets ignored (no catalogue header): {names}").format(
                names=", ".join(summary.ignored_sheets)))
        if summary.ignored_columns:
            lines.append(self.tr("Columns ignored: {names}").format(
                names=", ".join(summary.ignored_columns)))
        return lines

    def _on_import_failed(self, error: BaseException) -> None:
        self._checked = None
        self.status_label.setProperty("role", "error")
        if isinstance(error, CatalogImportError):
            self.status_label.setText(self.tr("Nothing imported: %n problem(s) found.", "",
                                              len(error.errors)))
            self._show_errors(error)
        elif isinstance(error, CatalogFileError):
            self.status_label.setText(self.tr("Nothing imported: {file}: {problem}").format(
                file=error.file,
                problem=translated(error.code, error.problem_params, error.detail)))
            self._show_text("")
        else:  # a refusal says why in the UI's language; anything else as it came
            text = describe(error.reason, getattr(error, "details", None)) \
                if isinstance(error, AdminError) else str(error)[:300]
            self.status_label.setText(self.tr("Nothing imported: {error}").format(error=text))
            self._show_text("")
        self._update_buttons()

    def _show_text(self, text: str) -> None:
        self.error_table.hide()
        self.summary_view.setPlainText(text)
        self.summary_view.show()

    def _show_errors(self, error: CatalogImportError) -> None:
        self.summary_view.hide()
        shown = error.errors[:2000]
        self.error_table.setRowCount(len(shown))
        for row, problem in enumerate(shown):
            for column, value in enumerate((problem.file, problem.sheet, str(problem.row),
                                            problem.field, problem_text(problem))):
                item = QTableWidgetItem(value)
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.error_table.setItem(row, column, item)
        self.error_table.resizeColumnsToContents()
        self.error_table.show()

    # -- export ------------------------------------------------------------------------------

    @Slot()
    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the catalogue"), "catalogue.xlsx",
            self.tr("Spreadsheets ({patterns})").format(patterns=SPREADSHEETS))
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> None:
        services, session_id = self._services, self._session_id
        self._update_buttons(busy=True)

        def work() -> dict[str, int]:
            return services.catalog.export(session_id, path).rows

        self._runner.submit(work, self._on_export_done, self._on_export_failed, owner=self)

    def _on_export_done(self, rows: dict[str, int]) -> None:
        self.status_label.setProperty("role", "")
        kinds = {"cameras": self.tr("%n camera(s)", "", rows.get("cameras", 0)),
                 "projects": self.tr("%n project(s)", "", rows.get("projects", 0))}
        self.status_label.setText(self.tr("Exported: {rows}").format(
            rows=self.tr(", ").join(kinds.get(kind, f"{kind} {count}")
                                    for kind, count in rows.items())))
        self._update_buttons()

    def _on_export_failed(self, error: BaseException) -> None:
        self.status_label.setProperty("role", "error")
        self.status_label.setText(self.tr("Export failed: {error}")
                                  .format(error=str(error)[:300]))
        self._update_buttons()
