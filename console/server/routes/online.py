"""Online rates through the centre (issue 14 item 9): per unit, region or the city, point in
time and time weighted over a day, week or month. Supervisors get their own unit's cameras,
administrators every camera (console/online/service.py)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from console.api.errors import Refused
from console.api.online_wire import RatesAnswer
from console.codes import Reason
from console.online.rates import LOCAL_TIME, Period
from console.server.deps import CentreDep, SessionDep, actor_of
from console.server.query import only_query

router = APIRouter(prefix="/online-rates", tags=["online rates"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.get("", responses=_REFUSED, dependencies=[Depends(only_query("period", "day", "by"))])
def online_rates(caller: SessionDep, centre: CentreDep,
                 period: Annotated[Period, Query()] = Period.DAY,
                 day: Annotated[str | None, Query(pattern=r"^\d{4}-\d{2}-\d{2}$")] = None,
                 by: Annotated[Literal["unit", "region", "all"], Query()] = "unit"
                 ) -> RatesAnswer:
    """The rates over the ``period`` (day, week, month) that contains ``day`` (YYYY-MM-DD,
    a Beijing-time calendar day; default today), one row per unit, region or the whole city
    (``by``), with the city's total and the 98 % target."""
    when = None
    if day is not None:
        try:
            when = datetime.combine(date.fromisoformat(day), time(12), LOCAL_TIME)
        except ValueError:
            raise Refused(Reason.INVALID_INPUT, "not a calendar day (YYYY-MM-DD)",
                          field="day") from None
    return centre.online_rates.rates(actor_of(centre, caller), period, when, by)
