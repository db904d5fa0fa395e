"""What a decoding backend is to the player facade.

One backend object plays one source once: ``start`` (returns at once; opening and decoding
run on the backend's own threads), ``set_output_size`` any time, ``stop`` once (returns at
once; threads and native resources are released in the background). It hands pictures and
events to a ``FrameSink``; every sink method is thread-safe and may be called from any
thread (the decoder thread, libvlc's threads). A backend reports at most one terminal event
(UNSUPPORTED, UNREACHABLE, FAILED or ENDED) and nothing after ``stop``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from console.live.state import StreamSource
from console.player.frame_buffer import Picture


class BackendEvent(StrEnum):
    UNSUPPORTED = "unsupported"  # this backend cannot play this source at all: try the next
    UNREACHABLE = "unreachable"  # could not open it (refused, timed out, not found): retry
    FAILED = "failed"            # it played, then broke off (dropped, no data): reconnect
    ENDED = "ended"              # a file source reached its end


@dataclass(frozen=True, slots=True)
class BackendReport:
    event: BackendEvent
    detail: str = ""  # short English summary; may still quote the URL (the facade scrubs it)


class FrameSink(Protocol):
    def publish(self, picture: Picture) -> None:
        """A new picture at the output size."""

    def is_in_use(self, data: object) -> bool:
        """Whether a buffer previously published must not be overwritten yet."""

    def report(self, report: BackendReport) -> None:
        """A terminal event (see ``BackendEvent``)."""


class DecodingBackend(Protocol):
    @property
    def name(self) -> str:
        """Shown to the operator, e.g. "PyAV (FFmpeg 8.1.2)" or "libvlc 3.0.24"."""

    def start(self, source: StreamSource, width: int, height: int, sink: FrameSink) -> None:
        """Begin opening and decoding ``source``, scaled to ``width``×``height``."""

    def set_output_size(self, width: int, height: int) -> None:
        """Scale the following pictures to a new size."""

    def stop(self) -> None:
        """Stop decoding; returns at once, releases everything in the background."""


BackendFactory = Callable[[], DecodingBackend]
