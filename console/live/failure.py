"""Why a stream failed, as a code the views translate — never FFmpeg's or libvlc's own English
("Connection timed out") on an operator's screen. The decoding backends report a short
English detail for diagnostics (the log, the tests); ``classify`` maps it onto a
``FailureKind``, and the tile shows the translated kind with the retry delay."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class FailureKind(StrEnum):
    TIMED_OUT = "timed_out"          # no answer within the open timeout
    REFUSED = "refused"              # the connection was refused
    NOT_FOUND = "not_found"          # no such stream at the address (RTSP 404, no file)
    UNAUTHORIZED = "unauthorized"    # credentials refused (RTSP 401/403)
    UNREACHABLE = "unreachable"      # host unknown or no route to it
    DROPPED = "dropped"              # it played, then broke off (no data, end of stream)
    NO_PICTURE = "no_picture"        # connected, but no picture came
    CANNOT_PLAY = "cannot_play"      # no decoder on this terminal can play it
    OTHER = "other"                  # anything else


# (pattern on the backend's detail, kind), first match wins
_PATTERNS: tuple[tuple[re.Pattern[str], FailureKind], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), kind) for pattern, kind in (
        (r"timed? ?out|no answer within", FailureKind.TIMED_OUT),
        (r"refused the connection|connection refused", FailureKind.REFUSED),
        (r"\b40[13]\b|unauthori[sz]ed|forbidden|permission denied|authenticat",
         FailureKind.UNAUTHORIZED),
        (r"\b404\b|not found|no such file", FailureKind.NOT_FOUND),
        (r"unreachable|no route|name or service|resolve|temporary failure in name",
         FailureKind.UNREACHABLE),
        (r"no picture", FailureKind.NO_PICTURE),
        (r"no decoder|unavailable|refused to play|could not open|no video stream|"
         r"invalid data|not supported|unsupported", FailureKind.CANNOT_PLAY),
        (r"no data for|stream ended|end of file|reset by peer|broken pipe|"
         r"playback error|decoder error", FailureKind.DROPPED),
    ))


def classify(detail: str) -> FailureKind:
    """The kind of failure a backend's English ``detail`` describes."""
    for pattern, kind in _PATTERNS:
        if pattern.search(detail):
            return kind
    return FailureKind.OTHER


@dataclass(frozen=True, slots=True)
class PlayerFailure:
    """The last failure of a player: what went wrong and when it tries again (seconds, or
    None when it does not)."""

    kind: FailureKind
    retry_in_s: float | None = None

    @classmethod
    def from_detail(cls, detail: str, retry_in_s: float | None = None) -> PlayerFailure:
        return cls(classify(detail), retry_in_s)
