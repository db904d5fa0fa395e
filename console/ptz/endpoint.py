"""A camera's PTZ control address as the catalogue stores it (column ``ptz_address``):
which protocol steers the camera and where it listens. Qt-free, no network.

Accepted forms (scheme case-insensitive; the canonical form is ``PtzEndpoint.address``):

- ``onvif://host[:port][/path]``: ONVIF over HTTP, port 80, path ``/onvif/device_service``;
  ``onvif+https://...`` is the same over HTTPS (port 443);
- ``http(s)://host[:port]/onvif/...``: the device service URL itself, taken as ONVIF;
- ``isapi://host[:port][/channel]`` (and ``isapi+https://``): Hikvision ISAPI, channel 1
  when left out;
- ``gb28181://<device id>[/<channel id>]``: a GB/T 28181 channel steered through the
  platform (20-digit codes; the channel defaults to the device itself).

Credentials never go into an address (they live in the keyring as ``camera:<code>``): an
address with ``user@`` or ``user:password@`` is refused, and the error does not repeat it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import SplitResult, urlsplit

PtzProtocol = Literal["onvif", "gb28181", "isapi"]

ONVIF_DEFAULT_PATH = "/onvif/device_service"
ISAPI_DEFAULT_CHANNEL = "1"
_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9\-_.]*[A-Za-z0-9])?$")
_IPV6 = re.compile(r"^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.\-]+)?$")
_GB_CODE = re.compile(r"^\d{20}$")
_CHANNEL = re.compile(r"^[1-9]\d{0,3}$")
_PATH = re.compile(r"^(/[A-Za-z0-9\-_.~]+)+/?$")
KNOWN_SCHEMES = ("onvif", "onvif+https", "http", "https", "isapi", "isapi+https", "gb28181")
_SCHEMES_HINT = "onvif://, onvif+https://, http(s)://host/onvif/..., isapi:// or gb28181://"
MAX_LENGTH = 300  # the catalogue column's width


@dataclass(frozen=True, slots=True)
class PtzEndpoint:
    """Where and how to steer one camera. ``scheme`` is the transport: ``http``/``https``
    for ONVIF and ISAPI, ``gb28181`` for the platform. ``host`` is the device id for GB/T
    28181 (``port`` is then None) and is kept without IPv6 brackets. ``path`` is the ONVIF
    device service path, ``/<channel>`` for ISAPI, ``/<channel id>`` for GB/T 28181."""

    protocol: PtzProtocol
    scheme: str
    host: str
    port: int | None
    path: str

    @property
    def netloc(self) -> str:
        """``host:port`` (IPv6 in brackets); the host alone where there is no port."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port is None else f"{host}:{self.port}"

    @property
    def address(self) -> str:
        """The canonical address, as stored in the catalogue (explicit port, default path
        left out)."""
        if self.protocol == "gb28181":
            return f"gb28181://{self.host}{self.path}"
        scheme = self.protocol if self.scheme == "http" else f"{self.protocol}+https"
        path = "" if self.protocol == "onvif" and self.path == ONVIF_DEFAULT_PATH else self.path
        return f"{scheme}://{self.netloc}{path}"

    @property
    def url(self) -> str:
        """The HTTP(S) URL a driver talks to: the ONVIF device service, the ISAPI host."""
        if self.protocol == "gb28181":
            raise ValueError("a GB/T 28181 channel has no device URL: it is steered through "
                             "the platform")
        path = self.path if self.protocol == "onvif" else ""
        return f"{self.scheme}://{self.netloc}{path}"

    @property
    def display(self) -> str:
        """Short text for the operator and the audit: ``ONVIF 10.0.0.5:80``."""
        if self.protocol == "gb28181":
            channel = self.path.lstrip("/")
            return f"GB/T 28181 {self.host}" + (f" ch {channel}" if channel != self.host
                                                else "")
        name = {"onvif": "ONVIF", "isapi": "ISAPI"}[self.protocol]
        tls = "+TLS" if self.scheme == "https" else ""
        channel = f" ch {self.path.lstrip('/')}" if self.protocol == "isapi" else ""
        return f"{name}{tls} {self.netloc}{channel}"

    def __str__(self) -> str:
        return self.address


def parse_ptz_address(text: str) -> PtzEndpoint:
    """Parse a PTZ control address; ``ValueError`` with a one-line message naming the
    problem (never repeating credentials)."""
    text = text.strip()
    if not text:
        raise ValueError("empty PTZ address")
    if len(text) > MAX_LENGTH:
        raise ValueError(f"PTZ address is {len(text)} characters long; at most {MAX_LENGTH}")
    if any(ch.isspace() or ord(ch) < 32 for ch in text):
        raise ValueError("PTZ address contains spaces or control characters")
    scheme, sep, rest = text.partition("://")
    if not sep:
        raise ValueError(f"PTZ address has no scheme: use {_SCHEMES_HINT}")
    scheme = scheme.lower()
    if scheme not in KNOWN_SCHEMES:
        shown = scheme if re.fullmatch(r"[a-z0-9+.\-]{1,20}", scheme) else "?"
        raise ValueError(f"unknown PTZ address scheme '{shown}': use {_SCHEMES_HINT}")
    if "@" in rest.split("/", 1)[0]:
        raise ValueError("credentials in a PTZ address are refused: keep the user and "
                         "password in the camera's keyring entry")
    try:
        parts = urlsplit(f"{scheme}://{rest}")
    except ValueError as exc:  # e.g. an unbalanced IPv6 bracket
        raise ValueError(f"PTZ address cannot be parsed: {exc}") from None
    if parts.query or parts.fragment or text.endswith(("?", "#")):
        raise ValueError("PTZ address must not have a query (?...) or fragment (#...)")
    if scheme == "gb28181":
        return _gb28181(parts)
    protocol: PtzProtocol = "isapi" if scheme.startswith("isapi") else "onvif"
    transport = "https" if scheme.endswith("https") else "http"
    host = _host(parts)
    port = _port(parts, transport)
    if protocol == "isapi":
        return PtzEndpoint("isapi", transport, host, port, _isapi_channel(parts.path))
    path = parts.path.rstrip("/") if parts.path not in ("", "/") else ""
    if scheme in ("http", "https") and not path.lower().startswith("/onvif/"):
        raise ValueError(f"an {scheme}:// PTZ address must be an ONVIF service URL "
                         f"({scheme}://host:port/onvif/...)")
    if path and not _PATH.match(path):
        raise ValueError("PTZ address path has characters that are not allowed")
    return PtzEndpoint("onvif", transport, host, port, path or ONVIF_DEFAULT_PATH)


def _host(parts: SplitResult) -> str:
    netloc = parts.netloc
    host = parts.hostname or ""
    if not host:
        raise ValueError("PTZ address has no host")
    if netloc.startswith("["):
        if not _IPV6.match(host):
            raise ValueError("PTZ address has an invalid IPv6 host")
        return host
    if not _HOST.match(host):
        raise ValueError(f"PTZ address has an invalid host '{host}'")
    return host


def _port(parts: SplitResult, transport: str) -> int:
    after_host = parts.netloc.rsplit("]", 1)[-1]
    if ":" not in after_host:
        return _DEFAULT_PORTS[transport]
    raw = after_host.rsplit(":", 1)[1]
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        shown = raw if len(raw) <= 12 else raw[:12] + "..."
        raise ValueError(f"bad port '{shown}' in PTZ address: use 1-65535")
    return int(raw)


def _isapi_channel(path: str) -> str:
    channel = path.strip("/") or ISAPI_DEFAULT_CHANNEL
    if not _CHANNEL.match(channel):
        raise ValueError("ISAPI address needs a channel number after the host "
                         "(isapi://host:port/1)")
    return f"/{channel}"


def _gb28181(parts: SplitResult) -> PtzEndpoint:
    device = parts.netloc
    if not device:
        raise ValueError("PTZ address has no host: gb28181:// needs a 20-digit device id")
    if ":" in device:
        raise ValueError("a gb28181:// address takes no port: gb28181://<device id>"
                         "[/<channel id>]")
    if not _GB_CODE.match(device):
        raise ValueError("a gb28181:// address needs a 20-digit device id")
    channel = parts.path.strip("/") or device
    if not _GB_CODE.match(channel):
        raise ValueError("a gb28181:// channel id must be 20 digits")
    return PtzEndpoint("gb28181", "gb28181", device, None, f"/{channel}")
