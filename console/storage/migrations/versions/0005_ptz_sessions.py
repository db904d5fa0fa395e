"""PTZ control: each camera's control address and the PTZ sessions (R6, R7, R10)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('cameras') as batch:
        batch.add_column(sa.Column('ptz_address', sa.String(length=300), nullable=False,
                                   server_default=''))
    op.create_table('ptz_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('lock_camera_id', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('console_session_id', sa.String(length=36), nullable=False),
    sa.Column('actor', sa.String(length=120), nullable=False),
    sa.Column('actor_name', sa.String(length=100), nullable=False),
    sa.Column('terminal', sa.String(length=100), nullable=False),
    sa.Column('priority', sa.Integer(), nullable=False),
    sa.Column('basis', sa.String(length=20), nullable=False),
    sa.Column('tile', sa.String(length=40), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('started_at', UTCDateTime(), nullable=False),
    sa.Column('heartbeat_at', UTCDateTime(), nullable=False),
    sa.Column('last_command_at', UTCDateTime(), nullable=False),
    sa.Column('home_token', sa.String(length=64), nullable=True),
    sa.Column('home_position', sa.String(length=120), nullable=True),
    sa.Column('start_position', sa.String(length=120), nullable=True),
    sa.Column('device_return', sa.String(length=200), nullable=True),
    sa.Column('moves', sa.Integer(), nullable=False),
    sa.Column('presets_called', sa.Integer(), nullable=False),
    sa.Column('ended_at', UTCDateTime(), nullable=True),
    sa.Column('end_reason', sa.String(length=40), nullable=True),
    sa.Column('taken_by', sa.String(length=120), nullable=True),
    sa.Column('claimed_by', sa.String(length=36), nullable=True),
    sa.Column('return_attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', UTCDateTime(), nullable=True),
    sa.Column('return_result', sa.String(length=16), nullable=True),
    sa.Column('return_position', sa.String(length=120), nullable=True),
    sa.CheckConstraint("state IN ('active', 'returning', 'closed', 'failed')", name=op.f('ck_ptz_sessions_state')),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'], name=op.f('fk_ptz_sessions_camera_id_cameras')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_ptz_sessions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ptz_sessions')),
    sa.UniqueConstraint('lock_camera_id', name=op.f('uq_ptz_sessions_lock_camera_id'))
    )
    op.create_index(op.f('ix_ptz_sessions_camera_id'), 'ptz_sessions', ['camera_id'], unique=False)
    op.create_index(op.f('ix_ptz_sessions_state'), 'ptz_sessions', ['state'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_ptz_sessions_state'), table_name='ptz_sessions')
    op.drop_index(op.f('ix_ptz_sessions_camera_id'), table_name='ptz_sessions')
    op.drop_table('ptz_sessions')
    with op.batch_alter_table('cameras') as batch:
        batch.drop_column('ptz_address')
