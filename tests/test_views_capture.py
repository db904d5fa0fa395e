"""Capture programs in the running console (R9): a real process started under a capture
tool's name blanks every video output with a notice naming it, the detection is audited,
and video returns (audited) when the process ends; PrintScreen is consumed and audited."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from console.codes import Action
from console.storage.models import AuditRecord
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import World
from tests.support.catalog import add_cameras
from tests.views_support import logged_in, open_first_view, prepare_app, services_for


def audit(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


@pytest.fixture
def window(qtbot, world: World) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    prepare_app("en")
    add_cameras(world.db, world.clock)
    services = services_for(world)
    session, policy = logged_in(services)
    win = MainWindow(services, TaskRunner(synchronous=True), session, policy,
                     capture_interval_s=0.2)
    qtbot.addWidget(win)
    win.show()
    open_first_view(win, services, session)
    yield win
    prepare_app("zh_CN")


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_a_capture_program_blanks_video_until_it_ends(qtbot, window: MainWindow,  # type: ignore[no-untyped-def]
                                                      world: World, tmp_path: Path) -> None:
    assert window.capture_guard.detected == ()
    obs = tmp_path / "obs"                       # a real process under OBS's name
    shutil.copy("/bin/sleep", obs)
    process = subprocess.Popen([str(obs), "30"])
    try:
        qtbot.waitUntil(lambda: window.capture_guard.detected == ("OBS Studio",),
                        timeout=5000)
        tile = window.view_grid.tiles[0]
        tile.grab()                              # paint now
        assert "OBS Studio" in tile.painted_blank
        assert "OBS Studio" in window.notice_bar.text()
        detected = audit(world, Action.CAPTURE_DETECTED)
        assert len(detected) == 1 and detected[0].target == "OBS Studio"
        assert json.loads(detected[0].params)["programs"][0]["pid"] == process.pid
    finally:
        process.kill()
        process.wait(5)
    qtbot.waitUntil(lambda: window.capture_guard.detected == (), timeout=5000)
    tile = window.view_grid.tiles[0]
    tile.grab()
    assert tile.painted_blank == ""
    ended = audit(world, Action.CAPTURE_ENDED)
    assert [r.target for r in ended] == ["OBS Studio"]
    assert len(audit(world, Action.CAPTURE_DETECTED)) == 1   # said once, not every scan


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_print_screen_is_audited(qtbot, window: MainWindow, world: World) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(window.view_grid.tiles[0], Qt.Key.Key_Print)
    records = audit(world, Action.CAPTURE_KEY_BLOCKED)
    assert len(records) == 1 and records[0].target == "Print"
    assert records[0].outcome == "denied"


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_the_main_window_and_every_wall_output_are_excluded_from_capture(  # type: ignore[no-untyped-def]
        qtbot, world: World) -> None:
    """Through the seam that records which windows received which affinity: the console
    and its wall output (the single-screen test output here) are excluded (that the wall
    paints its pictures with the watermark is tests/test_views_tile_watermark.py's)."""
    from dataclasses import replace

    from console.capture.exclusion import RecordingExcluder
    from tests.conftest import T43, _clear_must_change

    prepare_app("en")
    add_cameras(world.db, world.clock)
    _clear_must_change(world.db, "wangwu")
    excluder = RecordingExcluder()
    services = replace(services_for(world, T43), capture_excluder=excluder)
    session, policy = logged_in(services, "wangwu")        # a supervisor drives the wall
    win = MainWindow(services, TaskRunner(synchronous=True), session, policy,
                     capture_interval_s=60)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: int(win.winId()) in excluder.window_ids, timeout=3000)
    assert win.wall is not None and win.wall.outputs
    output = win.wall.outputs[0]
    output.show()
    qtbot.waitUntil(lambda: int(output.winId()) in excluder.window_ids, timeout=3000)
    assert win.capture_shield.level == "excluded"
    assert {affinity for _, affinity in excluder.calls} == {0x11}
    prepare_app("zh_CN")
