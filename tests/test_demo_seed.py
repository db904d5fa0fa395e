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
