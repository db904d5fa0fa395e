"""Online rates through the centre (issue 14 item 9)."""

from __future__ import annotations

from datetime import datetime

from console.api.online_wire import RatesAnswer
from console.online.rates import LOCAL_TIME
from console.remote.client import CentreClient, parse


class RemoteOnlineRates:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def rates(self, session_id: str, period: str = "day", day: datetime | None = None,
              by: str = "unit") -> RatesAnswer:
        params: dict[str, str] = {"period": period, "by": by}
        if day is not None:                  # the Beijing-time calendar day it falls on
            params["day"] = day.astimezone(LOCAL_TIME).date().isoformat()
        return parse(RatesAnswer, self._client.get("/online-rates", session=session_id,
                                                   params=params))
