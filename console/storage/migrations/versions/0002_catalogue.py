"""catalogue: regions, projects, cameras, groups, grants

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('camera_groups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_camera_groups')),
    sa.UniqueConstraint('name', name=op.f('uq_camera_groups_name'))
    )
    op.create_table('regions',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_regions'))
    )
    op.create_table('projects',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('resource_type', sa.String(length=40), nullable=False),
    sa.Column('share_type', sa.String(length=16), nullable=False),
    sa.Column('total_count', sa.Integer(), nullable=True),
    sa.Column('shared_count', sa.Integer(), nullable=True),
    sa.Column('contractor', sa.String(length=200), nullable=False),
    sa.Column('warranty_end', sa.Date(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('contact', sa.String(length=100), nullable=False),
    sa.Column('remarks', sa.String(length=500), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_projects_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_projects')),
    sa.UniqueConstraint('name', name=op.f('uq_projects_name'))
    )
    op.create_table('cameras',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('region_code', sa.String(length=8), nullable=False),
    sa.Column('category', sa.String(length=40), nullable=False),
    sa.Column('camera_type', sa.Integer(), nullable=True),
    sa.Column('ptz_capable', sa.Boolean(), nullable=False),
    sa.Column('home_preset', sa.Integer(), nullable=True),
    sa.Column('owner_unit_id', sa.Integer(), nullable=False),
    sa.Column('maintainer', sa.String(length=200), nullable=False),
    sa.Column('contact', sa.String(length=100), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('contractor', sa.String(length=200), nullable=False),
    sa.Column('warranty_end', sa.Date(), nullable=True),
    sa.Column('share_type', sa.String(length=16), nullable=False),
    sa.Column('legal_basis', sa.String(length=300), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('main_stream', sa.String(length=500), nullable=False),
    sa.Column('sub_stream', sa.String(length=500), nullable=False),
    sa.Column('has_credentials', sa.Boolean(), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('last_seen', UTCDateTime(), nullable=True),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint("share_type IN ('unconditional', 'conditional', 'not_shared')", name=op.f('ck_cameras_share_type')),
    sa.ForeignKeyConstraint(['owner_unit_id'], ['units.id'], name=op.f('fk_cameras_owner_unit_id_units')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_cameras_project_id_projects')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cameras')),
    sa.UniqueConstraint('code', name=op.f('uq_cameras_code'))
    )
    with op.batch_alter_table('cameras', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cameras_owner_unit_id'), ['owner_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cameras_region_code'), ['region_code'], unique=False)

    op.create_table('camera_group_members',
    sa.Column('group_id', sa.Integer(), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'], name=op.f('fk_camera_group_members_camera_id_cameras')),
    sa.ForeignKeyConstraint(['group_id'], ['camera_groups.id'], name=op.f('fk_camera_group_members_group_id_camera_groups')),
    sa.PrimaryKeyConstraint('group_id', 'camera_id', name=op.f('pk_camera_group_members'))
    )
    with op.batch_alter_table('camera_group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_camera_group_members_camera_id'), ['camera_id'], unique=False)

    op.create_table('grants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grantee_unit_id', sa.Integer(), nullable=True),
    sa.Column('grantee_user_id', sa.Integer(), nullable=True),
    sa.Column('scope_kind', sa.String(length=8), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=True),
    sa.Column('group_id', sa.Integer(), nullable=True),
    sa.Column('region_code', sa.String(length=8), nullable=True),
    sa.Column('live', sa.Boolean(), nullable=False),
    sa.Column('ptz', sa.Boolean(), nullable=False),
    sa.Column('playback', sa.Boolean(), nullable=False),
    sa.Column('download', sa.Boolean(), nullable=False),
    sa.Column('valid_from', UTCDateTime(), nullable=False),
    sa.Column('valid_to', UTCDateTime(), nullable=False),
    sa.Column('purpose', sa.String(length=300), nullable=False),
    sa.Column('approver', sa.String(length=100), nullable=False),
    sa.Column('reference', sa.String(length=100), nullable=False),
    sa.Column('emergency', sa.Boolean(), nullable=False),
    sa.Column('issued_by', sa.String(length=120), nullable=False),
    sa.Column('issued_at', UTCDateTime(), nullable=False),
    sa.Column('revoked_at', UTCDateTime(), nullable=True),
    sa.Column('revoked_by', sa.String(length=120), nullable=True),
    sa.Column('revoke_reason', sa.String(length=300), nullable=True),
    sa.CheckConstraint("scope_kind IN ('camera', 'group', 'region')", name=op.f('ck_grants_scope_kind')),
    sa.CheckConstraint('(grantee_unit_id IS NULL) <> (grantee_user_id IS NULL)', name=op.f('ck_grants_one_grantee')),
    sa.CheckConstraint('valid_to > valid_from', name=op.f('ck_grants_period')),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'], name=op.f('fk_grants_camera_id_cameras')),
    sa.ForeignKeyConstraint(['grantee_unit_id'], ['units.id'], name=op.f('fk_grants_grantee_unit_id_units')),
    sa.ForeignKeyConstraint(['grantee_user_id'], ['users.id'], name=op.f('fk_grants_grantee_user_id_users')),
    sa.ForeignKeyConstraint(['group_id'], ['camera_groups.id'], name=op.f('fk_grants_group_id_camera_groups')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_grants'))
    )
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grants_grantee_unit_id'), ['grantee_unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grants_grantee_user_id'), ['grantee_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_grants_valid_to'), ['valid_to'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('grants', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grants_valid_to'))
        batch_op.drop_index(batch_op.f('ix_grants_grantee_user_id'))
        batch_op.drop_index(batch_op.f('ix_grants_grantee_unit_id'))

    op.drop_table('grants')
    with op.batch_alter_table('camera_group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_camera_group_members_camera_id'))

    op.drop_table('camera_group_members')
    with op.batch_alter_table('cameras', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cameras_region_code'))
        batch_op.drop_index(batch_op.f('ix_cameras_owner_unit_id'))

    op.drop_table('cameras')
    op.drop_table('projects')
    op.drop_table('regions')
    op.drop_table('camera_groups')
