"""Reconnect timing: retry delays that double up to a cap and start over after a picture,
and when a stream that stopped delivering pictures counts as stalled."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from console.live.state import LiveTuning

# A stalled stream is reopened once it has shown nothing for this many stall periods.
RECONNECT_AFTER_STALLS = 3.0


def retry_delay(failures: int, start_s: float, max_s: float) -> float:
    """Delay before the retry that follows the ``failures``-th failure in a row (1-based):
    start, 2×start, 4×start, … capped at ``max_s``."""
    if failures < 1:
        raise ValueError("failures counts from 1")
    if start_s <= 0 or max_s < start_s:
        raise ValueError("need 0 < start_s <= max_s")
    exponent = min(failures - 1, 62)  # 2**62 × start is past any cap
    return min(start_s * float(2**exponent), max_s)


@dataclass(slots=True)
class Backoff:
    """Failures in a row since the last picture; ``next_delay()`` counts one more."""

    start_s: float = 1.0
    max_s: float = 30.0
    failures: int = field(default=0, init=False)

    @classmethod
    def from_tuning(cls, tuning: LiveTuning) -> Backoff:
        return cls(tuning.backoff_start_s, tuning.backoff_max_s)

    def next_delay(self) -> float:
        self.failures += 1
        return retry_delay(self.failures, self.start_s, self.max_s)

    def reset(self) -> None:
        """A picture arrived: the next failure waits ``start_s`` again."""
        self.failures = 0


def is_stalled(last_frame_at: float | None, now: float, stall_after_s: float) -> bool:
    """No new picture for at least ``stall_after_s`` (monotonic seconds). A stream that has
    not shown a picture yet is connecting, not stalled."""
    if last_frame_at is None:
        return False
    return now - last_frame_at >= stall_after_s


class StallVerdict(StrEnum):
    FLOWING = "flowing"      # pictures arrive
    STALLED = "stalled"      # show STALLED, keep waiting
    REOPEN = "reopen"        # waited long enough: drop the connection and reconnect


def stall_verdict(last_frame_at: float | None, now: float, stall_after_s: float,
                  reopen_after: float = RECONNECT_AFTER_STALLS) -> StallVerdict:
    """What to do about a stream whose last picture came at ``last_frame_at``."""
    if last_frame_at is None:
        return StallVerdict.FLOWING
    idle = now - last_frame_at
    if idle >= stall_after_s * reopen_after:
        return StallVerdict.REOPEN
    if idle >= stall_after_s:
        return StallVerdict.STALLED
    return StallVerdict.FLOWING
