"""PTZ control addresses (console/ptz/endpoint.py): what the catalogue accepts, the
canonical form it stores, and one-line refusals that never repeat a credential."""

from __future__ import annotations

import pytest

from console.ptz.endpoint import PtzEndpoint, parse_ptz_address

GOOD = [
    # text, protocol, scheme, host, port, path, canonical address, display
    ("onvif://10.20.1.5", "onvif", "http", "10.20.1.5", 80, "/onvif/device_service",
     "onvif://10.20.1.5:80", "ONVIF 10.20.1.5:80"),
    ("onvif://127.0.0.1:8581", "onvif", "http", "127.0.0.1", 8581, "/onvif/device_service",
     "onvif://127.0.0.1:8581", "ONVIF 127.0.0.1:8581"),
    ("  ONVIF://Cam-3.Gusu.Local:8000/  ", "onvif", "http", "cam-3.gusu.local", 8000,
     "/onvif/device_service", "onvif://cam-3.gusu.local:8000", "ONVIF cam-3.gusu.local:8000"),
    ("onvif://10.0.0.9/onvif/device", "onvif", "http", "10.0.0.9", 80, "/onvif/device",
     "onvif://10.0.0.9:80/onvif/device", "ONVIF 10.0.0.9:80"),
    ("onvif+https://10.0.0.9", "onvif", "https", "10.0.0.9", 443, "/onvif/device_service",
     "onvif+https://10.0.0.9:443", "ONVIF+TLS 10.0.0.9:443"),
    ("http://10.0.0.9:8080/onvif/device_service", "onvif", "http", "10.0.0.9", 8080,
     "/onvif/device_service", "onvif://10.0.0.9:8080", "ONVIF 10.0.0.9:8080"),
    ("https://10.0.0.9/onvif/device_service", "onvif", "https", "10.0.0.9", 443,
     "/onvif/device_service", "onvif+https://10.0.0.9:443", "ONVIF+TLS 10.0.0.9:443"),
    ("onvif://[fe80::1]:8000", "onvif", "http", "fe80::1", 8000, "/onvif/device_service",
     "onvif://[fe80::1]:8000", "ONVIF [fe80::1]:8000"),
    ("isapi://10.0.0.7/2", "isapi", "http", "10.0.0.7", 80, "/2", "isapi://10.0.0.7:80/2",
     "ISAPI 10.0.0.7:80 ch 2"),
    ("isapi://10.0.0.7:8000", "isapi", "http", "10.0.0.7", 8000, "/1",
     "isapi://10.0.0.7:8000/1", "ISAPI 10.0.0.7:8000 ch 1"),
    ("isapi+https://nvr.local/33", "isapi", "https", "nvr.local", 443, "/33",
     "isapi+https://nvr.local:443/33", "ISAPI+TLS nvr.local:443 ch 33"),
    ("gb28181://34020000001320000001/34020000001310000001", "gb28181", "gb28181",
     "34020000001320000001", None, "/34020000001310000001",
     "gb28181://34020000001320000001/34020000001310000001",
     "GB/T 28181 34020000001320000001 ch 34020000001310000001"),
    ("gb28181://32050801011328000001", "gb28181", "gb28181", "32050801011328000001", None,
     "/32050801011328000001", "gb28181://32050801011328000001/32050801011328000001",
     "GB/T 28181 32050801011328000001"),
]


@pytest.mark.parametrize(("text", "protocol", "scheme", "host", "port", "path", "address",
                          "display"), GOOD, ids=[g[0].strip() for g in GOOD])
def test_good_addresses(text: str, protocol: str, scheme: str, host: str, port: int | None,
                        path: str, address: str, display: str) -> None:
    endpoint = parse_ptz_address(text)
    assert endpoint == PtzEndpoint(protocol, scheme, host, port, path)  # type: ignore[arg-type]
    assert endpoint.address == address == str(endpoint)
    assert endpoint.display == display
    assert parse_ptz_address(endpoint.address) == endpoint  # the stored form parses back


BAD = [
    ("", "empty PTZ address"),
    ("   ", "empty PTZ address"),
    ("10.0.0.5:80", "has no scheme"),
    ("ftp://10.0.0.5", "unknown PTZ address scheme 'ftp'"),
    ("rtsp://10.0.0.5/live", "unknown PTZ address scheme 'rtsp'"),
    ("onvif://", "has no host"),
    ("onvif://:8000", "has no host"),
    ("onvif://10.0.0.5:0", "bad port '0'"),
    ("onvif://10.0.0.5:65536", "bad port '65536'"),
    ("onvif://10.0.0.5:http", "bad port 'http'"),
    ("onvif://10.0.0.5:", "bad port ''"),
    ("onvif://admin:Secret9@10.0.0.5", "credentials in a PTZ address are refused"),
    ("onvif://admin@10.0.0.5", "credentials in a PTZ address are refused"),
    ("http://admin:Secret9@10.0.0.5/onvif/device_service",
     "credentials in a PTZ address are refused"),
    ("isapi://admin:Secret9@10.0.0.5/1", "credentials in a PTZ address are refused"),
    ("onvif://10.0.0.5/onvif/device?x=1", "must not have a query"),
    ("onvif://10.0.0.5#frag", "must not have a query"),
    ("onvif://cam host", "spaces or control characters"),
    ("onvif://bad_host!", "invalid host"),
    ("onvif://[fe80::1", "cannot be parsed"),
    ("http://10.0.0.5:8080/index.html", "must be an ONVIF service URL"),
    ("https://10.0.0.5", "must be an ONVIF service URL"),
    ("isapi://10.0.0.5/front", "needs a channel number"),
    ("isapi://10.0.0.5/0", "needs a channel number"),
    ("gb28181://", "needs a 20-digit device id"),
    ("gb28181://1234", "needs a 20-digit device id"),
    ("gb28181://34020000001320000001:5060", "takes no port"),
    ("gb28181://34020000001320000001/42", "channel id must be 20 digits"),
    ("onvif://" + "a" * 300, "at most 300"),
]


@pytest.mark.parametrize(("text", "fragment"), BAD, ids=[b[0][:40] or "empty" for b in BAD])
def test_bad_addresses(text: str, fragment: str) -> None:
    with pytest.raises(ValueError, match=r"^[^\n]+$") as caught:
        parse_ptz_address(text)
    message = str(caught.value)
    assert fragment in message
    assert "Secret9" not in message and "admin" not in message


def test_url_is_what_a_driver_talks_to() -> None:
    assert parse_ptz_address("onvif://10.0.0.5:81").url == (
        "http://10.0.0.5:81/onvif/device_service")
    assert parse_ptz_address("onvif+https://[::1]/onvif/dev").url == "https://[::1]:443/onvif/dev"
    assert parse_ptz_address("isapi://10.0.0.7/2").url == "http://10.0.0.7:80"
    with pytest.raises(ValueError, match="through the platform"):
        _ = parse_ptz_address("gb28181://34020000001320000001").url


def test_netloc_names_host_and_port() -> None:
    assert parse_ptz_address("onvif://10.0.0.5:81").netloc == "10.0.0.5:81"
    assert parse_ptz_address("onvif://[::1]:81").netloc == "[::1]:81"
    assert parse_ptz_address("gb28181://34020000001320000001").netloc == "34020000001320000001"
