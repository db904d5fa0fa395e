"""A client of WVP-GB28181-pro's REST API (github.com/648540858/wvp-GB28181-pro), read from
its sources (shared/research/wave2-anchors.md §d; tests/support/wvp_peer.py cites the files):

- every answer is ``{"code": 0, "msg": "成功", "data": …}``; a non-zero ``code`` is WVP's
  ErrorCode (100 failed, 400 bad parameter, 401 log in again, 403, 404, 408 and 486 timeout
  or no answer from the device, 500);
- ``GET /api/user/login?username&password=<lowercase md5 hex>`` answers a LoginUser whose
  ``accessToken`` (also in the ``access-token`` response header) is sent back as the
  ``access-token`` header. It lasts 60 minutes by default and cannot be refreshed: the client
  logs in again 5 minutes before that (WVP's own "expiring soon" margin), and once more when
  an answer is 401 anyway (the platform restarted, its login timeout is shorter);
- lists are PageHelper ``PageInfo`` (``total``, ``list``, ``pages``…), asked with ``page``
  (from 1) and ``count``.

Every failure is one ``WvpError`` with a reason code (console.codes.Reason) and a one-line
message that never holds the password, its MD5 or a token (requests' own exception text
holds the login URL with its query, so it is never passed on)."""

from __future__ import annotations

import hashlib
import json
import logging
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import requests

from console.clock import Clock, SystemClock
from console.codes import Reason
from console.secrets import SecretStorage

log = logging.getLogger(__name__)

PLATFORM_SECRET = "platform:wvp"  # noqa: S105 - the secret's name in the centre's store
TIMEOUT_S = 10.0                       # a platform slower than this is "slow" (issue 13)
TOKEN_LIFETIME = timedelta(minutes=60)  # WVP user-settings.login-timeout default
PLAY_EXTRA_S = 5.0                      # play/start: WVP's own 10 s playTimeout comes first
RENEW_MARGIN = timedelta(minutes=5)     # WVP marks a token EXPIRING_SOON 5 min before the end
PAGE_SIZE = 500
MAX_PAGES = 10_000                      # a platform that keeps paging is broken, not large

# WVP's ErrorCode (vmanager/bean/ErrorCode.java) -> the console's reason
_CODES: dict[int, Reason] = {
    100: Reason.PLATFORM_FAILED,
    400: Reason.PLATFORM_BAD_REQUEST,
    401: Reason.PLATFORM_LOGIN_FAILED,
    403: Reason.PLATFORM_BAD_REQUEST,
    404: Reason.PLATFORM_NOT_FOUND,
    408: Reason.PLATFORM_DEVICE_TIMEOUT,
    486: Reason.PLATFORM_DEVICE_TIMEOUT,
    500: Reason.PLATFORM_ERROR,
}


class WvpError(RuntimeError):
    """A call to the platform that failed: ``reason`` for the register and the views,
    ``code`` WVP's own (None when there was no WVP answer), the message one line."""

    def __init__(self, reason: Reason, message: str, code: int | None = None) -> None:
        super().__init__(" ".join(message.split()))
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class WvpAccount:
    """Where the platform is and whom to log in as. The password lives in the centre's
    secret store (``platform:wvp``) and in memory; it is never printed (repr hides it)."""

    url: str
    username: str
    password: str = field(repr=False)

    def to_secret(self) -> str:
        return json.dumps({"url": self.url, "username": self.username,
                           "password": self.password}, ensure_ascii=False)

    @classmethod
    def stored(cls, secrets: SecretStorage) -> WvpAccount | None:
        """The account in the centre's secret store (None: no platform set up); ValueError
        when it cannot be read, SecretError when the store cannot."""
        value = secrets.get(PLATFORM_SECRET)
        return cls.from_secret(value) if value else None

    @classmethod
    def from_secret(cls, value: str) -> WvpAccount:
        try:
            data = json.loads(value)
            return cls(str(data["url"]), str(data["username"]), str(data["password"]))
        except (ValueError, KeyError, TypeError):
            raise ValueError("the stored platform account is not readable") from None


@dataclass(frozen=True, slots=True)
class WvpDevice:
    """A device (NVR, platform, IPC) registered with WVP (gb28181/bean/Device.java)."""

    device_id: str
    name: str
    online: bool


@dataclass(frozen=True, slots=True)
class WvpChannel:
    """A channel of a device (gb28181/bean/DeviceChannel.java); the fields the catalogue
    takes. ``online`` is the channel's own ``status == "ON"``."""

    device_id: str          # the device it belongs to
    channel_id: str         # the channel's GB code (DeviceChannel.deviceId)
    name: str
    civil_code: str
    address: str
    online: bool
    ptz_type: int | None
    longitude: float | None
    latitude: float | None
    business_group_id: str
    parent_id: str
    channel_type: int       # 0 a camera channel, 1 a region node, 2 a business group node
    use_type: int | None = None   # GB/T 28181 UseType: 1 治安, 2 交通, 3 重点


@dataclass(frozen=True, slots=True)
class WvpRegion:
    """A node of WVP's region tree (RegionTree.java): a civil code and its name."""

    id: int
    code: str
    name: str
    leaf: bool


@dataclass(frozen=True, slots=True)
class WvpGroup:
    """A node of WVP's business-group tree (GroupTree.java extends Group.java): a business
    group (业务分组, type code 215) or a virtual organisation under one (216)."""

    id: int
    code: str
    name: str
    parent_code: str        # the enclosing group's code ("" at the top)
    leaf: bool


@dataclass(frozen=True, slots=True)
class WvpStream:
    """What ``play/start`` answers (vmanager/bean/StreamContent.java): the media server's
    stream and its RTSP address, which the centre's gateway pulls (never a terminal)."""

    app: str
    stream: str
    rtsp: str
    media_server_id: str
    video_codec: str | None


def password_md5(password: str) -> str:
    """What WVP's login takes: the password's MD5 as 32 lowercase hex digits."""
    return hashlib.md5(password.encode("utf-8"), usedforsecurity=False).hexdigest()


class WvpClient:
    """One platform account's session. Not thread-safe: give each worker its own."""

    def __init__(self, account: WvpAccount, *, clock: Clock | None = None,
                 timeout: float = TIMEOUT_S, http: requests.Session | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        self.account = account
        self._clock = clock or SystemClock()
        self._timeout = timeout
        self._http = http or requests.Session()
        self._page_size = page_size
        self._token: str | None = None
        self._logged_in_at: datetime | None = None
        self._login_header: str | None = None
        self.logins = 0                       # how often it logged in (tests, diagnostics)

    @property
    def base(self) -> str:
        return self.account.url.rstrip("/")

    # -- the session ---------------------------------------------------------------------------

    def login(self) -> None:
        data = self._request("/api/user/login", {
            "username": self.account.username,
            "password": password_md5(self.account.password)}, login=True)
        token = data.get("accessToken") if isinstance(data, dict) else None
        if not token:
            token = self._login_header
        if not isinstance(token, str) or not token:
            raise WvpError(Reason.PLATFORM_MALFORMED,
                           f"platform {self.base}: the login answer carries no access token")
        self._token = token
        self._logged_in_at = self._clock.now()
        self.logins += 1

    def _token_fresh(self) -> bool:
        return (self._token is not None and self._logged_in_at is not None
                and self._clock.now() < self._logged_in_at + TOKEN_LIFETIME - RENEW_MARGIN)

    def get(self, path: str, params: dict[str, Any] | None = None, *,
            timeout: float | None = None) -> Any:
        """``data`` of a GET of ``path``, logged in (again when the token is about to
        expire, and once after a 401)."""
        if not self._token_fresh():
            self.login()
        try:
            return self._request(path, params or {}, timeout=timeout)
        except _UnauthorisedError:
            log.info("platform %s answered 401: logging in again", self.base)
            self.login()
            try:
                return self._request(path, params or {}, timeout=timeout)
            except _UnauthorisedError:
                raise WvpError(Reason.PLATFORM_LOGIN_FAILED,
                               f"platform {self.base}: {path} refused the new login "
                               "(401 after logging in again)", 401) from None

    # -- one request -----------------------------------------------------------------------------

    def _request(self, path: str, params: dict[str, Any], *, login: bool = False,
                 timeout: float | None = None) -> Any:
        headers = {} if login or self._token is None else {"access-token": self._token}
        where = f"platform {self.base}"
        wait = timeout or self._timeout
        try:
            response = self._http.get(self.base + path, params=params, headers=headers,
                                      timeout=wait)
        except requests.Timeout:
            raise WvpError(Reason.PLATFORM_SLOW, f"{where}: no answer to {path} within "
                           f"{wait:g} s") from None
        except requests.ConnectionError:
            raise WvpError(Reason.PLATFORM_UNREACHABLE,
                           f"{where} cannot be reached (connection failed)") from None
        except requests.RequestException as exc:
            raise WvpError(Reason.PLATFORM_UNREACHABLE,
                           f"{where}: request failed ({type(exc).__name__})") from None
        try:
            body = response.json()
        except ValueError:
            body = None
        if response.status_code == 401 and not login:
            raise _UnauthorisedError
        if not isinstance(body, dict) or not isinstance(body.get("code"), int):
            if response.status_code != 200:
                raise WvpError(Reason.PLATFORM_ERROR, f"{where}: {path} answered HTTP "
                               f"{response.status_code} without a WVP result")
            raise WvpError(Reason.PLATFORM_MALFORMED,
                           f"{where}: {path} answered something that is not a WVP result "
                           "(malformed JSON)")
        code = body["code"]
        if code == 0:
            if login:
                self._login_header = response.headers.get("access-token")
            return body.get("data")
        if code == 401 and not login:
            raise _UnauthorisedError
        message = str(body.get("msg") or "")[:200]
        reason = _CODES.get(code, Reason.PLATFORM_ERROR)
        if code == 100 and message.endswith("不存在"):
            # WVP's Assert.notNull(device|channel, "…不存在") (GlobalExceptionHandler: 100)
            reason = Reason.PLATFORM_NOT_FOUND
        if login and code in (100, 401):
            reason = Reason.PLATFORM_LOGIN_FAILED
            raise WvpError(reason, f"{where}: login of {self.account.username!r} refused "
                           f"({code} {message})", code)
        raise WvpError(reason, f"{where}: {path} failed: {code} {message}", code)

    # -- paging -----------------------------------------------------------------------------------

    def pages(self, path: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Every item of a PageInfo list, page by page."""
        page, seen, pages = 1, 0, 1
        while page <= min(pages, MAX_PAGES):
            data = self.get(path, {**(params or {}), "page": page, "count": self._page_size})
            if not isinstance(data, dict) or not isinstance(data.get("list"), list):
                raise WvpError(Reason.PLATFORM_MALFORMED, f"platform {self.base}: {path} "
                               "page is not a PageInfo (no list)")
            total = data.get("total")
            if not isinstance(total, int) or total < 0:
                raise WvpError(Reason.PLATFORM_MALFORMED, f"platform {self.base}: {path} "
                               "page has no total")
            pages = math.ceil(total / self._page_size)
            items = data["list"]
            for item in items:
                if not isinstance(item, dict):
                    raise WvpError(Reason.PLATFORM_MALFORMED, f"platform {self.base}: {path} "
                                   "lists something that is not an object")
                yield item
            seen += len(items)
            if not items or seen >= total:
                return
            page += 1

    # -- what the catalogue needs -------------------------------------------------------------

    def devices(self) -> list[WvpDevice]:
        return [_device(item, self.base) for item in self.pages("/api/device/query/devices")]

    def channels(self, device_id: str) -> list[WvpChannel]:
        path = f"/api/device/query/devices/{device_id}/channels"
        return [_channel(device_id, item, self.base) for item in self.pages(path)]

    def regions(self) -> list[WvpRegion]:
        """The whole region tree (lazy-loaded in WVP: one call per node with children)."""
        return [WvpRegion(n.id, n.code, n.name, n.leaf)
                for n in self._tree("/api/region/tree/list")]

    # -- live play ------------------------------------------------------------------------------

    def play_start(self, device_id: str, channel_id: str) -> WvpStream:
        """Ask WVP to pull the channel into its media server (an INVITE to the device). WVP
        answers within its playTimeout (10 s: then 100 "点播超时"), so this call waits
        longer than the usual timeout before it calls the platform slow."""
        path = f"/api/play/start/{device_id}/{channel_id}"
        data = self.get(path, timeout=self._timeout + PLAY_EXTRA_S)
        if not isinstance(data, dict):
            raise WvpError(Reason.PLATFORM_MALFORMED,
                           f"platform {self.base}: {path} answered no StreamContent")
        rtsp = data.get("rtsp")
        if not isinstance(rtsp, str) or not rtsp.lower().startswith(("rtsp://", "rtsps://")):
            raise WvpError(Reason.PLATFORM_NO_MEDIA_URL,
                           f"platform {self.base}: {path} gave no RTSP address (the media "
                           "server's RTSP port is off)")
        info = data.get("mediaInfo")
        codec = info.get("videoCodec") if isinstance(info, dict) else None
        return WvpStream(str(data.get("app") or ""), str(data.get("stream") or ""), rtsp,
                         str(data.get("mediaServerId") or ""),
                         codec if isinstance(codec, str) else None)

    def play_stop(self, device_id: str, channel_id: str) -> None:
        """End WVP's pull of the channel (when the gateway's last viewer left)."""
        self.get(f"/api/play/stop/{device_id}/{channel_id}")

    def groups(self) -> list[WvpGroup]:
        """The whole business-group tree (lazy-loaded like the region tree)."""
        found: list[WvpGroup] = []
        for item in self._tree("/api/group/tree/list"):
            found.append(WvpGroup(item.id, item.code, item.name, item.parent_code, item.leaf))
        return found

    def _tree(self, path: str) -> list[_Node]:
        found: list[_Node] = []
        pending: list[int | None] = [None]
        asked = 0
        while pending:
            parent = pending.pop()
            asked += 1
            if asked > MAX_PAGES:
                raise WvpError(Reason.PLATFORM_MALFORMED,
                               f"platform {self.base}: the tree of {path} does not end")
            params: dict[str, Any] = {"hasChannel": "false"}
            if parent is not None:
                params["parent"] = parent
            data = self.get(path, params)
            if not isinstance(data, list):
                raise WvpError(Reason.PLATFORM_MALFORMED,
                               f"platform {self.base}: {path} is not a list")
            for item in data:
                node = _node(item, self.base)
                if node is None:
                    continue
                found.append(node)
                if not node.leaf:
                    pending.append(node.id)
        return found


class _UnauthorisedError(Exception):
    """HTTP 401 or code 401: the token expired or the platform forgot it."""


# -- reading WVP's objects -------------------------------------------------------------------------


def _text(item: dict[str, Any], key: str, base: str, *, required: bool = False) -> str:
    value = item.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value):
        raise WvpError(Reason.PLATFORM_MALFORMED,
                       f"platform {base}: {key} is missing or not text in {_brief(item)}")
    return value.strip()


def _number(item: dict[str, Any], key: str) -> float | None:
    value = item.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _brief(item: dict[str, Any]) -> str:
    return json.dumps({k: item[k] for k in list(item)[:3]}, ensure_ascii=False)[:120]


def _device(item: dict[str, Any], base: str) -> WvpDevice:
    online = item.get("onLine")
    if not isinstance(online, bool):
        raise WvpError(Reason.PLATFORM_MALFORMED,
                       f"platform {base}: onLine is not true/false in {_brief(item)}")
    return WvpDevice(_text(item, "deviceId", base, required=True), _text(item, "name", base),
                     online)


def _channel(device_id: str, item: dict[str, Any], base: str) -> WvpChannel:
    status = item.get("status")
    if status is not None and not isinstance(status, str):
        raise WvpError(Reason.PLATFORM_MALFORMED,
                       f"platform {base}: status is not text in {_brief(item)}")
    ptz = item.get("ptzType")
    use = item.get("useType")
    channel_type = item.get("channelType")
    return WvpChannel(
        device_id=device_id, channel_id=_text(item, "deviceId", base, required=True),
        name=_text(item, "name", base), civil_code=_text(item, "civilCode", base),
        address=_text(item, "address", base), online=(status or "").upper() == "ON",
        ptz_type=ptz if isinstance(ptz, int) and not isinstance(ptz, bool) else None,
        longitude=_number(item, "longitude"), latitude=_number(item, "latitude"),
        business_group_id=_text(item, "businessGroupId", base),
        parent_id=_text(item, "parentId", base),
        channel_type=channel_type if isinstance(channel_type, int) else 0,
        use_type=use if isinstance(use, int) and not isinstance(use, bool) else None)


@dataclass(frozen=True, slots=True)
class _Node:
    id: int
    code: str
    name: str
    parent_code: str
    leaf: bool


def _node(item: Any, base: str) -> _Node | None:
    """A RegionTree or GroupTree node; None for a camera hung under it (type 1)."""
    if not isinstance(item, dict):
        raise WvpError(Reason.PLATFORM_MALFORMED,
                       f"platform {base}: a tree node is not an object")
    if item.get("type", 0) != 0:
        return None
    id_ = item.get("id")
    if not isinstance(id_, int) or isinstance(id_, bool):
        raise WvpError(Reason.PLATFORM_MALFORMED,
                       f"platform {base}: a tree node has no id in {_brief(item)}")
    leaf = item.get("leaf", item.get("isLeaf", False))
    return _Node(id_, _text(item, "deviceId", base, required=True), _text(item, "name", base),
                 _text(item, "parentDeviceId", base), bool(leaf))
