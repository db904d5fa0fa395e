"""PTZ sessions in the shared database: taking control, one controller per camera across
every console, priority takeover, heartbeats, the end of control and the return home
(R6, R7, R10, R11). Every step that changes a session is audited in the same transaction.

The rules are in ``console.ptz.rules``; the device calls are made by the caller
(``console.ptz.controller`` for the operator's control, ``console.ptz.homing`` for the
return), never inside a database transaction."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from console.access.service import access_facts
from console.audit.writer import Actor, AuditTrail
from console.auth.service import actor_for_session, live_session
from console.clock import Clock
from console.codes import Action, Outcome, Reason, Right
from console.grants.rules import decide
from console.policy import Policy
from console.ptz import rules
from console.ptz.driver import DeviceReturn, PtzPosition
from console.ptz.model import (
    CameraLink,
    EndedBy,
    EndedByKind,
    LeaseState,
    PictureMatch,
    PtzLease,
    ReturnJob,
    ReturnOutcome,
    SessionView,
    TakeResult,
)
from console.ptz.rules import Holder, HomeTarget, PictureVerdict, ReturnResult, Take
from console.settings_store import load_policy
from console.storage.database import Database
from console.storage.models import Camera, ConsoleSession, PtzSession, User

__all__ = ["ACTIVE", "CLOSED", "FAILED", "RETURNING", "CameraLink", "LeaseState", "PtzLease",
           "PtzService", "ReturnJob", "ReturnOutcome", "SessionView", "TakeResult"]

ACTIVE, RETURNING, CLOSED, FAILED = "active", "returning", "closed", "failed"
_VERIFIED_BY = {ReturnResult.VERIFIED: "position", ReturnResult.VERIFIED_PICTURE: "picture"}


class PtzService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._audit = AuditTrail(clock)

    def now(self) -> datetime:
        return self._clock.now()

    def policy(self) -> Policy:
        with self._db.transaction() as s:
            return load_policy(s)

    # -- taking control ------------------------------------------------------------------

    def take(self, session_id: str, code: str, *, tile: str = "") -> TakeResult:
        """Take control of camera ``code`` for this console session (checked, audited)."""
        for _ in range(2):  # a concurrent insert on another console: decide once more
            try:
                return self._take(session_id, code, tile)
            except IntegrityError:
                continue
        return self._refused_on_race(session_id, code)

    def _take(self, session_id: str, code: str, tile: str) -> TakeResult:
        with self._db.transaction() as s:
            self._audit.lock(s)  # every take, takeover and end runs one at a time
            row = live_session(s, session_id)
            if row is None:
                return TakeResult(False, Reason.SESSION_ENDED)
            actor, now = actor_for_session(row), self._clock.now()
            camera = s.execute(select(Camera).where(Camera.code == code)).scalar_one_or_none()
            params: dict[str, Any] = {"tile": tile}
            if camera is None:
                return self._refuse(s, actor, code, Reason.UNKNOWN_CAMERA, params)
            params["name"] = camera.name
            if not camera.ptz_capable or not camera.ptz_address:
                return self._refuse(s, actor, code, Reason.NOT_STEERABLE, params)
            facts, viewer, grants = access_facts(s, row, camera)
            decision = decide(facts, viewer, Right.PTZ, grants, now)
            if not decision.allowed:
                return self._refuse(s, actor, code, decision.reason, params)
            priority = rules.priority_of(row.user.role, facts, viewer, grants, now)
            params.update(priority=priority.level, basis=str(priority.basis),
                          grant=decision.grant.id if decision.grant else None)
            if decision.grant is not None:
                params.update(approver=decision.grant.approver,
                              reference=decision.grant.reference)
            held = s.execute(select(PtzSession).where(
                PtzSession.lock_camera_id == camera.id).with_for_update()).scalar_one_or_none()
            verdict = rules.may_take(row.user_id, priority, None if held is None else Holder(
                held.user_id, held.priority, held.state))
            if verdict == Take.REFUSED and held is not None:
                params.update(holder=held.actor, holder_priority=held.priority)
                self._refuse(s, actor, code, Reason.PTZ_HELD, params)
                return TakeResult(False, Reason.PTZ_HELD, holder=held.actor_name)
            if verdict == Take.RETURNING:
                return self._refuse(s, actor, code, Reason.PTZ_RETURNING, params)
            took_from = None
            if held is not None:  # OWN or TAKEOVER: the old session hands the camera on
                reason = Reason.PTZ_MOVED_ELSEWHERE if verdict == Take.OWN \
                    else Reason.PTZ_TAKEN_OVER
                home_token, home_position = held.home_token, held.home_position
                self._close_handed_over(s, held, reason, actor, now)
                if verdict == Take.TAKEOVER:
                    took_from = held.actor_name
                    self._audit.append(s, actor, Action.PTZ_TAKEOVER, target=camera.code,
                                       reason=Reason.PTZ_TAKEN_OVER,
                                       params={"from": held.actor, "from_session": held.id,
                                               "from_priority": held.priority,
                                               "priority": priority.level,
                                               "basis": str(priority.basis)})
                s.flush()
            else:
                home_token, home_position = None, None
            lease_row = PtzSession(
                camera_id=camera.id, lock_camera_id=camera.id, user_id=row.user_id,
                console_session_id=row.id, actor=row.user.account,
                actor_name=row.user.real_name, terminal=row.terminal.name,
                priority=priority.level, basis=str(priority.basis), tile=tile[:40],
                state=ACTIVE, started_at=now, heartbeat_at=now, last_command_at=now,
                home_token=home_token, home_position=home_position, moves=0,
                presets_called=0, return_attempts=0)
            s.add(lease_row)
            s.flush()
            params["ptz_session"] = lease_row.id
            self._audit.append(s, actor, Action.PTZ_START, target=camera.code, params=params)
            lease = PtzLease(lease_row.id, row.id, _link(camera), priority)
            return TakeResult(True, Reason.OK, lease, took_from=took_from)

    def _refused_on_race(self, session_id: str, code: str) -> TakeResult:
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                return TakeResult(False, Reason.SESSION_ENDED)
            self._refuse(s, actor_for_session(row), code, Reason.PTZ_HELD, {})
            return TakeResult(False, Reason.PTZ_HELD)

    def _refuse(self, s: Session, actor: Actor, code: str, reason: Reason,
                params: dict[str, Any]) -> TakeResult:
        self._audit.append(s, actor, Action.PTZ_START, target=code[:200],
                           outcome=Outcome.DENIED, reason=reason, params=params)
        return TakeResult(False, reason)

    def _close_handed_over(self, s: Session, held: PtzSession, reason: Reason, taker: Actor,
                           now: datetime) -> None:
        by = taker.account
        held.state, held.lock_camera_id = CLOSED, None
        held.ended_at, held.end_reason, held.taken_by = now, str(reason), by
        held.ended_by = EndedBy.person(by, taker.terminal_name).text()
        held.return_result = "handed_over"
        self._audit.append(s, _row_actor(s, held), Action.PTZ_END, target=_code(s, held),
                           reason=reason, params=_summary(held, now) | {"by": by})

    # -- while in control ----------------------------------------------------------------

    def record_start(self, lease: PtzLease, home: HomeTarget, start: PtzPosition | None,
                     device_return: DeviceReturn | None = None) -> None:
        """Keep where the camera was when control began and where home is (read from the
        camera after taking control) so that any console can verify the return."""
        with self._db.transaction() as s:
            row = s.get(PtzSession, lease.id)
            if row is None:
                return
            if row.home_token is None and row.home_position is None:
                row.home_token = home.token
                row.home_position = _position_text(home.position)
            if row.start_position is None:
                row.start_position = _position_text(start)
            if device_return is not None:
                state = "on" if device_return.enabled else "off"
                row.device_return = f"{state}: {device_return.detail}"[:200]

    def heartbeat(self, lease: PtzLease, *, moves: int = 0,
                  last_command_at: datetime | None = None) -> LeaseState:
        """Beat for an active lease and add what the operator did since the last beat.
        Answers whether control is still held: a takeover, a sweep or a lost PTZ right
        (grant expired or revoked; then this ends the session and the caller returns the
        camera home) ends it."""
        now = self._clock.now()
        values: dict[str, Any] = {"heartbeat_at": now, "moves": PtzSession.moves + moves}
        if last_command_at is not None:
            values["last_command_at"] = last_command_at
        with self._db.transaction() as s:
            done = s.execute(update(PtzSession).where(
                PtzSession.id == lease.id, PtzSession.state == ACTIVE).values(**values))
            if done.rowcount == 1:  # type: ignore[attr-defined]
                row = s.get(ConsoleSession, lease.session_id)
                if row is not None and row.ended_at is None:
                    camera = s.get(Camera, lease.camera.camera_id)
                    if camera is not None:
                        facts, viewer, grants = access_facts(s, row, camera)
                        decision = decide(facts, viewer, Right.PTZ, grants, now)
                        if decision.allowed:
                            return LeaseState(True)
                        return LeaseState(False, decision.reason)
                    return LeaseState(False, Reason.UNKNOWN_CAMERA)
                return LeaseState(False, Reason(row.end_reason or Reason.SESSION_ENDED)
                                  if row is not None else Reason.SESSION_ENDED)
            ended = s.get(PtzSession, lease.id)
            if ended is None:
                return LeaseState(False, Reason.PTZ_CONSOLE_LOST)
            who = EndedBy.parse(ended.ended_by)
            by = None
            if ended.taken_by:
                taker = s.execute(select(PtzSession.actor_name).where(
                    PtzSession.camera_id == ended.camera_id,
                    PtzSession.actor == ended.taken_by,
                    PtzSession.started_at >= ended.started_at,
                ).order_by(PtzSession.id.desc()).limit(1)).scalar_one_or_none()
                by = taker or ended.taken_by
            elif who is not None and who.kind == EndedByKind.USER:
                by = s.execute(select(User.real_name).where(
                    User.account == who.account)).scalar_one_or_none()
            return LeaseState(False, Reason(ended.end_reason or Reason.PTZ_CONSOLE_LOST), by,
                              ended.ended_by)

    def preset_called(self, lease: PtzLease, token: str, name: str = "") -> None:
        with self._db.transaction() as s:
            row = s.get(PtzSession, lease.id)
            if row is None:
                return
            row.presets_called += 1
            row.last_command_at = self._clock.now()
            self._audit.append(s, _row_actor(s, row), Action.PTZ_PRESET,
                               target=lease.camera.code,
                               params={"ptz_session": row.id, "preset": token, "name": name})

    def end(self, lease: PtzLease, reason: Reason, *, moves: int = 0,
            claimer: str = "", ended_by: EndedBy | None = None) -> ReturnJob | None:
        """End control; the returned job sends the camera home (None: it had already ended,
        e.g. taken over — then it is not ours to send home). ``ended_by``: who ended it
        (default: the holder, the person of the lease's console session)."""
        with self._db.transaction() as s:
            self._audit.lock(s)
            row = s.get(PtzSession, lease.id)
            if row is None or row.state != ACTIVE:
                return None
            now = self._clock.now()
            row.moves += moves
            row.ended_at, row.end_reason = now, str(reason)
            row.ended_by = (ended_by or EndedBy.person(row.actor, row.terminal)).text()
            row.state, row.claimed_by, row.heartbeat_at = RETURNING, claimer or None, now
            self._audit.append(s, _row_actor(s, row), Action.PTZ_END, target=lease.camera.code,
                               reason=reason, params=_summary(row, now))
            return ReturnJob(row.id, lease.camera, _home_of(row), row.return_attempts,
                             claimer)

    # -- returning home ------------------------------------------------------------------

    def keep_claim(self, job: ReturnJob) -> bool:
        """Beat while a return is under way so no sweep takes it; False when another console
        has claimed it meanwhile (then stop)."""
        with self._db.transaction() as s:
            done = s.execute(update(PtzSession).where(
                PtzSession.id == job.session, PtzSession.state == RETURNING,
                PtzSession.claimed_by.is_(None) if not job.claimer
                else PtzSession.claimed_by == job.claimer,
            ).values(heartbeat_at=self._clock.now()))
            return bool(done.rowcount == 1)  # type: ignore[attr-defined]

    def return_attempted(self, job: ReturnJob, result: ReturnResult,
                         position: PtzPosition | None, detail: str = "",
                         home: HomeTarget | None = None,
                         picture: PictureMatch | None = None) -> ReturnOutcome:
        """Record one attempt's result (audited): verified (by position or by picture) or
        commanded, not verified closes the session; a failure schedules the next attempt,
        and after the quick retries raises a fault. ``picture``: the picture's verdict
        where the return was judged by picture (in the record; a picture elsewhere is
        refused as ``PTZ_NOT_AT_HOME``)."""
        with self._db.transaction() as s:
            self._audit.lock(s)
            row = s.get(PtzSession, job.session)
            if row is None or row.state not in (RETURNING, FAILED):
                return ReturnOutcome(True, None, False)
            now = self._clock.now()
            row.return_attempts += 1
            row.return_result = str(result)
            row.return_position = _position_text(position)
            if home is not None and row.home_token is None and row.home_position is None:
                row.home_token, row.home_position = home.token, _position_text(home.position)
            params: dict[str, Any] = {
                "ptz_session": row.id, "result": str(result), "attempt": row.return_attempts,
                "home": row.home_token or "device home",
                "home_position": _position_json(row.home_position),
                "position": position.as_dict() if position else None,
                "reason": row.end_reason, "controller": row.actor}
            if detail:
                params["detail"] = detail[:300]
            # how the return was verified: by the position read back, by the picture, or
            # not at all (None: commanded, not verified — or failed)
            params["verified_by"] = _VERIFIED_BY.get(result)
            if picture is not None:
                params["picture"] = picture.as_dict()
            actor = Actor(account=f"console:{job.claimer}") if job.claimer \
                else _row_actor(s, row)
            if result != ReturnResult.FAILED:
                was_fault = row.return_attempts > len(rules.RETRY_DELAYS) + 1
                row.state, row.lock_camera_id, row.claimed_by = CLOSED, None, None
                row.next_attempt_at = None
                params["after_fault"] = was_fault
                self._audit.append(s, actor, Action.PTZ_RETURN, target=job.camera.code,
                                   params=params)
                return ReturnOutcome(True, None, False)
            retry_at, fault = rules.next_attempt(row.return_attempts, now)
            row.next_attempt_at = retry_at
            why = Reason.PTZ_NOT_AT_HOME if picture is not None \
                and picture.verdict == PictureVerdict.NOT_AT_HOME else Reason.PTZ_CAMERA_ERROR
            if why == Reason.PTZ_NOT_AT_HOME:
                row.return_result = "not_at_home"
            self._audit.append(s, actor, Action.PTZ_RETURN, target=job.camera.code,
                               outcome=Outcome.DENIED, reason=why,
                               params=params | {"retry_at": retry_at.isoformat()})
            if fault and row.state != FAILED:
                # the camera is not verified home: a fault for the centre; the lock goes so
                # that an operator may still steer it (and send it home) meanwhile
                row.state, row.lock_camera_id, row.claimed_by = FAILED, None, None
                self._audit.append(s, actor, Action.PTZ_RETURN_FAULT, target=job.camera.code,
                                   outcome=Outcome.DENIED, reason=why, params=params)
                return ReturnOutcome(False, retry_at, True)
            if row.state == FAILED:
                row.claimed_by = None
            return ReturnOutcome(False, retry_at, False)

    def sweep(self, claimer: str, by: EndedBy | None = None) -> list[ReturnJob]:
        """Claim every return owed and not being done: sessions whose console stopped
        beating (crash, kill -9, cut cable) and failed returns due for another try. A
        conditional update claims each row, so exactly one console sends a camera home
        however many sweep at once. ``by``: who asked for this sweep (a person through
        ``main.py ptz sweep``; default the centre's scheduled sweep), recorded as who ended
        the sessions it ends."""
        now = self._clock.now()
        policy = self.policy()
        jobs: list[ReturnJob] = []
        with self._db.transaction() as s:
            candidates = s.execute(select(PtzSession).where(
                PtzSession.state.in_((ACTIVE, RETURNING, FAILED)))).scalars().all()
            due = [(r.id, r.state, r.heartbeat_at) for r in candidates
                   if (r.state in (ACTIVE, RETURNING)
                       and rules.is_stale(r.heartbeat_at, now, policy.ptz_stale_seconds))
                   or (r.state == FAILED and r.next_attempt_at is not None
                       and r.next_attempt_at <= now)]
        for session, state, beat in due:
            job = self._claim(session, state, beat, claimer, now,
                              by or EndedBy(EndedByKind.SWEEP))
            if job is not None:
                jobs.append(job)
        return jobs

    def _claim(self, session: int, state: str, beat: datetime, claimer: str,
               now: datetime, by: EndedBy) -> ReturnJob | None:
        with self._db.transaction() as s:
            self._audit.lock(s)
            row = s.get(PtzSession, session)
            if row is None or row.state != state or row.heartbeat_at != beat:
                return None
            if state == FAILED:
                held = s.execute(select(PtzSession.id).where(
                    PtzSession.lock_camera_id == row.camera_id)).first()
                if held is not None:  # someone steers it now; their end sends it home
                    row.next_attempt_at = None
                    row.state = CLOSED
                    row.return_result = "superseded"
                    return None
                row.lock_camera_id = row.camera_id
            claimed = s.execute(update(PtzSession).where(
                PtzSession.id == session, PtzSession.state == state,
                PtzSession.heartbeat_at == beat,
            ).values(state=RETURNING, claimed_by=claimer, heartbeat_at=now,
                     ended_at=row.ended_at or now,
                     end_reason=row.end_reason or str(Reason.PTZ_CONSOLE_LOST),
                     ended_by=row.ended_by or by.text()))
            if claimed.rowcount != 1:  # type: ignore[attr-defined]
                return None
            s.refresh(row)
            camera = s.get_one(Camera, row.camera_id)
            if state == ACTIVE:
                self._audit.append(s, _row_actor(s, row), Action.PTZ_END, target=camera.code,
                                   reason=Reason.PTZ_CONSOLE_LOST, params=_summary(row, now))
            self._audit.append(s, Actor(account=f"console:{claimer}"), Action.PTZ_RECOVER,
                               target=camera.code,
                               params={"ptz_session": row.id, "state_was": state,
                                       "controller": row.actor, "terminal": row.terminal,
                                       "last_heartbeat": beat.isoformat()})
            return ReturnJob(row.id, _link(camera), _home_of(row), row.return_attempts,
                             claimer)

    # -- reading -------------------------------------------------------------------------

    def sessions(self, *, open_only: bool = False, faults_only: bool = False,
                 limit: int = 200) -> list[SessionView]:
        with self._db.transaction() as s:
            query = select(PtzSession, Camera.code).join(Camera,
                                                         Camera.id == PtzSession.camera_id)
            if open_only:
                query = query.where(PtzSession.state.in_((ACTIVE, RETURNING, FAILED)))
            if faults_only:
                query = query.where(PtzSession.state == FAILED)
            rows = s.execute(query.order_by(PtzSession.id.desc()).limit(limit)).all()
            return [SessionView(r.id, code, r.actor, r.terminal, r.state, r.basis,
                                r.started_at, r.heartbeat_at, r.ended_at, r.end_reason,
                                r.return_result, r.return_position, r.return_attempts,
                                r.ended_by)
                    for r, code in rows]

    def holder(self, code: str) -> str | None:
        """Who controls camera ``code`` now (real name), for the panel; None when free."""
        with self._db.transaction() as s:
            return s.execute(select(PtzSession.actor_name).join(
                Camera, Camera.id == PtzSession.lock_camera_id).where(
                Camera.code == code, PtzSession.state == ACTIVE)).scalar_one_or_none()


# -- helpers ---------------------------------------------------------------------------------


def _link(camera: Camera) -> CameraLink:
    return CameraLink(camera.id, camera.code, camera.name, camera.ptz_address,
                      camera.has_credentials, camera.home_preset)


def _home_of(row: PtzSession) -> HomeTarget | None:
    if row.home_token is None and row.home_position is None:
        return None
    return HomeTarget(row.home_token, _position_of(row.home_position))


def _row_actor(s: Session, row: PtzSession) -> Actor:
    console = s.get(ConsoleSession, row.console_session_id)
    if console is not None:
        return actor_for_session(console)
    return Actor(account=row.actor, terminal_name=row.terminal, user_id=row.user_id)


def _code(s: Session, row: PtzSession) -> str:
    camera = s.get(Camera, row.camera_id)
    return camera.code if camera is not None else str(row.camera_id)


def _summary(row: PtzSession, now: datetime) -> dict[str, Any]:
    return {"ptz_session": row.id, "seconds": max(0, round((now - row.started_at)
                                                            .total_seconds())),
            "moves": row.moves, "presets": row.presets_called, "basis": row.basis,
            "start_position": _position_json(row.start_position),
            "device_return": row.device_return,
            "home": row.home_token or "device home"}


def _position_text(position: PtzPosition | None) -> str | None:
    return None if position is None else json.dumps(position.as_dict(), sort_keys=True)


def _position_json(text: str | None) -> dict[str, float] | None:
    return None if text is None else json.loads(text)


def _position_of(text: str | None) -> PtzPosition | None:
    if text is None:
        return None
    data = json.loads(text)
    return PtzPosition(float(data["pan"]), float(data["tilt"]), float(data["zoom"]))
