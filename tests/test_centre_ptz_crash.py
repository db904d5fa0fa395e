"""The PTZ guarantee on the centre (R10), with real processes and the real ONVIF dome on
loopback (ipycam):

- kill -9 the terminal while it steers the dome: the centre's watchdog stops the move at
  once (no keepalive comes), and once the terminal has been silent for ptz_stale_seconds the
  centre ends control (PTZ_CONSOLE_LOST) and sends the dome home, verified by its position —
  with every console dead;
- kill -9 the centre instance the terminal steers through while the dome turns: the dome
  stops by itself (the ONVIF Timeout nobody renews), the lease stops beating and another
  instance's sweep returns the dome home, verified; the terminal ends control itself once
  the centre has been unreachable for the stale time.

The camera's credentials are in the centre's secret store only; the terminal process holds
none."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from console.api.errors import Refused
from console.api.ptz_wire import KIND_PTZ_ELSEWHERE
from console.catalog.credentials import camera_secret_name
from console.clock import SystemClock
from console.codes import Action, Outcome, Reason
from console.grants.service import Grantee, GrantService, Scope
from console.identity import StaticIdentity
from console.passwords import PasswordHashing
from console.ptz.driver import Velocity
from console.ptz.model import EventKind
from console.remote.auth import RemoteAuth
from console.remote.client import CentreClient
from console.remote.ptz import RemotePtz
from console.secrets import SecretStore
from console.server.host import CentreWork
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, PtzSession
from tests.conftest import INSTALLER, PASSWORD, T42, World, _clear_must_change, seed_world
from tests.onvif_fixtures import OnvifPeer
from tests.support.catalog import COND, add_cameras
from tests.support.centre import CentreHarness
from tests.test_centre_ptz import Events

ROOT = Path(__file__).resolve().parents[1]
AT_HOME = 0.02


@pytest.fixture
def live(db: Database, hashing: PasswordHashing, onvif_peer: OnvifPeer,
         tmp_path: Path) -> Iterator[tuple[World, CentreHarness]]:
    """A world on the real clock, the dome in the catalogue with its credentials in the
    centre's secret store, fast PTZ timings, and a centre server with its scheduled work."""
    world = seed_world(db, SystemClock(), hashing)  # type: ignore[arg-type]
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(
            ptz_address=onvif_peer.address, has_credentials=True, home_preset=None))
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        INSTALLER, Grantee(user="zhangsan"), Scope("camera", COND), ["live", "ptz"],
        now - timedelta(hours=1), now + timedelta(hours=4), purpose="交通疏导",
        approver="周主任", reference="JT-1")
    for key, value in (("ptz_heartbeat_seconds", "1"), ("ptz_stale_seconds", "3"),
                       ("ptz_sweep_seconds", "2")):
        world.admin.set_policy(INSTALLER, key, value)
    _clear_must_change(world.db, "zhangsan")
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    assert onvif_peer.credentials is not None
    harness.centre.secrets.set(camera_secret_name(COND), onvif_peer.credentials.to_secret())
    work = CentreWork.build(harness.centre)
    work.start()
    yield world, harness
    work.stop()
    harness.centre.ptz_controls.close(wait_s=5)
    harness.stop()


def audit(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


def wait_for(world: World, action: Action, timeout: float = 15) -> list[AuditRecord]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = audit(world, action)
        if found:
            return found
        time.sleep(0.1)
    raise AssertionError(f"no {action} within {timeout} s")


def spawn(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", *args], cwd=ROOT, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})


def first_line(process: subprocess.Popen[str], starts: str) -> str:
    line = process.stdout.readline() if process.stdout else ""
    if not line.startswith(starts):
        process.kill()
        raise AssertionError((line, process.stderr.read() if process.stderr else ""))
    return line.split()[1]


def kill(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait(5)


def test_kill_9_the_terminal_steering_a_dome_and_the_centre_returns_it_home(
        live: tuple[World, CentreHarness], onvif_peer: OnvifPeer) -> None:
    world, centre = live
    files = centre.enrol_existing("T-0042", T42)
    terminal = spawn("tests.support.ptz_terminal", centre.url, str(files.root), T42.ip,
                     T42.mac, "zhangsan", PASSWORD, COND)
    try:
        lease = int(first_line(terminal, "moving"))
        onvif_peer.process.wait_state(onvif_peer.name, lambda st: st["moving"]
                                      and st["pan"] > 0.1)
        time.sleep(1.0)              # held past the watchdog: the keepalives keep it going
        assert onvif_peer.process.read_state(onvif_peer.name)["moving"]  # type: ignore[index]
        assert SecretStore().get(camera_secret_name(COND)) is None  # none on the terminal
        terminal.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        terminal.wait(5)
        # no keepalive any more: the centre stops the move within its watchdog
        stopped = onvif_peer.process.wait_state(onvif_peer.name, lambda st: not st["moving"],
                                                timeout_s=2.5)
        assert time.monotonic() - killed < 2.0
        assert stopped["pan"] > 0.1          # stopped where it was, not yet sent home
        # silent for ptz_stale_seconds: control ends and the dome goes home, verified
        home = onvif_peer.process.wait_state(
            onvif_peer.name, lambda st: abs(st["pan"]) < AT_HOME and abs(st["tilt"]) < AT_HOME
            and not st["moving"], timeout_s=15)
        home_after = time.monotonic() - killed
        returns = wait_for(world, Action.PTZ_RETURN)
    finally:
        kill(terminal)
    assert 3.0 <= home_after <= 3 + 1 + 5, home_after   # the stale time, then travel
    assert abs(home["zoom"]) < AT_HOME
    ends = audit(world, Action.PTZ_END)
    assert [(r.reason, r.actor) for r in ends] == [(Reason.PTZ_CONSOLE_LOST, "zhangsan")]
    assert len(returns) == 1                                # once, by the worker itself
    params = json.loads(returns[0].params)
    assert (returns[0].outcome, params["result"], params["ptz_session"]) == (
        Outcome.OK, "verified", lease)
    assert abs(params["position"]["pan"]) < AT_HOME and abs(params["position"]["tilt"]) < AT_HOME
    assert params["reason"] == Reason.PTZ_CONSOLE_LOST
    assert audit(world, Action.PTZ_RECOVER) == []           # no sweep was needed
    with world.db.transaction() as s:
        row = s.get(PtzSession, lease)
        assert row is not None and (row.state, row.return_result) == ("closed", "verified")


def test_kill_9_the_centre_instance_and_another_instance_returns_the_dome_home(
        live: tuple[World, CentreHarness], onvif_peer: OnvifPeer) -> None:
    world, centre = live
    url = world.db.url.render_as_string(hide_password=False)
    other = spawn("tests.support.centre_instance", str(centre.data.root), url, "centre-a")
    try:
        other_url = first_line(other, "serving")
        files = centre.enrol_existing("T-0042", T42)
        client = CentreClient(other_url, mac=T42.mac, cert=(files.cert, files.key),
                              ca=files.ca, source_ip=T42.ip)
        auth = RemoteAuth(client, StaticIdentity(T42.ip, T42.mac))
        session = auth.login("zhangsan", PASSWORD).session.session_id  # type: ignore[union-attr]
        ptz = RemotePtz(client)
        taken = ptz.take(session, COND, tile="crash")
        assert taken.ok and taken.lease is not None, taken
        events = Events()
        control = ptz.open_control(session, taken.lease, events, heartbeat_s=1, idle_s=60)
        control.start()
        events.wait(EventKind.READY, timeout=15)
        control.move(Velocity(pan=0.3, tilt=0.2))
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:       # the operator holds the key
            time.sleep(0.25)
            control.keepalive()
            state = onvif_peer.process.read_state(onvif_peer.name)
            if state is not None and state["moving"] and state["pan"] > 0.15:
                break
        # the lease's worker is in the other instance: this one refuses its commands clearly
        here = centre.client(files, source_ip=T42.ip, mac=T42.mac)
        token = client.token_of(session)
        assert token is not None
        here.remember(session, token)
        with pytest.raises(Refused) as elsewhere:
            here.post(f"/ptz/leases/{taken.lease.id}/stop", session=session, json={"seq": 99})
        assert (elsewhere.value.status, elsewhere.value.kind) == (409, KIND_PTZ_ELSEWHERE)
        assert "centre-a" not in elsewhere.value.message  # it names this instance
        other.send_signal(signal.SIGKILL)       # while the dome turns
        killed = time.monotonic()
        other.wait(5)
        # nobody re-sends the move: the dome stops by itself (ONVIF Timeout, 1 s)
        stopped = onvif_peer.process.wait_state(onvif_peer.name, lambda st: not st["moving"],
                                                timeout_s=3)
        assert time.monotonic() - killed < 2.0
        assert stopped["pan"] > 0.1
        home = onvif_peer.process.wait_state(
            onvif_peer.name, lambda st: abs(st["pan"]) < AT_HOME and not st["moving"],
            timeout_s=20)
        home_after = time.monotonic() - killed
        returns = wait_for(world, Action.PTZ_RETURN)
        ended = events.wait(EventKind.ENDED, timeout=15)   # the terminal gives up itself
    finally:
        kill(other)
    assert home_after <= 3 + 2 + 1 + 5, home_after   # stale, a sweep interval, travel
    assert abs(home["tilt"]) < AT_HOME
    assert ended.reason == Reason.CENTRE_UNREACHABLE
    recover = audit(world, Action.PTZ_RECOVER)
    assert [r.actor for r in recover] == ["console:test-centre"]
    assert [r.reason for r in audit(world, Action.PTZ_END)] == [Reason.PTZ_CONSOLE_LOST]
    assert len(returns) == 1
    assert json.loads(returns[0].params)["result"] == "verified"
