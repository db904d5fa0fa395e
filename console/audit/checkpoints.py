"""Signed checkpoints of the audit chain: what makes the usage register (R11) hold against
someone with database rights.

The hash chain (chain.py) finds a record edited or deleted by anyone who cannot recompute the
hashes after it. The database owner can: it may switch off the append-only triggers, edit a
record and re-chain everything after it. So every so many records or minutes the centre
server signs the chain head with its Ed25519 key, which lives in the server's data directory
and never in the database (console/server/data_dir.py). ``audit verify`` with the public key
then catches a rewrite of any record up to the last checkpoint (console/audit/verify.py).

A checkpoint is not an audit record: appending one to the chain would change the head it
signs. It is a row of ``audit_checkpoints`` (append-only like the records).

The signed message, fixed so that any verifier can rebuild it (version it if it changes)::

    city-video-console audit checkpoint v1\\n{seq}\\n{hash}\\n{at}

``seq`` in decimal, ``hash`` the record's 64 lowercase hex digits, ``at`` the checkpoint's
time in UTC as the chain writes times (``2026-01-01T00:00:00.000000Z``), UTF-8 encoded. The
signature is stored as hex; ``key_id`` is the first 16 hex digits of the SHA-256 of the raw
32-byte public key.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from console.audit.chain import GENESIS_HASH, format_time
from console.audit.verify import verify_records
from console.clock import Clock
from console.storage.database import Database
from console.storage.models import AuditCheckpoint, AuditHead, AuditRecord

log = logging.getLogger(__name__)

# Sign when this many records came since the last checkpoint …
CHECKPOINT_EVERY_RECORDS = 100
# … or when this long passed since it and at least one record came: a quiet night still gets
# its records signed within minutes, a busy hour does not sign on every job round.
CHECKPOINT_EVERY_SECONDS = 300

MESSAGE_PREFIX = "city-video-console audit checkpoint v1"


def checkpoint_message(seq: int, hash: str, at: datetime) -> bytes:
    """The bytes a checkpoint's signature covers (see the module docstring)."""
    return f"{MESSAGE_PREFIX}\n{seq}\n{hash}\n{format_time(at)}".encode()


def key_id_of(public_key: Ed25519PublicKey) -> str:
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


class CheckpointKey:
    """The server's public key, which checks checkpoint signatures. Load it from the server's
    data directory (``audit-signing.pub``), never from the database it vouches for."""

    def __init__(self, public_key: Ed25519PublicKey) -> None:
        self.public_key = public_key
        self.key_id = key_id_of(public_key)

    @classmethod
    def from_pem(cls, pem: bytes) -> CheckpointKey:
        key = serialization.load_pem_public_key(pem)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the audit-signing public key is not an Ed25519 key")
        return cls(key)

    def valid(self, seq: int, hash: str, at: datetime, signature: str) -> bool:
        try:
            self.public_key.verify(bytes.fromhex(signature), checkpoint_message(seq, hash, at))
        except (InvalidSignature, ValueError):
            return False
        return True


class CheckpointSigner:
    """Signs checkpoints with the server's private key (``audit-signing.key``)."""

    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._private_key = private_key
        self.public = CheckpointKey(private_key.public_key())

    @property
    def key_id(self) -> str:
        return self.public.key_id

    def sign(self, seq: int, hash: str, at: datetime) -> str:
        return self._private_key.sign(checkpoint_message(seq, hash, at)).hex()


@dataclass(frozen=True, slots=True)
class _Due:
    seq: int
    hash: str


def write_checkpoint(
    db: Database,
    clock: Clock,
    signer: CheckpointSigner,
    *,
    every_records: int = CHECKPOINT_EVERY_RECORDS,
    every_seconds: float = CHECKPOINT_EVERY_SECONDS,
) -> AuditCheckpoint | None:
    """Sign the current chain head when a checkpoint is due: at least ``every_records``
    records since the last checkpoint, or ``every_seconds`` since it and at least one record.
    The first checkpoint is due as soon as there is a record.

    Returns the new checkpoint, or None when none was due, another server instance wrote the
    same one meanwhile (``seq`` is unique, so a duplicate is refused by the database and
    harmless), or the chain since the last checkpoint does not verify: a signature on a broken
    chain would vouch for the break (``audit verify`` reports it; this logs an error).
    """
    now = clock.now()
    due = _due(db, now, signer, every_records, every_seconds)
    if due is None:
        return None
    checkpoint = AuditCheckpoint(seq=due.seq, hash=due.hash, at=now, key_id=signer.key_id,
                                 signature=signer.sign(due.seq, due.hash, now))
    try:
        with db.transaction() as s:
            s.add(checkpoint)
    except IntegrityError:
        return None  # another instance signed this head first
    return checkpoint


def _due(db: Database, now: datetime, signer: CheckpointSigner, every_records: int,
         every_seconds: float) -> _Due | None:
    """The head to sign now, after checking the chain from the last checkpoint up to it."""
    with db.transaction() as s:
        # A plain read: the head and its record are committed together, and holding the
        # head's lock here would stall every writer for the length of the check.
        head = s.execute(select(AuditHead).where(AuditHead.id == 1)).scalar_one()
        last = s.execute(select(AuditCheckpoint).order_by(AuditCheckpoint.seq.desc())
                         .limit(1)).scalar_one_or_none()
        last_seq = last.seq if last is not None else 0
        new = head.last_seq - last_seq
        if new < 0:
            log.error("audit checkpoint not written: the last checkpoint (record #%d) is "
                      "beyond the chain head #%d; run 'audit verify'", last_seq, head.last_seq)
            return None
        if new == 0:
            return None  # nothing new since the last checkpoint
        if last is not None and new < every_records and \
                (now - last.at).total_seconds() < every_seconds:
            return None
        after = (0, GENESIS_HASH)
        if last is not None:
            if last.key_id != signer.key_id or \
                    not signer.public.valid(last.seq, last.hash, last.at, last.signature):
                log.error("audit checkpoint not written: the last checkpoint (record #%d) is "
                          "not signed by this server's key; run 'audit verify'", last.seq)
                return None
            after = (last.seq, last.hash)
        rows = s.execute(
            select(AuditRecord)
            .where(AuditRecord.seq > after[0], AuditRecord.seq <= head.last_seq)
            .order_by(AuditRecord.seq).execution_options(yield_per=5000)).scalars()
        result = verify_records(rows, head.last_seq, head.last_hash, after=after)
        if not result.ok:
            log.error("audit checkpoint not written: %s", result.describe())
            return None
        return _Due(head.last_seq, head.last_hash)
