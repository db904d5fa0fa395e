"""A small WVP-GB28181-pro contract server for the tests (WVP itself needs Java, MySQL, Redis
and ZLMediaKit). It answers the calls console/platforms/wvp.py makes with the shapes WVP's
sources produce, at github.com/648540858/wvp-GB28181-pro HEAD 768d74094
(src/main/java/com/genersoft/iot/vmp/…):

- the wrapping ``{"code": 0, "msg": "成功", "data": …}``: conf/GlobalResponseAdvice.java,
  vmanager/bean/WVPResult.java; the codes and their messages: vmanager/bean/ErrorCode.java
  (100 失败, 400 参数或方法错误, 401 请登录后重新请求, 404 资源未找到, 486 超时或无响应,
  500 系统异常);
- login: vmanager/user/UserController.java ``login`` (GET, ``username`` and ``password`` =
  32-char md5; the JWT in ``data.accessToken`` and the ``access-token`` header; a wrong
  password is ``ControllerException(100, "用户名或密码错误")`` with HTTP 200), the returned
  object conf/security/dto/LoginUser.java;
- an expired token: conf/security/JwtAuthenticationFilter.java sets HTTP 401 and
  conf/security/AnonymousAuthenticationEntryPoint.java writes ``{"code":401,"msg":"请登录后
  重新请求"}``;
- ``/api/device/query/devices`` and ``/devices/{deviceId}/channels``:
  gb28181/controller/DeviceQuery.java, returning PageHelper's ``PageInfo`` (page from 1,
  ``count`` per page) of gb28181/bean/Device.java and gb28181/bean/DeviceChannel.java;
- ``/api/region/tree/list?parent&hasChannel``: gb28181/controller/RegionController.java →
  ``[RegionTree]`` (gb28181/bean/RegionTree.java extends Region.java; Jackson writes the
  boolean ``isLeaf`` as ``leaf``, which web/src/views/common/RegionTree.vue reads);
- PTZ: gb28181/controller/PtzController.java (``/api/front-end/ptz/{d}/{c}`` with
  horizonSpeed/verticalSpeed 0-255 and zoomSpeed 0-15 — left out, zoomSpeed becomes 16 and
  ``frontEndCommand`` refuses it with 100 "combindCode2 为 0-15的数字"; ``/preset/query``
  answers ``[Preset{presetId, presetName}]`` (gb28181/bean/Preset.java) or, after 3 s,
  100 "超时"; ``/preset/call?presetId=1-255``) and gb28181/controller/DeviceControl.java
  (``/api/device/control/home_position``); void methods answer ``{"code":0,…,"data":null}``
  through GlobalResponseAdvice; an unknown device is ``Assert.notNull`` → 100 (HTTP 200);
- live play: gb28181/controller/PlayController.java ``/api/play/start/{d}/{c}`` →
  StreamContent (vmanager/bean/StreamContent.java; the URL forms of ZLMediaKit's
  ``getStreamInfoByAppAndStream``: ``rtsp://ip:port/rtp/{d}_{c}``, null where the port is
  off), 100 "点播超时" after playTimeout, ``Assert.notNull(channel, "通道不存在")`` → 100;
  ``/api/play/stop/{d}/{c}`` → ``{deviceId, channelId}``;
- ``/api/group/tree/list?query&parent&hasChannel``: gb28181/controller/GroupController.java →
  ``[GroupTree]`` (gb28181/bean/GroupTree.java extends Group.java: ``businessGroup``,
  ``civilCode``, ``alias`` besides the region's fields);
- an unknown path: conf/GlobalExceptionHandler.java (NoResourceFoundException → HTTP 404
  ``{"code":404,"msg":"资源未找到"}``).

PTZ moves the picture: a channel in ``pictures`` has the state file of a PTZ mount of the
loopback RTSP server (console/demo/rtsp_spec.py ``PtzMount``, a window onto a panorama), and
``media_url`` gives that mount; ``front-end/ptz`` commands nudge the window (each command a
step of ``speed/255 × STEP``: WVP answers at once and the device moves until stop, which the
peer shortens to one step) and ``preset/call`` puts it where ``preset_positions`` says — or,
for a channel in ``stuck``, acknowledges the call and leaves the camera where it is (a dome
whose preset recall fails, as PtzController's void answer cannot say).

Modes for bad platforms: ``malformed`` (an HTML error page instead of JSON), ``slow_s`` (each
answer delayed), ``timeout_devices`` (486 for their channels), ``stop()`` (down).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

STEP = 0.2                 # the pan/tilt (or zoom) one command at full speed moves
Position = tuple[float, float, float]
OK_MSG = "成功"
ERRORS = {100: "失败", 400: "参数或方法错误", 401: "请登录后重新请求", 404: "资源未找到",
          486: "超时或无响应", 500: "系统异常"}


def device_json(device_id: str, name: str, online: bool, channel_count: int) -> dict[str, Any]:
    """A Device as WVP lists it (gb28181/bean/Device.java; the password is @JsonIgnore'd)."""
    return {
        "id": int(device_id[-6:]), "deviceId": device_id, "name": name,
        "manufacturer": "Hikvision", "model": "DS-9632N-I8", "firmware": "V4.22.005",
        "transport": "UDP", "streamMode": "TCP-PASSIVE", "ip": "10.30.0.8", "port": 5060,
        "hostAddress": "10.30.0.8:5060", "onLine": online,
        "registerTimeStamp": 1767225600000, "keepaliveTimeStamp": 1767229200000,
        "heartBeatInterval": 60, "heartBeatCount": 3, "positionCapability": None,
        "channelCount": channel_count, "expires": 3600,
        "createTime": "2026-01-01 08:00:00", "updateTime": "2026-01-01 08:00:00",
        "mediaServerId": "zlmediakit-local", "charset": "GB2312",
        "subscribeCycleForCatalog": 0, "subscribeCycleForMobilePosition": 0,
        "mobilePositionSubmissionInterval": 5, "subscribeCycleForAlarm": 0,
        "ssrcCheck": False, "geoCoordSys": "WGS84", "sdpIp": None, "localIp": None,
        "asMessageChannel": False, "broadcastPushAfterAck": False, "serverId": "000000",
    }


@dataclass
class Channel:
    code: str
    name: str
    civil_code: str
    status: str = "ON"              # "ON" | "OFF" (DeviceChannel.status)
    ptz_type: int | None = 3
    address: str = ""
    longitude: float | None = None
    latitude: float | None = None
    business_group_id: str | None = None
    channel_type: int = 0
    parent_id: str | None = None    # the virtual organisation it hangs under (else the device)

    def json(self, index: int, device_id: str) -> dict[str, Any]:
        """A DeviceChannel (gb28181/bean/DeviceChannel.java) with the CommonGBChannel gb*
        fields it inherits left null, as a channel that was never edited has them."""
        return {
            "id": index, "parentDeviceId": device_id, "parentName": None,
            "deviceId": self.code, "name": self.name, "manufacturer": "Hikvision",
            "model": "DS-2DE4425IW", "owner": "Owner", "civilCode": self.civil_code,
            "block": None, "address": self.address, "parental": 0,
            "parentId": self.parent_id or device_id,
            "safetyWay": 0, "registerWay": 1, "certNum": None, "certifiable": 0,
            "errCode": 0, "endTime": None, "secrecy": 0, "ipAddress": None, "port": 0,
            "status": self.status, "longitude": self.longitude, "latitude": self.latitude,
            "ptzType": self.ptz_type, "positionType": None, "roomType": None, "useType": 1,
            "supplyLightType": None, "directionType": None, "resolution": None,
            "businessGroupId": self.business_group_id, "downloadSpeed": None,
            "svcSpaceSupportMod": None, "svcTimeSupportMode": None, "ptzTypeText": None,
            "subCount": 0, "hasAudio": False, "gpsTime": None, "streamIdentification": None,
            "channelType": self.channel_type, "dataType": 1, "dataDeviceId": int(device_id[-6:]),
            "gbId": index, "gbDeviceId": None, "gbName": None, "gbStatus": None,
            "gbCivilCode": None, "createTime": "2026-01-01 08:00:00",
            "updateTime": "2026-01-01 08:00:00", "streamId": None,
        }


@dataclass
class Device:
    device_id: str
    name: str
    online: bool = True
    channels: list[Channel] = field(default_factory=list)


@dataclass
class Region:
    id: int
    code: str
    name: str
    parent_id: int | None = None


def page_info(items: list[Any], page: int, count: int) -> dict[str, Any]:
    """PageHelper's PageInfo as Jackson writes it (com.github.pagehelper.PageInfo)."""
    total = len(items)
    pages = math.ceil(total / count) if count else 0
    start = (page - 1) * count
    chunk = items[start:start + count]
    return {
        "total": total, "list": chunk, "pageNum": page, "pageSize": count, "size": len(chunk),
        "startRow": start + 1 if chunk else 0, "endRow": start + len(chunk),
        "pages": pages, "prePage": max(0, page - 1), "nextPage": page + 1 if page < pages else 0,
        "isFirstPage": page == 1, "isLastPage": page >= pages, "hasPreviousPage": page > 1,
        "hasNextPage": page < pages, "navigatePages": 8,
        "navigatepageNums": list(range(1, min(pages, 8) + 1)),
        "navigateFirstPage": 1 if pages else 0, "navigateLastPage": min(pages, 8),
    }


class WvpPeer:
    """Start with ``with WvpPeer() as peer:``; ``peer.url`` is its base address."""

    def __init__(self, username: str = "admin", password: str = "Wvp@2026",  # noqa: S107 - the peer's test account
                 token_lifetime_s: float = 3600.0) -> None:
        self.username, self.password = username, password
        self.token_lifetime_s = token_lifetime_s
        self.devices: dict[str, Device] = {}
        self.regions: list[Region] = []
        self.groups: list[Region] = []            # business groups (215) and under them (216)
        self.no_trees = False                     # a WVP before 2.7: no region or group tree
        # path -> (HTTP status, WVP code, msg) answered instead (after the token check)
        self.forced: dict[str, tuple[int, int, str]] = {}
        # live play: the RTSP address the media server would give (None: its RTSP port is
        # off), e.g. the loopback GStreamer RTSP server's; the streams being pulled
        self.media_url: Callable[[str, str], str | None] = \
            lambda d, c: f"rtsp://127.0.0.1:554/rtp/{d}_{c}"
        self.playing: set[tuple[str, str]] = set()
        self.play_timeout: set[str] = set()       # channels whose INVITE is never answered
        self.tokens: dict[str, float] = {}       # token -> expiry (time.monotonic)
        self.malformed = False
        self.slow_s = 0.0
        self.timeout_devices: set[str] = set()
        self.logins = 0
        self.requests: list[str] = []             # paths asked, in order
        self.unauthorised = 0                     # 401s sent
        self.ptz: list[tuple[str, str, dict[str, str]]] = []   # (what, channel, parameters)
        self.presets: dict[str, list[tuple[int, str]]] = {}     # channel -> presets
        self.silent_presets: set[str] = set()     # channels whose preset query times out
        # the picture follows PTZ: channel -> a PtzMount's state file, its presets' places
        self.pictures: dict[str, Path] = {}
        self.preset_positions: dict[str, dict[int, Position]] = {}
        self.positions: dict[str, Position] = {}
        self.stuck: set[str] = set()              # preset calls acknowledged, no move
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def __enter__(self) -> WvpPeer:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="wvp-peer")
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """The platform goes down: nothing listens on its port any more."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread = None
        self._server.server_close()

    # -- changing the platform -------------------------------------------------------------

    def add_device(self, device_id: str, name: str, channels: list[Channel],
                   online: bool = True) -> Device:
        device = Device(device_id, name, online, channels)
        self.devices[device_id] = device
        return device

    def channel(self, code: str) -> Channel:
        for device in self.devices.values():
            for channel in device.channels:
                if channel.code == code:
                    return channel
        raise KeyError(code)

    def expire_tokens(self) -> None:
        """Every token handed out so far expires now (WVP restarted, or the timeout passed)."""
        with self._lock:
            for token in self.tokens:
                self.tokens[token] = 0.0

    # -- answering ---------------------------------------------------------------------------

    def _answer(self, path: str, query: dict[str, str], token: str | None
                ) -> tuple[int, Any, dict[str, str]]:
        """(HTTP status, body, extra headers)."""
        if path == "/api/user/login":
            return self._login(query)
        with self._lock:
            expiry = self.tokens.get(token or "")
        if expiry is None or expiry <= time.monotonic():
            self.unauthorised += 1
            return 401, {"code": 401, "msg": ERRORS[401]}, {}
        if path in self.forced:
            status, code, msg = self.forced[path]
            return status, {"code": code, "msg": msg, "data": None}, {}
        if path == "/api/device/query/devices":
            items = [device_json(d.device_id, d.name, d.online, len(d.channels))
                     for d in self.devices.values()]
            return self._page(items, query)
        parts = path.strip("/").split("/")
        if (len(parts) == 6 and parts[:4] == ["api", "device", "query", "devices"]
                and parts[5] == "channels"):
            device = self.devices.get(parts[4])
            if parts[4] in self.timeout_devices:
                return 200, {"code": 486, "msg": ERRORS[486], "data": None}, {}
            if device is None:   # DeviceChannelService: an empty page for an unknown device
                return self._page([], query)
            items = [c.json(i + 1, device.device_id) for i, c in enumerate(device.channels)]
            return self._page(items, query)
        if path.startswith("/api/play/"):
            return self._play(parts)
        if path.startswith(("/api/front-end/", "/api/device/control/")):
            return self._front_end(parts, query)
        if path in ("/api/region/tree/list", "/api/group/tree/list") and not self.no_trees:
            tree = self.regions if path.startswith("/api/region") else self.groups
            parent = int(query["parent"]) if query.get("parent") else None
            nodes = []
            for r in (r for r in tree if r.parent_id == parent):
                parent_code = next((p.code for p in tree if p.id == r.parent_id), None)
                node = {"id": r.id, "deviceId": r.code, "name": r.name,
                        "parentId": r.parent_id, "parentDeviceId": parent_code,
                        "createTime": "2026-01-01 08:00:00",
                        "updateTime": "2026-01-01 08:00:00", "treeId": f"node-{r.id}",
                        "type": 0, "status": None,
                        "leaf": not any(c.parent_id == r.id for c in tree)}
                if tree is self.groups:
                    top = r
                    while top.parent_id is not None:
                        top = next(p for p in tree if p.id == top.parent_id)
                    node.update(businessGroup=top.code, civilCode=None, alias=None)
                nodes.append(node)
            return 200, _ok(nodes), {}
        return 404, {"code": 404, "msg": ERRORS[404], "data": None}, {}

    def _play(self, parts: list[str]) -> tuple[int, Any, dict[str, str]]:
        if len(parts) != 5 or parts[2] not in ("start", "stop"):
            return 404, {"code": 404, "msg": ERRORS[404], "data": None}, {}
        device_id, channel_id = parts[3], parts[4]
        device = self.devices.get(device_id)
        if device is None:
            return 200, {"code": 100, "msg": "设备不存在", "data": None}, {}
        if not any(c.code == channel_id for c in device.channels):
            return 200, {"code": 100, "msg": "通道不存在", "data": None}, {}
        if parts[2] == "stop":
            self.playing.discard((device_id, channel_id))
            return 200, _ok({"deviceId": device_id, "channelId": channel_id}), {}
        if channel_id in self.play_timeout:
            return 200, {"code": 100, "msg": "点播超时", "data": None}, {}
        self.playing.add((device_id, channel_id))
        stream = f"{device_id}_{channel_id}"
        http = f"http://127.0.0.1:80/rtp/{stream}"
        data = {
            "app": "rtp", "stream": stream, "ip": "127.0.0.1",
            "flv": f"{http}.live.flv", "https_flv": None, "ws_flv": f"ws://127.0.0.1:80/rtp/"
            f"{stream}.live.flv", "wss_flv": None, "fmp4": f"{http}.live.mp4",
            "https_fmp4": None, "ws_fmp4": None, "wss_fmp4": None,
            "hls": f"{http}/hls.m3u8", "https_hls": None, "ws_hls": None, "wss_hls": None,
            "ts": f"{http}.live.ts", "https_ts": None, "ws_ts": None, "wss_ts": None,
            "rtmp": f"rtmp://127.0.0.1:1935/rtp/{stream}", "rtmps": None,
            "rtsp": self.media_url(device_id, channel_id), "rtsps": None,
            "rtc": f"http://127.0.0.1:80/index/api/webrtc?app=rtp&stream={stream}&type=play",
            "rtcs": None, "mediaServerId": "zlmediakit-local",
            "mediaInfo": {"videoCodec": "H264", "width": 640, "height": 360, "fps": 25,
                          "loss": 0.0, "audioCodec": None, "readerCount": 1,
                          "bytesSpeed": 0},
            "startTime": None, "endTime": None, "duration": 0, "progress": 0.0,
            "downLoadFilePath": None, "transcodeStream": None, "key": None,
            "serverId": "000000",
        }
        return 200, _ok(data), {}

    def _front_end(self, parts: list[str], query: dict[str, str]
                   ) -> tuple[int, Any, dict[str, str]]:
        if parts[:4] == ["api", "device", "control", "home_position"]:
            device_id, channel_id = query.get("deviceId", ""), query.get("channelId", "")
            what = "home_position"
        elif len(parts) >= 5:
            device_id, channel_id = parts[-2], parts[-1]
            what = "/".join(parts[2:-2])          # "ptz", "preset/query", "preset/call"
        else:
            return 404, {"code": 404, "msg": ERRORS[404], "data": None}, {}
        if device_id not in self.devices:
            return 200, {"code": 100, "msg": f"设备[{device_id}]不存在", "data": None}, {}
        if what == "ptz":
            speeds = {"horizonSpeed": (100, 255), "verticalSpeed": (100, 255),
                      "zoomSpeed": (16, 15)}
            for key, (default, high) in speeds.items():
                value = int(query[key]) if query.get(key) else default
                if value < 0 or (query.get(key) and value > high):
                    return 200, {"code": 100, "msg": f"{key} 为 0-{high}的数字", "data": None}, {}
                if value > 15 and key == "zoomSpeed":   # frontEndCommand's combindCode2 check
                    return 200, {"code": 100, "msg": "combindCode2 为 0-15的数字",
                                 "data": None}, {}
        elif what == "preset/query":
            if channel_id in self.silent_presets:
                time.sleep(3.0)
                return 200, {"code": 100, "msg": "超时", "data": None}, {}
            data = [{"presetId": str(n), "presetName": name}
                    for n, name in self.presets.get(channel_id, [])]
            return 200, _ok(data), {}
        elif what == "preset/call":
            preset = int(query.get("presetId") or 0)
            if not 1 <= preset <= 255:
                return 200, {"code": 100, "msg": "预置位编号必须为1-255之间的数字",
                             "data": None}, {}
        elif what != "home_position":
            return 404, {"code": 404, "msg": ERRORS[404], "data": None}, {}
        with self._lock:
            self.ptz.append((what, channel_id, dict(query)))
            self._move(what, channel_id, query)
        return 200, _ok(None), {}

    def move_to(self, channel_id: str, position: Position) -> None:
        """Put the channel's camera at ``position`` (pan, tilt, zoom) at once."""
        self.positions[channel_id] = position
        path = self.pictures.get(channel_id)
        if path is not None:
            pan, tilt, zoom = position
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(json.dumps({"pan": pan, "tilt": tilt, "zoom": zoom}))
            os.replace(tmp, path)

    def _move(self, what: str, channel_id: str, query: dict[str, str]) -> None:
        pan, tilt, zoom = self.positions.get(channel_id, (0.0, 0.0, 0.0))
        if what == "preset/call":
            target = self.preset_positions.get(channel_id, {}).get(
                int(query.get("presetId") or 0))
            if target is not None and channel_id not in self.stuck:
                self.move_to(channel_id, target)
            return
        command = query.get("command", "")
        if what != "ptz" or command == "stop":
            return
        step_pt = int(query.get("horizonSpeed") or 0) / 255 * STEP
        step_t = int(query.get("verticalSpeed") or 0) / 255 * STEP
        step_z = int(query.get("zoomSpeed") or 0) / 15 * STEP
        pan += step_pt if "right" in command else -step_pt if "left" in command else 0.0
        tilt += step_t if "up" in command else -step_t if "down" in command else 0.0
        zoom += step_z if command == "zoomin" else -step_z if command == "zoomout" else 0.0
        self.move_to(channel_id, (max(-1.0, min(1.0, pan)), max(-1.0, min(1.0, tilt)),
                                  max(0.0, min(1.0, zoom))))

    def _login(self, query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        expected = hashlib.md5(self.password.encode(), usedforsecurity=False).hexdigest()
        if query.get("username") != self.username or query.get("password") != expected:
            return 200, {"code": 100, "msg": "用户名或密码错误", "data": None}, {}
        token = f"eyJhbGciOiJSUzI1NiJ9.{uuid.uuid4().hex}.sig"
        with self._lock:
            self.tokens[token] = time.monotonic() + self.token_lifetime_s
            self.logins += 1
        user = {"id": 1, "username": self.username, "pushKey": "3e80d1762a324d5b0ff636e0bd16f1e3",
                "role": {"id": 1, "name": "admin", "authority": "0"}}
        data = {"user": user, "accessToken": token, "serverId": "000000",
                "loginTime": "2026-01-01 08:00:00", "username": self.username, "id": 1,
                "role": user["role"], "pushKey": user["pushKey"], "enabled": True,
                "accountNonExpired": True, "accountNonLocked": True,
                "credentialsNonExpired": True, "authorities": []}
        return 200, _ok(data), {"access-token": token}

    @staticmethod
    def _page(items: list[Any], query: dict[str, str]) -> tuple[int, Any, dict[str, str]]:
        try:
            page, count = int(query["page"]), int(query["count"])
        except (KeyError, ValueError):   # Spring: a missing int parameter is a 400
            return 400, {"code": 400, "msg": ERRORS[400], "data": None}, {}
        return 200, _ok(page_info(items, page, count)), {}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                peer.requests.append(parts.path)
                if peer.slow_s:
                    time.sleep(peer.slow_s)
                if peer.malformed:
                    body = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
                    self._send(200, body, "text/html", {})
                    return
                status, data, headers = peer._answer(parts.path, query,
                                                     self.headers.get("access-token"))
                raw = json.dumps(data, ensure_ascii=False).encode("utf-8")
                self._send(status, raw, "application/json", headers)

            def _send(self, status: int, body: bytes, kind: str,
                      headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", f"{kind};charset=UTF-8")
                    self.send_header("Content-Length", str(len(body)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (slow)
                    pass

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


def _ok(data: Any) -> dict[str, Any]:
    return {"code": 0, "msg": OK_MSG, "data": data}


def camera_code(region: str, serial: int, kind: str = "132") -> str:
    """A 20-digit GB code of a network camera in civil code ``region`` (8 digits)."""
    return f"{region}{'00' * ((8 - len(region)) // 2)}11{kind}0{serial:06d}"
