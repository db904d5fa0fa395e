"""What each main.py subcommand does. Output is plain text; errors are one line on stderr
with a non-zero exit (1: refused or failed, 2: bad usage)."""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TextIO

from sqlalchemy import select

from console.admin.validation import AdminError
from console.audit.verify import verify_trail
from console.audit.writer import Actor
from console.catalog.errors import CatalogError
from console.cli import capture_cli, catalog_cli, grant_cli, privacy_cli, ptz_cli
from console.cli.errors import CliUsageError
from console.config import TerminalConfig
from console.identity import IdentityError, IdentityProvider, TerminalIdentity
from console.policy import BOUNDS
from console.secrets import SecretStore, database_secret_name
from console.server.centre import Centre
from console.settings_store import load_policy
from console.storage.database import parse_database_url
from console.storage.models import AuditRecord, ConsoleSession


@dataclass
class CliEnv:
    """What the commands need, supplied by main.py (the composition root)."""

    config: TerminalConfig
    open_services: Callable[[], Centre]
    identity: IdentityProvider
    identity_host: str | None
    identity_for_host: Callable[[str], TerminalIdentity]
    secrets: SecretStore
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)


def run_command(args: argparse.Namespace, env: CliEnv) -> int:
    handlers: dict[str, Callable[[argparse.Namespace, CliEnv], int]] = {
        "admin": _admin,
        "audit": _audit,
        "secret": _secret,
        "grant": lambda a, e: grant_cli.run(a, e, installer_actor(e)),
        "catalog": catalog_cli.run,
        "privacy": lambda a, e: privacy_cli.run(a, e, installer_actor(e)),
        "ptz": ptz_cli.run,
        "capture": lambda a, e: capture_cli.run(a, e, installer_actor(e)),
    }
    try:
        return handlers[args.command](args, env)
    except (AdminError, CatalogError) as exc:
        env.err.write(f"error: {exc}\n")
        return 1
    except IdentityError as exc:
        env.err.write(f"error: terminal identity: {exc}\n")
        return 1
    except CliUsageError as exc:
        env.err.write(f"{exc}\n")
        return 2


def installer_actor(env: CliEnv) -> Actor:
    """The person at the installer's command line, with the identity of this machine."""
    try:
        identity: TerminalIdentity | None = env.identity.identity()
    except IdentityError:
        identity = None
    return Actor(account=f"cli:{getpass.getuser()}@{socket.gethostname()}", identity=identity,
                 is_installer=True)


def _read_password(env: CliEnv, use_stdin: bool) -> str | None:
    if not use_stdin:
        return None
    password = env.stdin.readline().rstrip("\r\n")
    if not password:
        raise CliUsageError("error: --password-stdin given but standard input is empty")
    return password


# -- admin ---------------------------------------------------------------------------------

def _admin(args: argparse.Namespace, env: CliEnv) -> int:
    cmd = args.admin_command
    if cmd == "terminal-id":
        return _terminal_id(args, env)
    services = env.open_services()
    admin, actor, out = services.admin, installer_actor(env), env.out
    if cmd == "migrate":
        services.db.migrate()
        out.write(f"schema up to date: {services.db.display_url}\n")
    elif cmd == "unit-add":
        admin.create_unit(actor, args.code, args.name, parent=args.parent)
        out.write(f"unit {args.code} created\n")
    elif cmd == "user-add":
        issued = admin.create_user(actor, args.account, args.name, args.unit, args.role,
                                   password=_read_password(env, args.password_stdin))
        out.write(f"user {issued.account} created; must change the password at first login\n")
        if issued.generated:
            out.write(f"one-time password: {issued.password}\n")
    elif cmd == "terminal-add":
        if args.this_machine:
            if args.ip or args.mac:
                raise CliUsageError("error: give either --this-machine or --ip and --mac")
            me = env.identity.identity()
            ip, mac = me.ip, me.mac
        elif not (args.ip and args.mac):
            raise CliUsageError("error: --ip and --mac are required (or --this-machine)")
        else:
            ip, mac = args.ip, args.mac
        ip, mac = admin.create_terminal(actor, args.name, args.location, args.unit, ip, mac)
        out.write(f"terminal {args.name} registered as {ip} / {mac}\n")
    elif cmd == "bind":
        admin.bind(actor, args.account, args.terminal)
        out.write(f"{args.account} may now log in from {args.terminal}\n")
    elif cmd == "unbind":
        admin.unbind(actor, args.account, args.terminal)
        out.write(f"{args.account} may no longer log in from {args.terminal}\n")
    elif cmd in ("user-disable", "user-enable"):
        enabled = cmd == "user-enable"
        ended = admin.set_user_state(actor, args.account, enabled=enabled)
        state = "enabled" if enabled else f"disabled; {ended} live session(s) ended"
        out.write(f"{args.account} {state}\n")
    elif cmd == "password-reset":
        issued = admin.reset_password(actor, args.account,
                                      password=_read_password(env, args.password_stdin))
        out.write(f"password of {issued.account} reset; must be changed at next login\n")
        if issued.generated:
            out.write(f"one-time password: {issued.password}\n")
    elif cmd == "list":
        _list(args.what, services, out)
    elif cmd == "policy":
        if args.policy_command == "set":
            admin.set_policy(actor, args.key, args.value)
        with services.db.transaction() as s:
            policy = load_policy(s)
        for key, value in policy.as_settings().items():
            out.write(f"{key} = {value} {BOUNDS[key].unit}\n")
    return 0


def _terminal_id(args: argparse.Namespace, env: CliEnv) -> int:
    host = args.host or env.identity_host
    identity = env.identity_for_host(args.host) if args.host else env.identity.identity()
    env.out.write(
        f"IP address:  {identity.ip}\n"
        f"MAC address: {identity.mac}\n"
        f"interface:   {identity.interface}\n"
        f"route to:    {host or 'default route (no platform or database host configured)'}\n"
    )
    return 0


def _list(what: str, services: Centre, out: TextIO) -> None:
    admin = services.admin
    if what == "units":
        for unit in admin.list_units():
            out.write(f"{unit.code}\t{unit.name}\n")
    elif what == "terminals":
        for t in admin.list_terminals():
            out.write(f"{t.name}\t{t.ip}\t{t.mac}\t{t.unit.code}\t{t.location}\n")
    else:
        for user, terminals in admin.list_users():
            out.write(f"{user.account}\t{user.real_name}\t{user.unit.code}\t{user.role}\t"
                      f"{user.state}\t{','.join(terminals) or '-'}\n")


# -- audit ---------------------------------------------------------------------------------

def _audit(args: argparse.Namespace, env: CliEnv) -> int:
    services = env.open_services()
    if not services.db.has_schema():
        env.err.write(f"error: database {services.db.display_url} holds no console data "
                      "(wrong --database-url? 'main.py admin migrate' creates the schema)\n")
        return 1
    if args.audit_command == "verify":
        anchor = _parse_anchor(args.expect) if args.expect else None
        with services.db.transaction() as s:
            result = verify_trail(s, anchor=anchor)
        (env.out if result.ok else env.err).write(result.describe() + "\n")
        return 0 if result.ok else 1
    last = max(1, min(args.last, 10_000))
    query = select(AuditRecord)
    if args.session:
        # the short code on a watermark leads to the session, and the session to its records
        code = args.session.strip().upper()
        with services.db.transaction() as s:
            session_id = s.execute(select(ConsoleSession.id).where(
                ConsoleSession.code == code)).scalar_one_or_none()
        if session_id is None:
            env.err.write(f"error: no session with code {code!r}\n")
            return 1
        query = query.where(AuditRecord.session_id == session_id)
    with services.db.transaction() as s:
        rows = list(s.execute(
            query.order_by(AuditRecord.seq.desc()).limit(last)).scalars())
    for r in reversed(rows):
        env.out.write(f"#{r.seq}\t{r.at:%Y-%m-%d %H:%M:%S}Z\t{r.actor}\t{r.terminal or '-'}\t"
                      f"{r.ip or '-'}\t{r.mac or '-'}\t{r.action}\t{r.target}\t{r.outcome}\t"
                      f"{r.reason}\t{r.params}\n")
    return 0


def _parse_anchor(text: str) -> tuple[int, str]:
    seq, _, digest = text.partition(":")
    digest = digest.removeprefix("sha256:")
    if not seq.isdigit() or len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
        raise CliUsageError(f"error: --expect {text!r} must be SEQ:SHA256 (64 hex digits)")
    return int(seq), digest


# -- secrets -------------------------------------------------------------------------------

def _secret(args: argparse.Namespace, env: CliEnv) -> int:
    if args.secret_command == "set-camera":  # noqa: S105 - a command name
        return _secret_camera(args, env)
    url = parse_database_url(env.config.database_url)
    if url.get_backend_name() != "postgresql":
        env.err.write("error: database_url: the embedded SQLite database has no password\n")
        return 1
    password = _read_secret(env, f"password for {url.render_as_string(hide_password=True)}: ")
    if password is None:
        return 1
    name = database_secret_name(url.username, url.host, url.port, url.database)
    env.secrets.set(name, password)
    env.out.write(f"stored in the system keyring as {name}\n")
    return 0


def _secret_camera(args: argparse.Namespace, env: CliEnv) -> int:
    services = env.open_services()
    password = _read_secret(env, f"password of {args.user} on camera {args.code}: ")
    if password is None:
        return 1
    services.catalog.set_camera_credentials(installer_actor(env), args.code, args.user,
                                            password)
    env.out.write(f"stored in the system keyring for camera {args.code}\n")
    return 0


def _read_secret(env: CliEnv, prompt: str) -> str | None:
    """A secret from the terminal (not echoed) or the first line of standard input; None
    (after saying so) when it is empty."""
    if env.stdin.isatty():
        password = getpass.getpass(prompt)
    else:
        password = env.stdin.readline().rstrip("\r\n")
    if not password:
        env.err.write("error: password: empty, nothing stored\n")
        return None
    return password
