"""The usage register for the console's register dialog, through the real centre (HTTPS,
mutual TLS): who may read it (duty officers refused and registered, a supervisor limited to
their own unit's people, an administrator everything), each filter, paging with the total,
and the leak trace from a watermark's session code to the cameras that session showed.
Every read and every trace is itself registered."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from console.api.errors import Refused
from console.audit.writer import AuditTrail
from console.auth.service import actor_for_session
from console.codes import Action, Outcome, Reason
from console.identity import TerminalIdentity
from console.remote.register import RegisterQuery
from console.services import Services
from console.storage.models import AuditRecord, ConsoleSession
from tests.conftest import INSTALLER, PASSWORD, START, T42, T43, World, _clear_must_change
from tests.views_support import centre_for, services_for, terminal_services

T44 = TerminalIdentity("127.0.0.44", "00:1a:2b:3c:4d:44")
LAKE, GATE, SQUARE = "32057103001328000001", "32050801001310000002", "32050801001310000003"


@dataclass
class Register:
    """The seeded world with two finished console sessions (zhangsan of CENTRE on T-0042,
    lisi of POLICE-GS on T-0042) that opened views, and the terminals' services."""

    world: World
    zhangsan: str       # the session codes a watermark would show
    lisi: str

    def services(self, identity: TerminalIdentity, account: str) -> Services:
        if identity == T44:
            harness = centre_for(self.world.db, self.world.clock, self.world.hashing)
            services = terminal_services(harness, self.world.clock, T44, "T-0044")
        else:
            services = services_for(self.world, identity)
        result = services.auth.login(account, PASSWORD)
        assert result.ok, result
        return services

    def records(self, action: Action) -> list[AuditRecord]:
        with self.world.db.transaction() as s:
            return list(s.execute(select(AuditRecord).where(
                AuditRecord.action == str(action)).order_by(AuditRecord.seq)).scalars())


def _session(world: World, account: str, views: list[tuple[str, str, str]]) -> str:
    """A console session of ``account`` on T-0042 that opens (camera, name, purpose) one
    after another, each for five minutes, then logs out; its code."""
    auth = world.auth(T42)
    result = auth.login(account, PASSWORD)
    assert result.ok and result.session is not None, result
    session_id = result.session.session_id
    trail = AuditTrail(world.clock)
    for n, (code, name, purpose) in enumerate(views):
        world.clock.advance(60)
        with world.db.transaction() as s:
            actor = actor_for_session(s.get(ConsoleSession, session_id))
            view = f"v-{account}-{n}"
            trail.append(s, actor, Action.VIEW_OPEN, target=code, params={
                "view": view, "name": name, "purpose": purpose, "output": "desk",
                "right": "live"})
        world.clock.advance(300)
        with world.db.transaction() as s:
            trail.append(s, actor, Action.VIEW_CLOSE, target=code, reason=Reason.VIEW_CLOSED,
                         params={"view": view, "purpose": purpose, "output": "desk"})
    with world.db.transaction() as s:
        trail.append(s, actor, Action.VIEW_OPEN, target="32059999999999999999",
                     outcome=Outcome.DENIED, reason=Reason.UNKNOWN_CAMERA,
                     params={"purpose": "", "output": "desk"})
    world.clock.advance(60)
    auth.logout(session_id)
    return result.session.code


@pytest.fixture
def register(world: World) -> Register:
    admin = world.admin
    admin.create_terminal(INSTALLER, "T-0044", "姑苏分局指挥室", "POLICE-GS", T44.ip, T44.mac)
    admin.create_user(INSTALLER, "zhouba", "周八", "POLICE-GS", "supervisor", password=PASSWORD)
    admin.bind(INSTALLER, "zhouba", "T-0044")
    admin.bind(INSTALLER, "zhaoliu", "T-0042")
    for account in ("wangwu", "zhaoliu", "zhouba"):
        _clear_must_change(world.db, account)
    zhangsan = _session(world, "zhangsan", [(LAKE, "金鸡湖东岸", "巡查 湖面"),
                                            (GATE, "南门广场", "人流 疏导")])
    lisi = _session(world, "lisi", [(SQUARE, "时代广场", "上墙 巡查")])
    return Register(world, zhangsan, lisi)


def _actors(services: Services, session_id: str, query: RegisterQuery) -> set[str]:
    reply = services.register.records(session_id, query, limit=10_000)
    assert reply.total == len(reply.records)
    return {r.actor for r in reply.records}


def test_who_may_read_the_register(register: Register) -> None:
    # a duty officer: refused, and the refusal is registered
    duty = register.services(T42, "zhangsan")
    with pytest.raises(Refused) as refused:
        duty.register.records(duty.client.current_session or "", RegisterQuery())
    assert refused.value.reason == Reason.NOT_PERMITTED
    with pytest.raises(Refused) as refused:
        duty.register.trace(duty.client.current_session or "", register.lisi)
    assert refused.value.reason == Reason.NOT_PERMITTED
    assert [(r.actor, r.outcome, r.reason) for r in register.records(Action.AUDIT_READ)] == [
        ("zhangsan", "denied", "NOT_PERMITTED")]
    assert [(r.actor, r.target, r.outcome) for r in register.records(Action.AUDIT_TRACE)] == [
        ("zhangsan", f"session:{register.lisi}", "denied")]

    # a supervisor of CENTRE: the people of CENTRE only (not POLICE-GS, not the installer)
    supervisor = register.services(T43, "wangwu")
    sid = supervisor.client.current_session or ""
    assert _actors(supervisor, sid, RegisterQuery()) == {"zhangsan", "wangwu"}
    assert _actors(supervisor, sid, RegisterQuery(actor="lisi")) == set()
    with pytest.raises(Refused) as refused:      # lisi is not of the supervisor's unit
        supervisor.register.trace(sid, register.lisi)
    assert (refused.value.reason, refused.value.status) == (Reason.NOT_PERMITTED, 403)
    assert supervisor.register.trace(sid, register.zhangsan.lower()).account == "zhangsan"
    reads = [r for r in register.records(Action.AUDIT_READ) if r.actor == "wangwu"]
    assert [json.loads(r.params).get("scope") for r in reads] == ["unit", "unit"]
    assert json.loads(reads[1].params)["actor"] == "lisi"    # what was looked for

    # a supervisor of POLICE-GS sees lisi's records, and traces lisi's session
    other = register.services(T44, "zhouba")
    osid = other.client.current_session or ""
    assert _actors(other, osid, RegisterQuery()) == {"lisi", "zhouba"}
    assert other.register.trace(osid, register.lisi).terminal == "T-0042"

    # an administrator: everything, the installer's records included
    admin = register.services(T42, "zhaoliu")
    everyone = _actors(admin, admin.client.current_session or "", RegisterQuery())
    assert {"zhangsan", "lisi", "wangwu", "zhouba", "zhaoliu",
            INSTALLER.account} <= everyone
    traces = register.records(Action.AUDIT_TRACE)
    assert [(r.actor, r.target, r.outcome, r.reason) for r in traces] == [
        ("zhangsan", f"session:{register.lisi}", "denied", "NOT_PERMITTED"),
        ("wangwu", f"session:{register.lisi}", "denied", "NOT_PERMITTED"),
        ("wangwu", f"session:{register.zhangsan}", "ok", "OK"),
        ("zhouba", f"session:{register.lisi}", "ok", "OK")]


def test_the_leak_trace_names_who_where_when_and_the_cameras(register: Register) -> None:
    admin = register.services(T42, "zhaoliu")
    trace = admin.register.trace(admin.client.current_session or "", register.zhangsan)
    assert (trace.code, trace.account, trace.real_name, trace.unit) == (
        register.zhangsan, "zhangsan", "张三", "CENTRE")
    assert (trace.terminal, trace.location, trace.ip) == ("T-0042", "指挥大厅 A 区 2 号席",
                                                          T42.ip)
    assert trace.ended_at is not None and trace.end_reason == "LOGOUT"
    assert [(v.camera, v.camera_name, v.purpose) for v in trace.views] == [
        (LAKE, "金鸡湖东岸", "巡查 湖面"), (GATE, "南门广场", "人流 疏导")]
    first, second = trace.views
    assert first.closed_at is not None and first.closed_at - first.opened_at == timedelta(
        seconds=300)
    assert second.opened_at - first.closed_at == timedelta(seconds=60)
    assert first.close_reason == "VIEW_CLOSED"
    with pytest.raises(Refused) as refused:
        admin.register.trace(admin.client.current_session or "", "ZZZZZZ")
    assert refused.value.reason == Reason.NOT_FOUND
    last = register.records(Action.AUDIT_TRACE)[-1]
    assert (last.actor, last.target, last.outcome, last.reason) == (
        "zhaoliu", "session:ZZZZZZ", "denied", "NOT_FOUND")


def _utc(minutes: int) -> datetime:
    return (START + timedelta(minutes=minutes)).astimezone(UTC)


def _purpose(r: AuditRecord) -> str:
    return str(json.loads(r.params).get("purpose", ""))


# (the filter, which records it must find — checked against every record on the centre —
# and how many that is in the seeded world)
FILTERS: list[tuple[str, RegisterQuery | None, Callable[[AuditRecord], bool], int | None]] = [
    ("person", RegisterQuery(actor="lisi"), lambda r: r.actor == "lisi", None),
    ("terminal", RegisterQuery(terminal="T-0042"), lambda r: r.terminal == "T-0042", None),
    ("camera", RegisterQuery(camera=LAKE), lambda r: r.target == LAKE, 2),
    ("action", RegisterQuery(action="VIEW_OPEN"), lambda r: r.action == "VIEW_OPEN", 5),
    ("outcome", RegisterQuery(action="VIEW_OPEN", outcome="denied"),
     lambda r: r.action == "VIEW_OPEN" and r.outcome == "denied", 2),
    ("purpose", RegisterQuery(purpose="巡查"), lambda r: "巡查" in _purpose(r), 4),
    ("purpose is the purpose, not another field", RegisterQuery(purpose="desk"),
     lambda r: False, 0),
    ("purpose with a LIKE wildcard", RegisterQuery(purpose="%"), lambda r: False, 0),
    ("person and camera", RegisterQuery(actor="zhangsan", camera=GATE),
     lambda r: r.actor == "zhangsan" and r.target == GATE, 2),
    ("time range", RegisterQuery(action="VIEW_OPEN", since=_utc(0), until=_utc(2)),
     lambda r: r.action == "VIEW_OPEN" and r.target == LAKE, 1),
    ("a time without a zone is UTC",
     RegisterQuery(action="VIEW_OPEN", since=_utc(0).replace(tzinfo=None),
                   until=_utc(2).replace(tzinfo=None)),
     lambda r: r.action == "VIEW_OPEN" and r.target == LAKE, 1),
    ("the session of a watermark code", None, lambda r: False, 7),   # filled in below
]


def test_each_filter_of_the_register(register: Register) -> None:
    admin = register.services(T42, "zhaoliu")
    sid = admin.client.current_session or ""
    with register.world.db.transaction() as s:
        zhangsan_id = s.execute(select(ConsoleSession.id).where(
            ConsoleSession.code == register.zhangsan)).scalar_one()
    for name, given, given_matches, count in FILTERS:
        query = given or RegisterQuery(session=register.zhangsan)
        matches = given_matches if given else (lambda r: r.session_id == zhangsan_id)
        with register.world.db.transaction() as s:
            expected = [r.seq for r in s.execute(select(AuditRecord).order_by(
                AuditRecord.seq)).scalars() if matches(r)]
        reply = admin.register.records(sid, query, limit=10_000)
        assert [r.seq for r in reply.records] == expected, name
        assert reply.total == len(expected), name
        assert count is None or len(expected) == count, (name, len(expected))
        assert count != 0 or expected == [], name


def test_paging_keeps_the_total_and_goes_back_in_time(register: Register) -> None:
    admin = register.services(T42, "zhaoliu")
    sid = admin.client.current_session or ""
    first = admin.register.records(sid, RegisterQuery(), offset=0, limit=5)
    newest = first.records[-1].seq
    everything = admin.register.records(sid, RegisterQuery(), limit=10_000, upto=newest)
    second = admin.register.records(sid, RegisterQuery(), offset=5, limit=5, upto=newest)
    assert first.total == second.total == everything.total     # its own reads not counted
    assert [r.seq for r in first.records] == sorted(r.seq for r in first.records)
    assert [r.seq for r in second.records + first.records] == [
        r.seq for r in everything.records[-10:]]
    assert second.offset == 5


@pytest.mark.parametrize(("params", "field"), [
    ({"action": "NO_SUCH_ACTION"}, "action"),
    ({"outcome": "maybe"}, "outcome"),
    ({"since": "yesterday"}, "since"),
    ({"since": "2026-01-02T00:00:00Z", "until": "2026-01-01T00:00:00Z"}, "since"),
    ({"purpose": "x" * 301}, "purpose"),
    ({"actor": "a\x00b"}, "actor"),
    ({"offset": -1}, "offset"),
    ({"actr": "lisi"}, "actr"),          # a mistyped filter is not ignored
    ({"upto": 2**31}, "upto"),           # beyond the register's sequence numbers
])
def test_bad_filters_are_refused_naming_the_field(register: Register, params: dict[str, object],
                                                 field: str) -> None:
    admin = register.services(T42, "zhaoliu")
    with pytest.raises(Refused) as refused:
        admin.client.get("/audit/records", params=params)
    assert refused.value.reason == Reason.INVALID_INPUT
    assert refused.value.field.endswith(field), refused.value.field
