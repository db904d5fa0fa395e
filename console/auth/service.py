"""The authentication service: every login, heartbeat, lock and logout goes through here,
is checked here and is audited here, in the same transaction as its effect (R1, R2, R3, R11)."""

from __future__ import annotations

import hashlib
import secrets
import string
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.access.open_views import close_session_views, lease_length, renew
from console.audit.writer import Actor, AuditTrail
from console.auth.results import (
    Accepted,
    Denied,
    LoginResult,
    SessionInfo,
    SessionStatus,
    UnlockResult,
)
from console.clock import Clock
from console.codes import Action, Outcome, Reason, UserState
from console.identity import IdentityError, IdentityProvider, TerminalIdentity
from console.passwords import PasswordHashing, check_password_quality
from console.policy import Policy
from console.settings_store import load_policy
from console.storage.database import Database
from console.storage.models import ConsoleSession, Terminal, TerminalBinding, User

SESSION_CONSOLE, SESSION_CLI = "console", "cli"
SESSION_KINDS = (SESSION_CONSOLE, SESSION_CLI)
_CODE_ALPHABET = string.ascii_uppercase.replace("O", "").replace("I", "") + "23456789"


class AuthService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        hashing: PasswordHashing,
        identity: IdentityProvider,
        *,
        terminal_facts: Mapping[str, str] | None = None,
    ) -> None:
        self._db = db
        self._clock = clock
        self._hashing = hashing
        self._identity = identity
        self._audit = AuditTrail(clock)
        # facts about this terminal recorded with every login (e.g. the screen-capture
        # exclusion in force, R9)
        self.terminal_facts = dict(terminal_facts or {})

    # -- queries -----------------------------------------------------------------------------

    def policy(self) -> Policy:
        with self._db.read() as s:          # a read: no write transaction (nor its lock)
            return load_policy(s)

    def current_identity(self) -> TerminalIdentity:
        """The identity this console would present now (raises IdentityError)."""
        return self._identity.identity()

    def terminal_name_for(self, identity: TerminalIdentity) -> str | None:
        with self._db.transaction() as s:
            terminal = _terminal_by_identity(s, identity)
            return terminal.name if terminal else None

    # -- login -------------------------------------------------------------------------------

    def login(self, account: str, password: str, new_password: str | None = None, *,
              identity: TerminalIdentity | None = None, kind: str = SESSION_CONSOLE,
              facts: Mapping[str, str] | None = None) -> LoginResult:
        """Log ``account`` in from this terminal. When the password must be changed (first
        login, expiry) the login is refused with that reason until ``new_password`` is given.

        ``identity``: the terminal as the centre established it (certificate, the
        connection's source address, the reported MAC); without it, this service's own
        identity provider is asked. ``kind``: ``console`` (one live session per person) or
        ``cli`` (one administration command; it does not end the person's console session).
        ``facts``: what the terminal reports about itself, kept in the login record."""
        account = account.strip()
        if kind not in SESSION_KINDS:
            raise ValueError(f"session kind {kind!r} is not one of {SESSION_KINDS}")
        try:
            identity = identity or self._identity.identity()
        except IdentityError as exc:
            with self._db.transaction() as s:
                self._audit.append(
                    s, Actor(account=account or "?"), Action.LOGIN, target=account,
                    outcome=Outcome.DENIED, reason=Reason.IDENTITY_UNAVAILABLE,
                    params={"error": str(exc)[:160]},
                )
            return Denied(Reason.IDENTITY_UNAVAILABLE, {"error": str(exc)})
        try:
            with self._db.transaction() as s:
                return self._login(s, account, password, new_password, identity, kind,
                                   {**self.terminal_facts, **(facts or {})})
        except IntegrityError:
            # Another console won the race to open this user's session (unique live session).
            with self._db.transaction() as s:
                terminal = _terminal_by_identity(s, identity)
                actor = Actor(account=account, identity=identity,
                              terminal_name=terminal.name if terminal else None)
                return self._deny(s, actor, Action.LOGIN, account,
                                  Reason.SESSION_ACTIVE_ELSEWHERE, {})

    def _login(
        self,
        s: Session,
        account: str,
        password: str,
        new_password: str | None,
        identity: TerminalIdentity,
        kind: str,
        facts: dict[str, str],
    ) -> LoginResult:
        now = self._clock.now()
        policy = load_policy(s)
        terminal = _terminal_by_identity(s, identity)
        actor = Actor(account=account or "?", identity=identity,
                      terminal_name=terminal.name if terminal else None)
        if terminal is None:
            # Refused before any password is checked: an unregistered machine learns nothing.
            return self._deny(s, actor, Action.LOGIN, account, Reason.TERMINAL_NOT_REGISTERED,
                              {"ip": identity.ip, "mac": identity.mac,
                               "interface": identity.interface})
        user = s.execute(
            select(User).where(User.account == account).with_for_update(of=User)
        ).scalar_one_or_none()
        if user is None:
            self._hashing.verify(None, password)  # same time as a wrong password
            return self._deny(s, actor, Action.LOGIN, account, Reason.UNKNOWN_ACCOUNT, {})
        actor = Actor(account=user.account, identity=identity, terminal_name=terminal.name,
                      user_id=user.id, role=user.role)
        if user.locked_until is not None and user.locked_until > now:
            return self._deny(s, actor, Action.LOGIN, account, Reason.ACCOUNT_LOCKED,
                              {"until": user.locked_until})
        if not self._hashing.verify(user.password_hash, password):
            return self._count_failure(s, actor, user, policy, now, Action.LOGIN)
        user.failed_attempts = 0
        user.locked_until = None
        if user.state != UserState.ACTIVE:
            return self._deny(s, actor, Action.LOGIN, account, Reason.USER_DISABLED, {})
        bound = s.get(TerminalBinding, (user.id, terminal.id))
        if bound is None:
            return self._deny(s, actor, Action.LOGIN, account, Reason.TERMINAL_NOT_BOUND,
                              {"terminal": terminal.name})

        live = s.execute(
            select(ConsoleSession).where(
                ConsoleSession.user_id == user.id, ConsoleSession.ended_at.is_(None),
                ConsoleSession.kind == SESSION_CONSOLE,
            )
        ).scalar_one_or_none() if kind == SESSION_CONSOLE else None
        stale_after = timedelta(seconds=policy.session_stale_seconds)
        if (live is not None and live.terminal_id != terminal.id
                and live.heartbeat_at + stale_after > now):
            return self._deny(s, actor, Action.LOGIN, account, Reason.SESSION_ACTIVE_ELSEWHERE,
                              {"terminal": live.terminal.name, "ip": live.ip,
                               "since": live.started_at})

        # Only now may anything change: a refused login must leave the password and the old
        # session as they were.
        change_reason = self._password_change_reason(user, policy, now)
        if change_reason is not None:
            if new_password is None:
                return self._deny(s, actor, Action.LOGIN, account, change_reason, {})
            refused = self._set_password(s, actor, user, password, new_password, policy, now)
            if refused is not None:
                return refused

        if live is not None:
            same_terminal = live.terminal_id == terminal.id
            reason = Reason.SUPERSEDED_ON_SAME_TERMINAL if same_terminal else Reason.SESSION_STALE
            self._end(s, actor, live, reason, now)
            s.flush()

        if self._hashing.needs_rehash(user.password_hash):
            user.password_hash = self._hashing.hash(new_password or password)
        token = secrets.token_urlsafe(32)
        row = ConsoleSession(
            id=str(uuid.uuid4()), code=_new_session_code(s), user_id=user.id,
            terminal_id=terminal.id, ip=identity.ip, mac=identity.mac, started_at=now,
            heartbeat_at=now, kind=kind, token_hash=token_hash(token),
        )
        s.add(row)
        s.flush()
        info = _session_info(row, user, terminal, identity)
        params: dict[str, Any] = {"session_code": row.code, "role": user.role,
                                  "unit": user.unit.code, "interface": identity.interface,
                                  **facts}
        if kind != SESSION_CONSOLE:
            params["kind"] = kind
        self._audit.append(s, _session_actor(info), Action.LOGIN, target=user.account,
                           params=params)
        return Accepted(info, token=token)

    def record_refused_login(self, account: str, identity: TerminalIdentity, reason: Reason,
                             details: dict[str, Any]) -> None:
        """Register a login the centre refused before it reached the password check (the
        terminal's software is too old)."""
        with self._db.transaction() as s:
            terminal = _terminal_by_identity(s, identity)
            actor = Actor(account=account.strip()[:120] or "?", identity=identity,
                          terminal_name=terminal.name if terminal else None)
            self._deny(s, actor, Action.LOGIN, account.strip()[:120], reason, details)

    # -- session lifetime --------------------------------------------------------------------

    def session_actor(self, session_id: str) -> Actor | None:
        """The actor of a live session, read from the database (a view never vouches for its
        own role); None when the session has ended."""
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            return actor_for_session(row) if row is not None else None

    def session_for_token(self, token: str) -> str | None:
        """The id of the session a bearer token belongs to (live or ended), or None."""
        if not token:
            return None
        with self._db.transaction() as s:
            return s.execute(select(ConsoleSession.id).where(
                ConsoleSession.token_hash == token_hash(token))).scalar_one_or_none()

    def heartbeat(self, session_id: str, *, views: list[str] | None = None,
                  idle_seconds: float | None = None) -> SessionStatus:
        """Called every ``heartbeat_seconds`` by a running console. Ends the session when the
        user was disabled or unbound from this terminal meanwhile; renews the leases of the
        ``views`` the console still shows; locks the session (R3) when the console reports
        ``idle_seconds`` at or beyond the idle limit."""
        # plain rows and two UPDATEs (every console beats every 5 s); the ORM objects only
        # when something happens (the session ends or locks here)
        with self._db.transaction() as s:
            connection = s.connection()     # Core statements built once: no ORM on this path
            found = connection.execute(_BEAT, {"session_id": session_id}).first()
            if found is None:
                return SessionStatus(False, Reason.SESSION_ENDED)
            if found.ended_at is not None:
                return SessionStatus(False, Reason(found.end_reason or Reason.SESSION_ENDED))
            now = self._clock.now()
            policy = load_policy(s)
            idle_lock = (idle_seconds is not None and found.locked_at is None
                         and idle_seconds >= policy.idle_lock_minutes * 60)
            if found.state != UserState.ACTIVE or found.bound is None or idle_lock:
                return self._heartbeat_rows(s, session_id, views, idle_seconds)
            connection.execute(_TOUCH, {"session": session_id, "at": now})
            if views:
                renew(s, session_id, views, now + lease_length(policy.server_grace_seconds))
            return SessionStatus(True, locked=found.locked_at is not None)

    def _heartbeat_rows(self, s: Session, session_id: str, views: list[str] | None,
                        idle_seconds: float | None) -> SessionStatus:
        """The heartbeat that ends or locks the session (with the ORM rows and the audit)."""
        row = s.get(ConsoleSession, session_id)
        if row is None:
            return SessionStatus(False, Reason.SESSION_ENDED)
        if row.ended_at is not None:
            return SessionStatus(False, Reason(row.end_reason or Reason.SESSION_ENDED))
        now = self._clock.now()
        actor = actor_for_session(row)
        refused = _no_longer_allowed(s, row)
        if refused is not None:
            self._end(s, actor, row, refused, now)
            return SessionStatus(False, refused)
        row.heartbeat_at = now
        policy = load_policy(s)
        if views:
            renew(s, row.id, views, now + lease_length(policy.server_grace_seconds))
        if (idle_seconds is not None and row.locked_at is None
                and idle_seconds >= policy.idle_lock_minutes * 60):
            row.locked_at = now
            self._audit.append(s, actor, Action.SCREEN_LOCK, target=row.user.account,
                               reason=Reason.IDLE,
                               params={"idle_seconds": round(idle_seconds)})
        return SessionStatus(True, locked=row.locked_at is not None)

    def enforce(self, session_id: str) -> Reason | None:
        """End the session now if its person was disabled or unbound from its terminal
        (the centre's check of every request, not only the heartbeat's); the reason, or
        None when it may go on."""
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                return None
            refused = _no_longer_allowed(s, row)
            if refused is not None:
                self._end(s, actor_for_session(row), row, refused, self._clock.now())
            return refused

    def logout(self, session_id: str, reason: Reason = Reason.LOGOUT) -> None:
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                return
            actor = actor_for_session(row)
            now = self._clock.now()
            close_session_views(s, self._audit, actor, row.id, reason, now)
            row.ended_at = now
            row.end_reason = str(reason)
            self._audit.append(s, actor, Action.LOGOUT, target=row.user.account, reason=reason,
                               params={"session_code": row.code})

    def lock_screen(self, session_id: str, reason: Reason = Reason.IDLE) -> None:
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None or row.locked_at is not None:
                return
            row.locked_at = self._clock.now()
            self._audit.append(s, actor_for_session(row), Action.SCREEN_LOCK,
                               target=row.user.account, reason=reason)

    def unlock(self, session_id: str, password: str) -> UnlockResult:
        """The idle lock needs the session owner's password. Failures count towards the
        account lockout; reaching it ends the session."""
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                return UnlockResult(False, Reason.SESSION_ENDED, session_ended=True)
            user = row.user
            actor = actor_for_session(row)
            now = self._clock.now()
            if user.state != UserState.ACTIVE:
                self._end(s, actor, row, Reason.USER_DISABLED, now)
                return UnlockResult(False, Reason.USER_DISABLED, session_ended=True)
            if self._hashing.verify(user.password_hash, password):
                user.failed_attempts = 0
                row.heartbeat_at = now
                row.locked_at = None
                self._audit.append(s, actor, Action.SCREEN_UNLOCK, target=user.account)
                return UnlockResult(True)
            return self._wrong_password_in_session(s, actor, row, load_policy(s), now,
                                                   Action.SCREEN_UNLOCK)

    def change_password(self, session_id: str, old: str, new: str) -> UnlockResult:
        """A voluntary change from the running console."""
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                return UnlockResult(False, Reason.SESSION_ENDED, session_ended=True)
            user, actor, now = row.user, actor_for_session(row), self._clock.now()
            policy = load_policy(s)
            if not self._hashing.verify(user.password_hash, old):
                return self._wrong_password_in_session(s, actor, row, policy, now,
                                                       Action.PASSWORD_CHANGE)
            refused = self._set_password(s, actor, user, old, new, policy, now)
            if refused is not None:
                return UnlockResult(False, refused.reason, False, dict(refused.details))
            return UnlockResult(True)

    # -- helpers -----------------------------------------------------------------------------

    def _wrong_password_in_session(
        self, s: Session, actor: Actor, row: ConsoleSession, policy: Policy, now: datetime,
        action: Action,
    ) -> UnlockResult:
        """A wrong password typed inside a running session counts towards the lockout;
        reaching it locks the account and ends the session."""
        denied = self._count_failure(s, actor, row.user, policy, now, action)
        ended = denied.reason == Reason.ACCOUNT_LOCKED
        if ended:
            self._end(s, actor, row, Reason.ACCOUNT_LOCKED, now)
        return UnlockResult(False, denied.reason, ended, dict(denied.details))

    def _password_change_reason(self, user: User, policy: Policy, now: datetime) -> Reason | None:
        if user.must_change_password:
            return Reason.PASSWORD_CHANGE_REQUIRED
        if user.password_changed_at + timedelta(days=policy.password_max_age_days) <= now:
            return Reason.PASSWORD_EXPIRED
        return None

    def _set_password(
        self, s: Session, actor: Actor, user: User, old: str, new: str, policy: Policy,
        now: datetime,
    ) -> Denied | None:
        verdict = check_password_quality(new, account=user.account,
                                         min_length=policy.password_min_length)
        if not verdict.ok:
            return self._deny(s, actor, Action.PASSWORD_CHANGE, user.account, verdict.reason,
                              {"rule": verdict.detail, "min_length": policy.password_min_length})
        if new == old:
            return self._deny(s, actor, Action.PASSWORD_CHANGE, user.account,
                              Reason.PASSWORD_REUSED, {})
        user.password_hash = self._hashing.hash(new)
        user.password_changed_at = now
        user.must_change_password = False
        self._audit.append(s, actor, Action.PASSWORD_CHANGE, target=user.account)
        return None

    def _count_failure(
        self, s: Session, actor: Actor, user: User, policy: Policy, now: datetime,
        action: Action,
    ) -> Denied:
        user.failed_attempts += 1
        if user.failed_attempts >= policy.lockout_threshold:
            user.failed_attempts = 0
            user.locked_until = now + timedelta(minutes=policy.lockout_minutes)
            self._deny(s, actor, action, user.account, Reason.BAD_PASSWORD, {"remaining": 0})
            self._audit.append(s, actor, Action.ACCOUNT_LOCK, target=user.account,
                               reason=Reason.ACCOUNT_LOCKED,
                               params={"until": user.locked_until,
                                       "minutes": policy.lockout_minutes})
            return Denied(Reason.ACCOUNT_LOCKED, {"until": user.locked_until})
        remaining = policy.lockout_threshold - user.failed_attempts
        return self._deny(s, actor, action, user.account, Reason.BAD_PASSWORD,
                          {"remaining": remaining})

    def _deny(
        self, s: Session, actor: Actor, action: Action, target: str, reason: Reason,
        details: dict[str, Any],
    ) -> Denied:
        self._audit.append(s, actor, action, target=target, outcome=Outcome.DENIED,
                           reason=reason, params=details)
        return Denied(reason, details)

    def end_stale_sessions(self) -> int:
        """End the sessions whose console stopped beating (crash, kill, cut cable): the
        centre's scheduled job. Their views close and their PTZ goes home (the PTZ sweep)."""
        now, count = self._clock.now(), 0
        with self._db.transaction() as s:
            stale = now - timedelta(seconds=load_policy(s).session_stale_seconds)
            rows = s.execute(select(ConsoleSession).where(
                ConsoleSession.ended_at.is_(None), ConsoleSession.heartbeat_at < stale)
                .with_for_update(of=ConsoleSession, skip_locked=True)).scalars().all()
            for row in rows:
                self._end(s, actor_for_session(row), row, Reason.SESSION_STALE, now)
                count += 1
        return count

    def _end(self, s: Session, actor: Actor, row: ConsoleSession, reason: Reason,
             now: datetime) -> None:
        close_session_views(s, self._audit, actor, row.id, reason, now)
        row.ended_at = now
        row.end_reason = str(reason)
        self._audit.append(s, actor, Action.SESSION_END, target=row.user.account, reason=reason,
                           params={"session_code": row.code, "terminal": row.terminal.name})


def _no_longer_allowed(s: Session, row: ConsoleSession) -> Reason | None:
    """Why a live session may not go on (its person disabled or unbound), or None."""
    if row.user.state != UserState.ACTIVE:
        return Reason.USER_DISABLED
    if s.get(TerminalBinding, (row.user_id, row.terminal_id)) is None:
        return Reason.TERMINAL_NOT_BOUND
    return None


def _terminal_by_identity(s: Session, identity: TerminalIdentity) -> Terminal | None:
    return s.execute(
        select(Terminal).where(Terminal.ip == identity.ip, Terminal.mac == identity.mac)
    ).scalar_one_or_none()


# what a heartbeat needs to know of its session, in one row
_SESSIONS = cast(Table, ConsoleSession.__table__)
_USERS = cast(Table, User.__table__)
_BINDINGS = cast(Table, TerminalBinding.__table__)
_BEAT = (select(_SESSIONS.c.ended_at, _SESSIONS.c.end_reason, _SESSIONS.c.locked_at,
                _USERS.c.state, _BINDINGS.c.user_id.label("bound"))
         .join(_USERS, _USERS.c.id == _SESSIONS.c.user_id)
         .outerjoin(_BINDINGS, (_BINDINGS.c.user_id == _SESSIONS.c.user_id)
                    & (_BINDINGS.c.terminal_id == _SESSIONS.c.terminal_id))
         .where(_SESSIONS.c.id == bindparam("session_id")))
_TOUCH = (update(_SESSIONS).where(_SESSIONS.c.id == bindparam("session"))
          .values(heartbeat_at=bindparam("at")))


def live_session(s: Session, session_id: str) -> ConsoleSession | None:
    row = s.get(ConsoleSession, session_id)
    return row if row is not None and row.ended_at is None else None


@dataclass(frozen=True, slots=True)
class LiveSession:
    """A session's facts as one plain row: what opening or closing a view needs of it (no
    ORM objects on that path)."""

    id: str
    user_id: int
    unit_id: int                # the person's unit
    account: str
    role: str
    terminal_name: str
    ip: str
    mac: str
    locked_at: datetime | None

    def actor(self) -> Actor:
        """As ``actor_for_session`` of the session's row."""
        return Actor(account=self.account, identity=TerminalIdentity(self.ip, self.mac),
                     terminal_name=self.terminal_name, session_id=self.id,
                     user_id=self.user_id, role=self.role)


_SESSION_FACTS = (select(ConsoleSession.id, ConsoleSession.user_id, User.unit_id,
                         User.account, User.role, Terminal.name, ConsoleSession.ip,
                         ConsoleSession.mac, ConsoleSession.locked_at)
                  .join(User, User.id == ConsoleSession.user_id)
                  .join(Terminal, Terminal.id == ConsoleSession.terminal_id)
                  .where(ConsoleSession.id == bindparam("session")))
_LIVE_SESSION = _SESSION_FACTS.where(ConsoleSession.ended_at.is_(None))


def _plain(s: Session) -> Connection:
    """The session's connection, its pending ORM changes flushed as an ORM read would."""
    if s.autoflush and (s.new or s.deleted or s.dirty):
        s.flush()
    return s.connection()


def live_session_facts(s: Session, session_id: str) -> LiveSession | None:
    """``live_session`` as plain facts (one statement built once)."""
    found = _plain(s).execute(_LIVE_SESSION, {"session": session_id}).first()
    return LiveSession(*found) if found is not None else None


def session_facts(s: Session, session_id: str) -> LiveSession | None:
    """A session's facts, live or ended (its person acts on what it left open)."""
    found = _plain(s).execute(_SESSION_FACTS, {"session": session_id}).first()
    return LiveSession(*found) if found is not None else None


def token_hash(token: str) -> str:
    """What the centre keeps of a session's bearer token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_session_code(s: Session) -> str:
    while True:
        code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
        if s.execute(select(ConsoleSession.id).where(ConsoleSession.code == code)).first() is None:
            return code


def _session_info(row: ConsoleSession, user: User, terminal: Terminal,
                  identity: TerminalIdentity) -> SessionInfo:
    return SessionInfo(
        session_id=row.id, code=row.code, user_id=user.id, account=user.account,
        real_name=user.real_name, role=user.role, unit_code=user.unit.code,
        unit_name=user.unit.name, terminal_name=terminal.name,
        terminal_location=terminal.location, identity=identity, started_at=row.started_at,
    )


def _session_actor(info: SessionInfo) -> Actor:
    return Actor(account=info.account, identity=info.identity, terminal_name=info.terminal_name,
                 session_id=info.session_id, user_id=info.user_id, role=info.role)


def actor_for_session(row: ConsoleSession) -> Actor:
    return Actor(account=row.user.account, identity=TerminalIdentity(row.ip, row.mac),
                 terminal_name=row.terminal.name, session_id=row.id, user_id=row.user_id,
                 role=row.user.role)
