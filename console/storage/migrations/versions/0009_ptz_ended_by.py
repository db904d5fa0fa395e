"""Who ended a PTZ session (R10, R11): the person and terminal (``user:ACCOUNT@TERMINAL``),
the centre's sweep (``sweep``), the centre after the controlling terminal went silent
(``lease expired``) or the centre's own rules (``centre``: idle, grant lost, camera error).
A console that was stopped and resumed could only say "another console" sent its camera
home; now it names who did. NULL for the sessions ended before this revision.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('ptz_sessions') as batch:
        batch.add_column(sa.Column('ended_by', sa.String(length=160), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('ptz_sessions') as batch:
        batch.drop_column('ended_by')
