"""Which media gateway nodes are alive, for every centre instance: one heartbeat row per
node in the shared database (``gateway_node_beats``).

The instance that hosts a node beats for it every ``BEAT_S`` while the node answers an RTSP
request on its port (``NodeProbe``: a node whose process died, hangs or no longer listens
stops beating, and so does a node whose host is gone). Every instance reads the rows (at
most once per ``CACHE_S``) and leaves out of its choice of node per camera
(console/gateway/routes.py) the nodes whose last beat is older than ``STALE_S``: their
cameras go to the next node by the same rendezvous hashing, and come back when the node
beats again. The beats are wall-clock times (UTC): the centre's hosts keep their clocks
in step (NTP); a skew well under ``STALE_S`` does not matter.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from console.storage.database import Database
from console.storage.models import GatewayNodeBeat

log = logging.getLogger(__name__)

BEAT_S = 1.0
STALE_S = 3.5
CACHE_S = 0.5
PROBE_TIMEOUT_S = 1.0


def _wall_clock() -> datetime:
    return datetime.now(UTC)


class NodeHealth:
    """The heartbeat rows: written by a node's host, read by every instance."""

    def __init__(self, db: Database, *, now: Callable[[], datetime] = _wall_clock,
                 stale_s: float = STALE_S, cache_s: float = CACHE_S) -> None:
        self._db, self._now, self.stale_s, self._cache_s = db, now, stale_s, cache_s
        self._lock = threading.Lock()
        self._cached: tuple[float, frozenset[str]] | None = None

    def beat(self, node: str, instance: str = "") -> None:
        at = self._now()
        with self._db.transaction() as s:
            done = s.execute(update(GatewayNodeBeat).where(GatewayNodeBeat.node == node)
                             .values(beat_at=at, instance=instance[:100]))
            if done.rowcount:  # type: ignore[attr-defined]
                return
        with contextlib.suppress(IntegrityError), self._db.transaction() as s:
            s.add(GatewayNodeBeat(node=node, beat_at=at, instance=instance[:100]))

    def alive(self) -> frozenset[str]:
        """The nodes that beat within ``stale_s`` (read at most once per ``cache_s``; on a
        database error the last answer stands)."""
        now = time.monotonic()
        with self._lock:
            if self._cached is not None and now - self._cached[0] < self._cache_s:
                return self._cached[1]
        try:
            since = self._now() - timedelta(seconds=self.stale_s)
            with self._db.read() as s:    # never waits for a writer (nor nests in one)
                names = frozenset(s.scalars(select(GatewayNodeBeat.node).where(
                    GatewayNodeBeat.beat_at >= since)).all())
        except SQLAlchemyError as exc:
            log.warning("gateway nodes' heartbeats unreadable (%s)", type(exc).__name__)
            with self._lock:
                return self._cached[1] if self._cached is not None else frozenset()
        with self._lock:
            self._cached = (now, names)
        return names


def rtsp_answers(host: str, port: int, timeout: float = PROBE_TIMEOUT_S) -> bool:
    """Whether an RTSP server on ``host:port`` answers ``OPTIONS *`` within ``timeout``
    (any status: its request handling runs)."""
    try:
        with socket.create_connection((host, port), timeout=timeout) as conn:
            conn.settimeout(timeout)
            conn.sendall(b"OPTIONS * RTSP/1.0\r\nCSeq: 1\r\n\r\n")
            return conn.recv(16).startswith(b"RTSP/1.0 ")
    except OSError:
        return False


class Heartbeat:
    """(a thread) Beat for ``node`` every ``BEAT_S`` while ``answers()`` says it serves."""

    def __init__(self, health: NodeHealth, node: str, instance: str,
                 answers: Callable[[], bool], interval_s: float = BEAT_S) -> None:
        self._health, self.node, self._instance = health, node, instance
        self._answers, self._interval = answers, interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Heartbeat:
        """The first beat now (a node just started counts at once), then every
        ``interval_s`` in a thread."""
        self._once()
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name=f"gateway-beat-{self.node}")
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)

    def _once(self) -> None:
        try:
            if self._answers():
                self._health.beat(self.node, self._instance)
        except SQLAlchemyError as exc:
            log.warning("gateway node %s: heartbeat not written (%s)", self.node,
                        type(exc).__name__)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self._once()
