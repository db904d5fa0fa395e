"""A return home through WVP (GB/T 28181 reads no position back) is verified by the camera's
picture against its reference picture at home (console/ptz/picture.py, home_picture.py):

- the comparison, on a labelled set of real decoded frames — the loopback RTSP server's PTZ
  mount (a window onto a panorama, its clock burned in) decoded by PyAV as the centre grabs
  it: at home a minute apart, with cars in the street, at dusk, in fog; at another preset;
  moved a little by pan, tilt or zoom;
- the decision, table-driven: verified by picture / not at home / commanded, not verified
  (no reference, no picture) — never plain "verified";
- end to end through the centre's sweeper: the WVP peer's preset calls really move the
  picture; no reference → commanded, not verified; the reference recorded on the centre
  (the camera sent home first, audited) → verified by picture; a dome whose preset recall
  fails → not at home, retried, and after the quick retries a fault in the PTZ fault list."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select, update

from console.admin.validation import AdminError
from console.audit.writer import Actor
from console.clock import SystemClock
from console.codes import Action, Outcome, Reason, Role, ShareType
from console.demo.rtsp_spec import RtspServerProcess
from console.diagnosis.grab import grab_frame
from console.grants.service import Grantee, GrantService, Scope
from console.passwords import PasswordHashing
from console.platforms.wvp import WvpAccount, WvpClient
from console.ptz.gb28181_driver import GbPtzDriver
from console.ptz.homing import resolve_home, send_home
from console.ptz.model import PictureMatch
from console.ptz.picture import compare, encode_reference, judge_picture, small_grey
from console.ptz.rules import PictureVerdict, ReturnResult, judge_by_picture
from console.server.host import CentreWork
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, PtzHomePicture, PtzSession
from tests.conftest import INSTALLER, PASSWORD, T42, World, _clear_must_change, seed_world
from tests.support.centre import CentreHarness
from tests.support.cli import ADMINISTRATOR, SUPERVISOR, CentreCli
from tests.support.ptz_dome import (
    CROSSING,
    DOME,
    FAR,
    HOME,
    NVR,
    dome_media_fixture,
    panorama_fixture,
    wvp_fixture,
)
from tests.support.wvp_peer import WvpPeer

__all__ = ["dome_media_fixture", "panorama_fixture", "wvp_fixture"]   # the fixtures used

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)


# -- the labelled set ---------------------------------------------------------------------


class PtzCamera:
    def __init__(self, state: Path, url: str) -> None:
        self.state, self.url = state, url

    def at(self, position: tuple[float, float, float]) -> np.ndarray:
        tmp = self.state.with_name(".state.tmp")
        tmp.write_text(json.dumps(dict(zip(("pan", "tilt", "zoom"), position, strict=True))))
        tmp.replace(self.state)
        time.sleep(0.6)                  # the server polls the state every 40 ms
        frame = grab_frame(self.url)
        assert frame is not None
        return frame


def _street(frame: np.ndarray, seed: int) -> np.ndarray:
    """The same view with six vehicles in the lower half and the light a little lower."""
    rng = np.random.default_rng(seed)
    picture = frame.astype(np.float32) * 0.85 + 8
    height, width = picture.shape[:2]
    for _ in range(6):
        x, y = int(rng.integers(0, width - 60)), int(rng.integers(height // 2, height - 30))
        picture[y:y + 25, x:x + 55] = rng.integers(0, 255, 3)
    return np.clip(picture, 0, 255).astype(np.uint8)


def _dusk(frame: np.ndarray) -> np.ndarray:
    return (frame.astype(np.float32) * 0.3).astype(np.uint8)


def _fog(frame: np.ndarray) -> np.ndarray:
    import cv2

    hazy = (frame.astype(np.float32) * 0.4 + 140).astype(np.uint8)
    return np.asarray(cv2.GaussianBlur(hazy, (0, 0), 3), dtype=np.uint8)


@pytest.fixture(scope="module")
def labelled(dome_media: tuple[Path, RtspServerProcess]) -> dict[str, np.ndarray]:
    state, server = dome_media
    camera = PtzCamera(state, server.url("/rtp"))
    frames = {"reference": camera.at(HOME)}
    for name, position in (("preset 2", CROSSING), ("preset 4", FAR),
                           ("pan +0.05", (0.05, 0.0, 0.0)), ("pan -0.03", (-0.03, 0.0, 0.0)),
                           ("tilt +0.08", (0.0, 0.08, 0.0)), ("zoom 0.1", (0.0, 0.0, 0.1)),
                           ("pan +0.01", (0.01, 0.0, 0.0))):
        frames[name] = camera.at(position)
    time.sleep(1.0)                      # the burned-in clock moves on
    frames["home later"] = camera.at(HOME)
    frames["home, street"] = _street(frames["home later"], 1)
    frames["home, more street"] = _street(frames["home later"], 2)
    frames["home, dusk"] = _dusk(frames["home later"])
    frames["home, fog"] = _fog(frames["home later"])
    return frames


LABELS = [
    ("home later", PictureVerdict.AT_HOME),
    ("home, street", PictureVerdict.AT_HOME),
    ("home, more street", PictureVerdict.AT_HOME),
    ("home, dusk", PictureVerdict.AT_HOME),
    ("home, fog", PictureVerdict.AT_HOME),
    ("pan +0.01", PictureVerdict.AT_HOME),       # 0.5 % of the width: a preset's own error
    ("preset 2", PictureVerdict.NOT_AT_HOME),
    ("preset 4", PictureVerdict.NOT_AT_HOME),
    ("pan +0.05", PictureVerdict.NOT_AT_HOME),   # 2.5 % of the width
    ("pan -0.03", PictureVerdict.NOT_AT_HOME),   # 1.5 %
    ("tilt +0.08", PictureVerdict.NOT_AT_HOME),
    ("zoom 0.1", PictureVerdict.NOT_AT_HOME),    # 1.3 × magnified, centre kept
]


@pytest.mark.parametrize(("name", "expected"), LABELS)
def test_the_comparison_on_the_labelled_set(labelled: dict[str, np.ndarray], name: str,
                                            expected: PictureVerdict) -> None:
    reference = small_grey(labelled["reference"])
    match = compare(reference, labelled[name])
    assert match.verdict == expected, match


def test_a_stored_reference_is_small_grey_and_compares_the_same(
        labelled: dict[str, np.ndarray]) -> None:
    stored = encode_reference(labelled["reference"])
    assert len(stored) < 200_000
    assert judge_picture(stored, labelled["home later"]).verdict == PictureVerdict.AT_HOME
    assert judge_picture(stored, labelled["preset 2"]).verdict == PictureVerdict.NOT_AT_HOME


# -- the decision ---------------------------------------------------------------------------


@pytest.mark.parametrize(("verdict", "result"), [
    (PictureVerdict.AT_HOME, ReturnResult.VERIFIED_PICTURE),
    (PictureVerdict.NOT_AT_HOME, ReturnResult.FAILED),
    (PictureVerdict.NO_REFERENCE, ReturnResult.UNVERIFIED),
    (PictureVerdict.NO_PICTURE, ReturnResult.UNVERIFIED),
])
def test_the_decision_by_picture_is_never_plain_verified(verdict: PictureVerdict,
                                                         result: ReturnResult) -> None:
    assert judge_by_picture(verdict) == result != ReturnResult.VERIFIED


def test_no_reference_or_no_picture_is_said_as_such() -> None:
    frame = np.zeros((360, 640, 3), np.uint8)
    assert judge_picture(None, frame).verdict == PictureVerdict.NO_REFERENCE
    assert judge_picture(b"not a png", frame).verdict == PictureVerdict.NO_REFERENCE
    assert judge_picture(encode_reference(frame), None).verdict == PictureVerdict.NO_PICTURE


def _match(verdict: PictureVerdict) -> PictureMatch:
    return PictureMatch(verdict, 0.0, 0.0, 1.0, 0.9 if verdict == PictureVerdict.AT_HOME
                        else 0.2)


@pytest.mark.parametrize(("seen", "result", "checks", "detail"), [
    ([PictureVerdict.AT_HOME], ReturnResult.VERIFIED_PICTURE, 1, "matches"),
    # still travelling at the first look, home at the third
    ([PictureVerdict.NOT_AT_HOME, PictureVerdict.NOT_AT_HOME, PictureVerdict.AT_HOME],
     ReturnResult.VERIFIED_PICTURE, 3, "matches"),
    ([PictureVerdict.NOT_AT_HOME] * 9, ReturnResult.FAILED, 6, "does not match"),
    ([PictureVerdict.NO_REFERENCE], ReturnResult.UNVERIFIED, 1, "commanded, not verified"),
    ([PictureVerdict.NO_PICTURE], ReturnResult.UNVERIFIED, 1, "commanded, not verified"),
])
def test_send_home_through_wvp_waits_for_the_picture(wvp: WvpPeer, seen: list[PictureVerdict],
                                                     result: ReturnResult, checks: int,
                                                     detail: str) -> None:
    """Table-driven, the real driver against the peer; the clock is the test's."""
    driver = GbPtzDriver(WvpClient(WvpAccount(wvp.url, wvp.username, wvp.password)),
                         NVR, DOME, home_preset=1)
    answers = iter(seen)
    asked: list[PictureVerdict] = []
    now = [0.0]

    def check() -> PictureMatch:
        asked.append(next(answers))
        return _match(asked[-1])

    def sleep(seconds: float) -> None:
        now[0] += seconds

    attempt = send_home(driver, resolve_home(driver, 1), picture_check=check, sleep=sleep,
                        monotonic=lambda: now[0], travel_timeout_s=10.0)
    assert attempt.result == result
    assert len(asked) == checks
    assert detail in attempt.detail
    assert attempt.picture is not None and attempt.picture.verdict == asked[-1]
    assert wvp.ptz[-1][:2] == ("preset/call", DOME)


# -- end to end through the centre ----------------------------------------------------------


def _platform_dome(world: World, harness: CentreHarness, wvp: WvpPeer,
                   dome_media: tuple[Path, RtspServerProcess]) -> None:
    """The centre synced from the platform: the dome in its catalogue (home preset 1),
    zhangsan granted PTZ on it; the dome's picture served by the media server."""
    state, media = dome_media
    wvp.pictures[DOME] = state
    wvp.media_url = lambda d, c: media.url("/rtp")
    wvp.move_to(DOME, HOME)
    harness.centre.platform.set_platform(INSTALLER, wvp.url, wvp.username, wvp.password,
                                         "CENTRE")
    harness.centre.platform.sync(INSTALLER)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == DOME).values(
            share_type=str(ShareType.CONDITIONAL), home_preset=1))
        address = s.execute(select(Camera.ptz_address).where(
            Camera.code == DOME)).scalar_one()
    assert address == f"gb28181://{NVR}/{DOME}"
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="zhangsan"), Scope("camera", DOME), ["live", "ptz"],
        valid_from=now - timedelta(minutes=1), valid_to=now + timedelta(hours=1),
        purpose="交通疏导", approver="周主任", reference="JT-13")
    _clear_must_change(world.db, "zhangsan")


@pytest.fixture
def centre(db: Database, hashing: PasswordHashing, wvp: WvpPeer, tmp_path: Path,
           dome_media: tuple[Path, RtspServerProcess]) -> Iterator[tuple[World, CentreHarness]]:
    world = seed_world(db, SystemClock(), hashing)  # type: ignore[arg-type]
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    try:
        _platform_dome(world, harness, wvp, dome_media)
        yield world, harness
    finally:
        harness.close()


def _lost_console_away_from_home(world: World, harness: CentreHarness, wvp: WvpPeer,
                                 preset: int) -> int:
    """zhangsan steers the dome to ``preset`` through the platform; his console then
    goes silent (its lease stops beating): the sweep owes a return."""
    login = world.auth(T42).login("zhangsan", PASSWORD)
    assert login.ok and login.session is not None, login
    taken = harness.centre.ptz.take(login.session.session_id, DOME, tile="t1")
    assert taken.ok and taken.lease is not None, taken
    GbPtzDriver(WvpClient(WvpAccount(wvp.url, wvp.username, wvp.password)), NVR, DOME) \
        .goto_preset(str(preset))
    with world.db.transaction() as s:
        s.execute(update(PtzSession).where(PtzSession.id == taken.lease.id).values(
            heartbeat_at=world.clock.now() - timedelta(seconds=60)))
    return taken.lease.id


def _returns(world: World) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(
            AuditRecord.action == str(Action.PTZ_RETURN)).order_by(AuditRecord.seq))
            .scalars())


def test_the_centre_s_sweeper_verifies_a_wvp_return_by_picture(
        centre: tuple[World, CentreHarness], wvp: WvpPeer) -> None:
    world, harness = centre
    work = CentreWork.build(harness.centre)
    sweeper = work.sweeper

    # 1. no reference yet: sent home, commanded, not verified
    session = _lost_console_away_from_home(world, harness, wvp, 2)
    assert wvp.positions[DOME] == CROSSING
    assert [j.session for j in sweeper.sweep_once()] == [session]
    sweeper.wait_returns(30)
    assert wvp.positions[DOME] == HOME
    record = _returns(world)[-1]
    params = json.loads(record.params)
    assert record.outcome == str(Outcome.OK)
    assert params["result"] == "unverified" and params["verified_by"] is None
    assert "commanded, not verified" in params["detail"]
    assert params["picture"]["verdict"] == "no_reference"

    # 2. an operator (not an administrator) may not record the reference; the installer does
    with pytest.raises(AdminError):
        harness.centre.home_pictures.record(
            Actor(account="zhangsan", role=Role.DUTY_OFFICER, user_id=1), DOME)
    wvp.move_to(DOME, FAR)                               # wherever it is, it goes home first
    harness.centre.home_pictures.settle_s = 1.0
    info = harness.centre.home_pictures.record(INSTALLER, DOME)
    assert wvp.positions[DOME] == HOME and info.home == "1" and info.width == 320
    with world.db.transaction() as s:
        kept = s.execute(select(PtzHomePicture)).scalars().all()
        recorded = s.execute(select(AuditRecord.outcome).where(
            AuditRecord.action == str(Action.PTZ_HOME_PICTURE)).order_by(AuditRecord.seq)
        ).scalars().all()
    assert len(kept) == 1 and kept[0].picture.startswith(b"\x89PNG")
    assert recorded == [str(Outcome.DENIED), str(Outcome.OK)]

    # 3. with the reference: verified by picture
    session = _lost_console_away_from_home(world, harness, wvp, 2)
    assert [j.session for j in sweeper.sweep_once()] == [session]
    sweeper.wait_returns(30)
    record = _returns(world)[-1]
    params = json.loads(record.params)
    assert (params["result"], params["verified_by"]) == ("verified_picture", "picture")
    assert params["picture"]["verdict"] == "at_home"
    with world.db.transaction() as s:
        row = s.get_one(PtzSession, session)
        assert (row.state, row.return_result) == ("closed", "verified_picture")


def test_a_dome_that_stays_away_is_not_at_home_and_becomes_a_fault(
        centre: tuple[World, CentreHarness], wvp: WvpPeer) -> None:
    world, harness = centre
    harness.centre.home_pictures.settle_s = 1.0
    harness.centre.home_pictures.record(INSTALLER, DOME)
    session = _lost_console_away_from_home(world, harness, wvp, 4)
    wvp.stuck.add(DOME)                        # preset recall acknowledged, the dome stays
    service = harness.centre.ptz
    jobs = service.sweep("test-sweep")
    assert [j.session for j in jobs] == [session]
    job = jobs[0]
    driver = GbPtzDriver(WvpClient(WvpAccount(wvp.url, wvp.username, wvp.password)),
                         NVR, DOME, home_preset=1)
    home = resolve_home(driver, 1)
    for _ in range(4):                         # the first attempt and the three quick retries
        attempt = send_home(driver, home, travel_timeout_s=1.0, picture_settle_s=0.5,
                            picture_poll_s=0.5,
                            picture_check=lambda: harness.centre.home_pictures.check(job))
        assert attempt.result == ReturnResult.FAILED and attempt.picture is not None
        assert attempt.picture.verdict == PictureVerdict.NOT_AT_HOME
        service.return_attempted(job, attempt.result, None, attempt.detail, home,
                                 picture=attempt.picture)
    assert wvp.positions[DOME] == FAR
    with world.db.transaction() as s:
        refused = s.execute(select(AuditRecord.action, AuditRecord.reason).where(
            AuditRecord.outcome == str(Outcome.DENIED),
            AuditRecord.action.in_((str(Action.PTZ_RETURN), str(Action.PTZ_RETURN_FAULT))))
        ).all()
    assert {reason for _, reason in refused} == {str(Reason.PTZ_NOT_AT_HOME)}
    assert str(Action.PTZ_RETURN_FAULT) in {action for action, _ in refused}
    faults = service.sessions(faults_only=True)
    assert [(f.id, f.return_result) for f in faults] == [(session, "not_at_home")]


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_main_py_records_the_reference_through_the_centre(
        db: Database, hashing: PasswordHashing, wvp: WvpPeer, tmp_path: Path,
        dome_media: tuple[Path, RtspServerProcess]) -> None:
    world = seed_world(db, SystemClock(), hashing)  # type: ignore[arg-type]
    cli = CentreCli.start(world, tmp_path)
    try:
        _platform_dome(world, cli.harness, wvp, dome_media)
        cli.harness.centre.home_pictures.settle_s = 1.0
        refused = cli("ptz", "home-picture", DOME, login=SUPERVISOR)
        assert refused.code == 1 and len(refused.err_lines) == 1, refused.err
        assert refused.err_lines == [f"error: actor: {SUPERVISOR} may not record a camera's "
                                     "picture at home"]
        wvp.move_to(DOME, CROSSING)
        run = cli("ptz", "home-picture", DOME)
        assert run.code == 0, run.err
        assert run.out.startswith(f"reference picture at home recorded for {DOME} "
                                  "(preset 1, 320×180,")
        assert wvp.positions[DOME] == HOME
        records = cli.records(str(Action.PTZ_HOME_PICTURE))
        assert [(r.actor, r.outcome, r.reason) for r in records] == [
            (SUPERVISOR, str(Outcome.DENIED), str(Reason.NOT_PERMITTED)),
            (ADMINISTRATOR, str(Outcome.OK), str(Reason.OK))]
        record = records[-1]
        assert json.loads(record.params)["home"] == "1"
        # the administrator reads when and by whom; the picture itself never leaves
        info = cli.harness.centre.home_pictures.info(DOME)
        assert info is not None and info.taken_by == ADMINISTRATOR
        unknown = cli("ptz", "home-picture", "32050801011328009999")
        assert unknown.code == 1
        assert unknown.err_lines == ["error: code: unknown camera 32050801011328009999"]
    finally:
        cli.stop()
