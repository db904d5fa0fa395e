"""Appending to the audit trail inside the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from console.audit.chain import RecordContent, canonical_params
from console.clock import Clock
from console.codes import Action, Outcome, Reason
from console.identity import TerminalIdentity
from console.storage.models import AuditHead, AuditRecord


@dataclass(frozen=True, slots=True)
class Actor:
    """Who does something, from where. ``account`` is the person's account, or for the
    installer's command line ``cli:<os user>@<host>``."""

    account: str
    identity: TerminalIdentity | None = None
    terminal_name: str | None = None
    session_id: str | None = None
    user_id: int | None = None
    role: str | None = None
    is_installer: bool = False


class AuditTrail:
    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    def lock(self, session: Session) -> None:
        """Take the chain-head lock now (held until the transaction ends). Administration
        takes it first so that its read-check-write commands run one at a time across every
        console, and a duplicate check cannot race another console's insert. The head read
        here is kept with the transaction: its appends need not read it again (no one else
        can move it while the lock is held — SQLite's writers begin IMMEDIATE)."""
        if _kept(session) is None:
            _keep(session, _flushed(session).execute(_HEAD).one())

    def append(
        self,
        session: Session,
        actor: Actor,
        action: Action,
        *,
        target: str = "",
        outcome: Outcome = Outcome.OK,
        reason: Reason = Reason.OK,
        params: dict[str, Any] | None = None,
    ) -> RecordContent:
        """Add one record to the chain. Locks the chain head until the caller's transaction
        ends, so concurrent writers on every console append one after the other. (Plain
        statements, no ORM objects: every view opened, streamed and closed passes here.)"""
        head = _kept(session)
        if head is None:
            read = _flushed(session).execute(_HEAD).one()   # (the ORM's changes first)
            head = _Head(read.last_seq, read.last_hash)
        else:
            session.flush()     # as the read would: the ORM changes first, then the record
        identity = actor.identity
        content = RecordContent(
            seq=head.last_seq + 1,
            at=self._clock.now(),
            actor=actor.account[:120],
            session_id=actor.session_id,
            terminal=actor.terminal_name,
            ip=identity.ip if identity else None,
            mac=identity.mac if identity else None,
            action=str(action),
            target=target[:200],
            outcome=str(outcome),
            reason=str(reason),
            params=canonical_params(params or {}),
            prev_hash=head.last_hash,
        )
        digest = content.digest()
        connection = session.connection()
        connection.execute(_INSERT_RECORD, {
            "seq": content.seq, "at": content.at, "actor": content.actor,
            "session_id": content.session_id, "terminal": content.terminal, "ip": content.ip,
            "mac": content.mac, "action": content.action, "target": content.target,
            "outcome": content.outcome, "reason": content.reason, "params": content.params,
            "prev_hash": content.prev_hash, "hash": digest})
        connection.execute(_MOVE_HEAD, {"seq": content.seq, "hash": digest})
        _keep(session, _Head(content.seq, digest))
        # an AuditHead this session loaded (``lock``) holds the old values: read it again
        for obj in session.identity_map.values():
            if isinstance(obj, AuditHead):
                session.expire(obj)
        return content


def _flushed(session: Session) -> Connection:
    """The session's connection once its pending ORM changes are flushed, as an ORM read
    would flush them (plain statements: no ORM processing on every record)."""
    if session.autoflush and (session.new or session.deleted or session.dirty):
        session.flush()
    return session.connection()


@dataclass(frozen=True, slots=True)
class _Head:
    last_seq: int
    last_hash: str


# the chain head this transaction holds locked, with that transaction (session.info outlives
# it: a head kept under another transaction, or under a savepoint, is never used)
_KEPT_HEAD = "console.audit.head"


def _keep(session: Session, head: Any) -> None:
    if session.get_nested_transaction() is None:
        session.info[_KEPT_HEAD] = (session.get_transaction(), _Head(head.last_seq,
                                                                       head.last_hash))


def _kept(session: Session) -> _Head | None:
    kept = session.info.get(_KEPT_HEAD)
    if kept is None or kept[0] is not session.get_transaction() \
            or session.get_nested_transaction() is not None:
        return None
    return cast(_Head, kept[1])


_HEAD = (select(AuditHead.last_seq, AuditHead.last_hash).where(AuditHead.id == 1)
         .with_for_update())
_RECORDS = cast(Table, AuditRecord.__table__)
_INSERT_RECORD = insert(_RECORDS)     # built once: its cache key is not made per record
_HEADS = cast(Table, AuditHead.__table__)
_MOVE_HEAD = (update(_HEADS).where(_HEADS.c.id == 1)
              .values(last_seq=bindparam("seq"), last_hash=bindparam("hash")))
