"""How fast `main.py audit verify` checks the usage register, against the peer that bounds
it: a plain SQL scan of the same rows in the same run; and the same with a signed checkpoint
every 100 records (what the centre server writes), checked with its public key.

    .venv/bin/python benchmarks/audit_verify.py [--records 100000] [--database-url URL]

Prints JSON. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select, text

from console.audit.checkpoints import CHECKPOINT_EVERY_RECORDS, CheckpointSigner
from console.audit.verify import verify_trail
from console.audit.writer import Actor, AuditTrail
from console.clock import FixedClock
from console.codes import Action, Outcome, Reason
from console.identity import TerminalIdentity
from console.storage.database import Database
from console.storage.models import AuditCheckpoint, AuditRecord


def fill(db: Database, count: int) -> float:
    clock = FixedClock(datetime(2026, 1, 1, tzinfo=UTC))
    trail = AuditTrail(clock)
    actor = Actor("zhangsan", TerminalIdentity("10.0.0.42", "00:1a:2b:3c:4d:42"), "T-0042",
                  session_id="0" * 36)
    start = time.perf_counter()
    done = 0
    while done < count:
        with db.transaction() as s:
            for i in range(min(1000, count - done)):
                clock.advance(0.5)
                trail.append(s, actor, Action.LOGIN, target="zhangsan",
                             outcome=Outcome.DENIED if i % 7 else Outcome.OK,
                             reason=Reason.BAD_PASSWORD if i % 7 else Reason.OK,
                             params={"remaining": i % 5})
        done += min(1000, count - done)
    return time.perf_counter() - start


def sign_checkpoints(db: Database, signer: CheckpointSigner) -> int:
    """A checkpoint every CHECKPOINT_EVERY_RECORDS records, as if the server had signed the
    head each time it got there."""
    at = datetime(2026, 1, 1, tzinfo=UTC)
    with db.transaction() as s:
        rows = s.execute(select(AuditRecord.seq, AuditRecord.hash).where(
            AuditRecord.seq % CHECKPOINT_EVERY_RECORDS == 0)).all()
        for seq, digest in rows:
            s.add(AuditCheckpoint(seq=seq, hash=digest, at=at, key_id=signer.key_id,
                                  signature=signer.sign(seq, digest, at)))
    return len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        append_s = fill(db, args.records)
        start = time.perf_counter()
        with db.engine.connect() as conn:
            rows = len(conn.execute(text("SELECT * FROM audit_records ORDER BY seq")).all())
        scan_s = time.perf_counter() - start
        start = time.perf_counter()
        with db.transaction() as s:
            result = verify_trail(s)
        verify_s = time.perf_counter() - start
        signer = CheckpointSigner(Ed25519PrivateKey.generate())
        checkpoints = sign_checkpoints(db, signer)
        start = time.perf_counter()
        with db.transaction() as s:
            signed = verify_trail(s, checkpoint_key=signer.public)
        signed_s = time.perf_counter() - start
        db.dispose()
    print(json.dumps({
        "benchmark": "audit_verify",
        "backend": "postgresql" if args.database_url else "sqlite",
        "records": rows,
        "intact": result.ok,
        "append_records_per_s": round(args.records / append_s),
        "verify_s": round(verify_s, 3),
        "verify_records_per_s": round(rows / verify_s),
        "peer_plain_sql_scan_s": round(scan_s, 3),
        "verify_vs_scan": round(verify_s / scan_s, 2),
        "checkpoints": checkpoints,
        "intact_with_checkpoints": signed.ok,
        "verify_with_checkpoints_s": round(signed_s, 3),
        "checkpoints_vs_chain_only": round(signed_s / verify_s, 2),
    }, indent=2))


if __name__ == "__main__":
    main()
