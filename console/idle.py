"""The idle rule of the console lock (R3), without Qt: input touches the timer; the console
is idle once ``timeout`` seconds pass without a touch. Times are plain monotonic seconds."""

from __future__ import annotations


class IdleTimer:
    def __init__(self, timeout: float, now: float) -> None:
        if timeout <= 0:
            raise ValueError("idle timeout must be positive")
        self.timeout = timeout
        self._last_input = now

    def touch(self, now: float) -> None:
        """Input was seen at ``now``."""
        self._last_input = max(self._last_input, now)

    def is_idle(self, now: float) -> bool:
        return now - self._last_input >= self.timeout

    def remaining(self, now: float) -> float:
        """Seconds left before the console counts as idle (0 when it already is)."""
        return max(0.0, self.timeout - (now - self._last_input))

    def idle_for(self, now: float) -> float:
        """Seconds since the last input (what the console reports to the centre, which
        decides the lock)."""
        return max(0.0, now - self._last_input)
