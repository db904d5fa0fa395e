"""``main.py capture …``: the screen capture, recording and remote-desktop programs the
console blanks its video for (R9).

``tools`` lists them (source, name, kind, rule; tab-separated), ``add``/``remove`` change the
centre's extra entries (administrators; registered by the centre), ``scan`` prints the ones
running on this machine now, looking for the built-in programs and the centre's list: exit 0
when none runs, 1 when one does (or on an error) — for installers checking a terminal. An
entry that cannot be parsed is a usage error (exit 2) naming the problem; nothing is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.capture.detector import CaptureDetector
from console.capture.tools import BUILT_IN, CaptureProgram, EntryError, parse_entry
from console.cli.errors import CliUsageError
from console.cli.table import Column, add_json_option, write_list
from console.remote.capture import RemoteCaptureTools

if TYPE_CHECKING:
    from console.cli.commands import CliEnv

ENTRY_HELP = ("a process name (e.g. myrecorder), or name=NAME;kind=KIND;process=a,b;cmdline=REGEX "
              "with KIND recorder (default), screenshot or remote; process required; "
              "cmdline (optional, last) a regular expression the command line must contain")


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    capture = commands.add_parser(
        "capture", help="screen capture, recording and remote-desktop programs: video is "
                        "blanked while one runs")
    common(capture)
    actions = capture.add_subparsers(dest="capture_command", metavar="ACTION", required=True,
                                     parser_class=parser_class)

    p = actions.add_parser("tools", help="list the programs looked for (built in and extra)")
    add_json_option(p)
    common(p)

    p = actions.add_parser("add", help="look for one more program (the centre's list)")
    p.add_argument("entry", help=ENTRY_HELP)
    common(p)

    p = actions.add_parser("remove", help="remove one of the centre's extra programs")
    p.add_argument("entry", help="the entry as listed, or the program's name")
    common(p)

    p = actions.add_parser("scan", help="print the capture programs running now; exit 0 "
                                        "when none, 1 when one runs")
    p.add_argument("--built-in", action="store_true",
                   help="only the built-in list (no login, no centre needed)")
    add_json_option(p)
    common(p)


def run(args: argparse.Namespace, env: CliEnv) -> int:
    cmd, out = args.capture_command, env.out
    if cmd == "scan" and args.built_in:
        return _scan(BUILT_IN, env, args.json)
    if cmd == "add":
        _parse(args.entry)
    elif cmd == "remove" and not args.entry.strip():
        raise CliUsageError("error: entry: give the entry as listed, or the program's name")
    centre = env.centre()
    if cmd == "tools":
        write_list(out, TOOL_COLUMNS,
                   [_tool_row(p) for p in RemoteCaptureTools(centre.client).all_tools()],
                   as_json=args.json, empty="no capture programs looked for")
    elif cmd == "add":
        out.write(f"added: {centre.admin.add_capture_tool(args.entry)}\n")
    elif cmd == "remove":
        out.write(f"removed: {centre.admin.remove_capture_tool(args.entry)}\n")
    else:
        return _scan(RemoteCaptureTools(centre.client).all_tools(), env, args.json)
    return 0


def _scan(programs: tuple[CaptureProgram, ...], env: Any, as_json: bool) -> int:
    found = CaptureDetector(programs).scan()
    write_list(env.out, DETECTION_COLUMNS,
               [{"tool": d.tool, "kind": d.kind, "pid": d.pid, "process": d.process}
                for d in found], as_json=as_json, empty="no capture program running")
    return 1 if found else 0


def _parse(text: str) -> CaptureProgram:
    try:
        return parse_entry(text)
    except EntryError as exc:
        raise CliUsageError(f"error: entry: {exc}") from None


TOOL_COLUMNS = (Column("source", "SOURCE"), Column("name", "NAME"), Column("kind", "KIND"),
                Column("rule", "RULE"))
DETECTION_COLUMNS = (Column("tool", "PROGRAM"), Column("kind", "KIND"), Column("pid", "PID"),
                     Column("process", "PROCESS"))


def _tool_row(program: CaptureProgram) -> dict[str, Any]:
    return {"source": str(program.source), "name": program.name, "kind": str(program.kind),
            "rule": program.rule()}
