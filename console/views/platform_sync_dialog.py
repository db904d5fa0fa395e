"""Management → Platform catalogue sync… (administrators): the centre synchronises its
catalogue from the city platform (WVP) now, exactly as ``main.py catalog sync`` does (POST
/catalog/sync: one command path, all or nothing, registered), and the dialog shows what it
did — cameras added, changed, gone — or, when the platform refused (down, slow, malformed,
login refused, a device timeout), why, in one line. "Check only" is the dry run."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.catalog.summary import SyncSummary
from console.services import Services
from console.views.reason_text import error_text
from console.views.tasks import TaskRunner

LISTED = 50          # codes listed per kind; the rest counted


class PlatformSyncDialog(QDialog):
    def __init__(self, services: Services, runner: TaskRunner, session_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("platformSyncDialog")
        self.setWindowTitle(self.tr("Platform catalogue sync"))
        self._services, self._runner, self._session_id = services, runner, session_id
        self.summary: SyncSummary | None = None
        self.running = False
        intro = QLabel(self.tr(
            "The centre reads every device and channel and the region and business-group "
            "trees from the city platform and applies them in one step: all or nothing. "
            "Cameras no longer on the platform are listed and left as they are."))
        intro.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setObjectName("platformSyncStatus")
        self.status_label.setWordWrap(True)
        self.report = QPlainTextEdit()
        self.report.setObjectName("platformSyncReport")
        self.report.setReadOnly(True)
        self.report.setMinimumSize(560, 220)
        self.check_button = QPushButton(self.tr("Check only"))
        self.check_button.setToolTip(self.tr("Ask the platform and show what a sync would "
                                             "change, writing nothing"))
        self.sync_button = QPushButton(self.tr("Synchronise"))
        self.sync_button.setDefault(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.sync_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(self._on_check_clicked)
        self.sync_button.clicked.connect(self._on_sync_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.status_label)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)

    @Slot()
    def _on_check_clicked(self) -> None:
        self.start(dry_run=True)

    @Slot()
    def _on_sync_clicked(self) -> None:
        self.start(dry_run=False)

    def start(self, *, dry_run: bool) -> None:
        if self.running:
            return
        self.running = True
        self.check_button.setEnabled(False)
        self.sync_button.setEnabled(False)
        self.status_label.setProperty("role", "")
        self.status_label.setText(self.tr("Asking the city platform…"))
        self.report.clear()
        catalog, session_id = self._services.catalog, self._session_id
        self._runner.submit(lambda: catalog.sync(session_id, dry_run=dry_run), self._on_done,
                            self._on_failed, owner=self)

    def _finish(self) -> None:
        self.running = False
        self.check_button.setEnabled(True)
        self.sync_button.setEnabled(True)

    def _on_done(self, summary: SyncSummary) -> None:
        self._finish()
        self.summary = summary
        self.status_label.setText(self.summary_text(summary))
        self.report.setPlainText("\n".join(self.report_lines(summary)))

    def _on_failed(self, error: BaseException) -> None:
        self._finish()
        self.summary = None
        self.status_label.setProperty("role", "error")
        self.status_label.setText(self.tr("Not synchronised: {reason}").format(
            reason=" ".join(error_text(error).split())))
        self.status_label.style().polish(self.status_label)

    def summary_text(self, s: SyncSummary) -> str:
        text = self.tr("{platform}: {devices} device(s); cameras {added} added, {changed} "
                       "changed, {unchanged} unchanged, {gone} gone; {online} came online, "
                       "{offline} went offline.").format(
            platform=s.platform, devices=s.devices, added=len(s.added),
            changed=len(s.changed), unchanged=s.unchanged, gone=len(s.gone),
            online=s.went_online, offline=s.went_offline)
        if s.dry_run:
            return self.tr("Check only, nothing written: {summary}").format(summary=text)
        return text

    def report_lines(self, s: SyncSummary) -> list[str]:
        lines: list[str] = []
        for title, codes in ((self.tr("Added"), s.added), (self.tr("Changed"), s.changed),
                             (self.tr("Gone (no longer on the platform, left as they are)"),
                              s.gone)):
            if not codes:
                continue
            lines.append(f"{title} ({len(codes)}):")
            lines += [f"  {code}" for code in codes[:LISTED]]
            if len(codes) > LISTED:
                lines.append("  " + self.tr("… and {n} more").format(n=len(codes) - LISTED))
        if not lines:
            lines.append(self.tr("No camera added, changed or gone."))
        return lines
