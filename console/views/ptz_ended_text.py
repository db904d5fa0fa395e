"""What a console says when its PTZ control was ended by someone or something other than
its own operator (R10, R11): the person and the terminal (this one, when it was this
terminal's command line), the centre's sweep, or the centre after this console stopped
answering (stopped, frozen, cut off). ``ptz_sessions.ended_by`` records it; the event
carries it (console/ptz/model.py ``EndedBy``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.ptz.model import EndedBy, EndedByKind, PtzEvent
from console.views.reason_text import QT_TRANSLATE_NOOP

_CONTEXT = "PtzEndedText"

LEASE_EXPIRED_TEXT = QT_TRANSLATE_NOOP(
    "PtzEndedText", "PTZ control of {code} ended: this console stopped answering the centre, "
                    "so the centre sent the camera home.")
SWEEP_TEXT = QT_TRANSLATE_NOOP(
    "PtzEndedText", "PTZ control of {code} ended: the centre's sweep sent the camera home "
                    "after this console stopped answering.")
THIS_TERMINAL_TEXT = QT_TRANSLATE_NOOP(
    "PtzEndedText", "PTZ control of {code} ended: {name} sent the camera home from this "
                    "terminal ({terminal}).")
OTHER_TERMINAL_TEXT = QT_TRANSLATE_NOOP(
    "PtzEndedText", "PTZ control of {code} ended: {name} sent the camera home from terminal "
                    "{terminal}.")


def ended_by_notice(event: PtzEvent, terminal: str) -> str | None:
    """The notice for an ENDED event that names who ended control (``terminal``: this
    console's); None when the event names nobody (the operator's own release carries no
    ``ended_by``) or the centre's rules ended it (the reason says enough)."""
    who = EndedBy.parse(event.ended_by)
    if who is None:
        return None

    def tr(text: str) -> str:
        return QCoreApplication.translate(_CONTEXT, text)

    if who.kind == EndedByKind.LEASE_EXPIRED:
        return tr(LEASE_EXPIRED_TEXT).format(code=event.camera_code)
    if who.kind == EndedByKind.SWEEP:
        return tr(SWEEP_TEXT).format(code=event.camera_code)
    if who.kind != EndedByKind.USER:
        return None
    name = f"{event.by} ({who.account})" if event.by else who.account
    text = THIS_TERMINAL_TEXT if who.terminal == terminal else OTHER_TERMINAL_TEXT
    return tr(text).format(code=event.camera_code, name=name, terminal=who.terminal or "?")
