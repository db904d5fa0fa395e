"""The player facade a tile uses: open a stream, get the latest picture, follow its state.

Opening, decoding and releasing run on the backends' threads; everything here runs on the
GUI thread. Decoder threads reach the player only through ``_Inbox`` (queued signals) and
an ``_AttemptSink`` per attempt, which is closed when the attempt is given up, so a late
picture or report of an old attempt is dropped and nothing is emitted after ``close()``.

Reconnecting: a failed or dropped stream is retried after 1, 2, 4, … s (capped, see
``console.live.backoff``); the first picture resets the delay. State RECONNECTING after a
picture was shown since ``open``, OFFLINE while the first open keeps failing. A backend that
cannot play a source at all (libvlc without RTSP, libvlc missing) makes way for the next one
in ``backend_order``, at once, with ``backend_changed``. A stream that stops delivering is
STALLED exactly ``stall_after_s`` after its last picture (a deadline timer, not a poll that
could add up to a second), so the badge is never green over a frozen picture for longer than
the stated time; a timer checks once a second for the rest: no first picture within the
open and read timeouts, or none for 3× ``stall_after_s`` → reconnect."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QImage

from console.live.backend_choice import BackendAvailability, BackendId, backend_order
from console.live.backoff import Backoff, StallVerdict, stall_verdict
from console.live.failure import FailureKind, PlayerFailure
from console.live.redaction import scrub_credentials
from console.live.state import LiveTuning, StreamSource, StreamState
from console.overlay.picture_painter import DecodedFrame
from console.player import process_backend
from console.player.backend import (
    BackendEvent,
    BackendFactory,
    BackendReport,
    DecodingBackend,
)
from console.player.capabilities import detect
from console.player.frame_buffer import FrameBuffer, Picture
from console.player.process_backend import ProcessBackend
from console.player.pyav_backend import PyAvBackend
from console.player.vlc_backend import VlcBackend

DEFAULT_FACTORIES: Mapping[BackendId, BackendFactory] = {
    BackendId.PYAV: PyAvBackend,
    BackendId.VLC: VlcBackend,
}
PROCESS_FACTORIES: Mapping[BackendId, BackendFactory] = {
    BackendId.PYAV: ProcessBackend,
    BackendId.VLC: VlcBackend,
}


def factories_for(tuning: LiveTuning) -> Mapping[BackendId, BackendFactory]:
    """The backends for this terminal's tuning: PyAV in decoder processes (where the
    terminal can run them) or in threads of the console."""
    if tuning.decoding == "process" and process_backend.available():
        return PROCESS_FACTORIES
    return DEFAULT_FACTORIES
WATCH_INTERVAL_MS = 1000


class _Inbox(QObject):
    """Lives on the GUI thread; decoder threads emit, the player's slots run queued."""

    frame_posted = Signal()
    report_posted = Signal(object)  # (attempt number, BackendReport)


class _AttemptSink:
    """The ``FrameSink`` of one attempt (one backend playing once). Thread-safe."""

    def __init__(self, attempt: int, frames: FrameBuffer, inbox: _Inbox,
                 clock: Callable[[], float]) -> None:
        self.attempt = attempt
        self._frames = frames
        self._clock = clock
        self._lock = threading.Lock()
        self._inbox: _Inbox | None = inbox
        self.frame_count = 0
        self.last_frame_at: float | None = None

    def publish(self, picture: Picture) -> None:
        # the QImage is made here, on the decoder's thread: PySide releases the interpreter
        # lock while it makes a Qt object (measured for QImage and QRect), and every release
        # on the GUI thread lets the decoder threads of a grid take the lock in turn
        # (sealed: only the overlay's PicturePainter draws it, with the watermark)
        picture = replace(picture, image=DecodedFrame(QImage(
            picture.data, picture.width, picture.height, picture.stride,
            QImage.Format.Format_RGB32)))
        with self._lock:
            if self._inbox is None:
                return
            self.frame_count += 1
            self.last_frame_at = self._clock()
            if self._frames.publish(picture):
                self._inbox.frame_posted.emit()

    def is_in_use(self, data: object) -> bool:
        return self._frames.is_in_use(data)

    def report(self, report: BackendReport) -> None:
        with self._lock:
            if self._inbox is not None:
                self._inbox.report_posted.emit((self.attempt, report))

    def close(self) -> None:
        with self._lock:
            self._inbox = None


@dataclass
class _Running:
    """The attempt in progress; ``release`` works without the (maybe deleted) player."""

    backend: DecodingBackend | None = None
    sink: _AttemptSink | None = None
    started_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def release(self) -> None:
        with self.lock:
            backend, sink = self.backend, self.sink
            self.backend = self.sink = None
        if sink is not None:
            sink.close()
        if backend is not None:
            backend.stop()


class Player(QObject):
    state_changed = Signal(str, str)   # StreamState value, detail (never credentials)
    frame_arrived = Signal()           # coalesced: at most one queued at a time
    backend_changed = Signal(str)      # e.g. "PyAV (FFmpeg 8.1.2)", "libvlc 3.0.24"

    def __init__(self, parent: QObject | None = None, *,
                 availability: BackendAvailability | None = None,
                 preference: BackendId | None = None,
                 factories: Mapping[BackendId, BackendFactory] | None = None,
                 watch_interval_ms: int = WATCH_INTERVAL_MS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self._availability = availability
        self._preference = preference
        self._factories = dict(factories or DEFAULT_FACTORIES)
        self._clock = clock
        self._frames = FrameBuffer(clock)
        self._inbox = _Inbox()
        self._inbox.frame_posted.connect(self._on_frame_posted,
                                         Qt.ConnectionType.QueuedConnection)
        self._inbox.report_posted.connect(self._on_report_posted,
                                          Qt.ConnectionType.QueuedConnection)
        self._running = _Running()
        self.destroyed.connect(self._running.release)  # deleted without close(): stop it
        self._watch = QTimer(self)
        self._watch.setInterval(watch_interval_ms)
        self._watch.timeout.connect(self._on_watch)
        self._stall = QTimer(self)      # due stall_after_s after the last picture
        self._stall.setSingleShot(True)
        self._stall.setTimerType(Qt.TimerType.PreciseTimer)
        self._stall.timeout.connect(self._on_stall_due)
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._on_retry_due)
        self._retry_at: float | None = None
        self._source: StreamSource | None = None
        self._size = (2, 2)
        self._order: tuple[BackendId, ...] = ()
        self._backend_index = 0
        self._attempt = 0
        self._backoff = Backoff()
        self._shown_since_open = False
        self._state = StreamState.IDLE
        self._detail = ""
        self._failure: PlayerFailure | None = None  # coded, for the views to translate
        self._backend_name = ""
        self._closed = True
        self._image: tuple[Picture, DecodedFrame] | None = None
        self._source_size: tuple[int, int] | None = None

    # -- the API the tiles use --------------------------------------------------------------

    @property
    def state(self) -> StreamState:
        return self._state

    @property
    def failure(self) -> PlayerFailure | None:
        """Why the stream is not playing (OFFLINE, RECONNECTING), as a code; None while it
        plays. The state's English detail is for diagnostics only."""
        return self._failure

    @property
    def backend_name(self) -> str:
        return self._backend_name

    @property
    def source(self) -> StreamSource | None:
        return self._source

    @property
    def last_frame_at(self) -> float | None:
        return self._frames.last_frame_at

    @property
    def retry_in(self) -> float | None:
        if self._retry_at is None:
            return None
        return max(0.0, self._retry_at - self._clock())

    @property
    def frames_received(self) -> int:
        return self._frames.frames

    def open(self, source: StreamSource, width: int, height: int) -> None:
        """Start playing ``source`` scaled to ``width``×``height``; returns at once."""
        self._stop_attempt()
        self._retry.stop()
        self._retry_at = None
        self._closed, self._failure = False, None
        self._source, self._size = source, (max(2, width), max(2, height))
        self._backoff = Backoff.from_tuning(source.tuning)
        self._shown_since_open = False
        self._frames.clear()
        self._image = None
        availability = self._availability or detect().availability()
        self._order = tuple(b for b in backend_order(source.url, availability,
                                                     self._preference)
                            if b in self._factories)
        self._backend_index = 0
        if not self._order:
            self._failure = PlayerFailure(FailureKind.CANNOT_PLAY)
            self._set_state(StreamState.OFFLINE, "no decoder on this terminal can play it")
            return
        self._set_state(StreamState.CONNECTING, "")
        self._watch.start()
        self._start_attempt()

    def set_output_size(self, width: int, height: int) -> None:
        self._size = (max(2, width), max(2, height))
        backend = self._running.backend
        if backend is not None:
            backend.set_output_size(*self._size)

    def close(self) -> None:
        """Stop playing: returns at once, releases in the background, emits nothing more."""
        if self._closed:
            return
        self._closed = True
        self._watch.stop()
        self._stall.stop()
        self._retry.stop()
        self._retry_at = None
        self._stop_attempt()
        self._frames.clear()
        self._image = None
        self._state, self._detail, self._failure = StreamState.IDLE, "", None

    def current_frame(self) -> DecodedFrame | None:
        """The latest picture at the output size (no copy); valid until the next call. It
        can only be drawn by ``PicturePainter`` (with the watermark and the masks)."""
        picture = self._frames.take()
        if picture is None:
            self._image = None
            return None
        if self._image is None or self._image[0] is not picture:
            self._image = (picture, picture.image)  # made by the sink, off this thread
            if picture.source_width > 0 and picture.source_height > 0:
                self._source_size = (picture.source_width, picture.source_height)
        return self._image[1]

    @property
    def source_size(self) -> tuple[int, int] | None:
        """The stream's own picture size (width at display aspect), once a picture came."""
        return self._source_size

    # -- attempts -----------------------------------------------------------------------------

    def _start_attempt(self) -> None:
        if self._source is None:
            return
        backend = self._factories[self._order[self._backend_index]]()
        if backend.name != self._backend_name:
            self._backend_name = backend.name
            self.backend_changed.emit(backend.name)
        self._attempt += 1
        sink = _AttemptSink(self._attempt, self._frames, self._inbox, self._clock)
        with self._running.lock:
            self._running.backend, self._running.sink = backend, sink
            self._running.started_at = self._clock()
        backend.start(self._source, *self._size, sink)

    def _stop_attempt(self) -> None:
        self._stall.stop()
        self._running.release()

    def _retry_later(self, reason: str) -> None:
        self._stop_attempt()
        delay = self._backoff.next_delay()
        self._retry_at = self._clock() + delay
        self._retry.start(int(delay * 1000))
        state = StreamState.RECONNECTING if self._shown_since_open else StreamState.OFFLINE
        self._failure = PlayerFailure.from_detail(reason, delay)
        self._set_state(state, f"{reason}; retry in {delay:g} s" if reason
                        else f"retry in {delay:g} s")

    @Slot()
    def _on_retry_due(self) -> None:
        self._retry_at = None
        if not self._closed:
            self._start_attempt()

    @Slot(object)
    def _on_report_posted(self, posted: tuple[int, BackendReport]) -> None:
        attempt, report = posted
        if self._closed or attempt != self._attempt:
            return
        if report.event is BackendEvent.ENDED:
            self._stop_attempt()
            self._watch.stop()
            self._set_state(StreamState.ENDED, report.detail)
        elif report.event is BackendEvent.UNSUPPORTED:
            self._stop_attempt()
            if self._backend_index + 1 < len(self._order):
                self._backend_index += 1
                self._start_attempt()
            else:
                self._backend_index = 0
                self._retry_later(report.detail)
        else:
            self._retry_later(report.detail)

    @Slot()
    def _on_frame_posted(self) -> None:
        self._frames.clear_pending()
        if self._closed:
            return
        sink = self._running.sink
        if (sink is not None and sink.frame_count > 0
                and self._state not in (StreamState.PLAYING, StreamState.ENDED)):
            self._shown_since_open = True
            self._backoff.reset()
            self._failure = None
            self._set_state(StreamState.PLAYING, "")
        if not self._stall.isActive() and self._source is not None:
            # armed once per stall period, not re-armed per picture: when it is due it
            # looks at the last picture's time and waits out the rest if one came since
            self._stall.start(max(1, round(self._source.tuning.stall_after_s * 1000)))
        self.frame_arrived.emit()

    @Slot()
    def _on_stall_due(self) -> None:
        sink, source = self._running.sink, self._source
        if self._closed or sink is None or source is None or sink.last_frame_at is None:
            return
        idle = self._clock() - sink.last_frame_at
        remaining = source.tuning.stall_after_s - idle
        if remaining > 0.001:
            self._stall.start(max(1, round(remaining * 1000)))
        elif self._state is StreamState.PLAYING:
            self._set_state(StreamState.STALLED,
                            f"no picture for {source.tuning.stall_after_s:g} s")

    @Slot()
    def _on_watch(self) -> None:
        sink, source = self._running.sink, self._source
        if self._closed or sink is None or source is None:
            return
        tuning, now = source.tuning, self._clock()
        if sink.frame_count == 0:
            waited = now - self._running.started_at
            if waited >= tuning.open_timeout_s + tuning.read_timeout_s:
                self._retry_later(f"no picture after {waited:.0f} s")
            return
        verdict = stall_verdict(sink.last_frame_at, now, tuning.stall_after_s)
        if verdict is StallVerdict.REOPEN:
            self._retry_later(f"no picture for {now - (sink.last_frame_at or now):.0f} s")
        # STALLED is the stall timer's: on time, not up to a watch interval late

    def _set_state(self, state: StreamState, detail: str) -> None:
        if self._closed:
            return
        if self._source is not None:
            detail = scrub_credentials(detail, self._source.url, self._source.display_url)
        if (state, detail) == (self._state, self._detail):
            return
        self._state, self._detail = state, detail
        self.state_changed.emit(state.value, detail)
