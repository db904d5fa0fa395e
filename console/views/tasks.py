"""The one way views run blocking service calls (database, Argon2 verification): off the GUI
thread, one at a time and in submission order, with the result or the exception handed back
on the GUI thread. ``TaskRunner(synchronous=True)`` runs everything inline, for tests."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Callbacks:
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None
    owner: QObject | None


class _Relay(QObject):
    """Lives on the GUI thread; a worker emits ``task_finished`` and Qt queues the call."""

    task_finished = Signal(int, object, object)  # task id, result, exception or None


class _Job(QRunnable):
    def __init__(self, task_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._task_id, self._fn, self._relay = task_id, fn, relay

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            self._answer(None, exc)
        else:
            self._answer(result, None)

    def _answer(self, result: object, error: BaseException | None) -> None:
        try:
            self._relay.task_finished.emit(self._task_id, result, error)
        except RuntimeError:
            # the runner went away with its window while the work ran: nobody waits for it
            log.debug("task %d finished after its runner was deleted", self._task_id)


class TaskRunner(QObject):
    def __init__(self, *, synchronous: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._ids = itertools.count(1)
        self._pending: dict[int, _Callbacks] = {}
        self._relay = _Relay(self)
        self._relay.task_finished.connect(self._on_task_finished)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)  # writes stay in submission order

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run ``fn`` off the GUI thread; call ``on_done(result)`` or ``on_error(exc)`` on
        the GUI thread. Callbacks are dropped when ``owner`` was deleted meanwhile."""
        callbacks = _Callbacks(on_done, on_error, owner)
        if self.synchronous:
            try:
                result = fn()
            except Exception as exc:
                self._deliver(callbacks, None, exc)
            else:
                self._deliver(callbacks, result, None)
            return
        task_id = next(self._ids)
        self._pending[task_id] = callbacks
        self._pool.start(_Job(task_id, fn, self._relay))

    def wait_for_done(self, timeout_ms: int = 30_000) -> bool:
        """Block until queued work finished (at exit: the last logout must reach the DB)."""
        return self._pool.waitForDone(timeout_ms)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @Slot(int, object, object)
    def _on_task_finished(self, task_id: int, result: object, error: object) -> None:
        callbacks = self._pending.pop(task_id, None)
        if callbacks is not None:
            self._deliver(callbacks, result, error if isinstance(error, BaseException) else None)

    @staticmethod
    def _deliver(callbacks: _Callbacks, result: object, error: BaseException | None) -> None:
        if callbacks.owner is not None and not shiboken6.isValid(callbacks.owner):
            return
        if error is None:
            callbacks.on_done(result)
        elif callbacks.on_error is not None:
            callbacks.on_error(error)
        else:
            log.error("background task failed", exc_info=error)
