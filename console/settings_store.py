"""Reading and writing the centre-wide settings (the policy) in the shared database."""

from __future__ import annotations

import threading
import time

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from console.policy import Policy
from console.storage.models import Setting

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
    return session.get_bind().engine.url.render_as_string(hide_password=True)


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
