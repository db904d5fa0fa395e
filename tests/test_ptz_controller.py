"""One operator's control of a camera on its worker thread: commands reach the camera in
order (a stop never overtakes a move), a held move that is not confirmed is stopped by the
watchdog, moves carry the device timeout and are re-sent while held, idle control ends, a
takeover ends control without a return, and every other end sends the camera home."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from console.codes import Reason
from console.grants.service import Grantee, GrantService, Scope
from console.ptz.controller import CameraControl, EventKind, PtzEvent
from console.ptz.driver import PtzPosition, Velocity
from console.ptz.rules import ReturnResult
from console.ptz.service import PtzService
from console.storage.models import Camera
from tests.conftest import INSTALLER, T42, T43, World
from tests.support.catalog import COND, add_cameras
from tests.support.ptz import ScriptedDriver
from tests.test_ptz_service import login

RIGHT = Velocity(pan=0.5)
UP = Velocity(tilt=0.5)


class Events:
    def __init__(self) -> None:
        self.items: list[PtzEvent] = []
        self.cond = threading.Condition()

    def __call__(self, event: PtzEvent) -> None:
        with self.cond:
            self.items.append(event)
            self.cond.notify_all()

    def wait(self, kind: EventKind, timeout: float = 5.0) -> PtzEvent:
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for event in self.items:
                    if event.kind == kind:
                        return event
                left = deadline - time.monotonic()
                assert left > 0, f"no {kind} event; got {self.items}"
                self.cond.wait(left)


@pytest.fixture
def setup(sqlite_db, clock, hashing):  # type: ignore[no-untyped-def]
    from tests.conftest import seed_world

    world = seed_world(sqlite_db, clock, hashing)  # database times fixed; timing is real
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).values(ptz_address="onvif://127.0.0.1:18080"))
    now = world.clock.now()
    for account in ("zhangsan", "wangwu"):
        GrantService(world.db, world.clock).issue(
            INSTALLER, Grantee(user=account), Scope("camera", COND), ["live", "ptz"],
            now - timedelta(hours=1), now + timedelta(hours=4), purpose="疏导",
            approver="周主任", reference="JT-1")
    return world


def control(world: World, driver: ScriptedDriver, events: Events, *, idle_s: float = 60,
            heartbeat_s: float = 0.2, watchdog_s: float = 0.4,
            account: str = "zhangsan") -> CameraControl:
    service = PtzService(world.db, world.clock)
    session = login(world, account, T42 if account == "zhangsan" else T43)
    lease = service.take(session, COND).lease
    assert lease is not None
    ctl = CameraControl(service, lease, lambda _link: driver, events, heartbeat_s=heartbeat_s,
                        idle_s=idle_s, watchdog_s=watchdog_s, move_timeout_s=1.0,
                        refresh_s=0.15)
    ctl.start()
    events.wait(EventKind.READY)
    return ctl


def test_commands_stay_in_order_and_release_returns_home(setup: World) -> None:
    driver, events = ScriptedDriver(), Events()
    ctl = control(setup, driver, events)
    ready = events.wait(EventKind.READY)
    assert ready.home is not None and ready.home.token == "1"
    for _ in range(20):             # moves coalesce, but never jump the stop or the preset
        ctl.move(RIGHT)
    ctl.stop()
    ctl.move(UP)
    ctl.goto_preset("7", "桥面")
    ctl.release()
    returned = events.wait(EventKind.RETURNED)
    assert ctl.join(5)
    assert returned.result == ReturnResult.VERIFIED
    assert returned.position == PtzPosition(0.0, 0.0, 0.0)
    kinds = [k for k in driver.kinds() if k != "status"]
    assert kinds[:2] == ["presets", "move"]
    assert kinds.index("stop") < kinds.index("goto")
    first_stop = kinds.index("stop")
    assert "move" in kinds[first_stop:]  # UP after the stop, not merged before it
    assert ("goto", "7") in driver.calls and driver.calls.index(("goto", "7")) < \
        driver.calls.index(("goto", "1"))
    moves = [c for c in driver.calls if c[0] == "move"]
    assert all(c[2] == 1.0 for c in moves)  # each carries the device-side timeout
    assert len(moves) < 20


def test_a_move_without_keepalive_is_stopped_by_the_watchdog(setup: World) -> None:
    driver, events = ScriptedDriver(), Events()
    ctl = control(setup, driver, events, watchdog_s=0.4)
    ctl.move(RIGHT)
    time.sleep(0.2)
    assert driver.kinds()[-1] == "move"
    time.sleep(0.6)                 # nobody confirms the held button any more
    assert driver.kinds()[-1] == "stop"
    ctl.release()
    ctl.join(5)


def test_a_held_move_is_refreshed_while_confirmed(setup: World) -> None:
    driver, events = ScriptedDriver(), Events()
    ctl = control(setup, driver, events, watchdog_s=0.4)
    ctl.move(RIGHT)
    for _ in range(8):
        time.sleep(0.1)
        ctl.keepalive()
    moves = [c for c in driver.calls if c[0] == "move"]
    assert len(moves) >= 4          # re-sent every 0.15 s so the device timeout never fires
    assert "stop" not in driver.kinds()
    ctl.release()
    ctl.join(5)


def test_idle_control_ends_and_the_camera_goes_home(setup: World) -> None:
    driver, events = ScriptedDriver(), Events()
    ctl = control(setup, driver, events, idle_s=0.5)
    ctl.goto_preset("7")
    ended = events.wait(EventKind.ENDED, timeout=5)
    assert ended.reason == Reason.PTZ_IDLE
    assert events.wait(EventKind.RETURNED).result == ReturnResult.VERIFIED
    assert driver.position == PtzPosition(0.0, 0.0, 0.0)


def test_taken_over_control_ends_without_a_return(setup: World) -> None:
    driver, events = ScriptedDriver(), Events()
    ctl = control(setup, driver, events)
    ctl.goto_preset("7")
    time.sleep(0.1)
    supervisor = login(setup, "wangwu", T43)
    taken = PtzService(setup.db, setup.clock).take(supervisor, COND)
    assert taken.ok
    ended = events.wait(EventKind.ENDED)
    assert (ended.reason, ended.by) == (Reason.PTZ_TAKEN_OVER, "王五")
    assert ctl.join(5)
    assert ("goto", "1") not in driver.calls     # the taker steers it now
    assert driver.position == PtzPosition(0.5, 0.1, 0.2)


def test_an_unreachable_camera_ends_control_and_raises_the_return(setup: World) -> None:
    driver, events = ScriptedDriver(fail=True), Events()
    service = PtzService(setup.db, setup.clock)
    session = login(setup, "zhangsan", T42)
    lease = service.take(session, COND).lease
    assert lease is not None
    ctl = CameraControl(service, lease, lambda _link: driver, events, heartbeat_s=0.2,
                        idle_s=60, sleep=lambda s: setup.clock.advance(timedelta(seconds=s)))
    ctl.start()
    error = events.wait(EventKind.ERROR)
    assert "did not answer" in error.detail
    assert events.wait(EventKind.ENDED).reason == Reason.PTZ_CAMERA_ERROR
    returned = events.wait(EventKind.RETURNED)
    assert returned.result == ReturnResult.FAILED and "did not answer" in returned.detail
    assert ctl.join(5)
    faults = service.sessions(faults_only=True)
    assert [(f.camera_code, f.return_attempts) for f in faults] == [(COND, 4)]
