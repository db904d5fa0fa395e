"""Duty roster, on-duty log, handover and review (R12): shifts with their planned people,
the append-only log (a correction is a new entry; triggers refuse UPDATE and DELETE as for
the usage register), handovers with their signed snapshot and answer.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_LOG = 'duty_log_entries'


def upgrade() -> None:
    op.create_table('duty_shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=40), nullable=False),
    sa.Column('starts_at', UTCDateTime(), nullable=False),
    sa.Column('ends_at', UTCDateTime(), nullable=False),
    sa.Column('review', sa.String(length=10), nullable=False),
    sa.Column('reviewed_by', sa.String(length=120), nullable=True),
    sa.Column('reviewed_at', UTCDateTime(), nullable=True),
    sa.Column('review_comment', sa.String(length=500), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_duty_shifts_period')),
    sa.CheckConstraint("review IN ('pending', 'returned', 'approved')",
                       name=op.f('ck_duty_shifts_review')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_duty_shifts_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_shifts'))
    )
    op.create_index(op.f('ix_duty_shifts_unit_id'), 'duty_shifts', ['unit_id'])
    op.create_index(op.f('ix_duty_shifts_starts_at'), 'duty_shifts', ['starts_at'])
    op.create_table('duty_shift_people',
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['shift_id'], ['duty_shifts.id'],
                            name=op.f('fk_duty_shift_people_shift_id_duty_shifts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'],
                            name=op.f('fk_duty_shift_people_user_id_users')),
    sa.PrimaryKeyConstraint('shift_id', 'user_id', name=op.f('pk_duty_shift_people'))
    )
    op.create_index(op.f('ix_duty_shift_people_user_id'), 'duty_shift_people', ['user_id'])
    op.create_table(_LOG,
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('written_at', UTCDateTime(), nullable=False),
    sa.Column('author', sa.String(length=120), nullable=False),
    sa.Column('author_name', sa.String(length=100), nullable=False),
    sa.Column('terminal', sa.String(length=100), nullable=False),
    sa.Column('session_id', sa.String(length=36), nullable=True),
    sa.Column('view_id', sa.String(length=16), nullable=True),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('cameras', sa.Text(), nullable=False),
    sa.Column('seen', sa.String(length=1000), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('follow_up', sa.String(length=500), nullable=False),
    sa.Column('corrects_id', sa.Integer(), nullable=True),
    sa.Column('closes_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['shift_id'], ['duty_shifts.id'],
                            name=op.f('fk_duty_log_entries_shift_id_duty_shifts')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                            name=op.f('fk_duty_log_entries_unit_id_units')),
    sa.ForeignKeyConstraint(['corrects_id'], ['duty_log_entries.id'],
                            name=op.f('fk_duty_log_entries_corrects_id_duty_log_entries')),
    sa.ForeignKeyConstraint(['closes_id'], ['duty_log_entries.id'],
                            name=op.f('fk_duty_log_entries_closes_id_duty_log_entries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_log_entries'))
    )
    for column in ('shift_id', 'unit_id', 'author', 'corrects_id', 'closes_id'):
        op.create_index(op.f(f'ix_duty_log_entries_{column}'), _LOG, [column])
    op.create_table('duty_handovers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('to_shift_id', sa.Integer(), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('note', sa.String(length=500), nullable=False),
    sa.Column('signed_by', sa.String(length=120), nullable=False),
    sa.Column('signed_name', sa.String(length=100), nullable=False),
    sa.Column('signed_terminal', sa.String(length=100), nullable=False),
    sa.Column('signed_session', sa.String(length=36), nullable=True),
    sa.Column('signed_at', UTCDateTime(), nullable=False),
    sa.Column('answered_by', sa.String(length=120), nullable=True),
    sa.Column('answered_name', sa.String(length=100), nullable=True),
    sa.Column('answered_terminal', sa.String(length=100), nullable=True),
    sa.Column('answered_session', sa.String(length=36), nullable=True),
    sa.Column('answered_at', UTCDateTime(), nullable=True),
    sa.Column('refusal', sa.String(length=500), nullable=False),
    sa.CheckConstraint("state IN ('signed', 'accepted', 'refused')",
                       name=op.f('ck_duty_handovers_state')),
    sa.ForeignKeyConstraint(['shift_id'], ['duty_shifts.id'],
                            name=op.f('fk_duty_handovers_shift_id_duty_shifts')),
    sa.ForeignKeyConstraint(['to_shift_id'], ['duty_shifts.id'],
                            name=op.f('fk_duty_handovers_to_shift_id_duty_shifts')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'],
                            name=op.f('fk_duty_handovers_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_handovers'))
    )
    op.create_index(op.f('ix_duty_handovers_shift_id'), 'duty_handovers', ['shift_id'])
    op.create_index(op.f('ix_duty_handovers_to_shift_id'), 'duty_handovers', ['to_shift_id'])
    _append_only(_LOG)


def downgrade() -> None:
    _drop_append_only(_LOG)
    op.drop_table('duty_handovers')
    op.drop_table(_LOG)
    op.drop_table('duty_shift_people')
    op.drop_table('duty_shifts')


def _append_only(table: str) -> None:
    """Like the usage register, the on-duty log is never changed or removed: a correction is
    a new entry. (PostgreSQL: the runtime role has no UPDATE or DELETE on it either, see
    console/server/pg_roles.py.)"""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION duty_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION '%% is append-only (%% refused): write a correction',
                    TG_TABLE_NAME, TG_OP;
            END $$""".replace("%%", "%")
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION duty_log_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION duty_log_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only ({verb} refused): write "
                "a correction'); END"
            )


def _drop_append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_no_change ON {table}")
        op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
        op.execute("DROP FUNCTION duty_log_append_only()")
    else:
        op.execute(f"DROP TRIGGER {table}_no_update")
        op.execute(f"DROP TRIGGER {table}_no_delete")
