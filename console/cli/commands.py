"""What each main.py subcommand does. Administration (admin, grant, catalog, privacy,
capture, ptz, audit, secret) and duty goes to the centre, logged in with the person's own account
(console/cli/session.py); the centre checks the role and registers the command. Output is
plain text; errors are one line on stderr with a non-zero exit (1: refused or failed,
2: bad usage)."""

from __future__ import annotations

import argparse
import contextlib
import getpass
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TextIO

from console.access.model import SessionGone
from console.admin.validation import AdminError
from console.api.admin_wire import MAX_AUDIT_RECORDS, AuditLine
from console.api.errors import CentreUnreachable, Refused
from console.catalog.errors import CatalogError
from console.cli import (
    capture_cli,
    catalog_cli,
    diagnosis_cli,
    duty_cli,
    faults_cli,
    grant_cli,
    online_cli,
    privacy_cli,
    ptz_cli,
)
from console.cli.anchor import parse_anchor
from console.cli.errors import CliFailedError, CliUsageError
from console.cli.session import (
    CentreLink,
    CentreSession,
    Credentials,
    ask_new_password,
    log_in,
    log_out,
)
from console.cli.table import Column, write_list
from console.cli.text import check_camera_code
from console.config import TerminalConfig
from console.identity import IdentityError, IdentityProvider, TerminalIdentity
from console.policy import Policy, unit_of
from console.remote.register import RegisterQuery, RemoteRegister


@dataclass
class CliEnv:
    """What the commands need, supplied by main.py (the composition root)."""

    config: TerminalConfig
    connect: Callable[[], CentreLink]      # this terminal's link to its centre
    identity: IdentityProvider
    identity_host: str | None
    identity_for_host: Callable[[str], TerminalIdentity]
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    ask_secret: Callable[[str], str] = getpass.getpass
    ask_text: Callable[[str], str] = input
    interactive: bool | None = None        # may prompt; None: whether stdin is a terminal
    _credentials: Credentials | None = None
    _session: CentreSession | None = None

    def can_prompt(self) -> bool:
        if self.interactive is None:
            self.interactive = self.stdin.isatty()
        return self.interactive

    def prepare_login(self, args: argparse.Namespace) -> None:
        """Who will log in: ``--login``, and the password from the first line of standard
        input with ``--login-password-stdin`` — read now, before the command reads anything
        else from standard input. What is missing is asked for on first use."""
        account = (getattr(args, "login", None) or "").strip()
        password = None
        if getattr(args, "login_password_stdin", False):
            password = self.stdin.readline().rstrip("\r\n")
            if not password:
                raise CliUsageError("error: --login-password-stdin given but standard input "
                                    "is empty")
        self._credentials = Credentials(account, password or "")

    def centre(self) -> CentreSession:
        """The person's ``cli`` session on the centre (connects and logs in on first use)."""
        if self._session is not None:
            return self._session
        credentials = self._credentials or Credentials("", "")
        account, password = credentials.account, credentials.password
        if not account:
            if not self.can_prompt():
                raise CliUsageError("error: --login: give the account to log in with "
                                    "(administration goes through the centre with your own "
                                    "account)")
            account = self.ask_text("account: ").strip()
            if not account:
                raise CliUsageError("error: --login: no account given")
        if not password:
            if not self.can_prompt():
                raise CliUsageError("error: password: standard input is not a terminal; give "
                                    "the password as the first line of standard input with "
                                    "--login-password-stdin")
            password = self.ask_secret(f"password of {account}: ")
        link = self.connect()
        try:
            self._session = log_in(link, Credentials(account, password),
                                   ask_new_password(self.ask_secret) if self.can_prompt()
                                   else None)
        except BaseException:
            link.stop()
            raise
        return self._session

    def close(self) -> None:
        session, self._session = self._session, None
        if session is not None:
            log_out(session)
            session.link.stop()


def run_command(args: argparse.Namespace, env: CliEnv) -> int:
    handlers: dict[str, Callable[[argparse.Namespace, CliEnv], int]] = {
        "admin": _admin,
        "audit": _audit,
        "secret": _secret,
        "grant": grant_cli.run,
        "faults": faults_cli.run,
        "catalog": catalog_cli.run,
        "privacy": privacy_cli.run,
        "ptz": ptz_cli.run,
        "capture": capture_cli.run,
        "duty": duty_cli.run,
        "online-rate": online_cli.run,
        "diagnosis": diagnosis_cli.run,
    }
    try:
        if needs_centre(args):
            env.prepare_login(args)
        return handlers[args.command](args, env)
    except CliUsageError as exc:
        env.err.write(f"{exc}\n")
        return 2
    except CliFailedError as exc:
        env.err.write(f"{exc}\n")
        return 1
    except (AdminError, CatalogError) as exc:
        env.err.write(f"error: {refusal_text(exc)}\n")
        return 1
    except SessionGone as exc:
        env.err.write(f"error: the session ended ({exc.reason})\n")
        return 1
    except CentreUnreachable as exc:
        env.err.write(f"error: {exc}\n")
        return 1
    except IdentityError as exc:
        env.err.write(f"error: terminal identity: {exc}\n")
        return 1
    finally:
        env.close()


def needs_centre(args: argparse.Namespace) -> bool:
    """Whether the command acts on the centre (and so needs a login)."""
    local = {
        "admin": {"terminal-id", "migrate"},
        "secret": {"set-db-password"},
    }
    action = {"admin": getattr(args, "admin_command", None),
              "secret": getattr(args, "secret_command", None)}.get(args.command)
    if action in local.get(args.command, set()):
        return False
    return not (args.command == "capture" and args.capture_command == "scan"
                and args.built_in)


def refusal_text(exc: AdminError | CatalogError) -> str:
    """A refusal as one line: the field it names, then what is wrong."""
    if isinstance(exc, Refused):
        message, where = exc.message, exc.field
        if where in ("", "request"):
            return f"{message} ({exc.reason})"
        return message if message.startswith(f"{where}: ") else f"{where}: {message}"
    return str(exc)


def read_new_password(env: CliEnv, use_stdin: bool) -> str | None:
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
    if cmd == "migrate":
        raise CliUsageError("error: admin migrate: the schema is the centre's: run "
                            "'main.py server migrate' on the centre's host")
    ip = mac = ""
    if cmd == "terminal-add":
        if args.this_machine:
            if args.ip or args.mac:
                raise CliUsageError("error: give either --this-machine or --ip and --mac")
            me = env.identity.identity()
            ip, mac = me.ip, me.mac
        elif not (args.ip and args.mac):
            raise CliUsageError("error: --ip and --mac are required (or --this-machine)")
        else:
            ip, mac = args.ip, args.mac
    new_password = read_new_password(env, getattr(args, "password_stdin", False))
    centre = env.centre()
    admin, out = centre.admin, env.out
    if cmd == "unit-add":
        admin.add_unit(args.code, args.name, parent=args.parent)
        out.write(f"unit {args.code} created\n")
    elif cmd == "user-add":
        issued = admin.add_user(args.account, args.name, args.unit, args.role,
                                password=new_password)
        out.write(f"user {issued.account} created; must change the password at first login\n")
        if issued.password is not None:
            out.write(f"one-time password: {issued.password}\n")
    elif cmd == "terminal-add":
        code = admin.add_terminal(args.name, args.unit, ip, mac, location=args.location)
        out.write(f"terminal {code.terminal} registered as {code.ip} / {code.mac}\n")
        _enrolment_code(code.code, code.expires_at, centre, out)
    elif cmd == "terminal-code":
        code = admin.enrolment_code(args.name)
        out.write(f"new enrolment code for terminal {code.terminal} ({code.ip} / {code.mac})\n")
        _enrolment_code(code.code, code.expires_at, centre, out)
    elif cmd == "terminal-revoke":
        admin.revoke_terminal(args.name)
        out.write(f"terminal {args.name} revoked: the centre refuses its certificate from "
                  "now on ('admin terminal-code' lets it enrol again)\n")
    elif cmd == "bind":
        admin.bind(args.account, args.terminal)
        out.write(f"{args.account} may now log in from {args.terminal}\n")
    elif cmd == "unbind":
        admin.unbind(args.account, args.terminal)
        out.write(f"{args.account} may no longer log in from {args.terminal}\n")
    elif cmd in ("user-disable", "user-enable"):
        enabled = cmd == "user-enable"
        reply = admin.set_user_state(args.account, enabled=enabled)
        state = "enabled" if enabled else f"disabled; {reply.sessions_ended} live session(s) ended"
        out.write(f"{reply.account} {state}\n")
    elif cmd == "password-reset":
        issued = admin.reset_password(args.account, password=new_password)
        out.write(f"password of {issued.account} reset; must be changed at next login\n")
        if issued.password is not None:
            out.write(f"one-time password: {issued.password}\n")
    elif cmd == "list":
        _list(args.what, centre, out, args.json)
    elif cmd == "policy":
        policy = (admin.set_policy(args.key, args.value) if args.policy_command == "set"
                  else admin.policy())
        _policy(policy, out, getattr(args, "json", False))
    return 0


def _enrolment_code(code: str, expires: datetime, centre: CentreSession, out: TextIO) -> None:
    out.write(f"enrolment code (valid until {expires.astimezone(UTC):%Y-%m-%d %H:%M} UTC, "
              f"once): {code}\n"
              f"on that machine: main.py enroll {centre.client.base_url} {code}\n")


def _policy(policy: Policy, out: TextIO, as_json: bool = False) -> None:
    settings = policy.as_settings()
    if as_json:
        write_list(out, (), [{"key": key, "value": value, "unit": unit_of(key)}
                             for key, value in settings.items()], as_json=True, empty="")
        return
    for key, value in settings.items():
        out.write(f"{key} = {value} {unit_of(key)}\n")


def _terminal_id(args: argparse.Namespace, env: CliEnv) -> int:
    host = args.host or env.identity_host
    identity = env.identity_for_host(args.host) if args.host else env.identity.identity()
    env.out.write(
        f"IP address:  {identity.ip}\n"
        f"MAC address: {identity.mac}\n"
        f"interface:   {identity.interface}\n"
        f"route to:    {host or 'default route (this machine is not enrolled with a centre)'}\n"
    )
    return 0


UNIT_COLUMNS = (Column("code", "CODE"), Column("name", "NAME"), Column("parent", "PARENT"))
USER_COLUMNS = (Column("account", "ACCOUNT"), Column("real_name", "NAME"),
                Column("unit", "UNIT"), Column("role", "ROLE"), Column("state", "STATE"),
                Column("terminals", "TERMINALS"))
TERMINAL_COLUMNS = (Column("name", "TERMINAL"), Column("ip", "IP"), Column("mac", "MAC"),
                    Column("unit", "UNIT"), Column("location", "LOCATION"),
                    Column("enrolment", "ENROLMENT"), Column("software_version", "VERSION"),
                    Column("last_seen_at", "LAST SEEN"), Column("users", "USERS"))
AUDIT_COLUMNS = (Column("seq", "SEQ", lambda seq: f"#{seq}"),
                 Column("at", "TIME (UTC)",
                        lambda at: f"{at.astimezone(UTC):%Y-%m-%d %H:%M:%S}Z"),
                 Column("actor", "ACTOR"), Column("terminal", "TERMINAL"), Column("ip", "IP"),
                 Column("mac", "MAC"), Column("action", "ACTION"), Column("target", "TARGET"),
                 Column("outcome", "OUTCOME"), Column("reason", "REASON"),
                 Column("params", "DETAILS", lambda params: params if isinstance(params, str)
                        else json.dumps(params, sort_keys=True, separators=(",", ":"),
                                        ensure_ascii=False)))


def _audit_row(record: AuditLine) -> dict[str, Any]:
    """A record as listed; its params as the object they are (kept as text if not JSON)."""
    row = record.model_dump()
    with contextlib.suppress(ValueError):
        row["params"] = json.loads(record.params) if record.params else {}
    return row


def _list(what: str, centre: CentreSession, out: TextIO, as_json: bool) -> None:
    admin = centre.admin
    if what == "units":
        write_list(out, UNIT_COLUMNS, [u.model_dump() for u in admin.list_units()],
                   as_json=as_json, empty="no units")
    elif what == "terminals":
        write_list(out, TERMINAL_COLUMNS, [t.model_dump() for t in admin.list_terminals()],
                   as_json=as_json, empty="no terminals")
    else:
        write_list(out, USER_COLUMNS, [u.model_dump() for u in admin.list_users()],
                   as_json=as_json, empty="no users")


# -- audit ---------------------------------------------------------------------------------

def _audit(args: argparse.Namespace, env: CliEnv) -> int:
    if args.audit_command == "verify":
        anchor = parse_anchor(args.expect) if args.expect else None
        result = env.centre().admin.audit_verify(anchor)
        (env.out if result.ok else env.err).write(result.description + "\n")
        return 0 if result.ok else 1
    if args.audit_command == "trace":
        return _trace(args, env)
    if args.last is not None and not 1 <= args.last <= MAX_AUDIT_RECORDS:
        raise CliUsageError(f"error: --last must be 1 to {MAX_AUDIT_RECORDS}")
    session = _session_code("--session", args.session) if args.session else None
    query = RegisterQuery(
        actor=_filter_text(args.actor), terminal=_filter_text(args.terminal),
        camera=check_camera_code(args.camera, "--camera") if args.camera else None,
        action=args.action,
        outcome=args.outcome, purpose=_filter_text(args.purpose),
        since=grant_cli.parse_time("--since", args.since, end_of_day=False)
        if args.since else None,
        until=grant_cli.parse_time("--until", args.until, end_of_day=True)
        if args.until else None, session=session)
    if query.since and query.until and query.since > query.until:
        raise CliUsageError("error: --since is after --until")
    # a session is shown whole (up to the centre's limit); otherwise the latest 20
    last = args.last or (MAX_AUDIT_RECORDS if session else 20)
    centre = env.centre()
    reply = RemoteRegister(centre.client).records(centre.session_id, query, limit=last)
    write_list(env.out, AUDIT_COLUMNS, [_audit_row(r) for r in reply.records],
               as_json=args.json, empty="no records")
    hidden = reply.total - len(reply.records)
    if hidden > 0 and (session is not None or query != RegisterQuery(session=session)):
        whose = f" of session {session}" if session is not None else " matching"
        more = (f"--last {reply.total} shows them" if reply.total <= MAX_AUDIT_RECORDS
                else f"at most {MAX_AUDIT_RECORDS} are shown at a time")
        env.err.write(f"({hidden} earlier record(s){whose} not shown; {more})\n")
    return 0


def _session_code(option: str, text: str) -> str:
    code = text.strip().upper()
    if not (code.isascii() and code.isalnum() and len(code) <= 16):
        raise CliUsageError(f"error: {option} {text!r} is not a session code (the letters and "
                            "digits a watermark shows)")
    return code


def _filter_text(text: str | None) -> str | None:
    value = (text or "").strip()
    return value or None


TRACE_COLUMNS = (Column("camera", "CAMERA"), Column("camera_name", "NAME"),
                 Column("output", "OUTPUT"), Column("purpose", "PURPOSE"),
                 Column("opened_at", "OPENED"), Column("closed_at", "CLOSED"),
                 Column("close_reason", "WHY CLOSED"))


def _trace(args: argparse.Namespace, env: CliEnv) -> int:
    """The leak trace (registered by the centre, found or not)."""
    code = _session_code("CODE", args.code)
    centre = env.centre()
    trace = RemoteRegister(centre.client).trace(centre.session_id, code)
    if args.json:
        env.out.write(json.dumps(trace.model_dump(mode="json"), ensure_ascii=False,
                                 indent=2) + "\n")
        return 0
    ended = (f"{trace.ended_at.astimezone():%Y-%m-%d %H:%M} ({trace.end_reason or '-'})"
             if trace.ended_at is not None else "still running")
    env.out.write(
        f"session {trace.code}: {trace.real_name} ({trace.account}, {trace.role}, "
        f"{trace.unit})\n"
        f"terminal {trace.terminal} ({trace.location or '-'}), {trace.ip} {trace.mac}\n"
        f"from {trace.started_at.astimezone():%Y-%m-%d %H:%M} to {ended}\n")
    write_list(env.out, TRACE_COLUMNS, [v.model_dump() for v in trace.views],
               as_json=False, empty="no camera was shown")
    return 0


# -- secrets -------------------------------------------------------------------------------

def _secret(args: argparse.Namespace, env: CliEnv) -> int:
    if args.secret_command == "set-db-password":  # noqa: S105 - a command name
        raise CliUsageError(
            "error: secret set-db-password: a terminal holds no database password any more; "
            "the centre keeps its own in its data directory (on the centre's host: 'main.py "
            "server init --database-url URL --password-stdin')")
    if args.secret_command == "set-platform":  # noqa: S105 - a command name
        password = _read_secret(env, f"password of {args.user} on {args.url}: ")
        env.centre().admin.set_platform(args.url, args.user, password, args.unit)
        env.out.write(f"city platform {args.url} stored on the centre (the password in its "
                      "secret store)\n")
        return 0
    code = check_camera_code(args.code)
    password = _read_secret(env, f"password of {args.user} on camera {code}: ")
    env.centre().admin.set_camera_credentials(code, args.user, password)
    env.out.write(f"stored in the centre's secret store for camera {code}\n")
    return 0


def _read_secret(env: CliEnv, prompt: str) -> str:
    """A secret from the terminal (not echoed) or the next line of standard input."""
    prompt_ok = env.can_prompt()
    password = env.ask_secret(prompt) if prompt_ok else env.stdin.readline().rstrip("\r\n")
    if not password:
        raise CliUsageError("error: password: empty, nothing stored")
    return password
