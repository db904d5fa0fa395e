"""The operator's words for why a stream failed (console/live/failure.py): translated, with
the retry delay — never the decoder's own English."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.live.failure import FailureKind, PlayerFailure
from console.views.reason_text import QT_TRANSLATE_NOOP

_CONTEXT = "PlayerFailure"
_TEXTS = {
    FailureKind.TIMED_OUT: QT_TRANSLATE_NOOP("PlayerFailure", "the camera did not answer in time"),
    FailureKind.REFUSED: QT_TRANSLATE_NOOP("PlayerFailure", "the connection was refused"),
    FailureKind.NOT_FOUND: QT_TRANSLATE_NOOP("PlayerFailure",
                                             "no stream was found at its address"),
    FailureKind.UNAUTHORIZED: QT_TRANSLATE_NOOP("PlayerFailure",
                                                "the camera refused the credentials"),
    FailureKind.UNREACHABLE: QT_TRANSLATE_NOOP("PlayerFailure",
                                               "the camera's address cannot be reached"),
    FailureKind.DROPPED: QT_TRANSLATE_NOOP("PlayerFailure", "the stream broke off"),
    FailureKind.NO_PICTURE: QT_TRANSLATE_NOOP("PlayerFailure", "no picture arrived"),
    FailureKind.CANNOT_PLAY: QT_TRANSLATE_NOOP("PlayerFailure",
                                               "no decoder on this terminal can play it"),
    FailureKind.OTHER: QT_TRANSLATE_NOOP("PlayerFailure", "the stream failed"),
}


def failure_text(failure: PlayerFailure | None) -> str:
    """"the connection was refused; next try in 2 s" in the UI's language ("" for None)."""
    if failure is None:
        return ""
    cause = QCoreApplication.translate(_CONTEXT, _TEXTS[failure.kind])
    if failure.retry_in_s is None:
        return cause
    return QCoreApplication.translate("PlayerFailure", "{cause}; next try in {seconds} s").format(
        cause=cause, seconds=f"{failure.retry_in_s:g}")
