"""Online rates through the centre (issue 14 item 9): per unit, region or the city, point in
time and time weighted over a day, week or month. Supervisors get their own unit's cameras,
administrators every camera (console/online/service.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from console.api.errors import Refused
from console.api.online_wire import RatesAnswer
from console.codes import Reason
from console.online.rates import Period
from console.server.deps import CentreDep, SessionDep, actor_of
from console.server.query import only_query

router = APIRouter(prefix="/online-rates", tags=["online rates"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.get("", responses=_REFUSED, dependencies=[Depends(only_query("period", "day", "by"))])
def online_rates(caller: SessionDep, centre: CentreDep,
                 period: Annotated[Period, Query()] = Period.DAY,
                 day: Annotated[datetime | None, Query()] = None,
                 by: Annotated[Literal["unit", "region", "all"], Query()] = "unit"
                 ) -> RatesAnswer:
    """The rates over the ``period`` (day, week, month) that contains ``day`` (an instant
    with its time zone; default now), one row per unit, region or the whole city (``by``),
    with the city's total and the 98 % target."""
    if day is not None and day.tzinfo is None:
        raise Refused(Reason.INVALID_INPUT, "give the day with its time zone", field="day")
    return centre.online_rates.rates(actor_of(centre, caller), period, day, by)
