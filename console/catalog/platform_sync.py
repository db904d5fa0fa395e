"""The catalogue from the city platform (WVP-GB28181-pro, R4 "sync from the platform"), and
the cameras' online state polled from it.

A sync reads everything first (devices, each device's channels page by page, the region
tree) outside any transaction; any platform failure refuses the whole sync and nothing is
written. Then, in one transaction on the command path (check → act → audit), the channels
that are cameras go through the spreadsheet import's own plan and writer
(console/catalog/importer.py), so a sync is all or nothing exactly like an import:

- WVP's fields where it has them: name, address (位置), civil code (区划), PTZ type (摄像机
  类型), longitude and latitude; for a new camera also PTZ capability from the type and a
  ``gb28181://device/channel`` control address when steerable;
- every field WVP does not carry (category, owner unit, maintainer, contact, project,
  contractor, warranty, share type and its legal basis, stream addresses, home preset) keeps
  the stored value. A new camera gets the platform's owner unit (set with the platform),
  share type 不予共享 (the owner unit only, until an administrator classifies it), its GB
  UseType (治安 / 交通 / 重点) as category and empty fields;
- the region names from WVP's region tree; its business groups (业务分组 and the virtual
  organisations under them) as camera groups grants can name, each with the cameras under
  it (console/catalog/groups.py ``sync_platform_groups``);
- online state through console/catalog/online.py (the one writer);
- the report: added, changed, gone (catalogue cameras the platform no longer lists: left as
  they are, a spreadsheet camera may not be on the platform at all) and channels skipped
  (directory nodes, codes that are not cameras).

The platform account (address, user, password) is one secret of the centre's secret store
(``platform:wvp``); the owner unit of new cameras is a setting."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.audit.writer import Actor, AuditTrail
from console.catalog.camera_rows import CAMERA_FIELDS, CameraRecord
from console.catalog.errors import CatalogError
from console.catalog.gbcode import CodeError, parse_civil_code, parse_device_code
from console.catalog.groups import sync_platform_groups
from console.catalog.importer import plan_import, write_plan
from console.catalog.online import set_online_states
from console.catalog.records import CameraType
from console.catalog.summary import SyncSummary
from console.catalog.validate import ValidCatalogue
from console.clock import Clock
from console.codes import Action, Reason, Role, ShareType
from console.command import CommandPath
from console.platforms.streams import parse_platform_stream, platform_stream
from console.platforms.wvp import (
    PLATFORM_SECRET,
    WvpAccount,
    WvpChannel,
    WvpClient,
    WvpDevice,
    WvpError,
    WvpGroup,
    WvpRegion,
    WvpStream,
)
from console.secrets import SecretError, SecretStorage
from console.settings_store import get_setting, put_setting
from console.storage.database import Database
from console.storage.models import Camera, Unit

log = logging.getLogger(__name__)
T = TypeVar("T")

OWNER_UNIT_SETTING = "platform_owner_unit"
_INDEX = {name: i for i, name in enumerate(CAMERA_FIELDS)}
# What WVP carries for every camera it lists; everything else is kept for a stored camera.
_FROM_PLATFORM = {"name", "region_code"}
# GB/T 28181 UseType (用途属性), the category (监控类别) of a camera the sync adds; a stored
# camera keeps the category its catalogue gave it
_USE_TYPES = {1: "治安", 2: "交通", 3: "重点"}


class PlatformCatalogue(Protocol):
    """What a sync reads from the platform (WvpClient; a test may give its own)."""

    def devices(self) -> list[WvpDevice]: ...

    def channels(self, device_id: str) -> list[WvpChannel]: ...

    def regions(self) -> list[WvpRegion]: ...

    def groups(self) -> list[WvpGroup]: ...

    def play_start(self, device_id: str, channel_id: str) -> WvpStream: ...

    def play_stop(self, device_id: str, channel_id: str) -> None: ...


@dataclass(frozen=True)
class PlatformReading:
    devices: list[WvpDevice]
    cameras: dict[str, tuple[WvpDevice, WvpChannel]]   # code -> its device and channel
    regions: dict[str, str]                              # civil code -> name
    skipped: int                                         # channels that are not cameras
    groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # business group code -> (name, its cameras and those of the groups under it)

    def online(self) -> dict[str, bool]:
        """A channel of an offline device is offline, whatever its own status says (WVP
        keeps the last catalogue's "ON" after the device stops answering)."""
        return {code: device.online and channel.online
                for code, (device, channel) in self.cameras.items()}


def read_platform(platform: PlatformCatalogue) -> PlatformReading:
    """Everything a sync needs, read before anything is written (WvpError on any failure)."""
    devices = platform.devices()
    cameras: dict[str, tuple[WvpDevice, WvpChannel]] = {}
    skipped = 0
    for device in devices:
        for channel in platform.channels(device.device_id):
            if channel.channel_type != 0 or not _is_camera(channel.channel_id):
                skipped += 1
                continue
            cameras.setdefault(channel.channel_id, (device, channel))  # first device wins
    regions: dict[str, str] = {}
    for region in _optional(platform.regions):   # WVP before 2.7: the codes stay unnamed
        try:
            code = parse_civil_code(region.code)
        except CodeError:
            continue
        if region.name:
            regions[code] = region.name[:100]
    return PlatformReading(devices, cameras, regions, skipped,
                           _group_members(_optional(platform.groups), cameras))


def _optional(read: Callable[[], list[T]]) -> list[T]:
    """A tree a WVP older than 2.7 does not have (404): empty."""
    try:
        return read()
    except WvpError as exc:
        if exc.reason != Reason.PLATFORM_NOT_FOUND:
            raise
        return []


def _group_members(tree: list[WvpGroup], cameras: dict[str, tuple[WvpDevice, WvpChannel]]
                   ) -> dict[str, tuple[str, list[str]]]:
    """Each business group's cameras: a channel belongs to the group (or virtual
    organisation) its parentId or businessGroupId names, and to every group above that."""
    parents = {g.code: g.parent_code for g in tree}
    members: dict[str, list[str]] = {g.code: [] for g in tree}
    for code, (_device, channel) in sorted(cameras.items()):
        seen: set[str] = set()
        for start in (channel.parent_id, channel.business_group_id):
            group = start
            while group in parents and group not in seen:
                seen.add(group)
                members[group].append(code)
                group = parents[group]
    return {g.code: (g.name, members[g.code]) for g in tree}


def read_status(platform: PlatformCatalogue) -> dict[str, bool]:
    """Only the online state (no region tree): code -> online."""
    devices = platform.devices()
    states: dict[str, bool] = {}
    for device in devices:
        for channel in platform.channels(device.device_id):
            if channel.channel_type == 0:
                states.setdefault(channel.channel_id, device.online and channel.online)
    return states


def _is_camera(code: str) -> bool:
    try:
        parse_device_code(code)
    except CodeError:
        return False
    return True


class PlatformSyncService:
    def __init__(self, db: Database, clock: Clock, secrets: SecretStorage, *,
                 connect: Callable[[WvpAccount], PlatformCatalogue] | None = None) -> None:
        self._db, self._clock, self._secrets = db, clock, secrets
        self._commands = CommandPath(db, clock, AuditTrail(clock))
        self._connect = connect or (lambda account: WvpClient(account, clock=clock))
        self._lock = threading.Lock()      # one platform call at a time per centre process
        # the clients of the stored account: one for syncs and polls, one for live play (a
        # view does not wait for a sync's pages), each with the account it was made for
        self._clients: dict[str, tuple[str, PlatformCatalogue]] = {}
        self._play_lock = threading.Lock()

    # -- the platform account ----------------------------------------------------------------

    def set_platform(self, actor: Actor, url: str, username: str, password: str,
                     owner_unit: str) -> None:
        """Store the platform's address and account (the centre's secret store; the register
        names the address and user, never the password) and the owner unit of new cameras."""
        url = url.strip().rstrip("/")
        parts = urlsplit(url)
        params: dict[str, Any] = {"url": url, "username": username, "owner_unit": owner_unit}

        def body(s: Session, now: datetime) -> None:
            if parts.scheme not in ("http", "https") or not parts.hostname or parts.username:
                raise CatalogError("url", f"{url!r} is not an http(s)://host[:port] address")
            for name, value in (("username", username), ("password", password)):
                if not value or any(ord(ch) < 32 for ch in value):
                    raise CatalogError(name, "must not be empty or contain control characters")
            unit = s.execute(select(Unit.id).where(Unit.code == owner_unit)).scalar()
            if unit is None:
                raise CatalogError("owner_unit", f"unknown unit {owner_unit!r}",
                                   Reason.NOT_FOUND)
            put_setting(s, OWNER_UNIT_SETTING, owner_unit)
            s.flush()
            self._secrets.set(PLATFORM_SECRET, WvpAccount(url, username, password).to_secret())

        self._run(actor, Action.PLATFORM_SET, PLATFORM_SECRET, params, body)
        with self._lock:
            self._clients.clear()

    def account(self) -> WvpAccount | None:
        try:
            value = self._secrets.get(PLATFORM_SECRET)
        except SecretError as exc:
            raise CatalogError("platform", str(exc), Reason.PLATFORM_NOT_CONFIGURED) from None
        if not value:
            return None
        try:
            return WvpAccount.from_secret(value)
        except ValueError as exc:
            raise CatalogError("platform", str(exc), Reason.PLATFORM_NOT_CONFIGURED) from None

    def _platform(self, use: str = "sync") -> PlatformCatalogue:
        """The client of the stored account for ``use`` ("sync" or "play"), kept while the
        account stays the same (so the polls reuse its login). Call with that use's lock
        held."""
        account = self.account()
        if account is None:
            raise CatalogError("platform", "no city platform is set up on this centre "
                               "(main.py secret set-platform)", Reason.PLATFORM_NOT_CONFIGURED)
        key = account.to_secret()
        kept = self._clients.get(use)
        if kept is None or kept[0] != key:
            kept = self._clients[use] = (key, self._connect(account))
        return kept[1]

    def play_url(self, address: str) -> str:
        """The RTSP address of the platform's media server for a platform camera's stream
        ``wvp://DEVICE/CHANNEL`` (``play/start``: WVP invites the device and pulls it; the
        centre's gateway then pulls it from there, and WVP's media server ends its pull by
        itself once nobody reads it, ``streamNoneReaderDelayMS``). Raises WvpError or
        CatalogError, each with a ``reason``."""
        device, channel = parse_platform_stream(address)
        with self._play_lock:
            client = self._platform("play")
        return client.play_start(device, channel).rtsp

    def stop_play(self, address: str) -> None:
        """``play/stop`` for a platform camera's stream once the centre's gateway no longer
        pulls it (its last viewer left and the node's linger passed): WVP ends its own pull
        of the device now rather than after its no-reader delay. Raises like play_url."""
        device, channel = parse_platform_stream(address)
        with self._play_lock:
            client = self._platform("play")
        client.play_stop(device, channel)

    def configured(self) -> bool:
        try:
            return self.account() is not None
        except CatalogError:
            return False

    # -- the sync ----------------------------------------------------------------------------

    def sync(self, actor: Actor, *, dry_run: bool = False) -> SyncSummary:
        """One all-or-nothing sync (see the module docstring). Refused (CatalogError with a
        PLATFORM_* reason, registered) when the platform fails; nothing is written then."""
        params: dict[str, Any] = {"dry_run": dry_run}
        target = PLATFORM_SECRET
        try:
            _check_actor(actor)
            with self._lock:
                platform = self._platform()
                target = _host(getattr(platform, "base", "")) or target
                params["platform"] = target
                try:
                    reading = read_platform(platform)
                except WvpError as exc:
                    raise CatalogError("platform", str(exc), exc.reason,
                                       {"wvp_code": exc.code}) from None
        except CatalogError as exc:
            self._commands.refused(actor, Action.CATALOG_SYNC, target, exc,
                                   {**params, **exc.params, "field": exc.field,
                                    "error": str(exc)[:300]})
            raise

        def body(s: Session, now: datetime) -> SyncSummary:
            summary = self._apply(s, now, reading, target, dry_run)
            params.update(summary.audit_params())
            return summary

        summary: SyncSummary = self._run(actor, Action.CATALOG_SYNC, target, params, body,
                                         audited=not dry_run, rollback=dry_run)
        return summary

    def _apply(self, s: Session, now: datetime, reading: PlatformReading, platform: str,
               dry_run: bool) -> SyncSummary:
        stored = {code: (ptz_capable, ptz_address, main_stream)
                  for code, ptz_capable, ptz_address, main_stream in s.execute(select(
                      Camera.code, Camera.ptz_capable, Camera.ptz_address, Camera.main_stream))}
        owner = self._owner_unit(s) if set(reading.cameras) - set(stored) else None
        records = [_record(device, channel, stored.get(code), owner)
                   for code, (device, channel) in sorted(reading.cameras.items())]
        valid = ValidCatalogue(cameras=records, regions=reading.regions)
        plan = plan_import(s, valid, self._secrets)
        write_plan(s, plan, now, self._secrets)
        changes = set_online_states(s, reading.online(), now)
        groups_added, groups_changed = sync_platform_groups(s, reading.groups)
        gone = sorted(set(stored) - set(reading.cameras))
        return SyncSummary(
            platform=platform, added=plan.added_codes, changed=plan.changed_codes,
            unchanged=plan.cameras.unchanged, gone=gone, skipped=reading.skipped,
            devices=len(reading.devices), regions_added=len(plan.region_inserts),
            regions_changed=len(plan.region_updates),
            went_online=sum(c.online for c in changes),
            went_offline=sum(not c.online for c in changes), groups_added=groups_added,
            groups_changed=groups_changed, dry_run=dry_run)

    def _owner_unit(self, s: Session) -> int:
        code = get_setting(s, OWNER_UNIT_SETTING)
        unit = s.execute(select(Unit.id).where(Unit.code == code)).scalar() if code else None
        if unit is None:
            raise CatalogError("owner_unit", "new cameras need the platform's owner unit "
                               "(main.py secret set-platform … --unit CODE)",
                               Reason.PLATFORM_NOT_CONFIGURED)
        return int(unit)

    # -- the online state ----------------------------------------------------------------------

    def poll_online(self) -> int:
        """Poll the platform for the cameras' online state and write it (not audited: it is
        the platform's observation, not a person's command). Returns the cameras changed;
        a platform that fails changes nothing (its cameras keep their last known state) and
        is logged."""
        if not self.configured():
            return 0
        try:
            with self._lock:
                states = read_status(self._platform())
        except (WvpError, CatalogError) as exc:
            log.warning("online poll of the city platform failed: %s", exc)
            return 0
        with self._db.transaction() as s:
            return len(set_online_states(s, states, self._clock.now()))

    def scheduled_sync(self, instance: str) -> None:
        """The server's scheduled sync, as the centre itself (a failure is registered as a
        refused sync and logged; the next round tries again)."""
        if not self.configured():
            return
        actor = Actor(account=f"centre:{instance}"[:120], is_installer=True)
        try:
            summary = self.sync(actor)
        except CatalogError as exc:
            log.warning("scheduled catalogue sync failed: %s", exc)
            return
        log.info("scheduled catalogue sync: %s", summary.lines()[0])

    # -- the command path ------------------------------------------------------------------------

    def _run(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
             body: Callable[[Session, datetime], Any], *, audited: bool = True,
             rollback: bool = False) -> Any:
        def guarded(s: Session, now: datetime) -> Any:
            try:
                result = body(s, now)
            except SecretError as exc:
                raise CatalogError("secret_store", str(exc)) from exc
            if rollback:
                raise _DryRunDone(result)
            return result

        try:
            return self._commands.run(
                actor, action, target, params, guarded, refusal=_actor_refusal(actor),
                audited=audited,
                refusal_params=lambda exc: {**getattr(exc, "params", {}), "field": exc.field,
                                            "error": str(exc)[:300]})
        except _DryRunDone as done:
            return done.result


class _DryRunDone(Exception):  # noqa: N818 - not an error: it carries the dry run's result
    """Raised inside the transaction of a dry run so that it rolls back."""

    def __init__(self, result: Any) -> None:
        super().__init__("dry run")
        self.result = result


def _record(device: WvpDevice, channel: WvpChannel, stored: tuple[bool, str, str] | None,
            owner_unit: int | None) -> CameraRecord:
    code = channel.channel_id
    parsed = parse_device_code(code)
    values: dict[str, Any] = {
        "name": (channel.name or code)[:100], "location": channel.address[:200],
        "region_code": _region(channel.civil_code) or parsed.region_code,
        "category": "", "camera_type": None, "ptz_capable": False, "home_preset": None,
        "owner_unit_id": owner_unit, "maintainer": "", "contact": "", "project": None,
        "contractor": "", "warranty_end": None, "share_type": str(ShareType.NOT_SHARED),
        "legal_basis": "", "longitude": None, "latitude": None, "main_stream": "",
        "sub_stream": "", "ptz_address": "", "online": False, "last_seen": None,
    }
    given = set(_FROM_PLATFORM)
    if channel.address:
        given.add("location")
    camera_type = channel.ptz_type if channel.ptz_type in set(CameraType) else None
    if camera_type is not None:
        values["camera_type"] = camera_type
        given.add("camera_type")
    if _position(channel):
        values["longitude"], values["latitude"] = channel.longitude, channel.latitude
        given |= {"longitude", "latitude"}
    steerable = camera_type is not None and CameraType(camera_type).steerable
    address = f"gb28181://{device.device_id}/{code}"
    if stored is None:
        # added in the state the platform reports, so that the online-rate history starts
        # with it (not "offline" and a change to "online" at the same instant)
        values["online"] = device.online and channel.online
        # played through the platform's media server (console/platforms/streams.py)
        values["main_stream"] = platform_stream(device.device_id, code)
        values["category"] = _USE_TYPES.get(channel.use_type or 0, "")
        values["ptz_capable"] = steerable
        values["ptz_address"] = address if steerable else ""
        keep: frozenset[int] = frozenset()
    else:
        if stored[0] and not stored[1]:       # steerable, no control address yet: WVP's
            values["ptz_address"] = address
            given.add("ptz_address")
        if not stored[2]:                     # no stream of its own: the platform's
            values["main_stream"] = platform_stream(device.device_id, code)
            given.add("main_stream")
        keep = frozenset(i for name, i in _INDEX.items() if name not in given)
    return CameraRecord(code, tuple(values[f] for f in CAMERA_FIELDS), keep, None, None, 0)


def _region(civil_code: str) -> str:
    try:
        return parse_civil_code(civil_code) if civil_code else ""
    except CodeError:
        return ""


def _position(channel: WvpChannel) -> bool:
    lon, lat = channel.longitude, channel.latitude
    return (lon is not None and lat is not None and -180 <= lon <= 180 and -90 <= lat <= 90
            and (lon, lat) != (0.0, 0.0))


def _host(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port}" if parts.port else (parts.hostname or "")


def _actor_refusal(actor: Actor) -> CatalogError | None:
    if actor.is_installer or actor.role == Role.ADMINISTRATOR:
        return None
    return CatalogError("actor", f"{actor.account} may not manage the catalogue",
                        Reason.NOT_PERMITTED)


def _check_actor(actor: Actor) -> None:
    refusal = _actor_refusal(actor)
    if refusal is not None:
        raise refusal
