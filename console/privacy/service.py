"""Storing privacy masks and deciding who sees them (R14).

Only administrators (and the installer's command line) change masks or the exempt roles;
every change and every refusal is audited in the same transaction, and every change bumps
the access revision so running consoles fetch the masks of their open views again within
seconds. Reading is for every live session: ``masks_for`` answers the polygons one session
must see filled over one camera — none when the session's role is exempt.

Failing closed: a session that has ended gets ``SessionGone`` (nothing may be shown at all),
and a stored mask that cannot be read any more masks the whole picture.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from console.access.model import SessionGone
from console.admin.command import administrators_only, run_access_change
from console.admin.validation import AdminError
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Reason, Role
from console.privacy.listing import MaskRow
from console.privacy.masks import (
    FULL_FRAME,
    MaskError,
    Polygon,
    polygons_from_json,
    polygons_to_json,
    validate_polygons,
)
from console.settings_store import get_setting, put_setting
from console.storage.database import Database
from console.storage.models import Camera, ConsoleSession, PrivacyMask, Setting

log = logging.getLogger(__name__)

T = TypeVar("T")

EXEMPT_ROLES_SETTING = "privacy_exempt_roles"


class PrivacyError(AdminError):
    """A refused privacy command; ``field`` names the offending input."""


class PrivacyService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._audit = AuditTrail(clock)

    # -- the one command path ----------------------------------------------------------------

    def _run(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
             body: Callable[[Session, datetime], T]) -> T:
        refusal = administrators_only(actor, PrivacyError, "privacy masks")
        return run_access_change(self._db, self._clock, self._audit, actor, action, target,
                                 params, refusal, body)

    # -- commands ----------------------------------------------------------------------------

    def set_masks(self, actor: Actor, camera_code: str,
                  polygons: Iterable[Iterable[Sequence[float]]]) -> tuple[Polygon, ...]:
        """Set (replace) a camera's masks; returns them as stored (checked and rounded).
        No polygons is a refusal: ``clear_masks`` removes masks, deliberately."""
        code = camera_code.strip()
        params: dict[str, Any] = {}

        def body(s: Session, now: datetime) -> tuple[Polygon, ...]:
            try:
                checked = validate_polygons(polygons)
            except MaskError as exc:
                raise PrivacyError("polygons", str(exc)) from None
            if not checked:
                raise PrivacyError("polygons", "give at least one polygon (clear removes "
                                   "every mask)")
            params["polygons"] = [[list(p) for p in polygon] for polygon in checked]
            camera = _camera(s, code)
            row = _mask_row(s, camera.id)
            params["replaced"] = row is not None
            if row is None:
                row = PrivacyMask(camera_id=camera.id)
                s.add(row)
            row.polygons = polygons_to_json(checked)
            row.updated_by = actor.account[:120]
            row.updated_at = now
            return checked

        return self._run(actor, Action.PRIVACY_MASK_SET, code, params, body)

    def clear_masks(self, actor: Actor, camera_code: str) -> None:
        """Remove every mask of a camera (refused when it has none)."""
        code = camera_code.strip()
        params: dict[str, Any] = {}

        def body(s: Session, now: datetime) -> None:
            camera = _camera(s, code)
            row = _mask_row(s, camera.id)
            if row is None:
                raise PrivacyError("camera", f"{code} has no privacy masks", Reason.NOT_FOUND)
            params["removed"] = len(_stored(row, code))
            s.delete(row)

        self._run(actor, Action.PRIVACY_MASK_CLEAR, code, params, body)

    def set_exempt_roles(self, actor: Actor, roles: Iterable[Role | str]) -> tuple[Role, ...]:
        """The roles that see every camera unmasked (none by default). Replaces the list;
        an empty list exempts nobody. Returns the roles as stored."""
        given = [str(r) for r in roles]
        params: dict[str, Any] = {"roles": given}

        def body(s: Session, now: datetime) -> tuple[Role, ...]:
            chosen = _roles(given)
            params["roles"] = [r.value for r in chosen]
            params["previous"] = [r.value for r in _exempt(s)]
            put_setting(s, EXEMPT_ROLES_SETTING, ",".join(r.value for r in chosen))
            return chosen

        return self._run(actor, Action.PRIVACY_EXEMPT_SET, "privacy_exempt_roles", params,
                         body)

    # -- reading -----------------------------------------------------------------------------

    def masks_for(self, session_id: str, camera_code: str) -> tuple[Polygon, ...]:
        """The polygons this session must see filled over this camera: none when the
        session's role is exempt or the camera has no masks (or is unknown). Raises
        ``SessionGone`` when the session has ended: then nothing may be shown. (A read:
        every stream asked for passes here; on SQLite it waits for no writer)"""
        with self._db.read() as s:
            role = _session_role(s, session_id)
            if role in _exempt(s):
                return ()
            row = s.execute(
                select(PrivacyMask).join(Camera, Camera.id == PrivacyMask.camera_id)
                .where(Camera.code == camera_code.strip())).scalar_one_or_none()
            return _stored(row, camera_code) if row is not None else ()

    def all_masks_for(self, session_id: str) -> dict[str, tuple[Polygon, ...]]:
        """Every masked camera's polygons for this session by camera code (one read, for a
        console that refreshes its open views when the access revision moves); empty when
        the role is exempt. Raises ``SessionGone`` like ``masks_for``."""
        with self._db.transaction() as s:
            role = _session_role(s, session_id)
            if role in _exempt(s):
                return {}
            rows = s.execute(select(Camera.code, PrivacyMask)
                             .join(Camera, Camera.id == PrivacyMask.camera_id)).all()
            return {code: _stored(row, code) for code, row in rows}

    def list_masks(self) -> list[MaskRow]:
        with self._db.transaction() as s:
            rows = s.execute(select(Camera.code, Camera.name, PrivacyMask)
                             .join(Camera, Camera.id == PrivacyMask.camera_id)
                             .order_by(Camera.code)).all()
            return [MaskRow(code, name, _stored(row, code), row.updated_by, row.updated_at)
                    for code, name, row in rows]

    def exempt_roles(self) -> tuple[Role, ...]:
        with self._db.transaction() as s:
            return _exempt(s)


def _camera(s: Session, code: str) -> Camera:
    camera = s.execute(select(Camera).where(Camera.code == code)).scalar_one_or_none()
    if camera is None:
        raise PrivacyError("camera", f"unknown camera {code!r}", Reason.UNKNOWN_CAMERA)
    return camera


def _mask_row(s: Session, camera_id: int) -> PrivacyMask | None:
    return s.execute(select(PrivacyMask).where(PrivacyMask.camera_id == camera_id)
                     .with_for_update()).scalar_one_or_none()


def _stored(row: PrivacyMask, code: str) -> tuple[Polygon, ...]:
    """The stored polygons; the whole picture when they cannot be read (fail closed)."""
    return _stored_polygons(row.polygons, code)


def _stored_polygons(polygons: str, code: str) -> tuple[Polygon, ...]:
    try:
        return polygons_from_json(polygons) or (FULL_FRAME,)
    except MaskError as exc:
        log.error("privacy masks of camera %s unreadable (%s): masking the whole picture",
                  code, exc)
        return (FULL_FRAME,)


def masks_in(s: Session, role: str, camera_id: int) -> tuple[Polygon, ...]:
    """``masks_for`` inside a transaction that holds the session's row already (a view
    opened with its stream): what someone in ``role`` must see over the camera."""
    if s.autoflush and (s.new or s.deleted or s.dirty):
        s.flush()           # (a plain statement below: the ORM's changes first, as it would)
    exempt, polygons = s.connection().execute(_MASKS_IN, {"camera": camera_id}).one()
    if role in _exempt_roles(exempt or ""):
        return ()
    return _stored_polygons(polygons, str(camera_id)) if polygons is not None else ()


# one statement built once (every view opened with its stream reads it): the exempt roles
# and the camera's masks
_MASKS_IN = select(
    select(Setting.value).where(Setting.key == EXEMPT_ROLES_SETTING).scalar_subquery(),
    select(PrivacyMask.polygons).where(PrivacyMask.camera_id == bindparam("camera"))
    .scalar_subquery())


def _session_role(s: Session, session_id: str) -> str:
    row = s.get(ConsoleSession, session_id)
    if row is None:
        raise SessionGone(Reason.SESSION_ENDED)
    if row.ended_at is not None:
        raise SessionGone(Reason(row.end_reason or Reason.SESSION_ENDED))
    return row.user.role


def _exempt(s: Session) -> tuple[Role, ...]:
    """The exempt roles as stored; an unknown name (a newer console's role) is ignored, so
    it exempts nobody here."""
    return _exempt_roles(get_setting(s, EXEMPT_ROLES_SETTING) or "")


def _exempt_roles(raw: str) -> tuple[Role, ...]:
    known = {r.value for r in Role}
    return tuple(Role(name) for name in (n.strip() for n in raw.split(",")) if name in known)


def _roles(names: Iterable[str]) -> tuple[Role, ...]:
    chosen: list[Role] = []
    for name in names:
        try:
            role = Role(name.strip().lower())
        except ValueError:
            choices = ", ".join(r.value for r in Role)
            raise PrivacyError("roles", f"{name!r} is not one of {choices}") from None
        if role not in chosen:
            chosen.append(role)
    return tuple(sorted(chosen, key=list(Role).index))
