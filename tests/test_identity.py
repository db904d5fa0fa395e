"""Terminal identity: the IP and MAC of the interface that reaches the host — and logins
decided on the identity the operating system really reports."""

from __future__ import annotations

import json
import shutil
import subprocess

import psutil
import pytest

from console.auth.results import Accepted, Denied
from console.auth.service import AuthService
from console.codes import Reason
from console.identity import (
    DEFAULT_ROUTE_PROBE,
    DetectedIdentity,
    IdentityError,
    detect_identity,
    normalize_ip,
    normalize_mac,
)
from tests.conftest import INSTALLER, PASSWORD, World


@pytest.mark.parametrize(("raw", "expected"), [
    ("00:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:5e"),
    ("00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"),
    ("001a2b3c4d5e", "00:1a:2b:3c:4d:5e"),
    (" 00:1A:2b:3C:4d:5E ", "00:1a:2b:3c:4d:5e"),
])
def test_mac_normalised(raw: str, expected: str) -> None:
    assert normalize_mac(raw) == expected


@pytest.mark.parametrize("raw", ["00:1a:2b:3c:4d", "00:1a:2b:3c:4d:5g", "00:1a-2b:3c:4d:5e",
                                 "", "00:1a:2b:3c:4d:5e:6f"])
def test_bad_mac_refused(raw: str) -> None:
    with pytest.raises(IdentityError, match="MAC address"):
        normalize_mac(raw)


@pytest.mark.parametrize(("raw", "expected"), [("10.0.0.1", "10.0.0.1"),
                                               ("fd00::0002", "fd00::2")])
def test_ip_normalised(raw: str, expected: str) -> None:
    assert normalize_ip(raw) == expected


@pytest.mark.parametrize("raw", ["10.0.0.256", "10.0.0", "host", ""])
def test_bad_ip_refused(raw: str) -> None:
    with pytest.raises(IdentityError, match="IP address"):
        normalize_ip(raw)


def test_loopback_host_is_reached_through_lo() -> None:
    identity = detect_identity("127.0.0.1")
    assert identity.ip == "127.0.0.1"
    assert identity.mac == "00:00:00:00:00:00"
    assert identity.interface == "lo"


def _kernel_route(host: str) -> tuple[str, str] | None:
    if shutil.which("ip") is None:
        return None
    out = subprocess.run(["ip", "-j", "route", "get", host], capture_output=True, text=True,
                         check=False)
    if out.returncode != 0:
        return None
    route = json.loads(out.stdout)[0]
    return route["dev"], route["prefsrc"]


def test_default_route_identity_matches_the_kernel() -> None:
    """Not "the first NIC": the interface the kernel routes through, as `ip route get` says."""
    kernel = _kernel_route(DEFAULT_ROUTE_PROBE)
    if kernel is None:
        pytest.skip("no default route or no iproute2 on this machine")
    identity = detect_identity(None)
    assert (identity.interface, identity.ip) == kernel
    mac = next(a.address for a in psutil.net_if_addrs()[kernel[0]]
               if a.family == psutil.AF_LINK)
    assert identity.mac == normalize_mac(mac)


def test_two_hosts_two_interfaces() -> None:
    """With a loopback host and a routed host the console presents different interfaces: the
    identity follows the route, so the one that reaches the platform is the one registered."""
    if _kernel_route(DEFAULT_ROUTE_PROBE) is None:
        pytest.skip("no default route on this machine")
    assert detect_identity("127.0.0.1").interface != detect_identity(None).interface


def test_unresolvable_host_is_a_clear_error() -> None:
    with pytest.raises(IdentityError, match=r"cannot resolve host 'no-such-host\.invalid'"):
        detect_identity("no-such-host.invalid")


def test_login_with_real_interface_detection(world: World) -> None:
    """The identity is detected by the operating system, not injected: registered and bound
    → accepted; registered elsewhere → refused and audited with what was seen."""
    real = detect_identity("127.0.0.1")
    auth = AuthService(world.db, world.clock, world.hashing, DetectedIdentity("127.0.0.1"))
    refused = auth.login("zhangsan", PASSWORD)
    assert isinstance(refused, Denied) and refused.reason == Reason.TERMINAL_NOT_REGISTERED
    assert refused.details["ip"] == real.ip and refused.details["mac"] == real.mac
    world.admin.create_terminal(INSTALLER, "LOCAL", "本机", "CENTRE", real.ip, real.mac)
    assert auth.login("zhangsan", PASSWORD).reason == Reason.TERMINAL_NOT_BOUND  # type: ignore[union-attr]
    world.admin.bind(INSTALLER, "zhangsan", "LOCAL")
    accepted = auth.login("zhangsan", PASSWORD)
    assert isinstance(accepted, Accepted)
    assert accepted.session.identity.interface == real.interface


def test_terminal_id_command(capsys) -> None:
    from main import main

    assert main(["admin", "terminal-id", "--host", "127.0.0.1"]) == 0
    out = capsys.readouterr().out
    assert "IP address:  127.0.0.1" in out
    assert "MAC address: 00:00:00:00:00:00" in out
    assert "route to:    127.0.0.1" in out
