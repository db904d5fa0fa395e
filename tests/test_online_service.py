"""Online rates on the centre (issue 14 item 9): the catalogue import records each camera's
online state when it is added and whenever it changes; the service computes the rates from
those records (supervisors: their own unit's cameras; administrators: all; others refused
and registered); the route and ``main.py online-rate`` through a real centre."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console.admin.service import AdminService
from console.admin.validation import AdminError
from console.audit.writer import Actor
from console.catalog.service import CatalogService
from console.clock import FixedClock
from console.codes import Reason
from console.online.service import OnlineRateService
from console.passwords import PasswordHashing
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, CameraOnlineChange, User
from tests.catalog_support import C1, C2, C3, CAMERA_HEADER, camera_row, make_catalog, write_csv
from tests.conftest import INSTALLER, PASSWORD, SHANGHAI, World
from tests.support.catalog import COND, add_cameras
from tests.support.cli import DUTY_OFFICER, SUPERVISOR, CentreCli

C4 = "32050801001310000004"


def _rows(c1_online: bool, with_c4: bool) -> list[list[object]]:
    rows = [CAMERA_HEADER,
            camera_row(C1, 在线状态="在线" if c1_online else "离线"),
            camera_row(C2, "观前街北局", 建设单位="GUSU-PSB", 在线状态="离线"),
            camera_row(C3, "金鸡湖东岸", 建设单位="CITY-OPS")]
    if with_c4:
        rows.append(camera_row(C4, "平江路南口"))
    return rows


def _import(catalog: CatalogService, tmp_path: Path, name: str, c1_online: bool,
            with_c4: bool = False) -> None:
    catalog.import_files(INSTALLER, [write_csv(tmp_path / f"{name}.csv",
                                               _rows(c1_online, with_c4))])


def _actor(db: Database, account: str) -> Actor:
    with db.transaction() as s:
        user = s.execute(select(User).where(User.account == account)).scalar_one()
        return Actor(account, user_id=user.id, role=user.role)


def test_the_import_records_states_and_the_rates_follow_them(
        db: Database, hashing: PasswordHashing, tmp_path: Path) -> None:
    # 1 Jan 2026, Beijing time: at 08:00 the catalogue arrives (C1 online, C2 offline,
    # C3 online); at 12:00 C1 is reported offline; at 14:00 C1 is back and C4 is added.
    clock = FixedClock(datetime(2026, 1, 1, 8, tzinfo=SHANGHAI))
    catalog = make_catalog(db, clock, hashing)
    _people(db, clock, hashing)
    _import(catalog, tmp_path, "a", c1_online=True)
    clock.advance(4 * 3600)
    _import(catalog, tmp_path, "b", c1_online=False)
    clock.advance(3600)
    _import(catalog, tmp_path, "c", c1_online=False)          # nothing changes: no record
    clock.advance(3600)
    _import(catalog, tmp_path, "d", c1_online=True, with_c4=True)
    with db.transaction() as s:
        recorded = sorted(
            (at.astimezone(SHANGHAI).hour, code, online) for code, at, online in s.execute(
                select(Camera.code, CameraOnlineChange.at, CameraOnlineChange.online)
                .join(Camera, Camera.id == CameraOnlineChange.camera_id)))
    assert recorded == sorted([(8, C1, True), (8, C2, False), (8, C3, True), (12, C1, False),
                               (14, C1, True), (14, C4, True)])

    clock.advance(4 * 3600)                                   # 18:00
    service = OnlineRateService(db, clock)
    answer = service.rates(_actor(db, "admin"), "day")
    got = {r.key: (r.online, r.total, r.online_hours, r.expected_hours) for r in answer.rows}
    # C1: online 08-12 and 14-18 of 08-18; C4 (added at 14:00): 4 of 4 h
    assert got == {"GUSU-STREET": (2, 2, 12.0, 14.0), "GUSU-PSB": (0, 1, 0.0, 10.0),
                   "CITY-OPS": (1, 1, 10.0, 10.0)}
    assert {r.key: r.name for r in answer.rows}["GUSU-PSB"] == "姑苏区公安分局"
    assert answer.city.weighted_rate == pytest.approx(22 / 34)
    assert (answer.city.online, answer.city.total, answer.target) == (3, 4, 0.98)
    by_all = service.rates(_actor(db, "admin"), "week", by="all")
    assert [(r.online_hours, r.expected_hours) for r in by_all.rows] == [(22.0, 34.0)]
    # The next day, at 10:00: each camera's state carried over from the day before (C1's
    # last change, back online at 14:00, not its earlier ones)
    clock.advance(16 * 3600)
    next_day = {r.key: (r.online, r.total, r.online_hours, r.expected_hours)
                for r in service.rates(_actor(db, "admin"), "day").rows}
    assert next_day == {"GUSU-STREET": (2, 2, 20.0, 20.0), "GUSU-PSB": (0, 1, 0.0, 10.0),
                        "CITY-OPS": (1, 1, 10.0, 10.0)}
    # a supervisor sees their own unit's cameras only
    mine = service.rates(_actor(db, "street-sup"), "month")
    assert [(r.key, r.online, r.total) for r in mine.rows] == [("GUSU-STREET", 2, 2)]
    # a duty officer is refused, and the refusal is registered
    with pytest.raises(AdminError) as refused:
        service.rates(_actor(db, "duty"), "day")
    assert refused.value.reason == Reason.NOT_PERMITTED
    with db.transaction() as s:
        last = s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)
                         ).scalar_one()
    assert (last.actor, last.action, last.outcome) == ("duty", "ONLINE_RATES", "denied")
    with pytest.raises(AdminError) as refused:
        service.rates(_actor(db, "admin"), "day", day=clock.now() + timedelta(days=3))
    assert refused.value.field == "day"


def _people(db: Database, clock: FixedClock, hashing: PasswordHashing) -> None:
    admin = AdminService(db, clock, hashing)
    for account, unit, role in [("admin", "CITY-OPS", "administrator"),
                                ("street-sup", "GUSU-STREET", "supervisor"),
                                ("duty", "GUSU-STREET", "duty_officer")]:
        admin.create_user(INSTALLER, account, account, unit, role, password=PASSWORD)


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    # the history as the import would have recorded it: every camera online from 2 h ago,
    # COND offline for the last hour
    now = world.clock.now()
    with world.db.transaction() as s:
        ids = dict(s.execute(select(Camera.code, Camera.id)).all())
        for id_ in ids.values():
            s.add(CameraOnlineChange(camera_id=id_, at=now - timedelta(hours=2), online=True))
        s.add(CameraOnlineChange(camera_id=ids[COND], at=now - timedelta(hours=1),
                                 online=False))
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def test_online_rate_through_the_centre(cli: CentreCli, world: World) -> None:
    run = cli("online-rate", "--by", "unit", "--json")
    assert run.code == 0, run.err
    rows = {r["key"]: r for r in json.loads(run.out)}
    # CENTRE owns UNCOND (2 of 2 h); POLICE-GS owns four, COND offline for the last hour
    assert (rows["CENTRE"]["online"], rows["CENTRE"]["total"]) == (1, 1)
    assert rows["POLICE-GS"]["online_hours"] == pytest.approx(7.0)
    assert rows["POLICE-GS"]["expected_hours"] == pytest.approx(8.0)
    assert rows["*"]["weighted_rate"] == pytest.approx(9 / 10)
    assert rows["POLICE-GS"]["below"] == "yes"
    table = cli("online-rate", "--period", "month")
    assert table.code == 0, table.err
    first, header, *lines = table.out.splitlines()
    assert first.startswith("month 2026-01-01 .. 2026-02-01") and "target 98 %" in first
    assert header.split("\t")[:5] == ["UNIT", "NAME", "ONLINE", "TOTAL", "NOW"]
    assert [line.split("\t")[0] for line in lines] == ["CENTRE", "POLICE-GS", "*"]
    assert lines[1].split("\t")[7] == "87.50 %"
    # the supervisor wangwu (CENTRE) sees CENTRE's camera only; a duty officer is refused
    mine = cli("online-rate", "--json", login=SUPERVISOR)
    assert [r["key"] for r in json.loads(mine.out)] == ["CENTRE", "*"]
    refused = cli("online-rate", login=DUTY_OFFICER)
    assert refused.code == 1 and "may not read online rates" in refused.err
    bad = cli("online-rate", "--date", "2026-13-01")
    assert bad.code == 2 and "--date" in bad.err
    assert cli("online-rate", "--date", "2026-01-01", "--by", "region").code == 0
