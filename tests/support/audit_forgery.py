"""Rewriting the usage register as someone with database rights would, for the tests of the
hash chain and the signed checkpoints.

    forge(db, "UPDATE audit_records SET actor = 'x' WHERE seq = 5")   # triggers off, then SQL
    rechain(db, 5, "target = 'other'")   # the owner's forgery: edit #5, recompute every hash
                                         # after it and the chain head, so the chain checks out
    append_records(db, clock, 3)         # more records through the real writer
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, text

from console.audit.chain import GENESIS_HASH
from console.audit.verify import record_content
from console.audit.writer import Actor, AuditTrail
from console.clock import FixedClock
from console.codes import Action, Outcome, Reason
from console.storage.database import Database
from console.storage.models import AuditRecord

APPEND_ONLY = ("audit_records", "audit_checkpoints")
CLERK = Actor(account="cli:clerk@test", is_installer=True)


def forge(db: Database, *statements: str) -> None:
    """Switch the append-only triggers off, run ``statements``, and on PostgreSQL switch them
    back on (an owner covering their tracks; SQLite has no switch, so they stay dropped)."""
    with db.engine.begin() as conn:
        for table in APPEND_ONLY:
            if db.is_sqlite:
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_update")
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_no_delete")
            else:
                conn.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        for statement in statements:
            conn.execute(text(statement))
        if not db.is_sqlite:
            for table in APPEND_ONLY:
                conn.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER USER")


def rechain(db: Database, seq: int, assignment: str) -> None:
    """Edit record ``seq`` (``assignment``: an SQL SET clause) and re-forge the chain from it:
    its hash, every later record's prev_hash and hash, and the chain head."""
    forge(db, f"UPDATE audit_records SET {assignment} WHERE seq = {seq}")
    with db.transaction() as s:
        rows = s.execute(select(AuditRecord).where(AuditRecord.seq >= seq)
                         .order_by(AuditRecord.seq)).scalars().all()
        before = s.get(AuditRecord, seq - 1)
        prev = before.hash if before is not None else GENESIS_HASH
        updates = []
        for row in rows:
            digest = replace(record_content(row), prev_hash=prev).digest()
            updates.append(f"UPDATE audit_records SET prev_hash = '{prev}', hash = '{digest}' "
                           f"WHERE seq = {row.seq}")
            prev = digest
    forge(db, *updates, f"UPDATE audit_head SET last_hash = '{prev}' WHERE id = 1")


def append_records(db: Database, clock: FixedClock, count: int, *, step: float = 1) -> int:
    """``count`` more records through the real writer, ``step`` seconds apart; returns the
    new head's seq."""
    trail = AuditTrail(clock)
    seq = 0
    with db.transaction() as s:
        for i in range(count):
            clock.advance(step)
            seq = trail.append(s, CLERK, Action.LOGIN, target=f"user{i}",
                               outcome=Outcome.DENIED, reason=Reason.BAD_PASSWORD).seq
    return seq
