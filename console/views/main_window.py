"""The main window: a shell that builds the console's parts and wires them together, and
owns the session's lifetime (start, logout, exit, the centre ending it).

The parts: the camera dock; the desk's video area (console/views/video_area.py) and its
views (desk_views.py: opening through the one view-opening flow, closing); PTZ
(desk_ptz.py); the wall (wall_control.py); the status bar (desk_status.py); the System
and Help menus (system_dialogs.py) with the management and duty menus; and the guards —
the session watch (R1), the screen lock (screen_lock.py, R3), the permission watch that
closes views whose right went away (R6, R15), and what blanks every output
(output_guards.py: capture programs, R9; the centre not answering). No screenshot,
recording or export action exists anywhere (R9)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from console.access.model import CameraEntry, ViewTicket
from console.auth.results import SessionInfo
from console.codes import Reason, Role
from console.live.last_views import settings_key
from console.player.grid import VideoGrid
from console.policy import Policy
from console.services import Services
from console.views.camera_dock import CameraDock, HomePictureCalls
from console.views.desk_ptz import DeskPtz
from console.views.desk_status import DeskStatus
from console.views.desk_views import DeskTile, DeskViews
from console.views.duty_dialogs import DutyMenu
from console.views.fault_dialogs import FaultReporter
from console.views.management_menu import ManagementMenu
from console.views.output_guards import OutputGuards
from console.views.permission_watch import DEFAULT_INTERVAL_MS, PermissionWatch
from console.views.purpose_dialog import PurposeDialog
from console.views.reason_text import describe
from console.views.screen_lock import ScreenLock
from console.views.session_restore import SessionRestore
from console.views.session_watch import SessionWatch
from console.views.system_dialogs import SystemDialogs
from console.views.tasks import TaskRunner
from console.views.video_area import VideoArea
from console.views.wall_control import WallControl
from console.wall.outputs import may_drive_wall


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
        self._started = self._finished = False
        self.end_notice: QMessageBox | None = None
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
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.camera_dock)
        self.resizeDocks([self.camera_dock], [400], Qt.Orientation.Horizontal)
        self.guards = OutputGuards(self, self, services, runner, session, policy,
                                   capture_interval_s=capture_interval_s)
        self.capture_guard, self.capture_shield = (self.guards.capture_guard,
                                                   self.guards.capture_shield)
        self.centre_link, self.capture_watch = self.guards.centre_link, self.guards.capture_watch
        self.desk = VideoArea(services, runner, session, policy, self,
                              blanked=self.video_notice)
        self.desk.protect_window = self.capture_shield.protect
        self.view_grid = self.desk.grid
        self.desk.message_posted.connect(self.show_message)
        self.desk.masks_saved.connect(self._on_catalogue_reloaded)
        self.video_area: QWidget = self.desk
        self.setCentralWidget(self.video_area)
        self.addToolBar(self.desk.toolbar)
        self.status = DeskStatus(self, services, runner, session)
        self.notice_bar, self.status_labels = self.status.notice_bar, self.status.labels
        self.ptz_fault_label = self.status.ptz_fault_label
        self.dialogs = SystemDialogs(
            self, services, runner, session, policy, notice_bar=self.notice_bar,
            capture_level=lambda: self.capture_shield.level, session_ended=self._end_session,
            close_all=self._close_child_dialogs)
        self._build_menus()

        self.screen_lock = ScreenLock(
            self, services, runner, session,
            idle_timeout_seconds if idle_timeout_seconds is not None
            else policy.idle_lock_minutes * 60.0,
            finished=lambda: self._finished, before_lock=self._before_lock,
            set_content_enabled=self._set_content_enabled, session_ended=self._end_session)
        self.lock_screen, self.idle_monitor = (self.screen_lock.lock_screen,
                                               self.screen_lock.idle_monitor)
        self.lock_screen.logout_requested.connect(self._on_logout_triggered)
        self.session_watch = SessionWatch(
            services.auth, runner, session.session_id,
            heartbeat_ms if heartbeat_ms is not None else policy.heartbeat_seconds * 1000, self,
            views=lambda: [t.id for t in self._open_tickets()],
            idle_seconds=self.idle_monitor.idle_seconds)
        self.session_watch.session_ended.connect(self._on_session_ended)
        self.session_watch.locked_by_centre.connect(self._on_locked_by_centre)
        self.session_watch.heartbeat_failed.connect(self.status.on_heartbeat_failed)
        self.session_watch.heartbeat_succeeded.connect(self.status.on_heartbeat_succeeded)

        self.permission_watch = PermissionWatch(access, runner, session_id, services.clock,
                                                permission_check_ms, self)
        self.wall: WallControl | None = None
        if may_drive_wall(session.role):
            self.wall = WallControl(self, services, runner, session, policy,
                                    blanked=self.video_notice)
            self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.wall.dock)
        self.desk_ptz = DeskPtz(self, services, runner, session, policy, self.view_grid,
                                self.camera_dock)
        self.ptz, self.ptz_panel, self.ptz_dock = (self.desk_ptz.ptz, self.desk_ptz.panel,
                                                   self.desk_ptz.dock)
        self.ptz.message_posted.connect(self.show_message)
        self.desk_views = DeskViews(
            self, services, runner, session, self.view_grid, self.camera_dock, self.ptz,
            report=self.show_message, before_asking=self._close_child_dialogs,
            may_open=lambda: not (self._finished or self.locked), wall=lambda: self.wall)
        self.desk.views_dropped.connect(self.desk_views.on_views_dropped)
        if self.wall is not None:
            self.tabifyDockWidget(self.wall.dock, self.ptz_dock)
            self.wall.dock.raise_()
        self.desk.extra_tile_actions.insert(0, self.desk_ptz.add_tile_action)
        if self.wall is not None:
            self.desk.extra_tile_actions.append(self.desk_views.add_wall_actions)
        self.faults = FaultReporter(self, services, runner, session, self.show_message)
        self.desk.extra_tile_actions.append(self.faults.add_tile_action)
        self.desk.extra_tile_actions.append(self.duty.add_tile_action)
        if self.wall is not None:
            self.wall.outputs_changed.connect(self._protect_wall_outputs)
            self._protect_wall_outputs()
        self.permission_watch.set_ticket_source(self._open_tickets)
        self.permission_watch.catalogue_loaded.connect(self.camera_dock.set_catalogue)
        self.permission_watch.catalogue_loaded.connect(self._on_catalogue_reloaded)
        self.permission_watch.catalogue_loaded.connect(self.guards.reload_capture_tools)
        self.guards.reload_capture_tools()
        self.capture_watch.start()
        # R10: failed PTZ returns are the centre's faults: supervisors and administrators
        # see them in the status bar until a later return verifies
        self.status.start_fault_watch()
        # after a restart: the last layouts and cameras again, through the normal open flow
        self.restore = SessionRestore(
            self, settings_key(session.account, session.terminal_name), self)
        self.permission_watch.catalogue_loaded.connect(self.restore.restore)
        self.permission_watch.views_closed.connect(self.desk_views.on_views_closed)
        self.permission_watch.checked.connect(self.guards.on_views_checked)
        self.permission_watch.check_failed.connect(self._on_permission_check_failed)

    def video_notice(self) -> str:
        """Why every video output shows no picture now ("" when it may show one)."""
        return self.guards.notice()

    def grids(self) -> list[VideoGrid]:
        return [self.view_grid, *([o.grid for o in self.wall.outputs] if self.wall else [])]

    @property
    def finished(self) -> bool:
        return self._finished

    def release_ptz(self, reason: Reason) -> None:
        self.ptz.release(reason)

    def check_views(self) -> None:
        self.permission_watch.check_now()

    @Slot()
    def _on_locked_by_centre(self) -> None:
        if not self.locked:
            self.lock(Reason.IDLE)

    def _open_tickets(self) -> list[ViewTicket]:
        """Every view this console shows: the desk's tiles and the wall outputs'."""
        return self.view_grid.tickets() + (self.wall.tickets() if self.wall else [])

    @Slot()
    def _protect_wall_outputs(self) -> None:
        self.guards.protect(list(self.wall.outputs) if self.wall is not None else [])

    def _on_tile_selected(self, index: int) -> None:
        self.view_grid.select(index)

    @property
    def session(self) -> SessionInfo:
        return self._session

    # -- building ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        """System (account, lock, logout, exit), the management and duty menus, Help."""
        menus = self.dialogs
        menus.build_system_menu(self.menuBar(), lock=self._on_lock_triggered,
                                logout=self._on_logout_triggered, exit=self._on_exit_triggered)
        self.change_password_action, self.lock_action = (menus.change_password_action,
                                                         menus.lock_action)
        self.logout_action, self.exit_action = menus.logout_action, menus.exit_action
        self.management = ManagementMenu(self, self._services, self._runner, self._session,
                                         self._policy, self._current_camera_code)
        self.duty = DutyMenu(self, self._services, self._runner, self._session,
                             self._current_camera_code)
        self.about_action = menus.build_help_menu(self.menuBar())

    def _current_camera_code(self) -> str:
        entry = self.camera_dock.current_entry()
        return entry.code if entry is not None else ""

    # -- lifetime ----------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started and not self._finished:
            self._started = True
            self.status.start()
            self.session_watch.start()
            self.idle_monitor.start()
            self.permission_watch.start()
            self.guards.start()

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
        self.desk_views.opening.stop()
        self.guards.stop()
        self.session_watch.stop()
        self.idle_monitor.stop()
        self.permission_watch.stop()
        self.status.stop()
        self._close_child_dialogs()
        # PTZ first: the camera goes home (verified) before the session ends; the views
        # are registered as ended before the logout (the runner keeps the order)
        self.desk_views.end(logout_reason, stop=self.desk.stop_all)
        if logout_reason is not None:
            auth, session_id = self._services.auth, self._session.session_id
            self._runner.submit(lambda: auth.logout(session_id, logout_reason), _ignore)

    def show_message(self, text: str) -> None:
        self.status.show_message(text)

    # -- opening and closing views (console/views/desk_views.py) ------------------------------

    @property
    def purpose_dialog(self) -> PurposeDialog | None:
        return self.desk_views.asker.dialog

    @property
    def recent_purposes(self) -> list[str]:
        return self.desk_views.opening.recent_purposes

    def request_open(self, entry: CameraEntry, tile: int, *,
                     purpose_refused: bool = False) -> None:
        """Open ``entry`` in ``tile``: ask the purpose first when the camera needs one."""
        self.desk_views.request_open(entry, tile, purpose_refused=purpose_refused)

    def _open_view(self, entry: CameraEntry, tile: int, purpose: str) -> None:
        self.desk_views.open_now(entry, tile, purpose)

    def _on_view_open_failed(self, entry: CameraEntry, tile: int, error: BaseException) -> None:
        target = DeskTile(self.desk_views, tile, entry.code)
        self.desk_views.opening.failed(entry.name, target, error)

    def _on_tile_close_requested(self, tile: int) -> None:
        self.desk_views.close_tile(tile)

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
        self.dialogs.confirm_closing_views(title, len(self._open_tickets()), proceed)

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.dialogs.confirm_box

    def _close_child_dialogs(self) -> None:
        self.desk_views.asker.close()
        self.dialogs.close_dialogs()
        self.management.close_dialogs()
        self.duty.close_dialogs()
        self.faults.close_dialogs()

    # -- screen lock -------------------------------------------------------------------------

    @Slot()
    def _on_lock_triggered(self) -> None:
        self.lock(Reason.OK)

    @property
    def locked(self) -> bool:
        return self.screen_lock.locked

    def lock(self, reason: Reason) -> None:
        """Cover the whole window until the owner's password is given (Reason.IDLE when the
        console went idle, Reason.OK when locked by hand)."""
        self.screen_lock.lock(reason)

    def _before_lock(self, reason: Reason) -> None:
        self._close_child_dialogs()
        # nobody steers from a locked console: the camera goes home now
        self.ptz.release(Reason.PTZ_IDLE if reason == Reason.IDLE else Reason.PTZ_RELEASED)

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
