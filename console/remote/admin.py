"""Administration through the centre, as ``main.py admin|grant|catalog|privacy|capture|audit|
secret|ptz`` does it: every call acts as the person of one session (an administrator's or a
supervisor's own login) and the centre checks the role and registers the command exactly as
it does for the desk. Refusals come back as the services' exceptions (console/remote/
client.py)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any
from urllib.parse import quote

from console.api.admin_wire import (
    AuditRecords,
    AuditVerifyReply,
    EnrolmentCode,
    GrantListing,
    IssuedPassword,
    TerminalRow,
    UserStateReply,
)
from console.api.ptz_wire import HomePicture
from console.api.wire import UnitRow, UserRow
from console.catalog.listing import CameraListing, GroupInfo
from console.catalog.summary import SyncSummary
from console.grants.model import Grantee, Scope
from console.policy import Policy
from console.privacy.listing import MaskRow
from console.ptz.model import SessionView
from console.remote.catalog import SYNC_TIMEOUT_S
from console.remote.client import CentreClient, parse

VERIFY_TIMEOUT_S = 600.0      # the whole chain is recomputed


class RemoteAdmin:
    def __init__(self, client: CentreClient, session_id: str) -> None:
        self._client = client
        self._session = session_id

    def _call(self, method: str, path: str, **kw: Any) -> Any:
        return self._client.call(method, path, session=self._session, **kw)

    # -- units, users, terminals, bindings, policy -------------------------------------------

    def add_unit(self, code: str, name: str, parent: str | None = None) -> None:
        self._call("POST", "/admin/units", json={"code": code, "name": name, "parent": parent})

    def list_units(self) -> list[UnitRow]:
        return parse(list[UnitRow], self._call("GET", "/directory/units"))

    def add_user(self, account: str, real_name: str, unit: str, role: str,
                 password: str | None = None) -> IssuedPassword:
        return parse(IssuedPassword, self._call("POST", "/admin/users", json={
            "account": account, "real_name": real_name, "unit": unit, "role": role,
            "password": password}))

    def list_users(self) -> list[UserRow]:
        return parse(list[UserRow], self._call("GET", "/directory/users"))

    def set_user_state(self, account: str, *, enabled: bool) -> UserStateReply:
        return parse(UserStateReply, self._call("POST", "/admin/users/state", json={
            "account": account, "enabled": enabled}))

    def reset_password(self, account: str, password: str | None = None) -> IssuedPassword:
        return parse(IssuedPassword, self._call("POST", "/admin/users/password", json={
            "account": account, "password": password}))

    def add_terminal(self, name: str, unit: str, ip: str, mac: str,
                     location: str = "") -> EnrolmentCode:
        return parse(EnrolmentCode, self._call("POST", "/admin/terminals", json={
            "name": name, "unit": unit, "ip": ip, "mac": mac, "location": location}))

    def enrolment_code(self, name: str) -> EnrolmentCode:
        return parse(EnrolmentCode, self._call("POST", "/admin/terminals/enrol-code",
                                               json={"name": name}))

    def revoke_terminal(self, name: str) -> None:
        self._call("POST", "/admin/terminals/revoke", json={"name": name})

    def list_terminals(self) -> list[TerminalRow]:
        return parse(list[TerminalRow], self._call("GET", "/admin/terminals"))

    def bind(self, account: str, terminal: str) -> None:
        self._call("POST", "/admin/bindings", json={"account": account, "terminal": terminal})

    def unbind(self, account: str, terminal: str) -> None:
        self._call("POST", "/admin/bindings/remove",
                   json={"account": account, "terminal": terminal})

    def policy(self) -> Policy:
        return parse(Policy, self._call("GET", "/policy"))

    def set_policy(self, key: str, value: str) -> Policy:
        return parse(Policy, self._call("PUT", "/admin/policy",
                                        json={"key": key, "value": value}))

    # -- grants ------------------------------------------------------------------------------

    def list_grants(self, grantee: Grantee | None = None, *, include_ended: bool = False,
                    phases: Iterable[str] = ()) -> list[GrantListing]:
        params: dict[str, Any] = {"include_ended": include_ended}
        wanted = [str(p) for p in phases]
        if wanted:
            params["phase"] = wanted
        if grantee is not None and grantee.unit is not None:
            params["unit"] = grantee.unit
        elif grantee is not None:
            params["user"] = grantee.user
        return parse(list[GrantListing], self._call("GET", "/grants", params=params))

    def issue_grant(self, grantee: Grantee, scope: Scope, rights: Iterable[str],
                    valid_from: datetime | None, valid_to: datetime, *, purpose: str,
                    approver: str, reference: str) -> int:
        body = {**_target(grantee, scope, rights),
                "valid_from": valid_from.isoformat() if valid_from else None,
                "valid_to": valid_to.isoformat(), "purpose": purpose, "approver": approver,
                "reference": reference}
        return int(self._call("POST", "/grants", json=body)["id"])

    def issue_emergency(self, grantee: Grantee, scope: Scope, rights: Iterable[str], *,
                        reason: str, hours: float | None = None, reference: str = "") -> int:
        body = {**_target(grantee, scope, rights), "reason": reason, "hours": hours,
                "reference": reference}
        return int(self._call("POST", "/grants/emergency", json=body)["id"])

    def revoke_grant(self, grant_id: int, reason: str) -> None:
        self._call("POST", f"/grants/{grant_id}/revoke", json={"reason": reason})

    # -- the catalogue -----------------------------------------------------------------------

    def list_cameras(self, search: str = "", limit: int = 100) -> list[CameraListing]:
        return parse(list[CameraListing], self._call("GET", "/catalog/cameras", params={
            "search": search, "limit": limit}))

    def list_groups(self) -> list[GroupInfo]:
        return parse(list[GroupInfo], self._call("GET", "/catalog/groups"))

    def set_group(self, name: str, codes: Sequence[str],
                  description: str | None = None) -> GroupInfo:
        return parse(GroupInfo, self._call("PUT", "/catalog/groups", json={
            "name": name, "codes": list(codes), "description": description}))

    def remove_group(self, name: str) -> None:
        self._call("POST", "/catalog/groups/remove", json={"name": name})

    def set_camera_credentials(self, code: str, user: str, password: str) -> None:
        """The camera's stream account to the centre's secret store (never kept here)."""
        self._call("PUT", f"/catalog/cameras/{quote(code, safe='')}/credentials",
                   json={"user": user, "password": password})

    def set_platform(self, url: str, username: str, password: str, owner_unit: str) -> None:
        """The city platform's address and account to the centre (the password to its secret
        store only) and the unit that owns the cameras a sync adds."""
        self._call("PUT", "/catalog/platform", json={
            "url": url, "username": username, "password": password, "owner_unit": owner_unit})

    def sync_catalog(self, *, dry_run: bool = False) -> SyncSummary:
        """The centre synchronises its catalogue from the city platform (all or nothing)."""
        return parse(SyncSummary, self._call("POST", "/catalog/sync",
                                             json={"dry_run": dry_run}, timeout=SYNC_TIMEOUT_S))

    # -- privacy masks -----------------------------------------------------------------------

    def set_masks(self, code: str, polygons: Sequence[Sequence[tuple[float, float]]]) -> int:
        body = {"polygons": [[list(point) for point in polygon] for polygon in polygons]}
        answer = self._call("PUT", f"/privacy/masks/{quote(code, safe='')}", json=body)
        return len(next(iter(answer["masks"].values()), []))

    def clear_masks(self, code: str) -> None:
        self._call("DELETE", f"/privacy/masks/{quote(code, safe='')}")

    def masked_cameras(self) -> list[MaskRow]:
        return parse(list[MaskRow], self._call("GET", "/privacy/cameras"))

    def exempt_roles(self) -> list[str]:
        return [str(r) for r in self._call("GET", "/privacy/exempt")["roles"]]

    def set_exempt_roles(self, roles: Sequence[str]) -> list[str]:
        answer = self._call("PUT", "/privacy/exempt", json={"roles": list(roles)})
        return [str(r) for r in answer["roles"]]

    # -- capture programs --------------------------------------------------------------------

    def add_capture_tool(self, entry: str) -> str:
        return str(self._call("POST", "/capture/tools", json={"entry": entry})["entry"])

    def remove_capture_tool(self, entry: str) -> str:
        return str(self._call("POST", "/capture/tools/remove", json={"entry": entry})["entry"])

    # -- the usage register ------------------------------------------------------------------

    def audit_records(self, last: int, session: str | None = None) -> AuditRecords:
        params: dict[str, Any] = {"last": last}
        if session is not None:
            params["session"] = session
        return parse(AuditRecords, self._call("GET", "/audit/records", params=params))

    def audit_verify(self, anchor: tuple[int, str] | None = None) -> AuditVerifyReply:
        params = {"expect_seq": anchor[0], "expect_hash": anchor[1]} if anchor else None
        return parse(AuditVerifyReply, self._call("GET", "/audit/verify", params=params,
                                                  timeout=VERIFY_TIMEOUT_S))

    # -- PTZ sessions (the centre's PTZ routes) ----------------------------------------------

    def ptz_sessions(self, *, open_only: bool = False, faults_only: bool = False,
                     limit: int = 50) -> list[SessionView]:
        return parse(list[SessionView], self._call("GET", "/ptz/sessions", params={
            "open_only": open_only, "faults_only": faults_only, "limit": limit}))

    def ptz_record_home_picture(self, code: str) -> HomePicture:
        """The centre sends the camera home and records its picture there as the
        reference its returns are verified by (takes the camera's travel and a picture:
        seconds)."""
        path = f"/ptz/cameras/{quote(code, safe='')}/home-picture"
        return parse(HomePicture, self._call("POST", path, timeout=60))

    def ptz_home_picture(self, code: str) -> HomePicture | None:
        """What the centre says of the camera's reference picture (None: none recorded)."""
        data = self._call("GET", f"/ptz/cameras/{quote(code, safe='')}/home-picture")
        return None if data is None else parse(HomePicture, data)

    def ptz_sweep(self, wait_seconds: float) -> dict[str, Any]:
        """One crash-recovery sweep on the centre; waits up to ``wait_seconds`` for the
        returns. The answer: ``{"owed": N, "returns": [{"code", "result", "position",
        "detail"}, ...]}``."""
        answer: dict[str, Any] = self._call("POST", "/ptz/sweep",
                                            json={"wait_seconds": wait_seconds},
                                            timeout=wait_seconds + 30)
        return answer


def _target(grantee: Grantee, scope: Scope, rights: Iterable[str]) -> dict[str, Any]:
    return {"unit": grantee.unit, "user": grantee.user, "scope_kind": scope.kind,
            "scope_value": scope.value, "rights": [str(r) for r in rights]}
