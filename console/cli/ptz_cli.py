"""``main.py ptz …``: the centre's PTZ sessions (R10, R11), through its API.

``sessions`` lists them (``--open``: still active, returning or failed; ``--faults``: the
returns that did not verify, the centre's fault list): GET /ptz/sessions with ``open_only``,
``faults_only`` and ``limit``, a list of ``SessionView``. ``sweep`` asks the centre to run
one crash-recovery sweep now and to wait for the returns it claimed: POST /ptz/sweep with
``{"wait_seconds": W}``, answered ``{"owed": N, "returns": [{"code", "result", "position",
"detail"}, ...]}``; exit 0 when every one verified (or nothing was owed), 1 when a camera
could not be verified home. Both endpoints belong to the centre's PTZ routes; a centre
without them answers NO_SUCH_ENDPOINT, said in one line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.api.errors import Refused
from console.cli.errors import CliFailedError, CliUsageError
from console.codes import Reason
from console.ptz.model import SessionView
from console.ptz.rules import ReturnResult

if TYPE_CHECKING:
    from console.cli.commands import CliEnv


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


def run(args: argparse.Namespace, env: CliEnv) -> int:
    if args.ptz_command == "sessions" and args.limit < 1:
        raise CliUsageError("error: --limit must be at least 1")
    if args.ptz_command == "sweep" and not 0 <= args.wait <= 600:
        raise CliUsageError("error: --wait must be 0 to 600 seconds")
    admin = env.centre().admin
    try:
        if args.ptz_command == "sessions":
            rows = admin.ptz_sessions(open_only=args.open, faults_only=args.faults,
                                      limit=min(args.limit, 1000))
            for row in rows:
                env.out.write(_line(row) + "\n")
            if not rows:
                env.out.write("no PTZ sessions\n")
            return 0
        answer = admin.ptz_sweep(args.wait)
    except Refused as refused:
        if refused.reason == Reason.NO_SUCH_ENDPOINT:
            raise CliFailedError(f"error: ptz {args.ptz_command}: this centre does not offer it "
                             "through its API (NO_SUCH_ENDPOINT)") from None
        raise
    returns = list(answer.get("returns") or [])
    for item in returns:
        env.out.write(f"{item.get('code', '')}\t{item.get('result', '')}\t"
                      f"{item.get('position') or ''}\t{item.get('detail') or ''}\n")
    owed = int(answer.get("owed") or 0)
    env.out.write(f"{owed} camera(s) owed a return\n")
    failed = [r for r in returns if r.get("result") == ReturnResult.FAILED]
    return 1 if failed or len(returns) < owed else 0


def _line(row: SessionView) -> str:
    def local(when: Any) -> str:
        return when.astimezone().strftime("%Y-%m-%d %H:%M:%S") if when else ""
    return "\t".join([str(row.id), row.camera_code, row.actor, row.terminal, row.state,
                      row.basis, local(row.started_at), local(row.ended_at),
                      row.end_reason or "", row.return_result or "",
                      row.return_position or "", str(row.return_attempts)])
