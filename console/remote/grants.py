"""Grants through the centre (R6, R7, R15), as the desk's dialogs use them: the supervisor's
emergency grant, the administrator's grant from an approved form, the grants of a unit by
phase, revoking one, and the catalogue a grant's cameras are picked from. The centre checks
who may do what to which unit's grants and registers every command."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from console.access.model import PermittedCatalogue
from console.api import catalogue_wire
from console.api.admin_wire import GrantListing
from console.codes import Right
from console.grants.commands import Phase
from console.grants.model import Grantee, Scope
from console.remote.client import CentreClient, parse


def grant_target(grantee: Grantee, scopes: Sequence[Scope],
                 rights: Iterable[Right | str]) -> dict[str, Any]:
    """The request body's grantee and scopes (the first, and ``also`` the rest)."""
    first, *rest = scopes
    return {"unit": grantee.unit, "user": grantee.user, "scope_kind": first.kind,
            "scope_value": first.value,
            "also": [{"kind": s.kind, "value": s.value} for s in rest],
            "rights": [str(r) for r in rights]}


def _ids(answer: dict[str, Any]) -> list[int]:
    return [int(i) for i in answer.get("ids") or [answer["id"]]]


class RemoteGrants:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def issue_emergency(self, session_id: str, grantee: Grantee, scope: Scope | Sequence[Scope],
                        rights: Iterable[Right | str], *, reason: str,
                        hours: float | None = None, reference: str = "") -> int:
        """The first grant's id (one per scope)."""
        return self.issue_emergency_set(session_id, grantee, _scopes(scope), rights,
                                        reason=reason, hours=hours, reference=reference)[0]

    def issue_emergency_set(self, session_id: str, grantee: Grantee, scopes: Sequence[Scope],
                            rights: Iterable[Right | str], *, reason: str,
                            hours: float | None = None, reference: str = "") -> list[int]:
        body = {**grant_target(grantee, scopes, rights), "reason": reason, "hours": hours,
                "reference": reference}
        return _ids(self._client.post("/grants/emergency", session=session_id, json=body))

    def issue_set(self, session_id: str, grantee: Grantee, scopes: Sequence[Scope],
                  rights: Iterable[Right | str], valid_from: datetime | None,
                  valid_to: datetime, *, purpose: str, approver: str,
                  reference: str) -> list[int]:
        """An approved form's grants (administrators): one per scope, all or none."""
        body = {**grant_target(grantee, scopes, rights),
                "valid_from": valid_from.isoformat() if valid_from else None,
                "valid_to": valid_to.isoformat(), "purpose": purpose, "approver": approver,
                "reference": reference}
        return _ids(self._client.post("/grants", session=session_id, json=body))

    def list_grants(self, session_id: str, grantee: Grantee | None = None, *,
                    of_unit: str | None = None, phases: Iterable[Phase | str] = (),
                    include_ended: bool = False) -> list[GrantListing]:
        """``of_unit``: the grants made to a unit or to a person of it."""
        params: dict[str, Any] = {"include_ended": include_ended}
        if of_unit is not None:
            params["of_unit"] = of_unit
        if grantee is not None and grantee.unit is not None:
            params["unit"] = grantee.unit
        elif grantee is not None:
            params["user"] = grantee.user
        wanted = [str(p) for p in phases]
        if wanted:
            params["phase"] = wanted
        return parse(list[GrantListing], self._client.get("/grants", session=session_id,
                                                          params=params))

    def revoke(self, session_id: str, grant_id: int, reason: str) -> None:
        self._client.post(f"/grants/{int(grant_id)}/revoke", session=session_id,
                          json={"reason": reason})

    def targets(self, session_id: str) -> PermittedCatalogue:
        """Every camera, to pick what a grant names."""
        return catalogue_wire.decode(self._client.get("/grants/targets", session=session_id))

    def groups(self, session_id: str) -> list[tuple[str, str, int]]:
        """The camera groups a grant can name: (name, description, camera count)."""
        rows = self._client.get("/catalog/groups", session=session_id)
        return [(str(r["name"]), str(r.get("description") or ""), len(r.get("codes") or []))
                for r in rows]


def _scopes(scope: Scope | Sequence[Scope]) -> list[Scope]:
    return [scope] if isinstance(scope, Scope) else list(scope)
