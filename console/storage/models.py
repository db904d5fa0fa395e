"""The shared data model of the console: organisations, people, terminals, sessions, audit
trail, settings (foundation); the camera catalogue, camera groups and grants (catalogue)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from console.storage.types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Unit(Base):
    """An organisation (单位): owner of cameras, employer of users, holder of grants."""

    __tablename__ = "units"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class User(Base):
    """A named person (R1): accounts are never shared."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account: Mapped[str] = mapped_column(String(64), unique=True)
    real_name: Mapped[str] = mapped_column(String(100))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    role: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    must_change_password: Mapped[bool] = mapped_column(Boolean)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    unit: Mapped[Unit] = relationship(lazy="joined")


class Terminal(Base):
    """A dedicated terminal (专用终端), registered by IP and MAC (R2)."""

    __tablename__ = "terminals"
    __table_args__ = (UniqueConstraint("ip", "mac", name="uq_terminals_ip_mac"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    location: Mapped[str] = mapped_column(String(200))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    ip: Mapped[str] = mapped_column(String(45))
    mac: Mapped[str] = mapped_column(String(17))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # Enrolment (console/server/enrolment.py): the certificate the centre's CA signed for
    # this terminal's own key. Every request must present it (mutual TLS) from ``ip``.
    cert_fingerprint: Mapped[str | None] = mapped_column(String(64), unique=True)
    cert_not_after: Mapped[datetime | None] = mapped_column(UTCDateTime())
    enrolled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    software_version: Mapped[str | None] = mapped_column(String(40))  # reported at login
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    unit: Mapped[Unit] = relationship(lazy="joined")


class TerminalEnrolment(Base):
    """A one-time enrolment code for a terminal (``terminal-add`` prints it). Only a key
    derived from the code is kept; the terminal proves it knows the code with an HMAC over
    its certificate request, and the server proves it with an HMAC over its answer."""

    __tablename__ = "terminal_enrolments"
    id: Mapped[str] = mapped_column(String(8), primary_key=True)     # the code's public part
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"), index=True)
    key_hash: Mapped[str] = mapped_column(String(64))                # SHA-256 of the secret
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_by: Mapped[str] = mapped_column(String(120))


class TerminalBinding(Base):
    """User ↔ terminal: the terminals a user may log in from."""

    __tablename__ = "terminal_bindings"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ConsoleSession(Base):
    """A login session. At most one live (ended_at IS NULL) console session per user,
    enforced by a partial unique index so that two consoles racing to log in cannot both
    win. A ``cli`` session (one administration command run through the centre) does not
    count: it lives only while its command runs.

    The session's ``id`` appears in the audit trail; the bearer secret that a terminal
    presents is a separate random token of which only the SHA-256 is kept."""

    __tablename__ = "sessions"
    __table_args__ = (
        Index(
            "uq_sessions_one_live_per_user",
            "user_id",
            unique=True,
            sqlite_where=text("ended_at IS NULL AND kind = 'console'"),
            postgresql_where=text("ended_at IS NULL AND kind = 'console'"),
        ),
    )
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    terminal_id: Mapped[int] = mapped_column(ForeignKey("terminals.id"))
    ip: Mapped[str] = mapped_column(String(45))
    mac: Mapped[str] = mapped_column(String(17))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(8), default="console", server_default="console")
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    locked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # idle lock in force

    user: Mapped[User] = relationship(lazy="joined")
    terminal: Mapped[Terminal] = relationship(lazy="joined")


class OpenView(Base):
    """A view the centre opened (a camera in a tile or on a wall output) and not yet closed.
    The terminal renews its lease with every heartbeat and recheck; a view whose lease runs
    out (the terminal went away) is closed and registered by the centre."""

    __tablename__ = "open_views"
    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id"), index=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    camera_code: Mapped[str] = mapped_column(String(20))
    camera_name: Mapped[str] = mapped_column(String(100))
    right: Mapped[str] = mapped_column(String(10))
    purpose: Mapped[str] = mapped_column(String(300))
    output: Mapped[str] = mapped_column(String(80))     # "desk" or "wall:" + output name
    grant_id: Mapped[int | None] = mapped_column(Integer)
    until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime())
    lease_until: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    stream: Mapped[str | None] = mapped_column(String(8))
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)
    close_reason: Mapped[str | None] = mapped_column(String(40))


class ScheduledJob(Base):
    """Work the centre does on a schedule (PTZ sweeps, ends of grants and leases, audit
    checkpoints). Every server instance tries each due job; a conditional update of
    ``next_run_at`` lets exactly one of them run it per round."""

    __tablename__ = "scheduled_jobs"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    next_run_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_run_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_run_by: Mapped[str | None] = mapped_column(String(64))


class AuditRecord(Base):
    """The usage register (R11): append-only, each row hash-chained to the previous one.

    ``seq`` is gapless and assigned under the lock of ``audit_head``; database triggers refuse
    UPDATE and DELETE; ``main.py audit verify`` recomputes the chain.
    """

    __tablename__ = "audit_records"
    # The register is read newest first by person, terminal, camera (target) or session, and
    # by time (console/audit/register.py): each such filter walks its own index in seq order
    # instead of the whole chain.
    __table_args__ = (
        Index("ix_audit_records_actor_seq", "actor", "seq"),
        Index("ix_audit_records_terminal_seq", "terminal", "seq"),
        Index("ix_audit_records_target_seq", "target", "seq"),
        Index("ix_audit_records_session_seq", "session_id", "seq"),
        Index("ix_audit_records_at", "at"),
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(120))
    session_id: Mapped[str | None] = mapped_column(String(36))
    terminal: Mapped[str | None] = mapped_column(String(100))
    ip: Mapped[str | None] = mapped_column(String(45))
    mac: Mapped[str | None] = mapped_column(String(17))
    action: Mapped[str] = mapped_column(String(40), index=True)
    target: Mapped[str] = mapped_column(String(200))
    outcome: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str] = mapped_column(String(40))
    params: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditCheckpoint(Base):
    """A signed statement of the chain head (seq, hash), made by the server every so many
    records or minutes with its Ed25519 key (kept in its data directory, never here). A
    chain rewritten by someone with database rights no longer matches the signatures."""

    __tablename__ = "audit_checkpoints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    hash: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    key_id: Mapped[str] = mapped_column(String(16))
    signature: Mapped[str] = mapped_column(String(128))


class AuditHead(Base):
    """One row: the last sequence number and hash. Writers lock it, which orders the chain
    across every console sharing the database; verify compares it with the last record so a
    deleted tail is detected."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))


class Setting(Base):
    """Centre-wide settings (the security policy). Values are text; console/policy.py types them."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(400))


# -- the camera catalogue (资源目录, R4) ----------------------------------------------------


class Region(Base):
    """A civil-code region (行政区划): 2 (province), 4 (city), 6 (district) or 8 (street)
    digits. The hierarchy is the code itself: a region's parent is its code minus two digits."""

    __tablename__ = "regions"
    code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Project(Base):
    """A construction project (接入项目) as in annex 1 of the Gusu rules: what was built,
    by whom, how much of it is shared, the warranty."""

    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    resource_type: Mapped[str] = mapped_column(String(40))       # 视频监控类 / 融合通讯类
    share_type: Mapped[str] = mapped_column(String(16))
    total_count: Mapped[int | None] = mapped_column(Integer)     # 总建数量
    shared_count: Mapped[int | None] = mapped_column(Integer)    # 共享数量
    contractor: Mapped[str] = mapped_column(String(200))         # 承建单位
    warranty_end: Mapped[date | None] = mapped_column(Date)      # 维保期截至时间
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))  # 申报单位
    contact: Mapped[str] = mapped_column(String(100))
    remarks: Mapped[str] = mapped_column(String(500))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Camera(Base):
    """One camera, one record (一机一档). ``code`` is the GB/T 28181 20-digit ID. Stream
    URLs are stored without credentials; those live in the keyring (``camera:<code>``)."""

    __tablename__ = "cameras"
    __table_args__ = (
        CheckConstraint("share_type IN ('unconditional', 'conditional', 'not_shared')",
                        name="share_type"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    location: Mapped[str] = mapped_column(String(200))           # 位置名称 / 点位俗称
    region_code: Mapped[str] = mapped_column(String(8), index=True)
    category: Mapped[str] = mapped_column(String(40))            # 监控类别
    camera_type: Mapped[int | None] = mapped_column(Integer)     # GB PTZType 1-7
    ptz_capable: Mapped[bool] = mapped_column(Boolean)
    home_preset: Mapped[int | None] = mapped_column(Integer)     # 看守位 preset index
    owner_unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)  # 建设单位
    maintainer: Mapped[str] = mapped_column(String(200))         # 维护单位
    contact: Mapped[str] = mapped_column(String(100))            # 联系方式
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id"))
    contractor: Mapped[str] = mapped_column(String(200))         # 承建单位
    warranty_end: Mapped[date | None] = mapped_column(Date)
    share_type: Mapped[str] = mapped_column(String(16))
    legal_basis: Mapped[str] = mapped_column(String(300))        # 共享/不共享依据
    longitude: Mapped[float | None] = mapped_column(Float)
    latitude: Mapped[float | None] = mapped_column(Float)
    main_stream: Mapped[str] = mapped_column(String(500))
    sub_stream: Mapped[str] = mapped_column(String(500))
    # How the console steers it: onvif://host:port (console/ptz/endpoint.py); '' = no control
    ptz_address: Mapped[str] = mapped_column(String(300), default="")
    has_credentials: Mapped[bool] = mapped_column(Boolean)       # keyring holds camera:<code>
    online: Mapped[bool] = mapped_column(Boolean)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class CameraGroup(Base):
    """A named set of cameras (业务分组) that a grant can name at once."""

    __tablename__ = "camera_groups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(String(300))


class CameraGroupMember(Base):
    __tablename__ = "camera_group_members"
    group_id: Mapped[int] = mapped_column(ForeignKey("camera_groups.id"), primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"), primary_key=True,
                                           index=True)


# -- grants (R5-R7, R15) --------------------------------------------------------------------


class Grant(Base):
    """A permission: to one unit or one user, for a camera, a group or a region, for some of
    the four rights, for a period. Never deleted: revocation sets ``revoked_at``."""

    __tablename__ = "grants"
    __table_args__ = (
        CheckConstraint("(grantee_unit_id IS NULL) <> (grantee_user_id IS NULL)",
                        name="one_grantee"),
        CheckConstraint("scope_kind IN ('camera', 'group', 'region')", name="scope_kind"),
        CheckConstraint("valid_to > valid_from", name="period"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    grantee_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    grantee_user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    scope_kind: Mapped[str] = mapped_column(String(8))
    camera_id: Mapped[int | None] = mapped_column(ForeignKey("cameras.id"))
    group_id: Mapped[int | None] = mapped_column(ForeignKey("camera_groups.id"))
    region_code: Mapped[str | None] = mapped_column(String(8))
    live: Mapped[bool] = mapped_column(Boolean)
    ptz: Mapped[bool] = mapped_column(Boolean)
    playback: Mapped[bool] = mapped_column(Boolean)
    download: Mapped[bool] = mapped_column(Boolean)
    valid_from: Mapped[datetime] = mapped_column(UTCDateTime())
    valid_to: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    purpose: Mapped[str] = mapped_column(String(300))
    approver: Mapped[str] = mapped_column(String(100))
    reference: Mapped[str] = mapped_column(String(100))          # 审批表编号
    emergency: Mapped[bool] = mapped_column(Boolean)
    issued_by: Mapped[str] = mapped_column(String(120))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(120))
    revoke_reason: Mapped[str | None] = mapped_column(String(300))
    end_noted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # end registered


# -- privacy masks (R14) ---------------------------------------------------------------------


class PrivacyMask(Base):
    """A camera's privacy masks: polygons in normalised picture coordinates, as JSON
    (console/privacy/masks.py), filled opaque in every output for every role that the
    ``privacy_exempt_roles`` setting does not exempt. One row per masked camera."""

    __tablename__ = "privacy_masks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"), unique=True)
    polygons: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


# -- the video wall ---------------------------------------------------------------------------


class WallPreset(Base):
    """A named wall preset: per wall output its layout and the camera of each tile, as JSON
    (console/wall/presets.py). Shared by everyone who may drive the wall; it carries no
    rights — recalling it opens every camera through the access service again."""

    __tablename__ = "wall_presets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    content: Mapped[str] = mapped_column(Text)
    saved_by: Mapped[str] = mapped_column(String(120))
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime())


# -- PTZ control (R6, R7, R10) -----------------------------------------------------------------


class PtzSession(Base):
    """One operator's control of one PTZ camera, from taking it to the camera verified back
    at home (console/ptz/service.py).

    ``state``: ``active`` (someone steers it) → ``returning`` (control ended; the camera is
    being sent home) → ``closed`` (home, or handed over to a taker) or ``failed`` (the return
    did not verify; retried by sweeps and raised as a fault). ``lock_camera_id`` holds the
    camera's id while active or returning and NULL after: its unique constraint is what
    makes one controller per camera across every console (NULLs never collide)."""

    __tablename__ = "ptz_sessions"
    __table_args__ = (
        CheckConstraint("state IN ('active', 'returning', 'closed', 'failed')", name="state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"), index=True)
    lock_camera_id: Mapped[int | None] = mapped_column(Integer, unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    console_session_id: Mapped[str] = mapped_column(String(36))
    actor: Mapped[str] = mapped_column(String(120))          # account (for the loser's notice)
    actor_name: Mapped[str] = mapped_column(String(100))     # real name
    terminal: Mapped[str] = mapped_column(String(100))
    priority: Mapped[int] = mapped_column(Integer)
    basis: Mapped[str] = mapped_column(String(20))           # why that priority
    tile: Mapped[str] = mapped_column(String(40), default="")  # which view steers it
    state: Mapped[str] = mapped_column(String(10), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    last_command_at: Mapped[datetime] = mapped_column(UTCDateTime())
    home_token: Mapped[str | None] = mapped_column(String(64))   # None: device home position
    home_position: Mapped[str | None] = mapped_column(String(120))  # JSON {pan, tilt, zoom}
    start_position: Mapped[str | None] = mapped_column(String(120))
    device_return: Mapped[str | None] = mapped_column(String(200))  # the camera's own backstop
    moves: Mapped[int] = mapped_column(Integer, default=0)
    presets_called: Mapped[int] = mapped_column(Integer, default=0)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    end_reason: Mapped[str | None] = mapped_column(String(40))
    # who ended it (console/ptz/model.py EndedBy): user:ACCOUNT@TERMINAL, sweep, lease
    # expired, centre; NULL for sessions ended before it was recorded
    ended_by: Mapped[str | None] = mapped_column(String(160))
    taken_by: Mapped[str | None] = mapped_column(String(120))  # the taker's account
    claimed_by: Mapped[str | None] = mapped_column(String(36))  # console doing the return
    return_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    return_result: Mapped[str | None] = mapped_column(String(16))
    return_position: Mapped[str | None] = mapped_column(String(120))


# -- screen capture programs (R9) --------------------------------------------------------------


class CaptureTool(Base):
    """One of the centre's extra capture programs, in addition to the built-in list
    (console/capture/tools.py): the entry as parsed and written back canonically
    (``name=…;kind=…;process=…;cmdline=…`` or a bare process name)."""

    __tablename__ = "capture_tools"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry: Mapped[str] = mapped_column(String(300), unique=True)
    added_by: Mapped[str] = mapped_column(String(120))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime())


class FaultReport(Base):
    """A camera fault reported from a tile (R13) and where it stands: new → sent to the
    maintainer unit → fixed → verified (console/faults/rules.py). The maintainer and contact
    are copied from the catalogue when the report is made (the report says whom it went
    to even if the catalogue changes later); every step is also in the usage register."""

    __tablename__ = "fault_reports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"), index=True)
    camera_code: Mapped[str] = mapped_column(String(20))
    camera_name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(String(500))
    state: Mapped[str] = mapped_column(String(10), index=True)
    maintainer: Mapped[str] = mapped_column(String(200))
    contact: Mapped[str] = mapped_column(String(100))
    reported_by: Mapped[str] = mapped_column(String(120))
    reporter_unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    terminal: Mapped[str] = mapped_column(String(100))
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime())
    sent_by: Mapped[str | None] = mapped_column(String(120))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    fixed_by: Mapped[str | None] = mapped_column(String(120))
    fixed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_by: Mapped[str | None] = mapped_column(String(120))
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(String(300), default="")   # the last step's note


# -- duty roster, on-duty log, handover and review (R12) ---------------------------------------


class DutyShift(Base):
    """A shift on a unit's duty roster (排班): when, and who is planned on it
    (``DutyShiftPerson``). ``review``: pending → returned (with a comment) → approved
    (console/duty/rules.py); an approved shift is locked — its log, handovers and roster
    change no more."""

    __tablename__ = "duty_shifts"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint("review IN ('pending', 'returned', 'approved')", name="review"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    title: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    review: Mapped[str] = mapped_column(String(10))
    reviewed_by: Mapped[str | None] = mapped_column(String(120))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    review_comment: Mapped[str] = mapped_column(String(500), default="")
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())

    # (loaded on use: a shift is locked FOR UPDATE, which PostgreSQL refuses across a join)
    unit: Mapped[Unit] = relationship()


class DutyShiftPerson(Base):
    """A person planned on a shift, in roster order."""

    __tablename__ = "duty_shift_people"
    shift_id: Mapped[int] = mapped_column(ForeignKey("duty_shifts.id"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True, index=True)
    position: Mapped[int] = mapped_column(Integer)

    user: Mapped[User] = relationship(lazy="joined")


class DutyLogEntry(Base):
    """An on-duty log entry (值班记录). Append-only: database triggers refuse UPDATE and
    DELETE, and the server's runtime role has no right to either; a correction is a new entry
    whose ``corrects_id`` names the one it replaces, and an entry that settles an earlier
    one's follow-up names it in ``closes_id``. ``view_id``: the open view (tile) it was
    written from — the VIEW_OPEN record of that id in the usage register."""

    __tablename__ = "duty_log_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("duty_shifts.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    written_at: Mapped[datetime] = mapped_column(UTCDateTime())
    author: Mapped[str] = mapped_column(String(120), index=True)
    author_name: Mapped[str] = mapped_column(String(100))
    terminal: Mapped[str] = mapped_column(String(100))
    session_id: Mapped[str | None] = mapped_column(String(36))
    view_id: Mapped[str | None] = mapped_column(String(16))
    category: Mapped[str] = mapped_column(String(20))
    cameras: Mapped[str] = mapped_column(Text)          # JSON [[code, name], ...]
    seen: Mapped[str] = mapped_column(String(1000))
    location: Mapped[str] = mapped_column(String(200))
    follow_up: Mapped[str] = mapped_column(String(500))
    corrects_id: Mapped[int | None] = mapped_column(ForeignKey("duty_log_entries.id"),
                                                    index=True)
    closes_id: Mapped[int | None] = mapped_column(ForeignKey("duty_log_entries.id"),
                                                  index=True)


class DutyHandover(Base):
    """A handover (交接班) from one shift to the next: what the outgoing officer signed
    (``content``: a JSON snapshot of the open items, open faults, PTZ faults, the unit's
    online share and the emergency grants in force, taken by the centre when signed) and
    the incoming officer's answer. Each bound to the login that did it."""

    __tablename__ = "duty_handovers"
    __table_args__ = (
        CheckConstraint("state IN ('signed', 'accepted', 'refused')", name="state"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("duty_shifts.id"), index=True)
    to_shift_id: Mapped[int] = mapped_column(ForeignKey("duty_shifts.id"), index=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    state: Mapped[str] = mapped_column(String(10))
    content: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(500))
    signed_by: Mapped[str] = mapped_column(String(120))
    signed_name: Mapped[str] = mapped_column(String(100))
    signed_terminal: Mapped[str] = mapped_column(String(100))
    signed_session: Mapped[str | None] = mapped_column(String(36))
    signed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    answered_by: Mapped[str | None] = mapped_column(String(120))
    answered_name: Mapped[str | None] = mapped_column(String(100))
    answered_terminal: Mapped[str | None] = mapped_column(String(100))
    answered_session: Mapped[str | None] = mapped_column(String(36))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    refusal: Mapped[str] = mapped_column(String(500), default="")


# -- supervision: online states and video diagnosis (issue 14 items 7 and 9) ---------------


class CameraOnlineChange(Base):
    """A camera's online state from ``at`` on: one row when the camera is added (or first
    recorded) and one each time the catalogue's online state changes. The online rates
    (console/online/rates.py) are computed from these rows."""

    __tablename__ = "camera_online_changes"
    __table_args__ = (Index("ix_camera_online_changes_camera_at", "camera_id", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    online: Mapped[bool] = mapped_column(Boolean)


class DiagnosisState(Base):
    """What the automatic video diagnosis keeps per camera between its checks: the clean
    picture's baseline and the findings' streaks (JSON, console/diagnosis/classifier.py),
    the last check's thumbnail (grey, for the frozen test) and when it was last checked
    (the least recently checked cameras go first)."""

    __tablename__ = "diagnosis_states"
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"), primary_key=True)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    checks: Mapped[int] = mapped_column(Integer, default=0)
    baseline: Mapped[str] = mapped_column(Text, default="{}")
    streaks: Mapped[str] = mapped_column(Text, default="{}")
    thumb: Mapped[bytes | None] = mapped_column(LargeBinary)
    thumb_shape: Mapped[str] = mapped_column(String(20), default="")
    last_findings: Mapped[str] = mapped_column(String(200), default="")


class PtzHomePicture(Base):
    """A PTZ camera's reference picture at home (R10): taken on the centre when an
    administrator or installer records it (the camera sent to its home preset first), and
    compared with the live picture after a return home through a protocol that reads no
    position back (console/ptz/picture.py). Grey PNG, 320 wide; never sent to a terminal."""

    __tablename__ = "ptz_home_pictures"
    camera_id: Mapped[int] = mapped_column(ForeignKey("cameras.id"), primary_key=True)
    picture: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    home: Mapped[str] = mapped_column(String(64))            # the preset it was taken at
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime())
    taken_by: Mapped[str] = mapped_column(String(120))       # account


class GatewayNodeBeat(Base):
    """A media gateway node's heartbeat: written every second by the centre instance that
    hosts the node while the node answers (console/gateway/health.py); every instance
    leaves a node whose beat is stale out of its choice of node per camera."""

    __tablename__ = "gateway_node_beats"
    node: Mapped[str] = mapped_column(String(40), primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime())
    instance: Mapped[str] = mapped_column(String(100), default="")
