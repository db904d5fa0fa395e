"""Online-rate arithmetic (console/online/rates.py) against hand-computed cases, including a
camera added mid-day."""

from __future__ import annotations

from datetime import datetime

import pytest

from console.online.rates import (
    CameraHistory,
    Change,
    Period,
    below_target,
    hours,
    overall,
    period_bounds,
    rates,
    state_at,
)
from tests.conftest import SHANGHAI


def at(day: int, hour: int = 0, minute: int = 0, month: int = 1) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=SHANGHAI)


# Monday 5 January 2026 (Beijing time):
#   A (unit U1, region R1): online since 4 Jan 10:00; offline 08:00–10:00 on the 5th
#   B (unit U1, region R2): added at 12:00 on the 5th (mid-day), online; offline from 18:00
#   C (unit U2, region R1): online since 1 Jan 00:00
#   D (unit U2, region R2): added on the 8th (after the day): not counted on the 5th
A = CameraHistory("A", "U1", "R1", [Change(at(4, 10), True), Change(at(5, 8), False),
                                    Change(at(5, 10), True)])
B = CameraHistory("B", "U1", "R2", [Change(at(5, 12), True), Change(at(5, 18), False)])
C = CameraHistory("C", "U2", "R1", [Change(at(1), True)])
D = CameraHistory("D", "U2", "R2", [Change(at(8, 9), False)])
ALL = [A, B, C, D]


@pytest.mark.parametrize(("period", "day", "now", "by", "expected"), [
    # The day is over: A 22 of 24 h, B 6 of 12 h (from 12:00 only), C 24 of 24 h.
    # Point in time at the day's end: A online, B offline; C online; D not there yet.
    (Period.DAY, at(5, 9), at(6, 3), "unit",
     {"U1": (1, 2, 28.0, 36.0), "U2": (1, 1, 24.0, 24.0)}),
    # At 15:00 on the day: A 13 of 15 h, B 3 of 3 h; everything online now
    (Period.DAY, at(5, 9), at(5, 15), "unit",
     {"U1": (2, 2, 16.0, 18.0), "U2": (1, 1, 15.0, 15.0)}),
    # by region: R1 = A + C, R2 = B (D not yet)
    (Period.DAY, at(5, 9), at(6, 3), "region",
     {"R1": (2, 2, 46.0, 48.0), "R2": (0, 1, 6.0, 12.0)}),
    # The ISO week of 5 Jan as of the 7th 00:00: A 46 of 48 h, B 6 of 36 h
    (Period.WEEK, at(6, 20), at(7), "unit",
     {"U1": (1, 2, 52.0, 84.0), "U2": (1, 1, 48.0, 48.0)}),
    # The whole week, seen after it: D (added on the 8th, offline) counts from 09:00 on
    # the 8th: 0 of 87 h; C 168 of 168 h
    (Period.WEEK, at(11, 23), at(20), "unit",
     {"U1": (1, 2, 166.0 + 6.0, 168.0 + 156.0), "U2": (1, 2, 168.0, 168.0 + 87.0)}),
    # January as of the 3rd: only C existed (A from the 4th): 48 of 48 h
    (Period.MONTH, at(2), at(3), "all", {"": (1, 1, 48.0, 48.0)}),
    # A day before any camera existed: nothing expected, no rate
    (Period.DAY, at(20, month=12).replace(year=2025), at(3), "all", {"": (0, 0, 0.0, 0.0)}),
])
def test_rates_hand_computed(period: Period, day: datetime, now: datetime, by: str,
                             expected: dict[str, tuple[int, int, float, float]]) -> None:
    got = {r.key: (r.online, r.total, round(r.online_hours, 6), round(r.expected_hours, 6))
           for r in rates(ALL, period, day, now, by)}
    assert got == expected


def test_the_rates_themselves() -> None:
    rows = rates(ALL, Period.DAY, at(5), at(6, 3), "unit")
    u1, u2 = rows
    assert u1.point_rate == 0.5 and u1.weighted_rate == pytest.approx(28 / 36)
    assert u2.point_rate == 1.0 and u2.weighted_rate == 1.0
    city = overall(rows)
    assert (city.online, city.total) == (2, 3)
    assert city.weighted_rate == pytest.approx(52 / 60)
    assert below_target(rows) == ["U1"]
    empty = rates([], Period.DAY, at(5), at(6))
    assert empty == [] and overall(empty).point_rate is None
    assert overall(empty).weighted_rate is None


@pytest.mark.parametrize(("period", "day", "bounds"), [
    (Period.DAY, at(5, 23, 59), (at(5), at(6))),
    (Period.WEEK, at(11, 23), (at(5), at(12))),            # Sunday belongs to Monday's week
    (Period.WEEK, at(1), (at(29, month=12).replace(year=2025), at(5))),
    (Period.MONTH, at(31, 12), (at(1), at(1, month=2))),
    (Period.MONTH, at(15, month=12), (at(1, month=12), at(1, month=1).replace(year=2027))),
])
def test_period_bounds_are_local_calendar_periods(period: Period, day: datetime,
                                                  bounds: tuple[datetime, datetime]) -> None:
    assert period_bounds(period, day) == bounds


def test_period_bounds_of_a_utc_instant_use_beijing_days() -> None:
    # 2026-01-04 17:00 UTC is 5 Jan 01:00 in Beijing
    from datetime import UTC
    assert period_bounds(Period.DAY, datetime(2026, 1, 4, 17, tzinfo=UTC)) == (at(5), at(6))
    with pytest.raises(ValueError, match="period"):
        period_bounds("year", at(5))


def test_state_and_hours_of_one_camera() -> None:
    assert state_at(A.changes, at(4, 9)) is None           # not recorded yet
    assert state_at(A.changes, at(5, 8)) is False           # the change takes effect at once
    assert state_at(A.changes, at(5, 10)) is True
    assert hours(B.changes, at(5), at(6)) == (6.0, 12.0)
    assert hours(B.changes, at(5, 13), at(5, 19)) == (5.0, 6.0)
    assert hours(B.changes, at(4), at(5)) == (0.0, 0.0)
