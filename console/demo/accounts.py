"""The demo accounts the README prints. Only ever seeded into the embedded demo database."""

from __future__ import annotations

DEMO_PASSWORD = "Demo@12345"  # noqa: S105 - the published demo password (README)

# (account, real name, role)
DEMO_ACCOUNTS: list[tuple[str, str, str]] = [
    ("duty01", "张敏", "duty_officer"),
    ("duty02", "刘洋", "duty_officer"),
    ("wall01", "王磊", "wall_operator"),
    ("super01", "李静", "supervisor"),
    ("admin01", "陈刚", "administrator"),
]
