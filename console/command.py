"""The one command path of every service that changes something (administration, grants,
privacy masks, capture programs, the catalogue, wall presets):

1. **check**: a refusal known before acting (the actor's role) is raised at once;
2. **act** under the audit-chain lock, so commands run one at a time across every server
   instance and a duplicate check cannot race another instance's insert;
3. **audit** the success in the same transaction as its effect (and, where the change is
   about who may see what, move the access revision so terminals reload);
4. a refusal — the one known up front or one the body raised — is registered in its own
   transaction (the failed one was rolled back: nothing of it is written) and raised again.

Refusals are the ``AdminError`` family (a field and a reason code) and the catalogue's
``CatalogError``; both carry ``field`` and ``reason``. The API turns each into its one 4xx
refusal body (console/server/refusals.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from console.admin.validation import AdminError
from console.audit.writer import Actor, AuditTrail
from console.catalog.errors import CatalogError
from console.clock import Clock
from console.codes import Action, Outcome
from console.settings_store import bump_access_revision
from console.storage.database import Database

T = TypeVar("T")
Refusal = AdminError | CatalogError


@dataclass(frozen=True)
class CommandPath:
    db: Database
    clock: Clock
    audit: AuditTrail

    def run(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
            body: Callable[[Session, datetime], T], *, refusal: Refusal | None = None,
            access_change: bool = False, audited: bool = True, lock: bool = True,
            refusal_params: Callable[[Refusal], dict[str, Any]] | None = None) -> T:
        """Run ``body(session, now)`` as ``actor``'s command (see the module docstring).

        ``refusal``: raised (and registered) before anything is done. ``access_change``: the
        command changes who may see what (grants, masks, the capture list): bump the access
        revision with it. ``audited=False`` (a dry run, a read): no record of the success,
        and none of a refusal either unless it refuses the actor (``NOT_PERMITTED``).
        ``lock=False``: a read that need not wait for other commands. ``refusal_params``: what
        a refusal's record adds to ``params`` (default: the field and the message)."""
        target = target[:200]
        try:
            if refusal is not None:
                raise refusal
            with self.db.transaction() as s:
                if lock:
                    self.audit.lock(s)
                result = body(s, self.clock.now())
                if access_change:
                    bump_access_revision(s)
                if audited:
                    self.audit.append(s, actor, action, target=target, params=params)
                return result
        except (AdminError, CatalogError) as exc:
            if audited or exc.reason == "NOT_PERMITTED":
                extra = (refusal_params(exc) if refusal_params is not None
                         else {"field": exc.field, "error": str(exc)[:300]})
                self.refused(actor, action, target, exc, {**params, **extra})
            raise

    def refused(self, actor: Actor, action: Action, target: str, exc: Refusal,
                params: dict[str, Any]) -> None:
        """Register a refusal in its own transaction."""
        with self.db.transaction() as s:
            self.audit.append(s, actor, action, target=target[:200], outcome=Outcome.DENIED,
                              reason=exc.reason, params=params)
