"""Engine and transactions for SQLite (embedded default) and PostgreSQL (command centre)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).with_name("migrations")
_READ_ONLY = "console_read_only"     # execution option of Database.read's connections


class DatabaseUrlError(ValueError):
    pass


def parse_database_url(url: str | URL) -> URL:
    """Parse and check a database URL: only SQLite and PostgreSQL, and no password inside it
    (a password belongs in keyring; see console/secrets.py)."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        raise DatabaseUrlError(f"database URL {redact(str(url))!r} is not a valid URL") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise DatabaseUrlError(
            f"database URL scheme {backend!r} is not supported: use sqlite:/// or postgresql://"
        )
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def redact(url: str) -> str:
    """The URL with any password replaced, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable URL>"


class Database:
    """Owns the engine; hands out one SQLAlchemy session per unit of work."""

    def __init__(self, url: str | URL, *, password: str | None = None) -> None:
        parsed = parse_database_url(url)
        if password is not None:
            parsed = parsed.set(password=password)
        self.url = parsed
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        kwargs: dict[str, Any] = {"future": True}
        if self.is_sqlite:
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            kwargs["connect_args"] = {"timeout": 30, "check_same_thread": False}
        else:
            kwargs["pool_pre_ping"] = True
        self.engine: Engine = create_engine(parsed, **kwargs)
        # SQLite has one writer at a time and every unit of work begins as a writer (BEGIN
        # IMMEDIATE): the threads of this process queue on this lock instead of SQLite's busy
        # handler, which polls with sleeps of up to 100 ms (seconds of delay under load)
        self._writer: threading.RLock | None = None
        if self.is_sqlite:
            _configure_sqlite(self.engine)
            self._writer = threading.RLock()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._readers = sessionmaker(self.engine.execution_options(**{_READ_ONLY: True}),
                                     expire_on_commit=False)

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @property
    def host(self) -> str | None:
        """The network host of the database, or None when it is a local file."""
        return None if self.is_sqlite else (self.url.host or None)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any exception."""
        if self._writer is None:
            with self._sessions.begin() as session:
                yield session
            return
        with self._writer, self._sessions.begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A unit of work that only reads: on SQLite a deferred transaction that waits for
        no writer (WAL: it reads the last committed state); on PostgreSQL the same as
        ``transaction``. Writing in it is an error on SQLite."""
        with self._readers.begin() as session:
            yield session

    def has_schema(self) -> bool:
        """True once migrations have created the console's tables."""
        return inspect(self.engine).has_table("audit_head")

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision."""
        with self.engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def _configure_sqlite(engine: Engine) -> None:
    """Foreign keys on, WAL for concurrent readers, and BEGIN IMMEDIATE so two writers
    queue on the database lock instead of failing on a lock upgrade."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        read_only = connection.get_execution_options().get(_READ_ONLY, False)
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")
