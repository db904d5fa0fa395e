"""Real-time pacing for sources that are read faster than they play (files, HTTP): each
picture is shown when its timestamp is due on the wall clock, counted from the first one."""

from __future__ import annotations

from dataclasses import dataclass, field

# Later than this (a slow decode, a paused process) or a timestamp jump larger than
# MAX_AHEAD_S (a discontinuity, a loop) starts the count again from this picture.
MAX_LATE_S = 0.5
MAX_AHEAD_S = 5.0


@dataclass(slots=True)
class RealTimePacer:
    _origin_wall: float | None = field(default=None, init=False)
    _origin_media: float = field(default=0.0, init=False)

    def wait_before(self, media_time: float | None, now: float) -> float:
        """Seconds to wait before showing a picture stamped ``media_time`` (seconds) at
        wall-clock ``now`` (monotonic). 0 for the first picture and unstamped ones."""
        if media_time is None:
            return 0.0
        if self._origin_wall is None:
            self._rebase(media_time, now)
            return 0.0
        wait = self._origin_wall + (media_time - self._origin_media) - now
        if wait < -MAX_LATE_S or wait > MAX_AHEAD_S:
            self._rebase(media_time, now)
            return 0.0
        return max(0.0, wait)

    def _rebase(self, media_time: float, now: float) -> None:
        self._origin_wall, self._origin_media = now, media_time
