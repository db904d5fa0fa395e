"""The administration service. Every command checks the actor's right, acts, and writes its
audit record in the same transaction; a refused command writes a refusal record instead and
changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.access.open_views import close_session_views
from console.admin import validation as v
from console.admin.validation import AdminError
from console.audit.writer import Actor, AuditTrail
from console.auth.service import actor_for_session
from console.clock import Clock
from console.codes import Action, Reason, Role, UserState
from console.command import CommandPath
from console.identity import IdentityError, normalize_ip, normalize_mac
from console.passwords import PasswordHashing, check_password_quality, generate_temporary_password
from console.policy import PolicyError
from console.settings_store import load_policy, save_policy
from console.storage.database import Database
from console.storage.models import (
    ConsoleSession,
    Terminal,
    TerminalBinding,
    Unit,
    User,
)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class IssuedPassword:
    """A password the service generated; shown once to the installer, never stored in clear."""

    account: str
    password: str
    generated: bool


class AdminService:
    def __init__(self, db: Database, clock: Clock, hashing: PasswordHashing) -> None:
        self._db = db
        self._clock = clock
        self._hashing = hashing
        self._audit = AuditTrail(clock)
        self._commands = CommandPath(db, clock, self._audit)

    # -- the one command path ----------------------------------------------------------------

    def _run(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
             body: Callable[[Session, datetime], T]) -> T:
        refusal = None if actor.is_installer or actor.role == Role.ADMINISTRATOR else \
            AdminError("actor", f"{actor.account} may not administer", Reason.NOT_PERMITTED)
        return self._commands.run(actor, action, target, params, body, refusal=refusal,
                                  refusal_params=lambda exc: {"field": exc.field})

    # -- units -------------------------------------------------------------------------------

    def create_unit(self, actor: Actor, code: str, name: str, parent: str | None = None) -> None:
        def body(s: Session, now: datetime) -> None:
            code_, name_ = v.unit_code(code), v.text("name", name, 200)
            if _find_unit(s, code_) is not None:
                raise AdminError("unit", f"code {code_!r} already exists", Reason.DUPLICATE)
            parent_id = _unit(s, parent).id if parent else None
            s.add(Unit(code=code_, name=name_, parent_id=parent_id, created_at=now))

        self._run(actor, Action.UNIT_CREATE, code, {"name": name, "parent": parent or ""}, body)

    # -- users -------------------------------------------------------------------------------

    def create_user(self, actor: Actor, account: str, real_name: str, unit: str, role: str,
                    password: str | None = None) -> IssuedPassword:
        def body(s: Session, now: datetime) -> IssuedPassword:
            account_ = v.account(account)
            real_name_ = v.text("real_name", real_name, 100)
            the_role = v.role(role)
            if s.execute(select(User.id).where(User.account == account_)).first():
                raise AdminError("account", f"{account_!r} already exists", Reason.DUPLICATE)
            the_unit = _unit(s, unit)
            issued = self._issue_password(s, account_, password)
            s.add(User(account=account_, real_name=real_name_, unit_id=the_unit.id,
                       role=the_role, state=UserState.ACTIVE,
                       password_hash=self._hashing.hash(issued.password),
                       password_changed_at=now, must_change_password=True, failed_attempts=0,
                       created_at=now))
            return issued

        return self._run(actor, Action.USER_CREATE, account,
                         {"unit": unit, "role": role}, body)

    def set_user_state(self, actor: Actor, account: str, enabled: bool) -> int:
        """Disable or enable a user. Disabling ends every live session of that user at once
        (running consoles notice on their next heartbeat). Returns sessions ended."""
        def body(s: Session, now: datetime) -> int:
            user = _user(s, account)
            user.state = UserState.ACTIVE if enabled else UserState.DISABLED
            if enabled:
                user.failed_attempts = 0
                user.locked_until = None
                return 0
            ended = 0
            for row in _live_sessions(s, user.id):
                # the centre closes (and registers) the views the session still showed
                close_session_views(s, self._audit, actor_for_session(row), row.id,
                                    Reason.USER_DISABLED, now)
                row.ended_at, row.end_reason = now, str(Reason.USER_DISABLED)
                self._audit.append(s, actor, Action.SESSION_END, target=account,
                                   reason=Reason.USER_DISABLED,
                                   params={"session_code": row.code,
                                           "terminal": row.terminal.name})
                ended += 1
            return ended

        action = Action.USER_ENABLE if enabled else Action.USER_DISABLE
        return self._run(actor, action, account, {}, body)

    def reset_password(self, actor: Actor, account: str,
                       password: str | None = None) -> IssuedPassword:
        """Set a temporary password that must be changed at the next login; clears a lockout."""
        def body(s: Session, now: datetime) -> IssuedPassword:
            user = _user(s, account)
            issued = self._issue_password(s, account, password)
            user.password_hash = self._hashing.hash(issued.password)
            user.password_changed_at = now
            user.must_change_password = True
            user.failed_attempts = 0
            user.locked_until = None
            return issued

        return self._run(actor, Action.PASSWORD_RESET, account, {}, body)

    def _issue_password(self, s: Session, account: str, password: str | None) -> IssuedPassword:
        if password is None:
            return IssuedPassword(account, generate_temporary_password(), generated=True)
        policy = load_policy(s)
        verdict = check_password_quality(password, account=account,
                                         min_length=policy.password_min_length)
        if not verdict.ok:
            raise AdminError("password", f"too weak ({verdict.detail}): at least "
                             f"{policy.password_min_length} characters from three of lower "
                             "case, upper case, digits and symbols, not containing the account")
        return IssuedPassword(account, password, generated=False)

    # -- terminals ---------------------------------------------------------------------------

    def create_terminal(self, actor: Actor, name: str, location: str, unit: str, ip: str,
                        mac: str) -> tuple[str, str]:
        """Register a terminal; returns its (IP, MAC) as normalised and stored."""
        params: dict[str, Any] = {"unit": unit, "ip": ip, "mac": mac, "location": location}

        def body(s: Session, now: datetime) -> tuple[str, str]:
            name_ = v.text("name", name, 100)
            location_ = v.text("location", location, 200, required=False)
            ip_, mac_ = _ip(ip), _mac(mac)
            params.update(ip=ip_, mac=mac_)
            the_unit = _unit(s, unit)
            if s.execute(select(Terminal.id).where(Terminal.name == name_)).first():
                raise AdminError("name", f"terminal {name_!r} already exists", Reason.DUPLICATE)
            other = s.execute(
                select(Terminal).where(Terminal.ip == ip_, Terminal.mac == mac_)
            ).scalar_one_or_none()
            if other is not None:
                raise AdminError("ip/mac", f"{ip_} / {mac_} is already registered as "
                                 f"{other.name!r}", Reason.DUPLICATE)
            s.add(Terminal(name=name_, location=location_, unit_id=the_unit.id, ip=ip_,
                           mac=mac_, created_at=now))
            return ip_, mac_

        return self._run(actor, Action.TERMINAL_CREATE, name, params, body)

    def update_terminal_identity(self, actor: Actor, name: str, ip: str, mac: str) -> None:
        params: dict[str, Any] = {"ip": ip, "mac": mac}

        def body(s: Session, now: datetime) -> None:
            terminal = _terminal(s, name)
            terminal.ip, terminal.mac = _ip(ip), _mac(mac)
            params.update(ip=terminal.ip, mac=terminal.mac)

        self._run(actor, Action.TERMINAL_UPDATE, name, params, body)

    def bind(self, actor: Actor, account: str, terminal: str) -> None:
        def body(s: Session, now: datetime) -> None:
            user, term = _user(s, account), _terminal(s, terminal)
            if s.get(TerminalBinding, (user.id, term.id)) is not None:
                raise AdminError("terminal", f"{account} is already bound to {terminal!r}",
                                 Reason.DUPLICATE)
            s.add(TerminalBinding(user_id=user.id, terminal_id=term.id, created_at=now))

        self._run(actor, Action.BIND, account, {"terminal": terminal}, body)

    def unbind(self, actor: Actor, account: str, terminal: str) -> None:
        """Remove a binding; a live session of that user on that terminal ends at its next
        heartbeat (AuthService.heartbeat)."""
        def body(s: Session, now: datetime) -> None:
            user, term = _user(s, account), _terminal(s, terminal)
            binding = s.get(TerminalBinding, (user.id, term.id))
            if binding is None:
                raise AdminError("terminal", f"{account} is not bound to {terminal!r}",
                                 Reason.NOT_FOUND)
            s.delete(binding)

        self._run(actor, Action.UNBIND, account, {"terminal": terminal}, body)

    # -- policy ------------------------------------------------------------------------------

    def set_policy(self, actor: Actor, key: str, value: str) -> None:
        def body(s: Session, now: datetime) -> None:
            try:
                save_policy(s, load_policy(s).with_value(key, value))
            except PolicyError as exc:
                raise AdminError(key, str(exc)) from None

        self._run(actor, Action.POLICY_SET, key, {"value": value}, body)

    # -- listings (read-only, for the CLI and dialogs) ---------------------------------------

    def list_units(self) -> list[Unit]:
        with self._db.transaction() as s:
            return list(s.execute(select(Unit).order_by(Unit.code)).scalars())

    def list_users(self) -> list[tuple[User, list[str]]]:
        with self._db.transaction() as s:
            users = list(s.execute(select(User).order_by(User.account)).scalars())
            names = {
                t.id: t.name for t in s.execute(select(Terminal)).scalars()
            }
            bindings: dict[int, list[str]] = {}
            for b in s.execute(select(TerminalBinding)).scalars():
                bindings.setdefault(b.user_id, []).append(names[b.terminal_id])
            return [(u, sorted(bindings.get(u.id, []))) for u in users]

    def list_terminals(self) -> list[Terminal]:
        with self._db.transaction() as s:
            return list(s.execute(select(Terminal).order_by(Terminal.name)).scalars())


def _find_unit(s: Session, code: str) -> Unit | None:
    return s.execute(select(Unit).where(Unit.code == code)).scalar_one_or_none()


def _unit(s: Session, code: str) -> Unit:
    unit = _find_unit(s, code)
    if unit is None:
        raise AdminError("unit", f"unknown unit {code!r}", Reason.NOT_FOUND)
    return unit


def _user(s: Session, account: str) -> User:
    account = v.account(account)
    user = s.execute(
        select(User).where(User.account == account).with_for_update(of=User)
    ).scalar_one_or_none()
    if user is None:
        raise AdminError("account", f"unknown account {account!r}", Reason.NOT_FOUND)
    return user


def _terminal(s: Session, name: str) -> Terminal:
    terminal = s.execute(select(Terminal).where(Terminal.name == name)).scalar_one_or_none()
    if terminal is None:
        raise AdminError("terminal", f"unknown terminal {name!r}", Reason.NOT_FOUND)
    return terminal


def _live_sessions(s: Session, user_id: int) -> list[ConsoleSession]:
    return list(s.execute(select(ConsoleSession).where(
        ConsoleSession.user_id == user_id, ConsoleSession.ended_at.is_(None))).scalars())


def _ip(value: str) -> str:
    try:
        return normalize_ip(value)
    except IdentityError as exc:
        raise AdminError("ip", str(exc)) from None


def _mac(value: str) -> str:
    try:
        return normalize_mac(value)
    except IdentityError as exc:
        raise AdminError("mac", str(exc)) from None
