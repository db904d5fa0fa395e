"""The centre's HTTPS API (FastAPI): every endpoint under ``/api/v1``, its OpenAPI schema at
``/api/v1/openapi.json``. Built around one ``Centre``; served by console/server/runner.py."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

import console
from console.api.wire import API_PREFIX
from console.server import refusals
from console.server.caller import CallerCheck, NeighbourTable, proc_neighbours
from console.server.centre import Centre
from console.server.hot_paths import HotPaths
from console.server.routes import (
    access,
    admin,
    audit,
    capture,
    catalog,
    desk,
    diagnosis,
    duty,
    faults,
    grants,
    online,
    privacy,
    ptz,
    session,
)


class _GzipForGet:
    """Compression for the answers to GET requests (the catalogue, lists: large ones); the
    others are one object each, and the hottest (heartbeats, rechecks, views) skip the
    wrapping of every answer."""

    def __init__(self, app: ASGIApp, minimum_size: int) -> None:
        self._app, self._gzip = app, GZipMiddleware(app, minimum_size=minimum_size)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            await self._gzip(scope, receive, send)
        else:
            await self._app(scope, receive, send)


def create_app(centre: Centre, *, neighbours: NeighbourTable = proc_neighbours) -> FastAPI:
    app = FastAPI(
        title="视频共享调阅终端 centre API",
        version=console.__version__,
        description="The centre server of the city video-sharing console: identity, rights, "
                    "views, PTZ, administration and the usage register. Every request but "
                    "/health and /enrol needs the terminal's client certificate (mutual TLS) "
                    "from its registered address; every refusal is a 4xx with one body "
                    "(reason code, field, message).",
        openapi_url=f"{API_PREFIX}/openapi.json", docs_url=None, redoc_url=None,
    )
    app.state.centre = centre
    app.state.callers = CallerCheck(centre.db, centre.clock, neighbours,
                                    enforce=centre.auth.enforce, state=centre.access)
    # innermost of the middleware (inside BodyLimit): the hottest requests without FastAPI
    app.add_middleware(HotPaths, centre=centre, callers=app.state.callers)
    refusals.install(app)
    app.add_middleware(_GzipForGet, minimum_size=64 * 1024)
    app.add_middleware(refusals.BodyLimit)
    for module in (session, access, desk, ptz, admin, grants, catalog, privacy, capture,
                   audit, faults, duty, online, diagnosis):
        app.include_router(module.router, prefix=API_PREFIX)
    return app
