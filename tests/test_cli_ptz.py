"""``main.py ptz …`` through the centre: the PTZ sessions and a crash-recovery sweep run by
the centre (GET /ptz/sessions, POST /ptz/sweep — the centre's PTZ routes). A centre that does
not offer them (an older version) answers NO_SUCH_ENDPOINT: the command says so in one
line."""

from __future__ import annotations

import io
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy import update

from console.api.errors import Refused
from console.cli import ptz_cli
from console.cli.errors import CliFailedError
from console.cli.parser import build_parser
from console.codes import Reason
from console.grants.service import Grantee, GrantService, Scope
from console.ptz.driver import Velocity
from console.ptz.service import PtzService
from console.storage.models import Camera
from tests.conftest import INSTALLER, PASSWORD, T42, World
from tests.onvif_fixtures import OnvifPeerFactory
from tests.support.catalog import COND, add_cameras
from tests.support.cli import SUPERVISOR, CentreCli

SQLITE = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


@SQLITE
def test_sessions_and_a_sweep_that_returns_a_lost_console_s_camera(
        cli: CentreCli, world: World, onvif_peer_factory: OnvifPeerFactory) -> None:
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
    login = world.auth(T42).login("zhangsan", PASSWORD)
    assert login.ok
    lease = PtzService(world.db, world.clock).take(login.session.session_id, COND).lease  # type: ignore[union-attr]
    assert lease is not None
    driver = peer.driver()                       # the lost console had steered it away
    driver.continuous_move(Velocity(pan=1.0), 1.0)
    time.sleep(0.3)
    driver.stop()

    run = cli("ptz", "sessions", "--open", login=SUPERVISOR)
    assert run.code == 0, run.err
    assert run.out.splitlines()[0].split("\t")[1:5] == ["CAMERA", "OPERATOR", "TERMINAL",
                                                        "STATE"]
    assert run.out.splitlines()[1].split("\t")[1:5] == [COND, "zhangsan", "T-0042", "active"]
    # its console stops beating: after ptz_stale_seconds (10) on the centre's clock it is lost
    world.clock.advance(timedelta(seconds=11))
    run = cli("ptz", "sweep", login=SUPERVISOR)
    assert run.code == 0, run.err
    out = run.out.splitlines()
    assert out[0].split("\t")[:2] == ["CAMERA", "RESULT"]
    assert out[1].split("\t")[:2] == [COND, "verified"]
    assert out[-1] == "1 camera(s) owed a return"
    state = peer.process.read_state(peer.name)
    assert state is not None and abs(state["pan"]) < 0.02
    assert cli("ptz", "sessions", "--faults", login=SUPERVISOR).out == "no PTZ faults\n"
    assert cli("ptz", "sweep", login=SUPERVISOR).out == "0 camera(s) owed a return\n"


@SQLITE
@pytest.mark.parametrize("args", [["sessions", "--limit", "0"], ["sessions", "--limit", "x"],
                                  ["sessions", "--open", "--faults"], ["sweep", "--wait", "-1"],
                                  ["jump"]])
def test_bad_arguments_exit_2_with_one_line(cli: CentreCli, args: list[str]) -> None:
    before = cli.audit_count()
    run = cli("ptz", *args)
    assert run.code == 2 and len(run.err_lines) == 1, run.err
    assert run.err_lines[0].startswith(("error:", "main.py ptz")), run.err
    assert cli.audit_count() == before                  # never reached the centre


@pytest.mark.parametrize("command", ["sessions", "sweep"])
def test_a_centre_without_the_ptz_routes_is_said_in_one_line(command: str) -> None:
    def missing(*_args: Any, **_kw: Any) -> Any:
        raise Refused(Reason.NO_SUCH_ENDPOINT, "Not Found", status=404)

    admin = SimpleNamespace(ptz_sessions=missing, ptz_sweep=missing)
    env = SimpleNamespace(centre=lambda: SimpleNamespace(admin=admin), out=io.StringIO())
    args = build_parser().parse_args(["ptz", command])
    with pytest.raises(CliFailedError) as failure:
        ptz_cli.run(args, env)  # type: ignore[arg-type]
    assert str(failure.value) == (f"error: ptz {command}: this centre does not offer it "
                                  "through its API (NO_SUCH_ENDPOINT)")
