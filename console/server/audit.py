"""The centre server's side of the usage register's signed checkpoints: the scheduled job that
signs the chain head, and verification on the server host with the public key from the
server's data directory (``main.py server audit-verify``).

    signer = CheckpointSigner(load_keys(data).signing)
    JobRunner(db, clock, instance, [..., checkpoint_job(db, clock, signer)])

    result = verify_with_checkpoints(db, data, anchor=(seq, sha256) or None)
    print(result.describe()); exit code 0 if result.ok else 1
"""

from __future__ import annotations

from console.audit.checkpoints import CheckpointKey, CheckpointSigner, write_checkpoint
from console.audit.verify import VerifyResult, verify_trail
from console.clock import Clock
from console.server.data_dir import DataDir, DataDirError
from console.server.jobs import Job
from console.storage.database import Database

CHECKPOINT_JOB = "audit_checkpoint"
# How often the job looks whether a checkpoint is due (write_checkpoint decides whether one
# is: every CHECKPOINT_EVERY_RECORDS records or CHECKPOINT_EVERY_SECONDS seconds).
CHECKPOINT_JOB_INTERVAL_S = 30.0


def checkpoint_job(db: Database, clock: Clock, signer: CheckpointSigner) -> Job:
    """The job that signs the chain head when a checkpoint is due; claimed through the
    database like every job, so one instance signs each round (and a duplicate would be
    refused by the unique ``seq`` anyway)."""
    return Job(CHECKPOINT_JOB, lambda: CHECKPOINT_JOB_INTERVAL_S,
               lambda: write_checkpoint(db, clock, signer))


def load_checkpoint_key(data: DataDir) -> CheckpointKey:
    """The public key of the audit checkpoints, from the data directory: whoever can write
    the database cannot replace it there."""
    try:
        pem = data.signing_public.read_bytes()
    except FileNotFoundError:
        raise DataDirError(f"{data.signing_public} is missing: the audit checkpoints cannot "
                           "be checked without the server's public key") from None
    try:
        return CheckpointKey.from_pem(pem)
    except ValueError as exc:
        raise DataDirError(f"{data.signing_public}: {exc}") from None


def verify_with_checkpoints(db: Database, data_dir: DataDir,
                            anchor: tuple[int, str] | None = None) -> VerifyResult:
    """Verify the whole chain and every signed checkpoint (``anchor``: the ``--expect
    SEQ:SHA256`` a person noted down elsewhere). Raises DataDirError without the public key."""
    key = load_checkpoint_key(data_dir)
    with db.transaction() as s:
        return verify_trail(s, anchor=anchor, checkpoint_key=key)
