"""The request bodies of the centre's API and the answers that are not already core data
classes: checked by the server (pydantic; unknown fields, wrong types and out-of-range values
are a 400 naming the field; numbers and flags are strict: ``false`` is no number, ``1`` no
flag), built by the terminal's client. Qt-free and database-free: the terminal imports this
module, the server generates its OpenAPI schema from it."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, field_validator

from console.access.model import ViewClosed, ViewTicket
from console.auth.results import SessionInfo
from console.codes import Reason, Right
from console.live.state import StreamKind, StreamSource
from console.policy import Policy

API_PREFIX = "/api/v1"
MAX_BODY_BYTES = 256 * 1024           # every body but catalogue files
MAX_FILE_BODY_BYTES = 64 * 1024 * 1024  # catalogue imports (spreadsheets)

ViewId = Annotated[str, Field(min_length=1, max_length=16, pattern=r"^[0-9a-f]+$")]
CameraCode = Annotated[str, Field(min_length=1, max_length=20)]
ShortText = Annotated[str, Field(max_length=300)]
Password = Annotated[str, Field(max_length=256)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        """No text holds a NUL character or a lone surrogate: PostgreSQL stores no NUL and
        no database a lone surrogate (UTF-8 has none; it would be a 500), and no name,
        purpose or password of this console needs one."""
        if _unstorable(value):
            raise ValueError("a NUL character or a lone surrogate (not Unicode text) is "
                             "not allowed")
        return value


_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _unstorable(value: Any) -> bool:
    if isinstance(value, str):
        return _UNSTORABLE.search(value) is not None
    if isinstance(value, dict):
        return any(_unstorable(k) or _unstorable(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_unstorable(v) for v in value)
    return False


class RefusalBody(Body):
    """The body of every 4xx answer (``console.api.errors.Refused.body``): the reason code the
    views translate, which exception the terminal raises again (``kind``), the offending
    input (``field``, where there is one), a message for the log and the details."""

    reason: Reason
    kind: str
    field: str | None
    message: str
    details: dict[str, Any]


# -- enrolment and the terminal ------------------------------------------------------------


class EnrolRequest(Body):
    code_id: Annotated[str, Field(min_length=4, max_length=8)]
    csr_pem: Annotated[str, Field(min_length=100, max_length=8000)]
    mac: Annotated[str, Field(min_length=12, max_length=17)]
    proof: Annotated[str, Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")]


class EnrolReply(Body):
    terminal: str
    certificate_pem: str
    ca_pem: str
    proof: str


class TerminalInfo(Body):
    """The terminal as the centre sees this connection."""

    name: str
    location: str
    unit_code: str
    ip: str                       # the connection's source address
    mac: str                      # the MAC the terminal reported
    mac_check: str                # "neighbour" (also seen on the wire) or "reported"
    server_time: datetime
    minimum_version: str


class Health(Body):
    status: Literal["ok"]
    version: str
    server_time: datetime


# -- sessions -------------------------------------------------------------------------------


class LoginRequest(Body):
    account: Annotated[str, Field(max_length=64)]
    password: Password
    new_password: Password | None = None
    kind: Literal["console", "cli"] = "console"
    version: Annotated[str, Field(max_length=40)] = ""
    facts: Annotated[dict[Annotated[str, Field(max_length=40)],
                          Annotated[str, Field(max_length=200)]],
                     Field(max_length=20)] = {}


class LoginReply(Body):
    ok: bool
    reason: Reason
    details: dict[str, Any] = {}
    session: SessionInfo | None = None
    token: str | None = None
    policy: Policy | None = None


class HeartbeatRequest(Body):
    views: Annotated[list[ViewId], Field(max_length=500)] = []
    idle_seconds: Annotated[StrictFloat, Field(ge=0, le=10_000_000)] | None = None


class LockRequest(Body):
    reason: Literal[Reason.IDLE, Reason.OK] = Reason.IDLE


class UnlockRequest(Body):
    password: Password


class PasswordChangeRequest(Body):
    old: Password
    new: Password


# -- views ----------------------------------------------------------------------------------


class OpenViewRequest(Body):
    code: CameraCode
    purpose: ShortText = ""
    right: Right = Right.LIVE
    output: Annotated[str, Field(min_length=1, max_length=80)] = "desk"   # or "wall:NAME"
    # the stream the tile will play: handed back with the view (``OpenedView``), so that a
    # tile's first picture needs one request, not two (None: the ticket alone, as before)
    stream: StreamKind | None = None


# why a terminal may say it closed a view (the centre's own reasons it decides itself)
CloseReason = Literal[Reason.VIEW_CLOSED, Reason.LAYOUT_CHANGED, Reason.WALL_SCREEN_REMOVED,
                      Reason.LOGOUT, Reason.IDLE, Reason.SESSION_ENDED,
                      Reason.CENTRE_UNREACHABLE]


class CloseViewRequest(Body):
    reason: CloseReason = Reason.VIEW_CLOSED
    stream: StreamKind | None = None


class ViewsRequest(Body):
    views: Annotated[list[ViewId], Field(max_length=500)]
    # the stamp of the terminal's last recheck (console/access/stamps.py), if any
    stamp: Annotated[str, Field(max_length=2048)] | None = None


class RecheckReply(BaseModel):
    """The views closed (and why); the stamp to send with the next recheck (None: none)."""

    closed: list[ViewClosed]
    stamp: str | None = None


class ViewStream(Body):
    """An open view's stream and the privacy masks to draw over it, in one answer: the
    tile needs both before its first picture, and a second round trip would delay it."""

    source: StreamSource
    masks: list[list[tuple[float, float]]]


class OpenedView(BaseModel):
    """A view opened with its stream (``OpenViewRequest.stream``): the ticket, and the stream
    with its masks (None: the view has no stream to hand out; GET /views/{id}/stream says
    why)."""

    ticket: ViewTicket
    stream: ViewStream | None = None


class MasksReply(Body):
    masks: dict[str, list[list[tuple[float, float]]]]


# -- the video wall ------------------------------------------------------------------------


class WallPresetBody(Body):
    """A wall preset in its JSON form (console/wall/presets.py checks it strictly)."""

    preset: dict[str, Any]


class WallViewRequest(Body):
    code: CameraCode
    purpose: ShortText = ""
    output_name: Annotated[str, Field(min_length=1, max_length=64)]


# -- privacy masks ---------------------------------------------------------------------------


class MasksBody(Body):
    """Polygons in normalised picture coordinates (console/privacy/masks.py checks them)."""

    polygons: Annotated[list[Annotated[list[tuple[StrictFloat, StrictFloat]],
                                       Field(max_length=64)]],
                        Field(max_length=32)]


# -- grants ----------------------------------------------------------------------------------


class ScopeRef(Body):
    """A further camera, camera group or region one command grants (picked in the tree)."""

    kind: Literal["camera", "group", "region"]
    value: Annotated[str, Field(min_length=1, max_length=100)]


class GrantTarget(Body):
    """Exactly one grantee (unit code or user account) and what the grant names: the scope,
    and ``also`` further scopes granted in the same command (a grant each, all or none)."""

    unit: Annotated[str, Field(max_length=64)] | None = None
    user: Annotated[str, Field(max_length=64)] | None = None
    scope_kind: Literal["camera", "group", "region"]
    scope_value: Annotated[str, Field(min_length=1, max_length=100)]
    also: Annotated[list[ScopeRef], Field(max_length=199)] = []
    rights: Annotated[list[Right], Field(min_length=1, max_length=4)]


class EmergencyGrantRequest(GrantTarget):
    reason: Annotated[str, Field(max_length=300)]
    hours: Annotated[StrictFloat, Field(gt=0, le=24 * 365)] | None = None
    reference: Annotated[str, Field(max_length=100)] = ""


class GrantIssued(Body):
    id: int                                             # the first (or only) grant
    ids: list[int] = []                                 # every grant of the command


# -- administration lists the desk needs ----------------------------------------------------


class UnitRow(Body):
    code: str
    name: str
    parent: str | None = None


class UserRow(Body):
    account: str
    real_name: str
    unit: str
    role: str
    state: str
    terminals: list[str]


# -- capture programs (R9) -------------------------------------------------------------------


class CaptureEvent(Body):
    """What a console saw: capture programs started (``detected``), ended, or a screenshot
    key it consumed."""

    kind: Literal["detected", "ended", "key_blocked"]
    programs: Annotated[list[dict[str, Any]], Field(max_length=50)] = []
    tools: Annotated[list[Annotated[str, Field(max_length=100)]], Field(max_length=50)] = []
    key: Annotated[str, Field(max_length=60)] = ""


# -- the catalogue ---------------------------------------------------------------------------


class CatalogFile(Body):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    content_base64: str


class CatalogImportRequest(Body):
    files: Annotated[list[CatalogFile], Field(min_length=1, max_length=8)]
    dry_run: StrictBool = False


class StreamRefusal(Body):
    """Why the media gateway last refused an open view its stream (the register's reason
    code), or null: what a tile shows instead of the player's bare RTSP status."""

    reason: Reason | None = None
