"""The ASGI TLS extension (asgiref spec 0.2) for uvicorn, which does not provide it yet.

uvicorn 0.54 verifies a client certificate when asked (``ssl_cert_reqs``) but does not hand
it to the application; pull requests adding ``scope["extensions"]["tls"]`` are open
(Kludex/uvicorn #3132, #3133). Until one is released these subclasses of uvicorn's own
protocols (selected with ``Config(http=...)``, uvicorn's documented way to choose a protocol
class) read the verified peer certificate once per connection and add the extension to
every request scope of that connection. When uvicorn ships the extension, delete this file
and the ``http=`` argument: the application reads the same keys.

The centre serves with the httptools protocol (``TlsScopeHttpToolsProtocol``: its parser is
C, a third of the h11 protocol's cost per request); the h11 one stays for where httptools is
not installed. httptools sets no limit on a request's head, so the subclass keeps the one
the h11 protocol had (``h11_max_incomplete_event_size``, 64 KiB): a longer request line and
headers get 431 and the connection is closed.

Only what the TLS handshake verified is passed on: with ``CERT_OPTIONAL`` a client without
a certificate gets an empty chain; a client with a certificate the CA did not sign never
completes the handshake.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # pragma: no cover - httptools is a dependency; the h11 protocol remains
    HttpToolsProtocol = None  # type: ignore[assignment,misc]

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

MAX_HEAD_BYTES = 64 * 1024     # a request line and headers together

_TLS_VERSIONS = {"TLSv1.2": 0x0303, "TLSv1.3": 0x0304}


def tls_extension(ssl_object: ssl.SSLObject | None) -> dict[str, Any] | None:
    """The extension's keys for one TLS connection (None for a plain TCP one)."""
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(binary_form=True)
    chain = [ssl.DER_cert_to_PEM_cert(der)] if der else []
    cipher = ssl_object.cipher()
    return {
        "server_cert": None,
        "client_cert_chain": chain,
        "client_cert_name": None,
        "client_cert_error": None,
        "tls_version": _TLS_VERSIONS.get(ssl_object.version() or ""),
        "cipher_suite": None,
        "cipher_name": cipher[0] if cipher else None,  # not in the spec: for diagnostics
    }


class TlsScopeProtocol(H11Protocol):
    """uvicorn's h11 protocol with ``scope["extensions"]["tls"]`` filled in."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        extension = tls_extension(transport.get_extra_info("ssl_object"))
        if extension is not None:
            self.app = _with_tls(self.app, extension)


if HttpToolsProtocol is not None:
    class TlsScopeHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with ``scope["extensions"]["tls"]`` filled in, and
        a request's head limited to ``MAX_HEAD_BYTES`` (431, then the connection closes)."""

        _reading_head = True    # between requests or in a request's head
        _raw_bytes = 0          # arrived since the head began (a head still incomplete)
        _head_bytes = 0         # the request line and headers parsed so far
        _head_too_large = False

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            extension = tls_extension(transport.get_extra_info("ssl_object"))
            if extension is not None:
                self.app = _with_tls(self.app, extension)

        def data_received(self, data: bytes) -> None:
            if self._head_too_large:
                return
            counting = self._reading_head
            super().data_received(data)
            if counting and self._reading_head and not self._head_too_large:
                # a head still incomplete: httptools would buffer an endless header value
                self._raw_bytes += len(data)
                if self._raw_bytes > MAX_HEAD_BYTES:
                    self._head_too_large = True
                    self.send_400_response("")

        def on_message_begin(self) -> None:
            self._reading_head, self._head_bytes = True, 0
            super().on_message_begin()

        def on_url(self, url: bytes) -> None:
            self._count(len(url))
            super().on_url(url)

        def on_header(self, name: bytes, value: bytes) -> None:
            self._count(len(name) + len(value) + 4)
            super().on_header(name, value)

        def _count(self, size: int) -> None:
            self._head_bytes += size
            if self._head_bytes > MAX_HEAD_BYTES:
                self._head_too_large = True
                raise _HeadTooLarge   # the parser's error: uvicorn answers send_400_response

        def on_headers_complete(self) -> None:
            self._reading_head, self._raw_bytes = False, 0
            before = self.cycle
            super().on_headers_complete()
            if self.cycle is not None and self.cycle is not before \
                    and self.scope["method"] != "HEAD":   # (HEAD: uvicorn writes no body)
                # (its task has not run yet: it writes through this from its first write)
                self.cycle.transport = _HeadWithBody(self.transport)  # type: ignore[assignment]

        def on_message_complete(self) -> None:
            self._reading_head = True
            super().on_message_complete()

        def send_400_response(self, msg: str) -> None:
            if not self._head_too_large:
                super().send_400_response(msg)
                return
            message = b"Request header fields too large."
            self.transport.write(
                b"HTTP/1.1 431 Request Header Fields Too Large\r\n"
                b"content-type: text/plain; charset=utf-8\r\n"
                b"content-length: " + str(len(message)).encode() + b"\r\n"
                b"connection: close\r\n\r\n" + message)
            self.transport.close()

    BEST_PROTOCOL: type[H11Protocol] | type[HttpToolsProtocol] = TlsScopeHttpToolsProtocol
else:  # pragma: no cover
    BEST_PROTOCOL = TlsScopeProtocol


class _HeadWithBody:
    """A response's transport that sends its status line and headers together with the
    first part of its body: one TLS record and one send() instead of two (uvicorn writes
    them apart; on loopback each send also costs the receiving side's processing here).
    Everything else, and every later write, goes straight through."""

    __slots__ = ("_head", "_headed", "_transport")

    def __init__(self, transport: asyncio.Transport) -> None:
        self._transport = transport
        self._head: bytes | None = None
        self._headed = False

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if not self._headed and bytes(data[:9]) == b"HTTP/1.1 " \
                and bytes(data[9:10]) != b"1":     # the head (not a "100 Continue")
            self._headed, self._head = True, bytes(data)
            return
        if self._head is not None:
            data, self._head = self._head + bytes(data), None
        self._transport.write(data)

    def flush(self) -> None:
        if self._head is not None:
            self._transport.write(self._head)
            self._head = None

    def close(self) -> None:
        self.flush()                        # a head without a body (the app failed)
        self._transport.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class _HeadTooLarge(Exception):  # noqa: N818 - a signal, not an error to report
    pass


def _with_tls(app: App, extension: dict[str, Any]) -> App:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") in ("http", "websocket"):
            scope.setdefault("extensions", {})["tls"] = extension
        await app(scope, receive, send)
    return wrapped
