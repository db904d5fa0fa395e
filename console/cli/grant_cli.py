"""``main.py grant …``: issue, emergency-issue, revoke and list grants (R6, R7, R15) through
the centre. Administrators issue and revoke; supervisors issue emergency grants, revoke them
and list grants. Times are this terminal's local time; the centre's clock says what is
active."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from console.api.admin_wire import GrantListing
from console.cli.errors import CliUsageError
from console.cli.table import Column, add_json_option, write_list
from console.codes import Right
from console.grants.commands import Phase
from console.grants.model import Grantee, Scope

if TYPE_CHECKING:
    from console.cli.commands import CliEnv

RIGHTS_HELP = ", ".join(r.value for r in Right)
PHASES = [p.value for p in Phase]


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    grant = commands.add_parser("grant", help="grants: who may use which cameras, how, until when")
    common(grant)
    g = grant.add_subparsers(dest="grant_command", metavar="ACTION", required=True,
                             parser_class=parser_class)

    p = g.add_parser("add", help="record an approved grant (审批表) for a unit or a user")
    _grantee_and_scope(p)
    p.add_argument("--from", dest="valid_from", metavar="TIME",
                   help="start, 'YYYY-MM-DD[ HH:MM]' local time (default: now)")
    p.add_argument("--to", dest="valid_to", required=True, metavar="TIME",
                   help="end, 'YYYY-MM-DD[ HH:MM]' local time; a date alone means the end of "
                        "that day")
    p.add_argument("--purpose", required=True, help="the purpose stated on the application")
    p.add_argument("--approver", required=True, help="who approved it")
    p.add_argument("--reference", required=True, help="number of the approval form")
    common(p)

    p = g.add_parser("emergency", help="a time-limited emergency grant from now on (应急授权)")
    _grantee_and_scope(p)
    p.add_argument("--reason", required=True, help="the emergency (kept in the usage register)")
    p.add_argument("--hours", type=float, metavar="H",
                   help="duration (default and maximum from the policy: 4 h and 24 h)")
    p.add_argument("--reference", default="", help="incident number, if any")
    common(p)

    p = g.add_parser("revoke", help="end a grant now; open views close within seconds")
    p.add_argument("grant_id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    common(p)

    p = g.add_parser("list", help="list grants (active and pending unless --all or --state); "
                                  "a supervisor sees their own unit's")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--unit", metavar="CODE", help="granted to this unit")
    who.add_argument("--user", metavar="ACCOUNT", help="granted to this person")
    p.add_argument("--all", action="store_true", help="include expired and revoked grants")
    p.add_argument("--state", dest="phases", action="append", choices=PHASES, metavar="PHASE",
                   help=f"only grants in this phase (repeatable): {', '.join(PHASES)}; "
                        "expiring: ordinary grants within 7 days of their end, emergency "
                        "grants within their last hour")
    add_json_option(p)
    common(p)


def _grantee_and_scope(p: argparse.ArgumentParser) -> None:
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--unit", metavar="CODE", help="grant to every user of a unit")
    who.add_argument("--user", metavar="ACCOUNT", help="grant to one person")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--camera", metavar="CODE", help="one camera (20-digit code)")
    what.add_argument("--group", metavar="NAME", help="a camera group")
    what.add_argument("--region", metavar="CIVIL_CODE", help="every camera of a region")
    p.add_argument("--rights", required=True, metavar="LIST",
                   help=f"comma-separated: {RIGHTS_HELP}")


def run(args: argparse.Namespace, env: CliEnv) -> int:
    cmd = args.grant_command
    if cmd == "list":
        grantee = Grantee(unit=args.unit) if args.unit else (
            Grantee(user=args.user) if args.user else None)
        phases = args.phases or []
        rows = env.centre().admin.list_grants(grantee, include_ended=args.all, phases=phases)
        empty = (f"no grants {' or '.join(phases)}" if phases else
                 "no grants" if args.all else "no active or pending grants")
        write_list(env.out, GRANT_COLUMNS, [_row(r) for r in rows], as_json=args.json,
                   empty=empty)
        return 0
    if cmd == "revoke":
        if not 1 <= args.grant_id <= 2**31 - 1:
            raise CliUsageError(f"error: ID: no grant #{args.grant_id}")
        env.centre().admin.revoke_grant(args.grant_id, args.reason)
        env.out.write(f"grant #{args.grant_id} revoked\n")
        return 0
    grantee = Grantee(unit=args.unit) if args.unit else Grantee(user=args.user)
    scope = (Scope("camera", args.camera) if args.camera else
             Scope("group", args.group) if args.group else Scope("region", args.region))
    rights = parse_rights(args.rights)
    if cmd == "emergency":
        admin = env.centre().admin
        grant_id = admin.issue_emergency(grantee, scope, rights, reason=args.reason,
                                         hours=args.hours, reference=args.reference)
        row = next((r for r in admin.list_grants(include_ended=True) if r.id == grant_id), None)
        until = f"; expires {_local(row.valid_to)}" if row is not None else ""
        env.out.write(f"emergency grant #{grant_id} issued{until}\n")
        return 0
    valid_from = parse_time("--from", args.valid_from, end_of_day=False) if args.valid_from \
        else None
    valid_to = parse_time("--to", args.valid_to, end_of_day=True)
    grant_id = env.centre().admin.issue_grant(
        grantee, scope, rights, valid_from, valid_to, purpose=args.purpose,
        approver=args.approver, reference=args.reference)
    start = _local(valid_from) if valid_from is not None else "now"
    env.out.write(f"grant #{grant_id} issued: {grantee} {scope} {','.join(rights)} "
                  f"{start} → {_local(valid_to)}\n")
    return 0


def parse_rights(text: str) -> list[str]:
    """``--rights live,ptz``: each a permission kind, at least one."""
    names: list[str] = []
    for item in (part.strip().lower() for part in text.split(",")):
        if not item:
            continue
        try:
            name = Right(item).value
        except ValueError:
            raise CliUsageError(f"error: --rights: {item!r} is not one of {RIGHTS_HELP}") \
                from None
        if name not in names:
            names.append(name)
    if not names:
        raise CliUsageError(f"error: --rights: name at least one of {RIGHTS_HELP}")
    return names


def parse_time(option: str, text: str, *, end_of_day: bool) -> datetime:
    """'YYYY-MM-DD', 'YYYY-MM-DD HH:MM[:SS]' (local time of this terminal) or ISO 8601 with
    an offset. A date alone as an end means the end of that day."""
    value = text.strip()
    try:
        day = date.fromisoformat(value)
    except ValueError:
        pass
    else:
        start = datetime.combine(day, time()).astimezone()
        return start + timedelta(days=1) if end_of_day else start
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CliUsageError(f"error: {option} {text!r} is not a time; use 'YYYY-MM-DD' or "
                            "'YYYY-MM-DD HH:MM'") from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _local(moment: datetime) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


GRANT_COLUMNS = (
    Column("id", "ID", lambda n: f"#{n}"), Column("state", "STATE"), Column("kind", "KIND"),
    Column("grantee", "GRANTEE"), Column("scope", "SCOPE"), Column("rights", "RIGHTS"),
    Column("valid_from", "FROM"), Column("valid_to", "TO"), Column("purpose", "PURPOSE"),
    Column("approver", "APPROVER"), Column("reference", "REFERENCE"),
    Column("revoked_at", "REVOKED"), Column("revoked_by", "REVOKED BY"),
    Column("revoke_reason", "REVOKE REASON"), Column("phase", "PHASE"))


def _row(row: GrantListing) -> dict[str, Any]:
    return {"kind": "emergency" if row.emergency else "grant", **row.model_dump()}
