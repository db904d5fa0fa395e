"""The WVP-GB28181-pro client against the contract peer (tests/support/wvp_peer.py): login
with the MD5 password, logging in again before the 60-minute token ends and after a 401,
WVP's error codes and broken platforms as one error with a reason code."""

from __future__ import annotations

import socket
from datetime import UTC, datetime, timedelta

import pytest

from console.clock import FixedClock
from console.codes import Reason
from console.platforms.wvp import WvpAccount, WvpClient, WvpError, password_md5
from tests.support.wvp_peer import Channel, Region, WvpPeer, camera_code

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def peer():
    with WvpPeer() as p:
        p.add_device("34020000001180000001", "NVR 1", [
            Channel(camera_code("32050801", 1), "干将路 1", "32050801"),
            Channel(camera_code("32050801", 2), "干将路 2", "32050801", status="OFF")])
        yield p


def client(peer: WvpPeer, clock: FixedClock | None = None, **kw) -> WvpClient:
    return WvpClient(WvpAccount(peer.url, peer.username, peer.password),
                     clock=clock or FixedClock(T0), **kw)


def test_login_sends_the_lowercase_md5_and_uses_the_token(peer: WvpPeer) -> None:
    assert password_md5("Wvp@2026") == password_md5("Wvp@2026").lower()
    assert len(password_md5("x")) == 32
    c = client(peer)
    devices = c.devices()
    assert [(d.device_id, d.online) for d in devices] == [("34020000001180000001", True)]
    channels = c.channels("34020000001180000001")
    assert [(ch.name, ch.online, ch.civil_code) for ch in channels] == [
        ("干将路 1", True, "32050801"), ("干将路 2", False, "32050801")]
    assert peer.logins == 1 and peer.unauthorised == 0


def test_a_wrong_password_is_a_login_refusal_without_the_password(peer: WvpPeer) -> None:
    c = WvpClient(WvpAccount(peer.url, "admin", "wrong-secret"), clock=FixedClock(T0))
    with pytest.raises(WvpError) as caught:
        c.devices()
    assert caught.value.reason == Reason.PLATFORM_LOGIN_FAILED
    assert caught.value.code == 100
    text = str(caught.value)
    assert "wrong-secret" not in text and password_md5("wrong-secret") not in text
    assert "\n" not in text


def test_logs_in_again_before_the_token_expires(peer: WvpPeer) -> None:
    clock = FixedClock(T0)
    c = client(peer, clock)
    c.devices()
    clock.advance(timedelta(minutes=54))
    c.devices()
    assert peer.logins == 1
    clock.advance(timedelta(minutes=2))      # 56 min: within WVP's 5-minute "expiring soon"
    c.devices()
    assert peer.logins == 2 and peer.unauthorised == 0


def test_logs_in_again_once_after_a_401(peer: WvpPeer) -> None:
    c = client(peer)
    c.devices()
    peer.expire_tokens()                     # the platform restarted or has a shorter timeout
    assert [d.device_id for d in c.devices()] == ["34020000001180000001"]
    assert peer.unauthorised == 1 and peer.logins == 2


def test_token_lifetime_set_on_the_peer_expires_tokens() -> None:
    with WvpPeer(token_lifetime_s=0.0) as p:    # every token is already expired
        c = WvpClient(WvpAccount(p.url, p.username, p.password), clock=FixedClock(T0))
        with pytest.raises(WvpError) as caught:
            c.devices()
    assert caught.value.reason == Reason.PLATFORM_LOGIN_FAILED
    assert "401" in str(caught.value)
    assert p.logins == 2                      # logged in again once, not in a loop


def test_486_is_a_device_timeout(peer: WvpPeer) -> None:
    peer.timeout_devices.add("34020000001180000001")
    with pytest.raises(WvpError) as caught:
        client(peer).channels("34020000001180000001")
    assert (caught.value.reason, caught.value.code) == (Reason.PLATFORM_DEVICE_TIMEOUT, 486)
    assert "486" in str(caught.value) and "超时或无响应" in str(caught.value)


def test_unknown_path_is_not_found(peer: WvpPeer) -> None:
    c = client(peer)
    with pytest.raises(WvpError) as caught:
        c.get("/api/no/such/endpoint")
    assert caught.value.reason == Reason.PLATFORM_NOT_FOUND


def test_malformed_json(peer: WvpPeer) -> None:
    peer.malformed = True
    with pytest.raises(WvpError) as caught:
        client(peer).devices()
    assert caught.value.reason == Reason.PLATFORM_MALFORMED
    assert "malformed" in str(caught.value)


def test_platform_down() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]          # nothing listens once it is closed
    c = WvpClient(WvpAccount(f"http://127.0.0.1:{port}", "admin", "pw"), clock=FixedClock(T0))
    with pytest.raises(WvpError) as caught:
        c.devices()
    assert caught.value.reason == Reason.PLATFORM_UNREACHABLE
    assert "pw" not in str(caught.value).split("127.0.0.1")[0]
    assert password_md5("pw") not in str(caught.value)


def test_slow_platform(peer: WvpPeer) -> None:
    peer.slow_s = 1.0
    with pytest.raises(WvpError) as caught:
        client(peer, timeout=0.3).devices()   # the default is 10 s; the rule is the same
    assert caught.value.reason == Reason.PLATFORM_SLOW
    assert "within 0.3 s" in str(caught.value)


def test_paging_over_many_channels(peer: WvpPeer) -> None:
    peer.add_device("34020000001180000002", "NVR 2", [
        Channel(camera_code("32050802", n), f"cam {n}", "32050802") for n in range(1, 1203)])
    channels = client(peer, page_size=500).channels("34020000001180000002")
    assert len(channels) == 1202
    assert len({c.channel_id for c in channels}) == 1202
    assert peer.requests.count("/api/device/query/devices/34020000001180000002/channels") == 3


def test_region_tree_is_read_to_the_leaves(peer: WvpPeer) -> None:
    peer.regions = [Region(1, "32", "江苏省"), Region(2, "3205", "苏州市", 1),
                    Region(3, "320508", "姑苏区", 2), Region(4, "32050801", "平江街道", 3)]
    regions = client(peer).regions()
    assert sorted((r.code, r.name) for r in regions) == [
        ("32", "江苏省"), ("3205", "苏州市"), ("320508", "姑苏区"), ("32050801", "平江街道")]


def test_the_password_is_not_in_the_repr() -> None:
    account = WvpAccount("http://wvp", "admin", "s3cret!")
    assert "s3cret!" not in repr(account)
    assert WvpAccount.from_secret(account.to_secret()) == account


@pytest.mark.parametrize(("status", "code", "msg", "reason"), [
    # ControllerException / IllegalArgumentException: HTTP 200 (GlobalExceptionHandler.java)
    (200, 100, "失败", Reason.PLATFORM_FAILED),
    # Assert.notNull(device, "设备[…]不存在"): the device or channel is unknown
    (200, 100, "设备[34020000001180000001]不存在", Reason.PLATFORM_NOT_FOUND),
    # IllegalStateException, a method not supported: HTTP 400
    (400, 400, "参数或方法错误", Reason.PLATFORM_BAD_REQUEST),
    # any other exception: HTTP 500 with the exception's message
    (500, 500, "java.lang.NullPointerException", Reason.PLATFORM_ERROR),
    (200, 486, "超时或无响应", Reason.PLATFORM_DEVICE_TIMEOUT),
    (200, 999, "?", Reason.PLATFORM_ERROR),
])
def test_wvp_codes_become_reasons(peer: WvpPeer, status: int, code: int, msg: str,
                                  reason: Reason) -> None:
    peer.forced["/api/device/query/devices"] = (status, code, msg)
    with pytest.raises(WvpError) as caught:
        client(peer).devices()
    assert (caught.value.reason, caught.value.code) == (reason, code)
    assert str(caught.value) == (f"platform {peer.url}: /api/device/query/devices failed: "
                                 f"{code} {msg}")


def test_play_start_gives_the_media_server_rtsp_address_which_plays(peer: WvpPeer,
                                                                    rtsp_server) -> None:
    """The peer's media server is the loopback GStreamer RTSP server: the address WVP
    hands back is one the centre's gateway can pull."""
    import json as _json
    import subprocess

    dome = camera_code("32050801", 1)
    peer.media_url = lambda d, c: rtsp_server.url("live")
    c = client(peer)
    stream = c.play_start("34020000001180000001", dome)
    assert stream.rtsp == rtsp_server.url("live") and stream.app == "rtp"
    assert stream.stream == f"34020000001180000001_{dome}" and stream.video_codec == "H264"
    assert peer.playing == {("34020000001180000001", dome)}
    probe = subprocess.run(
        ["ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-select_streams", "v:0",
         "-show_entries", "stream=codec_name", "-of", "json", stream.rtsp],
        capture_output=True, text=True, timeout=20, check=True)
    assert _json.loads(probe.stdout)["streams"][0]["codec_name"] == "h264"
    c.play_stop("34020000001180000001", dome)
    assert peer.playing == set()


def test_play_start_failures(peer: WvpPeer) -> None:
    dome = camera_code("32050801", 1)
    c = client(peer)
    with pytest.raises(WvpError) as caught:
        c.play_start("34020000001180000001", camera_code("32050801", 99))
    assert caught.value.reason == Reason.PLATFORM_NOT_FOUND and "通道不存在" in str(caught.value)
    peer.play_timeout.add(dome)
    with pytest.raises(WvpError) as caught:
        c.play_start("34020000001180000001", dome)
    assert caught.value.reason == Reason.PLATFORM_FAILED and "点播超时" in str(caught.value)
    peer.play_timeout.clear()
    peer.media_url = lambda d, ch: None             # the media server's RTSP port is off
    with pytest.raises(WvpError) as caught:
        c.play_start("34020000001180000001", dome)
    assert caught.value.reason == Reason.PLATFORM_NO_MEDIA_URL
