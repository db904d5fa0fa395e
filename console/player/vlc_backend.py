"""libvlc backend (python-vlc): video callbacks write RV32 pictures at the output size into
our buffers (RV32 is QImage's RGB32), so the tile paints them like PyAV's.

One ``vlc.Instance`` per process, created on first use. One media player per session; its
ctypes callbacks and buffers stay referenced until libvlc has stopped it. The callbacks run
on libvlc's threads and only hand data over (never a libvlc call there); errors and the end
arrive as libvlc events and go to the facade as reports, which it handles on the GUI thread.
``play()`` is asynchronous: opening happens on libvlc's input thread.

Changing the output size restarts the media player with the new format (libvlc asks for the
format only when its video output starts): live sources reconnect, files continue from the
position they had (``:start-time``). The tile calls it once the size has settled.

Debian's libvlc has no live555 and cannot play rtsp://: it fails at once, which this backend
reports as UNSUPPORTED so the facade falls back to PyAV."""

from __future__ import annotations

import functools
import threading
from typing import Any

import numpy as np

from console.live.backend_choice import SourceScheme, source_scheme
from console.live.state import LiveTuning, StreamSource
from console.player.backend import BackendEvent, BackendReport, FrameSink
from console.player.capabilities import detect, load_vlc
from console.player.frame_buffer import Picture
from console.player.thread_priority import lower_current_thread_priority

# R9: no snapshot, recording or stream output from libvlc — no stream-output chain, no
# elementary stream may be streamed out, and snapshots and recordings have nowhere to go (a
# directory under /dev/null cannot exist). A constant: no configuration or debug option of
# the console adds to it (tests/test_no_export.py).
NO_EXPORT_ARGS = (
    "--sout=", "--no-sout-video", "--no-sout-audio", "--no-sout-spu",
    "--snapshot-path=/dev/null/no-snapshots", "--no-snapshot-preview",
    "--input-record-path=/dev/null/no-recordings", "--no-input-record-native",
)
VLC_ARGS = (
    "--quiet", "--no-xlib", "--no-audio", "--aout=dummy", "--no-video-title-show", "--no-osd",
    "--avcodec-hw=none", "--no-stats", *NO_EXPORT_ARGS,
)
RING_SIZE = 3  # the latest picture, the one on screen, the one libvlc writes

_instance_lock = threading.Lock()
_instance: Any = None


class VlcUnavailableError(RuntimeError):
    pass


def shared_instance() -> Any:
    """The process's one ``vlc.Instance`` (created on first use)."""
    global _instance  # noqa: PLW0603 - one libvlc instance per process, by design
    with _instance_lock:
        if _instance is None:
            vlc = load_vlc()
            if vlc is None:
                raise VlcUnavailableError("libvlc is not installed")
            caching = LiveTuning().network_caching_ms
            instance = vlc.Instance([*VLC_ARGS, f"--network-caching={caching}"])
            if instance is None:
                raise VlcUnavailableError("libvlc could not start")
            _instance = instance
        return _instance


@functools.cache
def vlc_name() -> str:
    version = detect().libvlc_version
    return f"libvlc {version}" if version else "libvlc (unavailable)"


class _Session:
    """One libvlc media player with our callbacks, at one output size."""

    def __init__(self, source: StreamSource, width: int, height: int, sink: FrameSink,
                 start_at_s: float = 0.0) -> None:
        vlc = load_vlc()
        if vlc is None:
            raise VlcUnavailableError("libvlc is not installed")
        instance = shared_instance()
        self.width, self.height = width, height
        self._sink = sink
        self._scheme = source_scheme(source.url)
        self._buffers = [np.zeros((height, width, 4), np.uint8) for _ in range(RING_SIZE)]
        self._addresses = [int(b.ctypes.data) for b in self._buffers]
        self._next = 0
        self._shown = False
        self._reniced = False
        self._finished = False  # reported its terminal event, or silenced
        decorators = vlc.CallbackDecorators
        self._callbacks = (decorators.VideoLockCb(self._on_lock),
                           decorators.VideoUnlockCb(self._on_unlock),
                           decorators.VideoDisplayCb(self._on_display))
        self.player = instance.media_player_new()
        media = instance.media_new(source.url)
        media.add_option(f":network-caching={source.tuning.network_caching_ms}")
        if self._scheme is SourceScheme.RTSP and source.tuning.rtsp_transport == "tcp":
            media.add_option(":rtsp-tcp")
        if start_at_s > 0:
            media.add_option(f":start-time={start_at_s:.3f}")
        self.player.set_media(media)
        media.release()
        self.player.video_set_callbacks(*self._callbacks, None)
        self.player.video_set_format("RV32", width, height, width * 4)
        self._events = self.player.event_manager()
        self._events.event_attach(vlc.EventType.MediaPlayerEncounteredError, self._on_error)
        self._events.event_attach(vlc.EventType.MediaPlayerEndReached, self._on_end)

    def play(self) -> None:
        if self.player.play() != 0:
            self._finish(BackendReport(BackendEvent.UNSUPPORTED, "libvlc refused to play"))

    def position_s(self) -> float:
        ms = self.player.get_time()
        return max(0.0, ms / 1000.0) if isinstance(ms, int) else 0.0

    def stop_in_background(self) -> None:
        """Silence the callbacks, then stop and release the player on a helper thread (the
        thread keeps this session, its callbacks and buffers alive until libvlc is done)."""
        self._finished = True
        threading.Thread(target=self._stop_now, name="vlc-stop", daemon=True).start()

    def _stop_now(self) -> None:
        self.player.stop()
        self.player.release()

    # -- libvlc's threads ---------------------------------------------------------------------

    def _on_lock(self, _opaque: Any, planes: Any) -> int:
        if not self._reniced:  # the video output thread
            self._reniced = True
            lower_current_thread_priority()
        for step in range(RING_SIZE):
            index = (self._next + step) % RING_SIZE
            if not self._sink.is_in_use(self._buffers[index]):
                break
        self._next = (index + 1) % RING_SIZE
        planes[0] = self._addresses[index]
        return index + 1  # the picture id handed to display (never NULL)

    def _on_unlock(self, _opaque: Any, _picture: Any, _planes: Any) -> None:
        return None

    def _on_display(self, _opaque: Any, picture: Any) -> None:
        if self._finished or not picture:
            return
        self._shown = True
        buffer = self._buffers[int(picture) - 1]
        self._sink.publish(Picture(buffer, self.width, self.height, self.width * 4))

    def _on_error(self, _event: Any) -> None:
        if self._shown:
            self._finish(BackendReport(BackendEvent.FAILED, "libvlc playback error"))
        else:
            self._finish(self._cannot_open())

    def _on_end(self, _event: Any) -> None:
        if not self._shown:
            self._finish(self._cannot_open())
        elif self._scheme is SourceScheme.FILE:
            self._finish(BackendReport(BackendEvent.ENDED))
        else:
            self._finish(BackendReport(BackendEvent.FAILED, "the stream ended"))

    def _cannot_open(self) -> BackendReport:
        if self._scheme is SourceScheme.RTSP and not detect().libvlc_rtsp:
            return BackendReport(BackendEvent.UNSUPPORTED,
                                 "this libvlc cannot play RTSP (no live555)")
        return BackendReport(BackendEvent.UNSUPPORTED, "libvlc could not open the source")

    def _finish(self, report: BackendReport) -> None:
        if not self._finished:
            self._finished = True
            self._sink.report(report)


class VlcBackend:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._session: _Session | None = None
        self._source: StreamSource | None = None
        self._sink: FrameSink | None = None
        self._stopped = False

    @property
    def name(self) -> str:
        return vlc_name()

    def start(self, source: StreamSource, width: int, height: int, sink: FrameSink) -> None:
        if self._source is not None:
            raise RuntimeError("a backend plays one source once")
        self._source, self._sink = source, sink
        try:
            session = _Session(source, max(2, width), max(2, height), sink)
        except VlcUnavailableError as exc:
            sink.report(BackendReport(BackendEvent.UNSUPPORTED, str(exc)))
            return
        with self._lock:
            self._session = session
        session.play()

    def set_output_size(self, width: int, height: int) -> None:
        width, height = max(2, width), max(2, height)
        with self._lock:
            old = self._session
            if (self._stopped or old is None or self._source is None or self._sink is None
                    or (old.width, old.height) == (width, height)):
                return
            start_at = (old.position_s()
                        if source_scheme(self._source.url) is SourceScheme.FILE else 0.0)
            new = _Session(self._source, width, height, self._sink, start_at)
            self._session = new
        old.stop_in_background()
        new.play()

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            session, self._session = self._session, None
        if session is not None:
            session.stop_in_background()
