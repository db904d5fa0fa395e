"""The ASGI TLS extension (asgiref spec 0.2) for uvicorn, which does not provide it yet.

uvicorn 0.54 verifies a client certificate when asked (``ssl_cert_reqs``) but does not hand
it to the application; pull requests adding ``scope["extensions"]["tls"]`` are open
(Kludex/uvicorn #3132, #3133). Until one is released this subclass of uvicorn's own h11
protocol (selected with ``Config(http=...)``, uvicorn's documented way to choose a protocol
class) reads the verified peer certificate once per connection and adds the extension to
every request scope of that connection. When uvicorn ships the extension, delete this file
and the ``http=`` argument: the application reads the same keys.

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

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

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


def _with_tls(app: App, extension: dict[str, Any]) -> App:
    async def wrapped(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") in ("http", "websocket"):
            scope.setdefault("extensions", {})["tls"] = extension
        await app(scope, receive, send)
    return wrapped
