"""The administration part of the centre's API on the wire: the request bodies of the
commands ``main.py admin|grant|catalog|privacy|capture|audit|secret`` send, and the answers
that are not already core data classes. Every body forbids unknown fields and bounds every
value (a 400 names the field); what the text means is checked by the services, which audit
their refusals. Qt-free and database-free: the terminal imports this module."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field

from console.api.wire import Body, CameraCode, GrantTarget, Password

Account = Annotated[str, Field(min_length=1, max_length=64)]
UnitCode = Annotated[str, Field(min_length=1, max_length=64)]
TerminalName = Annotated[str, Field(min_length=1, max_length=100)]
Text100 = Annotated[str, Field(max_length=100)]
Text200 = Annotated[str, Field(max_length=200)]
Text300 = Annotated[str, Field(max_length=300)]
Sha256 = Annotated[str, Field(min_length=64, max_length=64, pattern=r"^[0-9a-f]{64}$")]

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
    role: Annotated[str, Field(min_length=1, max_length=40)]
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
    ip: Annotated[str, Field(min_length=1, max_length=45)]
    mac: Annotated[str, Field(min_length=1, max_length=17)]
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
    key: Annotated[str, Field(min_length=1, max_length=40)]
    value: Annotated[str, Field(max_length=40)]


# -- grants ----------------------------------------------------------------------------------


class GrantIssueRequest(GrantTarget):
    """An approved grant (审批表). ``valid_from`` None: from now (the centre's clock)."""

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


# -- the catalogue ---------------------------------------------------------------------------


class GroupSetRequest(Body):
    name: Text100
    codes: Annotated[list[CameraCode], Field(min_length=1, max_length=MAX_GROUP_CODES)]
    description: Text300 | None = None


class GroupRef(Body):
    name: Text100


class CameraCredentialsRequest(Body):
    """A camera's stream account: kept in the centre's secret store only."""

    user: Annotated[str, Field(min_length=1, max_length=128)]
    password: Password


# -- privacy and capture programs ------------------------------------------------------------


class ExemptRoles(Body):
    roles: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=8)]


class CaptureEntry(Body):
    entry: Annotated[str, Field(max_length=500)]


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
