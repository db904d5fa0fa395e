"""Signed checkpoints of the usage register (R11): the server signs the chain head every so
many records or minutes with a key the database never sees, so a chain rewritten by someone
with database rights — edited, every hash after it recomputed, the head moved — still fails
``audit verify``, which names the first record that can no longer be trusted. On SQLite and
on PostgreSQL."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from console.audit.checkpoints import (
    CHECKPOINT_EVERY_RECORDS,
    CHECKPOINT_EVERY_SECONDS,
    CheckpointKey,
    CheckpointSigner,
    checkpoint_message,
    write_checkpoint,
)
from console.audit.verify import VerifyResult, record_content, verify_trail
from console.clock import FixedClock
from console.server.audit import (
    CHECKPOINT_JOB,
    checkpoint_job,
    load_checkpoint_key,
    verify_with_checkpoints,
)
from console.server.data_dir import DataDir, DataDirError
from console.server.jobs import JobRunner
from console.storage.database import Database
from console.storage.models import AuditCheckpoint, AuditHead, AuditRecord
from tests.conftest import World
from tests.support.audit_forgery import append_records, forge, rechain

SIGNER = CheckpointSigner(Ed25519PrivateKey.generate())
OTHER = CheckpointSigner(Ed25519PrivateKey.generate())  # a key that is not the server's


def verify(db: Database, key: CheckpointKey | None = SIGNER.public,
           anchor: tuple[int, str] | None = None) -> VerifyResult:
    with db.transaction() as s:
        return verify_trail(s, checkpoint_key=key, anchor=anchor)


def head_of(db: Database) -> tuple[int, str]:
    with db.transaction() as s:
        head = s.get(AuditHead, 1)
        assert head is not None
        return head.last_seq, head.last_hash


def checkpoints_of(db: Database) -> list[AuditCheckpoint]:
    with db.transaction() as s:
        return list(s.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.seq)).scalars())


# -- the signature -------------------------------------------------------------------------------

def test_key_id_and_signed_message() -> None:
    raw = SIGNER.public.public_key.public_bytes(serialization.Encoding.Raw,
                                                serialization.PublicFormat.Raw)
    assert SIGNER.key_id == hashlib.sha256(raw).hexdigest()[:16]
    assert OTHER.key_id != SIGNER.key_id
    at = datetime(2026, 1, 1, 8, 0, tzinfo=UTC)
    # the documented message, byte for byte: any verifier can rebuild it
    assert checkpoint_message(42, "ab" * 32, at) == (
        b"city-video-console audit checkpoint v1\n42\n" + b"ab" * 32 +
        b"\n2026-01-01T08:00:00.000000Z")
    signature = SIGNER.sign(42, "ab" * 32, at)
    assert SIGNER.public.valid(42, "ab" * 32, at, signature)
    for seq, digest, when, sig in [
        (43, "ab" * 32, at, signature),                    # another record
        (42, "cd" * 32, at, signature),                    # another hash
        (42, "ab" * 32, at.replace(second=1), signature),  # another time
        (42, "ab" * 32, at, OTHER.sign(42, "ab" * 32, at)),  # another key
        (42, "ab" * 32, at, "not hex"),
        (42, "ab" * 32, at, ""),
    ]:
        assert not SIGNER.public.valid(seq, digest, when, sig)


# -- when a checkpoint is due ------------------------------------------------------------------

N, M = CHECKPOINT_EVERY_RECORDS, CHECKPOINT_EVERY_SECONDS
DUE = [
    # (case, a checkpoint before, records since, seconds since, a new checkpoint)
    ("no record at all", False, 0, 0, False),
    ("the first record is signed at once", False, 1, 0, True),
    ("fewer records, too soon", True, N - 1, 10, False),
    ("enough records", True, N, 10, True),
    ("one record, long enough", True, 1, M, True),
    ("one record, not long enough", True, 1, M - 1, False),
    ("nothing new for an hour", True, 0, 3600, False),
]


@pytest.mark.parametrize(("before", "records", "seconds", "made"), [c[1:] for c in DUE],
                         ids=[c[0] for c in DUE])
def test_when_a_checkpoint_is_due(sqlite_db: Database, clock: FixedClock, before: bool,
                                  records: int, seconds: float, made: bool) -> None:
    if before:
        append_records(sqlite_db, clock, 1)
        assert write_checkpoint(sqlite_db, clock, SIGNER) is not None
    append_records(sqlite_db, clock, records, step=0)
    clock.advance(seconds)
    head_seq, head_hash = head_of(sqlite_db)
    checkpoint = write_checkpoint(sqlite_db, clock, SIGNER)
    assert (checkpoint is not None) == made
    if checkpoint is not None:
        assert (checkpoint.seq, checkpoint.hash) == (head_seq, head_hash)
        assert checkpoint.at == clock.now()
    assert len(checkpoints_of(sqlite_db)) == int(before) + int(made)


def test_a_checkpoint_is_not_an_audit_record(world: World) -> None:
    """Signing must not move the head it signs: the checkpoint is a row of its own table."""
    head = head_of(world.db)
    checkpoint = write_checkpoint(world.db, world.clock, SIGNER)
    assert checkpoint is not None
    assert head_of(world.db) == head == (checkpoint.seq, checkpoint.hash)
    with world.db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(AuditRecord)) == head[0]
    (row,) = checkpoints_of(world.db)
    assert row.key_id == SIGNER.key_id
    assert SIGNER.public.valid(row.seq, row.hash, row.at, row.signature)
    assert write_checkpoint(world.db, world.clock, SIGNER, every_records=1) is None  # no news


def test_concurrent_checkpoint_writers_make_one(db: Database, clock: FixedClock) -> None:
    """Several server instances signing the same head at once: one row, no error."""
    append_records(db, clock, 3)
    start = threading.Barrier(4)
    made: list[AuditCheckpoint | None] = []

    def run() -> None:
        start.wait()
        made.append(write_checkpoint(db, clock, SIGNER))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(made) == 4
    assert sum(m is not None for m in made) == 1
    assert len(checkpoints_of(db)) == 1


def test_no_signature_over_a_broken_chain(sqlite_db: Database, clock: FixedClock,
                                          caplog: pytest.LogCaptureFixture) -> None:
    """A checkpoint over a chain that does not verify would vouch for the break."""
    append_records(sqlite_db, clock, 5)
    assert write_checkpoint(sqlite_db, clock, SIGNER) is not None
    seq = append_records(sqlite_db, clock, 3)
    forge(sqlite_db, f"UPDATE audit_records SET target = 'other' WHERE seq = {seq - 1}")
    with caplog.at_level(logging.ERROR):
        assert write_checkpoint(sqlite_db, clock, SIGNER, every_records=1) is None
    assert f"record #{seq - 1}" in caplog.text
    assert len(checkpoints_of(sqlite_db)) == 1


def test_no_signature_after_a_forged_checkpoint(sqlite_db: Database, clock: FixedClock) -> None:
    seq = append_records(sqlite_db, clock, 5)
    assert write_checkpoint(sqlite_db, clock, OTHER) is not None  # someone else's key
    append_records(sqlite_db, clock, 3)
    assert write_checkpoint(sqlite_db, clock, SIGNER, every_records=1) is None
    assert [c.seq for c in checkpoints_of(sqlite_db)] == [seq]


def test_no_signature_below_a_checkpoint_beyond_the_head(
        sqlite_db: Database, clock: FixedClock, caplog: pytest.LogCaptureFixture) -> None:
    """A checkpoint row someone added beyond the head (the runtime role may INSERT): the
    writer stops and says so; verify names the row (checkpoint_forged)."""
    seq = append_records(sqlite_db, clock, 3)
    with sqlite_db.transaction() as s:
        s.add(AuditCheckpoint(seq=seq + 50, hash="f" * 64, at=clock.now(),
                              key_id=SIGNER.key_id, signature="00" * 64))
    with caplog.at_level(logging.ERROR):
        assert write_checkpoint(sqlite_db, clock, SIGNER) is None
    assert f"beyond the chain head #{seq}" in caplog.text
    assert verify(sqlite_db).problem == "checkpoint_forged"


def test_the_scheduled_job_signs(sqlite_db: Database, clock: FixedClock) -> None:
    seq = append_records(sqlite_db, clock, 2)
    runner = JobRunner(sqlite_db, clock, "test", [checkpoint_job(sqlite_db, clock, SIGNER)])
    assert runner.run_due() == [CHECKPOINT_JOB]
    assert runner.run_due() == []  # claimed for the next ~30 s
    assert [c.seq for c in checkpoints_of(sqlite_db)] == [seq]


# -- verify against the checkpoints -------------------------------------------------------------

@dataclass(frozen=True)
class Marks:
    first: int   # the first checkpoint's record
    second: int  # the second (last) checkpoint's record
    head: int    # the head: records after `second` are not signed yet


@pytest.fixture
def signed(world: World) -> Marks:
    """The seeded world's records, signed; three more, signed; two more, not signed yet."""
    first = write_checkpoint(world.db, world.clock, SIGNER)
    append_records(world.db, world.clock, 3)
    second = write_checkpoint(world.db, world.clock, SIGNER, every_records=3)
    head = append_records(world.db, world.clock, 2)
    assert first is not None and second is not None
    return Marks(first.seq, second.seq, head)


def test_intact_signed_trail(world: World, signed: Marks, tmp_path: Path) -> None:
    result = verify(world.db)
    assert result.ok, result.describe()
    assert (result.count, result.checkpoints, result.checkpoint_seq, result.unsigned) == (
        signed.head, 2, signed.second, 2)
    assert result.describe().endswith(
        f"; 2 signed checkpoints, the last at #{signed.second} (2 records after it not yet "
        "signed)")
    plain = verify(world.db, key=None)  # without the key: the chain alone, as before
    assert plain.ok and plain.checkpoints is None
    assert "checkpoint" not in plain.describe()
    # on the server host: the public key from the data directory
    data = DataDir(tmp_path / "centre")
    data.make()
    with pytest.raises(DataDirError, match=r"audit-signing\.pub is missing"):
        verify_with_checkpoints(world.db, data)
    data.signing_public.write_bytes(SIGNER.public.public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo))
    assert load_checkpoint_key(data).key_id == SIGNER.key_id
    assert verify_with_checkpoints(world.db, data) == result
    _, head_hash = head_of(world.db)
    wrong = (signed.first, "a" * 64)
    assert verify_with_checkpoints(world.db, data, anchor=wrong).problem == "anchor_mismatch"
    assert verify_with_checkpoints(world.db, data, anchor=(signed.head, head_hash)).ok


def test_no_checkpoint_yet(world: World) -> None:
    result = verify(world.db)
    assert result.ok and result.checkpoints == 0 and result.unsigned == result.count > 0
    assert result.describe().endswith(f"; no signed checkpoint yet ({result.count} records "
                                      "unsigned)")


def _insert_checkpoint(db: Database, seq: int, *, signer: CheckpointSigner = OTHER,
                       key_id: str | None = None, signature: str | None = None) -> None:
    """Someone with the runtime role's INSERT right adds a checkpoint of their own."""
    with db.transaction() as s:
        record = s.get(AuditRecord, seq)
        assert record is not None
        at = datetime(2026, 6, 1, tzinfo=UTC)
        s.add(AuditCheckpoint(seq=seq, hash=record.hash, at=at,
                              key_id=key_id or signer.key_id,
                              signature=signature or signer.sign(seq, record.hash, at)))


def _rechain_and_vouch(db: Database, m: Marks) -> None:
    rechain(db, m.first + 1, "target = 'x'")
    _insert_checkpoint(db, m.head, key_id=SIGNER.key_id)


Tamper = Callable[[Database, Marks], object]
Expect = Callable[[Marks], int]

TAMPERING: list[tuple[str, Tamper, bool, str, Expect, Expect]] = [
    # (case, tampering, the chain alone still verifies, problem against the checkpoints,
    #  the first record that cannot be trusted, the checkpoint concerned)
    ("edited, its own hash recomputed",
     lambda db, m: rechain_one(db, 4), False, "out_of_chain", lambda m: 5, lambda m: 0),
    ("re-chained from before the first checkpoint",
     lambda db, m: rechain(db, 4, "target = 'other'"), True, "checkpoint_mismatch",
     lambda m: 1, lambda m: m.first),
    ("re-chained from the first record",
     lambda db, m: rechain(db, 1, "actor = 'someone'"), True, "checkpoint_mismatch",
     lambda m: 1, lambda m: m.first),
    ("re-chained between the checkpoints",
     lambda db, m: rechain(db, m.first + 2, "outcome = 'ok'"), True, "checkpoint_mismatch",
     lambda m: m.first + 1, lambda m: m.second),
    ("re-chained at the last checkpoint's record",
     lambda db, m: rechain(db, m.second, "reason = 'OK'"), True, "checkpoint_mismatch",
     lambda m: m.first + 1, lambda m: m.second),
    ("cut back before the last checkpoint, head moved",
     lambda db, m: forge(db, f"DELETE FROM audit_records WHERE seq > {m.first + 1}",
                         f"UPDATE audit_head SET last_seq = {m.first + 1}, last_hash = "
                         f"(SELECT hash FROM audit_records WHERE seq = {m.first + 1})"),
     True, "checkpoint_missing", lambda m: m.first + 1, lambda m: m.second),
    ("a checkpoint signed with another key under the server's key id",
     lambda db, m: _insert_checkpoint(db, m.head, key_id=SIGNER.key_id), True,
     "checkpoint_forged", lambda m: m.head, lambda m: m.head),
    ("a checkpoint with a garbage signature",
     lambda db, m: _insert_checkpoint(db, m.head, key_id=SIGNER.key_id, signature="00" * 64),
     True, "checkpoint_forged", lambda m: m.head, lambda m: m.head),
    ("a checkpoint of another key",
     lambda db, m: _insert_checkpoint(db, m.head), True, "checkpoint_unknown_key",
     lambda m: m.head, lambda m: m.head),
    ("re-chained, then vouched for by a forged checkpoint",
     _rechain_and_vouch,
     True, "checkpoint_forged", lambda m: m.head, lambda m: m.head),
]


def rechain_one(db: Database, seq: int) -> None:
    """The cleverer forger of tests/test_audit_chain.py: edit a record and recompute its own
    hash, but not the records after it."""
    forge(db, f"UPDATE audit_records SET target = 'other' WHERE seq = {seq}")
    with db.transaction() as s:
        row = s.get(AuditRecord, seq)
        assert row is not None
        digest = record_content(row).digest()
    forge(db, f"UPDATE audit_records SET hash = '{digest}' WHERE seq = {seq}")


@pytest.mark.parametrize(("tamper", "chain_ok", "problem", "bad_seq", "checkpoint_seq"),
                         [c[1:] for c in TAMPERING], ids=[c[0] for c in TAMPERING])
def test_verify_against_checkpoints(world: World, signed: Marks, tamper: Tamper,
                                    chain_ok: bool, problem: str, bad_seq: Expect,
                                    checkpoint_seq: Expect) -> None:
    assert verify(world.db).ok
    tamper(world.db, signed)
    assert verify(world.db, key=None).ok == chain_ok
    result = verify(world.db)
    assert not result.ok
    assert (result.problem, result.bad_seq) == (problem, bad_seq(signed))
    if problem.startswith("checkpoint"):
        assert result.checkpoint_seq == checkpoint_seq(signed)
    text = result.describe()
    if problem in ("checkpoint_mismatch", "checkpoint_missing"):
        assert text.startswith(f"audit trail broken at record #{bad_seq(signed)}: ")
        assert text.endswith(f"records after #{bad_seq(signed) - 1} cannot be trusted")
        assert f"checkpoint at #{checkpoint_seq(signed)}" in text
    elif problem.startswith("checkpoint"):
        assert text.startswith(
            f"audit trail broken at the checkpoint of record #{checkpoint_seq(signed)}: ")
        assert "forged checkpoint" in text


def test_unsigned_records_are_reported_not_vouched_for(world: World, signed: Marks) -> None:
    """What no checkpoint covers yet, the chain alone protects: a rewrite of those records
    by the owner is not caught, and verify says how many records that concerns."""
    rechain(world.db, signed.second + 1, "target = 'other'")
    result = verify(world.db)
    assert result.ok and result.unsigned == signed.head - signed.second == 2


def test_deleted_checkpoints_leave_every_record_unsigned(world: World, signed: Marks) -> None:
    """The owner may delete the checkpoints too; verify then cannot vouch for any record and
    says so (every record unsigned), where a server that signs every few minutes would have
    left a recent checkpoint: the auditor compares with the head noted at the last audit
    (--expect)."""
    forge(world.db, "DELETE FROM audit_checkpoints")
    rechain(world.db, 3, "target = 'other'")
    result = verify(world.db)
    assert result.ok and result.checkpoints == 0 and result.unsigned == signed.head
    assert "no signed checkpoint yet" in result.describe()


def test_anchor_still_checked_with_checkpoints(world: World, signed: Marks) -> None:
    with world.db.transaction() as s:
        first_hash = s.get(AuditRecord, signed.first).hash  # type: ignore[union-attr]
    assert verify(world.db, anchor=(signed.first, first_hash)).ok
    result = verify(world.db, anchor=(signed.first, "b" * 64))
    assert (result.problem, result.bad_seq) == ("anchor_mismatch", signed.first)
    assert "--expect" in result.describe()
