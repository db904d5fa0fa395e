"""What the access service hands to the views: plain data, no Qt."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from console.codes import Reason, Right, ShareType
from console.grants.rules import Rights
from console.live.state import StreamSource


@dataclass(frozen=True, slots=True)
class CameraEntry:
    """One camera the viewer may use, as the tree and the details panel show it."""

    id: int
    code: str
    name: str
    location: str
    region_code: str
    category: str
    camera_type: int | None
    ptz_capable: bool
    home_preset: int | None
    owner_unit_code: str
    owner_unit_name: str
    share_type: ShareType
    online: bool
    rights: Rights
    until: dict[Right, datetime | None] = field(default_factory=dict)  # None: does not end
    purpose: str = ""       # the purpose of the grant giving live view (preselected)
    needs_purpose: bool = False  # conditional / granted access: a purpose must be given
    # Details for the details panel: the snapshot leaves them empty (a 100k-camera tree
    # loads faster without them); AccessService.details(session, code) fills them.
    details_loaded: bool = False
    maintainer: str = ""
    contact: str = ""
    project: str = ""
    legal_basis: str = ""
    longitude: float | None = None
    latitude: float | None = None
    last_seen: datetime | None = None
    warranty_end: date | None = None

    def has(self, right: Right) -> bool:
        return Rights.of(right) in self.rights


@dataclass(frozen=True, slots=True)
class CameraDetails:
    """The details panel's fields of one camera, read when the operator selects it."""

    maintainer: str = ""
    contact: str = ""
    project: str = ""
    legal_basis: str = ""
    longitude: float | None = None
    latitude: float | None = None
    last_seen: datetime | None = None
    warranty_end: date | None = None
    online: bool = False

    def applied_to(self, entry: CameraEntry) -> CameraEntry:
        return replace(entry, details_loaded=True, maintainer=self.maintainer,
                       contact=self.contact, project=self.project,
                       legal_basis=self.legal_basis, longitude=self.longitude,
                       latitude=self.latitude, last_seen=self.last_seen,
                       warranty_end=self.warranty_end, online=self.online)


@dataclass(frozen=True, slots=True)
class PermittedCatalogue:
    """Everything one viewer may see now, and when that can next change by itself."""

    entries: list[CameraEntry]
    region_names: dict[str, str]        # civil code -> name, for every known level
    built_at: datetime
    next_change: datetime | None        # the earliest start or end of a grant; None: never
    revision: str                       # changes when the catalogue or any grant changes


@dataclass(frozen=True, slots=True)
class ViewTicket:
    """An open view (a camera shown in a tile or on a wall output)."""

    id: str
    camera_id: int
    camera_code: str
    camera_name: str
    right: Right
    purpose: str
    output: str                      # "desk" or a wall output name
    grant_id: int | None             # None: by share type or ownership
    until: datetime | None           # when the right ends, if it ends
    opened_at: datetime


def view_ref(view_id: str) -> ViewTicket:
    """A ticket that names only its view: what a terminal sends. The access service reads
    everything else about the view from its own record of it."""
    return ViewTicket(id=view_id, camera_id=0, camera_code="", camera_name="",
                      right=Right.LIVE, purpose="", output="", grant_id=None, until=None,
                      opened_at=_EPOCH)


_EPOCH = datetime.fromtimestamp(0, UTC)


@dataclass(frozen=True, slots=True)
class ViewResult:
    ok: bool
    reason: Reason
    ticket: ViewTicket | None = None
    details: dict[str, Any] = field(default_factory=dict)
    # the view's stream, when it was asked for with the open (and could be handed out), and
    # the privacy masks to draw over it (polygons of (x, y) in 0..1)
    stream: StreamSource | None = None
    masks: tuple[tuple[tuple[float, float], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class GatewayVerdict:
    """The centre's answer to a gateway node asking whether it may relay a view: with the
    camera's upstream address and credentials (for the node only, never a terminal)."""

    ok: bool
    reason: Reason
    url: str = field(default="", repr=False)
    user: str = field(default="", repr=False)
    password: str = field(default="", repr=False)


@dataclass(frozen=True, slots=True)
class ViewClosed:
    """A view the service closed because its right is gone (why, and since when)."""

    ticket: ViewTicket
    reason: Reason
    details: dict[str, Any] = field(default_factory=dict)


class SessionGone(Exception):  # noqa: N818 - reads as an event
    """The session ended (logout, disabled user, another login): nothing may be shown."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(str(reason))
        self.reason = reason


class ViewRefused(Exception):  # noqa: N818 - reads as an event
    """A stream was asked for a view whose right is gone (or a camera without streams)."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(str(reason))
        self.reason = reason
