"""Recomputing the chain: finds an edited, deleted or forged record, and — given the server's
public key — a chain that someone with database rights rewrote from end to end.

The hash chain alone cannot catch the database owner: whoever may switch off the append-only
triggers can edit a record and recompute every hash after it and the chain head, and the
chain checks out again. The signed checkpoints (console/audit/checkpoints.py) close that gap
for every record up to the last checkpoint: their signatures are made with a key the database
never sees, so a rewritten record no longer has the hash a checkpoint vouches for. Records
after the last checkpoint are covered by the chain only; the result says how many.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.audit.chain import GENESIS_HASH, RecordContent
from console.storage.models import AuditCheckpoint, AuditHead, AuditRecord

if TYPE_CHECKING:  # checkpoints.py imports this module; only the type is needed here
    from console.audit.checkpoints import CheckpointKey

# The problems on a record of the chain, worded "audit trail broken at record #N: …"
_RECORD_PROBLEMS = {
    "edited": "its content does not match its hash (edited)",
    "missing": "is missing (deleted)",
    "out_of_chain": "does not chain to the record before it (inserted or replaced)",
    "head_mismatch": "is missing: the chain head says there should be more records "
                     "(deleted from the end)",
    "head_forged": "is beyond the chain head (appended outside the console)",
    "anchor_mismatch": "differs from the anchored hash given with --expect",
}


@dataclass(frozen=True, slots=True)
class VerifyResult:
    ok: bool
    count: int
    head_seq: int
    head_hash: str
    bad_seq: int | None = None
    # a code: edited, missing, out_of_chain, head_mismatch, head_forged, anchor_mismatch;
    # against the signed checkpoints: checkpoint_mismatch, checkpoint_missing,
    # checkpoint_forged, checkpoint_unknown_key
    problem: str = ""
    # Checkpoints: None when they were not checked (no public key given). Broken: the
    # checkpoint concerned; intact: the last signed one (0 when there is none yet).
    checkpoint_seq: int | None = None
    checkpoints: int | None = None    # how many signed checkpoints were checked
    unsigned: int = 0                 # intact: records after the last signed checkpoint

    def describe(self) -> str:
        if self.ok:
            text = (f"audit trail intact: {self.count} records, head #{self.head_seq} "
                    f"sha256:{self.head_hash}")
            if self.checkpoints is None:
                return text
            if not self.checkpoints:
                return f"{text}; no signed checkpoint yet ({self.unsigned} records unsigned)"
            return (f"{text}; {self.checkpoints} signed checkpoints, the last at "
                    f"#{self.checkpoint_seq} ({self.unsigned} records after it not yet signed)")
        if self.problem in _RECORD_PROBLEMS:
            return f"audit trail broken at record #{self.bad_seq}: {_RECORD_PROBLEMS[self.problem]}"
        trusted = (self.bad_seq or 1) - 1
        lost = {
            "checkpoint_mismatch": f"the chain no longer matches the signed checkpoint at "
                                   f"#{self.checkpoint_seq} (rewritten with database rights)",
            "checkpoint_missing": f"the signed checkpoint at #{self.checkpoint_seq} names a "
                                  "record that is not there (deleted with database rights)",
        }.get(self.problem)
        if lost is not None:
            return (f"audit trail broken at record #{self.bad_seq}: {lost}; records after "
                    f"#{trusted} cannot be trusted")
        forged = {
            "checkpoint_forged": "its signature is not valid for this server's audit-signing "
                                 "key (forged checkpoint)",
            "checkpoint_unknown_key": "it is signed by a key other than this server's "
                                      "audit-signing key (forged checkpoint, or the wrong "
                                      "public key given)",
        }[self.problem]
        return f"audit trail broken at the checkpoint of record #{self.checkpoint_seq}: {forged}"


def record_content(record: AuditRecord) -> RecordContent:
    """What a stored record's hash covers, read back from its row."""
    return RecordContent(
        seq=record.seq, at=record.at, actor=record.actor, session_id=record.session_id,
        terminal=record.terminal, ip=record.ip, mac=record.mac, action=record.action,
        target=record.target, outcome=record.outcome, reason=record.reason,
        params=record.params, prev_hash=record.prev_hash,
    )


def verify_records(
    records: Iterable[AuditRecord],
    head_seq: int,
    head_hash: str,
    *,
    anchor: tuple[int, str] | None = None,
    signed: Mapping[int, str] | None = None,
    after: tuple[int, str] = (0, GENESIS_HASH),
) -> VerifyResult:
    """Walk ``records`` (in ``seq`` order) and recompute the chain up to the head.

    ``signed`` maps each checkpointed seq to the hash its (already verified) signature vouches
    for. ``after`` starts the walk after a record already known good, given as (seq, hash):
    the checkpoint writer checks only what came since its last checkpoint. ``count`` is the
    number of records walked.
    """
    expected_seq = after[0] + 1
    prev_hash = after[1]
    count = 0
    checked = signed is not None
    signed = signed or {}
    last_matched = after[0]   # the last checkpointed record found matching its signature

    def broken(seq: int, problem: str, checkpoint: int | None = None) -> VerifyResult:
        return VerifyResult(False, count, head_seq, head_hash, seq, problem,
                            checkpoint_seq=checkpoint)

    for record in records:
        if record.seq > head_seq:
            return broken(record.seq, "head_forged")
        if record.seq != expected_seq:
            return broken(expected_seq, "missing")
        content = RecordContent(  # inline rather than record_content(): the hot loop
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
        vouched = signed.get(record.seq)
        if vouched is not None:
            if record.hash != vouched:
                # Every hash checks out, so the chain was recomputed after an edit: anything
                # after the last checkpoint that still matches may have been rewritten.
                return broken(last_matched + 1, "checkpoint_mismatch", record.seq)
            last_matched = record.seq
        prev_hash = record.hash
        expected_seq += 1
        count += 1
    last_seq = expected_seq - 1
    if last_seq < head_seq:
        return broken(last_seq + 1, "head_mismatch")
    if prev_hash != head_hash:
        return broken(last_seq, "edited")
    beyond = [seq for seq in signed if seq > last_seq]
    if beyond:
        return broken(last_matched + 1, "checkpoint_missing", min(beyond))
    if anchor is not None and anchor[0] > last_seq:
        return broken(anchor[0], "missing")
    if not checked:
        return VerifyResult(True, count, head_seq, head_hash)
    last_signed = max(signed, default=0)
    return VerifyResult(True, count, head_seq, head_hash, checkpoint_seq=last_signed,
                        checkpoints=len(signed), unsigned=last_seq - last_signed)


def check_checkpoints(
    rows: Iterable[AuditCheckpoint], key: CheckpointKey, head_seq: int, head_hash: str
) -> dict[int, str] | VerifyResult:
    """The signed (seq → hash) of every checkpoint row, or the broken result naming the first
    row whose signature does not hold: a row in ``audit_checkpoints`` proves nothing until
    the server's public key, which the database never holds, confirms it."""
    signed: dict[int, str] = {}
    for row in rows:
        problem = ""
        if row.key_id != key.key_id:
            problem = "checkpoint_unknown_key"
        elif not key.valid(row.seq, row.hash, row.at, row.signature):
            problem = "checkpoint_forged"
        if problem:
            return VerifyResult(False, 0, head_seq, head_hash, row.seq, problem,
                                checkpoint_seq=row.seq)
        signed[row.seq] = row.hash
    return signed


def verify_trail(
    session: Session,
    *,
    anchor: tuple[int, str] | None = None,
    batch: int = 5000,
    checkpoint_key: CheckpointKey | None = None,
) -> VerifyResult:
    """Verify the whole trail in ``session``; with ``checkpoint_key`` (the server's public key,
    read from its data directory — never from the database) also against every signed
    checkpoint."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
    signed: dict[int, str] | None = None
    if checkpoint_key is not None:
        rows: Sequence[AuditCheckpoint] = session.execute(
            select(AuditCheckpoint).order_by(AuditCheckpoint.seq)).scalars().all()
        checked = check_checkpoints(rows, checkpoint_key, head.last_seq, head.last_hash)
        if isinstance(checked, VerifyResult):
            return checked
        signed = checked
    records = session.execute(
        select(AuditRecord).order_by(AuditRecord.seq).execution_options(yield_per=batch)
    ).scalars()
    return verify_records(records, head.last_seq, head.last_hash, anchor=anchor, signed=signed)
