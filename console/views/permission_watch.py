"""Keeps what the console shows in step with the grants (R6, R7, R15): every ``interval_ms``
(2 s) one background call asks the access service to recheck the open views — each view
whose right is gone comes back closed (and audited by the service) with the reason — and
reloads the permitted catalogue when the access revision moved or a grant started or ended
(``next_change``). A revoked or expired grant thus closes its views within one interval.

The catalogue is handed on only when what the viewer sees changed (most revisions are other
people's grants)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from console.access.model import PermittedCatalogue, ViewClosed, ViewResult, ViewTicket
from console.clock import Clock
from console.codes import Reason, Right
from console.live.state import StreamKind
from console.views.tasks import TaskRunner

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_MS = 2000


class AccessPort(Protocol):
    """What the views use of console.access.service.AccessService."""

    def snapshot(self, session_id: str) -> PermittedCatalogue: ...

    def revision(self) -> str: ...

    def open_view(self, session_id: str, code: str, purpose: str, *, right: Right = ...,
                  output: str = ..., stream: StreamKind | None = ...) -> ViewResult: ...

    def close_view(self, session_id: str, ticket: ViewTicket,
                   reason: Reason = ...) -> None: ...

    def recheck(self, session_id: str, tickets: list[ViewTicket]) -> list[ViewClosed]: ...


@dataclass(frozen=True, slots=True)
class CheckResult:
    closed: list[ViewClosed]
    catalogue: PermittedCatalogue | None   # a fresh snapshot, when one was taken
    changed: bool                          # … and the viewer sees something different


def _check(access: AccessPort, session_id: str, clock: Clock, tickets: list[ViewTicket],
           known: PermittedCatalogue | None) -> CheckResult:
    """One round, on the worker thread."""
    closed = access.recheck(session_id, tickets) if tickets else []
    stale = (known is None or access.revision() != known.revision
             or (known.next_change is not None and clock.now() >= known.next_change))
    if not stale:
        return CheckResult(closed, None, False)
    fresh = access.snapshot(session_id)
    changed = (known is None or fresh.entries != known.entries
               or fresh.region_names != known.region_names)
    return CheckResult(closed, fresh, changed)


class PermissionWatch(QObject):
    catalogue_loaded = Signal(object)  # PermittedCatalogue: the first, then each that differs
    views_closed = Signal(list)        # [ViewClosed]: views the service closed, and why
    check_failed = Signal(str)         # the error (centre unreachable, session gone)
    checked = Signal()                 # a round is done (its closed views already handed on)

    def __init__(self, access: AccessPort, runner: TaskRunner, session_id: str, clock: Clock,
                 interval_ms: int = DEFAULT_INTERVAL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._access, self._runner, self._session_id, self._clock = (
            access, runner, session_id, clock)
        self._tickets: Callable[[], list[ViewTicket]] = list
        self._catalogue: PermittedCatalogue | None = None
        self._in_flight = self._running = self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    @property
    def catalogue(self) -> PermittedCatalogue | None:
        """The last snapshot taken (its revision and next change decide the next reload)."""
        return self._catalogue

    def set_ticket_source(self, source: Callable[[], list[ViewTicket]]) -> None:
        """Where the open views are read from at each round (the tiles)."""
        self._tickets = source

    def start(self) -> None:
        """Load the catalogue now, then check every interval."""
        self._running = True
        self._timer.start()
        self.check_now()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()

    def check_now(self) -> None:
        """One round at once (another follows when one is already on its way)."""
        if not self._running:
            return
        if self._in_flight:
            self._again = True
            return
        self._in_flight, self._again = True, False
        access, session_id, clock = self._access, self._session_id, self._clock
        tickets, known = list(self._tickets()), self._catalogue
        self._runner.submit(lambda: _check(access, session_id, clock, tickets, known),
                            self._on_checked, self._on_check_error, owner=self)

    @Slot()
    def _on_timer_timeout(self) -> None:
        self.check_now()

    def _on_checked(self, result: CheckResult) -> None:
        self._in_flight = False
        if not self._running:
            return
        if result.catalogue is not None:
            self._catalogue = result.catalogue
        if result.closed:
            self.views_closed.emit(result.closed)
        if result.catalogue is not None and result.changed:
            self.catalogue_loaded.emit(result.catalogue)
        self.checked.emit()
        if self._again:
            self.check_now()

    def _on_check_error(self, error: BaseException) -> None:
        self._in_flight = False
        if self._running:
            log.warning("permission check failed: %s", error)
            self.check_failed.emit(str(error)[:200])
