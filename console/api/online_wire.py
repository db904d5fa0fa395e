"""Online rates on the wire (issue 14 item 9): one row per unit or region (or the city).
Qt-free and database-free: the terminal imports this module."""

from __future__ import annotations

from datetime import datetime

from console.api.wire import Body
from console.online.rates import Period


class RateRow(Body):
    """One group: ``online`` of ``total`` cameras at ``instant``, ``online_hours`` of
    ``expected_hours`` over the period (None rates: nothing to count)."""

    key: str                   # unit code, region code, or "" for the whole city
    name: str
    online: int
    total: int
    online_hours: float
    expected_hours: float
    point_rate: float | None
    weighted_rate: float | None


class RatesAnswer(Body):
    period: Period
    by: str
    start: datetime
    end: datetime
    instant: datetime
    target: float
    rows: list[RateRow]
    city: RateRow
