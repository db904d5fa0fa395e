"""The gb28181:// PTZ driver through WVP's front-end API (the contract peer): moves always
carry zoomSpeed, presets are queried and called, and a return home through the platform is
commanded, not verified — never "verified" (GB/T 28181 reads no position back)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.platforms.wvp import PLATFORM_SECRET, WvpAccount, WvpClient
from console.ptz.connect import camera_driver
from console.ptz.driver import PtzError, PtzProtocolError, Velocity
from console.ptz.gb28181_driver import GbPtzDriver, move_command
from console.ptz.homing import resolve_home, send_home
from console.ptz.rules import ReturnResult
from console.ptz.service import CameraLink
from console.secrets import FileSecretStore
from tests.support.wvp_peer import Channel, WvpPeer, camera_code

NVR = "34020000001180000001"
DOME = camera_code("32050801", 1)


@pytest.fixture
def peer() -> Iterator[WvpPeer]:
    with WvpPeer() as p:
        p.add_device(NVR, "平江 NVR", [Channel(DOME, "球机", "32050801", ptz_type=1)])
        p.presets[DOME] = [(1, "看守位"), (2, "路口")]
        yield p


@pytest.fixture
def driver(peer: WvpPeer) -> GbPtzDriver:
    return GbPtzDriver(WvpClient(WvpAccount(peer.url, peer.username, peer.password)), NVR, DOME)


def test_move_commands_always_carry_zoom_speed() -> None:
    assert move_command(Velocity(pan=-0.5)) == ("left", 128, 0, 0)
    assert move_command(Velocity(pan=1.0, tilt=1.0)) == ("upright", 255, 255, 0)
    assert move_command(Velocity(tilt=-0.2, pan=0.3)) == ("downright", 76, 51, 0)
    assert move_command(Velocity(zoom=1.0)) == ("zoomin", 0, 0, 15)
    assert move_command(Velocity(zoom=-0.4)) == ("zoomout", 0, 0, 6)
    assert move_command(Velocity()) == ("stop", 0, 0, 0)


def test_moves_presets_and_stop_through_the_platform(driver: GbPtzDriver,
                                                     peer: WvpPeer) -> None:
    driver.continuous_move(Velocity(pan=0.5, tilt=0.5), timeout_s=1.0)
    driver.continuous_move(Velocity(zoom=1.0), timeout_s=1.0)
    driver.stop()
    assert [(w, q["command"], q["zoomSpeed"]) for w, _, q in peer.ptz] == [
        ("ptz", "upright", "0"), ("ptz", "zoomin", "15"), ("ptz", "stop", "0")]
    assert [(p.token, p.name) for p in driver.presets()] == [("1", "看守位"), ("2", "路口")]
    driver.goto_preset("2")
    assert peer.ptz[-1] == ("preset/call", DOME, {"presetId": "2"})
    with pytest.raises(PtzError):
        driver.goto_preset("0")


def test_a_move_without_zoom_speed_is_what_wvp_refuses(peer: WvpPeer) -> None:
    """Why the driver always sends it: WVP's default (16) fails its own 0-15 check."""
    client = WvpClient(WvpAccount(peer.url, peer.username, peer.password))
    with pytest.raises(Exception, match="combindCode2"):
        client.get(f"/api/front-end/ptz/{NVR}/{DOME}", {"command": "left"})


def test_the_return_home_is_commanded_not_verified(driver: GbPtzDriver,
                                                   peer: WvpPeer) -> None:
    home = resolve_home(driver, 1)
    attempt = send_home(driver, home)
    assert attempt.result == ReturnResult.UNVERIFIED != ReturnResult.VERIFIED
    assert attempt.status is None and "no position" in attempt.detail
    assert [w for w, _, _ in peer.ptz] == ["ptz", "preset/call"]     # stop, then preset 1
    assert peer.ptz[-1][2] == {"presetId": "1"}


def test_the_camera_s_own_return_is_set_through_the_platform(driver: GbPtzDriver,
                                                              peer: WvpPeer) -> None:
    result = driver.enable_device_return("1", 120)
    assert result.enabled
    assert peer.ptz[-1] == ("home_position", DOME, {
        "deviceId": NVR, "channelId": DOME, "enabled": "true", "resetTime": "120",
        "presetIndex": "1"})


def test_an_unknown_device_is_a_protocol_error(peer: WvpPeer) -> None:
    client = WvpClient(WvpAccount(peer.url, peer.username, peer.password))
    driver = GbPtzDriver(client, "34020000001180000099", DOME)
    with pytest.raises(PtzProtocolError, match="不存在"):
        driver.stop()


def test_the_centre_opens_it_with_the_platform_account(peer: WvpPeer, tmp_path: Path) -> None:
    secrets = FileSecretStore(tmp_path / "secrets.json")
    link = CameraLink(1, DOME, "球机", f"gb28181://{NVR}/{DOME}", False, 1)
    with pytest.raises(PtzError, match="no platform is set up"):
        camera_driver(secrets)(link)
    secrets.set(PLATFORM_SECRET, WvpAccount(peer.url, peer.username,
                                            peer.password).to_secret())
    driver = camera_driver(secrets)(link)
    assert isinstance(driver, GbPtzDriver) and not driver.position_feedback
    driver.stop()
    assert peer.ptz[-1][:2] == ("ptz", DOME)


def test_a_device_that_does_not_answer_the_preset_query_still_goes_home(peer: WvpPeer) -> None:
    """WVP #1635: many devices never answer the preset query (3 s, then 100 超时). The
    catalogue's home preset is called anyway, and the return stays unverified."""
    peer.silent_presets.add(DOME)
    client = WvpClient(WvpAccount(peer.url, peer.username, peer.password))
    driver = GbPtzDriver(client, NVR, DOME, home_preset=7)
    attempt = send_home(driver, resolve_home(driver, 7))
    assert attempt.result == ReturnResult.UNVERIFIED
    assert peer.ptz[-1] == ("preset/call", DOME, {"presetId": "7"})
    without = GbPtzDriver(client, NVR, DOME)          # no home preset: nothing to call
    with pytest.raises(PtzError):
        without.presets()
