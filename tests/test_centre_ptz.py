"""PTZ control through the centre's API (R6, R7, R10), against a real centre server (HTTPS,
mutual TLS, terminals on 127.0.0.x) whose camera worker drives a scripted camera: taking
control, numbered commands applied in order (a late one ignored), the worker's events,
release and the verified return; every refusal a 4xx with a reason code (unknown lease,
another session's lease — registered —, no PTZ right, a duty officer listing sessions or
sweeping, malformed commands, a lease whose control ended or runs on another instance); a
terminal that falls silent loses control and the camera goes home; and the terminal's
``RemoteCameraControl`` relays the events to the desk as ``CameraControl`` did."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import select, update

from console.api.errors import Refused
from console.api.ptz_wire import KIND_PTZ_ELSEWHERE, KIND_PTZ_ENDED
from console.auth.results import Accepted
from console.codes import Action, Outcome, Reason
from console.identity import StaticIdentity, TerminalIdentity
from console.ptz.driver import PtzPosition, Velocity
from console.ptz.model import EventKind, PtzEvent
from console.ptz.rules import ReturnResult
from console.ptz.service import PtzService
from console.remote.auth import RemoteAuth
from console.remote.client import CentreClient
from console.remote.ptz import RemotePtz
from console.storage.models import AuditRecord, Camera, PtzSession
from tests.conftest import INSTALLER, PASSWORD, T42, T43, World, _clear_must_change
from tests.support.catalog import COND, add_cameras
from tests.support.centre import CentreHarness
from tests.support.ptz import HOME, ScriptedDriver
from tests.test_ptz_service import give_ptz

ADDRESS = "onvif://127.0.0.1:18080"


@dataclass
class Terminal:
    client: CentreClient
    session: str
    ptz: RemotePtz

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(path, session=self.session, json=body)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, session=self.session, params=params)


@dataclass
class Setup:
    centre: CentreHarness
    driver: ScriptedDriver
    world: World

    def terminal(self, name: str, identity: TerminalIdentity, account: str) -> Terminal:
        _clear_must_change(self.world.db, account)
        files = self.centre.enrol_existing(name, identity)
        client = self.centre.client(files, source_ip=identity.ip, mac=identity.mac)
        result = RemoteAuth(client, StaticIdentity(identity.ip, identity.mac)).login(
            account, PASSWORD)
        assert isinstance(result, Accepted), result
        return Terminal(client, result.session.session_id, RemotePtz(client))


@pytest.fixture
def setup(world: World, tmp_path: Path) -> Iterator[Setup]:
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(ptz_address=ADDRESS))
    give_ptz(world, "zhangsan")
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    driver = ScriptedDriver()
    harness.centre.ptz_controls.open_driver = lambda _link: driver
    yield Setup(harness, driver, world)
    harness.centre.ptz_controls.close(wait_s=5)
    harness.stop()


def records(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


def refusal(call: Any) -> Refused:
    with pytest.raises(Refused) as caught:
        call()
    return caught.value


def events_until(term: Terminal, lease: int, kind: EventKind, timeout: float = 10.0
                 ) -> list[dict[str, Any]]:
    seen: list[dict[str, Any]] = []
    after, deadline = 0, time.monotonic() + timeout
    while time.monotonic() < deadline:
        reply = term.get(f"/ptz/leases/{lease}/events", after=after, wait=1)
        seen += reply["events"]
        after = reply["next"]
        if any(e["kind"] == kind for e in seen) or not reply["running"]:
            return seen
    raise AssertionError(f"no {kind} event: {seen}")


def take(term: Terminal) -> int:
    answer = term.post("/ptz/take", {"code": COND, "tile": "desk:1"})
    assert answer["ok"] and answer["lease"]["camera"]["code"] == COND
    return int(answer["lease"]["id"])


def test_take_steer_and_release_through_the_centre(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    answer = me.post("/ptz/take", {"code": COND, "tile": "desk:1"})
    # nothing of the camera's access leaves the centre
    assert answer["lease"]["camera"]["address"] == ""
    assert answer["lease"]["camera"]["has_credentials"] is False
    lease = int(answer["lease"]["id"])
    ready = events_until(me, lease, EventKind.READY)
    assert [p["token"] for p in ready[-1]["presets"]] == ["1", "7"]
    assert me.ptz.holder(COND) == "张三"
    path = f"/ptz/leases/{lease}"
    assert me.post(f"{path}/move", {"seq": 1, "pan": 0.5}) == {"applied": True}
    assert me.client.post(f"{path}/keepalive", session=me.session) is None
    assert me.post(f"{path}/stop", {"seq": 3}) == {"applied": True}
    # a move that arrives after the stop sent after it is not applied
    assert me.post(f"{path}/move", {"seq": 2, "pan": 0.9}) == {"applied": False}
    assert me.post(f"{path}/preset", {"seq": 4, "token": "7", "name": "桥面"}) \
        == {"applied": True}
    assert me.post(f"{path}/release", {"seq": 5, "reason": "PTZ_VIEW_CLOSED"}) \
        == {"applied": True}
    seen = events_until(me, lease, EventKind.RETURNED)
    ended = next(e for e in seen if e["kind"] == EventKind.ENDED)
    returned = next(e for e in seen if e["kind"] == EventKind.RETURNED)
    assert ended["reason"] == Reason.PTZ_VIEW_CLOSED
    assert returned["result"] == ReturnResult.VERIFIED
    assert returned["position"] == {"pan": 0.0, "tilt": 0.0, "zoom": 0.0}
    velocities = [c[1] for c in setup.driver.calls if c[0] == "move"]
    assert velocities and all(v == Velocity(pan=0.5) for v in velocities)  # never 0.9
    kinds = [k for k in setup.driver.kinds() if k in ("move", "stop", "goto")]
    first_goto = kinds.index("goto")
    assert "stop" in kinds[:first_goto] and kinds[:first_goto][-1] == "stop"
    assert next(c for c in setup.driver.calls if c[0] == "goto") == ("goto", "7")
    assert json.loads(records(setup.world, Action.PTZ_PRESET)[-1].params)["preset"] == "7"
    # control has ended: another command is refused with why
    ended_refusal = refusal(lambda: me.post(f"{path}/move", {"seq": 6, "pan": 0.1}))
    assert (ended_refusal.status, ended_refusal.kind, ended_refusal.reason) == (
        409, KIND_PTZ_ENDED, Reason.PTZ_VIEW_CLOSED)
    assert me.ptz.holder(COND) is None


def test_refusals_are_4xx_with_a_reason(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    lease = take(me)
    for call in (lambda: me.post("/ptz/leases/999999/move", {"seq": 1, "pan": 0.1}),
                 lambda: me.get("/ptz/leases/999999/events")):
        unknown = refusal(call)
        assert (unknown.status, unknown.reason) == (404, Reason.NOT_FOUND)
    path = f"/ptz/leases/{lease}"
    for body, field in (({"seq": 1, "pan": 2.0}, "pan"),          # velocity out of -1..1
                        ({"seq": 1, "pan": 0.1, "speed": 1}, "speed"),  # unknown field
                        ({"pan": 0.1}, "seq")):                     # not numbered
        bad = refusal(lambda body=body: me.post(f"{path}/move", body))
        assert (bad.status, bad.reason, bad.field) == (400, Reason.INVALID_INPUT, field)
    # JSON that Python reads as NaN is no velocity either
    raw = me.client.http.post(
        f"{setup.centre.url}/api/v1{path}/move", data='{"seq": 1, "tilt": NaN}',
        headers={"Authorization": f"Bearer {me.client.token_of(me.session)}",
                 "X-Terminal-Mac": T42.mac, "Content-Type": "application/json"}, timeout=10)
    assert (raw.status_code, raw.json()["reason"], raw.json()["field"]) == (
        400, Reason.INVALID_INPUT, "tilt")
    # the centre decides these reasons itself
    bad = refusal(lambda: me.post(f"{path}/release", {"seq": 1, "reason": "PTZ_TAKEN_OVER"}))
    assert (bad.status, bad.field) == (400, "reason")
    # a duty officer may not list the sessions nor sweep
    listing = refusal(me.ptz.sessions)
    assert (listing.status, listing.reason) == (403, Reason.NOT_PERMITTED)
    sweeping = refusal(me.ptz.sweep)
    assert (sweeping.status, sweeping.reason) == (403, Reason.NOT_PERMITTED)
    # another session's lease: refused and registered (once a minute, however often tried)
    other = setup.terminal("T-0043", T43, "wangwu")
    for _ in range(3):
        foreign = refusal(lambda: other.post(f"{path}/move", {"seq": 9, "pan": 1.0}))
        assert (foreign.status, foreign.reason) == (403, Reason.NOT_PERMITTED)
    assert refusal(lambda: other.get(f"{path}/events")).status == 403
    assert refusal(lambda: other.post(f"{path}/release", {"seq": 9})).status == 403
    registered = [r for r in records(setup.world, Action.CALLER_REFUSED)
                  if r.target == f"ptz:{lease}"]
    assert len(registered) == 1
    assert (registered[0].actor, registered[0].outcome, registered[0].reason) == (
        "wangwu", Outcome.DENIED, Reason.NOT_PERMITTED)
    assert [m for m in setup.driver.calls if m[0] == "move"] == []
    # a supervisor lists them
    assert [(v.camera_code, v.actor, v.state) for v in other.ptz.sessions(open_only=True)] \
        == [(COND, "zhangsan", "active")]


def test_no_ptz_right_no_control(setup: Setup) -> None:
    lisi = setup.terminal("T-0042", T42, "lisi")
    result = lisi.ptz.take(lisi.session, COND)
    assert (result.ok, result.reason) == (False, Reason.NO_GRANT)
    raw = refusal(lambda: lisi.post("/ptz/take", {"code": COND}))
    assert (raw.status, raw.reason, raw.field) == (403, Reason.NO_GRANT, "code")
    denied = records(setup.world, Action.PTZ_START)
    assert [(r.actor, r.outcome, r.reason) for r in denied] == \
        [("lisi", Outcome.DENIED, Reason.NO_GRANT)] * 2
    assert refusal(lambda: lisi.post("/ptz/take", {"code": "nope"})).status == 404


def test_held_by_another_names_the_holder(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    take(me)
    give_ptz(setup.world, "lisi")
    lisi = setup.terminal("T-0043", T43, "lisi")
    result = lisi.ptz.take(lisi.session, COND)
    assert (result.ok, result.reason, result.holder) == (False, Reason.PTZ_HELD, "张三")


def test_a_lease_steered_through_another_instance_is_a_clear_409(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    # control taken through another instance: the lease is in the database, its worker not
    # in this process
    lease = PtzService(setup.world.db, setup.world.clock).take(me.session, COND).lease
    assert lease is not None
    elsewhere = refusal(lambda: me.post(f"/ptz/leases/{lease.id}/stop", {"seq": 1}))
    assert (elsewhere.status, elsewhere.kind) == (409, KIND_PTZ_ELSEWHERE)
    assert "test-centre" in elsewhere.message
    PtzService(setup.world.db, setup.world.clock).end(lease, Reason.PTZ_RELEASED)
    ended = refusal(lambda: me.post(f"/ptz/leases/{lease.id}/stop", {"seq": 1}))
    assert (ended.status, ended.kind, ended.reason) == (409, KIND_PTZ_ENDED,
                                                        Reason.PTZ_RELEASED)


def test_a_silent_terminal_loses_control_and_the_camera_goes_home(setup: Setup) -> None:
    for key, value in (("ptz_heartbeat_seconds", "1"), ("ptz_stale_seconds", "3")):
        setup.world.admin.set_policy(INSTALLER, key, value)
    me = setup.terminal("T-0042", T42, "zhangsan")
    lease = take(me)
    events_until(me, lease, EventKind.READY)
    me.post(f"/ptz/leases/{lease}/move", {"seq": 1, "pan": 1.0, "tilt": 0.5})
    time.sleep(0.3)
    started = time.monotonic()        # from here on the terminal says nothing
    deadline = started + 10
    while time.monotonic() < deadline and not records(setup.world, Action.PTZ_RETURN):
        time.sleep(0.1)
    assert 2.5 <= time.monotonic() - started <= 6
    assert [r.reason for r in records(setup.world, Action.PTZ_END)] == \
        [Reason.PTZ_CONSOLE_LOST]
    params = json.loads(records(setup.world, Action.PTZ_RETURN)[-1].params)
    assert params["result"] == "verified" and params["reason"] == Reason.PTZ_CONSOLE_LOST
    assert setup.driver.position == HOME
    # the watchdog stopped the move long before (no keepalive came)
    kinds = setup.driver.kinds()
    assert kinds.index("stop") < kinds.index("goto")
    # asking again now: the events say why it ended
    seen = events_until(me, lease, EventKind.RETURNED)
    assert next(e for e in seen if e["kind"] == EventKind.ENDED)["reason"] \
        == Reason.PTZ_CONSOLE_LOST


class Events(list[PtzEvent]):
    def __init__(self) -> None:
        super().__init__()
        self.cond = threading.Condition()

    def __call__(self, event: PtzEvent) -> None:
        with self.cond:
            self.append(event)
            self.cond.notify_all()

    def wait(self, kind: EventKind, timeout: float = 10) -> PtzEvent:
        deadline = time.monotonic() + timeout
        with self.cond:
            while not any(e.kind == kind for e in self):
                left = deadline - time.monotonic()
                assert left > 0, f"no {kind}: {list(self)}"
                self.cond.wait(left)
            return next(e for e in self if e.kind == kind)


def test_the_terminal_control_relays_the_worker_as_the_desk_expects(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    result = me.ptz.take(me.session, COND, tile="desk:1")
    assert result.ok and result.lease is not None
    events = Events()
    control = me.ptz.open_control(me.session, result.lease, events, heartbeat_s=1, idle_s=60)
    control.start()
    ready = events.wait(EventKind.READY)
    assert [p.token for p in ready.presets] == ["1", "7"]
    assert ready.home is not None and ready.home.token == "1"
    control.move(Velocity(pan=0.2))
    control.move(Velocity(pan=0.4))       # may replace the first while it waits
    control.stop()
    control.goto_preset("7", "桥面")
    control.release(Reason.PTZ_RELEASED)
    control.move(Velocity(pan=1.0))       # after the release: not sent
    returned = events.wait(EventKind.RETURNED)
    assert control.join(10)
    assert returned.result == ReturnResult.VERIFIED
    assert returned.position == PtzPosition(0.0, 0.0, 0.0)
    ended = next(e for e in events if e.kind == EventKind.ENDED)
    assert (ended.reason, ended.lease_id) == (Reason.PTZ_RELEASED, result.lease.id)
    calls = [c for c in setup.driver.calls if c[0] in ("move", "stop", "goto")]
    assert calls[0][0] == "move" and calls[0][1] in (Velocity(pan=0.2), Velocity(pan=0.4))
    assert Velocity(pan=1.0) not in [c[1] for c in calls if c[0] == "move"]
    order = [c[0] for c in calls]
    assert order.index("stop") < order.index("goto") and calls[order.index("goto")] \
        == ("goto", "7")
    with setup.world.db.transaction() as s:
        row = s.execute(select(PtzSession)).scalar_one()
        assert (row.state, row.end_reason, row.return_result) == (
            "closed", Reason.PTZ_RELEASED, "verified")


def test_the_terminal_control_ends_when_taken_over(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    setup.world.admin.set_policy(INSTALLER, "ptz_heartbeat_seconds", "1")
    result = me.ptz.take(me.session, COND)
    assert result.lease is not None
    events = Events()
    control = me.ptz.open_control(me.session, result.lease, events, heartbeat_s=1, idle_s=60)
    control.start()
    events.wait(EventKind.READY)
    give_ptz(setup.world, "wangwu")
    boss = setup.terminal("T-0043", T43, "wangwu")
    taken = boss.ptz.take(boss.session, COND)
    assert taken.ok and taken.took_from == "张三"
    ended = events.wait(EventKind.ENDED)
    assert (ended.reason, ended.by) == (Reason.PTZ_TAKEN_OVER, "王五")
    assert control.join(5)
    control.move(Velocity(pan=0.5))      # ended here: nothing is sent any more
    assert not any(e.kind == EventKind.RETURNED for e in events)  # not ours to send home


def test_the_schema_lists_the_ptz_endpoints(setup: Setup) -> None:
    schema = requests.get(f"{setup.centre.url}/api/v1/openapi.json",
                          verify=str(setup.centre.data.ca_cert), timeout=10).json()
    paths = set(schema["paths"])
    assert {"/api/v1/ptz/take", "/api/v1/ptz/leases/{lease_id}/move",
            "/api/v1/ptz/leases/{lease_id}/stop", "/api/v1/ptz/leases/{lease_id}/preset",
            "/api/v1/ptz/leases/{lease_id}/keepalive", "/api/v1/ptz/leases/{lease_id}/release",
            "/api/v1/ptz/leases/{lease_id}/events", "/api/v1/ptz/sessions",
            "/api/v1/ptz/cameras/{code}/holder", "/api/v1/ptz/sweep"} <= paths


def test_an_administrator_sweeps_by_hand(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    # a controller that stopped beating (its worker not in this instance): owed a return
    lease = PtzService(setup.world.db, setup.world.clock).take(me.session, COND).lease
    assert lease is not None
    setup.world.clock.advance(timedelta(seconds=60))
    setup.world.admin.bind(INSTALLER, "zhaoliu", "T-0043")
    admin = setup.terminal("T-0043", T43, "zhaoliu")
    assert admin.ptz.sweep() == [(lease.id, COND)]
    deadline = time.monotonic() + 10
    while not records(setup.world, Action.PTZ_RETURN) and time.monotonic() < deadline:
        time.sleep(0.05)
    recover = records(setup.world, Action.PTZ_RECOVER)
    assert [r.actor for r in recover] == ["console:test-centre"]
    assert json.loads(records(setup.world, Action.PTZ_RETURN)[-1].params)["result"] \
        == "verified"
    assert admin.ptz.sweep() == []
