"""What every endpoint depends on: the centre, and the caller — a checked terminal (mutual
TLS, source IP, MAC) and, for everything a person does, the live session of that terminal.
Role and right checks are the services' (they audit their refusals); the API adds the
identity gate in front of them."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Collection
from concurrent.futures import ThreadPoolExecutor
from typing import Annotated, ParamSpec, TypeVar

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from console.api.errors import KIND_CALLER, Refused
from console.audit.writer import Actor, AuditTrail
from console.auth.service import actor_for_session
from console.codes import Action, Outcome, Reason, Role
from console.server.caller import FIELD_AUTHORIZATION, Caller, CallerCheck, seen_of
from console.server.centre import Centre
from console.storage.models import ConsoleSession

P = ParamSpec("P")
T = TypeVar("T")

# The worker threads of the hot endpoints' database work (heartbeats, rechecks, views, the
# caller check): a plain executor, whose hand-over costs about half of anyio's
# (``run_in_threadpool``: a capacity limiter, cancel scopes and a Condition per call), which
# the other endpoints keep. As many threads as anyio's pool (console/server/runner.py).
WORKER_THREADS = 8
_workers = ThreadPoolExecutor(WORKER_THREADS, thread_name_prefix="centre-worker")


async def in_worker(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``function(*args, **kwargs)`` on a worker thread, awaited on the event loop."""
    return await asyncio.get_running_loop().run_in_executor(
        _workers, functools.partial(function, *args, **kwargs))


bearer = HTTPBearer(auto_error=False, description="the session token a login returned")


async def get_centre(request: Request) -> Centre:
    """(async: FastAPI would otherwise hand this lookup to a worker thread and back)"""
    centre: Centre = request.app.state.centre
    return centre


async def get_caller(request: Request) -> Caller:
    """A checked terminal, no session needed (health of the link, policy, login)."""
    return await _checked(request, None)


async def get_session_caller(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> Caller:
    """A checked terminal with the session its token names (live or ended: the services say
    what an ended session may still do — a heartbeat learns why it ended)."""
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Refused(Reason.NOT_AUTHENTICATED, "log in first (no session token)",
                      field=FIELD_AUTHORIZATION, status=401, kind=KIND_CALLER)
    return await _checked(request, credentials.credentials)


async def _checked(request: Request, token: str | None) -> Caller:
    """The caller accepted before for exactly what arrived, if nothing it was checked
    against changed since (``CallerCheck.kept``: on the event loop, no database); else the
    full check on a worker thread. (async: a sync dependency would take a thread hop of its
    own before the endpoint's)"""
    callers: CallerCheck = request.app.state.callers
    seen = seen_of(request.scope, request.headers)
    caller = callers.kept(seen, token)
    if caller is None:
        caller = await in_worker(callers.check, seen, token)
    return caller


def session_id_of(caller: Caller) -> str:
    if caller.session_id is None:
        raise Refused(Reason.NOT_AUTHENTICATED, "log in first", field=FIELD_AUTHORIZATION,
                      status=401, kind=KIND_CALLER)
    return caller.session_id


def actor_of(centre: Centre, caller: Caller) -> Actor:
    """The person acting through this session, read from the database (never from what the
    terminal says about itself)."""
    with centre.db.transaction() as s:
        row = s.get(ConsoleSession, session_id_of(caller))
        if row is None or row.ended_at is not None:
            raise Refused(Reason.SESSION_ENDED, "the session has ended", field=FIELD_AUTHORIZATION,
                          status=401, kind=KIND_CALLER)
        return actor_for_session(row)


def actor_in_role(centre: Centre, caller: Caller, roles: Collection[Role], what: str, *,
                  audit: Action | None = None, target: str = "") -> Actor:
    """The session's person when their role is one of ``roles``; otherwise ``Refused``
    (403, NOT_PERMITTED), registered under ``audit`` when given. For what no service checks
    itself (reading lists, the usage register)."""
    actor = actor_of(centre, caller)
    if actor.role in {str(r) for r in roles}:
        return actor
    if audit is not None:
        with centre.db.transaction() as s:
            AuditTrail(centre.clock).append(s, actor, audit, target=target[:200],
                                            outcome=Outcome.DENIED,
                                            reason=Reason.NOT_PERMITTED,
                                            params={"field": "actor"})
    raise Refused(Reason.NOT_PERMITTED, f"{actor.account} may not {what}", field="actor",
                  status=403)


CentreDep = Annotated[Centre, Depends(get_centre)]
CallerDep = Annotated[Caller, Depends(get_caller)]
SessionDep = Annotated[Caller, Depends(get_session_caller)]
