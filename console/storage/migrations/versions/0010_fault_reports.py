"""Fault reports on cameras (R13): reported from a tile, new → sent to the maintainer unit →
fixed → verified, with the maintainer and contact the catalogue named at the time.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('fault_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('camera_code', sa.String(length=20), nullable=False),
    sa.Column('camera_name', sa.String(length=100), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('maintainer', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=100), nullable=False),
    sa.Column('reported_by', sa.String(length=120), nullable=False),
    sa.Column('reporter_unit_id', sa.Integer(), nullable=True),
    sa.Column('terminal', sa.String(length=100), nullable=False),
    sa.Column('reported_at', UTCDateTime(), nullable=False),
    sa.Column('sent_by', sa.String(length=120), nullable=True),
    sa.Column('sent_at', UTCDateTime(), nullable=True),
    sa.Column('fixed_by', sa.String(length=120), nullable=True),
    sa.Column('fixed_at', UTCDateTime(), nullable=True),
    sa.Column('verified_by', sa.String(length=120), nullable=True),
    sa.Column('verified_at', UTCDateTime(), nullable=True),
    sa.Column('note', sa.String(length=300), nullable=False),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'],
                            name=op.f('fk_fault_reports_camera_id_cameras')),
    sa.ForeignKeyConstraint(['reporter_unit_id'], ['units.id'],
                            name=op.f('fk_fault_reports_reporter_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_fault_reports'))
    )
    op.create_index(op.f('ix_fault_reports_camera_id'), 'fault_reports', ['camera_id'])
    op.create_index(op.f('ix_fault_reports_reporter_unit_id'), 'fault_reports',
                    ['reporter_unit_id'])
    op.create_index(op.f('ix_fault_reports_state'), 'fault_reports', ['state'])


def downgrade() -> None:
    op.drop_table('fault_reports')
