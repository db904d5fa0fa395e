"""The usage register's side of capture (R9, R11): what a console saw — a capture program
starting and ending while a session was open (every video output blanked meanwhile), and a
screenshot shortcut it consumed — recorded under the session's actor like every other use."""

from __future__ import annotations

from collections.abc import Sequence

from console.audit.writer import AuditTrail
from console.auth.service import actor_for_session, live_session
from console.capture.detector import Detection
from console.clock import Clock
from console.codes import Action, Outcome, Reason
from console.storage.database import Database


class CaptureRegister:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._audit = AuditTrail(clock)

    def detected(self, session_id: str, found: Sequence[Detection]) -> None:
        """Capture programs run now (``found``, non-empty): video is hidden."""
        self._record(session_id, Action.CAPTURE_DETECTED, ", ".join(sorted(
            {d.tool for d in found})), {"programs": [d.as_params() for d in found]},
            Outcome.DENIED)

    def ended(self, session_id: str, tools: Sequence[str]) -> None:
        """The capture programs ``tools`` are gone: video is shown again."""
        self._record(session_id, Action.CAPTURE_ENDED, ", ".join(sorted(tools)),
                     {"programs": sorted(tools)}, Outcome.OK)

    def key_blocked(self, session_id: str, key: str) -> None:
        self._record(session_id, Action.CAPTURE_KEY_BLOCKED, key[:60], {"key": key[:60]},
                     Outcome.DENIED)

    def _record(self, session_id: str, action: Action, target: str,
                params: dict[str, object], outcome: Outcome) -> None:
        with self._db.transaction() as s:
            row = live_session(s, session_id)
            if row is None:
                return
            self._audit.append(s, actor_for_session(row), action, target=target[:200],
                               outcome=outcome,
                               reason=Reason.NOT_PERMITTED if outcome == Outcome.DENIED
                               else Reason.OK, params=params)
