"""The terminal identity a console presents at login: the IP and MAC of the network
interface it uses to reach the platform or database host (R2).

Not "the first NIC": the kernel is asked which local address it would use to reach the host
(a UDP ``connect`` chooses a route and sends nothing), and that address is mapped back to its
interface and hardware address.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from dataclasses import dataclass
from typing import Protocol

import psutil

# A documentation address (TEST-NET-2): used only to ask the kernel for its default route
# when no host is configured. A UDP connect() sends no packet.
DEFAULT_ROUTE_PROBE = "198.51.100.1"

_MAC_RE = re.compile(r"^[0-9a-f]{2}([:-]?)[0-9a-f]{2}(\1[0-9a-f]{2}){4}$")


class IdentityError(ValueError):
    """A malformed IP or MAC, or an identity that cannot be found."""


@dataclass(frozen=True, slots=True)
class TerminalIdentity:
    ip: str
    mac: str
    interface: str = ""

    def __str__(self) -> str:
        where = f" ({self.interface})" if self.interface else ""
        return f"{self.ip} / {self.mac}{where}"


class IdentityProvider(Protocol):
    def identity(self) -> TerminalIdentity: ...


def normalize_ip(value: str) -> str:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        raise IdentityError(f"IP address {value!r} is not a valid IPv4 or IPv6 address") from None


def normalize_mac(value: str) -> str:
    """Accept aa:bb:cc:dd:ee:ff, AA-BB-CC-DD-EE-FF or aabbccddeeff; return aa:bb:cc:dd:ee:ff."""
    text = value.strip().lower()
    if not _MAC_RE.match(text):
        raise IdentityError(
            f"MAC address {value!r} is not six hex pairs (e.g. 00:1a:2b:3c:4d:5e)"
        )
    digits = re.sub(r"[:-]", "", text)
    return ":".join(digits[i : i + 2] for i in range(0, 12, 2))


def local_address_towards(host: str, port: int = 9) -> str:
    """The local IP the kernel would use to reach ``host`` (no packet is sent)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_DGRAM)
    except socket.gaierror as exc:
        raise IdentityError(f"cannot resolve host {host!r}: {exc.strerror}") from None
    last: OSError | None = None
    for family, socktype, proto, _name, sockaddr in infos:
        with socket.socket(family, socktype, proto) as probe:
            try:
                probe.connect(sockaddr)
            except OSError as exc:
                last = exc
                continue
            return normalize_ip(str(probe.getsockname()[0]).split("%")[0])
    raise IdentityError(f"no route to host {host!r}: {last}")


def interface_of(ip: str) -> tuple[str, str]:
    """(interface name, MAC) of the interface carrying ``ip``."""
    wanted = normalize_ip(ip)
    addresses = psutil.net_if_addrs()
    for name, addrs in addresses.items():
        if any(_same_ip(a.address, wanted) for a in addrs if a.family in _IP_FAMILIES):
            mac = next((a.address for a in addrs if a.family == psutil.AF_LINK), None)
            if mac is None and ipaddress.ip_address(wanted).is_loopback:
                mac = "00:00:00:00:00:00"
            if mac is None:
                raise IdentityError(f"interface {name} carrying {wanted} has no hardware address")
            return name, normalize_mac(mac)
    raise IdentityError(f"no local interface carries {wanted}")


_IP_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def _same_ip(candidate: str, wanted: str) -> bool:
    try:
        return normalize_ip(candidate.split("%", maxsplit=1)[0]) == wanted
    except IdentityError:
        return False


def detect_identity(host: str | None) -> TerminalIdentity:
    """Identity of this machine as seen on the route to ``host`` (default route if None)."""
    ip = local_address_towards(host or DEFAULT_ROUTE_PROBE)
    name, mac = interface_of(ip)
    return TerminalIdentity(ip=ip, mac=mac, interface=name)


class DetectedIdentity:
    """IdentityProvider that asks the operating system each time (the interface may change)."""

    def __init__(self, host: str | None) -> None:
        self.host = host

    def identity(self) -> TerminalIdentity:
        return detect_identity(self.host)


class StaticIdentity:
    """IdentityProvider with a fixed answer (tests, or an installer-pinned identity)."""

    def __init__(self, ip: str, mac: str, interface: str = "") -> None:
        self._identity = TerminalIdentity(normalize_ip(ip), normalize_mac(mac), interface)

    def identity(self) -> TerminalIdentity:
        return self._identity


# The embedded demo centre listens on loopback, so loopback is the demo terminal's route to it.
LOOPBACK = TerminalIdentity("127.0.0.1", "00:00:00:00:00:00", "lo")
