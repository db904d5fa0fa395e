"""One operator's control of one camera, driven from the GUI and run on its own thread.

The GUI only enqueues: ``move``, ``stop``, ``goto_preset``, ``keepalive``, ``release``.
One worker thread per controlled camera makes the device calls in the order they were
given, so a stop never overtakes a move; a newer move replaces a move still waiting (the
operator's latest direction wins) but never jumps a stop or a preset.

Safety (R10): a move is held only while the GUI keeps confirming it (``keepalive``, e.g.
every 250 ms while a button or key is down); after ``watchdog_s`` without one the worker
sends Stop by itself — a lost key release, a closed window or a frozen GUI cannot leave the
camera turning. Each move also carries the device-side ``Timeout`` where the protocol has
one, and is re-sent while held so that timeout only fires when the console is gone. The
worker beats for the PTZ session, ends control after ``idle_s`` without a command, and on
any end sends the camera home and verifies it (``console.ptz.homing``).

On the centre (console/server/ptz_control.py) the "GUI" is a terminal's requests:
``console_lost`` says when that terminal stopped sending for the stale time, and control
then ends with ``PTZ_CONSOLE_LOST`` and the camera goes home. Qt-free."""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from console.codes import Reason
from console.ptz.driver import PtzDriver, PtzError, Velocity
from console.ptz.homing import perform_return
from console.ptz.model import EndedBy, EndedByKind, EventKind, PictureMatch, PtzEvent
from console.ptz.rules import home_target
from console.ptz.service import CameraLink, PtzLease, PtzService, ReturnJob

__all__ = ["CameraControl", "EventKind", "PtzEvent"]

log = logging.getLogger(__name__)

WATCHDOG_S = 0.8        # a held move needs a keepalive at least this often
MOVE_TIMEOUT_S = 1.0    # the device stops by itself this long after the last move command
REFRESH_S = 0.5         # a held move is re-sent this often (inside MOVE_TIMEOUT_S)


@dataclass(slots=True)
class _Command:
    kind: str                       # move | stop | preset | release
    velocity: Velocity = field(default_factory=Velocity)
    token: str = ""
    name: str = ""
    reason: Reason = Reason.PTZ_RELEASED


class CameraControl:
    def __init__(self, service: PtzService, lease: PtzLease,
                 open_driver: Callable[[CameraLink], PtzDriver],
                 on_event: Callable[[PtzEvent], None], *,
                 heartbeat_s: float, idle_s: float, watchdog_s: float = WATCHDOG_S,
                 move_timeout_s: float = MOVE_TIMEOUT_S, refresh_s: float = REFRESH_S,
                 monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep,
                 device_return_s: int = 0,
                 console_lost: Callable[[], bool] | None = None,
                 picture_check: Callable[[ReturnJob], PictureMatch] | None = None) -> None:
        self.lease = lease
        self._picture_check = picture_check
        self._console_lost = console_lost
        self._device_return_s = device_return_s
        self._sleep = sleep
        self._service = service
        self._open_driver = open_driver
        self._emit = on_event
        self._heartbeat_s, self._idle_s = heartbeat_s, idle_s
        self._watchdog_s, self._move_timeout_s, self._refresh_s = \
            watchdog_s, move_timeout_s, refresh_s
        self._monotonic = monotonic
        self._queue: deque[_Command] = deque()
        self._wake = threading.Condition()
        self._last_keepalive = monotonic()
        self._released = False
        self._moves = 0  # distinct moves not yet counted in the session
        self._ended_by: EndedBy | None = None  # who ends it, when not the holder
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name=f"ptz-{lease.camera.code}")

    # -- from the GUI (never blocks) -----------------------------------------------------

    def start(self) -> None:
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def move(self, velocity: Velocity) -> None:
        self._put(_Command("move", velocity), coalesce=True)

    def keepalive(self) -> None:
        self._last_keepalive = self._monotonic()

    def stop(self) -> None:
        self._put(_Command("stop"))

    def goto_preset(self, token: str, name: str = "") -> None:
        self._put(_Command("preset", token=token, name=name))

    def release(self, reason: Reason = Reason.PTZ_RELEASED) -> None:
        """End control; the worker stops the camera, sends it home and then ends."""
        self._put(_Command("release", reason=reason))

    def join(self, timeout: float | None = None) -> bool:
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _put(self, command: _Command, coalesce: bool = False) -> None:
        with self._wake:
            if self._released:
                return
            if command.kind == "move":
                self._last_keepalive = self._monotonic()
            if coalesce and self._queue and self._queue[-1].kind == "move":
                self._queue[-1] = command
            else:
                self._queue.append(command)
            if command.kind == "release":
                self._released = True
            self._wake.notify()

    def _next(self, timeout: float) -> _Command | None:
        with self._wake:
            if not self._queue:
                self._wake.wait(timeout)
            return self._queue.popleft() if self._queue else None

    # -- the worker ------------------------------------------------------------------------

    def _run(self) -> None:
        code = self.lease.camera.code
        driver: PtzDriver | None = None
        reason: Reason | None = None
        try:
            driver = self._open_driver(self.lease.camera)
            presets = tuple(driver.presets())
            home = home_target(self.lease.camera.home_preset, presets)
            start = driver.status().position if driver.position_feedback else None
            backstop = None
            if home.token is not None and self._device_return_s:
                # the camera's own idle return: it goes home even if every console is gone
                backstop = driver.enable_device_return(home.token, self._device_return_s)
            self._service.record_start(self.lease, home, start, backstop)
            self._emit(PtzEvent(EventKind.READY, code, self.lease.id, presets=presets,
                                home=home, position=start))
        except PtzError as exc:
            self._emit(PtzEvent(EventKind.ERROR, code, self.lease.id,
                                reason=Reason.PTZ_CAMERA_ERROR, detail=str(exc)))
            reason = Reason.PTZ_CAMERA_ERROR
            self._ended_by = EndedBy(EndedByKind.CENTRE)
        if reason is None and driver is not None:
            reason = self._control(driver)
        if reason is None:  # taken over or swept: not ours to send home
            if driver is not None:
                driver.close()
            return
        self._finish(driver, reason)

    def _control(self, driver: PtzDriver) -> Reason | None:
        code = self.lease.camera.code
        now = self._monotonic()
        velocity = Velocity()
        moving = False
        last_sent = last_beat = last_command = now
        last_command_wall = self._service.now()
        self._moves = 0
        while True:
            command = self._next(0.1)
            now = self._monotonic()
            try:
                if command is not None:
                    if command.kind == "release":
                        return command.reason
                    last_command, last_command_wall = now, self._service.now()
                    if command.kind == "move" and not command.velocity.still:
                        if command.velocity != velocity or not moving:
                            self._moves += 1
                        velocity, moving, last_sent = command.velocity, True, now
                        driver.continuous_move(velocity, self._move_timeout_s)
                    elif command.kind in ("move", "stop"):
                        velocity, moving = Velocity(), False
                        driver.stop()
                    elif command.kind == "preset":
                        velocity, moving = Velocity(), False
                        driver.goto_preset(command.token)
                        self._service.preset_called(self.lease, command.token, command.name)
                if moving and now - self._last_keepalive > self._watchdog_s:
                    log.info("PTZ %s: no keepalive for %.1f s, stopping", code,
                             now - self._last_keepalive)
                    velocity, moving = Velocity(), False
                    driver.stop()
                elif moving and now - last_sent >= self._refresh_s:
                    driver.continuous_move(velocity, self._move_timeout_s)
                    last_sent = now
            except PtzError as exc:
                self._emit(PtzEvent(EventKind.ERROR, code, self.lease.id,
                                    reason=Reason.PTZ_CAMERA_ERROR, detail=str(exc)))
            if moving:
                last_command, last_command_wall = now, self._service.now()
            if self._console_lost is not None and self._console_lost():
                log.info("PTZ %s: the controlling console went silent", code)
                self._ended_by = EndedBy(EndedByKind.LEASE_EXPIRED)
                return Reason.PTZ_CONSOLE_LOST
            if now - last_command >= self._idle_s:
                self._ended_by = EndedBy(EndedByKind.CENTRE)
                return Reason.PTZ_IDLE
            if now - last_beat >= self._heartbeat_s:
                last_beat = now
                state = self._service.heartbeat(self.lease, moves=self._moves,
                                                last_command_at=last_command_wall)
                self._moves = 0
                if not state.alive:
                    if state.reason in (Reason.PTZ_TAKEN_OVER, Reason.PTZ_MOVED_ELSEWHERE,
                                        Reason.PTZ_CONSOLE_LOST, None):
                        with self._wake:
                            self._released = True
                        self._emit(PtzEvent(EventKind.ENDED, code, self.lease.id,
                                            reason=state.reason, by=state.by,
                                            ended_by=state.ended_by))
                        return None
                    self._ended_by = EndedBy(EndedByKind.CENTRE)
                    return state.reason
        return None  # pragma: no cover - the loop only ends by returning

    def _finish(self, driver: PtzDriver | None, reason: Reason) -> None:
        code = self.lease.camera.code
        with self._wake:
            self._released = True
        if driver is not None:
            try:
                driver.stop()
            except PtzError as exc:
                log.info("PTZ %s: stop before return failed: %s", code, exc)
        job = self._service.end(self.lease, reason, moves=self._moves,
                                ended_by=self._ended_by)
        self._moves = 0
        self._emit(PtzEvent(EventKind.ENDED, code, self.lease.id, reason=reason,
                            ended_by=self._ended_by.text() if self._ended_by else None))
        if job is None:
            if driver is not None:
                driver.close()
            return
        opened = driver

        def reuse(_job: object) -> PtzDriver:
            return opened if opened is not None else self._open_driver(self.lease.camera)

        attempt = perform_return(self._service, job, reuse, sleep=self._sleep,
                                 picture_check=self._picture_check)
        self._emit(PtzEvent(EventKind.RETURNED, code, self.lease.id, reason=reason,
                            result=attempt.result, detail=attempt.detail,
                            position=attempt.status.position if attempt.status else None))
