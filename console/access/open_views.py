"""The views the centre has opened and not yet closed (``open_views``), with their leases.

A view is a fact on the centre's side: the terminal names it by its id, and everything about
it (camera, right, purpose, grant, when it was opened) is read back from here, never taken
from the terminal. Each view is closed exactly once, by whoever gets there first (the
operator, a recheck, the end of its session, its grant's end, a lost lease); the close is
registered (R11) in the same transaction by that one party."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from console.access.model import ViewTicket
from console.audit.writer import Actor, AuditTrail
from console.codes import Action, Reason, Right
from console.live.state import StreamKind
from console.storage.models import OpenView


def lease_length(grace_seconds: int) -> timedelta:
    """How long a view stays open without a renewal from its terminal."""
    return timedelta(seconds=grace_seconds)


def add_view(s: Session, session_id: str, ticket: ViewTicket, lease_until: datetime, *,
             stream: StreamKind | None = None) -> OpenView:
    """The view's row (``stream``: the stream it shows from the start), inserted as a plain
    statement (every view opened passes here); the object returned is not attached to
    ``s`` (read the view back with ``view_of_session`` to change it)."""
    values = {
        "id": ticket.id, "session_id": session_id, "camera_id": ticket.camera_id,
        "camera_code": ticket.camera_code, "camera_name": ticket.camera_name,
        "right": str(ticket.right), "purpose": ticket.purpose, "output": ticket.output,
        "grant_id": ticket.grant_id, "until": ticket.until, "opened_at": ticket.opened_at,
        "lease_until": lease_until, "stream": str(stream) if stream is not None else None,
        "closed_at": None, "close_reason": None}
    s.flush()           # (a Core statement below: the ORM's changes first, as it would)
    s.connection().execute(_INSERT_VIEW, values)
    return OpenView(**values)


def ticket_of(row: OpenView) -> ViewTicket:
    return ViewTicket(id=row.id, camera_id=row.camera_id, camera_code=row.camera_code,
                      camera_name=row.camera_name, right=Right(row.right),
                      purpose=row.purpose, output=row.output, grant_id=row.grant_id,
                      until=row.until, opened_at=row.opened_at)


def view_of_session(s: Session, session_id: str, view_id: str) -> OpenView | None:
    """The view ``view_id`` if it belongs to ``session_id`` (open or closed)."""
    row = s.get(OpenView, view_id)
    return row if row is not None and row.session_id == session_id else None


def renew(s: Session, session_id: str, view_ids: Iterable[str], lease_until: datetime) -> None:
    ids = sorted(set(view_ids))
    if ids:
        s.flush()       # (Core statements below: the ORM's changes first, as it would)
        connection = s.connection()
        if connection.dialect.name != "sqlite":
            # the rows locked in id order, as every other writer of several views does (a
            # lease job closing views while a heartbeat renews them deadlocked otherwise)
            connection.execute(_LOCK_VIEWS, {"ids": ids})
        # (no object of this transaction reads a lease after this: nothing to match; plain
        # statements built once, as every heartbeat and full recheck renews)
        connection.execute(_RENEW, {"session": session_id, "ids": ids, "lease": lease_until})


_VIEWS = cast(Table, OpenView.__table__)
_INSERT_VIEW = insert(_VIEWS)
_LOCK_VIEWS = (select(_VIEWS.c.id).where(_VIEWS.c.id.in_(bindparam("ids", expanding=True)))
               .order_by(_VIEWS.c.id).with_for_update())
_RENEW = (update(_VIEWS).where(_VIEWS.c.session_id == bindparam("session"),
                               _VIEWS.c.id.in_(bindparam("ids", expanding=True)),
                               _VIEWS.c.closed_at.is_(None))
          .values(lease_until=bindparam("lease")))
_CLOSE = (update(_VIEWS).where(_VIEWS.c.id == bindparam("view"), _VIEWS.c.closed_at.is_(None))
          .values(closed_at=bindparam("at"), close_reason=bindparam("why")))


def close_view(s: Session, audit: AuditTrail, actor: Actor, row: OpenView, reason: Reason,
               now: datetime, stream: StreamKind | None = None) -> bool:
    """Close ``row`` and register it, unless someone closed it already (then False)."""
    # the chain head before the view's row: a transaction that changes a view and then
    # appends to the trail (a stream asked for) waits for the head holding that row, so the
    # head must never be held by one that goes on to lock views (closing several: a
    # deadlock on PostgreSQL)
    audit.lock(s)
    s.flush()           # (a Core statement below: the ORM's changes first, as it would)
    done = s.connection().execute(_CLOSE, {"view": row.id, "at": now, "why": str(reason)})
    if done.rowcount != 1:
        return False
    # the row as the database now has it (no UPDATE of its own at the flush)
    set_committed_value(row, "closed_at", now)
    set_committed_value(row, "close_reason", str(reason))
    seconds = max(0, round((now - row.opened_at).total_seconds()))
    params: dict[str, Any] = {"view": row.id, "right": row.right, "output": row.output,
                              "purpose": row.purpose, "grant": row.grant_id,
                              "seconds": seconds}
    kind = stream if stream is not None else (StreamKind(row.stream) if row.stream else None)
    if kind is not None:
        params["stream"] = str(kind)
    audit.append(s, actor, Action.VIEW_CLOSE, target=row.camera_code, reason=reason,
                 params=params)
    return True


def close_session_views(s: Session, audit: AuditTrail, actor: Actor, session_id: str,
                        reason: Reason, now: datetime) -> int:
    """Close every view still open in a session that ends."""
    rows = s.execute(select(OpenView).where(OpenView.session_id == session_id,
                                            OpenView.closed_at.is_(None))
                     .order_by(OpenView.id)).scalars().all()
    return sum(close_view(s, audit, actor, row, reason, now) for row in rows)


def expired_leases(s: Session, now: datetime, limit: int = 500) -> list[OpenView]:
    found = s.execute(select(OpenView).where(
        OpenView.closed_at.is_(None), OpenView.lease_until < now)
        .order_by(OpenView.lease_until).limit(limit)).scalars()
    return sorted(found, key=lambda row: row.id)    # closed in id order (see ``renew``)
