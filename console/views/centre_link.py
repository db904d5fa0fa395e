"""Watches the link to the centre and blanks every video output when it is lost (fail
closed): after ``server_grace_seconds`` without an answer every tile — desk and wall — stops
its stream and shows a notice, and PTZ control ends. When the centre answers again the
owner rechecks the open views first (a grant revoked meanwhile closes its view) and only then
``resumed`` lets the remaining tiles ask for their streams again."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from console.remote.client import LinkState as LinkTimes
from console.remote.link import LinkState, next_state

CHECK_MS = 500


class CentreLinkGuard(QObject):
    lost = Signal()        # blank everything now
    answered = Signal()    # the centre answers again: recheck, then call resume()
    resumed = Signal()     # video may be shown again

    def __init__(self, times: LinkTimes, grace_s: float, parent: QObject | None = None, *,
                 monotonic: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._times, self._grace_s, self._monotonic = times, grace_s, monotonic
        self.state = LinkState.UP
        self._lost_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def blanked(self) -> bool:
        return self.state != LinkState.UP

    def notice(self) -> str:
        """What every video output shows instead of the picture ("" while the link is up)."""
        if self.state == LinkState.UP:
            return ""
        if self.state == LinkState.RESUMING:
            return self.tr("The centre answers again: checking the views…")
        return self.tr("Video hidden: the centre cannot be reached (for {seconds} s). It "
                       "comes back by itself when the centre answers.").format(
            seconds=round(self._times.silent_for()))

    @Slot()
    def _on_timer_timeout(self) -> None:
        before = self.state
        after = next_state(before, self._times.silent_for(), self._grace_s)
        if after == before:
            return
        self.state = after
        if after == LinkState.LOST:
            self.lost.emit()
        elif after == LinkState.RESUMING:
            self.answered.emit()

    def resume(self) -> None:
        """The owner has rechecked the views: show video again."""
        if self.state == LinkState.RESUMING:
            self.state = LinkState.UP
            self.resumed.emit()
