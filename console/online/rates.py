"""Online rates (在线率) per unit and region (issue 14 item 9), Qt-free and database-free.

From the states the centre records (each camera's online/offline transitions, its first
record being when it was added or first recorded):

- **point in time**: cameras online at an instant ÷ cameras that existed then
  (在线率 = 在线点位数 / 总点位数);
- **time weighted** over a period: Σ online hours ÷ Σ expected hours (CN104899680A), where a
  camera is expected only from its first record (a camera added mid-day counts only from
  then) and only up to ``now`` (a period still running counts what has passed).

Periods are local calendar days, ISO weeks (Monday first) and months in the centre's time
zone (Beijing time). The target line is 98 % (the 2015 nine-ministry opinion: 重点公共区域
摄像机完好率 ≥ 98 %).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Asia/Shanghai")
TARGET = 0.98


class Period(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"


@dataclass(frozen=True, slots=True)
class Change:
    at: datetime
    online: bool


@dataclass(frozen=True, slots=True)
class CameraHistory:
    """One camera: where it belongs and its recorded states, oldest first."""

    code: str
    unit: str
    region: str
    changes: Sequence[Change]


@dataclass(frozen=True, slots=True)
class Rate:
    """One group's figures: ``online`` of ``total`` cameras now; ``online_hours`` of
    ``expected_hours`` over the period."""

    key: str
    online: int
    total: int
    online_hours: float
    expected_hours: float

    @property
    def point_rate(self) -> float | None:
        return self.online / self.total if self.total else None

    @property
    def weighted_rate(self) -> float | None:
        return self.online_hours / self.expected_hours if self.expected_hours > 0 else None


def period_bounds(period: Period | str, day: datetime) -> tuple[datetime, datetime]:
    """The local day, ISO week or month that contains ``day``, as [start, end)."""
    local = day.astimezone(LOCAL_TIME).date()
    if period == Period.DAY:
        first, last = local, local + timedelta(days=1)
    elif period == Period.WEEK:
        first = local - timedelta(days=local.weekday())
        last = first + timedelta(days=7)
    elif period == Period.MONTH:
        first = local.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1)
    else:
        raise ValueError(f"{period!r} is not a period (day, week, month)")
    return (datetime.combine(first, time(), LOCAL_TIME),
            datetime.combine(last, time(), LOCAL_TIME))


def state_at(changes: Sequence[Change], at: datetime) -> bool | None:
    """The camera's state at ``at`` (None: not recorded yet, it did not exist)."""
    state = None
    for change in changes:
        if change.at > at:
            break
        state = change.online
    return state


def hours(changes: Sequence[Change], start: datetime, end: datetime) -> tuple[float, float]:
    """(online hours, expected hours) of one camera over [start, end)."""
    online = expected = 0.0
    for i, change in enumerate(changes):
        until = changes[i + 1].at if i + 1 < len(changes) else end
        lo, hi = max(change.at, start), min(until, end)
        if hi <= lo:
            continue
        span = (hi - lo).total_seconds() / 3600
        expected += span
        if change.online:
            online += span
    return online, expected


GROUPINGS: dict[str, Callable[[CameraHistory], str]] = {
    "unit": lambda c: c.unit,
    "region": lambda c: c.region,
    "all": lambda _c: "",
}


def rates(cameras: Iterable[CameraHistory], period: Period | str, day: datetime,
          now: datetime, by: str = "unit") -> list[Rate]:
    """Per group (``by``: unit, region or all): the point-in-time rate at ``now`` (or at the
    period's end if it is over) and the time-weighted rate over the period containing
    ``day`` up to ``now``; sorted by key."""
    start, end = period_bounds(period, day)
    until = min(end, now)
    instant = now if now < end else end - timedelta(microseconds=1)
    key_of = GROUPINGS[by]
    sums: dict[str, list[float]] = {}
    for camera in cameras:
        changes = sorted(camera.changes, key=lambda c: c.at)
        total = sums.setdefault(key_of(camera), [0, 0, 0.0, 0.0])
        state = state_at(changes, instant)
        if state is not None:
            total[1] += 1
            total[0] += int(state)
        if until > start:
            on, expected = hours(changes, start, until)
            total[2] += on
            total[3] += expected
    return [Rate(key, int(v[0]), int(v[1]), v[2], v[3]) for key, v in sorted(sums.items())]


def overall(rows: Sequence[Rate]) -> Rate:
    """The sum of ``rows`` (the whole city)."""
    return Rate("", sum(r.online for r in rows), sum(r.total for r in rows),
                sum(r.online_hours for r in rows), sum(r.expected_hours for r in rows))


def below_target(rows: Iterable[Rate], target: float = TARGET) -> list[str]:
    """The keys whose time-weighted rate is under ``target``."""
    return [r.key for r in rows if r.weighted_rate is not None and r.weighted_rate < target]
