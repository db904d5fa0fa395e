"""One frame from a camera's stream for the video diagnosis, on the centre (which holds the
camera addresses and their credentials). PyAV, as the player decodes: RTSP over TCP, short
probing, a socket timeout; one decoding thread, so a check takes one core at most and
for as short a time as it can.

``grab_frame(url)`` is the first picture the decoder gives after opening (None: nothing
within the timeout — the signal is lost, SkeyeVSS's "no packets for 5 s")."""

from __future__ import annotations

import logging
import time
from urllib.parse import urlsplit

import numpy as np
import numpy.typing as npt

log = logging.getLogger(__name__)

TIMEOUT_S = 5.0
MAX_PACKETS = 600          # a stream that sends packets but never a picture


def _options(url: str, timeout_s: float) -> dict[str, str]:
    scheme = urlsplit(url).scheme.lower()
    probing = {"analyzeduration": "0", "probesize": "32768", "fpsprobesize": "0"}
    if scheme in ("rtsp", "rtsps"):
        return {"rtsp_transport": "tcp", "timeout": str(int(timeout_s / 2 * 1_000_000)),
                **probing}
    if scheme in ("http", "https"):
        return {"rw_timeout": str(int(timeout_s * 1_000_000))}
    return {}


def grab_frame(url: str, timeout_s: float = TIMEOUT_S) -> npt.NDArray[np.uint8] | None:
    """The first decoded picture of ``url`` as BGR (None: none within ``timeout_s``). The
    URL may hold credentials: it is never logged."""
    import av  # noqa: PLC0415 - the server needs PyAV only when it diagnoses

    started = time.monotonic()
    try:
        container = av.open(url, options=_options(url, timeout_s),
                            timeout=(timeout_s, timeout_s))
    except av.FFmpegError as exc:
        log.info("diagnosis: stream did not open (%s)", type(exc).__name__)
        return None
    try:
        if not container.streams.video:
            return None
        stream = container.streams.video[0]
        stream.codec_context.thread_count = 1
        for count, packet in enumerate(container.demux(stream)):
            if count >= MAX_PACKETS or time.monotonic() - started > 2 * timeout_s:
                return None
            try:
                frames = packet.decode()
            except av.error.InvalidDataError:
                continue                      # joined mid-GOP: wait for the key frame
            for frame in frames:
                return np.asarray(frame.to_ndarray(format="bgr24"), dtype=np.uint8)
        return None
    except av.FFmpegError as exc:
        log.info("diagnosis: stream failed (%s)", type(exc).__name__)
        return None
    finally:
        try:
            container.close()
        except av.FFmpegError:
            log.debug("diagnosis: closing the stream failed", exc_info=True)
