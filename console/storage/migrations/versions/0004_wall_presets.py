"""wall presets: named layouts and cameras of the video wall outputs

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('wall_presets',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('saved_by', sa.String(length=120), nullable=False),
    sa.Column('saved_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wall_presets')),
    sa.UniqueConstraint('name', name=op.f('uq_wall_presets_name'))
    )


def downgrade() -> None:
    op.drop_table('wall_presets')
