"""First run on the embedded default: demo units and accounts, and this machine registered
as their terminal, so the README's demo accounts log in."""

from __future__ import annotations

from console.admin.service import AdminService
from console.auth.results import Accepted
from console.auth.service import AuthService
from console.clock import FixedClock
from console.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from console.demo.seed import ensure_demo, is_demo
from console.identity import StaticIdentity
from console.passwords import PasswordHashing
from console.storage.database import Database
from tests.conftest import T42, T43


def test_demo_seed_then_every_demo_account_logs_in(sqlite_db: Database, clock: FixedClock,
                                                   hashing: PasswordHashing) -> None:
    admin = AdminService(sqlite_db, clock, hashing)
    assert ensure_demo(sqlite_db, admin, clock, T42) == "seeded"
    assert is_demo(sqlite_db)
    assert ensure_demo(sqlite_db, admin, clock, T42) == "unchanged"
    auth = AuthService(sqlite_db, clock, hashing, StaticIdentity(T42.ip, T42.mac))
    for account, real_name, role in DEMO_ACCOUNTS:
        result = auth.login(account, DEMO_PASSWORD)
        assert isinstance(result, Accepted), (account, result)
        assert (result.session.real_name, result.session.role) == (real_name, role)
        auth.logout(result.session.session_id)


def test_demo_terminal_follows_this_machine(sqlite_db: Database, clock: FixedClock,
                                            hashing: PasswordHashing) -> None:
    admin = AdminService(sqlite_db, clock, hashing)
    ensure_demo(sqlite_db, admin, clock, T42)
    assert ensure_demo(sqlite_db, admin, clock, T43) == "moved"  # new DHCP lease, say
    auth = AuthService(sqlite_db, clock, hashing, StaticIdentity(T43.ip, T43.mac))
    assert auth.login("duty01", DEMO_PASSWORD).ok


def test_a_real_database_is_never_seeded(sqlite_db: Database, clock: FixedClock,
                                         hashing: PasswordHashing) -> None:
    from tests.conftest import INSTALLER

    admin = AdminService(sqlite_db, clock, hashing)
    admin.create_unit(INSTALLER, "CENTRE", "中心")
    assert ensure_demo(sqlite_db, admin, clock, T42) == "unchanged"
    assert not is_demo(sqlite_db)


def test_the_demo_users_see_realistic_different_trees(sqlite_db: Database, clock: FixedClock,
                                                      hashing: PasswordHashing) -> None:
    from datetime import timedelta

    from console.access.model import CameraEntry
    from console.access.service import AccessService
    from console.codes import Right, ShareType
    from console.grants.rules import Rights

    ensure_demo(sqlite_db, AdminService(sqlite_db, clock, hashing), clock, T42)
    auth = AuthService(sqlite_db, clock, hashing, StaticIdentity(T42.ip, T42.mac))
    access = AccessService(sqlite_db, clock)

    def tree(account: str) -> dict[str, CameraEntry]:
        result = auth.login(account, DEMO_PASSWORD)
        assert isinstance(result, Accepted)
        snap = access.snapshot(result.session.session_id)
        auth.logout(result.session.session_id)
        return {e.code: e for e in snap.entries}

    duty, wall = tree("duty01"), tree("wall01")
    assert 40 <= len(duty) <= 60 and 40 <= len(wall) <= 60 and set(duty) != set(wall)
    # duty01 (姑苏区公安分局) sees its unit's not-shared cameras; wall01 (城运中心) does not
    own_not_shared = "32050802001326000001"
    assert own_not_shared in duty and own_not_shared not in wall
    # PTZ only where a grant gives it, with its end time
    ptz = {c for c, e in duty.items() if Rights.PTZ in e.rights}
    assert ptz == {"32050802041326000003", "32050801011328000001"}
    # the demo emergency grant opens a not-shared station camera for 4 hours
    station = duty["32057104041326000002"]
    assert station.share_type == ShareType.NOT_SHARED
    assert station.until[Right.LIVE] == clock.now() + timedelta(hours=4)
    assert station.needs_purpose


def test_a_demo_database_from_before_the_catalogue_gets_it(
        sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> None:
    from sqlalchemy import delete, func, select

    from console.storage.models import (
        Camera,
        CameraGroup,
        CameraGroupMember,
        CameraOnlineChange,
        Grant,
        Project,
        Region,
    )

    admin = AdminService(sqlite_db, clock, hashing)
    ensure_demo(sqlite_db, admin, clock, T42)
    with sqlite_db.transaction() as s:   # as a foundation-era demo database was
        for model in (Grant, CameraGroupMember, CameraGroup, CameraOnlineChange, Camera,
                      Project, Region):
            s.execute(delete(model))
    assert ensure_demo(sqlite_db, admin, clock, T42) == "unchanged"
    with sqlite_db.transaction() as s:
        assert s.execute(select(func.count()).select_from(Camera)).scalar_one() == 60
        assert s.execute(select(func.count()).select_from(Grant)).scalar_one() > 0


def test_the_demo_roster_lets_a_newcomer_hand_over(sqlite_db: Database, clock: FixedClock,
                                                   hashing: PasswordHashing) -> None:
    """GUSU-PSB's two duty officers are on the shift that has just ended and on the one in
    progress: duty01 signs the ended one's handover, duty02 accepts it; the next start of a
    demo adds the shifts of that day (and no duplicates)."""
    from datetime import datetime, timedelta

    from console.audit.writer import Actor
    from console.duty.rules import HandoverState
    from console.duty.service import DutyService
    from tests.conftest import SHANGHAI

    clock.set(datetime(2026, 3, 2, 10, 30, tzinfo=SHANGHAI))
    admin = AdminService(sqlite_db, clock, hashing)
    ensure_demo(sqlite_db, admin, clock, T42)
    auth = AuthService(sqlite_db, clock, hashing, StaticIdentity(T42.ip, T42.mac))
    duty = DutyService(sqlite_db, clock)

    def actor(account: str) -> Actor:
        result = auth.login(account, DEMO_PASSWORD)
        assert isinstance(result, Accepted), (account, result)
        return Actor(account, terminal_name="本机演示终端", user_id=result.session.user_id,
                     role=result.session.role, session_id=result.session.session_id)

    officer, colleague, admin01 = actor("duty01"), actor("duty02"), actor("admin01")
    shifts = sorted(duty.shifts(admin01, unit="GUSU-PSB"), key=lambda s: s.starts_at)
    def at(hour: int) -> datetime:
        return datetime(2026, 3, 2, hour, tzinfo=SHANGHAI)

    assert [(s.title, s.starts_at, s.ends_at) for s in shifts] == [
        ("夜班", at(0), at(8)), ("白班", at(8), at(16))]
    assert all([p.account for p in s.people] == ["duty01", "duty02"] for s in shifts)
    past, current = shifts
    handover = duty.sign(officer, past.id, note="演示交接")
    assert (handover.to_shift, handover.state) == (current.id, HandoverState.SIGNED)
    accepted = duty.answer(colleague, handover.id, accept=True)
    assert (accepted.state, accepted.answered_by) == (HandoverState.ACCEPTED, "duty02")

    # started again the same day: nothing new; the next day: that day's two shifts
    assert ensure_demo(sqlite_db, admin, clock, T42) == "unchanged"
    assert len(duty.shifts(admin01, unit="GUSU-PSB")) == 2
    clock.set(datetime(2026, 3, 3, 17, tzinfo=SHANGHAI))
    ensure_demo(sqlite_db, admin, clock, T42)
    later = sorted(duty.shifts(admin01, unit="GUSU-PSB"), key=lambda s: s.starts_at)
    assert [(s.title, s.starts_at.astimezone(SHANGHAI).hour) for s in later[2:]] == [
        ("白班", 8), ("晚班", 16)]
    assert clock.now() - later[-1].starts_at == timedelta(hours=1)


def test_an_older_demo_database_gets_the_second_officer(
        sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> None:
    from sqlalchemy import delete, select

    from console.storage.models import DutyShift, DutyShiftPerson, TerminalBinding, User

    admin = AdminService(sqlite_db, clock, hashing)
    ensure_demo(sqlite_db, admin, clock, T42)
    with sqlite_db.transaction() as s:            # as a demo database from before duty02
        duty02 = s.execute(select(User.id).where(User.account == "duty02")).scalar_one()
        s.execute(delete(DutyShiftPerson))
        s.execute(delete(DutyShift))
        s.execute(delete(TerminalBinding).where(TerminalBinding.user_id == duty02))
        s.execute(delete(User).where(User.id == duty02))
    assert ensure_demo(sqlite_db, admin, clock, T42) == "unchanged"
    auth = AuthService(sqlite_db, clock, hashing, StaticIdentity(T42.ip, T42.mac))
    assert auth.login("duty02", DEMO_PASSWORD).ok
    with sqlite_db.transaction() as s:
        assert len(s.execute(select(DutyShift)).all()) == 2
