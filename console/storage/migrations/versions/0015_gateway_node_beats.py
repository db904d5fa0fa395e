"""Media gateway nodes' health (issue 13): one heartbeat row per node, written by the
centre instance that hosts it, read by every instance when it chooses a camera's node.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('gateway_node_beats',
    sa.Column('node', sa.String(length=40), nullable=False),
    sa.Column('beat_at', UTCDateTime(), nullable=False),
    sa.Column('instance', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('node', name=op.f('pk_gateway_node_beats'))
    )


def downgrade() -> None:
    op.drop_table('gateway_node_beats')
