"""The latest decoded picture of one player, handed from a decoder thread to the GUI thread.

A decoder publishes whole pictures (BGRA bytes, which is QImage's RGB32 on little-endian
machines) at the output size; the GUI takes the latest one when it paints. Two slots: the
latest picture and the one the GUI is painting from, so a decoder that recycles its buffers
(libvlc writes into ours) never writes into a picture that is on screen. Notifications are
coalesced: ``publish`` asks for one only when none is pending, the GUI clears it when the
notification arrives, so at most one repaint request is ever queued."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Picture:
    """``height`` rows of ``stride`` bytes in ``data`` (any buffer: a numpy array, a PyAV
    plane), each row ``width`` BGRA pixels. ``data`` stays unchanged once published."""

    data: Any
    width: int
    height: int
    stride: int
    source_width: int = 0    # the stream's own picture size (display aspect); 0: unknown
    source_height: int = 0
    # the picture as the GUI paints it (a DecodedFrame over ``data``), made by the player's sink
    # on the publishing thread so that the GUI thread does not (None until then)
    image: Any = field(default=None, compare=False)


class FrameBuffer:
    """Thread-safe holder of a player's latest picture, its time and a frame counter."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._latest: Picture | None = None
        self._held: Picture | None = None
        self._pending = False
        self._frames = 0
        self._last_frame_at: float | None = None

    def publish(self, picture: Picture) -> bool:
        """Decoder side: ``picture`` is now the latest. True when the consumer must be
        notified (no notification is pending yet)."""
        with self._lock:
            self._latest = picture
            self._frames += 1
            self._last_frame_at = self._clock()
            notify = not self._pending
            self._pending = True
            return notify

    def clear_pending(self) -> None:
        """Consumer side: the notification arrived; the next picture asks for a new one."""
        with self._lock:
            self._pending = False

    def take(self) -> Picture | None:
        """Consumer side: the latest picture, held (never recycled) until the next take."""
        with self._lock:
            self._held = self._latest
            return self._held

    def is_in_use(self, data: object) -> bool:
        """Decoder side: whether a buffer must not be written now (latest or on screen)."""
        with self._lock:
            return any(p is not None and p.data is data for p in (self._latest, self._held))

    def clear(self) -> None:
        with self._lock:
            self._latest = self._held = None
            self._pending = False

    @property
    def frames(self) -> int:
        with self._lock:
            return self._frames

    @property
    def last_frame_at(self) -> float | None:
        with self._lock:
            return self._last_frame_at
