"""Recomputing the chain: finds an edited, deleted or forged record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.audit.chain import GENESIS_HASH, RecordContent
from console.storage.models import AuditHead, AuditRecord


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    problem: str = ""  # a code: edited, missing, out_of_chain, head_mismatch, anchor_mismatch

    def describe(self) -> str:
        if self.ok:
            return (f"audit trail intact: {self.count} records, head #{self.head_seq} "
                    f"sha256:{self.head_hash}")
        text = {
            "edited": "its content does not match its hash (edited)",
            "missing": "is missing (deleted)",
            "out_of_chain": "does not chain to the record before it (inserted or replaced)",
            "head_mismatch": "is missing: the chain head says there should be more records "
                             "(deleted from the end)",
            "head_forged": "is beyond the chain head (appended outside the console)",
            "anchor_mismatch": "differs from the anchored hash given with --expect",
        }[self.problem]
        return f"audit trail broken at record #{self.bad_seq}: {text}"


def verify_records(
    records: Iterable[AuditRecord],
    head_seq: int,
    head_hash: str,
    *,
    anchor: tuple[int, str] | None = None,
) -> VerifyResult:
    expected_seq = 1
    prev_hash = GENESIS_HASH
    count = 0

    def broken(seq: int, problem: str) -> VerifyResult:
        return VerifyResult(False, count, head_seq, head_hash, seq, problem)

    for record in records:
        if record.seq > head_seq:
            return broken(record.seq, "head_forged")
        if record.seq != expected_seq:
            return broken(expected_seq, "missing")
        content = RecordContent(
            seq=record.seq, at=record.at, actor=record.actor, session_id=record.session_id,
            terminal=record.terminal, ip=record.ip, mac=record.mac, action=record.action,
            target=record.target, outcome=record.outcome, reason=record.reason,
            params=record.params, prev_hash=record.prev_hash,
        )
        if content.digest() != record.hash:
            return broken(record.seq, "edited")
        if record.prev_hash != prev_hash:
            return broken(record.seq, "out_of_chain")
        if anchor is not None and record.seq == anchor[0] and record.hash != anchor[1]:
            return broken(record.seq, "anchor_mismatch")
        prev_hash = record.hash
        expected_seq += 1
        count += 1
    if count < head_seq:
        return broken(count + 1, "head_mismatch")
    if prev_hash != head_hash:
        return broken(count, "edited")
    if anchor is not None and anchor[0] > count:
        return broken(anchor[0], "missing")
    return VerifyResult(True, count, head_seq, head_hash)


def verify_trail(
    session: Session, *, anchor: tuple[int, str] | None = None, batch: int = 5000
) -> VerifyResult:
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    rows = session.execute(
        select(AuditRecord).order_by(AuditRecord.seq).execution_options(yield_per=batch)
    ).scalars()
    return verify_records(rows, head.last_seq, head.last_hash, anchor=anchor)
