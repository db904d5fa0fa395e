"""PTZ control through the centre (R6, R7, R10). The centre holds the camera credentials and
runs each controlled camera's worker (console/server/ptz_control.py); the terminal sends the
operator's commands and relays the worker's events.

``RemoteCameraControl`` is the desk's ``PtzControl``: two threads per controlled camera.

- The **sender** sends the commands one at a time, in the order given, each numbered
  (``seq``) so that the centre also refuses to apply one out of order; a newer move replaces
  a move still waiting (the operator's latest direction wins) but never jumps a stop, a
  preset or the release. While a move is held the desk confirms it every 250 ms; the sender
  forwards a keepalive only when one came since the last it sent, so a frozen GUI stops
  confirming and the centre's watchdog stops the camera (~0.8 s), as does a killed
  terminal. A failed send is reported (ERROR) and never retried: a retry could arrive
  after a later command.
- The **poller** long-polls the worker's events (``wait`` = the heartbeat, capped by the
  centre) and hands each to ``on_event`` exactly as ``CameraControl`` did (READY with the
  presets, ERROR, ENDED with reason and by whom, RETURNED with result and position). These
  polls are also what keeps control alive: when they stop for ``ptz_stale_seconds`` the
  centre ends control (``PTZ_CONSOLE_LOST``) and sends the camera home. When the centre
  says control has ended (an ENDED event, a 409, the session gone) the control ends here
  too; when the centre stays unreachable past the stale time, it ends here with
  ``CENTRE_UNREACHABLE`` (the centre has ended it on its side).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from console.access.model import SessionGone
from console.api.errors import CentreUnreachable, Refused
from console.api.ptz_wire import (
    KIND_PTZ_ELSEWHERE,
    KIND_PTZ_ENDED,
    RELEASE_REASONS,
    EventsReply,
    HomePicture,
)
from console.codes import Reason
from console.ptz.driver import Velocity
from console.ptz.model import (
    EventKind,
    EventSink,
    PtzControl,
    PtzEvent,
    PtzLease,
    SessionView,
    TakeResult,
)
from console.remote.client import CentreClient, parse

log = logging.getLogger(__name__)

POLL_MARGIN_S = 5.0        # an events request may take this much longer than its wait
RETRY_PAUSE_S = 0.5        # after a failed events request, before the next


class RemotePtz:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def take(self, session_id: str, code: str, *, tile: str = "") -> TakeResult:
        try:
            return parse(TakeResult, self._client.post(
                "/ptz/take", session=session_id, json={"code": code, "tile": tile[:40]}))
        except Refused as refused:
            holder = refused.details.get("holder")
            return TakeResult(False, refused.reason,
                              holder=str(holder) if holder is not None else None)
        except SessionGone as gone:
            return TakeResult(False, gone.reason)

    def sessions(self, *, open_only: bool = False, faults_only: bool = False,
                 limit: int = 200) -> list[SessionView]:
        return parse(list[SessionView], self._client.get(
            "/ptz/sessions", params={"open_only": open_only, "faults_only": faults_only,
                                     "limit": limit}))

    def holder(self, code: str) -> str | None:
        answer = self._client.get(f"/ptz/cameras/{code}/holder")
        return None if answer.get("holder") is None else str(answer["holder"])

    def home_picture(self, code: str) -> HomePicture | None:
        """When and by whom the camera's reference picture at home was recorded
        (administrators; None: none recorded). The picture itself stays on the centre."""
        answer = self._client.get(f"/ptz/cameras/{quote(code, safe='')}/home-picture")
        return None if answer is None else parse(HomePicture, answer)

    def record_home_picture(self, code: str) -> HomePicture:
        """The centre sends the camera home and records its picture there as the reference
        its returns through the platform are verified by (administrators; seconds)."""
        return parse(HomePicture, self._client.post(
            f"/ptz/cameras/{quote(code, safe='')}/home-picture", timeout=60))

    def sweep(self) -> list[tuple[int, str]]:
        """Start every return owed now (administrators): (PTZ session, camera) claimed."""
        answer = self._client.post("/ptz/sweep", json={"wait_seconds": 0.0})
        return [(int(c["session"]), str(c["code"])) for c in answer["returns"]]

    def open_control(self, session_id: str, lease: PtzLease, on_event: EventSink, *,
                     heartbeat_s: float, idle_s: float, device_return_s: int = 0
                     ) -> PtzControl:
        """The operator's control of the leased camera (its worker runs on the centre,
        started by ``take``; the centre's policy sets its idle, heartbeat and device-return
        times — ``idle_s`` and ``device_return_s`` are the desk's for its messages).
        Nothing here touches the network until ``start``."""
        return RemoteCameraControl(self._client, session_id, lease, on_event,
                                   poll_wait_s=max(0.5, float(heartbeat_s)))


@dataclass(slots=True)
class _Command:
    kind: str                         # move | stop | preset | release
    body: dict[str, Any]


class RemoteCameraControl:
    def __init__(self, client: CentreClient, session_id: str, lease: PtzLease,
                 on_event: EventSink, *, poll_wait_s: float = 3.0,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        self.lease = lease
        self._client = client
        self._session = session_id
        self._emit = on_event
        self._poll_wait_s = poll_wait_s
        self._monotonic = monotonic
        self._path = f"/ptz/leases/{lease.id}"
        self._queue: deque[_Command] = deque()
        self._wake = threading.Condition()
        self._confirmed = False        # a keepalive came since the last one sent
        self._released = False         # no more commands are taken
        self._desk_released = False    # the desk released control (it needs no ENDED)
        self._ended = False            # ENDED delivered (once)
        self._done = threading.Event()  # nothing more will come from the centre
        self._seq = 0
        self._stale_s = 3.0 * poll_wait_s  # until the centre says its stale time
        self._sender = threading.Thread(target=self._send_loop, daemon=True,
                                        name=f"ptz-send-{lease.camera.code}")
        self._poller = threading.Thread(target=self._poll_loop, daemon=True,
                                        name=f"ptz-events-{lease.camera.code}")

    # -- from the GUI (never blocks) -----------------------------------------------------

    def start(self) -> None:
        self._sender.start()
        self._poller.start()

    @property
    def running(self) -> bool:
        return self._poller.is_alive() or self._sender.is_alive()

    def move(self, velocity: Velocity) -> None:
        self._put("move", {"pan": velocity.pan, "tilt": velocity.tilt, "zoom": velocity.zoom},
                  coalesce=True)

    def stop(self) -> None:
        self._put("stop", {})

    def goto_preset(self, token: str, name: str = "") -> None:
        self._put("preset", {"token": token[:64], "name": name[:100]})

    def keepalive(self) -> None:
        with self._wake:
            if not self._released:
                self._confirmed = True
                self._wake.notify()

    def release(self, reason: Reason = Reason.PTZ_RELEASED) -> None:
        """End control; the centre stops the camera, sends it home and reports RETURNED."""
        sent = reason if reason in RELEASE_REASONS else Reason.PTZ_RELEASED
        self._put("release", {"reason": str(sent)})

    def join(self, timeout: float | None = None) -> bool:
        deadline = None if timeout is None else self._monotonic() + timeout
        for thread in (self._sender, self._poller):
            if thread.ident is None:
                continue
            thread.join(None if deadline is None else max(0.0, deadline - self._monotonic()))
        return not self.running

    def _put(self, kind: str, body: dict[str, Any], coalesce: bool = False) -> None:
        with self._wake:
            if self._released:
                return
            command = _Command(kind, body)
            if coalesce and self._queue and self._queue[-1].kind == "move":
                self._queue[-1] = command
            else:
                self._queue.append(command)
            if kind == "release":
                self._released = self._desk_released = True
            self._wake.notify()

    # -- the sender ----------------------------------------------------------------------

    def _send_loop(self) -> None:
        while True:
            with self._wake:
                while not (self._queue or self._confirmed or self._ended
                           or self._done.is_set()):
                    self._wake.wait()
                if self._ended or self._done.is_set():
                    return
                # a command confirms the move by itself: a keepalive waiting goes with it
                command = self._queue.popleft() if self._queue else None
                self._confirmed = False
            if command is None:
                self._send("keepalive", None)
                continue
            self._seq += 1
            self._send(command.kind, {"seq": self._seq, **command.body})
            if command.kind == "release":
                return

    def _send(self, kind: str, body: dict[str, Any] | None) -> None:
        try:
            self._client.post(f"{self._path}/{kind}", session=self._session, json=body,
                              timeout=POLL_MARGIN_S)
        except CentreUnreachable as exc:
            # a lost keepalive: the centre's watchdog stops the move; a lost release: the
            # centre ends control itself when this terminal has been silent long enough
            if kind not in ("keepalive", "release"):
                self._error(Reason.CENTRE_UNREACHABLE, str(exc))
        except SessionGone:
            self._stop_sending()     # the poller learns it too, and ends control here
        except Refused as refused:
            if refused.status >= 500:
                self._error(refused.reason, refused.message)
            elif refused.kind in (KIND_PTZ_ENDED, KIND_PTZ_ELSEWHERE) \
                    or refused.status in (401, 403, 404):
                # control has ended (or is not ours to steer): the poller delivers the
                # centre's ENDED (and RETURNED), or ends control here itself
                self._stop_sending()
            else:
                self._error(refused.reason, refused.message)

    def _stop_sending(self) -> None:
        with self._wake:
            self._released = True
            self._queue.clear()
            self._confirmed = False

    # -- the poller ----------------------------------------------------------------------

    def _poll_loop(self) -> None:
        after = 0
        last_answer = self._monotonic()
        while not self._done.is_set():
            try:
                reply = parse(EventsReply, self._client.get(
                    f"{self._path}/events", session=self._session,
                    params={"after": after, "wait": self._poll_wait_s},
                    timeout=self._poll_wait_s + POLL_MARGIN_S))
            except CentreUnreachable as exc:
                if self._monotonic() - last_answer > self._stale_s:
                    log.info("PTZ %s: centre unreachable past the stale time: %s",
                             self.lease.camera.code, exc)
                    self._end_here(Reason.CENTRE_UNREACHABLE)
                    break
                self._done.wait(RETRY_PAUSE_S)
                continue
            except Refused as refused:
                if refused.status >= 500 and \
                        self._monotonic() - last_answer <= self._stale_s:
                    self._done.wait(RETRY_PAUSE_S)   # a fault of the centre: ask again
                    continue
                # ended, not ours, not here, refused (ended: who ended it, when known)
                self._end_here(refused.reason, refused.details.get("ended_by"),
                               refused.details.get("by"))
                break
            except SessionGone as gone:
                self._end_here(gone.reason)
                break
            last_answer = self._monotonic()
            self._stale_s = float(reply.stale_seconds)
            for event in reply.events:
                self._deliver(event)
            after = reply.next
            if not reply.running:
                break
        self._finish()

    def _deliver(self, event: PtzEvent) -> None:
        if event.kind == EventKind.ENDED:
            with self._wake:
                if self._ended:
                    return
                self._ended = self._released = True
                self._queue.clear()
                self._wake.notify()
        self._emit(event)

    def _end_here(self, reason: Reason, ended_by: str | None = None,
                  by: str | None = None) -> None:
        """The centre says (or must have decided) that control ended. Not reported when the
        desk released it already and so knows."""
        with self._wake:
            report = not self._desk_released
        if report:
            self._deliver(PtzEvent(EventKind.ENDED, self.lease.camera.code, self.lease.id,
                                   reason=reason, by=by if isinstance(by, str) else None,
                                   ended_by=ended_by if isinstance(ended_by, str) else None))
        self._finish()

    def _error(self, reason: Reason, detail: str) -> None:
        """A command that failed: ``reason`` for the operator, ``detail`` for the log."""
        self._emit(PtzEvent(EventKind.ERROR, self.lease.camera.code, self.lease.id,
                            reason=reason, detail=detail[:300]))

    def _finish(self) -> None:
        with self._wake:
            self._released = True
            self._done.set()
            self._wake.notify_all()
