"""The automatic video diagnosis's state per camera on the wire (issue 14 item 7): when the
centre last checked the camera's picture and what it found. Qt-free and database-free: the
terminal imports this module."""

from __future__ import annotations

from datetime import datetime

from console.api.wire import Body


class DiagnosisRow(Body):
    """One camera. ``checked_at`` None: not checked yet. ``findings``: the last check's
    (signal_loss, blur, occlusion, frozen, colour_cast, brightness; empty: a clean picture);
    ``streaks``: how many checks in a row each finding has been seen (a fault is raised at
    ``persist_checks``)."""

    camera: str
    name: str
    owner_unit: str
    checked_at: datetime | None
    checks: int
    findings: list[str]
    streaks: dict[str, int]
    persist_checks: int
