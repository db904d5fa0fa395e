"""``main.py faults …``: the fault reports (R13) through the centre, as the Management menu's
fault list shows them. ``list`` prints the reports a supervisor (their own unit's people's)
or an administrator (all) handles, newest first (``--open``: not verified yet); ``step``
moves one along new → sent → fixed → verified (or reopens it). The centre checks every role
and step (console/faults/rules.py) and registers each step and every refusal."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.api.fault_wire import FaultRow
from console.cli.errors import CliUsageError
from console.cli.table import Column, add_json_option, write_list
from console.faults.rules import FaultKind, FaultState, Step
from console.remote.faults import RemoteFaults

if TYPE_CHECKING:
    from console.cli.commands import CliEnv

KINDS = ", ".join(k.value for k in FaultKind)
STATES = ", ".join(s.value for s in FaultState)


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    faults = commands.add_parser("faults", help="fault reports: list them, move them along "
                                                "new → sent → fixed → verified")
    common(faults)
    actions = faults.add_subparsers(dest="faults_command", metavar="ACTION", required=True,
                                    parser_class=parser_class)
    p = actions.add_parser("list", help="the reports you handle, newest first (a supervisor: "
                                        "their own unit's people's)")
    p.add_argument("--open", action="store_true", help="only those not verified yet")
    p.add_argument("--state", choices=[s.value for s in FaultState], metavar="STATE",
                   help=f"only those in this state: {STATES}")
    add_json_option(p)
    common(p)
    p = actions.add_parser("step", help="move a report one step: send (to the maintainer "
                                        "unit), fix, verify, reopen")
    p.add_argument("report_id", type=int, metavar="ID")
    p.add_argument("step", choices=[s.value for s in Step], metavar="STEP",
                   help=", ".join(s.value for s in Step))
    p.add_argument("--note", default="", help="a note for this step (who was called, ...)")
    common(p)


def run(args: argparse.Namespace, env: CliEnv) -> int:
    if args.faults_command == "step" and not 1 <= args.report_id <= 2**31 - 1:
        raise CliUsageError(f"error: ID: no fault report #{args.report_id}")
    centre = env.centre()
    faults = RemoteFaults(centre.client)
    if args.faults_command == "list":
        rows = faults.list(centre.session_id, open_only=args.open)
        if args.state:
            rows = [r for r in rows if r.state == args.state]
        write_list(env.out, FAULT_COLUMNS, [_row(r) for r in rows], as_json=args.json,
                   empty="no fault reports")
        return 0
    row = faults.step(centre.session_id, args.report_id, args.step, args.note)
    env.out.write(f"fault report #{row.id} ({row.camera}) is now {row.state}\n")
    return 0


FAULT_COLUMNS = (
    Column("id", "ID", lambda n: f"#{n}"), Column("reported_at", "REPORTED"),
    Column("state", "STATE"), Column("kind", "KIND"), Column("camera", "CAMERA"),
    Column("camera_name", "NAME"), Column("maintainer", "MAINTAINER"),
    Column("contact", "CONTACT"), Column("reported_by", "REPORTED BY"),
    Column("terminal", "TERMINAL"), Column("comment", "COMMENT"), Column("sent_by", "SENT BY"),
    Column("fixed_by", "FIXED BY"), Column("verified_by", "VERIFIED BY"),
    Column("note", "NOTE"))


def _row(row: FaultRow) -> dict[str, Any]:
    return row.model_dump()
