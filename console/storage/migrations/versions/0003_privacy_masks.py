"""privacy masks: per-camera polygons filled opaque in every output (R14)

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('privacy_masks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('polygons', sa.Text(), nullable=False),
    sa.Column('updated_by', sa.String(length=120), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'], name=op.f('fk_privacy_masks_camera_id_cameras')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_masks')),
    sa.UniqueConstraint('camera_id', name=op.f('uq_privacy_masks_camera_id'))
    )


def downgrade() -> None:
    op.drop_table('privacy_masks')
