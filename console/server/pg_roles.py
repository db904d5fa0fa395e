"""The two PostgreSQL roles of a centre database, so that the server that writes the usage
register (R11) cannot rewrite it.

The owner role (e.g. ``console_owner``) owns the schema and every table: migrations run as
it, and only it (or a superuser) may alter a table, switch its triggers off or drop them.
Nothing runs as it day to day; its password is needed for ``server init`` and upgrades.

The runtime role (e.g. ``console_runtime``) is what ``server run`` connects as. It CAN:

- SELECT, INSERT, UPDATE, DELETE every ordinary table (users, sessions, grants, …);
- SELECT and INSERT ``audit_records``, ``audit_checkpoints`` and ``duty_log_entries`` (the
  on-duty log, R12) — append, read, nothing else;
- SELECT and UPDATE ``audit_head`` (appending moves the chain head; it takes its row lock);
- SELECT ``alembic_version`` (which schema it is talking to);
- use and read the sequences (``serial`` ids).

It CANNOT: UPDATE, DELETE or TRUNCATE the audit records or checkpoints (no privilege, and the
append-only triggers of migrations 0001/0007 refuse it as well); ALTER a table, DISABLE or
DROP a trigger, replace the trigger function (only an object's owner may); create objects in
the schema; set ``session_replication_role`` (which skips triggers; superuser only); insert
or delete the chain head; change the schema version. It is not a superuser, cannot create
roles or databases and is no member of the owner role.

What it can still do is append: whoever holds its password can add records as the server
would. What the owner (or a superuser) can do — rewrite records and re-chain them — the
signed checkpoints catch (console/audit/checkpoints.py).

Use (``main.py server init``, connected with a superuser's URL)::

    passwords = create_roles(admin_url, "console", owner="console_owner",
                             runtime="console_runtime")
    # store passwords.owner / passwords.runtime in the data directory's FileSecretStore
    owner_db = Database(role_url(admin_url, "console", "console_owner"),
                        password=passwords.owner)
    owner_db.migrate()
    grant_runtime(owner_db, runtime="console_runtime")   # after every migration

or ``prepare_database(...)``, which does all three. ``grant_runtime`` must follow every
migration: default privileges give a table a later migration creates the ordinary grants
(so the server keeps working), and only ``grant_runtime`` takes UPDATE and DELETE back from
the append-only tables (until then their triggers still refuse both, and the runtime role
cannot switch them off).

Passwords are random, returned to the caller and never printed or logged here; the server
receives only a SCRAM-SHA-256 verifier computed on this side, so the plain password is not
in its statement log either.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import LiteralString

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow
from sqlalchemy import text
from sqlalchemy.engine import URL

from console.storage.database import Database, parse_database_url

# Tables the runtime role may only read and append to.
APPEND_ONLY_TABLES = ("audit_records", "audit_checkpoints", "duty_log_entries")
# Tables the runtime role may read and update but not insert into or delete from.
UPDATE_ONLY_TABLES = ("audit_head",)
# Tables the runtime role may only read.
READ_ONLY_TABLES = ("alembic_version",)

_ROLE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")
SCHEMA = "public"


class RoleSetupError(RuntimeError):
    pass


@dataclass(frozen=True)
class RolePasswords:
    """The new roles' passwords, for the caller's secret store. Not in the repr, so an
    accidental print or log line does not show them."""

    owner: str = field(repr=False)
    runtime: str = field(repr=False)


def role_url(admin_url: str | URL, database: str, role: str) -> str:
    """The URL (no password) of ``database`` on the admin URL's server, as ``role``."""
    url = _postgres_url(admin_url).set(username=role, password=None, database=database)
    return url.render_as_string(hide_password=False)


def create_roles(admin_url: str | URL, database: str, *, owner: str, runtime: str,
                 admin_password: str | None = None) -> RolePasswords:
    """Connected to ``database`` as a superuser (``admin_url``, the password in it or in
    ``admin_password``): create the owner and runtime roles with random passwords (LOGIN),
    hand the owner the ``public`` schema and every object already in it, and grant the
    runtime role what the server needs (see the module docstring), now and — through default
    privileges — on tables the owner creates later. Refuses roles that exist already: roles
    belong to the whole PostgreSQL cluster, and taking one over could lock out another
    database that uses it."""
    _check_names(owner, runtime)
    passwords = RolePasswords(owner=_new_password(), runtime=_new_password())
    with _connect(admin_url, database, admin_password) as conn:
        existing = [r for (r,) in conn.execute(
            "SELECT rolname FROM pg_roles WHERE rolname = ANY(%s)", [[owner, runtime]])]
        if existing:
            raise RoleSetupError(f"PostgreSQL role {existing[0]!r} exists already: choose "
                                 "other role names or drop it first")
        for role, password in ((owner, passwords.owner), (runtime, passwords.runtime)):
            verifier = conn.pgconn.encrypt_password(password.encode(), role.encode(),
                                                    b"scram-sha-256").decode()
            conn.execute(sql.SQL(
                "CREATE ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION "
                "NOBYPASSRLS PASSWORD {}").format(sql.Identifier(role), sql.Literal(verifier)))
        for statement in _ownership_statements(conn, owner, database):
            conn.execute(statement)
        for statement in _default_privileges(owner, runtime):
            conn.execute(statement)
        for statement in _runtime_grants(runtime, _existing_tables(conn)):
            conn.execute(statement)
    return passwords


def grant_runtime(db: Database, *, runtime: str) -> None:
    """Grant the runtime role its privileges on every table and sequence that exists now and
    take back what it must not have on the audit tables. Run as the owner (or a superuser)
    after every migration; running it again changes nothing."""
    _check_names(runtime)
    if db.is_sqlite:
        raise RoleSetupError("the embedded SQLite database has no roles")
    with db.engine.begin() as conn:
        tables = {name for (name,) in conn.execute(text(
            "SELECT tablename FROM pg_tables WHERE schemaname = :schema"), {"schema": SCHEMA})}
        for statement in _runtime_grants(runtime, tables):
            conn.exec_driver_sql(statement)


def prepare_database(admin_url: str | URL, database: str, *, owner: str, runtime: str,
                     admin_password: str | None = None) -> RolePasswords:
    """``server init`` on PostgreSQL in one call: the roles, the schema migrated as the owner,
    the runtime role's grants. The database must exist (and is best empty)."""
    passwords = create_roles(admin_url, database, owner=owner, runtime=runtime,
                             admin_password=admin_password)
    owner_db = Database(role_url(admin_url, database, owner), password=passwords.owner)
    try:
        owner_db.migrate()
        grant_runtime(owner_db, runtime=runtime)
    finally:
        owner_db.dispose()
    return passwords


# -- the statements ---------------------------------------------------------------------------

def _q(name: str) -> str:
    """A quoted identifier; names are checked against _ROLE_NAME or come from the catalogue."""
    return '"' + name.replace('"', '""') + '"'


def _runtime_grants(runtime: str, tables: set[str]) -> list[str]:
    r, schema = _q(runtime), _q(SCHEMA)
    statements = [
        f"GRANT USAGE ON SCHEMA {schema} TO {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {r}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {r}",
    ]
    taken = [(APPEND_ONLY_TABLES, "UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER"),
             (UPDATE_ONLY_TABLES, "INSERT, DELETE, TRUNCATE, REFERENCES, TRIGGER"),
             (READ_ONLY_TABLES, "INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER")]
    for names, privileges in taken:
        statements += [f"REVOKE {privileges} ON {schema}.{_q(t)} FROM {r}"
                       for t in names if t in tables]
    return statements


def _default_privileges(owner: str, runtime: str) -> list[str]:
    """What tables and sequences the owner creates later grant the runtime role by
    themselves. Ordinary rights: an append-only table gets its refusals from its triggers at
    once and its revokes from grant_runtime after the migration."""
    prefix = f"ALTER DEFAULT PRIVILEGES FOR ROLE {_q(owner)} IN SCHEMA {_q(SCHEMA)}"
    return [
        f"{prefix} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {_q(runtime)}",
        f"{prefix} GRANT USAGE, SELECT ON SEQUENCES TO {_q(runtime)}",
    ]


def _ownership_statements(conn: psycopg.Connection[TupleRow], owner: str,
                          database: str) -> list[str]:
    """The owner gets the schema (migrations create tables in it; PostgreSQL 15 lets only the
    schema's owner do that by default) and every object a superuser may have created in it
    before (a database migrated before the roles existed). Nobody else may create there."""
    o, schema = _q(owner), _q(SCHEMA)
    statements = [
        f"GRANT CONNECT ON DATABASE {_q(database)} TO {o}",
        f"ALTER SCHEMA {schema} OWNER TO {o}",
        f"REVOKE CREATE ON SCHEMA {schema} FROM PUBLIC",
    ]
    # Tables, views, materialized views, foreign tables (their serial sequences follow them),
    # sequences no column owns, functions (the append-only trigger function), enum and domain
    # types; never an extension's objects (the extension owns those).
    for kind, query in _OBJECTS_TO_OWN:
        for (name,) in conn.execute(query, [SCHEMA]):
            statements.append(f"ALTER {kind} {name} OWNER TO {o}")
    return statements


# (ALTER …, a query of the qualified names of such objects in schema %s)
_OBJECTS_TO_OWN: list[tuple[str, LiteralString]] = [
    ("TABLE",
     "SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c "
     "JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE n.nspname = %s AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
     "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid AND e.deptype = 'e')"),
    ("SEQUENCE",
     "SELECT format('%%I.%%I', n.nspname, c.relname) FROM pg_class c "
     "JOIN pg_namespace n ON n.oid = c.relnamespace "
     "WHERE n.nspname = %s AND c.relkind = 'S' "
     "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = c.oid "
     "AND e.deptype IN ('a', 'i', 'e'))"),
    ("ROUTINE",
     "SELECT format('%%I.%%I(%%s)', n.nspname, p.proname, "
     "pg_get_function_identity_arguments(p.oid)) FROM pg_proc p "
     "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %s "
     "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = p.oid AND e.deptype = 'e')"),
    ("TYPE",
     "SELECT format('%%I.%%I', n.nspname, t.typname) FROM pg_type t "
     "JOIN pg_namespace n ON n.oid = t.typnamespace "
     "WHERE n.nspname = %s AND t.typtype IN ('e', 'd') "
     "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = t.oid AND e.deptype = 'e')"),
]


def _existing_tables(conn: psycopg.Connection[TupleRow]) -> set[str]:
    return {str(name) for (name,) in conn.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = %s", [SCHEMA])}


# -- helpers ------------------------------------------------------------------------------------

def _check_names(*roles: str) -> None:
    for role in roles:
        if not _ROLE_NAME.fullmatch(role):
            raise RoleSetupError(f"bad role name {role!r}: use lowercase letters, digits and _")
    if len(set(roles)) != len(roles):
        raise RoleSetupError("the owner and the runtime role must be two different roles")


def _new_password() -> str:
    return secrets.token_urlsafe(32)


def _postgres_url(admin_url: str | URL) -> URL:
    url = parse_database_url(admin_url)
    if url.get_backend_name() != "postgresql":
        raise RoleSetupError("database roles exist on PostgreSQL only")
    return url


def _connect(admin_url: str | URL, database: str,
             password: str | None) -> psycopg.Connection[TupleRow]:
    """A psycopg connection in one transaction: every role, owner change and grant lands
    together or not at all."""
    url = _postgres_url(admin_url)
    return psycopg.connect(host=url.host, port=url.port, user=url.username,
                           password=password or url.password, dbname=database,
                           connect_timeout=10)
