"""The hottest requests (heartbeat, recheck, a view's open) answered without FastAPI's routing
and dependency solving (console/server/hot_paths.py): the answer is the one FastAPI gives to
the same request, refusals included; what the short path does not take as it is (no token, a
body its model refuses) goes to FastAPI and gets its refusal; the caller is checked on every
request as before (a revoked terminal). Real centre, real mutual TLS, one kept-alive
connection as a terminal keeps; each request is sent twice, by the short path and by FastAPI's
(the short path told to step aside), and the answers compared."""

from __future__ import annotations

import json
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from console.api.wire import API_PREFIX
from console.auth.results import Accepted
from console.codes import Reason
from console.identity import StaticIdentity
from console.remote.auth import RemoteAuth
from console.remote.terminal_files import TerminalFiles
from console.server import hot_paths
from console.server.hot_paths import HOT, declared_status
from console.server.routes import access, session
from tests.conftest import INSTALLER, PASSWORD, World
from tests.support.catalog import COND, NOT_SHARED, UNCOND, add_cameras
from tests.support.centre import LOOPBACK_MAC, CentreHarness


@pytest.fixture
def centre(world: World, tmp_path: Path) -> Iterator[CentreHarness]:
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    yield harness
    harness.stop()


class Terminal:
    """A logged-in terminal speaking HTTP/1.1 on one kept-alive TLS connection."""

    def __init__(self, centre: CentreHarness, files: TerminalFiles, token: str) -> None:
        context = ssl.create_default_context(cafile=str(files.ca))
        context.load_cert_chain(files.cert, files.key)
        assert centre.server is not None
        raw = socket.create_connection(("127.0.0.1", centre.server.port), timeout=10)
        self.sock = context.wrap_socket(raw, server_hostname="127.0.0.1")
        self.token = token
        self._buffer = b""

    def post(self, path: str, body: Any, *, token: bool = True, raw: bytes | None = None,
             fastapi: bool = False) -> tuple[int, dict[str, str], Any]:
        """The answer (status, headers, JSON); ``fastapi``: by FastAPI's path."""
        if fastapi:
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(hot_paths, "_is_json", lambda _content_type: False)
                return self.post(path, body, token=token, raw=raw)
        data = raw if raw is not None else json.dumps(body).encode()
        head = (f"POST {API_PREFIX}{path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"X-Terminal-Mac: {LOOPBACK_MAC}\r\nContent-Length: {len(data)}\r\n"
                + (f"Authorization: Bearer {self.token}\r\n" if token else "")
                + "Content-Type: application/json\r\n\r\n")
        self.sock.sendall(head.encode() + data)
        while b"\r\n\r\n" not in self._buffer:
            self._buffer += self.sock.recv(65536)
        answer_head, _, self._buffer = self._buffer.partition(b"\r\n\r\n")
        lines = answer_head.decode().split("\r\n")
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":")
                                                       for line in lines[1:])}
        length = int(headers.get("content-length", "0"))
        while len(self._buffer) < length:
            self._buffer += self.sock.recv(65536)
        content, self._buffer = self._buffer[:length], self._buffer[length:]
        return int(lines[0].split()[1]), headers, json.loads(content) if content else None

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def terminal(centre: CentreHarness, world: World) -> Iterator[Terminal]:
    add_cameras(world.db, world.clock)
    files = centre.enrol("T-LOCAL", unit="CENTRE")
    world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
    client = centre.client(files)
    login = RemoteAuth(client, StaticIdentity("127.0.0.1", LOOPBACK_MAC)).login(
        "zhangsan", PASSWORD)
    assert isinstance(login, Accepted)
    token = client.token_of(login.session.session_id)
    assert token is not None
    one = Terminal(centre, files, token)
    yield one
    one.close()


def _both(terminal: Terminal, path: str, body: Any) -> tuple[Any, Any]:
    """The same request by the short path and by FastAPI's."""
    short = terminal.post(path, body)
    full = terminal.post(path, body, fastapi=True)
    assert short[0] == full[0]
    assert short[1]["content-type"] == full[1]["content-type"] == "application/json"
    return short, full


def _but_the_view(answer: dict[str, Any]) -> dict[str, Any]:
    """An open's answer but for what is the view's own (its id, time and stream address)."""
    if "ticket" in answer:
        stream = answer["stream"] and {**answer["stream"], "source": {
            k: v for k, v in answer["stream"]["source"].items() if k != "url"}}
        return {**answer, "ticket": _but_the_view(answer["ticket"]), "stream": stream}
    return {**answer, "id": "", "opened_at": ""}


def test_the_short_path_takes_the_endpoints_and_statuses_fastapi_declares() -> None:
    assert set(HOT.values()) == {session.heartbeat, access.recheck, access.open_view}
    assert declared_status(access.open_view) == 201
    assert declared_status(session.heartbeat) == declared_status(access.recheck) == 200


def test_a_heartbeat_and_a_recheck_answer_as_fastapi_does(terminal: Terminal) -> None:
    short, full = _both(terminal, "/session/heartbeat", {"views": [], "idle_seconds": 1.5})
    assert short[0] == 200 and short[2] == full[2] == {"alive": True, "reason": "OK",
                                                       "locked": False}
    status, _, opened = terminal.post("/views", {"code": UNCOND, "purpose": "巡查"})
    assert status == 201
    views = {"views": [opened["id"]]}
    short, full = _both(terminal, "/views/recheck", views)
    assert short[0] == 200 and short[2]["closed"] == full[2]["closed"] == []
    assert short[2]["stamp"] and full[2]["stamp"]
    stamped = {**views, "stamp": short[2]["stamp"]}
    short, full = _both(terminal, "/views/recheck", stamped)
    assert short[2] == full[2] == {"closed": [], "stamp": stamped["stamp"]}
    short, full = _both(terminal, "/views/recheck", {"views": ["0123456789ab"]})
    assert short[2] == full[2] and short[2]["closed"][0]["reason"] == Reason.VIEW_UNKNOWN


def test_a_view_opened_answers_as_fastapi_does(terminal: Terminal) -> None:
    for body in ({"code": UNCOND, "purpose": "巡查"},
                 {"code": UNCOND, "purpose": "巡查", "stream": "sub"}):
        short, full = _both(terminal, "/views", body)
        assert short[0] == 201
        assert _but_the_view(short[2]) == _but_the_view(full[2])
    short, full = _both(terminal, "/views", {"code": NOT_SHARED, "purpose": "巡查"})
    assert short[0] == 403 and short[2] == full[2]
    assert short[2]["reason"] == Reason.NOT_SHARED
    short, full = _both(terminal, "/views", {"code": COND, "purpose": ""})
    assert short[2] == full[2] and short[0] in (403, 404)


@pytest.mark.parametrize(("case", "request_kw", "status", "reason", "field"), [
    ("a value its model refuses", {"body": {"idle_seconds": "x"}}, 400,
     Reason.INVALID_INPUT, "idle_seconds"),
    ("a body that is no JSON", {"body": None, "raw": b"{views"}, 400,
     Reason.INVALID_INPUT, "body"),
    ("no session token", {"body": {}, "token": False}, 401,
     Reason.NOT_AUTHENTICATED, "authorization"),
])
def test_what_the_short_path_does_not_take_gets_fastapis_refusal(
        terminal: Terminal, case: str, request_kw: dict[str, Any], status: int,
        reason: Reason, field: str) -> None:
    request_kw = dict(request_kw)
    body = request_kw.pop("body")
    short = terminal.post("/session/heartbeat", body, **request_kw)
    full = terminal.post("/session/heartbeat", body, fastapi=True, **request_kw)
    assert short[0] == full[0] == status, case
    assert short[2] == full[2]
    assert short[2]["reason"] == reason and short[2]["field"] == field


def test_the_caller_is_checked_on_every_short_request(
        centre: CentreHarness, terminal: Terminal) -> None:
    """Revoking the terminal refuses its very next heartbeat on the kept connection (the
    caller accepted before is not taken on trust); a logout ends what the token may do."""
    for _ in range(2):      # the second from the caller kept after the first's check
        assert terminal.post("/session/heartbeat", {})[0] == 200
    centre.centre.enrolment.revoke(INSTALLER, "T-LOCAL")
    status, _, body = terminal.post("/session/heartbeat", {})
    assert status == 403 and body["reason"] == Reason.TERMINAL_REVOKED
    status, _, body = terminal.post("/views/recheck", {"views": []})
    assert status == 403 and body["reason"] == Reason.TERMINAL_REVOKED
