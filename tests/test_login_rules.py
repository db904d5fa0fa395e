"""The login rules (R1, R2, R3), table-driven, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from console.auth.results import Accepted, Denied
from console.codes import Action, Outcome, Reason
from console.storage.models import AuditRecord, ConsoleSession
from tests.conftest import INSTALLER, PASSWORD, ROGUE, T42, T43, World


def _no_setup(w: World) -> None:
    pass


def _disable_zhangsan(w: World) -> None:
    w.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)


def _expire_password(w: World) -> None:
    w.clock.advance(timedelta(days=90))


def _almost_expire_password(w: World) -> None:
    w.clock.advance(timedelta(days=89, hours=23))


def _reset_zhangsan(w: World) -> None:
    w.admin.reset_password(INSTALLER, "zhangsan", password=PASSWORD)


def _unbind_zhangsan(w: World) -> None:
    w.admin.unbind(INSTALLER, "zhangsan", "T-0042")


def _lock_zhangsan(w: World) -> None:
    for _ in range(5):
        w.auth(T42).login("zhangsan", "wrong")


def _lock_then_wait(w: World) -> None:
    _lock_zhangsan(w)
    w.clock.advance(timedelta(minutes=15))


def _lock_then_wait_less(w: World) -> None:
    _lock_zhangsan(w)
    w.clock.advance(timedelta(minutes=14, seconds=59))


LOGIN_CASES: list[tuple[str, Callable[[World], None], object, str, str, Reason]] = [
    # (case, setup, identity, account, password, expected)
    ("bound terminal, right password", _no_setup, T42, "zhangsan", PASSWORD, Reason.OK),
    ("unregistered machine", _no_setup, ROGUE, "zhangsan", PASSWORD,
     Reason.TERMINAL_NOT_REGISTERED),
    ("unregistered machine, even with unknown account", _no_setup, ROGUE, "nobody", "x",
     Reason.TERMINAL_NOT_REGISTERED),
    ("registered, but bound to someone else", _no_setup, T43, "zhangsan", PASSWORD,
     Reason.TERMINAL_NOT_BOUND),
    ("same IP, other MAC", _no_setup, type(T42)(T42.ip, "00:1a:2b:3c:4d:ff"), "zhangsan",
     PASSWORD, Reason.TERMINAL_NOT_REGISTERED),
    ("same MAC, other IP", _no_setup, type(T42)("127.0.0.200", T42.mac), "zhangsan", PASSWORD,
     Reason.TERMINAL_NOT_REGISTERED),
    ("binding removed", _unbind_zhangsan, T42, "zhangsan", PASSWORD, Reason.TERMINAL_NOT_BOUND),
    ("unknown account", _no_setup, T42, "nobody", PASSWORD, Reason.UNKNOWN_ACCOUNT),
    ("wrong password", _no_setup, T42, "zhangsan", "wrong", Reason.BAD_PASSWORD),
    ("disabled user", _disable_zhangsan, T42, "zhangsan", PASSWORD, Reason.USER_DISABLED),
    ("first login needs a new password", _reset_zhangsan, T42, "zhangsan", PASSWORD,
     Reason.PASSWORD_CHANGE_REQUIRED),
    ("password 90 days old has expired", _expire_password, T42, "zhangsan", PASSWORD,
     Reason.PASSWORD_EXPIRED),
    ("password one hour short of expiry", _almost_expire_password, T42, "zhangsan", PASSWORD,
     Reason.OK),
    ("locked after 5 failures", _lock_zhangsan, T42, "zhangsan", PASSWORD,
     Reason.ACCOUNT_LOCKED),
    ("lock lasts 15 minutes", _lock_then_wait_less, T42, "zhangsan", PASSWORD,
     Reason.ACCOUNT_LOCKED),
    ("lock over after 15 minutes", _lock_then_wait, T42, "zhangsan", PASSWORD, Reason.OK),
]


@pytest.mark.parametrize(
    ("setup", "identity", "account", "password", "expected"),
    [case[1:] for case in LOGIN_CASES],
    ids=[case[0] for case in LOGIN_CASES],
)
def test_login_rule(world: World, setup, identity, account, password, expected) -> None:
    setup(world)
    result = world.auth(identity).login(account, password)
    if expected == Reason.OK:
        assert isinstance(result, Accepted), result
    else:
        assert isinstance(result, Denied)
        assert result.reason == expected
    # Every attempt is audited with the reason and the IP/MAC seen.
    with world.db.transaction() as s:
        last = s.execute(
            select(AuditRecord).where(AuditRecord.action == Action.LOGIN)
            .order_by(AuditRecord.seq.desc()).limit(1)
        ).scalar_one()
    assert last.reason == expected
    assert last.outcome == (Outcome.OK if expected == Reason.OK else Outcome.DENIED)
    assert (last.ip, last.mac) == (identity.ip, identity.mac)


def test_unregistered_terminal_is_refused_before_password_check(world: World) -> None:
    # A wrong password from an unregistered machine must not count towards the lockout
    # (the machine is refused first) — or an outsider could lock anyone out.
    for _ in range(6):
        assert world.auth(ROGUE).login("zhangsan", "wrong").reason == (  # type: ignore[union-attr]
            Reason.TERMINAL_NOT_REGISTERED)
    assert world.auth(T42).login("zhangsan", PASSWORD).ok


def test_lockout_counts_failures_and_reports_remaining(world: World) -> None:
    auth = world.auth(T42)
    remaining = []
    for _ in range(4):
        result = auth.login("zhangsan", "wrong")
        assert isinstance(result, Denied)
        remaining.append(result.details["remaining"])
    assert remaining == [4, 3, 2, 1]
    fifth = auth.login("zhangsan", "wrong")
    assert isinstance(fifth, Denied) and fifth.reason == Reason.ACCOUNT_LOCKED
    assert fifth.details["until"] == world.clock.now() + timedelta(minutes=15)
    # A correct login resets the count
    world.clock.advance(timedelta(minutes=15))
    assert auth.login("zhangsan", "wrong").reason == Reason.BAD_PASSWORD  # type: ignore[union-attr]
    assert auth.login("zhangsan", PASSWORD).ok


def test_lockout_threshold_comes_from_policy(world: World) -> None:
    world.admin.set_policy(INSTALLER, "lockout_threshold", "3")
    auth = world.auth(T42)
    for _ in range(3):
        result = auth.login("zhangsan", "wrong")
    assert result.reason == Reason.ACCOUNT_LOCKED  # type: ignore[union-attr]


def test_forced_change_then_login(world: World) -> None:
    world.admin.reset_password(INSTALLER, "zhangsan", password=PASSWORD)
    auth = world.auth(T42)
    weak = auth.login("zhangsan", PASSWORD, new_password="short")
    assert isinstance(weak, Denied) and weak.reason == Reason.PASSWORD_TOO_WEAK
    same = auth.login("zhangsan", PASSWORD, new_password=PASSWORD)
    assert isinstance(same, Denied) and same.reason == Reason.PASSWORD_REUSED
    has_account = auth.login("zhangsan", PASSWORD, new_password="Zhangsan#2026x")
    assert isinstance(has_account, Denied) and has_account.details["rule"] == "contains_account"
    ok = auth.login("zhangsan", PASSWORD, new_password="Fresh#Start2026")
    assert isinstance(ok, Accepted)
    auth.logout(ok.session.session_id)
    # the old password is gone, the new one works and is not asked to change again
    assert auth.login("zhangsan", PASSWORD).reason == Reason.BAD_PASSWORD  # type: ignore[union-attr]
    assert auth.login("zhangsan", "Fresh#Start2026").ok


def test_expiry_is_configurable(world: World) -> None:
    world.admin.set_policy(INSTALLER, "password_max_age_days", "30")
    world.clock.advance(timedelta(days=30))
    assert world.auth(T42).login("zhangsan", PASSWORD).reason == Reason.PASSWORD_EXPIRED  # type: ignore[union-attr]
    changed = world.auth(T42).login("zhangsan", PASSWORD, new_password="Next#Month2026")
    assert changed.ok


def test_a_second_login_elsewhere_is_refused_and_says_where(world: World) -> None:
    first = world.auth(T42).login("lisi", PASSWORD)
    assert isinstance(first, Accepted)
    second = world.auth(T43).login("lisi", PASSWORD)
    assert isinstance(second, Denied)
    assert second.reason == Reason.SESSION_ACTIVE_ELSEWHERE
    assert second.details["terminal"] == "T-0042"
    assert second.details["ip"] == T42.ip


def test_a_dead_console_is_recognised_by_its_heartbeat(world: World) -> None:
    first = world.auth(T42).login("lisi", PASSWORD)
    assert isinstance(first, Accepted)
    world.clock.advance(timedelta(seconds=20))
    assert world.auth(T42).heartbeat(first.session.session_id).alive
    world.clock.advance(timedelta(seconds=29))  # heartbeat 29 s old: still live
    assert world.auth(T43).login("lisi", PASSWORD).reason == Reason.SESSION_ACTIVE_ELSEWHERE  # type: ignore[union-attr]
    world.clock.advance(timedelta(seconds=1))  # 30 s without a heartbeat: the console is dead
    second = world.auth(T43).login("lisi", PASSWORD)
    assert isinstance(second, Accepted)
    status = world.auth(T42).heartbeat(first.session.session_id)
    assert not status.alive and status.reason == Reason.SESSION_STALE


def test_the_centre_ends_the_sessions_that_stopped_beating(world: World) -> None:
    """The centre's scheduled job (on PostgreSQL it refused its own statement: FOR UPDATE
    over the outer joins that load each session's user and terminal)."""
    beating = world.auth(T42).login("zhangsan", PASSWORD)
    silent = world.auth(T43).login("lisi", PASSWORD)
    assert isinstance(beating, Accepted) and isinstance(silent, Accepted)
    world.clock.advance(timedelta(seconds=20))
    assert world.auth(T42).heartbeat(beating.session.session_id).alive
    world.clock.advance(timedelta(seconds=11))
    assert world.auth(T42).end_stale_sessions() == 1
    assert world.auth(T42).heartbeat(beating.session.session_id).alive
    status = world.auth(T43).heartbeat(silent.session.session_id)
    assert (status.alive, status.reason) == (False, Reason.SESSION_STALE)


def test_login_again_on_the_same_terminal_replaces_the_old_session(world: World) -> None:
    first = world.auth(T42).login("zhangsan", PASSWORD)
    second = world.auth(T42).login("zhangsan", PASSWORD)
    assert first.ok and second.ok
    status = world.auth(T42).heartbeat(first.session.session_id)  # type: ignore[union-attr]
    assert status.reason == Reason.SUPERSEDED_ON_SAME_TERMINAL
    with world.db.transaction() as s:
        live = s.execute(select(ConsoleSession).where(ConsoleSession.ended_at.is_(None))).all()
    assert len(live) == 1


def test_disabling_a_user_ends_the_running_session(world: World) -> None:
    result = world.auth(T42).login("zhangsan", PASSWORD)
    assert isinstance(result, Accepted)
    assert world.auth(T42).heartbeat(result.session.session_id).alive
    ended = world.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)
    assert ended == 1
    status = world.auth(T42).heartbeat(result.session.session_id)
    assert not status.alive and status.reason == Reason.USER_DISABLED
    # and enabling again does not resurrect the session
    world.admin.set_user_state(INSTALLER, "zhangsan", enabled=True)
    assert not world.auth(T42).heartbeat(result.session.session_id).alive


def test_unbinding_ends_the_session_on_that_terminal(world: World) -> None:
    result = world.auth(T42).login("zhangsan", PASSWORD)
    world.admin.unbind(INSTALLER, "zhangsan", "T-0042")
    status = world.auth(T42).heartbeat(result.session.session_id)  # type: ignore[union-attr]
    assert status.reason == Reason.TERMINAL_NOT_BOUND


def test_idle_unlock_needs_the_password_and_counts_failures(world: World) -> None:
    result = world.auth(T42).login("zhangsan", PASSWORD)
    assert isinstance(result, Accepted)
    auth, sid = world.auth(T42), result.session.session_id
    auth.lock_screen(sid)
    assert not auth.unlock(sid, "wrong").ok
    assert auth.unlock(sid, PASSWORD).ok
    auth.lock_screen(sid)
    outcomes = [auth.unlock(sid, "wrong") for _ in range(5)]
    assert outcomes[-1].reason == Reason.ACCOUNT_LOCKED and outcomes[-1].session_ended
    assert not auth.heartbeat(sid).alive
    with world.db.transaction() as s:
        actions = [r.action for r in s.execute(select(AuditRecord)).scalars()]
    assert actions.count(Action.SCREEN_LOCK) == 2
    assert actions.count(Action.SCREEN_UNLOCK) == 1 + 1 + 5  # wrong, right, 5 wrong


def test_voluntary_password_change(world: World) -> None:
    result = world.auth(T42).login("zhangsan", PASSWORD)
    auth, sid = world.auth(T42), result.session.session_id  # type: ignore[union-attr]
    assert auth.change_password(sid, "wrong", "New#Password2026").reason == Reason.BAD_PASSWORD
    assert auth.change_password(sid, PASSWORD, "weak").reason == Reason.PASSWORD_TOO_WEAK
    assert auth.change_password(sid, PASSWORD, "New#Password2026").ok
    auth.logout(sid)
    assert auth.login("zhangsan", "New#Password2026").ok


def test_session_code_is_short_and_unique(world: World) -> None:
    a = world.auth(T42).login("zhangsan", PASSWORD)
    b = world.auth(T43).login("lisi", PASSWORD)
    assert a.session.code != b.session.code  # type: ignore[union-attr]
    assert len(a.session.code) == 6 and a.session.code.isalnum()  # type: ignore[union-attr]


def test_logout_is_audited_and_ends_session(world: World) -> None:
    result = world.auth(T42).login("zhangsan", PASSWORD)
    world.auth(T42).logout(result.session.session_id)  # type: ignore[union-attr]
    assert not world.auth(T42).heartbeat(result.session.session_id).alive  # type: ignore[union-attr]
    assert world.auth(T43).login("zhangsan", PASSWORD).reason == Reason.TERMINAL_NOT_BOUND  # type: ignore[union-attr]


def test_a_refused_login_changes_nothing(world: World) -> None:
    """A forced password change offered with a login that is then refused (live session
    elsewhere, weak new password) keeps the old password and the old session."""
    first = world.auth(T42).login("lisi", PASSWORD)
    assert isinstance(first, Accepted)
    world.admin.reset_password(INSTALLER, "lisi", password=PASSWORD)
    refused = world.auth(T43).login("lisi", PASSWORD, new_password="Brand#New2026")
    assert isinstance(refused, Denied) and refused.reason == Reason.SESSION_ACTIVE_ELSEWHERE
    weak = world.auth(T42).login("lisi", PASSWORD, new_password="weak")
    assert isinstance(weak, Denied) and weak.reason == Reason.PASSWORD_TOO_WEAK
    assert world.auth(T42).heartbeat(first.session.session_id).alive
    assert world.auth(T42).login("lisi", PASSWORD).reason == Reason.PASSWORD_CHANGE_REQUIRED  # type: ignore[union-attr]
