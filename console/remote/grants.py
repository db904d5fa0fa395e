"""Grants issued through the centre (R6, R7): the supervisor's emergency grant from the desk."""

from __future__ import annotations

from collections.abc import Iterable

from console.codes import Right
from console.grants.model import Grantee, Scope
from console.remote.client import CentreClient


class RemoteGrants:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def issue_emergency(self, session_id: str, grantee: Grantee, scope: Scope,
                        rights: Iterable[Right | str], *, reason: str,
                        hours: float | None = None, reference: str = "") -> int:
        body = {"unit": grantee.unit, "user": grantee.user, "scope_kind": scope.kind,
                "scope_value": scope.value, "rights": [str(r) for r in rights],
                "reason": reason, "hours": hours, "reference": reference}
        return int(self._client.post("/grants/emergency", session=session_id,
                                     json=body)["id"])
