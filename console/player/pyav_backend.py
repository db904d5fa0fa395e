"""PyAV (bundled FFmpeg) backend: one decoding thread per stream.

The thread opens the source with short probing (first picture ~0.1 s after the keyframe),
decodes video, scales and converts each picture in C to BGRA at the output size and
publishes it; files and HTTP are paced to their timestamps. PyAV objects never leave the
thread (they are not thread-safe). ``stop`` sets an event that also interrupts a blocking
open or read (``pyav_interrupt``), so the thread ends within about 0.1 s; the container is
closed on the thread. Opens of several players run in parallel (each on its own thread)."""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
import time
from typing import TYPE_CHECKING

from console.live.backend_choice import SourceScheme, source_scheme
from console.live.pacing import RealTimePacer
from console.live.state import LiveTuning, StreamSource
from console.player import pyav_interrupt
from console.player.backend import BackendEvent, BackendReport, FrameSink
from console.player.frame_buffer import Picture
from console.player.thread_priority import lower_current_thread_priority

if TYPE_CHECKING:
    from av.container import InputContainer
    from av.video.frame import VideoFrame
    from av.video.reformatter import Interpolation, VideoReformatter

log = logging.getLogger(__name__)

PACED_SCHEMES = (SourceScheme.FILE, SourceScheme.HTTP)
# Above this many pixels per picture the decoder gets a second thread (1080p main streams).
ONE_THREAD_MAX_PIXELS = 1280 * 720
SCALER_THREADS = 1


@functools.cache
def pyav_name() -> str:
    try:
        import av  # noqa: PLC0415
    except ImportError:
        return "PyAV (unavailable)"
    return f"PyAV (FFmpeg {av.ffmpeg_version_info})"


def open_options(tuning: LiveTuning, scheme: SourceScheme) -> dict[str, str]:
    """FFmpeg options for opening a source.

    Live streams get short probing, and no frame-rate probing (``fpsprobesize=0``: it
    otherwise waits for ~20 pictures, 0.8 s, when pictures are small). Not ``fflags
    nobuffer``: it drops the packets read while probing, keyframe included, so the first
    picture waits a whole GOP (measured 1.05 s against 0.13 s). The RTSP socket timeout is
    half the read timeout: FFmpeg's RTSP demuxer gives up after two of them (after the
    first it hands out what it held back, see ``timed_out_packet``)."""
    probing = {
        "analyzeduration": str(max(0, tuning.analyze_duration_ms) * 1000),
        "probesize": str(max(32, tuning.probe_size)),
        "fpsprobesize": "0",
    }
    if scheme is SourceScheme.RTSP:
        return {
            "rtsp_transport": tuning.rtsp_transport,
            "timeout": str(int(rtsp_socket_timeout_s(tuning) * 1_000_000)),
            **probing,
        }
    if scheme is SourceScheme.HTTP:
        return {"rw_timeout": str(int(tuning.read_timeout_s * 1_000_000))}
    if scheme is SourceScheme.OTHER:
        return probing
    return {}


def rtsp_socket_timeout_s(tuning: LiveTuning) -> float:
    return tuning.read_timeout_s / 2


def timed_out_packet(waited_s: float, scheme: SourceScheme, tuning: LiveTuning) -> bool:
    """Whether a packet that took ``waited_s`` to arrive was handed out by a read timeout,
    not by the camera. When an RTSP read times out, FFmpeg's demuxer first hands out the
    packet it held back (measured: one 6-byte packet, 2.6 s after the server stopped
    sending, then the error 2.6 s later); decoded and shown, it made a frozen stream look
    live again and reset the stall, so the stalled state never appeared. Such a packet is
    decoded (the decoder keeps its references) but its picture is not shown."""
    return scheme is SourceScheme.RTSP and waited_s >= 0.9 * rtsp_socket_timeout_s(tuning)


def decoder_threads(width: int, height: int) -> int:
    return 1 if width * height <= ONE_THREAD_MAX_PIXELS else 2


def skips_deblocking(source: tuple[int, int], output: tuple[int, int], *,
                     full_quality: bool = False) -> bool:
    """Whether to decode without the deblocking (loop) filter (libavcodec's
    ``skip_loop_filter``, VLC's ``--avcodec-skiploopfilter``): when the tile shows the
    picture at half the stream's area or less — a D1 or 720p sub stream in a 16- to 36-tile
    grid. The filter is a sixth to a quarter of an H.264 decode there
    (benchmarks/picture_cost.py: D1 0.89 → 0.75 ms, 720p 1.96 → 1.59 ms a picture, more on
    grainy pictures) and the downscale averages its work away; skipped, the
    pictures drift from the encoder's a little through a GOP (unfiltered pictures are the
    next ones' references), which is not visible at tile size on clean pictures and slight
    on noisy ones (see the README). A larger tile (maximised, 9 tiles or fewer) and every
    tile of a wall output (``full_quality``) is decoded in full; the choice is made when the
    stream opens (a maximised tile reopens on the main stream anyway)."""
    (sw, sh), (ow, oh) = source, output
    return not full_quality and sw > 0 and sh > 0 and ow * oh * 2 <= sw * sh


class PyAvBackend:
    def __init__(self) -> None:
        self._stop = threading.Event()
        self._size_lock = threading.Lock()
        self._size = (2, 2)
        self._thread: threading.Thread | None = None

    @property
    def name(self) -> str:
        return pyav_name()

    def start(self, source: StreamSource, width: int, height: int, sink: FrameSink) -> None:
        if self._thread is not None:
            raise RuntimeError("a backend plays one source once")
        self.set_output_size(width, height)
        pyav_interrupt.install()
        self._thread = threading.Thread(target=self._run, args=(source, sink), daemon=True,
                                        name=f"pyav-{source.camera_code}")
        self._thread.start()

    def set_output_size(self, width: int, height: int) -> None:
        with self._size_lock:
            self._size = (max(2, width), max(2, height))

    def stop(self) -> None:
        self._stop.set()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the decoding thread to end (tests, shutdown); True when it has."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    # -- the decoding thread ------------------------------------------------------------------

    def _run(self, source: StreamSource, sink: FrameSink) -> None:
        lower_current_thread_priority()
        pyav_interrupt.bind_stop_event(self._stop)
        try:
            report = self._open_and_play(source, sink)
        except Exception as exc:  # a bug must not leave the player waiting forever
            log.exception("PyAV decoding of %s failed", source.display_url)
            report = BackendReport(BackendEvent.FAILED, f"decoder error ({type(exc).__name__})")
        if report is not None and not self._stop.is_set():
            sink.report(report)

    def _open_and_play(self, source: StreamSource, sink: FrameSink) -> BackendReport | None:
        try:
            import av  # noqa: PLC0415
        except ImportError as exc:
            return BackendReport(BackendEvent.UNSUPPORTED, f"PyAV unavailable: {exc}")
        tuning, scheme = source.tuning, source_scheme(source.url)
        started = time.monotonic()
        try:
            container = av.open(source.url, options=open_options(tuning, scheme),
                                timeout=(tuning.open_timeout_s, tuning.read_timeout_s))
        except av.FFmpegError as exc:
            if self._stop.is_set():
                return None
            return open_failure(exc, time.monotonic() - started, tuning)
        try:
            return self._play(container, scheme, tuning, sink)
        finally:
            with contextlib.suppress(av.FFmpegError):
                container.close()

    def _play(self, container: InputContainer, scheme: SourceScheme, tuning: LiveTuning,
              sink: FrameSink) -> BackendReport | None:
        import av  # noqa: PLC0415
        from av.video.reformatter import Interpolation, VideoReformatter  # noqa: PLC0415

        if not container.streams.video:
            return BackendReport(BackendEvent.UNSUPPORTED, "no video stream")
        stream = container.streams.video[0]
        codec = stream.codec_context
        codec.thread_count = decoder_threads(codec.width, codec.height)
        with self._size_lock:
            output = self._size
        if skips_deblocking((codec.width, codec.height), output,
                            full_quality=tuning.full_quality):
            codec.options = {**codec.options, "skip_loop_filter": "all"}
        reformatter = VideoReformatter()
        pacer = RealTimePacer() if scheme in PACED_SCHEMES else None
        waiting_since = time.monotonic()
        try:
            for packet in container.demux(stream):
                if self._stop.is_set():
                    return None
                stale = timed_out_packet(time.monotonic() - waiting_since, scheme, tuning)
                try:
                    frames = packet.decode()
                except av.error.InvalidDataError:
                    waiting_since = time.monotonic()
                    continue  # a damaged packet (joined mid-GOP, lost data): skip it
                for frame in frames if not stale else ():
                    if pacer is not None:
                        wait = pacer.wait_before(frame.time, time.monotonic())
                        if wait > 0 and self._stop.wait(wait):
                            return None
                    if self._stop.is_set():
                        return None
                    self._publish(frame, reformatter, sink, Interpolation.FAST_BILINEAR)
                waiting_since = time.monotonic()
        except av.error.ExitError:
            return None if self._stop.is_set() else BackendReport(
                BackendEvent.FAILED, f"no data for {tuning.read_timeout_s:g} s")
        except av.FFmpegError as exc:
            return None if self._stop.is_set() else BackendReport(
                BackendEvent.FAILED, describe(exc))
        if self._stop.is_set():
            return None
        if scheme is SourceScheme.FILE:
            return BackendReport(BackendEvent.ENDED)
        return BackendReport(BackendEvent.FAILED, "the stream ended")

    def _publish(self, frame: VideoFrame, reformatter: VideoReformatter, sink: FrameSink,
                 interpolation: Interpolation) -> None:
        with self._size_lock:
            width, height = self._size
        # fast bilinear: a third cheaper than bilinear when shrinking to tile size, and
        # indistinguishable there (measured 0.46 vs 0.67 ms per 720p frame to 480x270).
        # One thread: each stream has its own decoding thread already, and scaler slice
        # threads (FFmpeg's default) cost a hand-over per picture (measured 0.43 vs 0.50 ms
        # CPU per 720p picture alone, and 2 threads more per stream)
        picture = reformatter.reformat(frame, width, height, "bgra",
                                       interpolation=interpolation, threads=SCALER_THREADS)
        plane = picture.planes[0]  # keeps the picture alive; QImage reads it in place
        # the stream's own size says the aspect ratio the tile keeps (square pixels assumed)
        sink.publish(Picture(plane, width, height, plane.line_size, frame.width,
                             frame.height))


def describe(exc: Exception) -> str:
    """A short text for an FFmpeg error, without the URL it quotes."""
    text = getattr(exc, "strerror", None)
    return str(text) if text else type(exc).__name__


def open_failure(exc: Exception, elapsed_s: float, tuning: LiveTuning) -> BackendReport:
    import av  # noqa: PLC0415

    if isinstance(exc, av.error.ExitError) or elapsed_s >= tuning.open_timeout_s:
        return BackendReport(BackendEvent.UNREACHABLE,
                             f"no answer within {tuning.open_timeout_s:g} s")
    cannot_play = (av.error.ProtocolNotFoundError, av.error.DemuxerNotFoundError,
                   av.error.DecoderNotFoundError, av.error.PatchWelcomeError,
                   av.error.InvalidDataError)
    if isinstance(exc, cannot_play):
        return BackendReport(BackendEvent.UNSUPPORTED, describe(exc))
    return BackendReport(BackendEvent.UNREACHABLE, describe(exc))
