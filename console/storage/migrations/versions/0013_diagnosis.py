"""Supervision (issue 14 items 7 and 9): each camera's online/offline transitions (the online
rates are computed from them; every camera present now gets its current state as its first
record) and what the automatic video diagnosis keeps per camera between checks.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('camera_online_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'],
                            name=op.f('fk_camera_online_changes_camera_id_cameras')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_camera_online_changes'))
    )
    op.create_index('ix_camera_online_changes_camera_at', 'camera_online_changes',
                    ['camera_id', 'at'])
    op.create_index(op.f('ix_camera_online_changes_at'), 'camera_online_changes', ['at'])
    op.create_table('diagnosis_states',
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('checked_at', UTCDateTime(), nullable=False),
    sa.Column('checks', sa.Integer(), nullable=False),
    sa.Column('baseline', sa.Text(), nullable=False),
    sa.Column('streaks', sa.Text(), nullable=False),
    sa.Column('thumb', sa.LargeBinary(), nullable=True),
    sa.Column('thumb_shape', sa.String(length=20), nullable=False),
    sa.Column('last_findings', sa.String(length=200), nullable=False),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'],
                            name=op.f('fk_diagnosis_states_camera_id_cameras')),
    sa.PrimaryKeyConstraint('camera_id', name=op.f('pk_diagnosis_states'))
    )
    op.create_index(op.f('ix_diagnosis_states_checked_at'), 'diagnosis_states',
                    ['checked_at'])
    # Cameras already in the catalogue are recorded from now on, in their current state.
    cameras = sa.table('cameras', sa.column('id', sa.Integer()),
                       sa.column('online', sa.Boolean()))
    changes = sa.table('camera_online_changes', sa.column('camera_id', sa.Integer()),
                       sa.column('at', UTCDateTime()), sa.column('online', sa.Boolean()))
    rows = op.get_bind().execute(sa.select(cameras.c.id, cameras.c.online)).all()
    if rows:
        now = datetime.now(UTC)
        op.bulk_insert(changes, [{"camera_id": id_, "at": now, "online": online}
                                 for id_, online in rows])


def downgrade() -> None:
    op.drop_table('diagnosis_states')
    op.drop_table('camera_online_changes')
