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

from console.capture.detector import CaptureDetector, Detection
from console.capture.tools import BUILT_IN, CaptureProgram, EntryError, parse_entry
from console.cli.errors import CliUsageError
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
    common(p)


def run(args: argparse.Namespace, env: CliEnv) -> int:
    cmd, out = args.capture_command, env.out
    if cmd == "scan" and args.built_in:
        return _scan(BUILT_IN, env)
    if cmd == "add":
        _parse(args.entry)
    elif cmd == "remove" and not args.entry.strip():
        raise CliUsageError("error: entry: give the entry as listed, or the program's name")
    centre = env.centre()
    if cmd == "tools":
        for program in RemoteCaptureTools(centre.client).all_tools():
            out.write(_tool_line(program) + "\n")
    elif cmd == "add":
        out.write(f"added: {centre.admin.add_capture_tool(args.entry)}\n")
    elif cmd == "remove":
        out.write(f"removed: {centre.admin.remove_capture_tool(args.entry)}\n")
    else:
        return _scan(RemoteCaptureTools(centre.client).all_tools(), env)
    return 0


def _scan(programs: tuple[CaptureProgram, ...], env: Any) -> int:
    found = CaptureDetector(programs).scan()
    for detection in found:
        env.out.write(_detection_line(detection) + "\n")
    if not found:
        env.out.write("no capture program running\n")
    return 1 if found else 0


def _parse(text: str) -> CaptureProgram:
    try:
        return parse_entry(text)
    except EntryError as exc:
        raise CliUsageError(f"error: entry: {exc}") from None


def _tool_line(program: CaptureProgram) -> str:
    return f"{program.source}\t{program.name}\t{program.kind}\t{program.rule()}"


def _detection_line(d: Detection) -> str:
    return f"{d.tool}\t{d.kind}\t{d.pid}\t{d.process}"
