"""Who may drive the video wall, and its named presets.

Wall operators, supervisors and administrators drive the wall; duty officers do not. The
service checks the role of the live session on every command — a hidden dock is only a
convenience — and audits every change and every refusal in the same transaction:
WALL_PRESET_SAVE, WALL_PRESET_DELETE, and WALL_PRESET_RECALL when a preset is read to be put
on the wall (a refused listing is registered under WALL_PRESET_RECALL too, target ``*``).

Presets are shared by everyone who may drive the wall (the next shift recalls the same
presets) and carry no rights: ``open_view`` opens a camera on a wall output through the
access service, which decides and registers it (VIEW_OPEN with ``output`` ``wall:<name>``).
A session that has ended gets ``SessionGone``, as from the access service.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.access.model import SessionGone, ViewResult
from console.access.service import AccessService
from console.audit.writer import Actor, AuditTrail
from console.auth.service import actor_for_session, live_session
from console.clock import Clock
from console.codes import Action, Outcome, Reason, Right
from console.command import CommandPath
from console.storage.database import Database
from console.storage.models import WallPreset as WallPresetRow
from console.wall.model import PresetInfo, WallError
from console.wall.outputs import WALL_ROLES, register_output
from console.wall.presets import (
    MAX_NAME,
    PresetError,
    WallPreset,
    check_name,
    preset_from_json,
    preset_to_json,
)

__all__ = ["PresetInfo", "WallError", "WallService"]

T = TypeVar("T")



class WallService:
    def __init__(self, db: Database, clock: Clock, access: AccessService | None = None) -> None:
        self._db = db
        self._clock = clock
        self._access = access or AccessService(db, clock)
        self._audit = AuditTrail(clock)
        self._commands = CommandPath(db, clock, self._audit)

    @staticmethod
    def may_drive_wall(role: str) -> bool:
        return role in WALL_ROLES

    # -- the one command path ----------------------------------------------------------------

    def _run(self, session_id: str, action: Action, target: str, params: dict[str, Any],
             body: Callable[[Session, Actor], T], *, audit_done: bool = True) -> T:
        """Check the session and its role, run ``body`` and audit it on the one command path
        (``audit_done=False``: reading the list — only a refused role is registered)."""
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                raise SessionGone(Reason.SESSION_ENDED)
            actor = actor_for_session(row)
        refusal = None if self.may_drive_wall(actor.role or "") else WallError(
            "actor", f"{actor.account} may not drive the video wall", Reason.NOT_PERMITTED)
        return self._commands.run(actor, action, target, params,
                                  lambda s, _now: body(s, actor), refusal=refusal,
                                  audited=audit_done, lock=audit_done)

    # -- presets -----------------------------------------------------------------------------

    def save_preset(self, session_id: str, name: str, preset: WallPreset) -> bool:
        """Store ``preset`` as ``name`` (a preset of that name is replaced). Returns whether
        one was replaced."""
        params: dict[str, Any] = {}

        def body(s: Session, actor: Actor) -> bool:
            checked = _name(name)
            try:
                stored = replace(preset, name=checked)
            except PresetError as exc:
                raise WallError(exc.field, str(exc)) from None
            params.update(outputs={o.name: {"layout": o.layout, "tiles": list(o.tiles)}
                                   for o in stored.outputs})
            row = _row(s, checked, for_update=True)
            params["replaced"] = row is not None
            if row is None:
                row = WallPresetRow(name=checked)
                s.add(row)
            row.content = preset_to_json(stored)
            row.saved_by = actor.account[:120]
            row.saved_at = self._clock.now()
            return params["replaced"] is True

        return self._run(session_id, Action.WALL_PRESET_SAVE, _target(name), params, body)

    def list_presets(self, session_id: str) -> list[PresetInfo]:
        """Every stored preset, by name. An unreadable one is listed without cameras (and
        refused when recalled)."""

        def body(s: Session, _actor: Actor) -> list[PresetInfo]:
            rows = s.execute(select(WallPresetRow).order_by(WallPresetRow.name)).scalars()
            infos = []
            for row in rows:
                try:
                    preset = preset_from_json(row.content)
                    outputs, cameras = len(preset.outputs), len(preset.cameras)
                except PresetError:
                    outputs = cameras = 0
                infos.append(PresetInfo(row.name, row.saved_by, row.saved_at, outputs,
                                        cameras))
            return infos

        return self._run(session_id, Action.WALL_PRESET_RECALL, "*", {}, body,
                         audit_done=False)

    def get_preset(self, session_id: str, name: str) -> WallPreset:
        """The preset ``name``, to be put on the wall (registered as WALL_PRESET_RECALL)."""
        params: dict[str, Any] = {}

        def body(s: Session, _actor: Actor) -> WallPreset:
            row = _row(s, _name(name))
            if row is None:
                raise WallError("name", f"no wall preset {name!r}", Reason.NOT_FOUND)
            try:
                preset = replace(preset_from_json(row.content), name=row.name)
            except PresetError as exc:
                raise WallError(f"preset.{exc.field}", str(exc)) from None
            params["cameras"] = preset.cameras
            return preset

        return self._run(session_id, Action.WALL_PRESET_RECALL, _target(name), params, body)

    def delete_preset(self, session_id: str, name: str) -> None:
        params: dict[str, Any] = {}

        def body(s: Session, _actor: Actor) -> None:
            row = _row(s, _name(name), for_update=True)
            if row is None:
                raise WallError("name", f"no wall preset {name!r}", Reason.NOT_FOUND)
            params["saved_by"] = row.saved_by
            params["cameras"] = _cameras_of(row.content)
            s.delete(row)

        self._run(session_id, Action.WALL_PRESET_DELETE, _target(name), params, body)

    # -- views on the wall -------------------------------------------------------------------

    def open_view(self, session_id: str, code: str, purpose: str,
                  output_name: str) -> ViewResult:
        """Open ``code`` (live view) on the wall output ``output_name``: refused and audited
        (VIEW_OPEN, NOT_PERMITTED) for a role that may not drive the wall, otherwise decided
        and registered by the access service with output ``wall:<output_name>``."""
        output = register_output(output_name)
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                return ViewResult(False, Reason.SESSION_ENDED)
            if not self.may_drive_wall(row.user.role):
                self._audit.append(s, actor_for_session(row), Action.VIEW_OPEN,
                                   target=code[:200], outcome=Outcome.DENIED,
                                   reason=Reason.NOT_PERMITTED,
                                   params={"right": str(Right.LIVE), "output": output,
                                           "purpose": " ".join(purpose.split())[:300]})
                return ViewResult(False, Reason.NOT_PERMITTED, details={"camera": code})
        return self._access.open_view(session_id, code, purpose, right=Right.LIVE,
                                      output=output)


def _name(name: str) -> str:
    try:
        return check_name(name.strip() if isinstance(name, str) else name)
    except PresetError as exc:
        raise WallError(exc.field, str(exc)) from None


def _target(name: str) -> str:
    return str(name).strip()[:MAX_NAME] if isinstance(name, str) else ""


def _row(s: Session, name: str, *, for_update: bool = False) -> WallPresetRow | None:
    query = select(WallPresetRow).where(WallPresetRow.name == name)
    if for_update:
        query = query.with_for_update()
    return s.execute(query).scalar_one_or_none()


def _cameras_of(content: str) -> list[str]:
    try:
        return preset_from_json(content).cameras
    except PresetError:
        return []
