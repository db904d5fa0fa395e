"""The requests every terminal sends all the time — the heartbeat (every 5 s), the recheck of
its views (every 2 s) and a view's open — answered without FastAPI's routing, dependency
solving and response validation, by the very endpoint functions FastAPI would call
(console/server/routes/), with the same checks in the same order:

1. the body is read through the same middleware (its size limit: ``BodyLimit``) and
   validated by the endpoint's own body model;
2. the caller is checked as ``get_session_caller`` checks it (``_checked``: the kept
   caller or the full check on a worker thread — certificate, terminal not revoked, source
   IP, MAC, the session of the token and its person);
3. the endpoint runs; its answer is serialised with its declared return type, with its
   status code; a refusal (``Refused`` or a service's ``SessionGone``/``ViewRefused``)
   leaves as the one refusal body, as the exception handlers make it
   (console/server/refusals.py); anything else is a logged 500, as there.

A request this path does not take as it is — no bearer token, a body its model refuses, any
other path or method — goes to FastAPI unchanged (the body already read is handed on), so
every refusal of a malformed request keeps FastAPI's wording. The routes stay declared in
FastAPI (the OpenAPI schema, and the path a request takes when this one steps aside).

Why: a bare answer through FastAPI costs the centre ~0.3 ms of CPU beyond uvicorn and TLS
(~0.2 ms); these three are ~130 of the ~145 requests a second of 200 terminals
(benchmarks/centre_load.py).
"""

from __future__ import annotations

import json
import logging
import typing
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute
from fastapi.security.utils import get_authorization_scheme_param
from pydantic import BaseModel, TypeAdapter, ValidationError
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from console.api.errors import Refused
from console.api.wire import API_PREFIX
from console.codes import Reason
from console.server.caller import CallerCheck, seen_of
from console.server.centre import Centre
from console.server.deps import in_worker
from console.server.refusals import as_refused, refusal_response
from console.server.routes import access, session

log = logging.getLogger(__name__)

Endpoint = Callable[..., Awaitable[Any]]

# (method, path) -> the endpoint function; each takes (body, caller, centre)
HOT: dict[tuple[str, str], Endpoint] = {
    ("POST", f"{API_PREFIX}/session/heartbeat"): session.heartbeat,
    ("POST", f"{API_PREFIX}/views/recheck"): access.recheck,
    ("POST", f"{API_PREFIX}/views"): access.open_view,
}


@dataclass(frozen=True, slots=True)
class _Hot:
    endpoint: Endpoint
    body: type[BaseModel]
    answer: TypeAdapter[Any]
    status: int


class HotPaths:
    """ASGI middleware (inside ``BodyLimit``): the ``HOT`` requests straight to their
    endpoints; everything else to ``app``."""

    def __init__(self, app: ASGIApp, *, centre: Centre, callers: CallerCheck) -> None:
        self._app, self._centre, self._callers = app, centre, callers
        self._hot: dict[tuple[str, str], _Hot] | None = None

    def _routes(self) -> dict[tuple[str, str], _Hot]:
        if self._hot is None:
            hot = {}
            for key, endpoint in HOT.items():
                hints = typing.get_type_hints(endpoint)
                hot[key] = _Hot(endpoint, hints["body"], TypeAdapter(hints["return"]),
                                declared_status(endpoint))
            self._hot = hot
        return self._hot

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        hot = self._routes().get((scope.get("method", ""), scope.get("path", ""))) \
            if scope["type"] == "http" else None
        if hot is None:
            await self._app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        token = _bearer(headers.get("authorization"))
        body = await _read(receive)         # (over the limit: BodyLimit answers 413)
        parsed = None
        if token is not None and body and _is_json(headers.get("content-type")):
            try:        # as FastAPI reads a body: json.loads, then the model (Python mode)
                parsed = hot.body.model_validate(json.loads(body))
            except (ValueError, ValidationError):   # (JSONDecodeError, UnicodeDecodeError)
                parsed = None
        if parsed is None:      # FastAPI says what is wrong, in its words
            await self._app(scope, _replay(body, receive), send)
            return
        try:
            seen = seen_of(scope, headers)
            caller = self._callers.kept(seen, token)
            if caller is None:
                caller = await in_worker(self._callers.check, seen, token)
            answer = await hot.endpoint(parsed, caller, self._centre)
            status, content = hot.status, hot.answer.dump_json(answer, by_alias=True)
        except Exception as exc:    # every failure is answered, as the handlers answer it
            refused = as_refused(exc)
            if refused is None:
                log.exception("unhandled error in the API", exc_info=exc)
                refused = Refused(Reason.SERVER_ERROR, "internal error", status=500)
            await refusal_response(refused)(scope, _replay(b"", receive), send)
            return
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-length", str(len(content)).encode()),
                                (b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": content})


def declared_status(endpoint: Endpoint) -> int:
    """The status code the endpoint's route declares (200 when it declares none)."""
    for router in (session.router, access.router):
        for route in router.routes:
            if isinstance(route, APIRoute) and route.endpoint is endpoint:
                return route.status_code or 200
    raise LookupError(f"no route for {endpoint.__name__}")


def _bearer(authorization: str | None) -> str | None:
    """The token of ``Authorization: Bearer TOKEN`` (as HTTPBearer reads it), or None."""
    scheme, token = get_authorization_scheme_param(authorization)
    return token if scheme.lower() == "bearer" and token else None


def _is_json(content_type: str | None) -> bool:
    """Whether FastAPI would read the body as JSON (application/json, +json)."""
    if not content_type:
        return False        # (FastAPI's reading then depends on its strictness: let it)
    media = content_type.partition(";")[0].strip().lower()
    return media == "application/json" or (media.startswith("application/")
                                           and media.endswith("+json"))


async def _read(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """``receive`` with ``body`` (already read) handed out first."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed
