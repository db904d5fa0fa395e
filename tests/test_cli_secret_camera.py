"""``main.py secret set-camera``: a camera's stream account goes to the keyring, never to the
database or the audit trail; the camera is marked as having credentials."""

from __future__ import annotations

import io
import json
import sys

import pytest
from sqlalchemy import select

from console.storage.models import AuditRecord, Camera
from main import main
from tests.conftest import World
from tests.memory_keyring import MemoryKeyring
from tests.support.catalog import COND, add_cameras


def test_set_camera_stores_in_keyring_only(world: World, memory_keyring: MemoryKeyring,
                                           monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    add_cameras(world.db, world.clock)
    url = world.db.url.render_as_string(hide_password=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("Cam#Secret-77\n"))
    assert main(["secret", "set-camera", COND, "--user", "viewer", "--database-url", url]) == 0
    assert f"camera {COND}" in capsys.readouterr().out
    stored = memory_keyring.get_password("city-video-console", f"camera:{COND}")
    assert stored is not None and "Cam#Secret-77" in stored and "viewer" in stored
    with world.db.transaction() as s:
        camera = s.execute(select(Camera).where(Camera.code == COND)).scalar_one()
        assert camera.has_credentials
        record = s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)
                           ).scalar_one()
    assert record.action == "SECRET_SET" and "Cam#Secret-77" not in record.params
    assert json.loads(record.params)["camera"] == COND


def test_set_camera_unknown_code_or_empty_password(world: World,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    add_cameras(world.db, world.clock)
    url = world.db.url.render_as_string(hide_password=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n"))
    assert main(["secret", "set-camera", COND, "--user", "u", "--database-url", url]) == 1
    assert "password: empty" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("pw\n"))
    assert main(["secret", "set-camera", "32050801001310009999", "--user", "u",
                 "--database-url", url]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "32050801001310009999" in err and err.count("\n") == 1
