"""The one command path of the services that change who may see what (grants, privacy
masks): refuse what the actor may not do, otherwise act under the audit-chain lock, bump the
access revision so running consoles reload, and audit — the success in the same
transaction, a refusal (``AdminError``) in its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from console.admin.validation import AdminError
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Outcome, Reason, Role
from console.settings_store import bump_access_revision
from console.storage.database import Database

T = TypeVar("T")


def run_access_change(db: Database, clock: Clock, audit: AuditTrail, actor: Actor,
                      action: Action, target: str, params: dict[str, Any],
                      refusal: AdminError | None,
                      body: Callable[[Session, datetime], T]) -> T:
    """Run ``body``; ``refusal`` is the error to raise (and audit) when the actor may not."""
    try:
        if refusal is not None:
            raise refusal
        with db.transaction() as s:
            audit.lock(s)
            result = body(s, clock.now())
            bump_access_revision(s)
            audit.append(s, actor, action, target=target[:200], params=params)
            return result
    except AdminError as exc:
        with db.transaction() as s:
            audit.append(s, actor, action, target=target[:200], outcome=Outcome.DENIED,
                         reason=exc.reason,
                         params={**params, "field": exc.field, "error": str(exc)[:300]})
        raise


def administrators_only(actor: Actor, error: type[AdminError], what: str) -> AdminError | None:
    """The refusal for a change only administrators (and the installer's command line) may
    make, or None when ``actor`` may: ``what`` names the thing changed."""
    if actor.is_installer or actor.role == Role.ADMINISTRATOR:
        return None
    return error("actor", f"{actor.account} may not change {what}", Reason.NOT_PERMITTED)
