"""``main.py diagnosis list``: the automatic video diagnosis's state per camera (issue 14
item 7), one line per camera: when the centre last checked its picture, how many checks,
the last check's findings and how many checks in a row each has been seen (a fault report
is raised at the policy's ``diagnosis_persist_checks``). Supervisors see their own unit's
cameras and those their tree shows, administrators every camera; the centre decides."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.api.diagnosis_wire import DiagnosisRow
from console.cli.table import Column, add_json_option, write_list
from console.remote.diagnosis import RemoteDiagnosis

if TYPE_CHECKING:
    from console.cli.commands import CliEnv


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    diagnosis = commands.add_parser("diagnosis", help="automatic video diagnosis: the last "
                                                      "check of each camera")
    common(diagnosis)
    actions = diagnosis.add_subparsers(dest="diagnosis_command", metavar="ACTION",
                                       required=True, parser_class=parser_class)
    p = actions.add_parser("list", help="one line per camera: last checked, checks, "
                                        "findings (a supervisor: their unit's cameras and "
                                        "those their tree shows)")
    p.add_argument("--camera", metavar="CODE", default=None, help="only this camera")
    p.add_argument("--findings", action="store_true",
                   help="only cameras whose last check found something")
    add_json_option(p)
    common(p)


COLUMNS = [
    Column("camera", "CAMERA"), Column("name", "NAME"), Column("owner_unit", "UNIT"),
    Column("checked_at", "LAST_CHECKED"), Column("checks", "CHECKS"),
    Column("findings", "FINDINGS"),
    Column("streaks", "IN_A_ROW",
           lambda v: ",".join(f"{k}x{n}" for k, n in sorted(v.items())) or "-"),
]


def _row(r: DiagnosisRow, as_json: bool) -> dict[str, Any]:
    row = r.model_dump()
    if not as_json:     # one word for the table: never checked, clean, or the findings
        row["findings"] = ("not-checked-yet" if r.checked_at is None
                           else ",".join(r.findings) or "clean")
    return row


def run(args: argparse.Namespace, env: CliEnv) -> int:
    centre = env.centre()
    rows = RemoteDiagnosis(centre.client).states(centre.session_id, args.camera)
    if args.findings:
        rows = [r for r in rows if r.findings]
    write_list(env.out, COLUMNS, [_row(r, args.json) for r in rows], as_json=args.json,
               empty="no cameras")
    return 0
