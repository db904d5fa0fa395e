"""Let another thread interrupt PyAV's blocking calls (open, read) in a decoder thread.

PyAV (18.x) installs an FFmpeg interrupt callback that only enforces timeouts: it aborts
the blocking call once ``time.monotonic()`` passes the call's start plus its timeout. It
reads the clock through the ``time`` global of ``av.container.core`` on the blocked thread
itself. We replace that global, once per process, by a clock that runs a billion seconds
ahead in a thread whose stop event is set: the next poll of the callback (FFmpeg polls
every ~100 ms while it waits) aborts the call. Threads without a stop event, and threads
whose stop is not set, see the true monotonic clock, so timeouts behave as before.

The decoder loop must still check its stop event between packets: an aborted RTSP read
can first hand out packets FFmpeg had buffered (with GENPTS) instead of the error. If a
future PyAV reads its clock differently, ``install()`` returns False and stops fall back
to the open/read timeouts (tests/test_player_pyav.py checks a stop is prompt)."""

from __future__ import annotations

import threading
import time
from types import ModuleType
from typing import Any

_AHEAD_S = 1e9
_local = threading.local()
_install_lock = threading.Lock()


class _StopAwareClock:
    """Stands in for the ``time`` module inside ``av.container.core``."""

    def __init__(self, real: ModuleType) -> None:
        self._real = real

    def monotonic(self) -> float:
        now: float = self._real.monotonic()
        stop: threading.Event | None = getattr(_local, "stop", None)
        if stop is not None and stop.is_set():
            return now + _AHEAD_S
        return now

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


def install() -> bool:
    """Put the stop-aware clock into PyAV (idempotent). False if PyAV is not importable or
    no longer reads its clock through ``av.container.core.time``."""
    try:
        from av.container import core  # noqa: PLC0415 - optional, heavy import
    except ImportError:
        return False
    with _install_lock:
        current = getattr(core, "time", None)
        if isinstance(current, _StopAwareClock):
            return True
        if current is not time:
            return False
        setattr(core, "time", _StopAwareClock(time))  # noqa: B010 - not in PyAV's stubs
        return True


def bind_stop_event(stop: threading.Event) -> None:
    """Call on the decoder thread: setting ``stop`` interrupts that thread's PyAV calls."""
    _local.stop = stop
