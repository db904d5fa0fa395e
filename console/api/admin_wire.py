"""The administration part of the centre's API on the wire: the request bodies of the
commands ``main.py admin|grant|catalog|privacy|capture|audit|secret`` send, and the answers
that are not already core data classes. Every body forbids unknown fields and bounds every
value (a 400 names the field); text never carries a NUL or a lone surrogate, which no
database column can store (PostgreSQL refuses NUL), so such input is refused here and not
half-way through a command. What the text means is checked by the services, which audit
their refusals. Qt-free and database-free: the terminal imports this module."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool

from console.api.errors import Refused
from console.api.wire import Body, GrantTarget, Password
from console.codes import Reason


def storable_problem(value: str) -> str | None:
    """Why ``value`` cannot be stored as text (None: it can)."""
    if "\x00" in value:
        return "contains a NUL character"
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        return "contains a lone surrogate (not valid Unicode)"
    return None


def check_storable(field: str, value: str | None) -> None:
    """A query or path parameter: ``Refused`` (400, naming it) when it cannot be stored."""
    problem = None if value is None else storable_problem(value)
    if problem is not None:
        raise Refused(Reason.INVALID_INPUT, problem, field=field)


def _storable(value: str) -> str:
    problem = storable_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


Storable = AfterValidator(_storable)
Account = Annotated[str, Field(min_length=1, max_length=64), Storable]
UnitCode = Annotated[str, Field(min_length=1, max_length=64), Storable]
TerminalName = Annotated[str, Field(min_length=1, max_length=100), Storable]
Code = Annotated[str, Field(min_length=1, max_length=20), Storable]   # a camera's code
Text40 = Annotated[str, Field(max_length=40), Storable]
Text100 = Annotated[str, Field(max_length=100), Storable]
Text200 = Annotated[str, Field(max_length=200), Storable]
Text300 = Annotated[str, Field(max_length=300), Storable]

MAX_GROUP_CODES = 5000     # camera codes in one group command (well under the body limit)
MAX_AUDIT_RECORDS = 10_000  # records in one answer of the usage register


# -- units, users, terminals, bindings, policy -----------------------------------------------


class UnitAddRequest(Body):
    code: UnitCode
    name: Text200
    parent: UnitCode | None = None


class UserAddRequest(Body):
    account: Account
    real_name: Text100
    unit: UnitCode
    role: Annotated[str, Field(min_length=1, max_length=40), Storable]
    # the initial password; None: the centre generates a one-time password
    password: Password | None = None


class IssuedPassword(Body):
    """A password the centre set: shown once to the administrator (``password`` only when the
    centre generated it), never stored in clear."""

    account: str
    password: str | None
    generated: bool


class UserStateRequest(Body):
    account: Account
    enabled: bool


class UserStateReply(Body):
    account: str
    enabled: bool
    sessions_ended: int


class PasswordResetRequest(Body):
    account: Account
    password: Password | None = None


class TerminalAddRequest(Body):
    name: TerminalName
    unit: UnitCode
    ip: Annotated[str, Field(min_length=1, max_length=45), Storable]
    mac: Annotated[str, Field(min_length=1, max_length=17), Storable]
    location: Text200 = ""


class TerminalRef(Body):
    name: TerminalName


class EnrolmentCode(Body):
    """A one-time enrolment code (``main.py enroll https://CENTRE:PORT CODE`` on the
    terminal); shown once."""

    terminal: str
    ip: str
    mac: str
    code: str
    expires_at: datetime


class TerminalRow(Body):
    name: str
    location: str
    unit: str
    ip: str
    mac: str
    # "enrolled", "revoked", "code issued" (an unused code is valid) or "not enrolled"
    enrolment: str
    enrolled_at: datetime | None
    certificate_until: datetime | None
    revoked_at: datetime | None
    software_version: str | None
    last_seen_at: datetime | None
    users: list[str]


class BindingRequest(Body):
    account: Account
    terminal: TerminalName


class PolicySetRequest(Body):
    key: Annotated[str, Field(min_length=1, max_length=40), Storable]
    value: Text40


# -- grants ----------------------------------------------------------------------------------


class GrantIssueRequest(GrantTarget):
    """An approved grant (审批表) for exactly one of a unit or a user. ``valid_from`` None:
    from now (the centre's clock)."""

    unit: UnitCode | None = None
    user: Account | None = None
    scope_kind: Literal["camera", "group", "region"]
    scope_value: Annotated[str, Field(min_length=1, max_length=100), Storable]
    valid_from: datetime | None = None
    valid_to: datetime
    purpose: Text300
    approver: Text100
    reference: Text100


class GrantRevokeRequest(Body):
    reason: Text300


class GrantListing(Body):
    """A grant as listed, with its state at the centre's time."""

    id: int
    state: str
    phase: str = ""         # pending, in_force, expiring, ended (console/grants/commands.py)
    emergency: bool
    grantee: str
    scope: str
    rights: list[str]
    valid_from: datetime
    valid_to: datetime
    purpose: str
    approver: str
    reference: str
    issued_by: str
    issued_at: datetime
    revoked_at: datetime | None
    revoked_by: str | None
    revoke_reason: str | None
    scope_name: str = ""    # the camera's or the region's name ("" for a group)


# -- the catalogue ---------------------------------------------------------------------------


class GroupSetRequest(Body):
    name: Text100
    codes: Annotated[list[Code], Field(min_length=1, max_length=MAX_GROUP_CODES)]
    description: Text300 | None = None


class GroupRef(Body):
    name: Text100


class CameraCredentialsRequest(Body):
    """A camera's stream account: kept in the centre's secret store only."""

    user: Annotated[str, Field(min_length=1, max_length=128), Storable]
    password: Annotated[Password, Storable]


class PlatformRequest(Body):
    """The city platform (WVP) the catalogue is synchronised from: its address, the account
    (the password goes to the centre's secret store only) and the unit that owns the cameras
    it adds."""

    url: Annotated[str, Field(min_length=8, max_length=300), Storable]
    username: Annotated[str, Field(min_length=1, max_length=128), Storable]
    password: Annotated[Password, Storable]
    owner_unit: Annotated[str, Field(min_length=1, max_length=64), Storable]


class CatalogSyncRequest(Body):
    dry_run: StrictBool = False


# -- privacy and capture programs ------------------------------------------------------------


class ExemptRoles(Body):
    """The roles exempt from privacy masks (the request's, or as stored)."""

    roles: Annotated[list[Text40], Field(max_length=8)]


class CaptureEntry(Body):
    entry: Annotated[str, Field(max_length=500), Storable]


class CaptureEntryReply(Body):
    """An entry as the centre stores it (canonical form)."""

    entry: str


# -- the usage register ----------------------------------------------------------------------


class AuditLine(Body):
    seq: int
    at: datetime
    actor: str
    session_id: str | None
    terminal: str | None
    ip: str | None
    mac: str | None
    action: str
    target: str
    outcome: str
    reason: str
    params: str


class AuditRecords(Body):
    """The latest records (of one session, when asked), oldest first; ``total``: how many
    records matched, so that the reader knows how many are not shown."""

    records: list[AuditLine]
    total: int
    session: str | None = None
    offset: int = 0     # how many newer matching records come before these


class TracedView(Body):
    """One view a traced session opened: which camera, where (``desk`` or ``wall:<output>``),
    why, when it opened and when (and why) it closed — None while it is still open."""

    view: str
    camera: str
    camera_name: str
    output: str
    purpose: str
    opened_at: datetime
    closed_at: datetime | None
    close_reason: str | None


class SessionTrace(Body):
    """The leak trace: the session a watermark's code names — who, on which terminal, when —
    and every camera it showed, from the usage register."""

    code: str
    account: str
    real_name: str
    unit: str
    role: str
    terminal: str
    location: str
    ip: str
    mac: str
    started_at: datetime
    ended_at: datetime | None
    end_reason: str | None
    views: list[TracedView]


class AuditVerifyReply(Body):
    ok: bool
    description: str
    count: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    problem: str = ""
    checkpoints: int | None = None
    checkpoint_seq: int | None = None
    unsigned: int = 0
