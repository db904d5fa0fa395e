"""The centre's side of its gateway nodes: the link a node asks (loopback HTTP, a random
key handed to the node on its stdin) and the node process this instance hosts.

    POST /gateway/check {view, token, ip, camera, kind} -> {ok, reason, url, user, password}
    POST /gateway/valid {views: [...]}                  -> {valid: [...], closed: {id: reason}}
    POST /gateway/upstream {event, camera, kind, views, codec} -> {}  (a pull's news:
         "unsupported_codec" registers the waiting views' refusals, "released" stops a
         platform camera's play)

All go through the access service (console/access/service.py: ``gateway_check`` registers
its refusals, ``gateway_valid`` reads only). The link listens on 127.0.0.1 only and refuses
any request without the key; the upstream credentials it answers with go to the node and
nowhere else (no log line carries them)."""

from __future__ import annotations

import contextlib
import hmac
import json
import logging
import secrets
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from console.access.service import AccessService
from console.gateway.health import Heartbeat, NodeHealth, rtsp_answers
from console.gateway.process import GatewayProcess

log = logging.getLogger(__name__)

MAX_BODY = 256 * 1024


class GatewayLink:
    def __init__(self, access: AccessService, node: str = "local") -> None:
        self.access, self.node = access, node
        self.key = secrets.token_urlsafe(32)
        self._lock = threading.Lock()
        self._connections: set[socket.socket] = set()   # kept alive by the node
        link = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                super().setup()
                with link._lock:
                    link._connections.add(self.connection)

            def finish(self) -> None:
                with link._lock:
                    link._connections.discard(self.connection)
                super().finish()

            def do_POST(self) -> None:
                link._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                return      # no access log (and nothing secret in one)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> GatewayLink:
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True,
                                        name="gateway-link")
        self._thread.start()
        return self

    def stop(self) -> None:
        """No more answers: the listener and the node's kept connections closed."""
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            kept = list(self._connections)
        for connection in kept:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {self.key}".encode()):
            _reply(request, 403, {"error": "forbidden"})
            return
        try:
            length = int(request.headers.get("Content-Length", "0"))
            if not 0 <= length <= MAX_BODY:
                raise ValueError("body too large")
            body = json.loads(request.rfile.read(length) or b"{}")
            if request.path == "/gateway/check":
                verdict = self.access.gateway_check(
                    str(body["view"])[:40], str(body["token"])[:100], str(body["ip"])[:45],
                    int(body["camera"]), str(body["kind"])[:8], self.node)
                _reply(request, 200, {"ok": verdict.ok, "reason": str(verdict.reason),
                                      "url": verdict.url, "user": verdict.user,
                                      "password": verdict.password})
            elif request.path == "/gateway/valid":
                valid, closed = self.access.gateway_valid([str(v)[:40]
                                                          for v in body["views"]])
                _reply(request, 200, {"valid": valid, "closed": closed})
            elif request.path == "/gateway/upstream":
                self.access.gateway_upstream(
                    str(body["event"])[:40], int(body["camera"]), str(body["kind"])[:8],
                    [str(v)[:40] for v in body.get("views", [])][:100],
                    str(body.get("codec", ""))[:40], self.node)
                _reply(request, 200, {})
            else:
                _reply(request, 404, {"error": "no such endpoint"})
        except (KeyError, TypeError, ValueError) as exc:
            _reply(request, 400, {"error": type(exc).__name__})
        except Exception:   # the node fails closed on anything but 200
            log.exception("gateway link: %s failed", request.path)
            _reply(request, 500, {"error": "server error"})


def _reply(request: BaseHTTPRequestHandler, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(data)))
    request.end_headers()
    request.wfile.write(data)


class HostedGateway:
    """The gateway node this instance runs, its link and (with ``health``) its heartbeat:
    a beat every second while the node answers RTSP on its port."""

    def __init__(self, access: AccessService, port: int, *, address: str = "127.0.0.1",
                 node: str = "local", linger_s: float = 10.0, poll_s: float = 0.5,
                 health: NodeHealth | None = None, instance: str = "",
                 keyframe_cache: bool = False) -> None:
        self.link = GatewayLink(access, node)
        self.process = GatewayProcess(self.link.url, self.link.key, port=port,
                                      address=address, linger_s=linger_s, poll_s=poll_s,
                                      gop_cache=keyframe_cache)
        probe = "127.0.0.1" if address in ("0.0.0.0", "") else \
            "::1" if address == "::" else address    # noqa: S104 - an address, not a bind
        self.heartbeat = Heartbeat(health, node, instance, lambda: self.process.running
                                   and rtsp_answers(probe, port)) if health else None

    def start(self) -> HostedGateway:
        self.link.start()
        try:
            self.process.start()
        except Exception:
            self.link.stop()
            raise
        if self.heartbeat is not None:
            self.heartbeat.start()
        return self

    def stop(self) -> None:
        if self.heartbeat is not None:
            self.heartbeat.stop()
        self.process.close()
        self.link.stop()
