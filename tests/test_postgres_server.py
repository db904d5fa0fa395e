"""The throwaway PostgreSQL server the tests use really starts, serves and stops."""

import socket

import pytest
from sqlalchemy import create_engine, text

from tests.support.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres


def test_server_starts_serves_a_fresh_database_and_stops() -> None:
    server = PostgresServer()
    server.start()
    try:
        url = server.create_database("smoke_check")
        assert url == f"postgresql+psycopg://postgres@127.0.0.1:{server.port}/smoke_check"
        engine = create_engine(url)
        try:
            with engine.connect() as conn:
                version = conn.execute(text("select version()")).scalar_one()
        finally:
            engine.dispose()
        assert "PostgreSQL" in version
        port = server.port
    finally:
        server.stop()

    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
