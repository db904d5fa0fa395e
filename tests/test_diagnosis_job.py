"""The automatic video diagnosis on the centre (console/diagnosis/service.py): two server
instances run the job, each round is done once; frames are grabbed from the real RTSP test
server; a finding becomes a fault report by the automatic reporter only after N checks and
never twice while open; the budget (cameras per minute) is respected."""

from __future__ import annotations

import json
import socket

import numpy as np
import pytest
from sqlalchemy import select, update

from console.demo.rtsp_spec import RtspServerProcess
from console.diagnosis.classifier import Finding
from console.diagnosis.grab import grab_frame
from console.diagnosis.service import DiagnosisService
from console.faults.rules import AUTOMATIC_REPORTER, FaultKind, FaultState
from console.faults.service import FaultService
from console.secrets import SecretStore
from console.server.jobs import Job, JobRunner
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, DiagnosisState, FaultReport
from tests.conftest import INSTALLER, World
from tests.support.catalog import CAMERAS, COND, NOT_SHARED, UNCOND, add_cameras
from tests.support.rtsp import MediaClips


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _streams(db: Database, urls: dict[str, str]) -> None:
    with db.transaction() as s:
        for code, url in urls.items():
            s.execute(update(Camera).where(Camera.code == code).values(sub_stream=url))


def _reports(db: Database) -> list[tuple[str, str, str, int | None]]:
    with db.transaction() as s:
        return [(r.camera_code, r.kind, r.reported_by, r.reporter_unit_id) for r in s.execute(
            select(FaultReport).order_by(FaultReport.id)).scalars()]


def _instance(world: World, name: str) -> tuple[DiagnosisService, JobRunner]:
    faults = FaultService(world.db, world.clock)
    service = DiagnosisService(world.db, world.clock, SecretStore(), faults)
    job = Job("video_diagnosis", lambda: service.round_s, service.start_round)
    return service, JobRunner(world.db, world.clock, name, [job])


@pytest.mark.slow
def test_two_instances_diagnose_real_streams_once_and_raise_each_fault_once(
        world: World, rtsp_server: RtspServerProcess) -> None:
    add_cameras(world.db, world.clock)
    dead = f"rtsp://127.0.0.1:{_closed_port()}/gone"
    # UNCOND: a live picture (clean); COND: a file that starts again on every open — the
    # same first picture at every check (frozen); the other three: nothing answers.
    _streams(world.db, {UNCOND: rtsp_server.url("/live"), COND: rtsp_server.url("/clip360"),
                        **{code: dead for code in CAMERAS if code not in (UNCOND, COND)}})
    world.admin.set_policy(INSTALLER, "diagnosis_cameras_per_minute", "30")   # 5 a round
    first, runner_a = _instance(world, "centre-a")
    second, runner_b = _instance(world, "centre-b")
    reports_after = []
    for _round in range(5):
        world.clock.advance(10)
        ran = runner_a.run_due() + runner_b.run_due()
        assert ran == ["video_diagnosis"]                   # one instance won the round
        first.wait()
        second.wait()
        reports_after.append(_reports(world.db))
    assert first.checked + second.checked == 25               # every camera once a round
    with world.db.transaction() as s:
        checks = dict(s.execute(select(Camera.code, DiagnosisState.checks).join(
            DiagnosisState, DiagnosisState.camera_id == Camera.id)).all())
        findings = dict(s.execute(select(Camera.code, DiagnosisState.last_findings).join(
            DiagnosisState, DiagnosisState.camera_id == Camera.id)).all())
    assert set(checks.values()) == {5}
    assert findings[UNCOND] == "" and findings[COND] == str(Finding.FROZEN)
    assert findings[NOT_SHARED] == str(Finding.SIGNAL_LOSS)
    # nothing after 2 checks; the lost signals after the 3rd; the frozen picture after its
    # 4th (the first check has nothing to compare with); nothing more after that
    dead_codes = sorted(code for code in CAMERAS if code not in (UNCOND, COND))
    assert reports_after[1] == []
    assert sorted(r[0] for r in reports_after[2]) == dead_codes
    assert {r[1] for r in reports_after[2]} == {str(FaultKind.OFFLINE)}
    assert [r[:2] for r in reports_after[3][3:]] == [(COND, str(FaultKind.FROZEN))]
    assert reports_after[4] == reports_after[3]
    assert {r[2] for r in reports_after[4]} == {AUTOMATIC_REPORTER}
    with world.db.transaction() as s:      # for the supervisors of the camera's owner unit
        owners = dict(s.execute(select(Camera.code, Camera.owner_unit_id)).all())
        records = s.execute(select(AuditRecord).where(
            AuditRecord.action == "FAULT_REPORT")).scalars().all()
    assert all(unit == owners[code] for code, _k, _r, unit in reports_after[4])
    assert [(r.actor, r.outcome) for r in records] == [(AUTOMATIC_REPORTER, "ok")] * 4
    assert json.loads(records[-1].params)["finding"] == str(Finding.FROZEN)


def test_no_second_open_fault_of_a_kind_until_the_first_is_verified(world: World) -> None:
    add_cameras(world.db, world.clock)
    faults = FaultService(world.db, world.clock)
    first = faults.raise_automatic(UNCOND, FaultKind.BLUR, "blur x3")
    assert first is not None and first.state == FaultState.NEW
    assert faults.raise_automatic(UNCOND, FaultKind.BLUR, "blur x3") is None
    assert faults.raise_automatic(UNCOND, FaultKind.OCCLUSION, "") is not None
    assert faults.raise_automatic(COND, FaultKind.BLUR, "") is not None
    # a person's open report of the same kind counts too
    with world.db.transaction() as s:
        s.execute(update(FaultReport).where(FaultReport.id == first.id).values(
            state=str(FaultState.VERIFIED)))
    assert faults.raise_automatic(UNCOND, FaultKind.BLUR, "again") is not None
    assert faults.raise_automatic("32059999999999999999", FaultKind.BLUR) is None


def test_the_budget_is_respected_least_recently_checked_first(
        world: World, media_clips: MediaClips) -> None:
    add_cameras(world.db, world.clock)
    picture = grab_frame(str(media_clips.clip360))
    assert picture is not None and picture.shape == (360, 640, 3)
    grabbed: list[str] = []

    def grab(url: str) -> np.ndarray:
        grabbed.append(url.rsplit("/", 2)[1])
        return picture

    service = DiagnosisService(world.db, world.clock, SecretStore(),
                               FaultService(world.db, world.clock), grab)
    world.admin.set_policy(INSTALLER, "diagnosis_cameras_per_minute", "12")  # 2 a round
    for _round in range(6):                                  # one minute
        world.clock.advance(10)
        assert len(service.run_round()) == 2
    assert len(grabbed) == 12
    # round robin: every camera before any twice, each 2 or 3 times in the minute
    assert len(set(grabbed[:5])) == 5
    assert sorted({grabbed.count(code) for code in CAMERAS}) == [2, 3]
    # a fractional share is carried: 9 a minute = 1.5 a round → 1, 2, 1, 2 …
    world.admin.set_policy(INSTALLER, "diagnosis_cameras_per_minute", "9")
    assert [len(service.run_round()) for _ in range(6)] == [1, 2, 1, 2, 1, 2]
    world.admin.set_policy(INSTALLER, "diagnosis_cameras_per_minute", "0")    # off
    assert service.run_round() == []
    assert len(grabbed) == 21


def test_a_round_still_running_makes_the_next_one_a_no_op(world: World) -> None:
    import threading
    add_cameras(world.db, world.clock)
    release = threading.Event()

    def slow(_url: str) -> None:
        release.wait(10)

    service = DiagnosisService(world.db, world.clock, SecretStore(),
                               FaultService(world.db, world.clock), slow)
    assert service.start_round() is True
    assert service.start_round() is False
    release.set()
    service.wait()
    assert service.checked == 5
    assert service.start_round() is True
    service.wait()
