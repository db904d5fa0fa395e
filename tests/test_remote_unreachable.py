"""Why the centre could not be reached, found from what really happens on the wire, and said
to the operator in their language with the address to check (never requests' own text)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests

from console.api.errors import CentreUnreachable, Unreachable
from console.codes import Reason
from console.remote.client import CentreClient, cause_of
from console.views.reason_text import describe, error_text
from tests.views_support import prepare_app


class _Html(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = b"<html>router login</html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def html_port() -> Iterator[int]:
    """A web server that is not the centre (a router's page, a proxy)."""
    server = HTTPServer(("127.0.0.1", 0), _Html)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says anything (a hung server)."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield listener.getsockname()[1]
    listener.close()


def _closed_port() -> int:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port


def _failure(url: str, *, timeout: float = 2.0) -> CentreUnreachable:
    client = CentreClient(url, mac="02:00:00:00:00:01")
    try:
        with pytest.raises(CentreUnreachable) as caught:
            client.call("GET", "/session/policy", needs_session=False, timeout=timeout)
    finally:
        client.close()
    return caught.value


def test_nothing_listening_is_refused():
    port = _closed_port()
    failure = _failure(f"https://127.0.0.1:{port}")
    assert failure.cause == Unreachable.REFUSED
    assert failure.address == f"127.0.0.1:{port}"


def test_a_hung_server_is_a_timeout(silent_port):
    assert _failure(f"https://127.0.0.1:{silent_port}", timeout=0.5).cause == (
        Unreachable.TIMEOUT)


def test_plain_http_where_the_centre_should_be_fails_the_handshake(html_port):
    assert _failure(f"https://127.0.0.1:{html_port}").cause == Unreachable.TLS


def test_a_page_that_is_not_the_api_is_said_so(html_port):
    assert _failure(f"http://127.0.0.1:{html_port}").cause == Unreachable.NOT_API


@pytest.mark.parametrize(("error", "cause"), [
    (requests.exceptions.SSLError("certificate verify failed"), Unreachable.TLS),
    (requests.exceptions.ConnectTimeout("connect timed out"), Unreachable.TIMEOUT),
    (requests.exceptions.ReadTimeout("read timed out"), Unreachable.TIMEOUT),
    (requests.exceptions.ConnectionError(ConnectionRefusedError(111, "refused")),
     Unreachable.REFUSED),
    (requests.exceptions.ConnectionError(ConnectionResetError(104, "reset")),
     Unreachable.NETWORK),
    (requests.exceptions.ConnectionError("Name or service not known"), Unreachable.NETWORK),
])
def test_causes_are_found_inside_the_wrapped_exceptions(error, cause):
    assert cause_of(error) == cause


@pytest.mark.parametrize(("language", "cause", "expected"), [
    ("zh_CN", Unreachable.REFUSED,
     "无法连接中心。10.1.2.3:8443 无应答：该地址上的中心服务器未运行，或被防火墙拒绝连接。"),
    ("zh_CN", Unreachable.TIMEOUT,
     "无法连接中心。10.1.2.3:8443 未及时应答：请检查网络，并确认中心服务器正在运行。"),
    ("zh_CN", Unreachable.TLS, "无法连接中心。与 10.1.2.3:8443 的安全连接失败："
                               "中心或本终端与登记的不一致。请联系系统管理员。"),
    ("en", Unreachable.NOT_API,
     "The centre cannot be reached. 10.1.2.3:8443 answered, but not as the centre: check "
     "the centre address this terminal was enrolled with."),
    ("en", Unreachable.NETWORK,
     "The centre cannot be reached. The network to 10.1.2.3:8443 failed: check the "
     "connection."),
])
def test_the_operator_reads_why_and_where(qapp, language, cause, expected):
    prepare_app(language)
    try:
        error = CentreUnreachable("HTTPSConnectionPool(host='10.1.2.3', port=8443): Max retries",
                                  cause=cause, address="10.1.2.3:8443")
        assert error_text(error) == expected
        assert describe(Reason.CENTRE_UNREACHABLE, error.as_details()) == expected
        assert "HTTPSConnectionPool" not in expected
    finally:
        prepare_app("zh_CN")
