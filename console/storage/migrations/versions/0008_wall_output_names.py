"""A view's output holds ``wall:`` and a whole wall output name (up to 64 characters, see
console/wall/presets.py MAX_OUTPUT_NAME): open_views.output was 40 characters, so PostgreSQL
refused (a 500) a wall view on an output named with more than 35.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('open_views') as batch:
        batch.alter_column('output', existing_type=sa.String(length=40),
                           type_=sa.String(length=80), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('open_views') as batch:
        batch.alter_column('output', existing_type=sa.String(length=80),
                           type_=sa.String(length=40), existing_nullable=False)
