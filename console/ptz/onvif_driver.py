"""The ONVIF PTZ driver (Profile S): onvif-python (zeep, synchronous) behind ``PtzDriver``.

One driver per camera keeps its zeep services (each loads its WSDL once, ~0.05-0.1 s) and
connects on the first call: GetSystemDateAndTime (unauthenticated first, as the standard
allows; the camera's clock offset then dates every WS-Security digest), GetCapabilities
(the Media and PTZ addresses, re-pointed at the catalogue's host:port as cameras behind NAT
report their own), GetProfiles (the first profile with a PTZConfiguration). Credentials go
as a WS-Security UsernameToken PasswordDigest, never as text.

Every failure is a one-line ``PtzError`` naming the ONVIF operation and host:port:
``PtzAuthError`` (the camera refused the credentials: HTTP 401/403 or a NotAuthorized
fault), ``PtzUnreachableError`` (refused, timed out, no route), ``PtzProtocolError``
(another SOAP fault, HTTP error or an unreadable reply). onvif-python and zeep have no type
hints: their objects stay ``Any`` inside this module."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

import requests

from console.catalog.credentials import Credentials
from console.ptz.driver import (
    DeviceReturn,
    Preset,
    PtzAuthError,
    PtzError,
    PtzPosition,
    PtzProtocolError,
    PtzStatus,
    PtzUnreachableError,
    Velocity,
)
from console.ptz.endpoint import PtzEndpoint

DEFAULT_TIMEOUT_S = 3.0
NO_DEVICE_RETURN = ("ONVIF has no standard return-to-home after idle time; the console "
                    "sends the camera home itself")
_AUTH_TEXT = re.compile(r"not ?authori[sz]ed|unauthori[sz]ed|authentication|authori[sz]ation "
                        r"failed", re.IGNORECASE)
_AUTH_SUBCODES = {"NotAuthorized", "FailedAuthentication", "InvalidSecurity",
                  "FailedCheck", "InvalidSecurityToken"}
_MAX_DETAIL = 160

ServiceName = Literal["device", "media", "ptz"]


def _onvif_services() -> dict[ServiceName, Any]:
    """The onvif-python service classes (imported on first use: ~0.15 s). Its service
    wrapper logs every failed call at ERROR (the expected anonymous GetSystemDateAndTime
    too); the failure comes back here as a PtzError, so that logger is kept quiet."""
    from onvif.services import PTZ, Device, Media  # type: ignore[import-untyped]  # noqa: PLC0415

    logging.getLogger("onvif.utils.service").setLevel(logging.CRITICAL)

    return {"device": Device, "media": Media, "ptz": PTZ}


def _no_cache() -> Any:
    """WSDLs ship with onvif-python: no cache (its default writes ~/.onvif-python)."""
    from onvif.operator import CacheMode  # type: ignore[import-untyped]  # noqa: PLC0415

    return CacheMode.NONE


class _DigestToken:
    """A zeep ``wsse`` object: UsernameToken with PasswordDigest whose ``Created`` follows
    the camera's clock (local UTC + the offset GetSystemDateAndTime gave)."""

    def __init__(self, credentials: Credentials, offset_s: float) -> None:
        from zeep.wsse.username import UsernameToken  # noqa: PLC0415

        token_class: Any = UsernameToken
        self._token: Any = token_class(credentials.user, credentials.password,
                                       use_digest=True, zulu_timestamp=True)
        self.offset_s = offset_s

    def apply(self, envelope: Any, headers: Any) -> Any:
        self._token.created = datetime.now(UTC) + timedelta(seconds=self.offset_s)
        return self._token.apply(envelope, headers)

    def verify(self, envelope: Any) -> Any:
        return envelope


@dataclass
class _Connection:
    ptz: Any
    profile: str


def xs_duration(seconds: float) -> str:
    """``PT1.5S`` for 1.5 (milliseconds at most)."""
    if not seconds > 0:
        raise ValueError(f"a move timeout must be positive: {seconds!r}")
    text = f"{seconds:.3f}".rstrip("0").rstrip(".")
    return f"PT{text}S"


class OnvifDriver:
    """``PtzDriver`` for one ONVIF camera. Calls are serialised by a lock; the first one
    connects. ``timeout_s`` bounds connect + read of each request (a third for the TCP
    connect, the rest for the reply). ``plugins`` are zeep plugins (tests capture the XML
    with them). ``verify_tls`` checks the certificate of an ``onvif+https`` camera; off by
    default as cameras ship self-signed certificates."""

    protocol = "onvif"
    position_feedback = True

    def __init__(self, endpoint: PtzEndpoint, credentials: Credentials | None = None, *,
                 timeout_s: float = DEFAULT_TIMEOUT_S, verify_tls: bool = False,
                 plugins: Sequence[object] = ()) -> None:
        if endpoint.protocol != "onvif":
            raise ValueError(f"not an ONVIF address: {endpoint.display}")
        if not timeout_s > 0:
            raise ValueError(f"timeout must be positive: {timeout_s!r}")
        self.endpoint = endpoint
        self._credentials = credentials if credentials and credentials.user else None
        connect_s = timeout_s / 3
        self._timeouts = (connect_s, timeout_s - connect_s)
        self._verify_tls = verify_tls
        self._plugins = list(plugins)
        self._lock = threading.RLock()
        self._services: dict[tuple[ServiceName, str], Any] = {}
        self._connection: _Connection | None = None
        self._token: _DigestToken | None = None
        self._last_status: int | None = None
        self._closed = False
        self.clock_offset_s: float | None = None

    def __repr__(self) -> str:
        return f"OnvifDriver({self.endpoint.display})"

    @property
    def connected(self) -> bool:
        return self._connection is not None

    @property
    def profile_token(self) -> str | None:
        return self._connection.profile if self._connection else None

    # --- PtzDriver -------------------------------------------------------------------------

    def presets(self) -> list[Preset]:
        reply = self._ptz_call("GetPresets")
        try:
            return [_preset(item) for item in (reply or [])]
        except (AttributeError, TypeError, ValueError) as exc:
            raise self._unreadable("GetPresets", exc) from None

    def continuous_move(self, velocity: Velocity, timeout_s: float) -> None:
        self._ptz_call("ContinuousMove",
                       Velocity={"PanTilt": {"x": velocity.pan, "y": velocity.tilt},
                                 "Zoom": {"x": velocity.zoom}},
                       Timeout=xs_duration(timeout_s))

    def stop(self) -> None:
        self._ptz_call("Stop", PanTilt=True, Zoom=True)

    def goto_preset(self, token: str) -> None:
        self._ptz_call("GotoPreset", PresetToken=token)

    def goto_home(self) -> None:
        self._ptz_call("GotoHomePosition")

    def status(self) -> PtzStatus:
        reply = self._ptz_call("GetStatus")
        try:
            return _status(reply)
        except (AttributeError, TypeError, ValueError) as exc:
            raise self._unreadable("GetStatus", exc) from None

    def enable_device_return(self, preset_token: str, after_s: int) -> DeviceReturn:
        return DeviceReturn(False, NO_DEVICE_RETURN)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._connection = None
            for service in self._services.values():
                session = service.operator.client.transport.session
                session.close()
            self._services.clear()

    # --- connection ------------------------------------------------------------------------

    def _ptz_call(self, operation: str, **kwargs: Any) -> Any:
        with self._lock:
            connection = self._connect()
            try:
                return self._call(connection.ptz, operation, ProfileToken=connection.profile,
                                  **kwargs)
            except PtzAuthError:
                self._connection = None  # next call measures the clock again
                raise

    def _connect(self) -> _Connection:
        if self._closed:
            raise PtzError(f"ONVIF driver for {self.endpoint.netloc} is closed")
        if self._connection is not None:
            return self._connection
        device = self._service("device", self.endpoint.url)
        self._set_clock(device)
        caps = self._call(device, "GetCapabilities", Category="All")
        try:
            media_url = self._rebase(caps.Media.XAddr)
            ptz_url = self._rebase(caps.PTZ.XAddr)
        except AttributeError:
            raise PtzProtocolError(f"ONVIF GetCapabilities on {self.endpoint.netloc}: the "
                                   f"camera offers no Media or no PTZ service") from None
        profiles = self._call(self._service("media", media_url), "GetProfiles")
        tokens = [p.token for p in (profiles or [])
                  if getattr(p, "PTZConfiguration", None) is not None]
        if not tokens:
            raise PtzProtocolError(f"ONVIF GetProfiles on {self.endpoint.netloc}: no media "
                                   f"profile has a PTZ configuration")
        self._connection = _Connection(self._service("ptz", ptz_url), str(tokens[0]))
        return self._connection

    def _set_clock(self, device: Any) -> None:
        """Measure the camera's clock offset; sign with it from now on. Unauthenticated
        first; a camera that wants the digest even here gets one dated by our clock."""
        self._token = None
        self._apply_token()
        try:
            reply = self._call(device, "GetSystemDateAndTime")
        except PtzAuthError:
            if self._credentials is None:
                raise
            self._token = _DigestToken(self._credentials, 0.0)
            self._apply_token()
            reply = self._call(device, "GetSystemDateAndTime")
        except PtzProtocolError:
            reply = None  # no usable clock: sign with ours
        offset = _clock_offset(reply)
        self.clock_offset_s = offset
        if self._credentials is not None:
            self._token = _DigestToken(self._credentials, offset)
        self._apply_token()

    def _apply_token(self) -> None:
        for service in self._services.values():
            service.operator.client.wsse = self._token

    def _service(self, name: ServiceName, url: str) -> Any:
        service = self._services.get((name, url))
        if service is None:
            parts = urlsplit(url)
            try:
                service = _onvif_services()[name](
                    xaddr=url, host=parts.hostname, port=parts.port or self.endpoint.port,
                    username=None, password=None, timeout=self._timeouts,
                    cache=_no_cache(), use_https=self.endpoint.scheme == "https",
                    verify_ssl=self._verify_tls, apply_patch=False,
                    plugins=list(self._plugins) or None)
            except Exception as exc:  # WSDL loading: a broken install, not the camera
                raise PtzProtocolError(f"ONVIF {name} service for {self.endpoint.netloc}: "
                                       f"cannot load its WSDL ({type(exc).__name__})") from None
            session = service.operator.client.transport.session
            session.trust_env = False  # cameras are reached directly: no proxy, no .netrc
            session.hooks["response"].append(self._record_status)
            service.operator.client.wsse = self._token
            self._services[(name, url)] = service
        return service

    def _record_status(self, response: requests.Response, *args: Any, **kwargs: Any) -> None:
        self._last_status = response.status_code

    def _rebase(self, xaddr: Any) -> str:
        """The service URL at the catalogue's scheme, host and port (its path kept)."""
        parts = urlsplit(str(xaddr))
        if not parts.path:
            raise AttributeError("XAddr without a path")
        return urlunsplit((self.endpoint.scheme, self.endpoint.netloc, parts.path,
                           parts.query, ""))

    def _call(self, service: Any, operation: str, **kwargs: Any) -> Any:
        self._last_status = None
        method: Callable[..., Any] = getattr(service, operation)
        try:
            return method(**kwargs)
        except Exception as exc:
            raise self._error(operation, exc) from None

    # --- errors ----------------------------------------------------------------------------

    def _error(self, operation: str, exc: BaseException) -> PtzError:
        from zeep.exceptions import Fault, TransportError  # noqa: PLC0415

        cause = getattr(exc, "original_exception", None) or exc
        where = f"ONVIF {operation} on {self.endpoint.netloc}"
        status = self._last_status
        if isinstance(cause, requests.exceptions.SSLError):
            return PtzProtocolError(f"{where}: TLS handshake failed")
        if isinstance(cause, requests.exceptions.ConnectTimeout):
            return PtzUnreachableError(f"{where}: no connection within "
                                       f"{self._timeouts[0]:.3g} s")
        if isinstance(cause, requests.exceptions.Timeout):
            return PtzUnreachableError(f"{where}: no reply within {self._timeouts[1]:.3g} s")
        if isinstance(cause, requests.exceptions.ConnectionError):
            return PtzUnreachableError(f"{where}: {_connection_detail(str(cause))}")
        if isinstance(cause, requests.exceptions.RequestException):
            return PtzProtocolError(f"{where}: {self._detail(type(cause).__name__)}")
        if isinstance(cause, TransportError):
            code = cause.status_code or status
            if code in (401, 403):
                return PtzAuthError(f"{where}: {self._auth_detail()}")
            return PtzProtocolError(f"{where}: HTTP {code} without a SOAP reply")
        if isinstance(cause, Fault):
            subcodes = {getattr(q, "localname", str(q)) for q in (cause.subcodes or [])}
            text = str(cause.message or "")
            if status in (401, 403) or subcodes & _AUTH_SUBCODES or _AUTH_TEXT.search(text):
                return PtzAuthError(f"{where}: {self._auth_detail()}")
            named = ", ".join(sorted(subcodes))
            return PtzProtocolError(f"{where}: SOAP fault: {self._detail(text or 'no reason')}"
                                    + (f" ({named})" if named else ""))
        return self._unreadable(operation, cause)

    def _unreadable(self, operation: str, exc: BaseException) -> PtzProtocolError:
        return PtzProtocolError(f"ONVIF {operation} on {self.endpoint.netloc}: unreadable "
                                f"reply ({self._detail(f'{type(exc).__name__}: {exc}')})")

    def _auth_detail(self) -> str:
        if self._credentials is None:
            return "the camera requires credentials and none are stored for it"
        return f"the camera refused the credentials of user {self._credentials.user!r}"

    def _detail(self, text: str) -> str:
        """One line, bounded, with the password (should a camera echo it) blanked."""
        text = " ".join(text.split())
        if self._credentials and self._credentials.password:
            text = text.replace(self._credentials.password, "***")
        return text if len(text) <= _MAX_DETAIL else text[:_MAX_DETAIL - 3] + "..."


def _connection_detail(text: str) -> str:
    for needle, detail in (("Connection refused", "connection refused"),
                           ("Name or service not known", "host name not found"),
                           ("NameResolutionError", "host name not found"),
                           ("No route to host", "no route to host"),
                           ("Network is unreachable", "network unreachable"),
                           ("RemoteDisconnected", "connection closed without a reply"),
                           ("Connection reset", "connection reset")):
        if needle in text:
            return detail
    return "cannot connect"


def _clock_offset(reply: Any) -> float:
    """Camera UTC minus local UTC in seconds; 0 when the reply has no usable UTC time."""
    try:
        utc = reply.UTCDateTime
        camera = datetime(int(utc.Date.Year), int(utc.Date.Month), int(utc.Date.Day),
                          int(utc.Time.Hour), int(utc.Time.Minute), int(utc.Time.Second),
                          tzinfo=UTC)
    except (AttributeError, TypeError, ValueError):
        return 0.0
    return (camera - datetime.now(UTC)).total_seconds()


def _position(value: Any) -> PtzPosition | None:
    pan_tilt = getattr(value, "PanTilt", None)
    zoom = getattr(value, "Zoom", None)
    if pan_tilt is None and zoom is None:
        return None
    return PtzPosition(float(pan_tilt.x) if pan_tilt is not None else 0.0,
                       float(pan_tilt.y) if pan_tilt is not None else 0.0,
                       float(zoom.x) if zoom is not None else 0.0)


def _status(reply: Any) -> PtzStatus:
    """Position and MoveStatus of a GetStatus reply; a missing or UNKNOWN MoveStatus counts
    as not moving."""
    if reply is None:
        raise ValueError("empty reply")
    move = getattr(reply, "MoveStatus", None)
    if isinstance(move, str):  # some ONVIF 1.x cameras send one value for all axes
        states = [move]
    else:
        states = [str(getattr(move, axis, None) or "") for axis in ("PanTilt", "Zoom")]
    moving = any(state.strip().upper() == "MOVING" for state in states)
    return PtzStatus(_position(getattr(reply, "Position", None)), moving)


def _preset(item: Any) -> Preset:
    token = item.token
    if token is None:
        raise ValueError("a preset without a token")
    name = item.Name if item.Name is not None else token
    return Preset(str(token), str(name), _position(getattr(item, "PTZPosition", None)))
