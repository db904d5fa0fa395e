"""Reading and writing the centre-wide settings (the policy) in the shared database."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.policy import Policy
from console.storage.models import Setting


def load_policy(session: Session) -> Policy:
    rows = session.execute(select(Setting)).scalars()
    return Policy.from_settings({row.key: row.value for row in rows})


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
