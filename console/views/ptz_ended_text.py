"""What a console says when its PTZ control was ended by someone or something other than
its own operator (R10, R11): the person and the terminal (this one, when it was this
terminal's command line), the centre's sweep, or the centre after this console stopped
answering (stopped, frozen, cut off). ``ptz_sessions.ended_by`` records it; the event
carries it (console/ptz/model.py ``EndedBy``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from console.ptz.model import EndedBy, EndedByKind, PtzEvent

_CONTEXT = "PtzEndedText"


def ended_by_notice(event: PtzEvent, terminal: str) -> str | None:
    """The notice for an ENDED event that names who ended control (``terminal``: this
    console's); None when the event names nobody (the operator's own release carries no
    ``ended_by``) or the centre's rules ended it (the reason says enough)."""
    who = EndedBy.parse(event.ended_by)
    if who is None:
        return None
    tr = QCoreApplication.translate
    if who.kind == EndedByKind.LEASE_EXPIRED:
        return tr(_CONTEXT, "PTZ control of {code} ended: this console stopped answering the "
                            "centre, so the centre sent the camera home.").format(
            code=event.camera_code)
    if who.kind == EndedByKind.SWEEP:
        return tr(_CONTEXT, "PTZ control of {code} ended: the centre's sweep sent the camera "
                            "home after this console stopped answering.").format(
            code=event.camera_code)
    if who.kind != EndedByKind.USER:
        return None
    name = f"{event.by} ({who.account})" if event.by else who.account
    if who.terminal == terminal:
        return tr(_CONTEXT, "PTZ control of {code} ended: {name} sent the camera home from "
                            "this terminal ({terminal}).").format(
            code=event.camera_code, name=name, terminal=who.terminal)
    return tr(_CONTEXT, "PTZ control of {code} ended: {name} sent the camera home from "
                        "terminal {terminal}.").format(
        code=event.camera_code, name=name, terminal=who.terminal or "?")
