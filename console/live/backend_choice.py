"""Which decoding backends may play a source, in the order to try them.

PyAV (FFmpeg) plays everything the platform serves: RTSP, HTTP-FLV/HLS and files. libvlc
plays HTTP and files, and RTSP only when it was built with live555 (Debian's is not). A
terminal may prefer libvlc; the player falls back to the next backend when one cannot open
a source at all."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit


class BackendId(StrEnum):
    PYAV = "pyav"
    VLC = "vlc"


class SourceScheme(StrEnum):
    RTSP = "rtsp"      # rtsp://, rtsps://, rtspt://
    HTTP = "http"      # http(s):// (FLV, HLS, MP4)
    FILE = "file"      # a local path or file://
    OTHER = "other"    # rtmp://, udp://, srt://, …: FFmpeg may know it


@dataclass(frozen=True, slots=True)
class BackendAvailability:
    """What this machine can decode with (see ``console.player.capabilities``)."""

    pyav: bool
    libvlc: bool
    libvlc_rtsp: bool


_SCHEMES = {
    "rtsp": SourceScheme.RTSP, "rtsps": SourceScheme.RTSP, "rtspt": SourceScheme.RTSP,
    "http": SourceScheme.HTTP, "https": SourceScheme.HTTP,
    "file": SourceScheme.FILE, "": SourceScheme.FILE,
}


def source_scheme(url: str) -> SourceScheme:
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return SourceScheme.OTHER
    if len(scheme) == 1:  # a Windows drive letter: C:\clips\a.mp4
        return SourceScheme.FILE
    return _SCHEMES.get(scheme, SourceScheme.OTHER)


def parse_preference(text: str | None) -> BackendId | None:
    """A terminal's configured preference ("pyav", "vlc", "" or "auto")."""
    value = (text or "").strip().lower()
    if value in ("", "auto"):
        return None
    try:
        return BackendId(value)
    except ValueError:
        raise ValueError(f"unknown decoding backend {text!r}; use pyav, vlc or auto") from None


def backend_order(url: str, available: BackendAvailability,
                  preference: BackendId | None = None) -> tuple[BackendId, ...]:
    """The backends to try for ``url``, best first; empty when none can play it."""
    scheme = source_scheme(url)
    if scheme is SourceScheme.RTSP:
        vlc_can = available.libvlc and available.libvlc_rtsp
        if preference is BackendId.VLC and vlc_can:
            order = [BackendId.VLC, BackendId.PYAV]
        else:
            order = [BackendId.PYAV] + ([BackendId.VLC] if vlc_can else [])
    elif preference is BackendId.VLC:
        order = [BackendId.VLC, BackendId.PYAV]
    else:
        order = [BackendId.PYAV, BackendId.VLC]
    usable = {BackendId.PYAV: available.pyav, BackendId.VLC: available.libvlc}
    return tuple(b for b in order if usable[b])
