"""``main.py ptz …``: the PTZ sessions for the centre (R10, R11).

``sessions`` lists them (``--open``: still active, returning or failed; ``--faults``: the
returns that did not verify, the centre's fault list), ``sweep`` runs one crash-recovery
sweep now from this machine and waits for the returns it claimed: exit 0 when every one
verified (or nothing was owed), 1 when a camera could not be verified home."""

from __future__ import annotations

import argparse
import os
import socket
from collections.abc import Callable
from typing import Any

from console.ptz.rules import ReturnResult
from console.ptz.service import SessionView
from console.ptz.sweeper import Sweeper


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    ptz = commands.add_parser("ptz", help="PTZ sessions: who steered which camera, returns "
                                          "home, faults")
    common(ptz)
    actions = ptz.add_subparsers(dest="ptz_command", metavar="ACTION", required=True,
                                 parser_class=parser_class)
    p = actions.add_parser("sessions", help="list PTZ sessions, newest first")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--open", action="store_true",
                       help="only those active, returning home or failed")
    group.add_argument("--faults", action="store_true",
                       help="only failed returns (camera not verified at home)")
    p.add_argument("--limit", type=int, default=50, help="at most this many (default 50)")
    common(p)
    p = actions.add_parser("sweep", help="send home now every camera whose console stopped "
                                         "(crash recovery) or whose return failed")
    p.add_argument("--wait", type=float, default=60.0, metavar="SECONDS",
                   help="how long to wait for the returns (default 60)")
    common(p)


def run(args: argparse.Namespace, env: Any) -> int:
    services = env.open_services()
    if args.ptz_command == "sessions":
        if args.limit < 1:
            env.err.write("error: --limit must be at least 1\n")
            return 2
        rows = services.ptz.sessions(open_only=args.open, faults_only=args.faults,
                                     limit=args.limit)
        for row in rows:
            env.out.write(_line(row) + "\n")
        if not rows:
            env.out.write("no PTZ sessions\n")
        return 0
    results: list[tuple[str, Any]] = []
    sweeper = Sweeper(services.ptz, lambda job: services.ptz_driver(job.camera),
                      f"cli:{socket.gethostname()[:20]}#{os.getpid()}")
    sweeper.on_return = lambda job, attempt: results.append((job.camera.code, attempt))
    jobs = sweeper.sweep_once()
    sweeper.wait_returns(args.wait)
    for code, attempt in results:
        position = attempt.status.position.as_dict() if attempt.status and \
            attempt.status.position else None
        env.out.write(f"{code}\t{attempt.result}\t{position or ''}\t{attempt.detail}\n")
    env.out.write(f"{len(jobs)} camera(s) owed a return\n")
    failed = [r for r in results if r[1].result == ReturnResult.FAILED]
    return 1 if failed or len(results) < len(jobs) else 0


def _line(row: SessionView) -> str:
    def local(when: Any) -> str:
        return when.astimezone().strftime("%Y-%m-%d %H:%M:%S") if when else ""
    return "\t".join([str(row.id), row.camera_code, row.actor, row.terminal, row.state,
                      row.basis, local(row.started_at), local(row.ended_at),
                      row.end_reason or "", row.return_result or "",
                      row.return_position or "", str(row.return_attempts)])
