"""The main window frame: camera dock, video area, status bar with who and where, the
system menu, and the guards of the console: the session watch (R1), the idle lock (R3) and
the permission watch that closes views whose right went away (R6, R15). Opening a camera
(double-click, Enter, menu, or a drop onto a tile) asks the purpose when the camera needs
one and goes through the access service, which registers it (R11). No screenshot, recording
or export action exists anywhere (R9)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QMessageBox, QWidget

import console
from console.access.model import CameraEntry, ViewClosed, ViewResult, ViewTicket
from console.auth.results import SessionInfo, UnlockResult
from console.capture.detector import DEFAULT_INTERVAL_S, CaptureDetector, CaptureWatch, Detection
from console.capture.tools import BUILT_IN
from console.codes import Reason, Right, Role
from console.live.last_views import settings_key
from console.live.state import StreamKind
from console.player.grid import VideoGrid
from console.player.tile import VideoTile
from console.policy import Policy
from console.ptz.model import SessionView
from console.remote.link import LinkState
from console.services import Services
from console.views.camera_dock import CameraDock, HomePictureCalls
from console.views.capture_guard import CaptureGuard, exclusion_text
from console.views.capture_shield import CaptureShield
from console.views.centre_link import CentreLinkGuard
from console.views.duty_dialogs import DutyMenu
from console.views.fault_dialogs import FaultReporter
from console.views.idle_monitor import IdleMonitor
from console.views.lock_screen import LockScreen
from console.views.management_menu import ManagementMenu
from console.views.notice_bar import NoticeBar
from console.views.password_dialog import PasswordDialog
from console.views.permission_watch import DEFAULT_INTERVAL_MS, PermissionWatch
from console.views.ptz_desk import PtzDesk
from console.views.ptz_panel import PtzDock, PtzPanel
from console.views.purpose_dialog import PurposeDialog
from console.views.reason_text import describe, error_text, role_text
from console.views.session_restore import SessionRestore
from console.views.session_watch import SessionWatch
from console.views.tasks import TaskRunner
from console.views.video_area import VideoArea
from console.views.wall_control import WallControl
from console.wall.outputs import may_drive_wall

RECENT_PURPOSES = 10       # purposes offered again in this session
PTZ_FAULT_CHECK_MS = 30_000  # how often supervisors' consoles look for failed PTZ returns
MESSAGE_MS = 15_000        # how long a status-bar message stays


class _DetectionRelay(QObject):
    """Carries the capture watch's findings (its own thread) to the GUI thread."""

    found = Signal(list)


class MainWindow(QMainWindow):
    logged_out = Signal()      # back to the login dialog
    exit_requested = Signal()  # the operator closed the console

    def __init__(
        self,
        services: Services,
        runner: TaskRunner,
        session: SessionInfo,
        policy: Policy,
        *,
        idle_timeout_seconds: float | None = None,
        heartbeat_ms: int | None = None,
        permission_check_ms: int = DEFAULT_INTERVAL_MS,
        capture_interval_s: float | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services, self._runner, self._session, self._policy = (
            services, runner, session, policy)
        self._started = self._finished = self.locked = False
        self._password_dialog: PasswordDialog | None = None
        self._about_box: QMessageBox | None = None
        self.purpose_dialog: PurposeDialog | None = None
        self.recent_purposes: list[str] = []
        self._db_warning_shown = False
        self.end_notice: QMessageBox | None = None
        self.confirm_box: QMessageBox | None = None   # "close N views?" before logout/exit
        self._exit_confirmed = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Video Sharing Console — {name} ({account})")
                            .format(name=session.real_name, account=session.account))
        self.resize(1440, 860)

        access, session_id = services.access, session.session_id
        diagnosis = services.diagnosis
        self.camera_dock = CameraDock(
            self, runner=runner, details=lambda entry: access.details(session_id, entry),
            # the last automatic check: supervisors and administrators (the centre decides)
            diagnosis=(lambda code: next(iter(diagnosis.states(session_id, code)), None))
            if session.role in (Role.SUPERVISOR, Role.ADMINISTRATOR) else None,
            # a PTZ camera's reference picture at home: administrators (the centre decides)
            home_pictures=HomePictureCalls(services.ptz.home_picture,
                                           services.ptz.record_home_picture)
            if session.role == Role.ADMINISTRATOR else None)
        self.camera_dock.camera_open_requested.connect(self._on_camera_open_requested)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.camera_dock)
        self.resizeDocks([self.camera_dock], [400], Qt.Orientation.Horizontal)
        # R9: screenshot keys consumed, the clipboard kept free of pictures, and every video
        # output blanked while a capture program runs (capture_watch feeds the guard)
        self.capture_guard = CaptureGuard(self)
        # ...and every window that shows video excluded from capture where the OS can
        self.capture_shield = CaptureShield(services.capture_excluder, self)
        self.capture_shield.protect(self)
        self.capture_guard.changed.connect(self._on_capture_changed)
        self.capture_guard.key_blocked.connect(self._on_capture_key_blocked)
        # Fail closed: no answer from the centre for server_grace_seconds blanks every
        # output and ends PTZ control; video comes back after the views were rechecked
        self.centre_link = CentreLinkGuard(services.client.link, policy.server_grace_seconds,
                                           self)
        self.centre_link.lost.connect(self._on_centre_lost)
        self.centre_link.answered.connect(self._on_centre_answered)
        self.centre_link.resumed.connect(self._on_centre_resumed)
        self._capture_relay = _DetectionRelay(self)
        self._capture_relay.found.connect(self._on_capture_found)
        # the built-in list at once; the centre's extra entries are read off the GUI thread
        # (_reload_capture_tools, again whenever the access revision moves)
        self.capture_watch = CaptureWatch(CaptureDetector(BUILT_IN),
                                          self._capture_relay.found.emit,
                                          interval_s=capture_interval_s or DEFAULT_INTERVAL_S)
        self.desk = VideoArea(services, runner, session, policy, self,
                              blanked=self.video_notice)
        self.desk.protect_window = self.capture_shield.protect
        self.view_grid = self.desk.grid
        self.view_grid.camera_dropped.connect(self._on_camera_dropped)
        self.view_grid.close_requested.connect(self._on_tile_close_requested)
        self.desk.views_dropped.connect(self._on_views_dropped)
        self.desk.message_posted.connect(self.show_message)
        self.desk.masks_saved.connect(self._on_catalogue_reloaded)
        self.video_area: QWidget = self.desk
        self.setCentralWidget(self.video_area)
        self.addToolBar(self.desk.toolbar)
        self._build_menus()
        self.status_labels = self._build_status_bar()

        self.lock_screen = LockScreen(session.real_name, session.account, self)
        self.lock_screen.unlock_requested.connect(self._on_unlock_requested)
        self.lock_screen.logout_requested.connect(self._on_logout_triggered)

        self.idle_monitor = IdleMonitor(
            idle_timeout_seconds if idle_timeout_seconds is not None
            else policy.idle_lock_minutes * 60.0, self)
        self.idle_monitor.idle_timed_out.connect(self._on_idle_timed_out)
        self.session_watch = SessionWatch(
            services.auth, runner, session.session_id,
            heartbeat_ms if heartbeat_ms is not None else policy.heartbeat_seconds * 1000, self,
            views=lambda: [t.id for t in self._open_tickets()],
            idle_seconds=self.idle_monitor.idle_seconds)
        self.session_watch.session_ended.connect(self._on_session_ended)
        self.session_watch.locked_by_centre.connect(self._on_locked_by_centre)
        self.session_watch.heartbeat_failed.connect(self._on_heartbeat_failed)
        self.session_watch.heartbeat_succeeded.connect(self._on_heartbeat_succeeded)

        self.permission_watch = PermissionWatch(access, runner, session_id, services.clock,
                                                permission_check_ms, self)
        self.wall: WallControl | None = None
        if may_drive_wall(session.role):
            self.wall = WallControl(self, services, runner, session, policy,
                                    blanked=self.video_notice)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.wall.dock)
            self.desk.extra_tile_actions.append(self._add_wall_actions)
        self.ptz = PtzDesk(services.ptz, runner, session, policy, parent=self)
        self.ptz.watch_grid(self.view_grid)
        self.ptz.message_posted.connect(self.show_message)
        self.ptz_panel = PtzPanel(self.ptz)
        self.ptz_panel.take_requested.connect(self._on_ptz_take_requested)
        self.ptz_dock = PtzDock(self.ptz_panel, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.ptz_dock)
        self.resizeDocks([self.ptz_dock], [260], Qt.Orientation.Horizontal)
        if self.wall is not None:
            self.tabifyDockWidget(self.wall.dock, self.ptz_dock)
            self.wall.dock.raise_()
        self._selected_ticket: ViewTicket | None = None
        self.view_grid.selection_changed.connect(self._follow_selected_tile)
        self.desk.extra_tile_actions.insert(0, self._add_ptz_action)
        self.faults = FaultReporter(self, services, runner, session, self.show_message)
        self.desk.extra_tile_actions.append(self.faults.add_tile_action)
        self.desk.extra_tile_actions.append(self.duty.add_tile_action)
        if self.wall is not None:
            self.wall.outputs_changed.connect(self._protect_wall_outputs)
            self._protect_wall_outputs()
        self.permission_watch.set_ticket_source(self._open_tickets)
        self.permission_watch.catalogue_loaded.connect(self.camera_dock.set_catalogue)
        self.permission_watch.catalogue_loaded.connect(self._on_catalogue_reloaded)
        self.permission_watch.catalogue_loaded.connect(self._reload_capture_tools)
        self._reload_capture_tools()
        self.capture_watch.start()
        # R10: failed PTZ returns are the centre's faults: supervisors and administrators
        # see them in the status bar until a later return verifies
        self.ptz_fault_label = QLabel()
        self.ptz_fault_label.setObjectName("status_ptz_faults")
        self.ptz_fault_label.setStyleSheet("color: #ff8a80; font-weight: bold;")
        self.ptz_fault_label.hide()
        self.statusBar().insertPermanentWidget(1, self.ptz_fault_label)  # after the notices
        self._ptz_fault_timer = QTimer(self)
        self._ptz_fault_timer.setInterval(PTZ_FAULT_CHECK_MS)
        self._ptz_fault_timer.timeout.connect(self._check_ptz_faults)
        if session.role in (Role.SUPERVISOR, Role.ADMINISTRATOR):
            self._ptz_fault_timer.start()
            self._check_ptz_faults()
        # after a restart: the last layouts and cameras again, through the normal open flow
        self.restore = SessionRestore(
            self, settings_key(session.account, session.terminal_name), self)
        self.permission_watch.catalogue_loaded.connect(self.restore.restore)
        self.permission_watch.views_closed.connect(self._on_views_closed)
        self.permission_watch.checked.connect(self._on_permission_checked)
        self.permission_watch.check_failed.connect(self._on_permission_check_failed)

    def video_notice(self) -> str:
        """Why every video output shows no picture now ("" when it may show one)."""
        return self.capture_guard.notice() or self.centre_link.notice()

    def _grids(self) -> list[VideoGrid]:
        return [self.view_grid, *([o.grid for o in self.wall.outputs] if self.wall else [])]

    # -- the link to the centre (fail closed) ---------------------------------------------

    @Slot()
    def _on_centre_lost(self) -> None:
        if self._finished:
            return
        self.ptz.release(Reason.PTZ_CONSOLE_LOST)   # the centre sends the camera home
        for grid in self._grids():
            for tile in grid.tiles:
                tile.stop_stream()
                tile.update()
        self.show_message(self.centre_link.notice())

    @Slot()
    def _on_centre_answered(self) -> None:
        """First recheck the views (a grant revoked meanwhile closes its view), then show."""
        for grid in self._grids():
            for tile in grid.tiles:
                tile.update()
        self.permission_watch.check_now()

    @Slot()
    def _on_permission_checked(self) -> None:
        if self.centre_link.state == LinkState.RESUMING:
            self.centre_link.resume()

    @Slot()
    def _on_centre_resumed(self) -> None:
        if self._finished:
            return
        for grid in self._grids():
            for tile in grid.tiles:
                tile.resume()
                tile.update()
        self.show_message(self.tr("The centre answers again: video is shown again."))

    @Slot()
    def _on_locked_by_centre(self) -> None:
        if not self.locked:
            self.lock(Reason.IDLE)

    def _open_tickets(self) -> list[ViewTicket]:
        """Every view this console shows: the desk's tiles and the wall outputs'."""
        return self.view_grid.tickets() + (self.wall.tickets() if self.wall else [])

    # -- capture (R9) ----------------------------------------------------------------------

    @Slot()
    def _on_capture_changed(self) -> None:
        """Capture programs started or ended: every output repaints (blanked or shown)."""
        for grid in self._grids():
            for tile in grid.tiles:
                tile.update()
        notice = self.capture_guard.notice()
        if notice:
            self.show_message(notice)

    @Slot()
    def _check_ptz_faults(self) -> None:
        ptz = self._services.ptz
        self._runner.submit(lambda: ptz.sessions(faults_only=True), self._on_ptz_faults,
                            _ignore, owner=self)

    def _on_ptz_faults(self, faults: list[SessionView]) -> None:
        if self._finished:
            return
        cameras = sorted({f.camera_code for f in faults})
        self.ptz_fault_label.setVisible(bool(cameras))
        self.ptz_fault_label.setText(self.tr("PTZ not home: {count}").format(
            count=len(cameras)))
        self.ptz_fault_label.setToolTip(self.tr(
            "These PTZ cameras could not be verified back at their home position; the "
            "consoles keep retrying:\n{cameras}").format(cameras="\n".join(cameras)))

    @Slot(list)
    def _on_capture_found(self, found: list[Detection]) -> None:
        """The capture watch saw programs start or end: blank or show every output, and
        register what started and what ended."""
        if self._finished:
            return
        before = set(self.capture_guard.detected)
        now = {d.tool for d in found}
        self.capture_guard.set_detections(sorted(now))
        register, session_id = self._services.capture_register, self._session.session_id
        if register is None:
            return
        started = [d for d in found if d.tool not in before]
        ended = sorted(before - now)
        if started:
            self._runner.submit(lambda: register.detected(session_id, started), _ignore)
        if ended:
            self._runner.submit(lambda: register.ended(session_id, ended), _ignore)

    @Slot()
    def _reload_capture_tools(self, _catalogue: object = None) -> None:
        """The centre's list of capture programs may have changed with the revision."""
        tools = self._services.capture_tools
        if tools is not None:
            self._runner.submit(tools.all_tools, self.capture_watch.detector.set_programs,
                                _ignore)

    @Slot()
    def _protect_wall_outputs(self) -> None:
        for output in self.wall.outputs if self.wall is not None else []:
            self.capture_shield.protect(output)

    @Slot(str)
    def _on_capture_key_blocked(self, key: str) -> None:
        self.show_message(self.tr("Screenshots are not permitted ({key} was blocked).")
                          .format(key=key))
        register, session_id = self._services.capture_register, self._session.session_id
        if register is not None and not self._finished:
            self._runner.submit(lambda: register.key_blocked(session_id, key), _ignore)

    # -- PTZ -------------------------------------------------------------------------------

    def _steerable(self, ticket: ViewTicket | None) -> bool:
        """Whether the tree says this view's camera can be steered by this operator (the
        service checks again when control is taken)."""
        if ticket is None:
            return False
        entry = self.camera_dock.entry_for_code(ticket.camera_code)
        return entry is not None and entry.ptz_capable and entry.has(Right.PTZ)

    def _add_ptz_action(self, tile: VideoTile, menu: QMenu) -> None:
        ticket = tile.ticket
        if ticket is None:
            return
        if self.ptz.controls(ticket.id):
            action = menu.addAction(self.tr("Release PTZ control (camera returns home)"))
            action.triggered.connect(self.ptz.release)
        elif self._steerable(ticket):
            action = menu.addAction(self.tr("PTZ control"))
            action.triggered.connect(partial(self.ptz.take, ticket))

    def _on_tile_selected(self, index: int) -> None:
        self.view_grid.select(index)

    @Slot()
    def _follow_selected_tile(self) -> None:
        """The PTZ dock shows the selected tile's camera (a click, its menu, or a view just
        opened in it), so a dome just opened is one click from control."""
        tile = self.view_grid.selected_tile()
        ticket = tile.ticket if tile is not None else None
        self.ptz_panel.set_selection(ticket.camera_code if ticket else None,
                                     ticket.camera_name if ticket else "",
                                     self._steerable(ticket))
        self._selected_ticket = ticket

    @Slot()
    def _on_ptz_take_requested(self) -> None:
        ticket = self._selected_ticket
        if ticket is not None and self.view_grid.tile_of_ticket(ticket.id) is not None:
            self.ptz.take(ticket)

    def _add_wall_actions(self, tile: VideoTile, menu: QMenu) -> None:
        wall, ticket = self.wall, tile.ticket
        if wall is None or ticket is None or not wall.outputs:
            return
        entry = self.camera_dock.entry_for_code(ticket.camera_code)
        if entry is None:
            return
        send = menu.addMenu(self.tr("Send to wall output"))
        for output in wall.outputs:
            action = send.addAction(output.label)
            action.triggered.connect(partial(wall.send_to_wall, entry, output.name))

    @property
    def session(self) -> SessionInfo:
        return self._session

    # -- building ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        system = self.menuBar().addMenu(self.tr("System"))
        self.change_password_action = QAction(self.tr("Change password…"), self)
        self.change_password_action.triggered.connect(self._on_change_password_triggered)
        self.lock_action = QAction(self.tr("Lock screen"), self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self._on_lock_triggered)
        self.logout_action = QAction(self.tr("Log out"), self)
        self.logout_action.triggered.connect(self._on_logout_triggered)
        self.exit_action = QAction(self.tr("Exit"), self)
        self.exit_action.triggered.connect(self._on_exit_triggered)
        system.addAction(self.change_password_action)
        system.addAction(self.lock_action)
        system.addSeparator()
        system.addAction(self.logout_action)
        system.addAction(self.exit_action)
        self.management = ManagementMenu(self, self._services, self._runner, self._session,
                                         self._policy, self._current_camera_code)
        self.duty = DutyMenu(self, self._services, self._runner, self._session,
                             self._current_camera_code)
        help_menu = self.menuBar().addMenu(self.tr("Help"))
        self.about_action = QAction(self.tr("About"), self)
        self.about_action.triggered.connect(self._on_about_triggered)
        help_menu.addAction(self.about_action)

    def _current_camera_code(self) -> str:
        entry = self.camera_dock.current_entry()
        return entry.code if entry is not None else ""

    def _build_status_bar(self) -> dict[str, QLabel]:
        s = self._session
        self.notice_bar = NoticeBar(self)  # notices get the room the fields leave, elided
        self.statusBar().addWidget(self.notice_bar, 1)
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
        labels: dict[str, QLabel] = {}
        for key, text in texts.items():
            label = QLabel(text)
            label.setObjectName(f"status_{key}")
            self.statusBar().addPermanentWidget(label)
            labels[key] = label
        labels["terminal"].setToolTip(f"{s.terminal_location}\n{s.identity}")
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._on_clock_timeout)
        return labels

    # -- lifetime ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started and not self._finished:
            self._started = True
            self._on_clock_timeout()
            self._clock_timer.start()
            self.session_watch.start()
            self.idle_monitor.start()
            self.permission_watch.start()
            self.centre_link.start()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.lock_screen.setGeometry(self.rect())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._finished and event.spontaneous() and not self._exit_confirmed \
                and self._open_tickets():   # the window's own close button: ask first
            event.ignore()
            self._on_exit_triggered()
            return
        if not self._finished:
            self._finish(logout_reason=Reason.LOGOUT)
            self.exit_requested.emit()
        event.accept()

    def _finish(self, *, logout_reason: Reason | None) -> None:
        """Stop every guard and timer; log out unless the service already ended the session."""
        self.restore.stop()            # kept before the views close
        self._finished = True
        self.capture_watch.stop()
        self.centre_link.stop()
        self._ptz_fault_timer.stop()
        self.session_watch.stop()
        self.idle_monitor.stop()
        self.permission_watch.stop()
        self._clock_timer.stop()
        self._close_child_dialogs()
        auth, access = self._services.auth, self._services.access
        session_id, tickets = self._session.session_id, self.view_grid.tickets()
        streams = {t.ticket.id: t.stream_kind for t in self.view_grid.tiles
                   if t.ticket is not None}
        # PTZ first: the camera goes home (verified) before the session ends
        self.ptz.shutdown(logout_reason or Reason.SESSION_ENDED)
        self.desk.stop_all()
        if self.wall is not None:      # before the logout: the runner keeps the order
            self.wall.shutdown(logout_reason)
        if logout_reason is not None:
            for ticket in tickets:  # registered as ended before the logout
                self._runner.submit(partial(access.close_view, session_id, ticket,
                                            logout_reason, stream=streams.get(ticket.id)),
                                    _ignore)
            self._runner.submit(lambda: auth.logout(session_id, logout_reason), _ignore)
        elif tickets:  # the service ended the session: it registers why the views ended
            self._runner.submit(lambda: access.recheck(session_id, tickets), _ignore)

    # -- status bar --------------------------------------------------------------------------

    @Slot()
    def _on_clock_timeout(self) -> None:
        now = self._services.clock.now().astimezone()
        self.status_labels["clock"].setText(now.strftime("%Y-%m-%d %H:%M:%S"))

    @Slot(str)
    def _on_heartbeat_failed(self, error: str) -> None:
        self._db_warning_shown = True
        self.notice_bar.show_notice(
            self.tr("The centre cannot be reached; retrying… ({error})").format(error=error)
            if error else self.tr("The centre cannot be reached; retrying…"))

    @Slot()
    def _on_heartbeat_succeeded(self) -> None:
        if self._db_warning_shown:  # other messages (a closed view) keep their time
            self._db_warning_shown = False
            self.notice_bar.clear()

    def show_message(self, text: str) -> None:
        self._db_warning_shown = False
        self.notice_bar.show_notice(text, MESSAGE_MS)

    # -- opening and closing views -----------------------------------------------------------

    @Slot(object)
    def _on_camera_open_requested(self, entry: CameraEntry) -> None:
        tile = self.view_grid.free_tile()
        if tile is None:
            self.show_message(self.tr("Every tile shows a view; close one or drop the "
                                      "monitoring point onto a tile to replace its view."))
            return
        self.request_open(entry, tile)

    @Slot(int, str)
    def _on_camera_dropped(self, tile: int, code: str) -> None:
        entry = self.camera_dock.entry_for_code(code)
        if entry is None:
            self.show_message(describe(Reason.UNKNOWN_CAMERA))
            return
        self.request_open(entry, tile)

    def request_open(self, entry: CameraEntry, tile: int, *,
                     purpose_refused: bool = False) -> None:
        """Open ``entry`` in ``tile``: ask the purpose first when the camera needs one."""
        if self._finished or self.locked:
            return
        if entry.needs_purpose or purpose_refused:
            self._close_child_dialogs()
            dialog = PurposeDialog(entry, self.recent_purposes, self)
            dialog.purpose_chosen.connect(partial(self._open_view, entry, tile))
            dialog.finished.connect(self._on_child_dialog_finished)
            self.purpose_dialog = dialog
            dialog.open()
        else:
            self._open_view(entry, tile, "")

    def _open_view(self, entry: CameraEntry, tile: int, purpose: str) -> None:
        if self._finished:
            return
        target = self.view_grid.tiles[tile]
        target.show_opening(entry)
        access, session_id = self._services.access, self._session.session_id
        kind = target.wanted_stream()   # the stream comes back with the view: one request
        self._runner.submit(
            lambda: access.open_view(session_id, entry.code, purpose, right=Right.LIVE,
                                     output="desk", stream=kind),
            partial(self._on_view_opened, entry, tile, purpose, kind),
            partial(self._on_view_open_failed, entry, tile), owner=self)

    def _on_view_opened(self, entry: CameraEntry, tile: int, purpose: str, kind: StreamKind,
                        result: ViewResult) -> None:
        if self._finished:
            return
        target: VideoTile | None = self.view_grid.tiles[tile] \
            if tile < len(self.view_grid.tiles) else None
        if target is not None and target.pending is not None \
                and target.pending.code != entry.code:
            target = None  # another camera was dropped here meanwhile; this one is dropped
        if result.ok and result.ticket is not None:
            if target is None:
                self._close_view(result.ticket, Reason.VIEW_CLOSED)
                return
            previous = target.ticket
            target.show_view(result.ticket, None if result.stream is None
                             else (kind, result.stream, result.masks))
            self.view_grid.select(target.index)
            if previous is not None:  # the tile switched camera: its PTZ control ends too
                self.ptz.release_ticket(previous.id)
                self._close_view(previous, Reason.VIEW_CLOSED)
            if purpose:
                self._remember_purpose(purpose)
            return
        message = self.tr("{camera}: {reason}").format(
            camera=entry.name, reason=describe(result.reason, result.details))
        if target is not None:
            target.cancel_opening(message)
        self.show_message(message)
        if result.reason == Reason.PURPOSE_REQUIRED:
            self.request_open(entry, tile, purpose_refused=True)

    def _on_view_open_failed(self, entry: CameraEntry, tile: int, error: BaseException) -> None:
        if self._finished:
            return
        message = self.tr("{camera}: the view could not be opened. {reason}").format(
            camera=entry.name, reason=error_text(error))
        if tile < len(self.view_grid.tiles):
            self.view_grid.tiles[tile].cancel_opening(message)
        self.show_message(message)

    def _remember_purpose(self, purpose: str) -> None:
        recent = [p for p in self.recent_purposes if p != purpose]
        self.recent_purposes = [purpose, *recent][:RECENT_PURPOSES]

    @Slot(int)
    def _on_tile_close_requested(self, tile: int) -> None:
        target = self.view_grid.tiles[tile]
        if target.ticket is not None:
            ticket, stream = target.ticket, target.stream_kind
            self.ptz.release_ticket(ticket.id)
            target.show_free()
            self._close_view(ticket, Reason.VIEW_CLOSED, stream)

    @Slot(list)
    def _on_views_dropped(self, dropped: list[tuple[ViewTicket, StreamKind | None]]) -> None:
        """A smaller layout left no tile for these views: close and register them."""
        for ticket, stream in dropped:
            self.ptz.release_ticket(ticket.id)
            self._close_view(ticket, Reason.LAYOUT_CHANGED, stream)

    def _close_view(self, ticket: ViewTicket, reason: Reason,
                    stream: StreamKind | None = None) -> None:
        access, session_id = self._services.access, self._session.session_id
        self._runner.submit(partial(access.close_view, session_id, ticket, reason,
                                    stream=stream), _ignore, self._on_close_failed)

    def _on_close_failed(self, error: BaseException) -> None:
        log.warning("closing a view failed: %s", error)

    @Slot(list)
    def _on_views_closed(self, closed: list[ViewClosed]) -> None:
        """The service closed views whose right is gone: clear their tiles, say why."""
        if self._finished:
            return
        messages = []
        for item in closed:
            self.ptz.release_ticket(item.ticket.id)
            message = self.tr("{camera}: {reason}").format(
                camera=item.ticket.camera_name, reason=describe(item.reason, item.details))
            tile = self.view_grid.tile_of_ticket(item.ticket.id)
            if tile is not None:
                tile.show_free(message)
            messages.append(message)
        if self.wall is not None:
            self.wall.views_closed(closed)
        if messages:
            self.show_message(" ".join(messages))

    @Slot(object)
    def _on_catalogue_reloaded(self, _catalogue: object = None) -> None:
        """Masks may have changed with the access revision: read them again everywhere."""
        self.desk.refresh_masks([o.grid for o in self.wall.outputs] if self.wall else [])

    @Slot(str)
    def _on_permission_check_failed(self, error: str) -> None:
        log.info("permission check failed (retrying): %s", error)

    # -- session end -------------------------------------------------------------------------

    @Slot(object)
    def _on_session_ended(self, reason: Reason) -> None:
        self._end_session(reason, {})

    def _end_session(self, reason: Reason, details: dict[str, Any]) -> None:
        """The service ended the session: hide everything at once, say why, go to login."""
        if self._finished:
            return
        self._finish(logout_reason=None)
        self._close_content()
        notice = QMessageBox(QMessageBox.Icon.Warning, self.tr("Session ended"),
                             self.tr("Session ended"), QMessageBox.StandardButton.Ok, self)
        notice.setInformativeText(
            describe(reason, details) + "\n" + self.tr("Log in again to continue."))
        notice.finished.connect(self._on_end_notice_finished)
        self.end_notice = notice
        notice.open()

    @property
    def content_closed(self) -> bool:
        return self._finished and self.video_area.objectName() == "sessionEnded"

    def _close_content(self) -> None:
        self.lock_screen.hide()
        self.desk.stop_all()
        self.view_grid.setEnabled(False)
        self.removeToolBar(self.desk.toolbar)
        if self.wall is not None:
            self.removeDockWidget(self.wall.dock)
            self.wall.dock.hide()
        self.removeDockWidget(self.ptz_dock)
        self.ptz_dock.hide()
        self.removeDockWidget(self.camera_dock)
        self.camera_dock.hide()
        self.camera_dock.deleteLater()
        old, self.video_area = self.video_area, QWidget()
        self.video_area.setObjectName("sessionEnded")
        self.video_area.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.takeCentralWidget()
        old.deleteLater()
        self.setCentralWidget(self.video_area)
        self.menuBar().setEnabled(False)
        for action in self._session_actions():
            action.setEnabled(False)

    @Slot(int)
    def _on_end_notice_finished(self, _result: int) -> None:
        self.logged_out.emit()
        self.close()

    # -- menu commands -----------------------------------------------------------------------

    @Slot()
    def _on_logout_triggered(self) -> None:
        if self._finished:
            return
        self._confirm_closing_views(self.tr("Log out"), self._log_out)

    def _log_out(self) -> None:
        if self._finished:
            return
        self._finish(logout_reason=Reason.LOGOUT)
        self.logged_out.emit()
        self.close()

    @Slot()
    def _on_exit_triggered(self) -> None:
        if self._finished:
            self.close()
            return
        self._confirm_closing_views(self.tr("Exit"), self._exit)

    def _exit(self) -> None:
        self._exit_confirmed = True
        self.close()

    def _confirm_closing_views(self, title: str, proceed: Callable[[], None]) -> None:
        """Ask before logout or exit closes open views (saying how many); no question when
        none is open."""
        count = len(self._open_tickets())
        if count == 0:
            proceed()
            return
        if self.confirm_box is not None:
            self.confirm_box.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Question, title,
                          self.tr("%n open view(s) will be closed.", "", count),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("closeViewsConfirm")
        box.setInformativeText(self.tr("Continue?"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(partial(self._on_confirm_finished, box, proceed))
        self.confirm_box = box
        box.open()

    def _on_confirm_finished(self, box: QMessageBox, proceed: Callable[[], None],
                             _result: int) -> None:
        self.confirm_box = None
        yes = box.clickedButton() is box.button(QMessageBox.StandardButton.Yes)
        box.deleteLater()
        if yes:
            proceed()

    @Slot()
    def _on_about_triggered(self) -> None:
        s = self._session
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("About"))
        box.setText(self.tr("Video Sharing Console"))
        box.finished.connect(self._on_child_dialog_finished)
        box.setInformativeText(self.tr(
            "Version {version}\n\nTerminal: {terminal} ({location})\nIP address: {ip}\n"
            "MAC address: {mac}\nNetwork interface: {interface}\nSession: {code}\n"
            "Screen capture protection: {capture}"
        ).format(version=console.__version__, terminal=s.terminal_name,
                 location=s.terminal_location, ip=s.identity.ip, mac=s.identity.mac,
                 interface=s.identity.interface or "—", code=s.code,
                 capture=exclusion_text(self.capture_shield.level)))
        self._about_box = box
        box.open()

    @Slot()
    def _on_change_password_triggered(self) -> None:
        dialog = PasswordDialog(self._session.account, self._policy.password_min_length,
                                needs_old=True, parent=self)
        dialog.password_chosen.connect(self._on_password_chosen)
        dialog.finished.connect(self._on_child_dialog_finished)
        self._password_dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_child_dialog_finished(self, _result: int) -> None:
        sender = self.sender()
        if sender is self._password_dialog:
            self._password_dialog = None
        elif sender is self._about_box:
            self._about_box = None
        elif sender is self.purpose_dialog:
            self.purpose_dialog = None
        else:
            return
        sender.deleteLater()

    @Slot(str, str)
    def _on_password_chosen(self, old: str, new: str) -> None:
        auth, session_id = self._services.auth, self._session.session_id
        self._runner.submit(lambda: auth.change_password(session_id, old, new),
                            self._on_password_change_answered, self._on_password_change_failed,
                            owner=self)

    def _on_password_change_answered(self, result: UnlockResult) -> None:
        dialog = self._password_dialog
        if result.ok:
            self._close_child_dialogs()
            self.notice_bar.show_notice(self.tr("The password was changed."), 8000)
        elif result.session_ended:
            self._end_session(result.reason, result.details)
        elif dialog is not None:
            dialog.show_refusal(describe(result.reason, result.details))

    def _on_password_change_failed(self, error: BaseException) -> None:
        if self._password_dialog is not None:
            self._password_dialog.show_refusal(
                error_text(error))

    def _close_child_dialogs(self) -> None:
        for dialog in (self._password_dialog, self._about_box, self.purpose_dialog,
                       self.confirm_box):
            if dialog is not None:
                dialog.reject()  # finished -> _on_child_dialog_finished forgets it
        self.management.close_dialogs()
        self.duty.close_dialogs()
        self.faults.close_dialogs()

    # -- screen lock -------------------------------------------------------------------------

    @Slot()
    def _on_lock_triggered(self) -> None:
        self.lock(Reason.OK)

    @Slot()
    def _on_idle_timed_out(self) -> None:
        self.lock(Reason.IDLE)

    def lock(self, reason: Reason) -> None:
        """Cover the whole window until the owner's password is given (Reason.IDLE when the
        console went idle, Reason.OK when locked by hand)."""
        if self.locked or self._finished:
            return
        self.locked = True
        self.idle_monitor.stop()
        self._close_child_dialogs()
        # nobody steers from a locked console: the camera goes home now
        self.ptz.release(Reason.PTZ_IDLE if reason == Reason.IDLE else Reason.PTZ_RELEASED)
        self._set_content_enabled(False)
        self.lock_screen.show_locked()
        auth, session_id = self._services.auth, self._session.session_id
        self._runner.submit(lambda: auth.lock_screen(session_id, reason), _ignore)

    @Slot(str)
    def _on_unlock_requested(self, password: str) -> None:
        auth, session_id = self._services.auth, self._session.session_id
        self._runner.submit(lambda: auth.unlock(session_id, password),
                            self._on_unlock_answered, self._on_unlock_failed, owner=self)

    def _on_unlock_answered(self, result: UnlockResult) -> None:
        if self._finished:
            return
        if result.ok:
            self.locked = False
            self.lock_screen.hide()
            self._set_content_enabled(True)
            self.idle_monitor.start()
        elif result.session_ended:
            self._end_session(result.reason, result.details)
        else:
            self.lock_screen.set_busy(False)
            self.lock_screen.show_refusal(describe(result.reason, result.details))

    def _on_unlock_failed(self, error: BaseException) -> None:
        self.lock_screen.set_busy(False)
        self.lock_screen.show_refusal(error_text(error))

    def _set_content_enabled(self, enabled: bool) -> None:
        widgets: list[QWidget] = [self.menuBar(), self.video_area, self.camera_dock,
                                  self.desk.toolbar, self.ptz_dock]
        if self.wall is not None:
            widgets.append(self.wall.dock)
        for widget in widgets:
            widget.setEnabled(enabled)
        for action in self._session_actions():
            action.setEnabled(enabled)

    def _session_actions(self) -> list[QAction]:
        return [self.change_password_action, self.lock_action, self.logout_action,
                self.exit_action, self.about_action, *self.management.actions,
                *self.duty.actions]


log = logging.getLogger(__name__)


def _ignore(_result: object) -> None:
    """The answer to a fire-and-forget call (logout, lock audit) needs no action."""
