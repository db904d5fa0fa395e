"""Stream failures become codes the views translate (console/live/failure.py): FFmpeg's and
libvlc's English never reaches an operator's screen."""

from __future__ import annotations

import pytest

from console.live.failure import FailureKind, PlayerFailure, classify


@pytest.mark.parametrize(("detail", "kind"), [
    ("Connection timed out", FailureKind.TIMED_OUT),
    ("no answer within 5 s", FailureKind.TIMED_OUT),
    ("Connection refused", FailureKind.REFUSED),
    ("Server returned 404 Not Found", FailureKind.NOT_FOUND),
    ("No such file or directory", FailureKind.NOT_FOUND),
    ("Server returned 401 Unauthorized (authorization failed)", FailureKind.UNAUTHORIZED),
    ("Server returned 403 Forbidden (access denied)", FailureKind.UNAUTHORIZED),
    ("Name or service not known", FailureKind.UNREACHABLE),
    ("No route to host", FailureKind.UNREACHABLE),
    ("no data for 5 s", FailureKind.DROPPED),
    ("the stream ended", FailureKind.DROPPED),
    ("End of file", FailureKind.DROPPED),
    ("libvlc playback error", FailureKind.DROPPED),
    ("no picture after 10 s", FailureKind.NO_PICTURE),
    ("no picture for 6 s", FailureKind.NO_PICTURE),
    ("no decoder on this terminal can play it", FailureKind.CANNOT_PLAY),
    ("libvlc could not open the source", FailureKind.CANNOT_PLAY),
    ("Invalid data found when processing input", FailureKind.CANNOT_PLAY),
    ("OSError", FailureKind.OTHER),
    ("", FailureKind.OTHER),
])
def test_backend_details_map_onto_kinds(detail, kind):
    assert classify(detail) == kind


def test_a_failure_keeps_its_retry_delay():
    assert PlayerFailure.from_detail("Connection refused", 2.0) == PlayerFailure(
        FailureKind.REFUSED, 2.0)
