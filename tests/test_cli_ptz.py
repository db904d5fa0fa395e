"""``main.py ptz …``: the centre lists PTZ sessions and runs a crash-recovery sweep from the
command line; the sweep sends a lost console's camera (the real ONVIF peer) home, verified."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import update

from console.codes import Reason
from console.grants.service import Grantee, GrantService, Scope
from console.ptz.driver import Velocity
from console.ptz.service import PtzService
from console.storage.models import Camera
from main import main
from tests.conftest import INSTALLER, PASSWORD, T42, World, _clear_must_change
from tests.onvif_fixtures import OnvifPeerFactory
from tests.support.catalog import COND, add_cameras


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_sessions_and_a_sweep_that_returns_a_lost_console_s_camera(
        world: World, onvif_peer_factory: OnvifPeerFactory,
        capsys: pytest.CaptureFixture[str]) -> None:
    peer = onvif_peer_factory(credentials=None)
    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:
        s.execute(update(Camera).where(Camera.code == COND).values(ptz_address=peer.address,
                                                                    home_preset=None))
    now = world.clock.now()
    GrantService(world.db, world.clock).issue(
        INSTALLER, Grantee(user="zhangsan"), Scope("camera", COND), ["live", "ptz"],
        now - timedelta(hours=1), now + timedelta(hours=4), purpose="疏导", approver="周主任",
        reference="JT-1")
    _clear_must_change(world.db, "zhangsan")
    login = world.auth(T42).login("zhangsan", PASSWORD)
    assert login.ok
    lease = PtzService(world.db, world.clock).take(login.session.session_id, COND).lease  # type: ignore[union-attr]
    assert lease is not None
    driver = peer.driver()                       # the lost console had steered it away
    driver.continuous_move(Velocity(pan=1.0), 1.0)
    time.sleep(0.3)
    driver.stop()
    url = world.db.url.render_as_string(hide_password=False)

    assert main(["ptz", "sessions", "--open", "--database-url", url]) == 0
    line = capsys.readouterr().out.splitlines()[0].split("\t")
    assert line[1:5] == [COND, "zhangsan", "T-0042", "active"]
    # the session's last beat is the fixed test clock's, long ago: its console is lost
    assert main(["ptz", "sweep", "--database-url", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t")[:2] == [COND, "verified"] and out[-1] == \
        "1 camera(s) owed a return"
    state = peer.process.read_state(peer.name)
    assert state is not None and abs(state["pan"]) < 0.02
    assert main(["ptz", "sessions", "--database-url", url]) == 0
    fields = capsys.readouterr().out.splitlines()[0].split("\t")
    assert (fields[4], fields[8], fields[9]) == ("closed", Reason.PTZ_CONSOLE_LOST, "verified")
    assert main(["ptz", "sessions", "--faults", "--database-url", url]) == 0
    assert capsys.readouterr().out == "no PTZ sessions\n"
    assert main(["ptz", "sweep", "--database-url", url]) == 0
    assert capsys.readouterr().out == "0 camera(s) owed a return\n"


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
@pytest.mark.parametrize("args", [["sessions", "--limit", "0"], ["sessions", "--limit", "x"],
                                  ["sessions", "--open", "--faults"], ["jump"]])
def test_bad_arguments_exit_2_with_one_line(world: World, args: list[str],
                                            capsys: pytest.CaptureFixture[str]) -> None:
    url = world.db.url.render_as_string(hide_password=False)
    assert main(["ptz", *args, "--database-url", url]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1, err
    assert err[0].startswith(("error:", "main.py ptz")), err
