"""`main.py secret set-platform` and `main.py catalog sync` through a real centre (mutual TLS)
against the WVP contract peer: exit 0 with the report, 1 with one line naming why when the
platform fails or the caller may not, nothing written then; and the centre's scheduled jobs
that sync and poll the platform, claimed through the database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from console.codes import Action, Outcome, Reason
from console.server.host import CentreWork
from console.storage.database import Database
from console.storage.models import Camera
from tests.catalog_support import audit_records, counts, make_catalog
from tests.conftest import World
from tests.support.cli import CentreCli
from tests.support.wvp_peer import Channel, WvpPeer, camera_code

NVR = "34020000001180000001"
DOME, BULLET = camera_code("32050801", 1), camera_code("32050801", 2)


@pytest.fixture
def peer() -> Iterator[WvpPeer]:
    with WvpPeer() as p:
        p.add_device(NVR, "平江 NVR", [Channel(DOME, "平江路口球机", "32050801", ptz_type=1),
                                       Channel(BULLET, "平江路口枪机", "32050801")])
        yield p


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    make_catalog(world.db, world.clock, world.hashing)
    centre = CentreCli.start(world, tmp_path / "centre")
    yield centre
    centre.stop()


def _set_platform(cli: CentreCli, peer: WvpPeer) -> None:
    run = cli("secret", "set-platform", peer.url, "--user", peer.username, "--unit",
              "CITY-OPS", stdin=peer.password + "\n")
    assert (run.code, run.err) == (0, ""), run


def _online(db: Database) -> dict[str, bool]:
    with db.transaction() as s:
        return dict(s.execute(select(Camera.code, Camera.online)).all())


def test_set_platform_then_sync(cli: CentreCli, db: Database, peer: WvpPeer) -> None:
    _set_platform(cli, peer)
    secrets = (cli.harness.data.secrets().get("platform:wvp") or "")
    assert peer.password in secrets                 # on the centre, in its secret store
    (record,) = audit_records(db, Action.PLATFORM_SET)
    assert peer.password not in record.params

    run = cli("catalog", "sync", "--dry-run")
    assert (run.code, run.err) == (0, "") and run.out.startswith("dry run, nothing written")
    assert counts(db)["cameras"] == 0

    run = cli("catalog", "sync")
    assert (run.code, run.err) == (0, ""), run
    assert "1 device(s); cameras 2 added, 0 changed, 0 unchanged, 0 gone" in run.out
    assert _online(db) == {DOME: True, BULLET: True}
    (record,) = audit_records(db, Action.CATALOG_SYNC)
    assert record.outcome == str(Outcome.OK) and record.terminal == "T-CLI"


@pytest.mark.parametrize("breakage", ["malformed", "down", "486"])
def test_a_failing_platform_exits_1_with_one_line(cli: CentreCli, db: Database,
                                                  peer: WvpPeer, breakage: str) -> None:
    _set_platform(cli, peer)
    if breakage == "malformed":
        peer.malformed = True
    elif breakage == "down":
        peer.stop()
    else:
        peer.timeout_devices.add(NVR)
    run = cli("catalog", "sync")
    assert run.code == 1 and run.out == ""
    assert run.err.count("\n") == 1 and run.err.startswith("error: platform: "), run.err
    assert {"malformed": "malformed JSON", "down": "cannot be reached",
            "486": "486"}[breakage] in run.err
    assert counts(db)["cameras"] == 0
    (record,) = audit_records(db, Action.CATALOG_SYNC)
    assert record.outcome == str(Outcome.DENIED)
    assert record.reason == {"malformed": Reason.PLATFORM_MALFORMED,
                             "down": Reason.PLATFORM_UNREACHABLE,
                             "486": Reason.PLATFORM_DEVICE_TIMEOUT}[breakage]


def test_sync_without_a_platform_or_as_a_duty_officer(cli: CentreCli, peer: WvpPeer) -> None:
    run = cli("catalog", "sync")
    assert run.code == 1 and "no city platform is set up" in run.err
    _set_platform(cli, peer)
    run = cli("catalog", "sync", login="zhangsan")
    assert run.code == 1 and run.err.startswith("error: ")
    run = cli("catalog", "sync", "--bogus")
    assert run.code == 2


def test_the_centre_syncs_and_polls_on_its_schedule(cli: CentreCli, world: World,
                                                    peer: WvpPeer) -> None:
    _set_platform(cli, peer)
    work = CentreWork.build(cli.harness.centre)
    runner = work.platform_runner
    assert runner is not None
    assert sorted(runner.run_due()) == ["platform_status", "platform_sync"]
    assert _online(world.db) == {DOME: True, BULLET: True}     # synced by the first round
    peer.channel(BULLET).status = "OFF"
    assert runner.run_due() == []                   # not due yet (claimed through the DB)
    world.clock.advance(61)                         # platform_status_seconds: 60 by default
    assert runner.run_due() == ["platform_status"]
    assert _online(world.db) == {DOME: True, BULLET: False}
    (record,) = audit_records(world.db, Action.CATALOG_SYNC)
    assert record.actor.startswith("centre:")
