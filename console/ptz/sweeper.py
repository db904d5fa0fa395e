"""Crash recovery for PTZ control (R10): every running console, and each console at
start-up, sweeps the shared PTZ sessions for cameras whose controlling console stopped
beating (crash, kill -9, power cut) or whose return failed earlier, claims each (exactly one
console wins a claim) and sends the camera home, verified. One thread sweeps; each claimed
return runs on its own thread so one unreachable camera delays no other. Qt-free."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from console.ptz.driver import PtzDriver
from console.ptz.homing import Attempt, perform_return
from console.ptz.model import EndedBy, PictureMatch
from console.ptz.service import PtzService, ReturnJob

log = logging.getLogger(__name__)


class Sweeper:
    def __init__(self, service: PtzService, open_driver: Callable[[ReturnJob], PtzDriver],
                 claimer: str, interval_s: float | None = None, *,
                 picture_check: Callable[[ReturnJob], PictureMatch] | None = None) -> None:
        """``picture_check``: how a return through a protocol that reads no position back
        is verified (the centre's reference pictures at home); None: it is not."""
        self._service = service
        self._picture_check = picture_check
        self._open_driver = open_driver
        self.claimer = claimer[:36]
        self._interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._returns: list[threading.Thread] = []
        self.on_return: Callable[[ReturnJob, Attempt], None] | None = None

    def interval(self) -> float:
        if self._interval_s is not None:
            return self._interval_s
        return float(self._service.policy().ptz_sweep_seconds)

    def sweep_once(self, by: EndedBy | None = None) -> list[ReturnJob]:
        """Claim what is owed now and start its returns (not waiting for them); ``by``:
        the person who asked for it (None: the scheduled sweep)."""
        jobs = self._service.sweep(self.claimer, by)
        for job in jobs:
            log.info("PTZ sweep: returning %s home (session %d)", job.camera.code, job.session)
            thread = threading.Thread(target=self._return, args=(job,), daemon=True,
                                      name=f"ptz-return-{job.camera.code}")
            self._returns = [t for t in self._returns if t.is_alive()] + [thread]
            thread.start()
        return jobs

    def _return(self, job: ReturnJob) -> None:
        attempt = perform_return(self._service, job, self._open_driver,
                                 stop=self._stop.is_set, picture_check=self._picture_check)
        if self.on_return is not None:
            self.on_return(job, attempt)

    def start(self) -> None:
        """Sweep now (start-up recovery), then every interval until ``stop``."""
        self._thread = threading.Thread(target=self._loop, daemon=True, name="ptz-sweeper")
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.sweep_once()
            except Exception:  # a database hiccup must not end crash recovery
                log.exception("PTZ sweep failed; trying again next interval")
            try:
                interval = self.interval()
            except Exception:
                interval = 10.0
            self._stop.wait(interval)

    def wait_returns(self, timeout: float) -> None:
        for thread in list(self._returns):
            thread.join(timeout)

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        self.wait_returns(timeout)
