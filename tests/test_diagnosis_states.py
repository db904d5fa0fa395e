"""The automatic video diagnosis's state per camera, visible (issue 14 item 7): after real
checks (a real decoded frame, and a camera that gives none), ``main.py diagnosis list``
through a real centre prints one line per camera with its last check and findings, and
``--json`` the same as data; supervisors see their unit's cameras and those their tree
shows, administrators all, duty officers are refused (registered)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from console.diagnosis.grab import grab_frame
from console.diagnosis.service import DiagnosisService
from console.faults.service import FaultService
from console.secrets import SecretStore
from tests.conftest import World
from tests.support.catalog import (
    CAMERAS,
    COND,
    COND_OTHER_STREET,
    NOT_SHARED,
    UNCOND,
    add_cameras,
)
from tests.support.cli import DUTY_OFFICER, SUPERVISOR, CentreCli
from tests.support.rtsp import MediaClips


def checked(world: World, media_clips: MediaClips) -> None:
    """UNCOND and COND checked once on a real frame; NOT_SHARED twice with no frame."""
    picture = grab_frame(str(media_clips.clip360))
    assert picture is not None

    def grab(url: str) -> np.ndarray | None:
        return None if NOT_SHARED in url else picture

    service = DiagnosisService(world.db, world.clock, SecretStore(),
                               FaultService(world.db, world.clock), grab)
    assert len(service.claim(len(CAMERAS))) == len(CAMERAS)  # claimed: not checked yet
    for code in (UNCOND, COND, NOT_SHARED):
        service.check(code)
    world.clock.advance(60)
    service.check(NOT_SHARED)


@pytest.fixture
def cli(world: World, tmp_path: Path, media_clips: MediaClips) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    checked(world, media_clips)
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def test_diagnosis_list_through_the_centre(cli: CentreCli, world: World) -> None:
    run = cli("diagnosis", "list", "--json")
    assert run.code == 0, run.err
    rows = {r["camera"]: r for r in json.loads(run.out)}
    assert set(rows) == set(CAMERAS)                         # the administrator: all
    lost = rows[NOT_SHARED]
    assert (lost["findings"], lost["streaks"], lost["checks"]) == (
        ["signal_loss"], {"signal_loss": 2}, 2)
    assert lost["checked_at"] is not None and lost["persist_checks"] >= 2
    assert (rows[UNCOND]["findings"], rows[UNCOND]["checks"]) == ([], 1)
    assert (rows[COND_OTHER_STREET]["checked_at"], rows[COND_OTHER_STREET]["checks"]) == (
        None, 0)

    run = cli("diagnosis", "list")                           # one line per camera
    assert run.code == 0, run.err
    lines = run.out.splitlines()
    assert lines[0].split()[:2] == ["CAMERA", "NAME"] and len(lines) == 1 + len(CAMERAS)
    cells = {ln.split("\t")[0]: ln.split("\t") for ln in lines[1:]}
    assert cells[NOT_SHARED][4:] == ["2", "signal_loss", "signal_lossx2"]
    assert cells[UNCOND][4:] == ["1", "clean", "-"]
    assert cells[COND_OTHER_STREET][3:] == ["-", "0", "not-checked-yet", "-"]
    run = cli("diagnosis", "list", "--findings")
    assert [ln.split()[0] for ln in run.out.splitlines()[1:]] == [NOT_SHARED]
    run = cli("diagnosis", "list", "--camera", COND, "--json")
    assert [r["camera"] for r in json.loads(run.out)] == [COND]


def test_who_may_read_the_diagnosis(cli: CentreCli, world: World) -> None:
    # the supervisor (of CENTRE): the unit's own camera and what the tree shows, not
    # another unit's not-shared camera
    run = cli("diagnosis", "list", "--json", login=SUPERVISOR)
    assert run.code == 0, run.err
    seen = {r["camera"] for r in json.loads(run.out)}
    assert UNCOND in seen and NOT_SHARED not in seen
    run = cli("diagnosis", "list", "--camera", NOT_SHARED, login=SUPERVISOR)
    assert run.code == 1 and run.err.startswith("error: camera: "), run
    # a duty officer is refused, and the refusal is registered
    before = cli.audit_count()
    run = cli("diagnosis", "list", login=DUTY_OFFICER)
    assert run.code == 1 and run.out == ""
    assert "may not read the video diagnosis" in run.err
    refusals = [r for r in cli.records("DIAGNOSIS_READ") if r.seq > before]
    assert [(r.actor, r.outcome) for r in refusals] == [(DUTY_OFFICER, "denied")]
