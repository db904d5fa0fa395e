"""A ``FrameSink`` that records what a backend hands over, for backend tests without Qt."""

from __future__ import annotations

import threading
import time

import numpy as np

from console.live.state import LiveTuning, StreamKind, StreamSource
from console.player.backend import BackendEvent, BackendReport
from console.player.frame_buffer import FrameBuffer, Picture


class RecordingSink:
    def __init__(self) -> None:
        self.frames = FrameBuffer()
        self.reports: list[BackendReport] = []
        self.picture_times: list[float] = []
        self.sizes: list[tuple[int, int]] = []
        self._changed = threading.Condition()

    def publish(self, picture: Picture) -> None:
        self.frames.publish(picture)
        with self._changed:
            self.picture_times.append(time.monotonic())
            self.sizes.append((picture.width, picture.height))
            self._changed.notify_all()

    def is_in_use(self, data: object) -> bool:
        return self.frames.is_in_use(data)

    def report(self, report: BackendReport) -> None:
        with self._changed:
            self.reports.append(report)
            self._changed.notify_all()

    def wait_pictures(self, count: int, timeout: float = 10.0) -> bool:
        with self._changed:
            return self._changed.wait_for(lambda: len(self.picture_times) >= count, timeout)

    def wait_report(self, timeout: float = 10.0) -> BackendReport | None:
        with self._changed:
            self._changed.wait_for(lambda: bool(self.reports), timeout)
            return self.reports[0] if self.reports else None

    def latest_array(self) -> np.ndarray:
        """The latest picture as an H×W×4 array (BGRA)."""
        picture = self.frames.take()
        assert picture is not None
        raw = np.frombuffer(picture.data, np.uint8, count=picture.stride * picture.height)
        rows = raw.reshape(picture.height, picture.stride)[:, : picture.width * 4]
        return rows.reshape(picture.height, picture.width, 4)


def source(url: str, *, display_url: str | None = None, **tuning: object) -> StreamSource:
    return StreamSource("32050000001310000001", StreamKind.SUB, url, display_url or url,
                        LiveTuning(**tuning))  # type: ignore[arg-type]


def ended(report: BackendReport | None) -> bool:
    return report is not None and report.event is BackendEvent.ENDED
