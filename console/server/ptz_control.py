"""The cameras steered through this centre instance (R6, R7, R10): one ``CameraControl``
worker per PTZ lease, run here because the camera credentials are here (the terminal holds
none), fed by the lease holder's requests and reporting through an event list the terminal
polls.

- **Ordered**: the terminal numbers its commands; one older than the last applied is ignored,
  so a stop never is overtaken by a move that arrived late. The worker then makes the device
  calls in order, as on the console before.
- **A held move needs its keepalives**: the worker's watchdog stops a move ~0.8 s after the
  last keepalive (a frozen, cut or killed terminal cannot leave the camera turning); the
  device's own ONVIF ``Timeout`` (1 s, re-sent while held) stops it if this instance dies.
- **A silent terminal loses control**: every request for the lease (command, keepalive,
  events poll) counts as contact; after ``ptz_stale_seconds`` without one the worker ends
  control with ``PTZ_CONSOLE_LOST`` and sends the camera home, verified by its position.
- **Several instances**: the worker lives in the instance the terminal took control through,
  and its requests must reach that instance (a sticky route per terminal). Elsewhere a
  request for the lease is refused with 409 (kind ``ptz_elsewhere``). If the instance dies
  the lease stops beating and another instance's sweep (console/server/host.py) returns the
  camera home, as for any lost controller.

Qt-free; events are waited for without holding a server thread (``wait_events`` is async)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from console.api.errors import Refused
from console.api.ptz_wire import KIND_PTZ_ELSEWHERE, KIND_PTZ_ENDED, EventsReply
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Outcome, Reason
from console.ptz.controller import CameraControl
from console.ptz.driver import PtzDriver
from console.ptz.homing import Attempt
from console.ptz.model import (
    CameraLink,
    EndedBy,
    EndedByKind,
    EventKind,
    PictureMatch,
    PtzEvent,
    PtzLease,
    ReturnJob,
)
from console.ptz.service import ACTIVE, PtzService
from console.ptz.sweeper import Sweeper
from console.storage.database import Database
from console.storage.models import PtzSession, User

log = logging.getLogger(__name__)

RETAIN_S = 120.0          # an ended control's events stay this long for its terminal
MAX_EVENTS = 200          # events kept per lease (a terminal far behind loses the oldest)
WAIT_SLICE_S = 0.5        # a waiting poll looks this often whether the worker has ended
REFUSAL_AUDIT_EVERY_S = 60.0


@dataclass(eq=False)
class _Held:
    """One lease steered here."""

    lease: PtzLease
    stale_s: float
    touched: float
    control: CameraControl | None = None
    events: deque[tuple[int, PtzEvent]] = field(default_factory=lambda: deque(maxlen=MAX_EVENTS))
    event_seq: int = 0
    last_command: int = 0
    end_reason: Reason | None = None
    done_at: float | None = None
    waiters: list[Callable[[], None]] = field(default_factory=list)

    @property
    def running(self) -> bool:
        return self.control is not None and self.control.running


class PtzControls:
    def __init__(self, db: Database, clock: Clock, service: PtzService,
                 open_driver: Callable[[CameraLink], PtzDriver], instance: str, *,
                 monotonic: Callable[[], float] = time.monotonic,
                 picture_check: Callable[[ReturnJob], PictureMatch] | None = None) -> None:
        self._db = db
        # how a return without position feedback is verified (reference pictures at home)
        self.picture_check = picture_check
        self._service = service
        self.open_driver = open_driver
        self.instance = instance
        self._monotonic = monotonic
        self._audit = AuditTrail(clock)
        self._held: dict[int, _Held] = {}
        self._refusals: dict[tuple[str, int], float] = {}
        self._lock = threading.Lock()
        self._sweeper: Sweeper | None = None
        # the outcomes of the returns a manual sweep started (PTZ session → attempt)
        self._outcomes: dict[int, Attempt] = {}
        self._returns_done = threading.Condition()

    # -- control -------------------------------------------------------------------------

    def start(self, lease: PtzLease) -> None:
        """Start the worker of a lease just taken through this instance (the policy's
        heartbeat, idle and device-return times; the stale time for a silent terminal)."""
        policy = self._service.policy()
        held = _Held(lease, float(policy.ptz_stale_seconds), self._monotonic())

        def lost() -> bool:
            with self._lock:
                return self._monotonic() - held.touched > held.stale_s

        held.control = CameraControl(
            self._service, lease, self.open_driver, lambda event: self._arrived(held, event),
            heartbeat_s=policy.ptz_heartbeat_seconds, idle_s=policy.ptz_idle_seconds,
            device_return_s=policy.ptz_device_return_seconds, console_lost=lost,
            picture_check=self.picture_check)
        held.control.start()
        with self._lock:
            self._forget_old()
            self._held[lease.id] = held

    def command(self, lease_id: int, session_id: str, actor: Callable[[], Actor], seq: int,
                apply: Callable[[CameraControl], None]) -> bool:
        """Apply one numbered command to the lease's worker; False when it is older than
        one already applied (ignored). Refused: not this session's lease, not here, ended."""
        held = self._mine(lease_id, session_id, actor)
        with self._lock:
            held.touched = self._monotonic()
            if held.end_reason is not None or held.control is None \
                    or not held.control.running:
                raise _ended(held.end_reason or Reason.PTZ_CONSOLE_LOST)
            if seq <= held.last_command:
                return False
            held.last_command = seq
            apply(held.control)  # only queues: the device call is the worker's
            return True

    def keepalive(self, lease_id: int, session_id: str, actor: Callable[[], Actor]) -> None:
        held = self._mine(lease_id, session_id, actor)
        with self._lock:
            held.touched = self._monotonic()
            if held.end_reason is not None or held.control is None \
                    or not held.control.running:
                raise _ended(held.end_reason or Reason.PTZ_CONSOLE_LOST)
            held.control.keepalive()

    def events(self, lease_id: int, session_id: str, actor: Callable[[], Actor],
               after: int) -> EventsReply:
        held = self._mine(lease_id, session_id, actor)
        with self._lock:
            held.touched = self._monotonic()
            return self._reply(held, after)

    async def wait_events(self, lease_id: int, session_id: str, actor: Callable[[], Actor],
                          after: int, wait_s: float) -> EventsReply:
        """The events after ``after``; waits up to ``wait_s`` (capped at a third of the
        stale time) for one when there is none yet. Contact is counted when the request
        arrives, never when it ends: a terminal killed while waiting is not kept alive."""
        loop = asyncio.get_running_loop()
        # the lease may have to be looked up (and a refusal registered) in the database
        held = await loop.run_in_executor(None, self._mine, lease_id, session_id, actor)
        with self._lock:
            held.touched = self._monotonic()
            wait_s = max(0.0, min(wait_s, held.stale_s / 3))
        deadline = loop.time() + wait_s
        while True:
            woken = asyncio.Event()

            def wake(event: asyncio.Event = woken) -> None:
                with contextlib.suppress(RuntimeError):  # the server's loop has closed
                    loop.call_soon_threadsafe(event.set)

            with self._lock:
                reply = self._reply(held, after)
                left = deadline - loop.time()
                if reply.events or not reply.running or left <= 0:
                    return reply
                held.waiters.append(wake)
            try:
                await asyncio.wait_for(woken.wait(), min(left, WAIT_SLICE_S))
            except TimeoutError:
                pass
            finally:
                with self._lock:
                    if wake in held.waiters:
                        held.waiters.remove(wake)

    def close(self, reason: Reason = Reason.PTZ_CONSOLE_EXIT, wait_s: float = 10.0) -> None:
        """End every control here (the camera goes home) and wait for the returns."""
        with self._lock:
            controls = [h.control for h in self._held.values() if h.control is not None]
        for control in controls:
            control.release(reason)
        deadline = self._monotonic() + wait_s
        for control in controls:
            control.join(max(0.0, deadline - self._monotonic()))
        if self._sweeper is not None:
            self._sweeper.stop(max(0.1, deadline - self._monotonic()))

    def lease_ids(self) -> list[int]:
        """The leases whose workers run here now."""
        with self._lock:
            return [i for i, h in self._held.items() if h.running]

    # -- a manual sweep ------------------------------------------------------------------

    def sweep(self, by: EndedBy | None = None) -> list[ReturnJob]:
        """Claim every return owed now (lost controllers, failed returns due) and start
        them from this instance, as the scheduled sweep does; ``by``: the person who asked
        (recorded as who ended the sessions it ends)."""
        if self._sweeper is None:
            open_driver = self.open_driver
            self._sweeper = Sweeper(self._service, lambda job: open_driver(job.camera),
                                    self.instance, picture_check=self.picture_check)
            self._sweeper.on_return = self._returned
        return self._sweeper.sweep_once(by)

    def sweep_and_wait(self, wait_s: float, by: EndedBy | None = None
                       ) -> list[tuple[ReturnJob, Attempt | None]]:
        """``sweep``, then wait up to ``wait_s`` for each claimed return's outcome (None:
        still under way when the time was up)."""
        jobs = self.sweep(by)
        deadline = self._monotonic() + wait_s
        with self._returns_done:
            while any(job.session not in self._outcomes for job in jobs):
                left = deadline - self._monotonic()
                if left <= 0:
                    break
                self._returns_done.wait(min(left, 0.5))
            return [(job, self._outcomes.pop(job.session, None)) for job in jobs]

    def _returned(self, job: ReturnJob, attempt: Attempt) -> None:
        with self._returns_done:
            self._outcomes[job.session] = attempt
            self._returns_done.notify_all()

    # -- inside ---------------------------------------------------------------------------

    def _arrived(self, held: _Held, event: PtzEvent) -> None:
        with self._lock:
            held.event_seq += 1
            held.events.append((held.event_seq, event))
            if event.kind == EventKind.ENDED and held.end_reason is None:
                held.end_reason = event.reason or Reason.PTZ_CONSOLE_LOST
            waiters, held.waiters = held.waiters, []
        for wake in waiters:
            wake()

    def _reply(self, held: _Held, after: int) -> EventsReply:
        events = [event for seq, event in held.events if seq > after]
        running = held.running
        if not running and held.done_at is None:
            held.done_at = self._monotonic()
        return EventsReply(events=events, next=held.event_seq if events
                           else min(after, held.event_seq), running=running,
                           stale_seconds=round(held.stale_s))

    def _forget_old(self) -> None:
        now = self._monotonic()
        for lease_id, held in list(self._held.items()):
            if held.running:
                continue
            if held.done_at is None:
                held.done_at = now
            elif now - held.done_at > RETAIN_S:
                del self._held[lease_id]
        for key, when in list(self._refusals.items()):
            if now - when > REFUSAL_AUDIT_EVERY_S:
                del self._refusals[key]

    def _mine(self, lease_id: int, session_id: str, actor: Callable[[], Actor]) -> _Held:
        """The lease, when it is this session's and its worker runs (or ran) here."""
        with self._lock:
            held = self._held.get(lease_id)
            if held is None:
                self._forget_old()
        if held is not None:
            if held.lease.session_id != session_id:
                raise self._foreign(lease_id, session_id, actor)
            return held
        with self._db.transaction() as s:
            row = s.get(PtzSession, lease_id)
            if row is None:
                raise Refused(Reason.NOT_FOUND, f"no PTZ lease {lease_id}", field="lease_id",
                              status=404)
            owner, state, end_reason = row.console_session_id, row.state, row.end_reason
            who = EndedBy.parse(row.ended_by)
            name = s.execute(select(User.real_name).where(User.account == who.account)
                             ).scalar_one_or_none() \
                if who is not None and who.kind == EndedByKind.USER else None
        if owner != session_id:
            raise self._foreign(lease_id, session_id, actor)
        if state != ACTIVE:
            raise _ended(_reason(end_reason), who, name)
        raise Refused(Reason.NOT_FOUND,
                      f"PTZ lease {lease_id} is steered through another centre instance, not "
                      f"{self.instance}: a terminal's requests must reach the instance it took "
                      "control through", field="lease_id", status=409, kind=KIND_PTZ_ELSEWHERE,
                      details={"instance": self.instance})

    def _foreign(self, lease_id: int, session_id: str, actor: Callable[[], Actor]) -> Refused:
        """Another session's lease: refused, and registered (once a minute per lease)."""
        key = (session_id, lease_id)
        now = self._monotonic()
        with self._lock:
            fresh = now - self._refusals.get(key, -REFUSAL_AUDIT_EVERY_S) \
                >= REFUSAL_AUDIT_EVERY_S
            if fresh:
                self._refusals[key] = now
        if fresh:
            who = actor()
            with self._db.transaction() as s:
                self._audit.append(s, who, Action.CALLER_REFUSED, target=f"ptz:{lease_id}",
                                   outcome=Outcome.DENIED, reason=Reason.NOT_PERMITTED,
                                   params={"ptz_session": lease_id,
                                           "what": "a PTZ command for another session's "
                                                   "lease"})
        return Refused(Reason.NOT_PERMITTED, f"PTZ lease {lease_id} is not this session's",
                       field="lease_id", status=403)


def _ended(reason: Reason, who: EndedBy | None = None, name: str | None = None) -> Refused:
    """Control has ended (why; who ended it when known: ``ended_by`` as ``EndedBy.text``,
    ``by`` that person's real name)."""
    details = {"ended_by": who.text(), "by": name} if who is not None else None
    return Refused(reason, "PTZ control of this lease has ended", field="lease_id",
                   status=409, kind=KIND_PTZ_ENDED, details=details)


def _reason(text: str | None) -> Reason:
    try:
        return Reason(text or Reason.PTZ_CONSOLE_LOST)
    except ValueError:
        return Reason.PTZ_CONSOLE_LOST


def for_terminal(lease: PtzLease) -> PtzLease:
    """The lease as a terminal sees it: no control address (nothing of the camera's
    access leaves the centre)."""
    return replace(lease, camera=replace(lease.camera, address="", has_credentials=False))
