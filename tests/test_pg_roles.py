"""The centre database's two roles on a real PostgreSQL: the runtime role the server runs as
can append to the usage register but not rewrite it — no UPDATE, DELETE, TRUNCATE, no
switching off or dropping the append-only triggers — while every service still works; the
owner role can rewrite it, and the signed checkpoints catch that.

The test server trusts every loopback connection (tests/support/postgres_server.py), so the
passwords are not checked here; what is tested is what each role is allowed to do.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from console.audit.checkpoints import CheckpointSigner, write_checkpoint
from console.audit.verify import verify_trail
from console.clock import FixedClock
from console.passwords import PasswordHashing
from console.server.pg_roles import (
    RolePasswords,
    RoleSetupError,
    create_roles,
    grant_runtime,
    prepare_database,
    role_url,
)
from console.storage.database import Database
from tests.conftest import INSTALLER, PASSWORD, START, T42, World, seed_world
from tests.support.audit_forgery import append_records, forge, rechain
from tests.support.postgres_server import PostgresServer

pytestmark = pytest.mark.postgres

SIGNER = CheckpointSigner(Ed25519PrivateKey.generate())
INSUFFICIENT_PRIVILEGE = "42501"
_names = itertools.count()


@dataclass
class Centre:
    admin_url: str
    database: str
    owner_name: str
    runtime_name: str
    passwords: RolePasswords
    owner: Database     # migrations, and the rewrite an owner could do
    runtime: Database   # what the server runs as

    def close(self) -> None:
        self.owner.dispose()
        self.runtime.dispose()


def _names_for_test() -> tuple[str, str, str]:
    """A database and two role names of its own (roles belong to the whole cluster)."""
    n = f"{os.getpid()}_{next(_names)}"
    return f"roles_{n}", f"owner_{n}", f"runtime_{n}"


def _centre(server: PostgresServer, *, migrated_before: bool = False) -> Centre:
    database, owner, runtime = _names_for_test()
    admin_url = server.create_database(database)
    if migrated_before:  # a database set up before the roles existed, by a superuser
        early = Database(admin_url)
        early.migrate()
        early.dispose()
    passwords = create_roles(admin_url, database, owner=owner, runtime=runtime)
    owner_db = Database(role_url(admin_url, database, owner), password=passwords.owner)
    owner_db.migrate()
    grant_runtime(owner_db, runtime=runtime)
    runtime_db = Database(role_url(admin_url, database, runtime), password=passwords.runtime)
    return Centre(admin_url, database, owner, runtime, passwords, owner_db, runtime_db)


@pytest.fixture(scope="module")
def centre(postgres_server: PostgresServer) -> Iterator[Centre]:
    """Roles made on a fresh database, the schema migrated as the owner, a world seeded by
    the services running as the runtime role (users, terminals, bindings, logins)."""
    c = _centre(postgres_server)
    yield c
    c.close()


@pytest.fixture(scope="module")
def seeded(centre: Centre, hashing: PasswordHashing) -> World:
    return seed_world(centre.runtime, FixedClock(START), hashing)


def _run(db: Database, statement: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(text(statement))


def _sqlstate(error: DBAPIError) -> str | None:
    return getattr(error.orig, "sqlstate", None)


# -- the roles -----------------------------------------------------------------------------------

def test_roles_are_plain_logins(centre: Centre, postgres_server: PostgresServer) -> None:
    with postgres_server.connect(centre.database) as conn:
        rows = conn.execute(
            "SELECT rolname, rolsuper, rolcreaterole, rolcreatedb, rolcanlogin, rolbypassrls, "
            "rolreplication FROM pg_roles WHERE rolname = ANY(%s) ORDER BY rolname",
            [[centre.owner_name, centre.runtime_name]]).fetchall()
        assert [r[1:] for r in rows] == [(False, False, False, True, False, False)] * 2
        # the runtime role is nobody's member: it cannot act as the owner
        assert conn.execute(
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "WHERE r.rolname = %s", [centre.runtime_name]).fetchone() == (0,)
        owners = {r[0] for r in conn.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        assert owners == {centre.owner_name}
        assert conn.execute(
            "SELECT pg_get_userbyid(p.proowner) FROM pg_proc p "
            "WHERE p.proname = 'audit_records_append_only'").fetchone() == (centre.owner_name,)
    # the passwords go to the caller, not into a repr or a log line
    assert centre.passwords.owner not in repr(centre.passwords)
    assert centre.passwords.runtime not in repr(centre.passwords)
    assert len({centre.passwords.owner, centre.passwords.runtime}) == 2
    assert len(centre.passwords.owner) >= 40


def test_existing_roles_are_not_taken_over(centre: Centre) -> None:
    with pytest.raises(RoleSetupError, match="exists already"):
        create_roles(centre.admin_url, centre.database, owner=centre.owner_name,
                     runtime="someone_else")
    with pytest.raises(RoleSetupError, match="bad role name"):
        create_roles(centre.admin_url, centre.database, owner="Robert'); --", runtime="x")
    with pytest.raises(RoleSetupError, match="two different roles"):
        create_roles(centre.admin_url, centre.database, owner="same", runtime="same")


REFUSED = [
    # (case, what the runtime role tries)
    ("delete records", "DELETE FROM audit_records"),
    ("update a record", "UPDATE audit_records SET actor = 'someone' WHERE seq = 1"),
    ("truncate records", "TRUNCATE audit_records"),
    ("switch the record triggers off", "ALTER TABLE audit_records DISABLE TRIGGER USER"),
    ("switch all record triggers off", "ALTER TABLE audit_records DISABLE TRIGGER ALL"),
    ("drop a record trigger", "DROP TRIGGER audit_records_no_change ON audit_records"),
    ("drop the records", "DROP TABLE audit_records"),
    ("take the records over", "ALTER TABLE audit_records OWNER TO CURRENT_USER"),
    ("delete checkpoints", "DELETE FROM audit_checkpoints"),
    ("update a checkpoint", "UPDATE audit_checkpoints SET hash = 'x'"),
    ("truncate checkpoints", "TRUNCATE audit_checkpoints"),
    ("switch the checkpoint triggers off",
     "ALTER TABLE audit_checkpoints DISABLE TRIGGER USER"),
    ("drop a checkpoint trigger",
     "DROP TRIGGER audit_checkpoints_no_change ON audit_checkpoints"),
    ("replace the trigger function",
     "CREATE OR REPLACE FUNCTION audit_records_append_only() RETURNS trigger "
     "LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$"),
    # the on-duty log (R12) is append-only for the server too: a correction is a new entry
    ("update a duty log entry", "UPDATE duty_log_entries SET seen = 'edited'"),
    ("delete duty log entries", "DELETE FROM duty_log_entries"),
    ("truncate the duty log", "TRUNCATE duty_log_entries"),
    ("switch the duty log triggers off", "ALTER TABLE duty_log_entries DISABLE TRIGGER USER"),
    ("skip every trigger", "SET session_replication_role = replica"),
    ("delete the chain head", "DELETE FROM audit_head"),
    ("add a chain head", "INSERT INTO audit_head (id, last_seq, last_hash) VALUES (2, 0, 'x')"),
    ("change the schema version", "UPDATE alembic_version SET version_num = '0001'"),
    ("create a table", "CREATE TABLE audit_shadow (seq integer)"),
]


@pytest.mark.parametrize("statement", [c[1] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_the_runtime_role_cannot_rewrite_the_register(centre: Centre, seeded: World,
                                                      statement: str) -> None:
    with pytest.raises(DBAPIError) as refused:
        _run(centre.runtime, statement)
    # refused for lack of privilege, before any trigger had to step in
    assert _sqlstate(refused.value) == INSUFFICIENT_PRIVILEGE, refused.value
    with centre.runtime.transaction() as s:
        assert verify_trail(s, checkpoint_key=SIGNER.public).ok


def test_the_services_work_as_the_runtime_role(centre: Centre, seeded: World) -> None:
    """Seeding ran through AdminService and AuthService as the runtime role; the server's
    other writes (logins, the chain head, checkpoints, scheduled jobs) work too."""
    result = seeded.auth(T42).login("zhangsan", PASSWORD)
    assert result.ok, result
    seeded.auth(T42).logout(result.session.session_id)  # type: ignore[union-attr]
    seeded.admin.create_unit(INSTALLER, "ROLES-TEST", "权限测试单位", parent="CENTRE")
    assert write_checkpoint(centre.runtime, seeded.clock, SIGNER, every_records=1) is not None
    with centre.runtime.transaction() as s:
        result_ = verify_trail(s, checkpoint_key=SIGNER.public)
    assert result_.ok and result_.unsigned == 0, result_.describe()
    _run(centre.runtime, "UPDATE audit_head SET last_seq = last_seq WHERE id = 1")


def test_tables_of_later_migrations_get_the_ordinary_grants(centre: Centre) -> None:
    """Default privileges: a table the owner creates later works for the server at once."""
    _run(centre.owner, "CREATE TABLE later_table (id serial PRIMARY KEY, note text)")
    _run(centre.runtime, "INSERT INTO later_table (note) VALUES ('a')")
    _run(centre.runtime, "UPDATE later_table SET note = 'b'")
    _run(centre.runtime, "DELETE FROM later_table")
    with pytest.raises(DBAPIError) as refused:
        _run(centre.runtime, "ALTER TABLE later_table ADD COLUMN x integer")
    assert _sqlstate(refused.value) == INSUFFICIENT_PRIVILEGE
    grant_runtime(centre.owner, runtime=centre.runtime_name)  # again: changes nothing
    with pytest.raises(DBAPIError) as refused:
        _run(centre.runtime, "DELETE FROM audit_records")
    assert _sqlstate(refused.value) == INSUFFICIENT_PRIVILEGE


def test_a_database_migrated_before_the_roles(postgres_server: PostgresServer) -> None:
    """Tables a superuser created before ``server init`` made the roles pass to the owner."""
    c = _centre(postgres_server, migrated_before=True)
    try:
        with postgres_server.connect(c.database) as conn:
            owners = {r[0] for r in conn.execute(
                "SELECT tableowner FROM pg_tables WHERE schemaname = 'public'")}
        assert owners == {c.owner_name}
        c.owner.migrate()  # the owner can run migrations on it
        append_records(c.runtime, FixedClock(START), 2)
        for statement in ("DELETE FROM audit_records",
                          "ALTER TABLE audit_records DISABLE TRIGGER USER"):
            with pytest.raises(DBAPIError) as refused:
                _run(c.runtime, statement)
            assert _sqlstate(refused.value) == INSUFFICIENT_PRIVILEGE
    finally:
        c.close()


# -- the owner's rewrite -----------------------------------------------------------------------

def test_a_chain_reforged_by_the_owner_fails_against_the_checkpoints(
        postgres_server: PostgresServer, hashing: PasswordHashing) -> None:
    database, owner, runtime = _names_for_test()
    admin_url = postgres_server.create_database(database)
    passwords = prepare_database(admin_url, database, owner=owner, runtime=runtime)
    runtime_db = Database(role_url(admin_url, database, runtime), password=passwords.runtime)
    owner_db = Database(role_url(admin_url, database, owner), password=passwords.owner)
    try:
        clock = FixedClock(START)
        seed_world(runtime_db, clock, hashing)
        signed = write_checkpoint(runtime_db, clock, SIGNER)
        assert signed is not None
        append_records(runtime_db, clock, 4)
        # the owner may switch the triggers off: edit a signed record, re-chain the rest
        # and the head, switch them back on
        rechain(owner_db, signed.seq - 3, "outcome = 'denied', reason = 'BAD_PASSWORD'")
        with runtime_db.transaction() as s:
            plain = verify_trail(s)
            result = verify_trail(s, checkpoint_key=SIGNER.public)
        assert plain.ok, plain.describe()  # the chain alone is fooled
        assert not result.ok
        assert (result.problem, result.bad_seq, result.checkpoint_seq) == (
            "checkpoint_mismatch", 1, signed.seq)
        assert result.describe().endswith("records after #0 cannot be trusted")
        # and the owner cannot take the checkpoint away unseen either: without it verify
        # vouches for nothing (every record unsigned)
        forge(owner_db, "DELETE FROM audit_checkpoints")
        with runtime_db.transaction() as s:
            after = verify_trail(s, checkpoint_key=SIGNER.public)
        assert after.ok and after.checkpoints == 0 and after.unsigned == after.count
    finally:
        runtime_db.dispose()
        owner_db.dispose()
