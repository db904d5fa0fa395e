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
from console.codes import Action, Reason, Role
from console.command import CommandPath
from console.storage.database import Database

T = TypeVar("T")


def run_access_change(db: Database, clock: Clock, audit: AuditTrail, actor: Actor,
                      action: Action, target: str, params: dict[str, Any],
                      refusal: AdminError | None,
                      body: Callable[[Session, datetime], T]) -> T:
    """Run ``body`` on the one command path (console/command.py) as a change of who may see
    what: the access revision moves with it. ``refusal``: the error to raise (and audit)
    when the actor may not."""
    return CommandPath(db, clock, audit).run(actor, action, target, params, body,
                                             refusal=refusal, access_change=True)


def administrators_only(actor: Actor, error: type[AdminError], what: str) -> AdminError | None:
    """The refusal for a change only administrators (and the installer's command line) may
    make, or None when ``actor`` may: ``what`` names the thing changed."""
    if actor.is_installer or actor.role == Role.ADMINISTRATOR:
        return None
    return error("actor", f"{actor.account} may not change {what}", Reason.NOT_PERMITTED)
