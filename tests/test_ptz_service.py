"""PTZ sessions in the shared database (run on SQLite and on a real PostgreSQL server):
one controller per camera, priority takeover and the loser told why, the end of control,
the return recorded with its verified position, faults, and the sweeps that recover a lost
console's camera exactly once."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from console.audit.verify import verify_trail
from console.codes import Action, Outcome, Reason
from console.grants.service import Grantee, GrantService, Scope
from console.identity import TerminalIdentity
from console.ptz.driver import PtzPosition
from console.ptz.homing import perform_return
from console.ptz.rules import ReturnResult
from console.ptz.service import PtzService, TakeResult
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, PtzSession
from tests.conftest import INSTALLER, PASSWORD, T42, T43, World, _clear_must_change
from tests.support.catalog import COND, UNCOND, add_cameras
from tests.support.ptz import ScriptedDriver

ADDRESS = "onvif://127.0.0.1:18080"


@pytest.fixture
def ptz(world: World) -> PtzService:
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).values(ptz_address=ADDRESS))
    return PtzService(world.db, world.clock)


def login(world: World, account: str, where: TerminalIdentity) -> str:
    _clear_must_change(world.db, account)
    result = world.auth(where).login(account, PASSWORD)
    assert result.ok, result
    return result.session.session_id  # type: ignore[union-attr]


def give_ptz(world: World, account: str, code: str = COND, *, emergency: bool = False) -> int:
    grants = GrantService(world.db, world.clock)
    now = world.clock.now()
    if emergency:
        return grants.issue_emergency(INSTALLER, Grantee(user=account), Scope("camera", code),
                                      ["live", "ptz"], reason="火情处置")
    return grants.issue(INSTALLER, Grantee(user=account), Scope("camera", code), ["live", "ptz"],
                     now - timedelta(hours=1), now + timedelta(hours=4), purpose="交通疏导",
                     approver="周主任", reference="JT-1")


def audit(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


def rows(world: World) -> list[PtzSession]:
    with world.db.transaction() as s:
        return list(s.execute(select(PtzSession).order_by(PtzSession.id)).scalars())


def test_take_needs_the_ptz_right_a_steerable_camera_and_a_live_session(
        world: World, ptz: PtzService) -> None:
    me = login(world, "zhangsan", T42)
    assert ptz.take(me, COND).reason == Reason.NO_GRANT
    assert ptz.take(me, UNCOND).reason == Reason.NO_GRANT  # share type never gives PTZ
    assert ptz.take(me, "32050801001399999999").reason == Reason.UNKNOWN_CAMERA
    give_ptz(world, "zhangsan")
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(ptz_address=""))
    assert ptz.take(me, COND).reason == Reason.NOT_STEERABLE
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(ptz_address=ADDRESS))
    result = ptz.take(me, COND, tile="desk:3")
    assert result.ok and result.lease is not None
    assert result.lease.priority.level == 10
    denied = [r for r in audit(world, Action.PTZ_START) if r.outcome == Outcome.DENIED]
    assert [r.reason for r in denied] == [Reason.NO_GRANT, Reason.NO_GRANT,
                                          Reason.UNKNOWN_CAMERA, Reason.NOT_STEERABLE]
    started = [r for r in audit(world, Action.PTZ_START) if r.outcome == Outcome.OK]
    params = json.loads(started[0].params)
    assert params["basis"] == "grant" and params["approver"] == "周主任"
    assert params["tile"] == "desk:3"
    world.auth(T42).logout(me)
    assert ptz.take(me, COND).reason == Reason.SESSION_ENDED


def test_one_controller_per_camera_priority_takes_over_and_the_loser_is_told(
        world: World, ptz: PtzService) -> None:
    duty = login(world, "zhangsan", T42)        # duty officer, ordinary grant: 10
    wall = login(world, "lisi", T43)            # wall operator, ordinary grant: 10
    for account in ("zhangsan", "lisi", "wangwu"):
        give_ptz(world, account)
    first = ptz.take(duty, COND)
    assert first.ok and first.lease is not None
    refused = ptz.take(wall, COND)
    assert (refused.ok, refused.reason, refused.holder) == (False, Reason.PTZ_HELD, "张三")
    assert ptz.holder(COND) == "张三"
    # the supervisor (50) takes over; the duty officer's next beat says so, and by whom
    world.auth(T43).logout(wall)
    supervisor = login(world, "wangwu", T43)
    taken = ptz.take(supervisor, COND)
    assert taken.ok and taken.took_from == "张三" and taken.lease is not None
    beat = ptz.heartbeat(first.lease)
    assert (beat.alive, beat.reason, beat.by) == (False, Reason.PTZ_TAKEN_OVER, "王五")
    assert ptz.end(first.lease, Reason.PTZ_RELEASED) is None  # not the loser's to send home
    # an emergency grant (100) outranks the supervisor
    world.auth(T42).logout(duty)
    wall = login(world, "lisi", T42)
    give_ptz(world, "lisi", emergency=True)
    urgent = ptz.take(wall, COND)
    assert urgent.ok and urgent.took_from == "王五"
    assert urgent.lease is not None and urgent.lease.priority.level == 100
    assert ptz.heartbeat(taken.lease).reason == Reason.PTZ_TAKEN_OVER
    states = [(r.actor, r.state, r.end_reason, r.lock_camera_id is not None)
              for r in rows(world)]
    assert states == [("zhangsan", "closed", Reason.PTZ_TAKEN_OVER, False),
                      ("wangwu", "closed", Reason.PTZ_TAKEN_OVER, False),
                      ("lisi", "active", None, True)]
    takeovers = [json.loads(r.params) for r in audit(world, Action.PTZ_TAKEOVER)]
    assert [(t["from"], t["priority"]) for t in takeovers] == [("zhangsan", 50),
                                                               ("wangwu", 100)]


def test_the_same_operator_moves_control_without_a_return(world: World,
                                                          ptz: PtzService) -> None:
    me = login(world, "zhangsan", T42)
    give_ptz(world, "zhangsan")
    first = ptz.take(me, COND, tile="desk:1")
    second = ptz.take(me, COND, tile="desk:2")
    assert first.lease and second.lease and first.lease.id != second.lease.id
    assert ptz.heartbeat(first.lease).reason == Reason.PTZ_MOVED_ELSEWHERE
    assert ptz.heartbeat(second.lease).alive


def test_end_returns_home_verified_and_frees_the_camera(world: World, ptz: PtzService) -> None:
    me = login(world, "zhangsan", T42)
    give_ptz(world, "zhangsan")
    lease = ptz.take(me, COND).lease
    assert lease is not None
    driver = ScriptedDriver()
    driver.position = PtzPosition(0.5, 0.1, 0.2)
    ptz.heartbeat(lease, moves=3)
    job = ptz.end(lease, Reason.PTZ_RELEASED)
    assert job is not None
    other = login(world, "lisi", T43)
    give_ptz(world, "lisi", emergency=True)
    assert ptz.take(other, COND).reason == Reason.PTZ_RETURNING
    attempt = perform_return(ptz, job, lambda _job: driver, sleep=lambda _s: None)
    assert attempt.result == ReturnResult.VERIFIED
    assert driver.kinds()[:3] == ["presets", "stop", "goto"] and ("goto", "1") in driver.calls
    row = rows(world)[0]
    assert (row.state, row.return_result, row.lock_camera_id) == ("closed", "verified", None)
    assert json.loads(row.return_position or "") == {"pan": 0.0, "tilt": 0.0, "zoom": 0.0}
    end = json.loads(audit(world, Action.PTZ_END)[0].params)
    assert end["moves"] == 3
    ret = audit(world, Action.PTZ_RETURN)[0]
    assert ret.outcome == Outcome.OK and json.loads(ret.params)["result"] == "verified"
    assert ptz.take(other, COND).ok


def test_a_return_that_does_not_verify_is_retried_then_a_fault_then_retried_by_sweeps(
        world: World, ptz: PtzService) -> None:
    me = login(world, "zhangsan", T42)
    give_ptz(world, "zhangsan")
    lease = ptz.take(me, COND).lease
    assert lease is not None
    driver = ScriptedDriver(ignore_goto=True)
    driver.position = PtzPosition(0.5, 0.1, 0.2)
    job = ptz.end(lease, Reason.PTZ_IDLE)
    assert job is not None

    def sleep(seconds: float) -> None:
        world.clock.advance(timedelta(seconds=seconds))

    attempt = perform_return(ptz, job, lambda _job: driver, sleep=sleep,
                             travel_timeout_s=0)
    assert attempt.result == ReturnResult.FAILED
    returns = audit(world, Action.PTZ_RETURN)
    assert [r.outcome for r in returns] == [Outcome.DENIED] * 4  # first try + 3 quick retries
    fault = audit(world, Action.PTZ_RETURN_FAULT)
    assert len(fault) == 1 and json.loads(fault[0].params)["position"]["pan"] == 0.5
    row = rows(world)[0]
    assert (row.state, row.lock_camera_id) == ("failed", None)
    assert [v.camera_code for v in ptz.sessions(faults_only=True)] == [COND]
    # not due yet; due after the slow retry interval, then one sweep claims it
    assert ptz.sweep("T-0043#a") == []
    world.clock.advance(timedelta(seconds=301))
    jobs = ptz.sweep("T-0043#a")
    assert [j.camera.code for j in jobs] == [COND]
    driver.ignore_goto = False
    assert perform_return(ptz, jobs[0], lambda _job: driver,
                          sleep=sleep).result == ReturnResult.VERIFIED
    assert json.loads(audit(world, Action.PTZ_RETURN)[-1].params)["after_fault"] is True
    assert rows(world)[0].state == "closed"


def test_a_lost_console_is_swept_exactly_once(world: World, ptz: PtzService) -> None:
    me = login(world, "zhangsan", T42)
    give_ptz(world, "zhangsan")
    lease = ptz.take(me, COND).lease
    assert lease is not None
    assert ptz.sweep("A") == [] and ptz.sweep("B") == []   # beating recently: not stale
    world.clock.advance(timedelta(seconds=ptz.policy().ptz_stale_seconds))
    first, second = ptz.sweep("A"), ptz.sweep("B")
    assert [j.claimer for j in first] == ["A"] and second == []
    assert ptz.heartbeat(lease).reason == Reason.PTZ_CONSOLE_LOST
    end = audit(world, Action.PTZ_END)
    assert [r.reason for r in end] == [Reason.PTZ_CONSOLE_LOST]
    recover = json.loads(audit(world, Action.PTZ_RECOVER)[0].params)
    assert recover["controller"] == "zhangsan" and recover["state_was"] == "active"
    # the claimer beats while it works; if it dies too, another console claims the return
    assert ptz.keep_claim(first[0]) and not ptz.keep_claim(
        type(first[0])(first[0].session, first[0].camera, None, 0, "B"))
    world.clock.advance(timedelta(seconds=ptz.policy().ptz_stale_seconds))
    again = ptz.sweep("B")
    assert [j.claimer for j in again] == ["B"]
    assert not ptz.keep_claim(first[0])


def test_losing_the_grant_ends_control(world: World, ptz: PtzService) -> None:
    me = login(world, "zhangsan", T42)
    grant = give_ptz(world, "zhangsan")
    lease = ptz.take(me, COND).lease
    assert lease is not None
    GrantService(world.db, world.clock).revoke(INSTALLER, grant, reason="任务结束")
    beat = ptz.heartbeat(lease)
    assert (beat.alive, beat.reason) == (False, Reason.GRANT_REVOKED)
    world.auth(T42).logout(me)


def test_two_consoles_racing_for_one_camera_exactly_one_controls(world: World,
                                                                 ptz: PtzService) -> None:
    """Two consoles (each its own connection pool) press PTZ at the same moment, five
    times over; on PostgreSQL this is the real contention between workstations."""
    duty = login(world, "zhangsan", T42)
    wall = login(world, "lisi", T43)
    give_ptz(world, "zhangsan")
    give_ptz(world, "lisi")
    other_db = Database(world.db.url.render_as_string(hide_password=False))
    other = PtzService(other_db, world.clock)
    try:
        for _ in range(5):
            barrier = threading.Barrier(2)

            def attempt(pair: tuple[PtzService, str],
                        barrier: threading.Barrier = barrier) -> TakeResult:
                service, session_id = pair
                barrier.wait()
                return service.take(session_id, COND)

            with ThreadPoolExecutor(2) as pool:
                results = list(pool.map(attempt, [(ptz, duty), (other, wall)]))
            winners = [r for r in results if r.ok]
            losers = [r for r in results if not r.ok]
            assert len(winners) == 1, results
            assert losers[0].reason == Reason.PTZ_HELD
            with world.db.transaction() as s:
                locks = s.execute(select(PtzSession).where(
                    PtzSession.lock_camera_id.is_not(None))).scalars().all()
            assert len(locks) == 1
            assert winners[0].lease is not None
            assert ptz.end(winners[0].lease, Reason.PTZ_RELEASED) is not None
            with world.db.transaction() as s:
                s.execute(update(PtzSession).values(state="closed", lock_camera_id=None))
        with world.db.transaction() as s:
            assert verify_trail(s).ok
    finally:
        other_db.dispose()
