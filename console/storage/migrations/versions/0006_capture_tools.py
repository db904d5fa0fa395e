"""Screen capture programs: the centre's extra entries (R9)

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('capture_tools',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry', sa.String(length=300), nullable=False),
    sa.Column('added_by', sa.String(length=120), nullable=False),
    sa.Column('added_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_capture_tools')),
    sa.UniqueConstraint('entry', name=op.f('uq_capture_tools_entry'))
    )


def downgrade() -> None:
    op.drop_table('capture_tools')
