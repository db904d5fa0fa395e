"""The ONVIF driver (console/ptz/onvif_driver.py) against a real ONVIF peer on loopback
(ipycam through console.demo.onvif_peer): WS-Security digest, presets, moves, the travel
home and its verification, the fault switch, and every failure as a one-line PtzError that
never shows the password."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from lxml import etree

from console.catalog.credentials import Credentials
from console.demo.rtsp_spec import free_port
from console.ptz.driver import (
    PtzAuthError,
    PtzError,
    PtzPosition,
    PtzProtocolError,
    PtzUnreachableError,
    Velocity,
)
from console.ptz.drivers import open_driver
from console.ptz.endpoint import parse_ptz_address
from console.ptz.onvif_driver import (
    OnvifDriver,
    _clock_offset,
    _DigestToken,
    _status,
    xs_duration,
)
from tests.onvif_fixtures import PASSWORD, TRAVEL_S, OnvifPeer, OnvifPeerFactory

HOME = PtzPosition(0.0, 0.0, 0.0)


class Capture:
    """A zeep plugin that keeps every request it sends. zeep calls plugins before it adds
    the WS-Security header to the same element, so the text is made when asked for."""

    def __init__(self) -> None:
        self._sent: list[tuple[str, Any]] = []

    @property
    def sent(self) -> list[tuple[str, str]]:
        return [(name, etree.tostring(envelope, encoding="unicode"))
                for name, envelope in self._sent]

    def egress(self, envelope: Any, http_headers: Any, operation: Any,
               binding_options: Any) -> tuple[Any, Any]:
        self._sent.append((operation.name, envelope))
        return envelope, http_headers

    def ingress(self, envelope: Any, http_headers: Any, operation: Any) -> tuple[Any, Any]:
        return envelope, http_headers

    def requests(self, operation: str) -> list[str]:
        return [xml for name, xml in self.sent if name == operation]


def _move_away(driver: OnvifDriver) -> PtzPosition:
    driver.continuous_move(Velocity(pan=0.8, tilt=-0.6, zoom=0.5), timeout_s=5.0)
    time.sleep(0.25)
    driver.stop()
    position = driver.status().position
    assert position is not None and not position.near(HOME)
    return position


def _wait_idle(driver: OnvifDriver, timeout_s: float = 3.0) -> float:
    began = time.monotonic()
    while driver.status().moving:
        assert time.monotonic() - began < timeout_s, "still moving"
        time.sleep(0.02)
    return time.monotonic() - began


def test_digest_auth_connects_lazily_and_reads_the_status(onvif_peer: OnvifPeer) -> None:
    capture = Capture()
    driver = onvif_peer.driver(plugins=[capture])
    assert not driver.connected and capture.sent == []  # nothing until the first call
    status = driver.status()
    assert status.position == HOME and status.moving is False
    assert driver.connected and driver.profile_token == "Profile_Main"
    assert driver.clock_offset_s is not None and abs(driver.clock_offset_s) < 2.0
    assert [name for name, _ in capture.sent] == [
        "GetSystemDateAndTime", "GetSystemDateAndTime", "GetCapabilities", "GetProfiles",
        "GetStatus"]  # the peer wants the digest even for the clock
    signed = capture.requests("GetStatus")[0]
    assert "#PasswordDigest" in signed and "<wsse:Nonce" in signed
    assert PASSWORD not in "".join(xml for _, xml in capture.sent)
    assert "Security" not in capture.sent[0][1]  # the first clock request is anonymous


def test_a_wrong_password_is_an_auth_error_that_does_not_show_it(
        onvif_peer: OnvifPeer) -> None:
    driver = onvif_peer.driver(credentials=Credentials("operator", "Wrong#Pass-123"))
    with pytest.raises(PtzAuthError) as caught:
        driver.status()
    message = str(caught.value)
    assert "\n" not in message and "Wrong#Pass-123" not in message and PASSWORD not in message
    assert message.startswith(f"ONVIF GetSystemDateAndTime on {onvif_peer.endpoint.netloc}:")
    assert "refused the credentials of user 'operator'" in message
    with pytest.raises(PtzAuthError, match="requires credentials and none are stored"):
        onvif_peer.driver(credentials=None).presets()


def test_without_credentials_an_open_camera_answers(
        onvif_peer_factory: OnvifPeerFactory) -> None:
    peer = onvif_peer_factory(credentials=None)
    capture = Capture()
    driver = peer.driver(plugins=[capture])
    assert driver.status().position == HOME
    assert not any("Security" in xml for _, xml in capture.sent)


def test_nothing_listening_is_unreachable_at_once() -> None:
    port = free_port()
    driver = OnvifDriver(parse_ptz_address(f"onvif://127.0.0.1:{port}"),
                         Credentials("operator", PASSWORD))
    began = time.monotonic()
    with pytest.raises(PtzUnreachableError,
                       match=rf"^ONVIF GetSystemDateAndTime on 127\.0\.0\.1:{port}: "
                             r"connection refused$"):
        driver.goto_home()
    assert time.monotonic() - began < 1.0
    driver.close()


def test_a_silent_camera_is_unreachable_after_the_timeout() -> None:
    with socket.socket() as listener:  # accepts connections (backlog), never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        port = listener.getsockname()[1]
        driver = OnvifDriver(parse_ptz_address(f"onvif://127.0.0.1:{port}"), None,
                             timeout_s=0.6)
        began = time.monotonic()
        with pytest.raises(PtzUnreachableError, match=r"no reply within 0\.4 s$"):
            driver.status()
        assert time.monotonic() - began < 1.5
        driver.close()


@pytest.fixture
def garbage_server() -> Iterator[int]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            body = b"<html><body>not SOAP"
            self.send_response(200)
            self.send_header("Content-Type", "application/soap+xml")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_an_unreadable_reply_is_a_protocol_error(garbage_server: int) -> None:
    driver = OnvifDriver(parse_ptz_address(f"onvif://127.0.0.1:{garbage_server}"),
                         Credentials("operator", PASSWORD))
    with pytest.raises(PtzProtocolError, match=f"on 127.0.0.1:{garbage_server}: ") as caught:
        driver.status()
    assert "\n" not in str(caught.value) and PASSWORD not in str(caught.value)
    driver.close()


def test_presets_contain_home_with_its_position(onvif_peer: OnvifPeer) -> None:
    presets = {p.token: p for p in onvif_peer.driver().presets()}
    assert presets["home"].name == "Home"
    assert presets["home"].position == HOME


def test_continuous_move_then_stop(onvif_peer: OnvifPeer) -> None:
    driver = onvif_peer.driver()
    driver.continuous_move(Velocity(pan=0.6, tilt=0.4, zoom=0.3), timeout_s=5.0)
    time.sleep(0.2)
    during = driver.status()
    assert during.moving is True
    driver.stop()
    after = driver.status()
    assert after.moving is False
    assert after.position is not None and after.position.pan > 0.05
    assert after.position.tilt > 0.03 and after.position.zoom > 0.02
    time.sleep(0.15)
    assert driver.status().position == after.position  # stopped means stopped


def test_continuous_move_sends_the_timeout_and_the_camera_honours_it(
        onvif_peer: OnvifPeer) -> None:
    capture = Capture()
    driver = onvif_peer.driver(plugins=[capture])
    driver.continuous_move(Velocity(pan=-0.5), timeout_s=1.5)
    driver.stop()
    (request,) = capture.requests("ContinuousMove")
    assert ">PT1.5S</" in request and "Timeout" in request
    began = time.monotonic()
    driver.continuous_move(Velocity(pan=0.5), timeout_s=0.6)  # no Stop: the camera stops
    assert driver.status().moving is True
    _wait_idle(driver)
    assert 0.55 < time.monotonic() - began < 1.5
    first = driver.status()
    time.sleep(0.1)
    assert driver.status().position == first.position


def test_goto_preset_home_travels_back_and_the_status_verifies_it(
        onvif_peer: OnvifPeer) -> None:
    driver = onvif_peer.driver()
    away = _move_away(driver)
    driver.goto_preset("home")
    on_the_way = driver.status()
    assert on_the_way.moving is True
    assert on_the_way.position is not None and not on_the_way.position.near(HOME)
    took = _wait_idle(driver)
    final = driver.status()
    assert final.moving is False and final.position is not None
    assert final.position.near(HOME), (away, final)
    assert TRAVEL_S * 0.6 < took < TRAVEL_S * 3


def test_goto_home_position(onvif_peer: OnvifPeer) -> None:
    driver = onvif_peer.driver()
    _move_away(driver)
    driver.goto_home()
    assert driver.status().moving is True
    _wait_idle(driver)
    position = driver.status().position
    assert position is not None and position.near(HOME)


def test_an_unknown_preset_is_a_protocol_error(onvif_peer: OnvifPeer) -> None:
    with pytest.raises(PtzProtocolError, match=r"GotoPreset on .*SOAP fault: No such "
                                               r"PresetToken: gate-7$"):
        onvif_peer.driver().goto_preset("gate-7")


def test_a_camera_that_ignores_goto_stays_away(onvif_peer: OnvifPeer) -> None:
    driver = onvif_peer.driver()
    away = _move_away(driver)
    onvif_peer.process.set_ignore_goto(onvif_peer.name, True)
    driver.goto_preset("home")  # answers OK ...
    driver.goto_home()
    time.sleep(TRAVEL_S + 0.2)
    status = driver.status()  # ... and stays where it was
    assert status.moving is False and status.position == away
    onvif_peer.process.set_ignore_goto(onvif_peer.name, False)  # healed
    driver.goto_preset("home")
    _wait_idle(driver)
    healed = driver.status().position
    assert healed is not None and healed.near(HOME)


def test_ignore_goto_from_the_start(onvif_peer_factory: OnvifPeerFactory) -> None:
    peer = onvif_peer_factory(ignore_goto=["cam"], travel_seconds=0)
    driver = peer.driver()
    away = _move_away(driver)
    driver.goto_home()
    time.sleep(0.1)
    assert driver.status().position == away


def test_device_return_is_refused_without_touching_the_network() -> None:
    driver = OnvifDriver(parse_ptz_address(f"onvif://127.0.0.1:{free_port()}"), None)
    result = driver.enable_device_return("home", 120)
    assert result.enabled is False and "no standard" in result.detail
    assert not driver.connected


def test_a_closed_driver_refuses_calls(onvif_peer: OnvifPeer) -> None:
    driver = onvif_peer.driver()
    driver.status()
    driver.close()
    with pytest.raises(PtzError, match="is closed"):
        driver.status()


def test_open_driver_by_protocol() -> None:
    driver = open_driver(parse_ptz_address("onvif://127.0.0.1:8581"), None, timeout_s=1.0)
    assert isinstance(driver, OnvifDriver) and driver.protocol == "onvif"
    assert driver.position_feedback is True
    with pytest.raises(PtzError, match=r"^Hikvision ISAPI PTZ driver not available in this "
                                       r"version"):
        open_driver(parse_ptz_address("isapi://10.0.0.7/1"), None)
    # GB/T 28181 is opened by console/ptz/connect.py with the platform account
    # (tests/test_ptz_gb28181.py); never straight to a camera
    with pytest.raises(PtzError, match=r"^GB/T 28181 PTZ goes through the city platform"):
        open_driver(parse_ptz_address("gb28181://34020000001320000001"), None)


def test_the_digest_is_dated_by_the_camera_clock() -> None:
    reply = SimpleNamespace(UTCDateTime=SimpleNamespace(
        Date=SimpleNamespace(Year=2030, Month=1, Day=2),
        Time=SimpleNamespace(Hour=3, Minute=4, Second=5)))
    offset = _clock_offset(reply)
    expected = (datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC) - datetime.now(UTC)).total_seconds()
    assert abs(offset - expected) < 1.0
    assert _clock_offset(SimpleNamespace()) == 0.0
    token = _DigestToken(Credentials("operator", PASSWORD), offset_s=3600.0)
    envelope = etree.fromstring(
        '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header/>'
        "<s:Body/></s:Envelope>")
    token.apply(envelope, {})
    created = envelope.findtext(".//{*}Created")
    assert created is not None and created.endswith("Z")
    stamped = datetime.fromisoformat(created.replace("Z", "+00:00"))
    assert abs((stamped - datetime.now(UTC) - timedelta(hours=1)).total_seconds()) < 5


def test_status_parsing_tolerates_missing_parts() -> None:
    position = SimpleNamespace(PanTilt=SimpleNamespace(x=0.5, y=-0.25),
                               Zoom=SimpleNamespace(x=0.1))
    unknown = _status(SimpleNamespace(Position=position,
                                      MoveStatus=SimpleNamespace(PanTilt="UNKNOWN", Zoom=None)))
    assert unknown.moving is False and unknown.position == PtzPosition(0.5, -0.25, 0.1)
    assert _status(SimpleNamespace(Position=position, MoveStatus=None)).moving is False
    assert _status(SimpleNamespace(Position=position, MoveStatus="MOVING")).moving is True
    assert _status(SimpleNamespace(
        Position=None, MoveStatus=SimpleNamespace(PanTilt="IDLE", Zoom="MOVING"))) == (
        _status(SimpleNamespace(Position=None, MoveStatus="MOVING")))
    assert _status(SimpleNamespace(Position=None, MoveStatus=None)).position is None


def test_xs_duration() -> None:
    assert [xs_duration(s) for s in (1.5, 2, 0.25, 10.0)] == [
        "PT1.5S", "PT2S", "PT0.25S", "PT10S"]
    with pytest.raises(ValueError, match="positive"):
        xs_duration(0)
