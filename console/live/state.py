"""What a player is doing and what it plays: plain data shared by the core and the player."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class StreamState(StrEnum):
    """A tile's stream state, as the OSD names it."""

    IDLE = "idle"                  # nothing opened
    CONNECTING = "connecting"      # opening, no picture yet
    PLAYING = "playing"            # new pictures arrive
    RECONNECTING = "reconnecting"  # the stream dropped; a retry is scheduled
    STALLED = "stalled"            # open, but no new picture for stall_after_s
    OFFLINE = "offline"            # the source cannot be reached / refused (retrying slowly)
    NO_PERMISSION = "no_permission"  # the right to view ended; nothing is shown
    ENDED = "ended"                # a file source reached its end


class StreamKind(StrEnum):
    MAIN = "main"   # 主码流: maximised or large tiles, wall outputs
    SUB = "sub"     # 子码流: small grid tiles


@dataclass(frozen=True, slots=True)
class LiveTuning:
    """Per-terminal live tuning (short probing, small network cache)."""

    network_caching_ms: int = 300
    rtsp_transport: str = "tcp"          # "tcp" or "udp"
    probe_size: int = 32768              # bytes
    analyze_duration_ms: int = 0
    open_timeout_s: float = 5.0
    read_timeout_s: float = 5.0
    stall_after_s: float = 3.0
    backoff_start_s: float = 1.0
    backoff_max_s: float = 30.0
    decoder: str = "auto"                # "auto", "pyav" or "vlc" (see backend_choice)
    # where PyAV decodes: "process" (a worker process per stream, pictures in shared memory)
    # or "thread" (a thread per stream inside the console, sharing its interpreter lock)
    decoding: str = "thread"
    # decode every picture in full, the loop filter too, whatever the tile's size (a wall
    # output's tiles: a wall screen shows a tile's pixels large); a desk tile shown at half
    # the stream's area or less skips it (console/player/pyav_backend.py)
    full_quality: bool = False


@dataclass(frozen=True, slots=True)
class StreamSource:
    """One stream to play. ``url`` may carry credentials and is never logged or shown;
    ``display_url`` is the redacted form for the tile details and diagnostics."""

    camera_code: str
    kind: StreamKind
    url: str = field(repr=False)
    display_url: str
    tuning: LiveTuning = LiveTuning()
