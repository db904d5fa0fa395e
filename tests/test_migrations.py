"""The Alembic migrations build exactly the schema the models describe, on both backends,
and running them again changes nothing."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from console.storage.database import Database
from console.storage.models import Base


def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_migrate_is_idempotent(db: Database) -> None:
    db.migrate()
    tables = set(inspect(db.engine).get_table_names())
    assert {"units", "users", "terminals", "terminal_bindings", "sessions", "audit_records",
            "audit_head", "settings", "alembic_version"} <= tables
