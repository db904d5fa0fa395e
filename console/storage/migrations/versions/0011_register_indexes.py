"""Indexes for reading the usage register (R11) in the GUI and the leak trace: by person,
terminal, camera (target) and session, each newest first, and by time. Without them every
filtered page counted and sorted the whole chain.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None

_INDEXES = (
    ("ix_audit_records_actor_seq", ["actor", "seq"]),
    ("ix_audit_records_terminal_seq", ["terminal", "seq"]),
    ("ix_audit_records_target_seq", ["target", "seq"]),
    ("ix_audit_records_session_seq", ["session_id", "seq"]),
    ("ix_audit_records_at", ["at"]),
)


def upgrade() -> None:
    for name, columns in _INDEXES:
        op.create_index(name, 'audit_records', columns)


def downgrade() -> None:
    for name, _ in reversed(_INDEXES):
        op.drop_index(name, table_name='audit_records')
