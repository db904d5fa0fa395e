"""The duty roster, on-duty log, handover and review on the wire (R12). Qt-free and
database-free: the terminal imports this module. Nothing here names who acts: the centre
takes the person from the session (a body that says who signs would be refused as an
unknown field)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, Field

from console.api.admin_wire import Account, Code, Storable
from console.api.wire import Body, ViewId
from console.duty.rules import (
    MAX_CAMERAS,
    MAX_COMMENT,
    MAX_FOLLOW_UP,
    MAX_LOCATION,
    MAX_NOTE,
    MAX_PLANNED,
    MAX_SEEN,
    MAX_TITLE,
    Category,
    HandoverState,
    ReviewState,
    Verdict,
)

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


class ShiftBody(Body):
    """A shift put on the roster (or changed): its unit, name, period and planned people."""

    unit: Annotated[str, Field(min_length=1, max_length=64), Storable]
    title: Annotated[str, Field(max_length=MAX_TITLE), Storable] = ""
    starts_at: AwareDatetime          # with its offset: a time without one is refused
    ends_at: AwareDatetime
    people: Annotated[list[Account], Field(min_length=1, max_length=MAX_PLANNED)]


class LogEntryBody(Body):
    """An on-duty log entry (or a correction: ``corrects``). Cameras by code; ``view``: the
    open view (tile) it was written from, which names its camera."""

    shift: Id
    at: AwareDatetime | None = None
    category: Category
    cameras: Annotated[list[Code], Field(default_factory=list, max_length=MAX_CAMERAS)]
    view: ViewId | None = None
    seen: Annotated[str, Field(min_length=1, max_length=MAX_SEEN), Storable]
    location: Annotated[str, Field(max_length=MAX_LOCATION), Storable] = ""
    follow_up: Annotated[str, Field(max_length=MAX_FOLLOW_UP), Storable] = ""
    corrects: Id | None = None
    closes: Id | None = None


class HandoverBody(Body):
    """The outgoing officer's signature: to which shift (default: the unit's next one) and a
    note. The snapshot is the centre's, taken when it is signed."""

    to_shift: Id | None = None
    note: Annotated[str, Field(max_length=MAX_NOTE), Storable] = ""


class HandoverAnswerBody(Body):
    accept: bool
    reason: Annotated[str, Field(max_length=MAX_COMMENT), Storable] = ""


class ReviewBody(Body):
    verdict: Verdict
    comment: Annotated[str, Field(max_length=MAX_COMMENT), Storable] = ""


class PersonRow(Body):
    account: str
    name: str


class StintRow(Body):
    terminal: str
    start: datetime
    end: datetime


class PresenceRow(Body):
    """One person's presence during a shift, from the sessions the centre recorded."""

    account: str
    name: str
    planned: bool
    stints: list[StintRow]
    first_login: datetime | None
    late_minutes: int | None
    absent: bool
    gaps: list[tuple[datetime, datetime]]


class ShiftRow(Body):
    id: int
    unit: str
    unit_name: str
    title: str
    starts_at: datetime
    ends_at: datetime
    people: list[PersonRow]
    review: ReviewState
    reviewed_by: str | None = None
    reviewed_at: datetime | None = None
    review_comment: str = ""
    created_by: str
    entries: int = 0
    handover: HandoverState | None = None     # the latest handover of the shift
    # attendance at a glance (planned people late, absent; gaps of all of them), for those
    # who oversee the unit; None: not computed (not begun, or the caller does not oversee)
    late: int | None = None
    absent: int | None = None
    gaps: int | None = None


class CameraRef(Body):
    code: str
    name: str


class LogEntryRow(Body):
    id: int
    shift: int
    at: datetime
    written_at: datetime
    author: str
    author_name: str
    terminal: str
    view: str | None
    category: Category
    cameras: list[CameraRef]
    seen: str
    location: str
    follow_up: str
    corrects: int | None
    closes: int | None
    corrected_by: int | None = None        # the newer entry that replaces this one
    closed_by: int | None = None           # the entry that settled its follow-up


class OpenItem(Body):
    entry: int
    shift: int
    at: datetime
    seen: str
    follow_up: str
    cameras: list[CameraRef]


class OpenFault(Body):
    id: int
    camera: str
    camera_name: str
    kind: str
    state: str
    maintainer: str


class PtzFault(Body):
    id: int
    camera: str
    camera_name: str
    actor: str
    ended_at: datetime | None


class OnlineFigure(Body):
    """The unit's cameras online. ``kind`` says what the figure is:

    - ``online_rates``: the online rates the centre records (console/online/): ``online`` of
      ``total`` cameras online at ``at`` (point in time), and ``online_hours`` of
      ``expected_hours`` camera-hours from ``since`` (the local day's start) to ``at``
      (time weighted, today);
    - ``point_in_time``: handovers signed before the rates existed — the catalogue's online
      state of each camera at ``at`` only."""

    kind: str
    online: int
    total: int
    at: datetime
    online_hours: float = 0.0
    expected_hours: float = 0.0
    since: datetime | None = None

    @property
    def point_rate(self) -> float | None:
        return self.online / self.total if self.total else None

    @property
    def weighted_rate(self) -> float | None:
        if self.kind != "online_rates" or self.expected_hours <= 0:
            return None
        return self.online_hours / self.expected_hours


class EmergencyGrantRow(Body):
    id: int
    grantee: str
    scope_kind: str          # camera, group or region (the views translate it)
    scope: str               # the camera's code, the group's or region's name or code
    scope_name: str = ""     # the camera's name
    rights: list[str]
    reason: str
    until: datetime


class HandoverContent(Body):
    """What is handed over, as the centre saw it when the handover was prepared or signed."""

    open_items: list[OpenItem]
    open_faults: list[OpenFault]
    ptz_faults: list[PtzFault]
    online: OnlineFigure
    emergency_grants: list[EmergencyGrantRow]


class HandoverRow(Body):
    id: int
    shift: int
    to_shift: int
    state: HandoverState
    content: HandoverContent
    note: str
    signed_by: str
    signed_name: str
    signed_terminal: str
    signed_at: datetime
    answered_by: str | None = None
    answered_name: str | None = None
    answered_terminal: str | None = None
    answered_at: datetime | None = None
    refusal: str = ""


class HandoverDraft(Body):
    """What a handover of a shift would carry if signed now, and to which shift."""

    shift: int
    to_shift: int | None
    content: HandoverContent


class ShiftDetail(Body):
    shift: ShiftRow
    attendance: list[PresenceRow]
    entries: list[LogEntryRow]
    handovers: list[HandoverRow]
