"""Every refusal of the API leaves as the one refusal body (console/api/errors.py) with a
4xx status: the services' own refusals (an ``AdminError`` and its kinds, a catalogue import
with its row errors, a session that ended, a view whose right went), malformed requests
(pydantic's complaint reduced to the first field it names), unknown endpoints and oversized
bodies. A 500 means a bug: it is logged with its traceback and says only that."""

from __future__ import annotations

import contextlib
import logging
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from console.access.model import SessionGone, ViewRefused, ViewResult
from console.admin.validation import AdminError
from console.api.errors import (
    KIND_CATALOG_FILE,
    KIND_CATALOG_IMPORT,
    KIND_SESSION_GONE,
    KIND_VIEW_REFUSED,
    Refused,
)
from console.api.wire import API_PREFIX, MAX_BODY_BYTES, MAX_FILE_BODY_BYTES, RefusalBody
from console.catalog.errors import CatalogError, CatalogFileError, CatalogImportError
from console.codes import Reason
from console.server.caller import FIELD_AUTHORIZATION

log = logging.getLogger(__name__)

KIND_VIEW_DENIED = "view_denied"   # a view refused (the terminal gets a ViewResult)
_STATUS = {Reason.NOT_PERMITTED: 403, Reason.OTHER_UNIT: 403, Reason.NOT_FOUND: 404,
           Reason.DUPLICATE: 409, Reason.UNKNOWN_CAMERA: 404, Reason.SESSION_ENDED: 401,
           Reason.PTZ_HELD: 409, Reason.NOT_STEERABLE: 409}


def refusal_response(refused: Refused) -> JSONResponse:
    return JSONResponse(jsonable_encoder(refused.body()), status_code=refused.status)


def as_refused(exc: Exception) -> Refused | None:
    """The refusal a service exception stands for (None: not a refusal, a bug)."""
    if isinstance(exc, Refused):
        return exc
    if isinstance(exc, SessionGone):
        return Refused(exc.reason, "the session has ended", field=FIELD_AUTHORIZATION, status=401,
                       kind=KIND_SESSION_GONE)
    if isinstance(exc, ViewRefused):
        return Refused(exc.reason, "the view may not be shown", status=403,
                       kind=KIND_VIEW_REFUSED)
    if isinstance(exc, CatalogImportError):
        return Refused(exc.reason, str(exc), field=exc.field, status=400,
                       kind=KIND_CATALOG_IMPORT,
                       details={"errors": [[e.file, e.sheet, e.row, e.field, e.message,
                                            e.code, e.params] for e in exc.errors]})
    if isinstance(exc, CatalogFileError):
        return Refused(exc.reason, str(exc), field="file", status=400, kind=KIND_CATALOG_FILE,
                       details={"file": exc.file, "detail": exc.detail, "code": exc.code,
                                "params": exc.problem_params})
    if isinstance(exc, AdminError | CatalogError):
        return Refused(exc.reason, str(exc), field=exc.field,
                       status=_STATUS.get(exc.reason, 400))
    return None


def document(schema: dict[str, Any]) -> dict[str, Any]:
    """The generated OpenAPI schema made to say what the API answers when it refuses: every
    operation may answer a 4xx (a caller refused, a body too large, an invalid request…) with
    the one refusal body. FastAPI would declare a 422 with its own validation body instead,
    which this API never sends (``_invalid`` below answers 400 with the refusal body)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    body = RefusalBody.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in body.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components["Refusal"] = body
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Refusal"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status, response in responses.items():
                if status.startswith("4"):
                    response.setdefault("content", content)
            responses["4XX"] = {"description": "refused: a reason code, the field, a message",
                                "content": content}
    for unused in ("HTTPValidationError", "ValidationError"):
        components.pop(unused, None)
    return schema


def view_denied(result: ViewResult) -> Refused:
    """A view the service would not open: 403 naming the camera, or, when the session is
    dead, the 401 every other request of a dead session gets."""
    if result.reason == Reason.SESSION_ENDED:
        return Refused(result.reason, "the session has ended", field=FIELD_AUTHORIZATION,
                       status=401, kind=KIND_SESSION_GONE)
    return Refused(result.reason, "the view may not be opened", field="code", status=403,
                   kind=KIND_VIEW_DENIED, details=dict(result.details))


def install(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = document(generate())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    app.add_middleware(NulRefused)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        first: dict[str, Any] = exc.errors()[0] if exc.errors() else {}
        loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
        if first.get("type") == "json_invalid":
            loc = []        # its location is the offset in the text: the body is at fault
        message = str(first.get("msg", "invalid request"))[:300]
        return refusal_response(Refused(Reason.INVALID_INPUT, message,
                                        field=".".join(loc) or "body", status=400))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        # routing (no such path, no such method) or a body FastAPI could not read
        reason, field = _HTTP_REFUSALS.get(exc.status_code, (Reason.INVALID_INPUT, "body"))
        return refusal_response(Refused(reason, str(exc.detail)[:300], field=field,
                                        status=exc.status_code))

    @app.exception_handler(Exception)
    async def _any(_request: Request, exc: Exception) -> JSONResponse:
        refused = as_refused(exc)
        if refused is not None:
            return refusal_response(refused)
        log.exception("unhandled error in the API", exc_info=exc)
        return refusal_response(Refused(Reason.SERVER_ERROR, "internal error", status=500))

    for kind in (Refused, AdminError, CatalogError, SessionGone, ViewRefused):
        app.add_exception_handler(kind, _any)


_HTTP_REFUSALS = {404: (Reason.NO_SUCH_ENDPOINT, "path"),
                  405: (Reason.NO_SUCH_ENDPOINT, "method")}


class NulRefused:
    """Refuses a path or query parameter holding a NUL character (``%00``) with 400 before
    routing: PostgreSQL takes no NUL in any text, not even to compare (bodies are checked by
    their models, console/api/wire.py)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        field = _nul_field(scope) if scope["type"] == "http" else None
        if field is None:
            await self.app(scope, receive, send)
            return
        response = refusal_response(Refused(Reason.INVALID_INPUT, "a NUL character is not "
                                            "allowed", field=field, status=400))
        await response(scope, receive, send)


def _nul_field(scope: Scope) -> str | None:
    if "\x00" in scope.get("path", ""):
        return "path"
    query: bytes = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
            if "\x00" in name or "\x00" in value:
                return name.replace("\x00", "")[:40] or "query"
        return "query"
    return None


class BodyLimit:
    """Refuses a request body over the limit with 413 before the application reads it (by
    its Content-Length, or while it streams in)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        limit = MAX_FILE_BODY_BYTES if path.startswith(f"{API_PREFIX}/catalog/import") \
            else MAX_BODY_BYTES
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    too_big = int(value) > limit
                except ValueError:
                    too_big = True
                if too_big:
                    await _send_too_large(send, limit)
                    return
        received, exceeded, answered = 0, False, False

        async def limited() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _TooLarge
            return message

        async def answer(message: Message) -> None:
            nonlocal answered
            if exceeded:
                # FastAPI turns any failure to read the body into its own 400 ("error
                # parsing the body"): that answer is replaced by the 413 below
                return
            answered = True
            await send(message)

        with contextlib.suppress(_TooLarge):     # raised again by the app, or swallowed
            await self.app(scope, limited, answer)
        if exceeded and not answered:
            await _send_too_large(send, limit)


class _TooLarge(Exception):  # noqa: N818 - control flow inside BodyLimit
    pass


async def _send_too_large(send: Send, limit: int) -> None:
    response = refusal_response(Refused(Reason.BODY_TOO_LARGE,
                                        f"the request body is over {limit} bytes",
                                        field="body", status=413))
    await response({"type": "http"}, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}
