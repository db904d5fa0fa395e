"""The usage register through the centre for the console's register dialog (supervisors and
administrators): filtered pages of records and the leak trace. The centre checks the role,
limits a supervisor to their own unit and registers every read and trace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from console.api.admin_wire import AuditRecords, SessionTrace
from console.remote.client import CentreClient, parse

PAGE_SIZE = 200     # records the dialog asks for at a time


@dataclass(frozen=True, slots=True)
class RegisterQuery:
    """The dialog's filters (None or empty: any)."""

    actor: str | None = None
    terminal: str | None = None
    camera: str | None = None
    action: str | None = None
    outcome: str | None = None
    purpose: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    session: str | None = None

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in ("actor", "terminal", "camera", "action", "outcome", "purpose",
                     "session"):
            value = getattr(self, name)
            if value:
                out[name] = value
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value.isoformat()
        return out


class RemoteRegister:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def records(self, session_id: str, query: RegisterQuery, *, offset: int = 0,
                limit: int = PAGE_SIZE, upto: int | None = None) -> AuditRecords:
        """One page: the ``limit`` matching records after the ``offset`` newest (oldest
        first), with how many matched in all; ``upto``: only records up to that sequence
        number (the newest of the first page keeps later pages in place)."""
        params = {**query.params(), "offset": offset, "last": limit}
        if upto is not None:
            params["upto"] = upto
        return parse(AuditRecords, self._client.get("/audit/records", session=session_id,
                                                    params=params))

    def trace(self, session_id: str, code: str) -> SessionTrace:
        return parse(SessionTrace, self._client.get("/audit/trace", session=session_id,
                                                    params={"session": code}))
