"""The duty roster, on-duty log, handover and review through the centre (R12). Nothing sent
names who acts: the centre takes the person from the session."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from console.api.duty_wire import (
    HandoverDraft,
    HandoverRow,
    LogEntryBody,
    LogEntryRow,
    ShiftDetail,
    ShiftRow,
)
from console.remote.client import CentreClient, parse


class RemoteDuty:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def set_shift(self, session_id: str, unit: str, title: str, starts_at: datetime,
                  ends_at: datetime, people: list[str], *,
                  shift_id: int | None = None) -> ShiftRow:
        body = {"unit": unit, "title": title, "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(), "people": people}
        if shift_id is None:
            return parse(ShiftRow, self._client.post("/duty/shifts", session=session_id,
                                                     json=body))
        return parse(ShiftRow, self._client.call("PUT", f"/duty/shifts/{int(shift_id)}",
                                                 session=session_id, json=body))

    def shifts(self, session_id: str, *, unit: str | None = None, person: str | None = None,
               start: datetime | None = None, end: datetime | None = None,
               mine: bool = False) -> list[ShiftRow]:
        params: dict[str, Any] = {"mine": mine}
        for key, value in (("unit", unit), ("person", person)):
            if value:
                params[key] = value
        for key, when in (("start", start), ("end", end)):
            if when is not None:
                params[key] = when.isoformat()
        return parse(list[ShiftRow], self._client.get("/duty/shifts", session=session_id,
                                                      params=params))

    def detail(self, session_id: str, shift_id: int) -> ShiftDetail:
        return parse(ShiftDetail, self._client.get(f"/duty/shifts/{int(shift_id)}",
                                                   session=session_id))

    def write(self, session_id: str, entry: LogEntryBody) -> LogEntryRow:
        return parse(LogEntryRow, self._client.post(
            "/duty/log", session=session_id,
            json=entry.model_dump(exclude_none=True, mode="json")))

    def handover_draft(self, session_id: str, shift_id: int,
                       to_shift: int | None = None) -> HandoverDraft:
        params = {"to_shift": to_shift} if to_shift is not None else None
        return parse(HandoverDraft, self._client.get(
            f"/duty/shifts/{int(shift_id)}/handover", session=session_id, params=params))

    def sign(self, session_id: str, shift_id: int, to_shift: int | None = None,
             note: str = "") -> HandoverRow:
        body: dict[str, Any] = {"note": note}
        if to_shift is not None:
            body["to_shift"] = to_shift
        return parse(HandoverRow, self._client.post(
            f"/duty/shifts/{int(shift_id)}/handover", session=session_id, json=body))

    def answer(self, session_id: str, handover_id: int, *, accept: bool,
               reason: str = "") -> HandoverRow:
        return parse(HandoverRow, self._client.post(
            f"/duty/handovers/{int(handover_id)}/answer", session=session_id,
            json={"accept": accept, "reason": reason}))

    def review(self, session_id: str, shift_id: int, verdict: str,
               comment: str = "") -> ShiftRow:
        return parse(ShiftRow, self._client.post(
            f"/duty/shifts/{int(shift_id)}/review", session=session_id,
            json={"verdict": verdict, "comment": comment}))

    def report(self, session_id: str, shift_id: int) -> bytes:
        response = self._client.get(f"/duty/shifts/{int(shift_id)}/report.pdf",
                                    session=session_id, raw=True)
        return bytes(response.content)
