"""Issuing and revoking grants (R6, R7, R15). Every change and every refusal is audited in
the same transaction; every change bumps the access revision so running consoles reload
their permitted tree and recheck their open views within seconds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.orm import Session

from console.admin import validation as v
from console.admin.command import run_access_change
from console.audit.writer import Actor, AuditTrail
from console.catalog.gbcode import CodeError, parse_civil_code
from console.clock import Clock
from console.codes import Action, Reason, Right, Role, ShareType
from console.command import CommandPath
from console.grants.commands import Command, Phase, decide, may_at_all
from console.grants.model import SCOPE_KINDS, Grantee, GrantError, GrantRow, Scope
from console.grants.rules import GrantFacts, Rights
from console.settings_store import load_policy
from console.storage.database import Database
from console.storage.models import Camera, CameraGroup, Grant, Region, Unit, User

__all__ = ["SCOPE_KINDS", "GrantError", "GrantRow", "GrantService", "Grantee", "Scope",
           "grant_facts", "grants_of"]

T = TypeVar("T")

class GrantService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._audit = AuditTrail(clock)
        self._path = CommandPath(db, clock, self._audit)

    # -- the one command path ----------------------------------------------------------------

    def _run(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
             command: Command, body: Callable[[Session, datetime], T]) -> T:
        refusal = None if may_at_all(command, actor.role, is_installer=actor.is_installer) \
            else GrantError("actor", f"{actor.account} may not {_VERB[action]}",
                            Reason.NOT_PERMITTED)
        return run_access_change(self._db, self._clock, self._audit, actor, action, target,
                                 params, refusal, body)

    def _check(self, s: Session, actor: Actor, command: Command, grantee_unit_id: int | None,
               *, emergency: bool = True, what: str = "") -> None:
        """Refuse (``GrantError`` with the rule's reason code) unless ``actor`` may take
        ``command`` on a grant of the unit ``grantee_unit_id`` (console/grants/commands.py)."""
        decision = decide(command, role=actor.role, is_installer=actor.is_installer,
                          own_unit=grantee_unit_id is not None
                          and grantee_unit_id == _unit_id_of(s, actor), emergency=emergency)
        if decision.allowed:
            return
        if decision.reason == Reason.OTHER_UNIT:
            raise GrantError(decision.field, f"{what} is not of {actor.account}'s own unit: a "
                             "supervisor handles the grants of their own unit only",
                             Reason.OTHER_UNIT)
        if decision.field == "grant":
            raise GrantError("grant", f"{what} is not an emergency grant; only an "
                             "administrator may revoke it", Reason.NOT_PERMITTED)
        raise GrantError(decision.field, f"{actor.account} may not {command} grants",
                         decision.reason)

    # -- commands ----------------------------------------------------------------------------

    def issue(self, actor: Actor, grantee: Grantee, scope: Scope, rights: Iterable[Right | str],
              valid_from: datetime, valid_to: datetime, *, purpose: str, approver: str,
              reference: str) -> int:
        """An ordinary grant from an approved application form (审批表): administrators."""
        return self.issue_set(actor, grantee, [scope], rights, valid_from, valid_to,
                              purpose=purpose, approver=approver, reference=reference)[0]

    def issue_set(self, actor: Actor, grantee: Grantee, scopes: Sequence[Scope],
                  rights: Iterable[Right | str], valid_from: datetime, valid_to: datetime, *,
                  purpose: str, approver: str, reference: str) -> list[int]:
        """One form's grants: a grant per scope (cameras picked one by one, a group, a
        region), all or none, in one registered command. Administrators."""
        rights = [str(r) for r in rights]
        params: dict[str, Any] = {
            "grantee": str(grantee), **_scope_params(scopes), "rights": rights,
            "valid_from": valid_from.isoformat(), "valid_to": valid_to.isoformat(),
            "purpose": purpose, "approver": approver, "reference": reference}

        def body(s: Session, now: datetime) -> list[int]:
            names = params["rights"] = _rights(rights)
            _check_scopes(scopes)
            self._check(s, actor, Command.ISSUE, _grantee_unit(s, grantee),
                        emergency=False, what=str(grantee))
            if valid_from.tzinfo is None or valid_to.tzinfo is None:
                raise GrantError("valid_from", "times must carry a time zone")
            if valid_to <= valid_from:
                raise GrantError("valid_to", "must be after valid_from")
            if valid_to <= now:
                raise GrantError("valid_to", "is already in the past")
            return self._add_all(s, actor, now, grantee, scopes, names, valid_from, valid_to,
                                 purpose=v.text("purpose", purpose, 300),
                                 approver=v.text("approver", approver, 100),
                                 reference=v.text("reference", reference, 100),
                                 emergency=False, params=params)

        return self._run(actor, Action.GRANT_ISSUE, str(grantee), params, Command.ISSUE, body)

    def issue_emergency(self, actor: Actor, grantee: Grantee, scope: Scope,
                        rights: Iterable[Right | str], *, reason: str,
                        hours: float | None = None, reference: str = "") -> int:
        """A time-limited emergency grant (应急授权, Zunyi §20; Jiyuan §8) from now on, issued
        by a supervisor with a reason; it expires by itself. It may open not-shared cameras
        (特别授权、限时共享). Default and maximum duration come from the policy."""
        return self.issue_emergency_set(actor, grantee, [scope], rights, reason=reason,
                                        hours=hours, reference=reference)[0]

    def issue_emergency_set(self, actor: Actor, grantee: Grantee, scopes: Sequence[Scope],
                            rights: Iterable[Right | str], *, reason: str,
                            hours: float | None = None, reference: str = "") -> list[int]:
        """Emergency grants for several scopes (cameras, groups, regions picked in the
        tree) in one registered command, all or none. A supervisor grants only to their own
        unit or a person of it (console/grants/commands.py)."""
        rights = [str(r) for r in rights]
        params: dict[str, Any] = {"grantee": str(grantee), **_scope_params(scopes),
                                  "rights": rights, "reason": reason, "hours": hours,
                                  "reference": reference}

        def body(s: Session, now: datetime) -> list[int]:
            names = params["rights"] = _rights(rights)
            _check_scopes(scopes)
            self._check(s, actor, Command.EMERGENCY, _grantee_unit(s, grantee),
                        what=str(grantee))
            policy = load_policy(s)
            duration = policy.emergency_grant_default_hours if hours is None else hours
            if not 0 < duration <= policy.emergency_grant_max_hours:
                raise GrantError("hours", f"{duration:g} h is outside 0 < hours ≤ "
                                 f"{policy.emergency_grant_max_hours} (emergency grants "
                                 "are time-limited)")
            valid_to = now + timedelta(hours=duration)
            if valid_to <= now:     # less than the microsecond the database keeps
                raise GrantError("hours", f"{duration:g} h is too short for a grant")
            params.update(hours=duration, valid_from=now.isoformat(),
                          valid_to=valid_to.isoformat())
            return self._add_all(s, actor, now, grantee, scopes, names, now, valid_to,
                                 purpose=v.text("reason", reason, 300), approver=actor.account,
                                 reference=v.text("reference", reference, 100, required=False),
                                 emergency=True, params=params)

        return self._run(actor, Action.GRANT_EMERGENCY, str(grantee), params,
                         Command.EMERGENCY, body)

    def revoke(self, actor: Actor, grant_id: int, reason: str) -> None:
        """End a grant now (R15: rights end when use ends), with a reason. Administrators;
        supervisors the emergency grants of their own unit."""
        params: dict[str, Any] = {"grant": grant_id, "reason": reason}

        def body(s: Session, now: datetime) -> None:
            grant = s.get(Grant, grant_id, with_for_update=True)
            if grant is None:
                raise GrantError("grant", f"no grant #{grant_id}", Reason.NOT_FOUND)
            params.update(emergency=grant.emergency, grantee=_grantee_text(s, grant))
            self._check(s, actor, Command.REVOKE, _unit_of_grant(s, grant),
                        emergency=grant.emergency, what=f"grant #{grant_id}")
            text = v.text("reason", reason, 300)
            if grant.revoked_at is not None:
                raise GrantError("grant", f"#{grant_id} was already revoked", Reason.DUPLICATE)
            grant.revoked_at = now
            grant.revoked_by = actor.account[:120]
            grant.revoke_reason = text

        self._run(actor, Action.GRANT_REVOKE, f"grant:{grant_id}", params, Command.REVOKE,
                  body)

    def note_ended_grants(self, by: str) -> int:
        """Register once, for every grant whose period has run out, that it ended (an
        emergency grant's end is an event the usage register must show, R7). The centre's
        scheduled job; ``by`` names the server instance."""
        now, count = self._clock.now(), 0
        with self._db.transaction() as s:
            due = s.execute(select(Grant).where(
                Grant.end_noted_at.is_(None), Grant.revoked_at.is_(None),
                Grant.valid_to <= now).order_by(Grant.id).limit(500)).scalars().all()
            for g in due:
                done = s.execute(update(Grant).where(
                    Grant.id == g.id, Grant.end_noted_at.is_(None)).values(end_noted_at=now))
                if done.rowcount != 1:  # type: ignore[attr-defined]
                    continue
                self._audit.append(s, Actor(account=f"centre:{by}"[:120]), Action.GRANT_END,
                                   target=f"grant:{g.id}", reason=Reason.GRANT_EXPIRED,
                                   params={"emergency": g.emergency, "until": g.valid_to,
                                           "purpose": g.purpose, "reference": g.reference})
                count += 1
        return count

    # -- listing -----------------------------------------------------------------------------

    def list_grants(self, *, grantee: Grantee | None = None, include_ended: bool = False,
                    actor: Actor | None = None, phases: Iterable[Phase | str] | None = None,
                    of_unit: str | None = None) -> list[GrantRow]:
        """Grants, oldest first: of ``grantee`` when named; of ``of_unit`` when named (made to
        the unit or to a person of it); active and pending ones unless ``include_ended``;
        only those in ``phases`` when given. With ``actor``: as that person may see them (a
        supervisor: their own unit's, console/grants/commands.py); a refusal is registered
        (GRANT_LIST), a reading is not."""
        wanted = None if phases is None else {Phase(p) for p in phases}
        try:
            if actor is not None and not may_at_all(Command.LIST, actor.role,
                                                    is_installer=actor.is_installer):
                raise GrantError("actor", f"{actor.account} may not list grants",
                                 Reason.NOT_PERMITTED)
            if of_unit is not None:
                if grantee is not None:
                    raise GrantError("unit", "name a grantee or a unit, not both")
                grantee = Grantee(unit=of_unit)
            rows = self._list(actor, grantee, include_ended or bool(
                wanted and Phase.ENDED in wanted), with_people=of_unit is not None)
        except GrantError as exc:
            if actor is not None:
                target = str(grantee) if grantee is not None else "grants"
                self._path.refused(actor, Action.GRANT_LIST, target, exc, {
                    "grantee": str(grantee) if grantee is not None else None,
                    "field": exc.field, "error": str(exc)[:300]})
            raise
        if wanted is None:
            return rows
        now = self._clock.now()
        return [r for r in rows if r.phase(now) in wanted]

    def _list(self, actor: Actor | None, grantee: Grantee | None,
              include_ended: bool, *, with_people: bool = False) -> list[GrantRow]:
        now = self._clock.now()
        with self._db.transaction() as s:
            query = select(Grant).order_by(Grant.id)
            if grantee is not None:
                if grantee.unit is not None:
                    unit_id = _unit(s, grantee.unit).id
                    query = query.where(_of_unit(unit_id) if with_people
                                        else Grant.grantee_unit_id == unit_id)
                else:
                    user = _user(s, grantee.user or "")
                    unit_id = user.unit_id
                    query = query.where(Grant.grantee_user_id == user.id)
                if actor is not None:
                    self._check(s, actor, Command.LIST, unit_id, what=str(grantee))
            elif actor is not None and not actor.is_installer \
                    and actor.role != Role.ADMINISTRATOR:
                query = query.where(_of_unit(_unit_id_of(s, actor)))
            if not include_ended:
                query = query.where(Grant.revoked_at.is_(None), Grant.valid_to > now)
            grants = list(s.execute(query).scalars())
            units = dict(s.execute(select(Unit.id, Unit.code)).all())
            users = dict(s.execute(select(User.id, User.account)).all())
            cameras = {i: (code, name) for i, code, name in s.execute(
                select(Camera.id, Camera.code, Camera.name).where(
                    Camera.id.in_({g.camera_id for g in grants if g.camera_id})))}
            groups = dict(s.execute(select(CameraGroup.id, CameraGroup.name)).all())
            regions = dict(s.execute(select(Region.code, Region.name).where(
                Region.code.in_({g.region_code for g in grants if g.region_code}))).all())
        rows = []
        for g in grants:
            who = (f"unit:{units[g.grantee_unit_id]}" if g.grantee_unit_id is not None
                   else f"user:{users[g.grantee_user_id or 0]}")
            camera = cameras.get(g.camera_id or 0, ("?", ""))
            what, name = ((f"camera:{camera[0]}", camera[1]) if g.scope_kind == "camera"
                          else (f"group:{groups.get(g.group_id or 0, '?')}", "")
                          if g.scope_kind == "group"
                          else (f"region:{g.region_code}", regions.get(g.region_code or "", "")))
            rows.append(GrantRow(
                id=g.id, grantee=who, scope=what, rights=grant_facts(g).rights.names(),
                valid_from=g.valid_from, valid_to=g.valid_to, purpose=g.purpose,
                approver=g.approver, reference=g.reference, emergency=g.emergency,
                issued_by=g.issued_by, issued_at=g.issued_at, revoked_at=g.revoked_at,
                revoked_by=g.revoked_by, revoke_reason=g.revoke_reason, scope_name=name))
        return rows

    # -- helpers -----------------------------------------------------------------------------

    def _add_all(self, s: Session, actor: Actor, now: datetime, grantee: Grantee,
                 scopes: Sequence[Scope], rights: list[str], valid_from: datetime,
                 valid_to: datetime, *, purpose: str, approver: str, reference: str,
                 emergency: bool, params: dict[str, Any]) -> list[int]:
        ids = [self._add(s, actor, now, grantee, scope, rights, valid_from, valid_to,
                         purpose=purpose, approver=approver, reference=reference,
                         emergency=emergency) for scope in scopes]
        params["grant"] = ids[0]
        if len(ids) > 1:
            params["grants"] = ids
        return ids

    def _add(self, s: Session, actor: Actor, now: datetime, grantee: Grantee, scope: Scope,
             rights: list[str], valid_from: datetime, valid_to: datetime, *, purpose: str,
             approver: str, reference: str, emergency: bool) -> int:
        unit_id = user_id = None
        if grantee.unit is not None:
            unit_id = _unit(s, grantee.unit).id
            grantee_unit = unit_id
        else:
            user = _user(s, grantee.user or "")
            user_id, grantee_unit = user.id, user.unit_id
        row = Grant(grantee_unit_id=unit_id, grantee_user_id=user_id, scope_kind=scope.kind,
                    valid_from=valid_from, valid_to=valid_to, purpose=purpose,
                    approver=approver, reference=reference, emergency=emergency,
                    issued_by=actor.account[:120], issued_at=now,
                    **{name: name in rights for name in (r.value for r in Right)})
        if scope.kind == "camera":
            camera = s.execute(select(Camera).where(Camera.code == scope.value.strip())
                               ).scalar_one_or_none()
            if camera is None:
                raise GrantError("camera", f"unknown camera {scope.value!r}", Reason.NOT_FOUND)
            if (camera.share_type == ShareType.NOT_SHARED
                    and camera.owner_unit_id != grantee_unit and not emergency):
                raise GrantError("camera", f"{camera.code} {camera.name} is not shared (不予"
                                 "共享): only its owner unit may use it, or an emergency "
                                 "grant", Reason.NOT_SHARED)
            row.camera_id = camera.id
        elif scope.kind == "group":
            group = s.execute(select(CameraGroup).where(CameraGroup.name == scope.value.strip())
                              ).scalar_one_or_none()
            if group is None:
                raise GrantError("group", f"unknown camera group {scope.value!r}",
                                 Reason.NOT_FOUND)
            row.group_id = group.id
        else:
            try:
                row.region_code = parse_civil_code(scope.value)
            except CodeError as exc:
                raise GrantError("region", str(exc)) from None
        s.add(row)
        s.flush()
        return row.id


MAX_SCOPES = 200     # scopes one command may name (cameras picked one by one)


def _scope_params(scopes: Sequence[Scope]) -> dict[str, Any]:
    first = str(scopes[0]) if scopes else ""
    return {"scope": first} if len(scopes) <= 1 else {
        "scope": first, "scopes": [str(x) for x in scopes[:MAX_SCOPES]]}


def _check_scopes(scopes: Sequence[Scope]) -> None:
    if not scopes:
        raise GrantError("scope", "name at least one camera, group or region")
    if len(scopes) > MAX_SCOPES:
        raise GrantError("scope", f"{len(scopes)} scopes in one command; at most {MAX_SCOPES}")
    if len(set(scopes)) != len(scopes):
        raise GrantError("scope", "a camera, group or region is named twice")


def _of_unit(unit_id: int | None) -> ColumnElement[bool]:
    """Grants made to the unit or to a person of it."""
    return or_(Grant.grantee_unit_id == unit_id,
               Grant.grantee_user_id.in_(select(User.id).where(User.unit_id == unit_id)))


def _unit_id_of(s: Session, actor: Actor) -> int | None:
    """The acting person's unit, read from the database (None: the installer, a job)."""
    if actor.user_id is None:
        return None
    user = s.get(User, actor.user_id)
    return user.unit_id if user is not None else None


def _grantee_unit(s: Session, grantee: Grantee) -> int:
    """The unit a grantee is, or belongs to."""
    if grantee.unit is not None:
        return _unit(s, grantee.unit).id
    return _user(s, grantee.user or "").unit_id


def _unit_of_grant(s: Session, grant: Grant) -> int | None:
    if grant.grantee_unit_id is not None:
        return grant.grantee_unit_id
    user = s.get(User, grant.grantee_user_id or 0)
    return user.unit_id if user is not None else None


def _grantee_text(s: Session, grant: Grant) -> str:
    if grant.grantee_unit_id is not None:
        unit = s.get(Unit, grant.grantee_unit_id)
        return f"unit:{unit.code if unit is not None else '?'}"
    user = s.get(User, grant.grantee_user_id or 0)
    return f"user:{user.account if user is not None else '?'}"


_VERB = {Action.GRANT_ISSUE: "issue grants", Action.GRANT_EMERGENCY: "issue emergency grants",
         Action.GRANT_REVOKE: "revoke grants"}


def _rights(rights: Iterable[Right | str]) -> list[str]:
    names: list[str] = []
    for item in rights:
        try:
            name = Right(str(item).strip().lower()).value
        except ValueError:
            choices = ", ".join(r.value for r in Right)
            raise GrantError("rights", f"{item!r} is not one of {choices}") from None
        if name not in names:
            names.append(name)
    if not names:
        raise GrantError("rights", "name at least one right")
    return names


def grant_facts(g: Grant) -> GrantFacts:
    """A stored grant as the rules (console/grants/rules.py) take it."""
    return GrantFacts(
        id=g.id, unit_id=g.grantee_unit_id, user_id=g.grantee_user_id, scope_kind=g.scope_kind,
        rights=Rights.from_names(r for r in Right if getattr(g, r.value)),
        valid_from=g.valid_from, valid_to=g.valid_to, camera_id=g.camera_id,
        group_id=g.group_id, region_code=g.region_code, revoked_at=g.revoked_at,
        emergency=g.emergency, purpose=g.purpose, approver=g.approver, reference=g.reference)


def _unit(s: Session, code: str) -> Unit:
    unit = s.execute(select(Unit).where(Unit.code == code.strip())).scalar_one_or_none()
    if unit is None:
        raise GrantError("unit", f"unknown unit {code!r}", Reason.NOT_FOUND)
    return unit


def _user(s: Session, account: str) -> User:
    user = s.execute(select(User).where(User.account == account.strip())).scalar_one_or_none()
    if user is None:
        raise GrantError("user", f"unknown account {account!r}", Reason.NOT_FOUND)
    return user


def grants_of(s: Session, user_id: int, unit_id: int) -> list[Grant]:
    """Every grant naming this user or this user's unit (ended ones included: they explain
    a refusal)."""
    return list(s.execute(select(Grant).where(or_(
        Grant.grantee_user_id == user_id, Grant.grantee_unit_id == unit_id))).scalars())
