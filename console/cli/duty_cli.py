"""``main.py duty …``: the duty roster, on-duty log, handover and review (R12) through the
centre, as the person logged in (``--login``): the centre takes who signs, accepts or
approves from that session, never from the command line.

``shifts`` lists shifts (by unit, person, period; ``--mine``: one's own); ``shift-add`` puts
one on a unit's roster (supervisors, administrators); ``show`` prints one shift's attendance,
log and handovers; ``log`` writes an entry (``--corrects N``: a correction, a new entry;
``--closes N``: settles entry N's follow-up); ``handover`` signs the shift over; ``accept``
and ``refuse`` answer a handover; ``review`` approves or returns a shift; ``report`` saves
its PDF."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.api.duty_wire import LogEntryBody, ShiftDetail
from console.cli.errors import CliUsageError
from console.cli.grant_cli import parse_time
from console.cli.table import Column, add_json_option, write_list
from console.duty.rules import Category, Verdict
from console.remote.duty import RemoteDuty

if TYPE_CHECKING:
    from console.cli.commands import CliEnv


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    duty = commands.add_parser("duty", help="duty roster, on-duty log, handover and review")
    common(duty)
    d = duty.add_subparsers(dest="duty_command", metavar="ACTION", required=True,
                            parser_class=parser_class)
    p = d.add_parser("shifts", help="list shifts, newest first")
    p.add_argument("--unit", metavar="CODE")
    p.add_argument("--person", metavar="ACCOUNT")
    p.add_argument("--from", dest="start", metavar="TIME",
                   help="shifts ending after this ('YYYY-MM-DD[ HH:MM]', local time)")
    p.add_argument("--to", dest="end", metavar="TIME", help="shifts starting before this")
    p.add_argument("--mine", action="store_true", help="only the shifts I am on")
    add_json_option(p)
    common(p)
    p = d.add_parser("shift-add", help="put a shift on a unit's roster")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("--title", default="", help="e.g. 白班")
    p.add_argument("--from", dest="start", required=True, metavar="TIME")
    p.add_argument("--to", dest="end", required=True, metavar="TIME")
    p.add_argument("--people", required=True, metavar="ACCOUNTS",
                   help="comma-separated accounts of the unit")
    common(p)
    p = d.add_parser("shift-change", help="change a shift's name, times or people (until it "
                                          "is approved)")
    p.add_argument("shift", type=int, metavar="SHIFT")
    p.add_argument("unit", metavar="UNIT")
    p.add_argument("--title", default="")
    p.add_argument("--from", dest="start", required=True, metavar="TIME")
    p.add_argument("--to", dest="end", required=True, metavar="TIME")
    p.add_argument("--people", required=True, metavar="ACCOUNTS")
    common(p)
    p = d.add_parser("show", help="one shift: attendance, on-duty log, handovers")
    p.add_argument("shift", type=int, metavar="SHIFT")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    common(p)
    p = d.add_parser("log", help="write an on-duty log entry (or a correction)")
    p.add_argument("shift", type=int, metavar="SHIFT")
    p.add_argument("--category", required=True, choices=[c.value for c in Category])
    p.add_argument("--seen", required=True, help="what was seen")
    p.add_argument("--camera", action="append", default=[], metavar="CODE",
                   help="a camera (repeat for several)")
    p.add_argument("--location", default="")
    p.add_argument("--follow-up", default="", help="what is still to be done")
    p.add_argument("--at", metavar="TIME", help="when it was seen (default: now)")
    what = p.add_mutually_exclusive_group()
    what.add_argument("--corrects", type=int, metavar="ENTRY",
                      help="this entry replaces ENTRY (a correction, never an edit)")
    what.add_argument("--closes", type=int, metavar="ENTRY", help="settles ENTRY's follow-up")
    common(p)
    p = d.add_parser("handover", help="sign my shift over to the next one")
    p.add_argument("shift", type=int, metavar="SHIFT")
    p.add_argument("--to", dest="to_shift", type=int, metavar="SHIFT",
                   help="the incoming shift (default: the unit's next one)")
    p.add_argument("--note", default="")
    common(p)
    p = d.add_parser("accept", help="accept a handover to my shift")
    p.add_argument("handover", type=int, metavar="HANDOVER")
    common(p)
    p = d.add_parser("refuse", help="refuse a handover to my shift, saying why")
    p.add_argument("handover", type=int, metavar="HANDOVER")
    p.add_argument("--reason", required=True)
    common(p)
    p = d.add_parser("review", help="approve a shift (locks it) or return it with a comment")
    p.add_argument("shift", type=int, metavar="SHIFT")
    p.add_argument("verdict", choices=[v.value for v in Verdict])
    p.add_argument("--comment", default="")
    common(p)
    p = d.add_parser("report", help="save a shift's report as PDF (text only)")
    p.add_argument("shift", type=int, metavar="SHIFT")
    p.add_argument("--out", type=Path, required=True, metavar="FILE")
    common(p)


def _id(name: str, value: int | None) -> None:
    if value is not None and not 1 <= value <= 2**31 - 1:
        raise CliUsageError(f"error: {name}: no such number {value}")


def run(args: argparse.Namespace, env: CliEnv) -> int:
    cmd = args.duty_command
    for name in ("shift", "handover", "to_shift", "corrects", "closes"):
        _id(name.upper(), getattr(args, name, None))
    centre = env.centre()
    duty, sid, out = RemoteDuty(centre.client), centre.session_id, env.out
    if cmd == "shifts":
        rows = duty.shifts(
            sid, unit=args.unit, person=args.person, mine=args.mine,
            start=parse_time("--from", args.start, end_of_day=False) if args.start else None,
            end=parse_time("--to", args.end, end_of_day=True) if args.end else None)
        write_list(out, SHIFT_COLUMNS, [_shift(r.model_dump()) for r in rows],
                   as_json=args.json, empty="no shifts")
    elif cmd in ("shift-add", "shift-change"):
        people = [p.strip() for p in args.people.split(",") if p.strip()]
        row = duty.set_shift(sid, args.unit, args.title,
                             parse_time("--from", args.start, end_of_day=False),
                             parse_time("--to", args.end, end_of_day=False), people,
                             shift_id=getattr(args, "shift", None))
        done = "changed on" if cmd == "shift-change" else "added to"
        out.write(f"shift #{row.id} {done} {row.unit}'s roster: {_local(row.starts_at)} – "
                  f"{_local(row.ends_at)} ({', '.join(p.account for p in row.people)})\n")
    elif cmd == "show":
        detail = duty.detail(sid, args.shift)
        if args.json:
            out.write(detail.model_dump_json(indent=2) + "\n")
        else:
            _show(detail, out.write)
    elif cmd == "log":
        entry = LogEntryBody(
            shift=args.shift, category=Category(args.category), seen=args.seen,
            cameras=args.camera, location=args.location, follow_up=args.follow_up,
            at=parse_time("--at", args.at, end_of_day=False) if args.at else None,
            corrects=args.corrects, closes=args.closes)
        written = duty.write(sid, entry)
        what = f"correction of #{written.corrects}" if written.corrects else "entry"
        out.write(f"{what} #{written.id} written in shift #{written.shift}\n")
    elif cmd == "handover":
        handover = duty.sign(sid, args.shift, args.to_shift, args.note)
        out.write(f"handover #{handover.id} signed: shift #{handover.shift} → "
                  f"#{handover.to_shift}; {len(handover.content.open_items)} open item(s)\n")
    elif cmd in ("accept", "refuse"):
        handover = duty.answer(sid, args.handover, accept=cmd == "accept",
                               reason=getattr(args, "reason", ""))
        out.write(f"handover #{handover.id} {handover.state}\n")
    elif cmd == "review":
        shift = duty.review(sid, args.shift, args.verdict, args.comment)
        out.write(f"shift #{shift.id} {shift.review}\n")
    else:
        data = duty.report(sid, args.shift)
        args.out.write_bytes(data)
        out.write(f"report of shift #{args.shift} saved to {args.out} ({len(data)} bytes)\n")
    return 0


def _local(when: Any) -> str:
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "-"


def _shift(row: dict[str, Any]) -> dict[str, Any]:
    row["people"] = [p["account"] for p in row["people"]]
    return row


SHIFT_COLUMNS = (
    Column("id", "ID", lambda n: f"#{n}"), Column("unit", "UNIT"), Column("title", "SHIFT"),
    Column("starts_at", "STARTS", _local), Column("ends_at", "ENDS", _local),
    Column("people", "PEOPLE", ",".join), Column("entries", "ENTRIES"),
    Column("handover", "HANDOVER", lambda h: h or "-"), Column("review", "REVIEW"),
    Column("reviewed_by", "REVIEWED BY", lambda r: r or "-"))


def _show(detail: ShiftDetail, write: Callable[[str], Any]) -> None:
    shift = detail.shift
    write(f"shift #{shift.id} {shift.unit} {shift.title} {_local(shift.starts_at)} – "
          f"{_local(shift.ends_at)}: {shift.review}"
          + (f" by {shift.reviewed_by}" if shift.reviewed_by else "")
          + (f" ({shift.review_comment})" if shift.review_comment else "") + "\n")
    write("attendance:\n")
    for p in detail.attendance:
        state = ("not on the roster" if not p.planned else "absent" if p.absent else
                 f"late {p.late_minutes} min" if p.late_minutes else
                 "on time" if p.first_login else "not logged in yet")
        write(f"  {p.account} {p.name}: {state}\n")
        for s in p.stints:
            write(f"    {s.terminal} {_local(s.start)} – {_local(s.end)}\n")
        for start, end in p.gaps:
            write(f"    gap {_local(start)} – {_local(end)}\n")
    write("log:\n")
    for e in detail.entries:
        tags = [f"corrects #{e.corrects}"] if e.corrects else []
        tags += [f"corrected by #{e.corrected_by}"] if e.corrected_by else []
        tags += [f"closes #{e.closes}"] if e.closes else []
        cameras = ",".join(c.code for c in e.cameras)
        write(f"  #{e.id} {_local(e.at)} {e.category} {e.author} [{cameras}] {e.seen}"
              + (f" / follow-up: {e.follow_up}" if e.follow_up else "")
              + (f" ({'; '.join(tags)})" if tags else "") + "\n")
    write("handovers:\n")
    for h in detail.handovers:
        write(f"  #{h.id} #{h.shift} → #{h.to_shift} {h.state}: signed by {h.signed_by} "
              f"{_local(h.signed_at)}"
              + (f"; {h.state} by {h.answered_by} {_local(h.answered_at)}"
                 if h.answered_by else "")
              + (f" ({h.refusal})" if h.refusal else "") + "\n")
        write("    " + json.dumps({
            "open_items": len(h.content.open_items), "open_faults": len(h.content.open_faults),
            "ptz_faults": len(h.content.ptz_faults),
            "online": f"{h.content.online.online}/{h.content.online.total} "
                      f"({h.content.online.kind})",
            "emergency_grants": len(h.content.emergency_grants)}, ensure_ascii=False) + "\n")
