"""Work the centre does on a schedule, done once however many server instances run.

Every instance runs a ``JobRunner``. Each round it tries to claim each due job with one
conditional update of ``scheduled_jobs.next_run_at`` (``… WHERE next_run_at <= now``): the
database lets exactly one instance win a round, the others see no row changed and skip it.
The work itself is idempotent as well (each view, session, grant end and PTZ return is
closed with its own conditional update), so a job that overlaps a slow one elsewhere still
does everything once.

Judging terminals by their silence needs the centre to have been listening: a job with a
``settle`` time (stale sessions, lost view leases, the PTZ sweep) runs only once this
instance has been awake that long — after a start, or after a gap in its rounds (the
process was suspended, the host slept) — so terminals that could not reach a stopped centre
are not taken for dead the moment it comes back; they have had the time to beat again.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from console.clock import Clock
from console.storage.database import Database
from console.storage.models import ScheduledJob

log = logging.getLogger(__name__)

TICK_S = 0.5


GAP_S = 10.0     # rounds further apart than this: the instance was not running meanwhile


@dataclass(frozen=True)
class Job:
    name: str
    interval: Callable[[], float]        # seconds, read every round (policy may change)
    run: Callable[[], object]
    # seconds this instance must have been awake before the job may run (see the docstring)
    settle: Callable[[], float] = lambda: 0.0


class JobRunner:
    def __init__(self, db: Database, clock: Clock, instance: str, jobs: list[Job], *,
                 thread_name: str = "centre-jobs") -> None:
        self._db, self._clock, self.instance = db, clock, instance[:64]
        self._thread_name = thread_name
        self.jobs = jobs
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.runs: dict[str, int] = {job.name: 0 for job in jobs}  # for tests and /health
        self._last_round: datetime | None = None
        self._awake_since: datetime | None = None
        # each job's next round as this instance last saw it in the database
        self._next_seen: dict[str, datetime] = {}

    def claim(self, job: Job, now: datetime) -> bool:
        """Whether this instance won ``job``'s round that is due at ``now``. (A job's next
        round only ever moves later — every claim sets it after its own ``now`` — so while
        ``now`` is before the round this instance last saw, nobody's claim could succeed:
        no write transaction for it, twice a second per job.)"""
        if self._not_yet(job, now):
            return False
        following = now + timedelta(seconds=max(0.2, job.interval()))
        with self._db.transaction() as s:
            done = s.execute(update(ScheduledJob).where(
                ScheduledJob.name == job.name, ScheduledJob.next_run_at <= now).values(
                next_run_at=following, last_run_at=now, last_run_by=self.instance))
            if done.rowcount == 1:  # type: ignore[attr-defined]
                self._next_seen[job.name] = following
                return True
            row = s.get(ScheduledJob, job.name)
            if row is not None:
                if row.next_run_at.tzinfo is not None:
                    self._next_seen[job.name] = row.next_run_at
                return False
        try:  # the first round ever: whoever inserts the row runs it
            with self._db.transaction() as s:
                s.add(ScheduledJob(name=job.name, next_run_at=following, last_run_at=now,
                                   last_run_by=self.instance))
            self._next_seen[job.name] = following
            return True
        except IntegrityError:
            return False

    def _not_yet(self, job: Job, now: datetime) -> bool:
        seen = self._next_seen.get(job.name)
        return seen is not None and now < seen

    def awake_for(self, now: datetime) -> float:
        """Seconds this instance has been running rounds without a gap, as of ``now``."""
        if (self._awake_since is None or self._last_round is None
                or (now - self._last_round).total_seconds() > GAP_S):
            self._awake_since = now
        self._last_round = now
        return (now - self._awake_since).total_seconds()

    def run_due(self) -> list[str]:
        """One round: claim and run every due job; returns the names run here."""
        ran = []
        awake = self.awake_for(self._clock.now())
        for job in self.jobs:
            try:
                if self._not_yet(job, self._clock.now()):
                    continue        # (before ``settle``, which may read the policy)
                if awake < job.settle():
                    continue
                if not self.claim(job, self._clock.now()):
                    continue
                job.run()
                self.runs[job.name] += 1
                ran.append(job.name)
            except Exception:  # one failing job (a database hiccup) must not stop the others
                log.exception("scheduled job %s failed; trying again next round", job.name)
        return ran

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name=self._thread_name, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.wait(TICK_S):
            self.run_due()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
