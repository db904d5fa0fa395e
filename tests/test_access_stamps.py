"""The stamped recheck (console/access/stamps.py): the answer "nothing closed" from the stamp
of the last full recheck holds only while nothing changed that could close a view. Every kind
of write that can changes the access state revision in its own transaction, and a stamp
issued before it is rechecked in full; writes that cannot (heartbeats, views opened, a login,
a failed login) leave it, or every console would recheck in full all the time. A stamp that
is forged, altered, another session's, for fewer views, or past its time is not honoured."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from console.access.model import ViewTicket
from console.access.service import AccessService
from console.access.stamps import Stamper
from console.audit.writer import Actor
from console.catalog.service import CatalogService
from console.codes import Reason, Role
from console.grants.service import Grantee, GrantService, Scope
from console.secrets import SecretStore
from console.storage.models import Camera, ConsoleSession, Terminal
from tests.conftest import INSTALLER, PASSWORD, T42, World
from tests.support.catalog import COND, UNCOND, add_cameras

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)


@pytest.fixture
def access(world: World) -> AccessService:
    add_cameras(world.db, world.clock)
    return AccessService(world.db, world.clock, stamper=Stamper(b"k" * 32))


def login(world: World, account: str = "zhangsan") -> str:
    result = world.auth(T42).login(account, PASSWORD)
    assert result.ok, result
    return result.session.session_id  # type: ignore[union-attr]


def opened(access: AccessService, session: str, code: str = UNCOND,
           purpose: str = "") -> ViewTicket:
    ticket = access.open_view(session, code, purpose).ticket
    assert ticket is not None
    return ticket


def stamped(access: AccessService, session: str, tickets: list[ViewTicket]) -> str:
    closed, stamp = access.recheck_stamped(session, tickets, None)
    assert closed == [] and stamp is not None
    return stamp


def honoured(access: AccessService, session: str, tickets: list[ViewTicket],
             stamp: str) -> bool:
    return access.stamp_honoured(session, [t.id for t in tickets], stamp, access.kept_state())


def _camera(world: World, **values: object) -> None:
    with world.db.transaction() as s:
        camera = s.execute(select(Camera).where(Camera.code == COND)).scalar_one()
        for name, value in values.items():
            setattr(camera, name, value)


def _terminal(world: World, **values: object) -> None:
    with world.db.transaction() as s:
        terminal = s.execute(select(Terminal).where(Terminal.name == "T-0042")).scalar_one()
        for name, value in values.items():
            setattr(terminal, name, value)


def _catalog(world: World) -> CatalogService:
    return CatalogService(world.db, world.clock, SecretStore())


def _grant(world: World) -> int:
    now = world.clock.now()
    return GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(unit="POLICE-GS"), Scope("camera", COND), ["live"], valid_from=now,
        valid_to=now + timedelta(hours=1), purpose="巡查", approver="刘主任", reference="SP-9")


def _revoke_a_grant(world: World) -> None:
    GrantService(world.db, world.clock).revoke(ADMIN, _grant(world), "项目结束")


def _other_session_ends(world: World) -> None:
    other = login(world, "lisi")
    world.auth(T42).logout(other)


# (what is written, how) — each must change the revision
WRITES: list[tuple[str, Callable[[World, str], object]]] = [
    ("a grant issued", lambda w, _s: _grant(w)),
    ("a grant revoked", lambda w, _s: _revoke_a_grant(w)),
    ("a camera's share type", lambda w, _s: _camera(w, share_type="not_shared")),
    ("a camera's owner region", lambda w, _s: _camera(w, region_code="32050802")),
    ("camera credentials", lambda w, _s: _catalog(w).set_camera_credentials(
        INSTALLER, COND, "admin", "secret")),
    ("a camera group", lambda w, _s: _catalog(w).set_group(INSTALLER, "观前街", [COND])),
    ("a user disabled", lambda w, _s: w.admin.set_user_state(INSTALLER, "wangwu", False)),
    ("a user created", lambda w, _s: w.admin.create_user(
        INSTALLER, "sunqi", "孙七", "CENTRE", "duty_officer", password=PASSWORD)),
    ("a binding added", lambda w, _s: w.admin.bind(INSTALLER, "wangwu", "T-0042")),
    ("a binding removed", lambda w, _s: w.admin.unbind(INSTALLER, "lisi", "T-0043")),
    ("a terminal's address", lambda w, _s: w.admin.update_terminal_identity(
        INSTALLER, "T-0043", "10.1.2.99", "02:00:00:00:00:99")),
    ("a terminal revoked", lambda w, _s: _terminal(w, revoked_at=w.clock.now())),
    ("the session locked", lambda w, s: w.auth(T42).lock_screen(s)),
    ("another session ended", lambda w, _s: _other_session_ends(w)),
    ("the session ended", lambda w, s: w.auth(T42).logout(s)),
    ("the policy", lambda w, _s: w.admin.set_policy(INSTALLER, "idle_lock_minutes", "7")),
]

# writes that decide nothing about open views — each must leave it
QUIET: list[tuple[str, Callable[[World, str, AccessService], object]]] = [
    ("a heartbeat", lambda w, s, _a: w.auth(T42).heartbeat(s, views=[], idle_seconds=1.0)),
    ("a view opened", lambda w, s, a: opened(a, s)),
    ("a login", lambda w, _s, _a: login(w, "lisi")),
    ("a failed login", lambda w, _s, _a: w.auth(T42).login("lisi", "wrong")),
    ("a terminal seen", lambda w, _s, _a: _terminal(w, last_seen_at=w.clock.now())),
]


@pytest.mark.parametrize(("what", "write"), WRITES, ids=[w[0] for w in WRITES])
def test_every_write_that_can_close_a_view_makes_the_stamp_stale(
        access: AccessService, world: World, what: str,
        write: Callable[[World, str], object]) -> None:
    session = login(world)
    tickets = [opened(access, session)]
    stamp = stamped(access, session, tickets)
    revision = access.kept_state()
    assert honoured(access, session, tickets, stamp)
    assert access.recheck_stamped(session, tickets, stamp) == ([], stamp)
    write(world, session)
    assert access.kept_state() != revision, what     # at once in the writing process
    assert not honoured(access, session, tickets, stamp)
    _closed, again = access.recheck_stamped(session, tickets, stamp)    # in full
    assert again != stamp


@pytest.mark.parametrize(("what", "write"), QUIET, ids=[w[0] for w in QUIET])
def test_writes_that_close_nothing_leave_the_stamp(
        access: AccessService, world: World, what: str,
        write: Callable[[World, str, AccessService], object]) -> None:
    session = login(world)
    tickets = [opened(access, session)]
    stamp = stamped(access, session, tickets)
    write(world, session, access)
    assert honoured(access, session, tickets, stamp), what


def test_a_stale_stamp_gets_the_full_answer(access: AccessService, world: World) -> None:
    session = login(world)
    _grant_for_zhangsan = GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"],
        valid_from=world.clock.now(), valid_to=world.clock.now() + timedelta(hours=1),
        purpose="巡查", approver="刘主任", reference="SP-1")
    view = opened(access, session, COND, "巡查")
    stamp = stamped(access, session, [view])
    GrantService(world.db, world.clock).revoke(ADMIN, _grant_for_zhangsan, "调岗")
    closed, again = access.recheck_stamped(session, [view], stamp)
    assert [c.reason for c in closed] == [Reason.GRANT_REVOKED] and again is None


def test_a_stamp_ends_when_time_alone_changes_a_right(
        access: AccessService, world: World) -> None:
    session = login(world)
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        ADMIN, Grantee(user="zhangsan"), Scope("camera", COND), ["live"], valid_from=now,
        valid_to=now + timedelta(seconds=10), purpose="巡查", approver="刘主任",
        reference="SP-2")
    view = opened(access, session, COND, "巡查")
    stamp = stamped(access, session, [view])
    world.clock.advance(timedelta(seconds=9))
    assert honoured(access, session, [view], stamp)
    world.clock.advance(timedelta(seconds=1))         # the grant ends: no write at all
    assert not honoured(access, session, [view], stamp)
    closed, _ = access.recheck_stamped(session, [view], stamp)
    assert [c.reason for c in closed] == [Reason.GRANT_EXPIRED]


def test_a_stamp_is_good_for_a_minute_at_most(access: AccessService, world: World) -> None:
    session = login(world)
    tickets = [opened(access, session)]
    stamp = stamped(access, session, tickets)
    world.clock.advance(timedelta(seconds=61))
    assert not honoured(access, session, tickets, stamp)


def test_a_stamp_ends_with_the_leases_it_saw(access: AccessService, world: World) -> None:
    """A view is closed for a lost lease only once its lease ran out: the stamp ends no
    later, so the lease job need not change the revision (every console would recheck)."""
    session = login(world)
    tickets = [opened(access, session)]
    stamp = stamped(access, session, tickets)
    revision = access.kept_state()
    world.clock.advance(timedelta(seconds=14))
    assert honoured(access, session, tickets, stamp)
    world.clock.advance(timedelta(seconds=2))           # past the 15 s lease
    assert access.close_lost_leases() == 1
    assert access.kept_state() == revision
    assert not honoured(access, session, tickets, stamp)
    closed, _ = access.recheck_stamped(session, tickets, stamp)
    assert [c.reason for c in closed] == [Reason.VIEW_LEASE_LOST]


def test_a_forged_or_foreign_stamp_is_not_honoured(access: AccessService,
                                                   world: World) -> None:
    mine, other = login(world), login(world, "lisi")
    view, second = opened(access, mine), opened(access, mine)
    theirs = opened(access, other)
    stamp = stamped(access, mine, [view])
    revision = access.kept_state()
    now = world.clock.now()
    assert honoured(access, mine, [view], stamp)
    assert honoured(access, mine, [], stamp)                # fewer views: still all there
    assert not honoured(access, mine, [view, second], stamp)  # a view it does not name
    assert not honoured(access, other, [view], stamp)       # another session's
    assert not honoured(access, other, [theirs], stamp)
    body, mac = stamp.split(".")
    altered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + mac
    forged = Stamper(b"another key" * 3).issue(mine, [view.id, second.id], revision,
                                               now + timedelta(minutes=1))
    for bad in (altered, forged, body, "", "x" * 5000, stamp + "x", "..", stamp.upper()):
        assert not honoured(access, mine, [view], bad), bad
        closed, fresh = access.recheck_stamped(mine, [view], bad)   # in full
        assert closed == [] and fresh is not None and fresh != bad
    # the service's own stamp for another session is refused too, and says nothing closed
    _, for_other = access.recheck_stamped(other, [theirs], None)
    assert for_other is not None and not honoured(access, mine, [theirs], for_other)
    assert [c.reason for c in access.recheck_stamped(mine, [theirs], for_other)[0]] == [
        Reason.VIEW_UNKNOWN]


def test_the_session_state_in_the_database_is_what_counts(
        access: AccessService, world: World) -> None:
    """A session ended by any path (here: straight in the database, as the stale-session
    job's ORM write does) makes the stamp stale."""
    session = login(world)
    tickets = [opened(access, session)]
    stamp = stamped(access, session, tickets)
    with world.db.transaction() as s:
        row = s.get(ConsoleSession, session)
        assert row is not None
        row.ended_at, row.end_reason = world.clock.now(), str(Reason.SESSION_STALE)
    closed, again = access.recheck_stamped(session, tickets, stamp)
    assert [c.reason for c in closed] == [Reason.SESSION_STALE] and again is None
