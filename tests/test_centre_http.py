"""The centre's HTTP layer: uvicorn's httptools protocol with the ASGI TLS extension
(console/server/tls_scope.py). The verified client certificate reaches the application, and
a request's head (request line and headers) is limited to 64 KiB however it arrives — in one
piece or dripped — as the h11 protocol limited it before (431, the connection closed).
Real centre, real mutual TLS, raw sockets."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from console.api.wire import API_PREFIX
from console.remote.terminal_files import TerminalFiles
from console.server.tls_scope import MAX_HEAD_BYTES
from tests.conftest import World
from tests.support.centre import LOOPBACK_MAC, CentreHarness


@pytest.fixture
def centre(world: World, tmp_path: Path) -> Iterator[CentreHarness]:
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    yield harness
    harness.stop()


def _connect(centre: CentreHarness, files: TerminalFiles) -> ssl.SSLSocket:
    context = ssl.create_default_context(cafile=str(files.ca))
    context.load_cert_chain(files.cert, files.key)
    assert centre.server is not None
    raw = socket.create_connection(("127.0.0.1", centre.server.port), timeout=10)
    return context.wrap_socket(raw, server_hostname="127.0.0.1")


def _answer(sock: ssl.SSLSocket) -> bytes:
    data = b""
    while True:
        try:
            chunk = sock.recv(65536)
        except (ConnectionResetError, ssl.SSLError):
            break
        if not chunk:
            break
        data += chunk
        if b"\r\n\r\n" in data and (b"connection: close" not in data.lower()
                                     and b"content-length" in data.lower()):
            head, _, body = data.partition(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
            if len(body) >= length:
                break
    return data


def _request(path: str, extra: bytes = b"") -> bytes:
    return (f"GET {API_PREFIX}{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            f"X-Terminal-Mac: {LOOPBACK_MAC}\r\n").encode() + extra + b"\r\n"


def test_the_client_certificate_reaches_the_application(centre: CentreHarness) -> None:
    files = centre.enrol("T-HTTP", unit="CENTRE")
    with _connect(centre, files) as sock:
        for _ in range(2):                      # every request of a kept-alive connection
            sock.sendall(_request("/terminal"))
            answer = _answer(sock)
            assert answer.startswith(b"HTTP/1.1 200"), answer[:300]
            assert b'"name":"T-HTTP"' in answer


@pytest.mark.parametrize("dripped", [False, True], ids=["one piece", "dripped"])
def test_a_request_head_is_limited(centre: CentreHarness, dripped: bool) -> None:
    files = centre.enrol("T-HTTP", unit="CENTRE")
    fits = b"X-Filler: " + b"a" * (MAX_HEAD_BYTES - 1024) + b"\r\n"
    with _connect(centre, files) as sock:
        sock.sendall(_request("/terminal", fits))
        assert _answer(sock).startswith(b"HTTP/1.1 200")
    too_long = b"X-Filler: " + b"a" * (MAX_HEAD_BYTES + 1024) + b"\r\n"
    with _connect(centre, files) as sock:
        if dripped:       # never completed: the server must not keep buffering it
            request = _request("/terminal", too_long)[:-4]
            for start in range(0, len(request), 4096):
                try:
                    sock.sendall(request[start:start + 4096])
                except OSError:
                    break
        else:
            sock.sendall(_request("/terminal", too_long))
        answer = _answer(sock)
        assert answer.startswith(b"HTTP/1.1 431"), answer[:300]
        assert b"connection: close" in answer.lower()
