"""How fast a page of the usage register is read (the supervisors' register dialog and the
leak trace: console/audit/register.py, 200 records newest first with the total count), by
person, terminal, camera, session and time, and as a supervisor limited to their unit; with
the register's indexes (migration 0011) and without them, in the same run, against the peer
that bounds it: the same page as one plain SQL statement.

    .venv/bin/python benchmarks/register_query.py [--records 1000000] [--database-url URL]

The records are written with plain INSERTs (the chain's hashes are not computed: reading
does not look at them). Prints JSON. Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from console.audit.register import ReaderScope, RegisterFilter, find_records
from console.storage.database import Database
from console.storage.models import AuditRecord, Unit, User

PEOPLE, TERMINALS, CAMERAS, UNITS = 500, 200, 20_000, 20
START = datetime(2026, 1, 1, tzinfo=UTC)
NOT_A_HASH = "!"    # these people never log in: no hash matches it
INDEXES = ("ix_audit_records_actor_seq", "ix_audit_records_terminal_seq",
           "ix_audit_records_target_seq", "ix_audit_records_session_seq",
           "ix_audit_records_at")


def fill(db: Database, count: int) -> None:
    rng = random.Random(7)
    with db.transaction() as s:
        for u in range(UNITS):
            s.add(Unit(id=1000 + u, code=f"B{u:03d}", name=f"单位{u}", created_at=START))
        s.flush()
        for p in range(PEOPLE):
            s.add(User(account=f"user{p:03d}", real_name=f"用户{p}", unit_id=1000 + p % UNITS,
                       role="duty_officer", password_hash=NOT_A_HASH, state="active",
                       password_changed_at=START, must_change_password=False,
                       created_at=START))
    done = 0
    while done < count:
        rows: list[dict[str, Any]] = []
        for seq in range(done + 1, min(count, done + 10_000) + 1):
            person = rng.randrange(PEOPLE)
            rows.append({
                "seq": seq, "at": START + timedelta(seconds=seq * 3),
                "actor": f"user{person:03d}", "session_id": f"{seq // 400:036d}",
                "terminal": f"T-{person % TERMINALS:04d}", "ip": "10.0.0.1",
                "mac": "00:1a:2b:3c:4d:5e", "action": "VIEW_OPEN",
                "target": f"3205{rng.randrange(CAMERAS):016d}", "outcome": "ok",
                "reason": "OK", "params": '{"purpose":"治安巡查"}',
                "prev_hash": "0" * 64, "hash": "0" * 64})
        with db.transaction() as s:
            s.execute(insert(AuditRecord), rows)
        done += len(rows)


def timed(fn: Callable[[], object], repeat: int = 7) -> float:
    """Median milliseconds of ``repeat`` runs."""
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(samples), 2)


def cases(count: int) -> dict[str, tuple[RegisterFilter, ReaderScope]]:
    everything = ReaderScope(None)
    return {
        "person": (RegisterFilter(actor="user042"), everything),
        "terminal": (RegisterFilter(terminal="T-0042"), everything),
        "camera": (RegisterFilter(camera=f"3205{4242:016d}"), everything),
        "session": (RegisterFilter(session=f"{count // 800:036d}"), everything),
        "last_day": (RegisterFilter(since=START + timedelta(seconds=count * 3 - 86_400)),
                     everything),
        "supervisor_unit": (RegisterFilter(), ReaderScope(1003)),
    }


def measure(db: Database, count: int) -> dict[str, float]:
    out = {}
    for name, (f, scope) in cases(count).items():
        def page(f: RegisterFilter = f, scope: ReaderScope = scope) -> None:
            with db.read() as s:
                find_records(s, f, scope, offset=0, limit=200)
        out[name] = timed(page)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        start = time.perf_counter()
        fill(db, args.records)
        fill_s = time.perf_counter() - start
        with db.engine.begin() as conn:
            conn.execute(text("ANALYZE"))
        indexed = measure(db, args.records)

        def plain() -> None:
            with db.engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM audit_records WHERE actor = 'user042'"))
                conn.execute(text("SELECT * FROM audit_records WHERE actor = 'user042' "
                                  "ORDER BY seq DESC LIMIT 200")).all()
        peer = timed(plain)
        with db.engine.begin() as conn:
            for name in INDEXES:
                conn.execute(text(f"DROP INDEX {name}"))
        unindexed = measure(db, args.records)
        db.dispose()
    print(json.dumps({
        "benchmark": "register_query",
        "backend": "postgresql" if args.database_url else "sqlite",
        "records": args.records,
        "fill_s": round(fill_s, 1),
        "page_ms_with_indexes": indexed,
        "page_ms_without_indexes": unindexed,
        "peer_plain_sql_person_page_ms": peer,
        "person_vs_peer": round(indexed["person"] / peer, 2),
    }, indent=2))


if __name__ == "__main__":
    main()
