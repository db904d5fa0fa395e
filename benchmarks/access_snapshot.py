"""How fast a console gets its permitted camera tree from a large catalogue: 100,000 cameras
and 5,000 grants in the database, one duty officer's permitted catalogue built by
AccessService.snapshot (load + rules), then the tree and search keystrokes
(benchmarks/catalog_tree.py). Peer in the same run: a plain SQL query fetching the same
camera rows.

    .venv/bin/python benchmarks/access_snapshot.py [--cameras 100000] [--grants 5000]
                                                   [--database-url URL]

Prints JSON. Not a timed test. Target (issue 3): tree ready < 1 s.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from console.access.service import AccessService
from console.clock import FixedClock
from console.storage.database import Database
from console.storage.models import (
    Camera,
    CameraGroup,
    CameraGroupMember,
    ConsoleSession,
    Grant,
    Region,
    Terminal,
    Unit,
    User,
)

NOW = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
STREETS = 500
UNITS = 40
GROUPS = 200
CATEGORIES = ["小区周边", "道路交通", "背街小巷", "车站", "机场", "铁路沿线", "校园周边",
              "商圈", "河道", "景区"]
WORDS = ["平江路", "观前街", "干将东路", "人民路", "石路", "金鸡湖", "独墅湖", "东环路",
         "苏州站", "白塔东路", "临顿路", "凤凰街", "十全街", "葑门", "胥江", "山塘街"]


def fill(db: Database, cameras: int, grants: int, seed: int = 7) -> int:
    """Returns the user id of the benchmark viewer (unit 1)."""
    rnd = random.Random(seed)
    districts = ["320508", "320505", "320506", "320507", "320571", "320509"]
    streets = [f"{rnd.choice(districts)}{i % 99 + 1:02d}" for i in range(STREETS)]
    with db.engine.begin() as conn:
        conn.execute(insert(Unit), [{"id": i, "code": f"U{i:03d}", "name": f"第{i}单位",
                                     "parent_id": None, "created_at": NOW}
                                    for i in range(1, UNITS + 1)])
        conn.execute(insert(Region), [{"code": c, "name": f"区划{c}"} for c in
                                      sorted(set(streets) | {s[:6] for s in streets} | {"3205"})])
        conn.execute(insert(Terminal), [{"id": 1, "name": "T-1", "location": "", "unit_id": 1,
                                         "ip": "10.0.0.1", "mac": "00:00:00:00:00:01",
                                         "created_at": NOW}])
        conn.execute(insert(User), [{"id": i, "account": f"user{i:04d}", "real_name": f"用户{i}",
                                     "unit_id": (i % UNITS) + 1, "role": "duty_officer",
                                     "state": "active", "password_hash": "x",
                                     "password_changed_at": NOW, "must_change_password": False,
                                     "failed_attempts": 0, "locked_until": None,
                                     "created_at": NOW} for i in range(1, 1001)])
        rows = []
        for i in range(cameras):
            street = streets[i % STREETS]
            share = "unconditional" if i % 10 < 6 else "conditional" if i % 10 < 9 else \
                "not_shared"
            rows.append({
                "id": i + 1, "code": f"{street}0013{i % 10}{i:07d}"[:20].ljust(20, "0"),
                "name": f"{rnd.choice(WORDS)}{rnd.choice(WORDS)}{i}号",
                "location": f"{rnd.choice(WORDS)}与{rnd.choice(WORDS)}交叉口",
                "region_code": street, "category": CATEGORIES[i % len(CATEGORIES)],
                "camera_type": 1 + i % 7, "ptz_capable": i % 7 == 0, "home_preset": None,
                "owner_unit_id": 1 + i % UNITS, "maintainer": "维保公司", "contact": "0512",
                "project_id": None, "contractor": "", "warranty_end": None,
                "share_type": share, "legal_basis": "", "longitude": 120.6,
                "latitude": 31.3, "main_stream": "", "sub_stream": "",
                "has_credentials": False, "online": i % 11 != 0, "last_seen": NOW,
                "updated_at": NOW})
        conn.execute(insert(Camera), rows)
        conn.execute(insert(CameraGroup), [{"id": g, "name": f"分组{g}", "description": ""}
                                           for g in range(1, GROUPS + 1)])
        members = {(g, rnd.randrange(1, cameras + 1)) for g in range(1, GROUPS + 1)
                   for _ in range(50)}
        conn.execute(insert(CameraGroupMember), [{"group_id": g, "camera_id": c}
                                                 for g, c in sorted(members)])
        grant_rows = []
        for i in range(grants):
            kind = ("camera", "group", "region")[i % 3]
            to_user = i % 4 == 0
            grant_rows.append({
                "grantee_unit_id": None if to_user else 1 + i % UNITS,
                "grantee_user_id": 1 + i % 1000 if to_user else None, "scope_kind": kind,
                "camera_id": rnd.randrange(1, cameras + 1) if kind == "camera" else None,
                "group_id": rnd.randrange(1, GROUPS + 1) if kind == "group" else None,
                "region_code": rnd.choice(streets) if kind == "region" else None,
                "live": True, "ptz": i % 5 == 0, "playback": i % 3 == 0, "download": False,
                "valid_from": NOW - timedelta(days=30),
                "valid_to": NOW + timedelta(days=1 + i % 90), "purpose": "巡查",
                "approver": "审批人", "reference": f"SP-{i}", "emergency": False,
                "issued_by": "bench", "issued_at": NOW, "revoked_at": None,
                "revoked_by": None, "revoke_reason": None})
        conn.execute(insert(Grant), grant_rows)
        viewer = 40   # unit 1 (40 % UNITS + 1)
        conn.execute(insert(ConsoleSession), [{
            "id": "bench-session", "code": "BENCH1", "user_id": viewer, "terminal_id": 1,
            "ip": "10.0.0.1", "mac": "00:00:00:00:00:01", "started_at": NOW,
            "heartbeat_at": NOW, "ended_at": None, "end_reason": None}])
    return viewer


def best_of(runs: int, fn: Any) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cameras", type=int, default=100_000)
    parser.add_argument("--grants", type=int, default=5_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}")
        db.migrate()
        start = time.perf_counter()
        fill(db, args.cameras, args.grants)
        fill_s = time.perf_counter() - start
        access = AccessService(db, FixedClock(NOW))
        snapshot_s, catalogue = best_of(3, lambda: access.snapshot("bench-session"))

        def plain() -> int:
            with db.engine.connect() as conn:
                return len(conn.execute(text("SELECT * FROM cameras")).all())

        peer_s, rows = best_of(3, plain)
        result: dict[str, Any] = {
            "benchmark": "access_snapshot", "database": db.url.get_backend_name(),
            "cameras": args.cameras, "grants": args.grants, "fill_s": round(fill_s, 2),
            "permitted_cameras": len(catalogue.entries),
            "snapshot_s": round(snapshot_s, 3),
            "peer_plain_select_all_cameras_s": round(peer_s, 3),
            "snapshot_vs_peer": round(snapshot_s / peer_s, 2), "peer_rows": rows,
        }
        sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
        from benchmarks.catalog_tree import tree_figures  # noqa: PLC0415

        tree = tree_figures(catalogue)
        result["tree"] = tree
        result["tree_ready_s"] = round(snapshot_s + tree["build_region_first_ms"] / 1000, 3)
        result["tree_ready_target_s"] = 1.0
        db.dispose()
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
