"""Automatic video diagnosis on the centre (issue 14 item 7).

Every ``ROUND_S`` the job (console/server/host.py, claimed through the database like the
other scheduled jobs: one instance runs a round) takes the cameras checked least recently,
as many as the budget allows (``diagnosis_cameras_per_minute`` of the policy, 0: off), and
claims each with a conditional update of its ``diagnosis_states.checked_at`` — a camera
another instance claimed meanwhile is left to it. For each camera it grabs one frame of the
sub stream (the main stream if there is none), with the camera's credentials, measures and
classifies it against the camera's baseline and previous thumbnail
(console/diagnosis/classifier.py), and keeps the new baseline, streaks and thumbnail. A
finding seen in ``diagnosis_persist_checks`` consecutive checks becomes a fault report by
the automatic reporter (console/faults/service.py ``raise_automatic``) — never a second one
while a report of that kind on that camera is open.

The round runs on its own worker thread (``start_round``), so slow streams never hold up
the centre's other jobs (view leases, PTZ returns); a round still running when the next is
due makes that one a no-op.
"""

from __future__ import annotations

import json
import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import numpy.typing as npt
from sqlalchemy import exists, insert, literal, select, update
from sqlalchemy.exc import IntegrityError

from console.catalog.credentials import load_camera_credentials, with_credentials
from console.clock import Clock
from console.diagnosis.classifier import (
    Baseline,
    Finding,
    Measures,
    Persistence,
    Streaks,
    Verdict,
    classify,
    measure,
    updated_baseline,
)
from console.faults.rules import FaultKind
from console.faults.service import FaultService
from console.platforms.streams import PLATFORM_STREAM_PREFIX
from console.policy import Policy
from console.secrets import SecretStorage
from console.settings_store import load_policy
from console.storage.database import Database
from console.storage.models import Camera, DiagnosisState
from console.storage.types import UTCDateTime

log = logging.getLogger(__name__)

ROUND_S = 10.0
NEVER = datetime(2000, 1, 1, tzinfo=UTC)

FAULT_OF: dict[Finding, FaultKind] = {
    Finding.SIGNAL_LOSS: FaultKind.OFFLINE,
    Finding.BLUR: FaultKind.BLUR,
    Finding.OCCLUSION: FaultKind.OCCLUSION,
    Finding.FROZEN: FaultKind.FROZEN,
    Finding.COLOUR_CAST: FaultKind.COLOUR_CAST,
    Finding.BRIGHTNESS: FaultKind.BRIGHTNESS,
}

Grab = Callable[[str], npt.NDArray[np.uint8] | None]


@dataclass(frozen=True, slots=True)
class CheckResult:
    camera: str
    findings: frozenset[Finding]
    raised: frozenset[Finding]
    reports: tuple[int, ...]           # fault reports made by this check


class DiagnosisService:
    def __init__(self, db: Database, clock: Clock, secrets: SecretStorage, faults: FaultService,
                 grab: Grab | None = None, *, round_s: float = ROUND_S) -> None:
        from console.diagnosis.grab import grab_frame  # noqa: PLC0415

        self._db, self._clock, self._secrets, self._faults = db, clock, secrets, faults
        self._grab = grab or grab_frame
        self.round_s = round_s
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()
        self.checked = 0                  # cameras checked by this instance (tests, /health)
        self.carry = 0.0                  # a fractional budget carried to the next round

    # -- the job ----------------------------------------------------------------------------

    def start_round(self) -> bool:
        """Run one round on the worker thread (False: the previous one is still running)."""
        with self._lock:
            if self._worker is not None and self._worker.is_alive():
                return False
            self._worker = threading.Thread(target=self._round_logged, name="diagnosis",
                                            daemon=True)
            self._worker.start()
            return True

    def wait(self, timeout: float = 60.0) -> None:
        worker = self._worker
        if worker is not None:
            worker.join(timeout)

    def _round_logged(self) -> None:
        try:
            self.run_round()
        except Exception:
            log.exception("diagnosis round failed; trying again next round")

    def policy(self) -> Policy:
        with self._db.transaction() as s:
            return load_policy(s)

    def run_round(self) -> list[CheckResult]:
        """Check the cameras of one round (the budget's share), least recently checked
        first; what each check found and raised."""
        policy = self.policy()
        budget = policy.diagnosis_cameras_per_minute * self.round_s / 60.0 + self.carry
        count = math.floor(budget + 1e-9)
        self.carry = budget - count if policy.diagnosis_cameras_per_minute else 0.0
        if count <= 0:
            return []
        persistence = Persistence(checks=policy.diagnosis_persist_checks)
        return [self.check(code, persistence) for code in self.claim(count)]

    def claim(self, count: int) -> list[str]:
        """Claim up to ``count`` cameras with a stream, least recently checked first."""
        now = self._clock.now()
        try:        # cameras new to the diagnosis: one statement, whoever gets there first
            with self._db.transaction() as s:
                unseen = select(Camera.id, literal(NEVER, UTCDateTime()), literal(0),
                                literal("{}"), literal("{}"), literal(""), literal("")
                                ).where(~exists().where(DiagnosisState.camera_id == Camera.id))
                s.execute(insert(DiagnosisState).from_select(
                    ["camera_id", "checked_at", "checks", "baseline", "streaks",
                     "thumb_shape", "last_findings"], unseen))
        except IntegrityError:
            pass                             # another instance added them meanwhile
        with self._db.transaction() as s:
            candidates = s.execute(
                select(Camera.code, DiagnosisState.camera_id, DiagnosisState.checked_at)
                .join(DiagnosisState, DiagnosisState.camera_id == Camera.id)
                .where((Camera.sub_stream != "") | (Camera.main_stream != ""))
                # not through the city platform: each check would have it invite the device
                # (play/start); its own video diagnosis is the platform's business
                .where((Camera.sub_stream != "")
                       | ~Camera.main_stream.startswith(PLATFORM_STREAM_PREFIX))
                .order_by(DiagnosisState.checked_at, Camera.code).limit(count * 2)).all()
        claimed: list[str] = []
        for code, camera_id, checked_at in candidates:
            if len(claimed) >= count:
                break
            with self._db.transaction() as s:
                done = s.execute(update(DiagnosisState).where(
                    DiagnosisState.camera_id == camera_id,
                    DiagnosisState.checked_at == checked_at).values(checked_at=now))
                if done.rowcount == 1:  # type: ignore[attr-defined]
                    claimed.append(code)
        return claimed

    # -- one camera ---------------------------------------------------------------------------

    def check(self, code: str, persistence: Persistence | None = None) -> CheckResult:
        """Grab, judge and record one camera (claimed already)."""
        persistence = persistence or Persistence(checks=self.policy().diagnosis_persist_checks)
        with self._db.transaction() as s:
            camera = s.execute(select(Camera).where(Camera.code == code)).scalar_one()
            camera_id, url = camera.id, camera.sub_stream or camera.main_stream
        frame = self._grab(with_credentials(url, load_camera_credentials(self._secrets, code)))
        with self._db.transaction() as s:
            state = s.get(DiagnosisState, camera_id, with_for_update=True)
            if state is None:                 # claimed, so it exists; a camera just removed
                return CheckResult(code, frozenset(), frozenset(), ())
            baseline = Baseline.from_json(json.loads(state.baseline or "{}"))
            streaks = Streaks.from_json(json.loads(state.streaks or "{}"))
            m: Measures | None = None
            if frame is None:
                verdict = Verdict(frozenset({Finding.SIGNAL_LOSS}), {"no_frame": 1.0})
            else:
                m = measure(frame)
                verdict = classify(m, baseline, _thumb_of(state))
                baseline = updated_baseline(baseline, m, verdict)
            streaks, raised = persistence.step(streaks, frozenset(str(f) for f in
                                                                  verdict.findings))
            state.checks += 1
            state.checked_at = self._clock.now()
            state.baseline = json.dumps(baseline.to_json())
            state.streaks = json.dumps(streaks.to_json())
            state.last_findings = ",".join(sorted(verdict.findings))[:200]
            if m is not None:
                state.thumb = m.thumb.tobytes()
                state.thumb_shape = f"{m.thumb.shape[0]}x{m.thumb.shape[1]}"
        self.checked += 1
        reports = []
        for finding in sorted(raised):
            row = self._faults.raise_automatic(
                code, FAULT_OF[Finding(finding)], _comment(Finding(finding), verdict,
                                                           persistence.checks),
                params={"finding": finding, "checks": persistence.checks})
            if row is not None:
                reports.append(row.id)
        return CheckResult(code, verdict.findings, frozenset(Finding(f) for f in raised),
                           tuple(reports))


def _thumb_of(state: DiagnosisState) -> npt.NDArray[np.uint8] | None:
    if not state.thumb or "x" not in state.thumb_shape:
        return None
    rows, cols = (int(v) for v in state.thumb_shape.split("x"))
    if rows * cols != len(state.thumb):
        return None
    return np.frombuffer(state.thumb, np.uint8).reshape(rows, cols)


def _comment(finding: Finding, verdict: Verdict, checks: int) -> str:
    """What the report says: the finding and its figures (data, not a sentence: the views
    show the kind in the user's language)."""
    figures = " ".join(f"{k}={v:g}" for k, v in sorted(verdict.values.items()))
    return f"{finding} x{checks}: {figures}"
