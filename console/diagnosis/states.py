"""The automatic video diagnosis's state per camera, read (issue 14 item 7): when each camera
was last checked and what the check found, from ``diagnosis_states``.

Supervisors see the cameras their own unit owns and those their tree shows (``visible``,
from the route); administrators every camera; other roles are refused (the refusal is
registered, the read is not — like the online rates)."""

from __future__ import annotations

import json
from collections.abc import Collection
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.admin.validation import AdminError
from console.api.diagnosis_wire import DiagnosisRow
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Reason, Role
from console.command import CommandPath
from console.diagnosis.classifier import Streaks
from console.settings_store import load_policy
from console.storage.database import Database
from console.storage.models import Camera, DiagnosisState, Unit, User

READER_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


class DiagnosisReadError(AdminError):
    """A refused read of the diagnosis state (``field`` names what)."""


class DiagnosisStates:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._path = CommandPath(db, clock, AuditTrail(clock))

    def states(self, actor: Actor, camera: str | None = None, *,
               visible: Collection[str] | None = None) -> list[DiagnosisRow]:
        """The state of ``camera`` (None: every camera the actor oversees), by code.
        ``visible``: the codes the supervisor's tree shows (administrators: ignored)."""
        refusal = None
        if actor.role not in READER_ROLES:
            refusal = DiagnosisReadError(
                "actor", f"{actor.account} may not read the video diagnosis",
                Reason.NOT_PERMITTED)

        def body(s: Session, _now: datetime) -> list[DiagnosisRow]:
            # (filtered here, not in SQL: a tree of many thousand codes is no IN list)
            shown = frozenset(visible or ())
            unit_id = None
            if actor.role != Role.ADMINISTRATOR:
                user = s.get(User, actor.user_id) if actor.user_id is not None else None
                unit_id = user.unit_id if user is not None else -1

            def oversees(owner: int, code: str) -> bool:
                return unit_id is None or owner == unit_id or code in shown

            query = (select(Camera.code, Camera.name, Unit.code, Camera.owner_unit_id,
                            DiagnosisState)
                     .join(Unit, Unit.id == Camera.owner_unit_id)
                     .outerjoin(DiagnosisState, DiagnosisState.camera_id == Camera.id)
                     .order_by(Camera.code))
            if camera is not None:
                query = query.where(Camera.code == camera.strip())
            rows = [(code, name, unit, state) for code, name, unit, owner, state
                    in s.execute(query) if oversees(owner, code)]
            if camera is not None and not rows:
                raise DiagnosisReadError("camera", f"no camera {camera!r} you oversee",
                                         Reason.UNKNOWN_CAMERA)
            persist = load_policy(s).diagnosis_persist_checks
            return [_row(code, name, unit, state, persist) for code, name, unit, state in rows]

        return self._path.run(actor, Action.DIAGNOSIS_READ, camera or "diagnosis:*",
                              {"camera": camera}, body, refusal=refusal, audited=False,
                              lock=False)


def _row(code: str, name: str, unit: str, state: DiagnosisState | None,
         persist: int) -> DiagnosisRow:
    checks = state.checks if state is not None else 0
    streaks = Streaks.from_json(json.loads(state.streaks or "{}")) if state else Streaks()
    findings = [f for f in (state.last_findings.split(",") if state else []) if f]
    return DiagnosisRow(camera=code, name=name, owner_unit=unit,
                        checked_at=state.checked_at if state is not None and checks else None,
                        checks=checks, findings=findings,
                        streaks={k: v for k, v in sorted(streaks.seen.items()) if v},
                        persist_checks=persist)
