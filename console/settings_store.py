"""Reading and writing the centre-wide settings (the policy) in the shared database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.policy import Policy
from console.storage.models import Setting


def load_policy(session: Session) -> Policy:
    # the two columns, not Setting objects: read on nearly every request of the centre
    rows = session.execute(select(Setting.key, Setting.value))
    return Policy.from_settings({key: value for key, value in rows})


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


# The access revision: bumped in the same transaction as any change to the catalogue, camera
# groups or grants, so running consoles see with one cheap read that their tree is stale.
ACCESS_REVISION = "access_revision"


def bump_access_revision(session: Session) -> str:
    value = str(int(get_setting(session, ACCESS_REVISION) or "0") + 1)
    put_setting(session, ACCESS_REVISION, value)
    return value


def access_revision(session: Session) -> str:
    return get_setting(session, ACCESS_REVISION) or "0"
