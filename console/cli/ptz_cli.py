"""``main.py ptz …``: the centre's PTZ sessions (R10, R11), through its API.

``sessions`` lists them (``--open``: still active, returning or failed; ``--faults``: the
returns that did not verify, the centre's fault list): GET /ptz/sessions with ``open_only``,
``faults_only`` and ``limit``, a list of ``SessionView``. ``sweep`` asks the centre to run
one crash-recovery sweep now and to wait for the returns it claimed: POST /ptz/sweep with
``{"wait_seconds": W}``, answered ``{"owed": N, "returns": [{"code", "result", "position",
"detail"}, ...]}``; exit 0 when every one verified (or nothing was owed), 1 when a camera
could not be verified home. ``home-picture CODE`` has the centre send the camera to its
home preset and record its picture there as the reference a return through the platform
(GB/T 28181: no position read back) is verified by: POST /ptz/cameras/CODE/home-picture
(administrators; the picture stays on the centre). Those endpoints belong to the centre's
PTZ routes; a centre without them answers NO_SUCH_ENDPOINT, said in one line."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.api.errors import Refused
from console.cli.errors import CliFailedError, CliUsageError
from console.cli.table import Column, add_json_option, cell_text, write_list
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
    add_json_option(p)
    common(p)
    p = actions.add_parser("home-picture", help="send the camera home and record its picture "
                                                "there: returns through the city platform are "
                                                "then verified by picture")
    p.add_argument("code", help="the camera's 20-digit code")
    add_json_option(p)
    common(p)
    p = actions.add_parser("sweep", help="send home now every camera whose console stopped "
                                         "(crash recovery) or whose return failed")
    p.add_argument("--wait", type=float, default=60.0, metavar="SECONDS",
                   help="how long to wait for the returns (default 60)")
    add_json_option(p)
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
            empty = ("no PTZ faults" if args.faults else
                     "no open PTZ sessions" if args.open else "no PTZ sessions")
            write_list(env.out, SESSION_COLUMNS, [_row(row) for row in rows],
                       as_json=args.json, empty=empty)
            return 0
        if args.ptz_command == "home-picture":
            picture = admin.ptz_record_home_picture(args.code)
            if args.json:
                env.out.write(picture.model_dump_json(indent=2) + "\n")
            else:
                env.out.write(f"reference picture at home recorded for {picture.code} "
                              f"(preset {picture.home}, {picture.width}×{picture.height}, "
                              f"{_seconds(picture.taken_at)})\n")
            return 0
        answer = admin.ptz_sweep(args.wait)
    except Refused as refused:
        if refused.reason == Reason.NO_SUCH_ENDPOINT:
            raise CliFailedError(f"error: ptz {args.ptz_command}: this centre does not offer it "
                             "through its API (NO_SUCH_ENDPOINT)") from None
        raise
    returns = list(answer.get("returns") or [])
    owed = int(answer.get("owed") or 0)
    if args.json:
        env.out.write(json.dumps({"owed": owed, "returns": returns}, ensure_ascii=False,
                                 indent=2) + "\n")
    else:
        if returns:
            write_list(env.out, RETURN_COLUMNS, returns, as_json=False, empty="")
        env.out.write(f"{owed} camera(s) owed a return\n")
    failed = [r for r in returns if r.get("result") == ReturnResult.FAILED]
    return 1 if failed or len(returns) < owed else 0


def _seconds(when: Any) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M:%S") if when else "-"


def _position(value: Any) -> str:
    if isinstance(value, dict):
        return " ".join(f"{k}={v:g}" if isinstance(v, float) else f"{k}={v}"
                        for k, v in value.items()) or "-"
    return cell_text(value)


SESSION_COLUMNS = (
    Column("id", "ID"), Column("camera", "CAMERA"), Column("actor", "OPERATOR"),
    Column("terminal", "TERMINAL"), Column("state", "STATE"), Column("basis", "BASIS"),
    Column("started_at", "STARTED", _seconds), Column("ended_at", "ENDED", _seconds),
    Column("end_reason", "END REASON"), Column("ended_by", "ENDED BY"),
    Column("return_result", "RETURN"), Column("return_position", "POSITION"),
    Column("return_attempts", "ATTEMPTS"))
RETURN_COLUMNS = (Column("code", "CAMERA"), Column("result", "RESULT"),
                  Column("position", "POSITION", _position), Column("detail", "DETAIL"))


def _row(row: SessionView) -> dict[str, Any]:
    return {"id": row.id, "camera": row.camera_code, "actor": row.actor,
            "terminal": row.terminal, "state": row.state, "basis": row.basis,
            "started_at": row.started_at, "ended_at": row.ended_at,
            "end_reason": row.end_reason, "ended_by": row.ended_by,
            "return_result": row.return_result, "return_position": row.return_position,
            "return_attempts": row.return_attempts}
