"""The catalogue synchronised from WVP (the contract peer) and the online state polled from it:
WVP's fields where it has them, the spreadsheet's kept where it does not, a report of added /
changed / gone, all or nothing when the platform fails, and offline changes in the catalogue
after one poll (a channel of an offline device is offline)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.admin.service import AdminService
from console.catalog.errors import CatalogError
from console.catalog.platform_sync import PlatformSyncService
from console.clock import FixedClock
from console.codes import Action, Outcome, Reason
from console.platforms.wvp import WvpClient
from console.secrets import FileSecretStore
from console.settings_store import access_revision
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, CameraOnlineChange, Region
from tests.catalog_support import make_catalog
from tests.conftest import INSTALLER
from tests.support.catalog import add_cameras
from tests.support.wvp_peer import Channel, WvpPeer, camera_code
from tests.support.wvp_peer import Region as WvpRegion

NVR = "34020000001180000001"
NVR2 = "34020000001180000002"
DOME = camera_code("32050801", 1)
BULLET = camera_code("32050801", 2)


@pytest.fixture
def peer() -> Iterator[WvpPeer]:
    with WvpPeer() as p:
        p.add_device(NVR, "平江 NVR", [
            Channel(DOME, "平江路口球机", "32050801", ptz_type=1, address="平江路 12 号",
                    longitude=120.63, latitude=31.32),
            Channel(BULLET, "平江路口枪机", "32050801", ptz_type=3),
            Channel("32050801002150000001", "平江分组", "32050801", channel_type=2)])
        p.regions = [WvpRegion(1, "320508", "姑苏区"), WvpRegion(2, "32050801", "平江街道", 1)]
        yield p


@pytest.fixture
def sync(db: Database, clock: FixedClock, hashing, tmp_path: Path,
         peer: WvpPeer) -> PlatformSyncService:
    make_catalog(db, clock, hashing)
    admin = AdminService(db, clock, hashing)
    for code, name in (("CENTRE", "市城运中心"), ("POLICE-GS", "姑苏公安分局")):
        admin.create_unit(INSTALLER, code, name)    # the owners of tests/support/catalog.py
    service = PlatformSyncService(
        db, clock, FileSecretStore(tmp_path / "secrets.json"),
        connect=lambda account: WvpClient(account, clock=clock, timeout=1.0, page_size=500))
    service.set_platform(INSTALLER, peer.url, peer.username, peer.password, "CENTRE")
    return service


def _cameras(db: Database) -> dict[str, Camera]:
    with db.transaction() as s:
        rows = s.execute(select(Camera)).scalars().all()
        s.expunge_all()
        return {c.code: c for c in rows}


def _records(db: Database, action: Action) -> list[AuditRecord]:
    with db.transaction() as s:
        rows = s.execute(select(AuditRecord).where(AuditRecord.action == str(action))
                         .order_by(AuditRecord.seq)).scalars().all()
        s.expunge_all()
        return list(rows)


def test_sync_adds_the_cameras_with_wvp_fields(db: Database, sync: PlatformSyncService,
                                               peer: WvpPeer) -> None:
    summary = sync.sync(INSTALLER)
    assert summary.added == sorted([DOME, BULLET]) and summary.skipped == 1
    # added in the state the platform reports: none "went" online, they arrived so
    assert summary.went_online == 0 and not summary.gone
    assert all(c.online for c in _cameras(db).values())
    cams = _cameras(db)
    dome = cams[DOME]
    assert (dome.name, dome.location, dome.region_code, dome.camera_type, dome.ptz_capable,
            dome.ptz_address, dome.share_type, dome.online) == (
        "平江路口球机", "平江路 12 号", "32050801", 1, True, f"gb28181://{NVR}/{DOME}",
        "not_shared", True)
    assert (dome.longitude, dome.latitude) == (120.63, 31.32)
    assert cams[BULLET].ptz_capable is False and cams[BULLET].ptz_address == ""
    assert dome.category == "治安"            # GB UseType 1 (the peer's channels say 1)
    with db.transaction() as s:
        assert s.get(Region, "32050801").name == "平江街道"
    record = _records(db, Action.CATALOG_SYNC)[-1]
    assert record.outcome == str(Outcome.OK)
    assert "2 added" in summary.lines()[0] and "1 channel(s) skipped" in summary.lines()[-1]


def test_resync_keeps_spreadsheet_fields_and_reports_changed_and_gone(
        db: Database, clock: FixedClock, sync: PlatformSyncService, peer: WvpPeer) -> None:
    add_cameras(db, clock)                       # spreadsheet cameras, not on the platform
    sync.sync(INSTALLER)
    with db.transaction() as s:                  # an administrator classifies the dome
        dome = s.execute(select(Camera).where(Camera.code == DOME)).scalar_one()
        dome.category, dome.share_type, dome.legal_basis = "道路交通", "conditional", "第十二条"
        dome.main_stream = "rtsp://10.1.1.1/main"
    peer.channel(DOME).name = "平江路口球机（东）"
    summary = sync.sync(INSTALLER)
    assert summary.changed == [DOME] and not summary.added
    assert len(summary.gone) == 5                # the spreadsheet's five: reported, kept
    dome = _cameras(db)[DOME]
    assert (dome.name, dome.category, dome.share_type, dome.legal_basis, dome.main_stream) == (
        "平江路口球机（东）", "道路交通", "conditional", "第十二条", "rtsp://10.1.1.1/main")
    assert len(_cameras(db)) == 7


def test_sync_of_5000_channels_over_paging(db: Database, sync: PlatformSyncService,
                                           peer: WvpPeer) -> None:
    peer.add_device(NVR2, "沧浪平台", [
        Channel(camera_code("32050802", n), f"沧浪 {n}", "32050802",
                status="ON" if n % 10 else "OFF") for n in range(1, 5001)])
    started = time.monotonic()
    summary = sync.sync(INSTALLER)
    elapsed = time.monotonic() - started
    assert len(summary.added) == 5002 and summary.devices == 2
    assert peer.requests.count(f"/api/device/query/devices/{NVR2}/channels") == 10
    cams = _cameras(db)
    assert len(cams) == 5002
    assert sum(not c.online for c in cams.values()) == 500
    assert elapsed < 60, elapsed


@pytest.mark.parametrize("breakage", ["malformed", "down", "slow", "486"])
def test_a_failing_platform_applies_nothing(db: Database, sync: PlatformSyncService,
                                            peer: WvpPeer, breakage: str) -> None:
    sync.sync(INSTALLER)
    peer.channel(DOME).name = "renamed"
    peer.add_device(NVR2, "new", [Channel(camera_code("32050802", 9), "new", "32050802")])
    with db.transaction() as s:
        revision = access_revision(s)
    expected = {"malformed": Reason.PLATFORM_MALFORMED, "down": Reason.PLATFORM_UNREACHABLE,
                "slow": Reason.PLATFORM_SLOW, "486": Reason.PLATFORM_DEVICE_TIMEOUT}[breakage]
    if breakage == "malformed":
        peer.malformed = True
    elif breakage == "down":
        peer.stop()
    elif breakage == "slow":
        peer.slow_s = 1.5                          # the client's timeout is 1 s here
    else:
        peer.timeout_devices.add(NVR2)             # the first device answered, the second not
    with pytest.raises(CatalogError) as caught:
        sync.sync(INSTALLER)
    assert caught.value.reason == expected
    assert "\n" not in str(caught.value) and peer.password not in str(caught.value)
    cams = _cameras(db)
    assert len(cams) == 2 and cams[DOME].name == "平江路口球机"
    with db.transaction() as s:
        assert access_revision(s) == revision
    refused = _records(db, Action.CATALOG_SYNC)[-1]
    assert (refused.outcome, refused.reason) == (str(Outcome.DENIED), str(expected))


def test_offline_changes_are_in_the_catalogue_after_one_poll(
        db: Database, sync: PlatformSyncService, peer: WvpPeer) -> None:
    sync.sync(INSTALLER)
    with db.transaction() as s:
        revision = access_revision(s)
    peer.channel(BULLET).status = "OFF"
    assert sync.poll_online() == 1
    cams = _cameras(db)
    assert cams[BULLET].online is False and cams[DOME].online is True
    with db.transaction() as s:
        assert access_revision(s) != revision       # consoles reload their tree
        # and the online rates' history has the change (added online, then offline)
        history = s.execute(select(CameraOnlineChange.online).join(Camera).where(
            Camera.code == BULLET).order_by(CameraOnlineChange.id)).scalars().all()
    assert history == [True, False]
    assert sync.poll_online() == 0                  # nothing new: nothing written


def test_a_channel_of_an_offline_device_is_offline(db: Database, sync: PlatformSyncService,
                                                   peer: WvpPeer) -> None:
    sync.sync(INSTALLER)
    peer.devices[NVR].online = False                # its channels still say "ON"
    assert peer.channel(DOME).status == "ON"
    sync.poll_online()
    assert not any(c.online for c in _cameras(db).values())
    peer.devices[NVR].online = True
    sync.poll_online()
    assert all(c.online for c in _cameras(db).values())


def test_a_failing_poll_keeps_the_last_known_state(db: Database, sync: PlatformSyncService,
                                                   peer: WvpPeer) -> None:
    sync.sync(INSTALLER)
    peer.malformed = True
    assert sync.poll_online() == 0
    assert all(c.online for c in _cameras(db).values())


def test_dry_run_writes_nothing(db: Database, sync: PlatformSyncService) -> None:
    summary = sync.sync(INSTALLER, dry_run=True)
    assert len(summary.added) == 2 and summary.dry_run
    with db.transaction() as s:
        assert s.execute(select(func.count()).select_from(Camera)).scalar_one() == 0
    assert not _records(db, Action.CATALOG_SYNC)


def test_the_platform_password_stays_in_the_secret_store(
        db: Database, sync: PlatformSyncService, peer: WvpPeer, tmp_path: Path) -> None:
    assert peer.password in (tmp_path / "secrets.json").read_text(encoding="utf-8")
    record = _records(db, Action.PLATFORM_SET)[-1]
    assert peer.password not in str(record.params)
    with db.transaction() as s:
        from console.storage.models import Setting
        assert not any(peer.password in v for v in s.execute(select(Setting.value)).scalars())


def test_not_configured_is_refused(db: Database, clock: FixedClock, hashing,
                                   tmp_path: Path) -> None:
    make_catalog(db, clock, hashing)
    service = PlatformSyncService(db, clock, FileSecretStore(tmp_path / "s.json"))
    with pytest.raises(CatalogError) as caught:
        service.sync(INSTALLER)
    assert caught.value.reason == Reason.PLATFORM_NOT_CONFIGURED
    assert service.poll_online() == 0


def test_the_viewer_catalogue_shows_the_poll(world, tmp_path: Path, peer: WvpPeer) -> None:
    """What a console's tree is built from: the permitted catalogue of a duty officer of the
    owner unit, with its revision (the console reloads when it moves)."""
    from console.access.service import AccessService
    from tests.conftest import PASSWORD, T42

    service = PlatformSyncService(world.db, world.clock, FileSecretStore(tmp_path / "s.json"))
    service.set_platform(INSTALLER, peer.url, peer.username, peer.password, "CENTRE")
    service.sync(INSTALLER)
    login = world.auth(T42).login("zhangsan", PASSWORD)
    assert login.ok and login.session is not None
    access = AccessService(world.db, world.clock, FileSecretStore(tmp_path / "s.json"))
    before = access.snapshot(login.session.session_id)
    assert {e.code: e.online for e in before.entries} == {DOME: True, BULLET: True}
    assert before.region_names["32050801"] == "平江街道"
    peer.channel(DOME).status = "OFF"
    service.poll_online()
    after = access.snapshot(login.session.session_id)
    assert after.revision != before.revision
    assert {e.code: e.online for e in after.entries} == {DOME: False, BULLET: True}


GROUP_215 = "32050800002150000001"
GROUP_216 = "32050800002160000001"


def test_business_groups_become_camera_groups(db: Database, clock: FixedClock,
                                              sync: PlatformSyncService,
                                              peer: WvpPeer) -> None:
    from console.catalog.groups import list_groups
    from tests.support.catalog import add_group

    add_cameras(db, clock, {"32050801001310000001": ("x", "unconditional", "CENTRE",
                                                     "32050801")})
    add_group(db, "治安防控", ["32050801001310000001"])     # an administrator's, same name
    peer.groups = [WvpRegion(10, GROUP_215, "治安防控"), WvpRegion(11, GROUP_216, "平江片区", 10)]
    dome, bullet = peer.channel(DOME), peer.channel(BULLET)
    dome.parent_id, dome.business_group_id = GROUP_216, GROUP_215
    bullet.business_group_id = GROUP_215
    summary = sync.sync(INSTALLER)
    assert sorted(summary.groups_added) == ["平江片区", f"治安防控（{GROUP_215}）"]

    def groups() -> dict[str, list[str]]:
        with db.transaction() as s:
            return {g.name: g.codes for g in list_groups(s)}

    assert groups() == {"治安防控": ["32050801001310000001"],
                        f"治安防控（{GROUP_215}）": sorted([DOME, BULLET]),
                        "平江片区": [DOME]}
    bullet.parent_id = GROUP_216
    summary = sync.sync(INSTALLER)
    assert summary.groups_changed == ["平江片区"] and not summary.groups_added
    assert groups()["平江片区"] == sorted([DOME, BULLET])
    assert sync.sync(INSTALLER).groups_changed == []


def test_a_wvp_without_trees_still_syncs(db: Database, sync: PlatformSyncService,
                                         peer: WvpPeer) -> None:
    peer.no_trees = True                  # before 2.7: /api/region|group/tree/list are 404
    summary = sync.sync(INSTALLER)
    assert len(summary.added) == 2 and summary.regions_added == 0


def test_a_failing_scheduled_sync_is_registered_and_raises_nothing(
        db: Database, sync: PlatformSyncService, peer: WvpPeer) -> None:
    peer.malformed = True
    sync.scheduled_sync("centre-a")
    (record,) = _records(db, Action.CATALOG_SYNC)
    assert (record.actor, record.outcome, record.reason) == (
        "centre:centre-a", str(Outcome.DENIED), str(Reason.PLATFORM_MALFORMED))
    peer.malformed = False
    sync.scheduled_sync("centre-a")
    assert _records(db, Action.CATALOG_SYNC)[-1].outcome == str(Outcome.OK)
    assert len(_cameras(db)) == 2


def test_one_malformed_channel_on_a_later_page_applies_nothing(
        db: Database, sync: PlatformSyncService, peer: WvpPeer,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid JSON, but one channel on the third page has no code: the whole sync is
    refused, not the pages before it applied."""
    channels = [Channel(camera_code("32050802", n), f"沧浪 {n}", "32050802")
                for n in range(1, 1201)]
    peer.add_device(NVR2, "沧浪平台", channels)
    original = Channel.json

    def broken(self: Channel, index: int, device_id: str) -> dict:
        data = original(self, index, device_id)
        if index == 1100:
            data["deviceId"] = None
        return data

    monkeypatch.setattr(Channel, "json", broken)
    with pytest.raises(CatalogError) as caught:
        sync.sync(INSTALLER)
    assert caught.value.reason == Reason.PLATFORM_MALFORMED
    assert "deviceId" in str(caught.value)
    assert _cameras(db) == {}
