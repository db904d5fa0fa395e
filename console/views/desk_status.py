"""The main window's status bar: the notices (a message stays 15 s; the centre being
unreachable stays until it answers), who is at which terminal in which session, the clock,
and — for supervisors and administrators — the PTZ cameras whose return home could not be
verified (R10: the centre's faults, shown until a later return verifies)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QLabel, QMainWindow

from console.auth.results import SessionInfo
from console.codes import Role
from console.ptz.model import SessionView
from console.services import Services
from console.views.notice_bar import NoticeBar
from console.views.reason_text import role_text
from console.views.tasks import TaskRunner

PTZ_FAULT_CHECK_MS = 30_000  # how often supervisors' consoles look for failed PTZ returns
MESSAGE_MS = 15_000        # how long a status-bar message stays


class DeskStatus(QObject):
    def __init__(self, window: QMainWindow, services: Services, runner: TaskRunner,
                 session: SessionInfo) -> None:
        super().__init__(window)
        self._services, self._runner = services, runner
        self._warning_shown = False
        self._stopped = False
        bar = window.statusBar()
        self.notice_bar = NoticeBar(window)  # notices get the room the fields leave, elided
        bar.addWidget(self.notice_bar, 1)
        s = session
        texts = {
            "user": self.tr("Operator {name} ({account})").format(
                name=s.real_name, account=s.account),
            "role": role_text(s.role),
            "unit": s.unit_name,
            "terminal": self.tr("Terminal {terminal} · {ip}").format(
                terminal=s.terminal_name, ip=s.identity.ip),
            "session": self.tr("Session {code}").format(code=s.code),
            "clock": "",
        }
        self.labels: dict[str, QLabel] = {}
        for key, text in texts.items():
            label = QLabel(text)
            label.setObjectName(f"status_{key}")
            bar.addPermanentWidget(label)
            self.labels[key] = label
        self.labels["terminal"].setToolTip(f"{s.terminal_location}\n{s.identity}")
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._on_clock_timeout)
        self.ptz_fault_label = QLabel()
        self.ptz_fault_label.setObjectName("status_ptz_faults")
        self.ptz_fault_label.setStyleSheet("color: #ff8a80; font-weight: bold;")
        self.ptz_fault_label.hide()
        bar.insertPermanentWidget(1, self.ptz_fault_label)  # after the notices
        self._ptz_fault_timer = QTimer(self)
        self._ptz_fault_timer.setInterval(PTZ_FAULT_CHECK_MS)
        self._ptz_fault_timer.timeout.connect(self._check_ptz_faults)
        self._watch_faults = session.role in (Role.SUPERVISOR, Role.ADMINISTRATOR)

    def start_fault_watch(self) -> None:
        if self._watch_faults:
            self._ptz_fault_timer.start()
            self._check_ptz_faults()

    def start(self) -> None:
        self._on_clock_timeout()
        self._clock_timer.start()

    def stop(self) -> None:
        self._stopped = True
        self._ptz_fault_timer.stop()
        self._clock_timer.stop()

    @Slot()
    def _on_clock_timeout(self) -> None:
        now = self._services.clock.now().astimezone()
        self.labels["clock"].setText(now.strftime("%Y-%m-%d %H:%M:%S"))

    @Slot(str)
    def on_heartbeat_failed(self, error: str) -> None:
        self._warning_shown = True
        self.notice_bar.show_notice(
            self.tr("The centre cannot be reached; retrying… ({error})").format(error=error)
            if error else self.tr("The centre cannot be reached; retrying…"))

    @Slot()
    def on_heartbeat_succeeded(self) -> None:
        if self._warning_shown:  # other messages (a closed view) keep their time
            self._warning_shown = False
            self.notice_bar.clear()

    def show_message(self, text: str) -> None:
        self._warning_shown = False
        self.notice_bar.show_notice(text, MESSAGE_MS)

    @Slot()
    def _check_ptz_faults(self) -> None:
        ptz = self._services.ptz
        self._runner.submit(lambda: ptz.sessions(faults_only=True), self._on_ptz_faults,
                            _ignore, owner=self)

    def _on_ptz_faults(self, faults: list[SessionView]) -> None:
        if self._stopped:
            return
        cameras = sorted({f.camera_code for f in faults})
        self.ptz_fault_label.setVisible(bool(cameras))
        self.ptz_fault_label.setText(self.tr("PTZ not home: {count}").format(
            count=len(cameras)))
        self.ptz_fault_label.setToolTip(self.tr(
            "These PTZ cameras could not be verified back at their home position; the "
            "consoles keep retrying:\n{cameras}").format(cameras="\n".join(cameras)))


def _ignore(_error: BaseException) -> None:
    """A failed look is tried again by the timer."""
