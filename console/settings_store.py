"""Reading and writing the centre-wide settings (the policy) in the shared database."""

from __future__ import annotations

import threading
import time
import uuid
import weakref
from collections.abc import Callable

from sqlalchemy import Engine, event, inspect, select
from sqlalchemy.orm import Session

from console.policy import Policy
from console.storage.models import (
    Camera,
    CameraGroup,
    CameraGroupMember,
    ConsoleSession,
    Grant,
    Setting,
    Terminal,
    TerminalBinding,
    Unit,
    User,
)

# The policy is read on nearly every request of the centre (heartbeats, view leases) and
# changes a few times a year: each database's is kept for a second. A change committed in
# this process applies at once; one made by another centre instance within POLICY_TTL_S.
POLICY_TTL_S = 1.0
_policies: dict[str, tuple[float, Policy]] = {}
_generation = 0                      # bumped by every change of a setting (and its commit)
_policies_lock = threading.Lock()
_WROTE_SETTINGS = "console_wrote_settings"


def load_policy(session: Session) -> Policy:
    key = _database_of(session)
    generation = None
    if not session.info.get(_WROTE_SETTINGS):     # else: its own changes, not kept ones
        with _policies_lock:
            kept, generation = _policies.get(key), _generation
        if kept is not None and time.monotonic() - kept[0] < POLICY_TTL_S:
            return kept[1]
    read_at = time.monotonic()
    rows = session.execute(select(Setting.key, Setting.value))
    policy = Policy.from_settings({k: value for k, value in rows})
    with _policies_lock:
        if generation is not None and generation == _generation:   # nothing changed since
            _policies[key] = (read_at, policy)
    return policy


def forget_policy(session: Session) -> None:
    """The policies kept are read again, now and once this session's transaction commits
    (it changes a setting)."""
    if not session.info.get(_WROTE_SETTINGS):
        session.info[_WROTE_SETTINGS] = True
        event.listen(session, "after_commit", lambda _s: _forget(), once=True)
    _forget()


def _forget() -> None:
    global _generation  # noqa: PLW0603 - the one counter of this process
    with _policies_lock:
        _generation += 1
        _policies.clear()


def _database_of(session: Session) -> str:
    engine = session.get_bind().engine
    key = _engine_keys.get(engine)
    if key is None:     # (rendering the URL on every read of the policy cost more than it)
        key = _engine_keys[engine] = engine.url.render_as_string(hide_password=True)
    return key


_engine_keys: weakref.WeakKeyDictionary[Engine, str] = weakref.WeakKeyDictionary()


def save_policy(session: Session, policy: Policy) -> None:
    for key, value in policy.as_settings().items():
        put_setting(session, key, value)


def get_setting(session: Session, key: str) -> str | None:
    row = session.get(Setting, key)
    return row.value if row else None


def put_setting(session: Session, key: str, value: str) -> None:
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    forget_policy(session)


# The access revision: bumped in the same transaction as any change to the catalogue, camera
# groups or grants, so running consoles see with one cheap read that their tree is stale.
ACCESS_REVISION = "access_revision"


def bump_access_revision(session: Session) -> str:
    value = str(int(get_setting(session, ACCESS_REVISION) or "0") + 1)
    put_setting(session, ACCESS_REVISION, value)
    return value


def access_revision(session: Session) -> str:
    return get_setting(session, ACCESS_REVISION) or "0"


# The access *state* revision: a new random value with every change of what decides whether a
# session's open views may stay open — grants, cameras, camera groups, users, terminal
# bindings, terminals, a session's state (ended, locked) and the policy. Written in the same
# transaction as the change (the flush listener below sees every ORM change of those tables;
# the few Core statements that change them bump it themselves). A recheck stamped with the
# value it saw (console/access/stamps.py) is answered without reading the views while it is
# unchanged. Random rather than a counter: two transactions bumping at once never leave a
# value some stamp was issued with.
ACCESS_STATE = "access_state_revision"
ACCESS_STATE_TTL_S = 1.0        # each process keeps the value it read for up to a second
_STATE_TABLES = (Grant, Camera, CameraGroup, CameraGroupMember, User, TerminalBinding, Unit,
                 Terminal)
_SESSION_STATE = frozenset({"ended_at", "end_reason", "locked_at", "user_id", "terminal_id"})
_QUIET: dict[type, frozenset[str]] = {       # columns whose change decides nothing about views
    Terminal: frozenset({"last_seen_at", "software_version"}),
    User: frozenset({"failed_attempts", "locked_until", "password_hash", "password_changed_at",
                     "must_change_password"}),
}
_states: dict[str, tuple[float, str]] = {}
_states_lock = threading.Lock()
_BUMPED_STATE = "console_bumped_access_state"


def bump_access_state(session: Session) -> None:
    """A new access state revision, committed with ``session``'s transaction."""
    with session.no_autoflush:
        row = session.get(Setting, ACCESS_STATE)
        value = uuid.uuid4().hex[:16]
        if row is None:
            session.add(Setting(key=ACCESS_STATE, value=value))
        else:
            row.value = value
    if not session.info.get(_BUMPED_STATE):
        session.info[_BUMPED_STATE] = True
        event.listen(session, "after_commit", _forget_state, once=True)
        event.listen(session, "after_rollback", _forget_state, once=True)


def access_state(session: Session) -> str:
    """The access state revision as stored now. (A plain statement on the session's
    connection, after the ORM's pending changes as an ORM read would flush them: read on
    every view opened, every full recheck and every caller check)"""
    if session.autoflush and (session.new or session.deleted or session.dirty):
        session.flush()
    value = session.connection().execute(_ACCESS_STATE).scalar()
    return value or "0"


# built once (read on every view opened, stream asked for and full recheck)
_ACCESS_STATE = select(Setting.value).where(Setting.key == ACCESS_STATE)


def kept_access_state(db_key: str, read: Callable[[], str]) -> str:
    """The access state revision of database ``db_key``, read (``read()``) at most once a
    second by this process; a change committed by this process applies at once."""
    now = time.monotonic()
    with _states_lock:
        kept = _states.get(db_key)
    if kept is not None and now - kept[0] < ACCESS_STATE_TTL_S:
        return kept[1]
    value = read()
    with _states_lock:
        _states[db_key] = (now, value)
    return value


def peek_access_state(db_key: str) -> str | None:
    """The revision this process read less than a second ago, or None (read it again)."""
    with _states_lock:
        kept = _states.get(db_key)
    if kept is not None and time.monotonic() - kept[0] < ACCESS_STATE_TTL_S:
        return kept[1]
    return None


def database_key(session: Session) -> str:
    return _database_of(session)


def _forget_state(session: Session) -> None:
    session.info.pop(_BUMPED_STATE, None)
    with _states_lock:
        _states.clear()


def _changes_access_state(session: Session) -> bool:
    for obj in (*session.new, *session.dirty, *session.deleted):
        kind = type(obj)
        if kind is Setting:
            if obj.key != ACCESS_STATE:
                return True
        elif kind is ConsoleSession:
            # a login (new) changes no stamp: none names a session before it exists
            if obj in session.deleted or (obj not in session.new and not _SESSION_STATE
                                          .isdisjoint(_changed(obj))):
                return True
        elif kind in _STATE_TABLES and (obj in session.new or obj in session.deleted or (
                _changed(obj) - _QUIET.get(kind, frozenset()))):
            return True
    return False


def _changed(obj: object) -> set[str]:
    return {attr.key for attr in inspect(obj).attrs if attr.history.has_changes()}


@event.listens_for(Session, "before_flush")
def _bump_on_change(session: Session, _context: object, _instances: object) -> None:
    if _changes_access_state(session):
        bump_access_state(session)
