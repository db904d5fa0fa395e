"""The units and people the desk's dialogs offer (the emergency grant's grantee)."""

from __future__ import annotations

from dataclasses import dataclass

from console.api.wire import UnitRow, UserRow
from console.remote.client import CentreClient, parse


@dataclass(frozen=True, slots=True)
class UnitEntry:
    code: str
    name: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class UserEntry:
    account: str
    real_name: str
    unit: str
    role: str
    state: str
    terminals: tuple[str, ...] = ()


class RemoteDirectory:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def list_units(self) -> list[UnitEntry]:
        rows = parse(list[UnitRow], self._client.get("/directory/units"))
        return [UnitEntry(r.code, r.name, r.parent) for r in rows]

    def list_users(self) -> list[UserEntry]:
        rows = parse(list[UserRow], self._client.get("/directory/users"))
        return [UserEntry(r.account, r.real_name, r.unit, r.role, r.state, tuple(r.terminals))
                for r in rows]
