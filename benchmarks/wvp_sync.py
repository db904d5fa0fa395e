"""How long a catalogue sync and an online poll from WVP take for a city-sized platform
(default 20,000 channels on 20 devices, pages of 500), against the peer that bounds them in
the same run: only reading every page from the same contract server (tests/support/
wvp_peer.py) with the same client, no database.

    .venv/bin/python benchmarks/wvp_sync.py [--channels 20000] [--devices 20]

Prints JSON: the first sync (all added), a re-sync (all unchanged), a poll after 10 % of the
channels went offline, and the read-only peer; SQLite in a temp dir. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from console.admin.service import AdminService
from console.audit.writer import Actor
from console.catalog.platform_sync import PlatformSyncService, read_platform, read_status
from console.clock import FixedClock
from console.passwords import HashCost, PasswordHashing
from console.platforms.wvp import WvpAccount, WvpClient
from console.secrets import FileSecretStore
from console.storage.database import Database
from tests.support.wvp_peer import Channel, WvpPeer, camera_code

INSTALLER = Actor(account="cli:bench@localhost", is_installer=True)
T = TypeVar("T")
STREETS = ["32050801", "32050802", "32050803", "32050804", "32057101", "32050601"]


def _timed(fn: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = fn()
    return result, round(time.perf_counter() - started, 3)


def run(channels: int, devices: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp, WvpPeer() as peer:
        per = -(-channels // devices)
        serial = 0
        for d in range(devices):
            chans = []
            for _ in range(min(per, channels - serial)):
                serial += 1
                street = STREETS[serial % len(STREETS)]
                chans.append(Channel(camera_code(street, serial), f"点位{serial:06d}", street,
                                     ptz_type=1 if serial % 5 == 0 else 3))
            peer.add_device(f"3402000000118{d:07d}", f"NVR {d}", chans)
        clock = FixedClock(datetime(2026, 3, 1, tzinfo=UTC))
        db = Database(f"sqlite:///{Path(tmp) / 'console.db'}")
        db.migrate()
        AdminService(db, clock, PasswordHashing(HashCost(1, 8 * 1024, 1))).create_unit(
            INSTALLER, "CITY-OPS", "市城市运行管理中心")
        service = PlatformSyncService(db, clock, FileSecretStore(Path(tmp) / "secrets.json"))
        service.set_platform(INSTALLER, peer.url, peer.username, peer.password, "CITY-OPS")
        client = WvpClient(WvpAccount(peer.url, peer.username, peer.password), clock=clock)

        reading, read_s = _timed(lambda: read_platform(client))
        first, first_s = _timed(lambda: service.sync(INSTALLER))
        again, again_s = _timed(lambda: service.sync(INSTALLER))
        for device in peer.devices.values():
            for i, channel in enumerate(device.channels):
                if i % 10 == 0:
                    channel.status = "OFF"
        _, status_read_s = _timed(lambda: read_status(client))
        changed, poll_s = _timed(service.poll_online)
        return {
            "channels": len(reading.cameras), "devices": devices,
            "channel_pages": sum(-(-len(d.channels) // 500) for d in peer.devices.values()),
            "first_sync_s": first_s, "added": len(first.added),
            "resync_s": again_s, "unchanged": again.unchanged,
            "poll_s": poll_s, "went_offline": changed,
            "peer_read_only_s": read_s, "peer_status_read_only_s": status_read_s,
            "first_sync_vs_read": round(first_s / read_s, 2) if read_s else None,
            "poll_vs_read": round(poll_s / status_read_s, 2) if status_read_s else None,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--channels", type=int, default=20_000)
    parser.add_argument("--devices", type=int, default=20)
    args = parser.parse_args()
    print(json.dumps(run(args.channels, args.devices), indent=1))


if __name__ == "__main__":
    main()
