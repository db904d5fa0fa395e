"""Fault reports on the wire (R13): the report a tile sends, a step on a report, and a report
as the centre lists it. Qt-free and database-free: the terminal imports this module."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from console.api.admin_wire import Code, Storable
from console.api.wire import Body
from console.faults.rules import MAX_COMMENT, MAX_NOTE, FaultKind, FaultState, Step


class FaultReportBody(Body):
    camera: Code
    kind: FaultKind
    comment: Annotated[str, Field(max_length=MAX_COMMENT), Storable] = ""


class FaultStepBody(Body):
    step: Step
    note: Annotated[str, Field(max_length=MAX_NOTE), Storable] = ""


class FaultRow(Body):
    """A report as listed: the camera, what is wrong, where it stands, whom it went to."""

    id: int
    camera: str
    camera_name: str
    kind: FaultKind
    comment: str
    state: FaultState
    maintainer: str
    contact: str
    reported_by: str
    terminal: str
    reported_at: datetime
    sent_by: str | None = None
    sent_at: datetime | None = None
    fixed_by: str | None = None
    fixed_at: datetime | None = None
    verified_by: str | None = None
    verified_at: datetime | None = None
    note: str = ""
