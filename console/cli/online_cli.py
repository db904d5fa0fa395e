"""``main.py online-rate``: the online rates (在线率) per unit, region or the whole city, point
in time and time weighted over a day, week or month, against the 98 % target (issue 14
item 9). Supervisors see their own unit's cameras, administrators every camera; the centre
decides."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from console.cli.errors import CliUsageError
from console.cli.table import Column, add_json_option, write_list
from console.online.rates import LOCAL_TIME
from console.remote.online import RemoteOnlineRates

if TYPE_CHECKING:
    from console.cli.commands import CliEnv


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    p = commands.add_parser(
        "online-rate", help="online rates per unit or region: now, and online hours over "
                            "expected hours for a day, week or month (target 98 %%)")
    p.add_argument("--period", choices=["day", "week", "month"], default="day",
                   help="the calendar period (Beijing time; default: day)")
    p.add_argument("--date", metavar="YYYY-MM-DD", default=None,
                   help="a day in the period (default: today)")
    p.add_argument("--by", choices=["unit", "region", "all"], default="unit",
                   help="one row per unit (default), per region, or the whole city")
    add_json_option(p)
    common(p)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value * 100:.2f} %"


def run(args: argparse.Namespace, env: CliEnv) -> int:
    day = None
    if args.date:
        try:
            day = datetime.strptime(args.date, "%Y-%m-%d").replace(hour=12, tzinfo=LOCAL_TIME)
        except ValueError as exc:
            raise CliUsageError(f"error: --date: {args.date!r} is not YYYY-MM-DD") from exc
    session = env.centre()
    answer = RemoteOnlineRates(session.client).rates(session.session_id, args.period, day,
                                                     args.by)
    rows = [*answer.rows, answer.city.model_copy(update={"key": "*", "name": "total"})] \
        if answer.rows else []
    columns = [
        Column("key", args.by.upper() if args.by != "all" else "SCOPE"),
        Column("name", "NAME"),
        Column("online", "ONLINE"), Column("total", "TOTAL"),
        Column("point_rate", "NOW", _percent),
        Column("online_hours", "ONLINE_H", lambda h: f"{h:.2f}"),
        Column("expected_hours", "EXPECTED_H", lambda h: f"{h:.2f}"),
        Column("weighted_rate", f"{args.period.upper()}_RATE", _percent),
        Column("below", "BELOW_98"),
    ]
    table = [{**r.model_dump(), "below": "yes" if r.weighted_rate is not None
              and r.weighted_rate < answer.target else ""} for r in rows]
    if not args.json:
        start = answer.start.astimezone(LOCAL_TIME).strftime("%Y-%m-%d")
        end = answer.end.astimezone(LOCAL_TIME).strftime("%Y-%m-%d")
        env.out.write(f"{args.period} {start} .. {end} (Beijing time), "
                      f"target {answer.target * 100:.0f} %\n")
    write_list(env.out, columns, table, as_json=args.json, empty="no cameras")
    return 0
