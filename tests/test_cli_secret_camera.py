"""``main.py secret set-camera`` through the centre: a camera's stream account goes to the
centre's secret store — never to this terminal's keyring, the database or the usage
register; the camera is marked as having credentials. Administrators only."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from console.catalog.credentials import load_camera_credentials
from console.storage.models import Camera
from tests.conftest import World
from tests.memory_keyring import MemoryKeyring
from tests.support.catalog import COND, add_cameras
from tests.support.cli import ADMINISTRATOR, CentreCli


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def test_set_camera_stores_in_the_centre_s_secret_store_only(
        cli: CentreCli, world: World, memory_keyring: MemoryKeyring) -> None:
    run = cli("secret", "set-camera", COND, "--user", "viewer", stdin="Cam#Secret-77\n")
    assert (run.code, run.out) == (0, f"stored in the centre's secret store for camera {COND}\n")
    stored = load_camera_credentials(cli.harness.centre.secrets, COND)
    assert stored is not None and (stored.user, stored.password) == ("viewer", "Cam#Secret-77")
    assert memory_keyring.get_password("city-video-console", f"camera:{COND}") is None
    assert not [f for f in cli.files.root.iterdir() if b"Cam#Secret-77" in f.read_bytes()]
    with world.db.transaction() as s:
        camera = s.execute(select(Camera).where(Camera.code == COND)).scalar_one()
        assert camera.has_credentials
    (record,) = cli.records("SECRET_SET")
    assert record.actor == ADMINISTRATOR and "Cam#Secret-77" not in record.params
    assert json.loads(record.params)["camera"] == COND
    assert all("Cam#Secret-77" not in r.params for r in cli.records("LOGIN", "LOGOUT"))


def test_set_camera_refused(cli: CentreCli, world: World) -> None:
    run = cli("secret", "set-camera", COND, "--user", "u", stdin="\n")
    assert (run.code, run.err) == (2, "error: password: empty, nothing stored\n")
    run = cli("secret", "set-camera", "32050801001310009999", "--user", "u", stdin="pw\n")
    assert run.code == 1 and run.err == \
        "error: code: unknown camera '32050801001310009999'\n"
    run = cli("secret", "set-camera", COND, "--user", "u", stdin="pw\n", login="wangwu")
    assert run.code == 1 and run.err == "error: actor: wangwu may not manage the catalogue\n"
    assert load_camera_credentials(cli.harness.centre.secrets, COND) is None
    assert [(r.actor, r.outcome) for r in cli.records("SECRET_SET")] == [
        (ADMINISTRATOR, "denied"), ("wangwu", "denied")]
