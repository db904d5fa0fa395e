"""The centre server: terminal enrolment (certificates, one-time codes), session tokens and
kinds, open views with leases, scheduled jobs claimed through the database, signed audit
checkpoints, and the registered end of each grant.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from console.storage.types import UTCDateTime

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('terminals') as batch:
        batch.add_column(sa.Column('cert_fingerprint', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('cert_not_after', UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('enrolled_at', UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('revoked_at', UTCDateTime(), nullable=True))
        batch.add_column(sa.Column('software_version', sa.String(length=40), nullable=True))
        batch.add_column(sa.Column('last_seen_at', UTCDateTime(), nullable=True))
        batch.create_unique_constraint(batch.f('uq_terminals_cert_fingerprint'),
                                       ['cert_fingerprint'])
    op.create_table('terminal_enrolments',
    sa.Column('id', sa.String(length=8), nullable=False),
    sa.Column('terminal_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('expires_at', UTCDateTime(), nullable=False),
    sa.Column('used_at', UTCDateTime(), nullable=True),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.ForeignKeyConstraint(['terminal_id'], ['terminals.id'],
                            name=op.f('fk_terminal_enrolments_terminal_id_terminals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_terminal_enrolments'))
    )
    with op.batch_alter_table('terminal_enrolments') as batch:
        batch.create_index(batch.f('ix_terminal_enrolments_terminal_id'), ['terminal_id'],
                           unique=False)

    with op.batch_alter_table('sessions') as batch:
        batch.add_column(sa.Column('kind', sa.String(length=8), nullable=False,
                                   server_default='console'))
        batch.add_column(sa.Column('token_hash', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('locked_at', UTCDateTime(), nullable=True))
        batch.create_unique_constraint(batch.f('uq_sessions_token_hash'), ['token_hash'])
        batch.drop_index('uq_sessions_one_live_per_user',
                         sqlite_where=sa.text('ended_at IS NULL'),
                         postgresql_where=sa.text('ended_at IS NULL'))
        batch.create_index('uq_sessions_one_live_per_user', ['user_id'], unique=True,
                           sqlite_where=sa.text("ended_at IS NULL AND kind = 'console'"),
                           postgresql_where=sa.text("ended_at IS NULL AND kind = 'console'"))

    op.create_table('open_views',
    sa.Column('id', sa.String(length=16), nullable=False),
    sa.Column('session_id', sa.String(length=36), nullable=False),
    sa.Column('camera_id', sa.Integer(), nullable=False),
    sa.Column('camera_code', sa.String(length=20), nullable=False),
    sa.Column('camera_name', sa.String(length=100), nullable=False),
    sa.Column('right', sa.String(length=10), nullable=False),
    sa.Column('purpose', sa.String(length=300), nullable=False),
    sa.Column('output', sa.String(length=40), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=True),
    sa.Column('until', UTCDateTime(), nullable=True),
    sa.Column('opened_at', UTCDateTime(), nullable=False),
    sa.Column('lease_until', UTCDateTime(), nullable=False),
    sa.Column('stream', sa.String(length=8), nullable=True),
    sa.Column('closed_at', UTCDateTime(), nullable=True),
    sa.Column('close_reason', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['camera_id'], ['cameras.id'],
                            name=op.f('fk_open_views_camera_id_cameras')),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'],
                            name=op.f('fk_open_views_session_id_sessions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_open_views'))
    )
    with op.batch_alter_table('open_views') as batch:
        batch.create_index(batch.f('ix_open_views_session_id'), ['session_id'], unique=False)
        batch.create_index(batch.f('ix_open_views_lease_until'), ['lease_until'], unique=False)
        batch.create_index(batch.f('ix_open_views_closed_at'), ['closed_at'], unique=False)

    op.create_table('scheduled_jobs',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('next_run_at', UTCDateTime(), nullable=False),
    sa.Column('last_run_at', UTCDateTime(), nullable=True),
    sa.Column('last_run_by', sa.String(length=64), nullable=True),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_scheduled_jobs'))
    )

    op.create_table('audit_checkpoints',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('key_id', sa.String(length=16), nullable=False),
    sa.Column('signature', sa.String(length=128), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_checkpoints')),
    sa.UniqueConstraint('seq', name=op.f('uq_audit_checkpoints_seq'))
    )
    _append_only('audit_checkpoints')

    with op.batch_alter_table('grants') as batch:
        batch.add_column(sa.Column('end_noted_at', UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('grants') as batch:
        batch.drop_column('end_noted_at')
    _drop_append_only('audit_checkpoints')
    op.drop_table('audit_checkpoints')
    op.drop_table('scheduled_jobs')
    with op.batch_alter_table('open_views') as batch:
        batch.drop_index(batch.f('ix_open_views_closed_at'))
        batch.drop_index(batch.f('ix_open_views_lease_until'))
        batch.drop_index(batch.f('ix_open_views_session_id'))
    op.drop_table('open_views')
    with op.batch_alter_table('sessions') as batch:
        batch.drop_index('uq_sessions_one_live_per_user',
                         sqlite_where=sa.text("ended_at IS NULL AND kind = 'console'"),
                         postgresql_where=sa.text("ended_at IS NULL AND kind = 'console'"))
        batch.create_index('uq_sessions_one_live_per_user', ['user_id'], unique=True,
                           sqlite_where=sa.text('ended_at IS NULL'),
                           postgresql_where=sa.text('ended_at IS NULL'))
        batch.drop_constraint(batch.f('uq_sessions_token_hash'), type_='unique')
        batch.drop_column('locked_at')
        batch.drop_column('token_hash')
        batch.drop_column('kind')
    with op.batch_alter_table('terminal_enrolments') as batch:
        batch.drop_index(batch.f('ix_terminal_enrolments_terminal_id'))
    op.drop_table('terminal_enrolments')
    with op.batch_alter_table('terminals') as batch:
        batch.drop_constraint(batch.f('uq_terminals_cert_fingerprint'), type_='unique')
        batch.drop_column('last_seen_at')
        batch.drop_column('software_version')
        batch.drop_column('revoked_at')
        batch.drop_column('enrolled_at')
        batch.drop_column('cert_not_after')
        batch.drop_column('cert_fingerprint')


def _append_only(table: str) -> None:
    """Like the audit records, signed checkpoints are never changed or removed."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()"
        )
    else:
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only ({verb} refused)'); END"
            )


def _drop_append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_no_change ON {table}")
        op.execute(f"DROP TRIGGER {table}_no_truncate ON {table}")
    else:
        op.execute(f"DROP TRIGGER {table}_no_update")
        op.execute(f"DROP TRIGGER {table}_no_delete")
