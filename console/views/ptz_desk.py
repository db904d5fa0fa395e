"""The console's PTZ control (R6, R7, R10): which tile's camera this operator steers, the
commands from the panel, the keyboard and the mouse on the video, and what the camera's
worker reports, relayed to the GUI thread.

One camera is steered at a time (one operator, one joystick): taking another releases the
first, which goes home. Taking control goes to the centre off the GUI thread; the device
calls run on the camera's worker on the centre, which holds the camera credentials
(console/remote/ptz.py sends the commands in order and relays the worker's events). A held
direction is confirmed every 250 ms while it is held; when the console loses focus, the
window closes or the tile goes away, the move stops (and the centre's watchdog stops it
anyway if the GUI freezes or the console dies)."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeyEvent, QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QWidget

from console.access.model import ViewTicket
from console.auth.results import SessionInfo
from console.codes import Reason
from console.player.grid import VideoGrid
from console.policy import Policy
from console.ptz.driver import Preset, Velocity
from console.ptz.model import EventKind, PtzControl, PtzEvent, TakeResult
from console.remote.ptz import RemotePtz
from console.views.ptz_ended_text import ended_by_notice
from console.views.reason_text import describe, error_text
from console.views.tasks import TaskRunner

log = logging.getLogger(__name__)

KEEPALIVE_MS = 250
ZOOM_STEP_MS = 300           # one wheel notch zooms this long
DIRECTIONS: dict[str, tuple[int, int]] = {
    "up_left": (-1, 1), "up": (0, 1), "up_right": (1, 1),
    "left": (-1, 0), "right": (1, 0),
    "down_left": (-1, -1), "down": (0, -1), "down_right": (1, -1),
}
_KEYS = {Qt.Key.Key_Left: "left", Qt.Key.Key_Right: "right", Qt.Key.Key_Up: "up",
         Qt.Key.Key_Down: "down"}
_ZOOM_KEYS = {Qt.Key.Key_Plus: 1, Qt.Key.Key_Equal: 1, Qt.Key.Key_Minus: -1,
              Qt.Key.Key_PageUp: 1, Qt.Key.Key_PageDown: -1}


class _EventRelay(QObject):
    """Carries worker-thread events to the GUI thread (a queued signal)."""

    arrived = Signal(object)


class PtzDesk(QObject):
    state_changed = Signal()           # control taken / ended / camera answered
    presets_changed = Signal(list)     # [Preset]
    message_posted = Signal(str)       # for the status bar

    def __init__(self, service: RemotePtz, runner: TaskRunner, session: SessionInfo,
                 policy: Policy, *, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service, self._runner, self._session = service, runner, session
        self._heartbeat_s, self._idle_s = policy.ptz_heartbeat_seconds, policy.ptz_idle_seconds
        self._device_return_s = policy.ptz_device_return_seconds
        self.control: PtzControl | None = None
        self.ticket: ViewTicket | None = None
        self._steered: QWidget | None = None   # the tile being pressed on
        self.presets: list[Preset] = []
        self.ready = False
        self.pending: str | None = None       # camera code being taken
        self.speed = 0.5
        self._velocity = Velocity()
        self._held = False
        self._finished: list[PtzControl] = []
        self._names: dict[str, str] = {}      # camera code -> catalogue name, for messages
        self._relay = _EventRelay(self)
        self._relay.arrived.connect(self._on_event)
        self._keepalive = QTimer(self)
        self._keepalive.setInterval(KEEPALIVE_MS)
        self._keepalive.timeout.connect(self._on_keepalive)
        self._zoom_timer = QTimer(self)
        self._zoom_timer.setSingleShot(True)
        self._zoom_timer.timeout.connect(self.stop_move)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.applicationStateChanged.connect(self._on_application_state)

    # -- control -------------------------------------------------------------------------

    @property
    def idle_seconds(self) -> int:
        return self._idle_s

    @property
    def camera_code(self) -> str | None:
        return self.ticket.camera_code if self.ticket is not None else None

    def controls(self, ticket_id: str) -> bool:
        return self.ticket is not None and self.ticket.id == ticket_id

    def watch_grid(self, grid: VideoGrid) -> None:
        """Steer on the video of whichever of the grid's tiles shows the controlled view
        (tiles are swapped and re-created with layouts: every tile is watched)."""
        def install(_count: int = 0) -> None:
            for tile in grid.tiles:
                tile.installEventFilter(self)
        grid.layout_changed.connect(install)
        install()

    def take(self, ticket: ViewTicket) -> None:
        """Take control of the camera shown by ``ticket``. Refusals come back as a message
        naming who holds it."""
        if self.controls(ticket.id) or self.pending == ticket.camera_code:
            return
        self.release(Reason.PTZ_RELEASED)
        self._names[ticket.camera_code] = ticket.camera_name
        self.pending = ticket.camera_code
        session_id, service = self._session.session_id, self._service
        self._runner.submit(lambda: service.take(session_id, ticket.camera_code,
                                                 tile=f"{ticket.output}:{ticket.id}"),
                            lambda result: self._on_taken(ticket, result),
                            self._on_take_failed, owner=self)
        self.state_changed.emit()

    def _on_taken(self, ticket: ViewTicket, result: TakeResult) -> None:
        self.pending = None
        if not result.ok or result.lease is None:
            self.message_posted.emit(self._refusal_text(result))
            self.state_changed.emit()
            return
        if result.took_from:
            self.message_posted.emit(self.tr("PTZ control of {camera} taken over from "
                                             "{name} (higher priority).").format(
                camera=ticket.camera_name, name=result.took_from))
        self.ticket, self.ready, self.presets = ticket, False, []
        control = self._service.open_control(
            self._session.session_id, result.lease, self._relay.arrived.emit,
            heartbeat_s=self._heartbeat_s, idle_s=self._idle_s,
            device_return_s=self._device_return_s)
        self.control = control
        control.start()
        self.state_changed.emit()

    def _on_take_failed(self, error: BaseException) -> None:
        self.pending = None
        self.message_posted.emit(self.tr("PTZ control failed: {reason}").format(
            reason=error_text(error)))
        self.state_changed.emit()

    def _refusal_text(self, result: TakeResult) -> str:
        if result.reason == Reason.PTZ_HELD and result.holder:
            return self.tr("PTZ is controlled by {name} (same or higher priority).").format(
                name=result.holder)
        return self.tr("PTZ control refused: {reason}").format(
            reason=describe(result.reason))

    def release(self, reason: Reason = Reason.PTZ_RELEASED) -> None:
        """End control; the camera goes home (verified) on the worker."""
        control = self.control
        if control is None:
            return
        self._stop_local()
        control.release(reason)
        self._finished.append(control)
        self._detach()
        self.state_changed.emit()

    def release_ticket(self, ticket_id: str, reason: Reason = Reason.PTZ_VIEW_CLOSED) -> None:
        """The tile showing this view closed or changed camera."""
        if self.controls(ticket_id):
            self.release(reason)

    def shutdown(self, reason: Reason, wait_s: float = 5.0) -> None:
        """Logout or exit: release and give the returns a moment to finish (a return not
        done in time is finished by another console's sweep)."""
        self.release(reason)
        for control in self._finished:
            control.join(wait_s)
        self._finished = [c for c in self._finished if c.running]

    def _detach(self) -> None:
        self.control, self.ticket = None, None
        self.ready, self.presets = False, []
        self.presets_changed.emit([])

    # -- commands ------------------------------------------------------------------------

    def press(self, direction: str) -> None:
        dx, dy = DIRECTIONS[direction]
        self.move(Velocity(pan=dx * self.speed, tilt=dy * self.speed))

    def zoom(self, sign: int, *, hold: bool = True) -> None:
        self.move(Velocity(zoom=max(-1.0, min(1.0, sign * self.speed))))
        if not hold:
            self._zoom_timer.start(ZOOM_STEP_MS)

    def move(self, velocity: Velocity) -> None:
        if self.control is None:
            return
        self._velocity, self._held = velocity, True
        self.control.move(velocity)
        self._keepalive.start()

    def stop_move(self) -> None:
        if self.control is None or not self._held:
            return
        self._stop_local()
        self.control.stop()

    def _stop_local(self) -> None:
        self._held = False
        self._velocity = Velocity()
        self._keepalive.stop()
        self._zoom_timer.stop()

    def goto_preset(self, preset: Preset) -> None:
        if self.control is not None:
            self._stop_local()
            self.control.goto_preset(preset.token, preset.name)

    def set_speed(self, speed: float) -> None:
        self.speed = max(0.1, min(1.0, speed))
        if self._held and not self._velocity.still:
            v = self._velocity
            self.move(replace(v, pan=self._scaled(v.pan), tilt=self._scaled(v.tilt),
                              zoom=self._scaled(v.zoom)))

    def _scaled(self, axis: float) -> float:
        return 0.0 if axis == 0 else (self.speed if axis > 0 else -self.speed)

    @Slot()
    def _on_keepalive(self) -> None:
        if self.control is not None and self._held:
            self.control.keepalive()

    @Slot(Qt.ApplicationState)
    def _on_application_state(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.stop_move()  # focus lost: a key release may never come

    # -- the worker's reports ------------------------------------------------------------

    @Slot(object)
    def _on_event(self, event: PtzEvent) -> None:
        mine = self.control is not None and event.lease_id == self.control.lease.id
        if event.kind == EventKind.READY and mine:
            self.ready = True
            self.presets = list(event.presets)
            self.presets_changed.emit(self.presets)
        elif event.kind == EventKind.ERROR:
            log.warning("PTZ command on %s failed: %s (%s)", event.camera_code,
                         event.reason, event.detail)
            self.message_posted.emit(self.tr("PTZ control failed: {reason}").format(
                reason=describe(event.reason or Reason.SERVER_ERROR)))
        elif event.kind == EventKind.ENDED:
            if mine:
                self._stop_local()
                if self.control is not None:
                    self._finished.append(self.control)
                self._detach()
            if event.reason == Reason.PTZ_TAKEN_OVER:
                self.message_posted.emit(self.tr(
                    "PTZ control was taken over by {name} (higher priority).").format(
                    name=event.by or "?"))
            elif event.reason == Reason.PTZ_IDLE:
                self.message_posted.emit(self.tr(
                    "PTZ control ended after {seconds} s without a command; the camera "
                    "returns to its home position.").format(seconds=self._idle_s))
            elif (named := ended_by_notice(event, self._session.terminal_name)) is not None:
                self.message_posted.emit(named)      # who sent the camera home
            elif event.reason not in (Reason.PTZ_RELEASED, Reason.PTZ_MOVED_ELSEWHERE,
                                      Reason.PTZ_VIEW_CLOSED, None):
                        self.message_posted.emit(self.tr("PTZ control ended: {reason}").format(
                    reason=describe(event.reason)))
        elif event.kind == EventKind.RETURNED:
            self.message_posted.emit(self._returned_text(event))
        self.state_changed.emit()

    def _returned_text(self, event: PtzEvent) -> str:
        """Named by the catalogue name (the code only when the name is not known here)."""
        camera = self._names.get(event.camera_code) or event.camera_code
        if event.result == "verified":
            return self.tr("{camera} is back at its home position (verified).") \
                .format(camera=camera)
        if event.result == "verified_picture":
            return self.tr("{camera} is back at its home position (verified by its "
                           "picture).").format(camera=camera)
        if event.result == "unverified":
            return self.tr("{camera} was sent home (commanded, not verified: this camera "
                           "reports no position).").format(camera=camera)
        return self.tr("{camera} did NOT return home: {detail}. The centre is "
                       "alerted; the console keeps retrying.").format(
            camera=camera, detail=event.detail)

    # -- on-video control (the tile being steered) -----------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        ticket = getattr(watched, "ticket", None)
        if self.control is None or self.ticket is None or not isinstance(watched, QWidget) \
                or ticket is None or ticket.id != self.ticket.id:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            self._steered = watched
            watched.setFocus(Qt.FocusReason.MouseFocusReason)
            self._steer_towards(watched, event.position())
            return True
        if kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self._held \
                and event.buttons() & Qt.MouseButton.LeftButton:
            self._steer_towards(watched, event.position())
            return True
        if kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            self.stop_move()
            return True
        if kind == QEvent.Type.Wheel and isinstance(event, QWheelEvent):
            step = event.angleDelta().y()
            if step:
                self.zoom(1 if step > 0 else -1, hold=False)
            return True
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and \
                isinstance(event, QKeyEvent):
            return self.key_event(event)
        if kind in (QEvent.Type.FocusOut, QEvent.Type.Hide, QEvent.Type.Leave) and \
                self._held and not self._zoom_timer.isActive():
            self.stop_move()
        return False

    def key_event(self, event: QKeyEvent) -> bool:
        """Arrow keys steer while held, +/- (PageUp/PageDown) zoom; True when used."""
        key = Qt.Key(event.key())
        if self.control is None or (key not in _KEYS and key not in _ZOOM_KEYS):
            return False  # nothing steered: the keys keep their usual meaning
        if event.isAutoRepeat():
            return True
        if event.type() == QEvent.Type.KeyPress:
            if key in _KEYS:
                self.press(_KEYS[key])
            else:
                self.zoom(_ZOOM_KEYS[key])
        else:
            self.stop_move()
        return True

    def _steer_towards(self, tile: QWidget, where: QPointF) -> None:
        """Press on the video: move towards the point, faster the farther from the centre
        (a virtual joystick)."""
        w, h = max(1, tile.width()), max(1, tile.height())
        dx = (where.x() - w / 2) / (w / 2)
        dy = (h / 2 - where.y()) / (h / 2)
        dead = 0.12
        pan = 0.0 if abs(dx) < dead else max(-1.0, min(1.0, dx)) * self.speed
        tilt = 0.0 if abs(dy) < dead else max(-1.0, min(1.0, dy)) * self.speed
        if pan == 0.0 and tilt == 0.0:
            self.stop_move()
            return
        self.move(Velocity(pan=round(pan, 2), tilt=round(tilt, 2)))
