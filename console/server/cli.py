"""``main.py server …``: the commands that run on the centre's host, the only place that
touches the database directly.

    server init  --database-url URL --data-dir DIR [--name HOST …] [--admin ACCOUNT …]
    server run   --data-dir DIR --listen HOST:PORT [--database-url URL]
    server migrate --data-dir DIR
    server terminal-add NAME --unit CODE --ip IP --mac MAC [--location TEXT] [--bind ACCOUNT]
    server enrol-code NAME          a new one-time code for a registered terminal
    server audit-verify [--expect SEQ:SHA256]

Everything else (users, grants, the catalogue, …) goes through the API with an
administrator's own login, from any enrolled terminal.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from console.audit.writer import Actor
from console.clock import SystemClock
from console.codes import Role

log = logging.getLogger(__name__)

DEFAULT_DATA_DIR = Path("/var/lib/city-video-centre")


class ServerCliError(RuntimeError):
    pass


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    server = commands.add_parser("server", help="the centre server (on the centre's host)")
    sub = server.add_subparsers(dest="server_command", metavar="ACTION", required=True,
                                parser_class=parser_class)

    def data_dir(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR, metavar="DIR",
                       help=f"the server's keys and secrets (default {DEFAULT_DATA_DIR})")

    p = sub.add_parser("init", help="create the centre: CA, keys, schema, first administrator")
    p.add_argument("--database-url", required=True, metavar="URL",
                   help="sqlite:///PATH, or postgresql://ADMIN@HOST/DB: a superuser of an "
                        "existing (empty) database; init makes an owner role (migrations) "
                        "and a runtime role (the server; it cannot rewrite the usage "
                        "register) and keeps their passwords in the data directory")
    p.add_argument("--owner-role", metavar="ROLE", help="default: DB_owner")
    p.add_argument("--runtime-role", metavar="ROLE", help="default: DB_runtime")
    data_dir(p)
    p.add_argument("--name", action="append", default=[], metavar="HOST",
                   help="a DNS name or IP terminals use to reach the server (repeat; "
                        "default: this host's names and addresses)")
    p.add_argument("--centre-name", default="市城运中心", help="the centre's name (CA)")
    p.add_argument("--admin", metavar="ACCOUNT",
                   help="create the first administrator (prints a one-time password)")
    p.add_argument("--admin-name", default="系统管理员", help="the administrator's real name")
    p.add_argument("--unit", default="CENTRE", metavar="CODE",
                   help="the administrator's unit (created when missing)")
    p.add_argument("--unit-name", default="市城运中心", help="that unit's name")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the PostgreSQL superuser's password from standard input "
                        "(used once, never stored)")

    p = sub.add_parser("run", help="serve the API (HTTPS, mutual TLS) until stopped")
    data_dir(p)
    p.add_argument("--listen", default="0.0.0.0:8443", metavar="HOST:PORT")
    p.add_argument("--database-url", metavar="URL", help="default: the data directory's")
    p.add_argument("--ready-file", type=Path, help=argparse.SUPPRESS)
    p.add_argument("--embedded", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--parent-pid", type=int, help=argparse.SUPPRESS)

    p = sub.add_parser("migrate", help="bring the database schema up to date")
    data_dir(p)

    p = sub.add_parser("terminal-add", help="register a terminal; prints its enrolment code")
    data_dir(p)
    p.add_argument("name", help="unique terminal name, e.g. T-0042")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--ip", required=True)
    p.add_argument("--mac", required=True)
    p.add_argument("--location", default="")
    p.add_argument("--bind", action="append", default=[], metavar="ACCOUNT",
                   help="let this account log in from the terminal (repeat)")

    p = sub.add_parser("enrol-code", help="a new one-time enrolment code for a terminal")
    data_dir(p)
    p.add_argument("name")

    p = sub.add_parser("audit-verify",
                       help="check the usage register against its signed checkpoints")
    data_dir(p)
    p.add_argument("--expect", metavar="SEQ:SHA256")


def server_actor() -> Actor:
    """The installer at the centre's host (the only direct-database actor left)."""
    return Actor(account=f"server:{getpass.getuser()}@{socket.gethostname()}"[:120],
                 is_installer=True)


def run(args: argparse.Namespace, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    # the centre's modules load only here: a terminal's main.py parses these arguments
    # without importing database code
    from console.admin.validation import AdminError  # noqa: PLC0415
    from console.server.data_dir import DataDirError  # noqa: PLC0415
    from console.storage.database import DatabaseUrlError  # noqa: PLC0415

    try:
        handler = {"init": _init, "run": _run, "migrate": _migrate,
                   "terminal-add": _terminal_add, "enrol-code": _enrol_code,
                   "audit-verify": _audit_verify}[args.server_command]
        return handler(args, out, err)
    except (ServerCliError, DataDirError, DatabaseUrlError, AdminError) as exc:
        err.write(f"error: {exc}\n")
        return 1


# -- init ------------------------------------------------------------------------------------


def _init(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from console.server.data_dir import DataDir, ServerConfig  # noqa: PLC0415
    from console.server.host import open_centre  # noqa: PLC0415
    from console.server.setup import create_keys, default_names  # noqa: PLC0415
    from console.storage.database import parse_database_url, redact  # noqa: PLC0415

    url = parse_database_url(args.database_url)
    if url.password:
        raise ServerCliError(f"--database-url {redact(args.database_url)} holds a password: "
                             "give it on standard input with --password-stdin")
    data = DataDir(args.data_dir)
    if data.ca_key.exists():
        raise ServerCliError(f"{data.root} is initialised already (its CA signs every "
                             "enrolled terminal); 'server migrate' upgrades the schema")
    names = args.name or default_names()
    clock = SystemClock()
    runtime_url, owner_url = args.database_url, ""
    if url.get_backend_name() == "postgresql":
        runtime_url, owner_url = _postgres_roles(args, url, data)
        out.write(f"PostgreSQL roles made: owner {parse_database_url(owner_url).username}, "
                  f"runtime {parse_database_url(runtime_url).username} (passwords kept in "
                  f"{data.root / 'secrets.json'})\n")
    create_keys(data, ServerConfig(runtime_url, tuple(names), args.centre_name, owner_url),
                clock.now())
    out.write(f"centre CA and server certificate in {data.root} (names: {', '.join(names)})\n")
    centre = open_centre(data)
    if centre.db.is_sqlite:
        centre.db.migrate()
    out.write(f"schema up to date: {centre.db.display_url}\n")
    if args.admin:
        _first_admin(centre, args, out)
    return 0


def _postgres_roles(args: argparse.Namespace, url: Any, data: Any) -> tuple[str, str]:
    """Make the owner and runtime roles, migrate as the owner, keep both passwords in the
    data directory's secrets; returns the runtime and owner URLs (no passwords)."""
    from console.secrets import database_secret_name  # noqa: PLC0415
    from console.server.pg_roles import RoleSetupError, prepare_database, role_url  # noqa: PLC0415

    database = url.database or ""
    owner = args.owner_role or f"{database}_owner"
    runtime = args.runtime_role or f"{database}_runtime"
    admin_password = None
    if args.password_stdin:
        admin_password = sys.stdin.readline().rstrip("\r\n")
        if not admin_password:
            raise ServerCliError("--password-stdin: standard input is empty")
    try:
        passwords = prepare_database(url, database, owner=owner, runtime=runtime,
                                     admin_password=admin_password)
    except RoleSetupError as exc:
        raise ServerCliError(str(exc)) from None
    data.make()
    secrets = data.secrets()
    for role, password in ((owner, passwords.owner), (runtime, passwords.runtime)):
        secrets.set(database_secret_name(role, url.host, url.port, database), password)
    return role_url(url, database, runtime), role_url(url, database, owner)


def _first_admin(centre: Any, args: argparse.Namespace, out: TextIO) -> None:
    actor = server_actor()
    units = {u.code for u in centre.admin.list_units()}
    if args.unit not in units:
        centre.admin.create_unit(actor, args.unit, args.unit_name)
    issued = centre.admin.create_user(actor, args.admin, args.admin_name, args.unit,
                                      Role.ADMINISTRATOR)
    out.write(f"administrator {issued.account} created; one-time password: "
              f"{issued.password}\n")


# -- run -------------------------------------------------------------------------------------


def _listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise ServerCliError(f"--listen {text!r} must be HOST:PORT")
    return host.strip("[]"), int(port)


def _run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from console.server.data_dir import DataDir  # noqa: PLC0415
    from console.server.host import CentreWork, centre_jobs, open_centre  # noqa: PLC0415
    from console.server.runner import ServerThread, serve, server_tls  # noqa: PLC0415

    host, port = _listen(args.listen)
    data = DataDir(args.data_dir)
    if args.embedded:
        # the embedded demo centre (and its demo data) is not in the centre package
        from console.server.embedded import AlreadyRunningError, EmbeddedCentre  # noqa: PLC0415

        try:
            return EmbeddedCentre(data, host, port, args.ready_file, args.parent_pid).run()
        except AlreadyRunningError as exc:
            raise ServerCliError(str(exc)) from None
    data.check()
    centre = open_centre(data, args.database_url)
    if not centre.db.has_schema():
        raise ServerCliError(f"database {centre.db.display_url} has no schema: run "
                             "'main.py server migrate' (or 'server init') first")
    from console.server.app import create_app  # noqa: PLC0415
    from console.server.gateway_link import HostedGateway  # noqa: PLC0415

    if centre.access.gateway is None:
        log.warning("no media gateway: terminals are handed the cameras' own addresses and "
                    "credentials (set gateway_nodes in %s)", data.config)
    hosted = data.read_config().hosted_node()
    gateway = None
    if hosted is not None:
        config = data.read_config()
        gateway = HostedGateway(centre.access, hosted.port, node=hosted.name,
                                address=config.gateway_address,
                                health=centre.gateway_health, instance=centre.instance,
                                keyframe_cache=config.gateway_keyframe_cache).start()
        log.info("gateway node %s relaying on port %d", hosted.name, hosted.port)
    work = CentreWork.build(centre, centre_jobs(data, centre))
    work.start()
    context = server_tls(data.server_cert, data.server_key, data.ca_cert)
    log.info("centre %s serving on https://%s:%d", centre.instance, host, port)
    try:
        if args.ready_file is None:
            serve(create_app(centre), host, port, context, log_level="info")
        else:   # tests and supervisors that need the port and a readiness signal
            server = ServerThread(create_app(centre), context, host, port).start()
            args.ready_file.write_text(f'{{"url": "{server.url}"}}\n', encoding="utf-8")
            stop = threading.Event()
            signal.signal(signal.SIGTERM, lambda *_: stop.set())
            signal.signal(signal.SIGINT, lambda *_: stop.set())
            stop.wait()
            server.stop()
    finally:
        # a stopping instance ends its PTZ controls itself: each camera goes home now
        centre.ptz_controls.close()
        work.stop()
        if gateway is not None:
            gateway.stop()
    return 0


# -- the rest ------------------------------------------------------------------------------


def _migrate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Upgrade the schema (as the owner role on PostgreSQL, then the runtime role's grants
    again: a new table gets them, an append-only one loses UPDATE and DELETE)."""
    from console.server.data_dir import DataDir  # noqa: PLC0415
    from console.server.host import open_database  # noqa: PLC0415

    data = DataDir(args.data_dir)
    config = data.read_config()
    db = open_database(config.owner_database_url or config.database_url, data.secrets())
    try:
        db.migrate()
        if not db.is_sqlite and config.owner_database_url:
            from console.server.pg_roles import grant_runtime  # noqa: PLC0415
            from console.storage.database import parse_database_url  # noqa: PLC0415

            runtime = parse_database_url(config.database_url).username or ""
            grant_runtime(db, runtime=runtime)
        out.write(f"schema up to date: {db.display_url}\n")
    finally:
        db.dispose()
    return 0


def _terminal_add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from console.server.data_dir import DataDir  # noqa: PLC0415
    from console.server.host import open_centre  # noqa: PLC0415

    centre = open_centre(DataDir(args.data_dir))
    actor = server_actor()
    known = {user.account for user, _terminals in centre.admin.list_users()}
    unknown = [account for account in args.bind if account not in known]
    if unknown:     # checked first: a refused command leaves no terminal behind
        raise ServerCliError(f"--bind: no user {unknown[0]!r} (nothing was registered)")
    ip, mac = centre.admin.create_terminal(actor, args.name, args.location, args.unit,
                                           args.ip, args.mac)
    for account in args.bind:
        centre.admin.bind(actor, account, args.name)
    issued = centre.enrolment.issue_code(actor, args.name)
    out.write(f"terminal {args.name} registered as {ip} / {mac}\n"
              f"enrolment code (valid until {issued.expires_at:%Y-%m-%d %H:%M} UTC, once): "
              f"{issued.code}\n")
    return 0


def _enrol_code(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from console.server.data_dir import DataDir  # noqa: PLC0415
    from console.server.host import open_centre  # noqa: PLC0415

    centre = open_centre(DataDir(args.data_dir))
    issued = centre.enrolment.issue_code(server_actor(), args.name)
    out.write(f"enrolment code for {issued.terminal} (valid until "
              f"{issued.expires_at:%Y-%m-%d %H:%M} UTC, once): {issued.code}\n")
    return 0


def _audit_verify(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The whole chain and every signed checkpoint, with the public key from the data
    directory: exit 0 when intact, 1 when broken (or nothing to check)."""
    from console.cli.anchor import parse_anchor  # noqa: PLC0415
    from console.cli.errors import CliUsageError  # noqa: PLC0415
    from console.server.audit import verify_with_checkpoints  # noqa: PLC0415
    from console.server.data_dir import DataDir  # noqa: PLC0415
    from console.server.host import open_centre  # noqa: PLC0415

    try:
        anchor = parse_anchor(args.expect) if args.expect else None
    except CliUsageError as exc:
        err.write(f"{exc}\n")
        return 2
    data = DataDir(args.data_dir)
    centre = open_centre(data)
    try:
        if not centre.db.has_schema():
            raise ServerCliError(f"database {centre.db.display_url} holds no console data "
                                 "('main.py server migrate' creates the schema)")
        result = verify_with_checkpoints(centre.db, data, anchor)
    finally:
        centre.db.dispose()
    (out if result.ok else err).write(result.describe() + "\n")
    return 0 if result.ok else 1
