"""Shared fixtures: a database on each backend (SQLite file, real PostgreSQL on loopback),
a fixed clock, fast password hashing, an in-memory keyring and a small seeded world."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import keyring
import pytest

from console.admin.service import AdminService
from console.audit.writer import Actor
from console.auth.service import AuthService
from console.clock import FixedClock
from console.identity import StaticIdentity, TerminalIdentity
from console.passwords import HashCost, PasswordHashing
from console.storage.database import Database
from tests.memory_keyring import MemoryKeyring

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
pytest_plugins = ["tests.rtsp_fixtures", "tests.onvif_fixtures"]

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 1, 1, 8, 0, 0, tzinfo=SHANGHAI)
PASSWORD = "Correct#Horse9"
INSTALLER = Actor(account="cli:installer@test", is_installer=True)

# Desk terminals of the seeded world. Their addresses are on loopback (all of 127.0.0.0/8
# reaches this machine) so that a real centre server sees each terminal's requests come from
# that terminal's own address; their MACs are what each terminal reports.
T42 = TerminalIdentity("127.0.0.42", "00:1a:2b:3c:4d:42")
T43 = TerminalIdentity("127.0.0.43", "00:1a:2b:3c:4d:43")
ROGUE = TerminalIdentity("127.0.0.99", "00:1a:2b:3c:4d:99")


@pytest.fixture(autouse=True)
def _delete_kept_windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Widgets given to qtbot are deleted by Qt at teardown, never by Python's collector in
    the middle of a paint (tests/views_support.py, keep_window)."""
    from pytestqt.qtbot import QtBot

    from tests.views_support import delete_kept_windows, keep_window

    add_widget = QtBot.addWidget

    def add_and_keep(self: QtBot, widget: Any, **kw: Any) -> None:
        keep_window(widget)
        add_widget(self, widget, **kw)

    monkeypatch.setattr(QtBot, "addWidget", add_and_keep)
    yield
    delete_kept_windows()


@pytest.fixture(autouse=True)
def _own_settings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Each test its own QSettings directory: per-user UI state (the last layout, the last
    views, window places) neither leaks from one test into another nor into the real user's
    configuration."""
    try:
        from PySide6.QtCore import QSettings
    except ImportError:          # a run without Qt: nothing keeps UI state
        yield
        return
    where = str(tmp_path_factory.mktemp("qsettings"))
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, where)
    yield


@pytest.fixture(autouse=True)
def _stop_centres() -> Iterator[None]:
    """Centre servers a test started (tests/views_support.py) stop with the test."""
    yield
    from tests.views_support import stop_centres

    stop_centres()


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[object]:
    from tests.support.postgres_server import PostgresServer

    with PostgresServer() as server:
        yield server


_db_counter = itertools.count()


def _make_db(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'console.db'}"
    else:
        server = request.getfixturevalue("postgres_server")
        url = server.create_database(f"t{os.getpid()}_{next(_db_counter)}")  # type: ignore[attr-defined]
    db = Database(url)
    db.migrate()
    return db


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The same test on the embedded default and on a real PostgreSQL server."""
    database = _make_db(request.param, request, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    database = _make_db("sqlite", request, tmp_path)
    yield database
    database.dispose()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(START)


@pytest.fixture(scope="session")
def hashing() -> PasswordHashing:
    # Cheap parameters keep the suite fast; test_passwords.py checks the production cost.
    return PasswordHashing(HashCost(time_cost=1, memory_kib=8 * 1024, parallelism=1))


class SwitchableIdentity:
    """The identity the console would detect; a test moves the console between machines."""

    def __init__(self, identity: TerminalIdentity) -> None:
        self.current = identity

    def identity(self) -> TerminalIdentity:
        return self.current


@dataclass
class World:
    db: Database
    clock: FixedClock
    admin: AdminService
    here: SwitchableIdentity
    hashing: PasswordHashing

    def auth(self, identity: TerminalIdentity | None = None) -> AuthService:
        provider = StaticIdentity(identity.ip, identity.mac) if identity else self.here
        return AuthService(self.db, self.clock, self.hashing, provider)


def seed_world(db: Database, clock: FixedClock, hashing: PasswordHashing) -> World:
    """Two units, two desk terminals, four people. zhangsan is bound to T-0042 only and has
    already changed his first password."""
    admin = AdminService(db, clock, hashing)
    admin.create_unit(INSTALLER, "CENTRE", "市城运中心")
    admin.create_unit(INSTALLER, "POLICE-GS", "姑苏公安分局", parent="CENTRE")
    admin.create_terminal(INSTALLER, "T-0042", "指挥大厅 A 区 2 号席", "CENTRE", T42.ip, T42.mac)
    admin.create_terminal(INSTALLER, "T-0043", "指挥大厅 A 区 3 号席", "CENTRE", T43.ip, T43.mac)
    for account, name, unit, role in [
        ("zhangsan", "张三", "CENTRE", "duty_officer"),
        ("lisi", "李四", "POLICE-GS", "wall_operator"),
        ("wangwu", "王五", "CENTRE", "supervisor"),
        ("zhaoliu", "赵六", "CENTRE", "administrator"),
    ]:
        admin.create_user(INSTALLER, account, name, unit, role, password=PASSWORD)
    admin.bind(INSTALLER, "zhangsan", "T-0042")
    admin.bind(INSTALLER, "lisi", "T-0042")
    admin.bind(INSTALLER, "lisi", "T-0043")
    admin.bind(INSTALLER, "wangwu", "T-0043")
    world = World(db, clock, admin, SwitchableIdentity(T42), hashing)
    # zhangsan and lisi have done their first-login change already
    for account in ("zhangsan", "lisi"):
        auth = world.auth(T42)
        result = auth.login(account, PASSWORD, new_password=PASSWORD + "x")
        assert result.ok, result
        auth.logout(result.session.session_id)  # type: ignore[union-attr]
        admin.reset_password(INSTALLER, account, password=PASSWORD)
        _clear_must_change(db, account)
    return world


def _clear_must_change(db: Database, account: str) -> None:
    from sqlalchemy import update

    from console.storage.models import User

    with db.transaction() as s:
        s.execute(update(User).where(User.account == account).values(must_change_password=False))


@pytest.fixture
def world(db: Database, clock: FixedClock, hashing: PasswordHashing) -> World:
    return seed_world(db, clock, hashing)
