"""Each PTZ camera's reference picture at home, for verifying a return home by picture
where the protocol reads no position back (GB/T 28181 through the city platform).

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ptz_home_pictures',
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('picture', sa.LargeBinary(), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('home', sa.String(length=64), nullable=False),
    sa.Column('taken_at', UTCDateTime(), nullable=False),
    sa.Column('taken_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'],
                            name=op.f('fk_ptz_home_pictures_camera_id_cameras')),
    sa.PrimaryKeyConstraint('camera_id', name=op.f('pk_ptz_home_pictures'))
    )


def downgrade() -> None:
    op.drop_table('ptz_home_pictures')
