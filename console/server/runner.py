"""Serving the API over HTTPS with mutual TLS: uvicorn with the centre's TLS context.

Why uvicorn: it is FastAPI's own server and the most used ASGI server; it verifies a client
certificate when told to (``CERT_OPTIONAL``: a terminal that has not enrolled yet may still
reach ``/health`` and ``/enrol``) and, through console/server/tls_scope.py, hands the
verified certificate to the application as the ASGI TLS extension. Hypercorn 0.18 and
granian 2.8 (checked, same versions as PyPI offers here) verify client certificates too but
give the application no way to read which one.

The source address comes from the socket: ``proxy_headers=False``, so a client cannot claim
another address with ``X-Forwarded-For``.
"""

from __future__ import annotations

import logging
import ssl
import threading
import time
from pathlib import Path
from typing import Any

import anyio.to_thread
import uvicorn

from console.server.deps import WORKER_THREADS
from console.server.tls_scope import BEST_PROTOCOL

log = logging.getLogger(__name__)


def server_tls(cert: Path, key: Path, ca: Path) -> ssl.SSLContext:
    """TLS 1.2+ with the server's certificate; client certificates verified against the
    centre's CA when presented (the application refuses requests without one)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    context.load_cert_chain(cert, key)
    context.load_verify_locations(ca)
    context.verify_mode = ssl.CERT_OPTIONAL
    return context


# Worker threads for the endpoints that touch the database (anyio's default is 40). Each
# request holds the GIL for nearly all of its time, so more threads add no throughput, only
# switching and a longer queue inside the process (measured: benchmarks/centre_load.py).
# The hot endpoints have a pool of the same size of their own (console/server/deps.py).


class _WorkerThreads:
    """Sets the event loop's worker-thread limit on the first request (it belongs to the
    loop, which exists only once uvicorn runs)."""

    def __init__(self, app: Any, threads: int) -> None:
        self._app, self._threads, self._set = app, threads, False

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if not self._set:
            anyio.to_thread.current_default_thread_limiter().total_tokens = self._threads
            self._set = True
        await self._app(scope, receive, send)


def _config(app: Any, host: str, port: int, context: ssl.SSLContext,
            log_level: str) -> uvicorn.Config:
    app = _WorkerThreads(app, WORKER_THREADS)
    return uvicorn.Config(
        # httptools (with the TLS extension), uvloop where installed
        app, host=host, port=port, http=BEST_PROTOCOL, loop="auto",
        ssl_context_factory=lambda _config, _default: context,
        proxy_headers=False, server_header=False, date_header=False,
        lifespan="off", log_level=log_level, access_log=False,
        timeout_keep_alive=30, limit_concurrency=2000, timeout_graceful_shutdown=2,
        h11_max_incomplete_event_size=64 * 1024,
    )


def serve(app: Any, host: str, port: int, context: ssl.SSLContext,
          log_level: str = "warning") -> None:
    """Serve until SIGINT/SIGTERM (``main.py server run``)."""
    uvicorn.Server(_config(app, host, port, context, log_level)).run()


class ServerThread:
    """The API served from a thread of this process (tests, benchmarks)."""

    def __init__(self, app: Any, context: ssl.SSLContext, host: str = "127.0.0.1",
                 port: int = 0) -> None:
        self._server = uvicorn.Server(_config(app, host, port, context, "warning"))
        self._thread: threading.Thread | None = None
        self.host = host
        self._port: int | None = port or None

    @property
    def port(self) -> int:
        if self._port is None:
            self._port = int(self._server.servers[0].sockets[0].getsockname()[1])
        return self._port

    @property
    def port_used(self) -> int:
        """The port served on (also after ``stop``)."""
        return self.port

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}"

    def start(self, timeout: float = 15.0) -> ServerThread:
        self._thread = threading.Thread(target=self._server.run, name="centre-api",
                                        daemon=True)
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the centre API did not start")
            time.sleep(0.02)
        _ = self.port
        return self

    def stop(self, timeout: float = 10.0, *, force: bool = False) -> None:
        """Stop serving; ``force``: drop open connections at once instead of letting the
        requests under way finish (up to the graceful-shutdown timeout)."""
        self._server.should_exit = True
        self._server.force_exit = force
        if self._thread is not None:
            self._thread.join(timeout)
