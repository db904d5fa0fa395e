"""The loopback ONVIF peer (console/demo/onvif_peer.py) and its handle
(console/demo/onvif_peer_process.py): ready line, state files, presets per camera, the fault
switch, port in use, kill and restart, exit with its parent, and no socket beyond its TCP
listeners on 127.0.0.1 (no WS-Discovery, no multicast)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from console.catalog.credentials import Credentials
from console.demo.onvif_peer import parse_args, parse_duration
from console.demo.onvif_peer_process import ROOT, OnvifPeerError, OnvifPeerProcess
from console.ptz.driver import PtzPosition, PtzUnreachableError, Velocity
from console.ptz.endpoint import parse_ptz_address
from console.ptz.onvif_driver import OnvifDriver
from tests.onvif_fixtures import PASSWORD, TRAVEL_S, OnvifPeer, OnvifPeerFactory

HOME = {"pan": 0.0, "tilt": 0.0, "zoom": 0.0, "moving": False}


def _listening(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_ready_with_free_ports_and_a_state_file_each(
        onvif_peer_factory: OnvifPeerFactory) -> None:
    peer = onvif_peer_factory(cameras={"north": 0, "south": 0})
    process = peer.process
    ports = process.ports
    assert set(ports) == {"north", "south"} and len(set(ports.values())) == 2
    assert all(_listening(port) for port in ports.values())
    assert process.address("south") == f"onvif://127.0.0.1:{ports['south']}"
    for name in ports:
        assert process.read_state(name) == HOME  # written before "ready"
        assert process.state_file(name) == process.workdir / f"{name}.json"
        home = json.loads((process.workdir / name / "ptz_presets.json").read_text())["home"]
        assert (home["pan"], home["tilt"], home["zoom"]) == (0.0, 0.0, 0.0)
    assert not (process.workdir / "ptz_presets.json").exists()


def test_the_state_file_follows_moves_and_travel(onvif_peer: OnvifPeer) -> None:
    process, name = onvif_peer.process, onvif_peer.name
    driver = onvif_peer.driver()
    driver.continuous_move(Velocity(pan=0.9, zoom=0.6), timeout_s=5)
    moving = process.wait_state(name, lambda s: s["moving"] and s["pan"] > 0.05, 2.0)
    assert moving["zoom"] > 0
    driver.stop()
    stopped = process.wait_state(name, lambda s: not s["moving"], 1.0)
    driver.goto_preset("home")
    travelling = process.wait_state(name, lambda s: s["moving"], 1.0)
    assert 0 < travelling["pan"] <= stopped["pan"]
    began = time.monotonic()
    assert process.wait_state(name, lambda s: not s["moving"], 3.0) == HOME
    assert time.monotonic() - began < TRAVEL_S * 2


def test_each_camera_has_its_own_presets_and_home_is_put_back(tmp_path: Path) -> None:
    workdir = tmp_path / "peer"
    (workdir / "gate").mkdir(parents=True)
    (workdir / "gate" / "ptz_presets.json").write_text(json.dumps({
        "home": {"token": "home", "name": "Home", "pan": 0.5, "tilt": 0.5, "zoom": 0.5},
        "door": {"token": "door", "name": "Door", "pan": -0.3, "tilt": 0.2, "zoom": 0.1}}))
    with OnvifPeerProcess({"gate": 0, "yard": 0}, workdir, travel_seconds=0) as process:
        gate = OnvifDriver(parse_ptz_address(process.address("gate")), None)
        yard = OnvifDriver(parse_ptz_address(process.address("yard")), None)
        presets = {p.token: p.position for p in gate.presets()}
        assert presets == {"home": PtzPosition(0.0, 0.0, 0.0),
                           "door": PtzPosition(-0.3, 0.2, 0.1)}
        assert [p.token for p in yard.presets()] == ["home"]
        gate.goto_preset("door")  # travel 0: a teleport, as ipycam does
        assert gate.status() == gate.status().__class__(PtzPosition(-0.3, 0.2, 0.1), False)
        assert process.wait_state("gate", lambda s: s["pan"] == -0.3, 1.0)["moving"] is False
        assert process.read_state("yard") == HOME
        gate.close()
        yard.close()
    stored = json.loads((workdir / "gate" / "ptz_presets.json").read_text())
    assert stored["home"]["pan"] == 0.0 and "door" in stored


def test_set_preset_keeps_the_token_it_is_given(onvif_peer: OnvifPeer) -> None:
    """ipycam itself ignores a given PresetToken (it looks for an attribute) and its reply
    used an undeclared prefix; the peer's SetPreset honours the token and parses."""
    driver = onvif_peer.driver()
    driver.continuous_move(Velocity(pan=0.9), timeout_s=5)
    time.sleep(0.15)
    driver.stop()
    where = driver.status().position
    driver.status()
    connection = driver._connection  # the driver has no SetPreset: use its PTZ service
    assert connection is not None
    token = connection.ptz.SetPreset(ProfileToken=connection.profile, PresetName="Gate",
                                     PresetToken="gate")
    assert token == "gate"
    presets = {p.token: p for p in driver.presets()}
    assert presets["gate"].name == "Gate" and presets["gate"].position == where
    stored = json.loads((onvif_peer.process.workdir / "cam" / "ptz_presets.json").read_text())
    assert stored["gate"]["pan"] == pytest.approx(where.pan if where else None)


def test_the_fault_switch_is_read_while_running(onvif_peer: OnvifPeer) -> None:
    process, name = onvif_peer.process, onvif_peer.name
    driver = onvif_peer.driver()
    driver.continuous_move(Velocity(tilt=0.9), timeout_s=5)
    process.wait_state(name, lambda s: s["tilt"] > 0.1, 2.0)
    driver.stop()
    away = process.wait_state(name, lambda s: not s["moving"], 1.0)
    process.set_ignore_goto(name, True)
    assert json.loads(process.control_file(name).read_text()) == {"ignore_goto": True}
    driver.goto_home()
    time.sleep(TRAVEL_S + 0.1)
    assert process.read_state(name) == away
    process.set_ignore_goto(name, False)
    driver.goto_home()
    assert process.wait_state(name, lambda s: s == HOME, TRAVEL_S * 3) == HOME


def test_a_port_in_use_is_named(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        process = OnvifPeerProcess({"cam": port}, tmp_path)
        with pytest.raises(OnvifPeerError, match=rf"^port {port} is in use \(camera cam\)$"):
            process.start()
        assert not process.alive and process.exit_code == 3


def test_bad_arguments_are_reported(tmp_path: Path) -> None:
    process = OnvifPeerProcess({"bad name": 0}, tmp_path)
    with pytest.raises(OnvifPeerError, match=r"did not start \(exit 2\).*NAME=PORT"):
        process.start()
    with pytest.raises(SystemExit):
        parse_args(["--workdir", str(tmp_path), "--camera", "a=1", "--user", "u",
                    "--password-env", "CONSOLE_TEST_UNSET_VARIABLE"])
    with pytest.raises(SystemExit):
        parse_args(["--workdir", str(tmp_path), "--camera", "a=1", "--ignore-goto", "b"])
    with pytest.raises(SystemExit):
        parse_args(["--workdir", str(tmp_path), "--camera", "a=1", "--camera", "a=2"])


def test_the_password_is_not_on_the_command_line(onvif_peer: OnvifPeer) -> None:
    pid = onvif_peer.process.pid
    assert pid is not None
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode()
    assert PASSWORD not in cmdline and "--password-env" in cmdline
    assert "--watch-parent" in cmdline


def test_kill_then_start_again_on_the_same_port(onvif_peer: OnvifPeer) -> None:
    process = onvif_peer.process
    port = process.port("cam")
    driver = onvif_peer.driver()
    assert driver.status().moving is False
    process.kill()
    assert not process.alive and process.exit_code == -9
    assert not _listening(port)
    with pytest.raises(PtzUnreachableError, match="connection refused"):
        driver.status()
    process.start()
    assert process.port("cam") == port
    assert driver.status().position == PtzPosition(0.0, 0.0, 0.0)  # same driver reconnects


def test_sigterm_is_a_clean_exit(onvif_peer: OnvifPeer) -> None:
    process = onvif_peer.process
    began = time.monotonic()
    process.close()
    assert process.exit_code == 0 and not process.alive
    assert time.monotonic() - began < 1.0


def test_it_exits_with_its_parent(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from console.demo.onvif_peer_process import OnvifPeerProcess\n"
        f"p = OnvifPeerProcess({{'cam': 0}}, Path({str(tmp_path)!r}), travel_seconds=0)\n"
        "p.start()\n"
        "print(p.pid, p.port('cam'), flush=True)\n"
        "time.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        pid, port = map(int, parent.stdout.readline().split())
        assert _listening(port)
    finally:
        parent.kill()
        parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
    deadline = time.monotonic() + 3.0
    while _running(pid):
        assert time.monotonic() < deadline, "the peer outlived its parent"
        time.sleep(0.05)
    assert not _listening(port)


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def _socket_inodes(pid: int) -> set[str]:
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[len("socket:["):-1])
    return inodes


def _sockets(pid: int, table: str) -> list[list[str]]:
    lines = Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]
    return [line.split() for line in lines]


def test_only_loopback_tcp_listeners_no_udp(onvif_peer_factory: OnvifPeerFactory) -> None:
    """ipycam's WS-Discovery would bind UDP 3702 and join 239.255.255.250: the peer never
    starts it, so the process owns no UDP socket at all."""
    peer = onvif_peer_factory(cameras={"a": 0, "b": 0})
    peer.driver(credentials=Credentials("operator", PASSWORD)).status()
    pid = peer.process.pid
    assert pid is not None
    mine = _socket_inodes(pid)
    assert mine
    for table in ("udp", "udp6", "raw", "raw6"):
        assert not [row for row in _sockets(pid, table) if row[9] in mine], table
    assert not [row for row in _sockets(pid, "tcp6") if row[9] in mine]
    listeners = {row[1] for row in _sockets(pid, "tcp") if row[9] in mine and row[3] == "0A"}
    assert listeners == {f"0100007F:{port:04X}" for port in peer.process.ports.values()}


def test_parse_duration() -> None:
    assert parse_duration("PT1.5S") == 1.5
    assert parse_duration("PT2M") == 120
    assert parse_duration("PT1H0.5S") == 3600.5
    assert parse_duration("PT") is None and parse_duration("P1D") is None
    assert parse_duration("soon") is None


def test_demo_presets_make_preset_1_the_home_the_catalogue_names(tmp_path: Path) -> None:
    from console.ptz.endpoint import parse_ptz_address
    from console.ptz.onvif_driver import OnvifDriver
    from console.ptz.rules import home_target

    with OnvifPeerProcess({"dome": 0}, tmp_path / "peer", demo_presets=True) as peer:
        peer.start()
        driver = OnvifDriver(parse_ptz_address(peer.address("dome")), None)
        try:
            presets = {p.token: p for p in driver.presets()}
            assert presets["1"].name == "看守位" and {"2", "3", "4", "home"} <= set(presets)
            target = home_target(1, list(presets.values()))   # the demo catalogue's 看守位
            assert target.token == "1" and target.note == ""
            driver.goto_preset("2")
            state = peer.wait_state("dome", lambda st: st["pan"] > 0.5 and not st["moving"])
            assert abs(state["zoom"] - 0.4) < 0.02
        finally:
            driver.close()
