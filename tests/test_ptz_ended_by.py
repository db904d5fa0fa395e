"""Who ended a PTZ session (R10, R11) is recorded (``ptz_sessions.ended_by``) and a console
whose control was ended by someone else names who: a console that was stopped (SIGSTOP,
frozen) and resumed was told "another console" sent its camera home when the command line
on its own terminal had. Against the real centre over mutual TLS, with the PTZ worker on the
centre."""

from __future__ import annotations

import threading
import time
from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from console.auth.results import Accepted
from console.codes import Reason
from console.identity import StaticIdentity
from console.ptz.model import EndedBy, EndedByKind, EventKind, PtzEvent
from console.ptz.rules import ReturnResult
from console.ptz.service import PtzService
from console.remote.auth import RemoteAuth
from console.storage.models import PtzSession
from console.views.ptz_ended_text import ended_by_notice
from tests.conftest import INSTALLER, PASSWORD, T42, T43, World, _clear_must_change
from tests.support.catalog import COND
from tests.test_centre_ptz import Events, Setup, events_until, take
from tests.test_centre_ptz import setup as setup  # noqa: PLC0414 - the fixture
from tests.test_ptz_service import give_ptz
from tests.test_views_ptz import Console, take_from_menu
from tests.test_views_ptz import console as console  # noqa: PLC0414 - the fixture


def _ended_by(setup: Setup, lease: int) -> str | None:
    with setup.world.db.transaction() as s:
        return s.execute(select(PtzSession.ended_by).where(PtzSession.id == lease)).scalar_one()


def test_a_console_silent_past_the_stale_time_is_told_the_centre_sent_its_camera_home(
        setup: Setup, qtbot: QtBot) -> None:
    for key, value in (("ptz_heartbeat_seconds", "1"), ("ptz_stale_seconds", "3")):
        setup.world.admin.set_policy(INSTALLER, key, value)
    me = setup.terminal("T-0042", T42, "zhangsan")
    lease = take(me)
    events_until(me, lease, EventKind.READY)
    time.sleep(4.5)                  # the terminal stopped (SIGSTOP): not a word for 4.5 s
    seen = events_until(me, lease, EventKind.RETURNED)       # resumed: what happened?
    ended = next(e for e in seen if e["kind"] == EventKind.ENDED)
    assert (ended["reason"], ended["ended_by"]) == (Reason.PTZ_CONSOLE_LOST, "lease expired")
    assert _ended_by(setup, lease) == "lease expired"
    notice = ended_by_notice(PtzEvent(EventKind.ENDED, COND, lease, Reason.PTZ_CONSOLE_LOST,
                                      ended_by=ended["ended_by"]), "T-0042")
    assert notice is not None and COND in notice


def test_a_sweep_asked_on_the_command_line_is_named_with_its_person_and_terminal(
        setup: Setup, qtbot: QtBot) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    # the console's lease stopped beating (its worker is not in this instance)
    lease = PtzService(setup.world.db, setup.world.clock).take(me.session, COND).lease
    assert lease is not None
    setup.world.clock.advance(timedelta(seconds=60))
    setup.world.admin.bind(INSTALLER, "zhaoliu", "T-0042")
    _clear_must_change(setup.world.db, "zhaoliu")
    # the command line of the same terminal: a ``cli`` session, as main.py logs in
    cli = RemoteAuth(me.client, StaticIdentity(T42.ip, T42.mac)).login(
        "zhaoliu", PASSWORD, kind="cli")
    assert isinstance(cli, Accepted), cli
    answer = me.client.post("/ptz/sweep", session=cli.session.session_id,
                            json={"wait_seconds": 5.0})
    assert [(r["session"], r["code"]) for r in answer["returns"]] == [(lease.id, COND)]
    assert _ended_by(setup, lease.id) == "user:zhaoliu@T-0042"
    # the console resumes and asks about its lease: the centre says who ended it
    events = Events()
    control = me.ptz.open_control(me.session, lease, events, heartbeat_s=1, idle_s=60)
    control.start()
    ended = events.wait(EventKind.ENDED)
    assert control.join(5)
    assert (ended.reason, ended.ended_by, ended.by) == (
        Reason.PTZ_CONSOLE_LOST, "user:zhaoliu@T-0042", "赵六")
    notice = ended_by_notice(ended, "T-0042")
    assert notice is not None and "赵六 (zhaoliu)" in notice and "T-0042" in notice
    assert notice != ended_by_notice(ended, "T-0043")    # "this terminal" vs another one


def test_a_takeover_and_the_scheduled_sweep_are_recorded(setup: Setup) -> None:
    me = setup.terminal("T-0042", T42, "zhangsan")
    service = PtzService(setup.world.db, setup.world.clock)
    lease = service.take(me.session, COND).lease
    assert lease is not None
    setup.world.clock.advance(timedelta(seconds=60))
    (job,) = service.sweep("test-centre")                 # the centre's scheduled sweep
    assert _ended_by(setup, job.session) == "sweep"
    assert service.sessions(limit=1)[0].ended_by == "sweep"
    give_ptz(setup.world, "wangwu")
    boss = setup.terminal("T-0043", T43, "wangwu")
    service.return_attempted(job, ReturnResult.VERIFIED, None)
    mine = service.take(me.session, COND).lease
    assert mine is not None and service.take(boss.session, COND).ok
    assert _ended_by(setup, mine.id) == "user:wangwu@T-0043"


@pytest.mark.parametrize(("text", "parsed"), [
    ("user:zhaoliu@T-0042", EndedBy(EndedByKind.USER, "zhaoliu", "T-0042")),
    ("sweep", EndedBy(EndedByKind.SWEEP)),
    ("lease expired", EndedBy(EndedByKind.LEASE_EXPIRED)),
    ("centre", EndedBy(EndedByKind.CENTRE)),
    (None, None), ("", None), ("nonsense", None)])
def test_ended_by_reads_back_what_it_wrote(text: str | None, parsed: EndedBy | None) -> None:
    assert EndedBy.parse(text) == parsed
    if parsed is not None:
        assert parsed.text() == text


class _Frozen:
    """A terminal's link that stops answering (the console stopped with SIGSTOP) until
    ``resume``: every request waits."""

    def __init__(self, client: Any) -> None:
        self._client, self._go = client, threading.Event()

    def resume(self) -> None:
        self._go.set()

    def get(self, *args: Any, **kw: Any) -> Any:
        self._go.wait()
        return self._client.get(*args, **kw)

    def post(self, *args: Any, **kw: Any) -> Any:
        self._go.wait()
        return self._client.post(*args, **kw)


def test_a_stopped_console_resumed_says_the_centre_sent_its_camera_home(
        qtbot: QtBot, world: World, console: Console) -> None:
    """The desk itself: its PTZ link freezes while it steers, the centre ends control after
    ptz_stale_seconds and sends the dome home; resumed, the desk says so (not "another
    console")."""
    for key, value in (("ptz_heartbeat_seconds", "1"), ("ptz_stale_seconds", "3")):
        world.admin.set_policy(INSTALLER, key, value)
    window = console.window
    take_from_menu(qtbot, console)
    control = window.ptz.control
    assert control is not None
    frozen = _Frozen(control._client)  # type: ignore[attr-defined]
    control._client = frozen  # type: ignore[attr-defined]
    messages: list[str] = []
    window.ptz.message_posted.connect(messages.append)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _state(world) == "active":
        qtbot.wait(200)                              # the centre: silent past 3 s
    assert _state(world) != "active"
    frozen.resume()
    qtbot.waitUntil(lambda: any("本终端停止应答中心" in m for m in messages), timeout=10_000)
    assert not any("另一" in m for m in messages), messages


def _state(world: World) -> str:
    with world.db.transaction() as s:
        return s.execute(select(PtzSession.state).order_by(PtzSession.id.desc())
                         .limit(1)).scalar_one()
