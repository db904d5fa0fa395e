"""How fast `main.py catalog import` takes a 100,000-camera catalogue (target: < 30 s on
SQLite), as xlsx and as csv, and a re-import of the same file (all unchanged), against the
peer that bounds it: a plain csv.reader read plus a raw executemany INSERT of the same rows
into a bare table, measured in the same run.

    .venv/bin/python benchmarks/catalog_import.py [--rows 100000]

Prints JSON. Not a timed test. The files are generated from a fixed seed in a temp dir; each
format is imported into a fresh SQLite database. The rows carry no credentials, so the
keyring is not touched.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook

from console.admin.service import AdminService
from console.audit.writer import Actor
from console.catalog.columns import CAMERA_COLUMNS
from console.catalog.service import CatalogService
from console.catalog.sheets import read_catalogue_file
from console.clock import FixedClock
from console.passwords import HashCost, PasswordHashing
from console.secrets import SecretStore
from console.storage.database import Database

INSTALLER = Actor(account="cli:bench@localhost", is_installer=True)
UNITS = [("CITY-OPS", "市城市运行管理中心"), ("GUSU-PSB", "姑苏区公安分局"),
         ("CITY-TRAFFIC", "市交通运输局"), ("GUSU-STREET", "姑苏区平江街道")]
STREETS = ["32050801", "32050802", "32050803", "32050804", "32057101", "32057103",
           "32050601", "32050701"]
CATEGORIES = ["小区周边", "道路交通", "背街小巷", "车站", "校园周边", "铁路沿线"]
SHARES = ["无条件共享"] * 6 + ["有条件共享"] * 3 + ["不予共享"]
TYPES = ["球机", "半球", "固定枪机", "固定枪机", "固定枪机"]


def generate_rows(count: int, seed: int = 28181) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        street = STREETS[i % len(STREETS)]
        code = f"{street}00132{rng.choice('68')}{i:06d}"
        share = rng.choice(SHARES)
        kind = rng.choice(TYPES)
        online = rng.random() > 0.1
        rows.append([
            code, f"点位{i:06d} 路口{rng.randint(1, 999)}号", f"位置{rng.randint(1, 9999)}",
            street, "", rng.choice(CATEGORIES), kind, "是" if kind == "球机" else "否",
            "1" if kind == "球机" else "", rng.choice(UNITS)[0], "运维公司", "0512-65220000",
            "", "苏州城安智能科技有限公司", "2027-12-31", share,
            "" if share == "无条件共享" else "《公共安全视频图像信息系统管理条例》第十二条",
            f"{120.6 + rng.uniform(-0.1, 0.1):.6f}", f"{31.3 + rng.uniform(-0.1, 0.1):.6f}",
            f"rtsp://10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}:554/main",
            f"rtsp://10.{i // 65536 % 256}.{i // 256 % 256}.{i % 256}:554/sub",
            "在线" if online else "离线", "" if online else "2026-11-20 08:30:00",
        ])
    return rows


def write_files(directory: Path, rows: list[list[str]]) -> tuple[Path, Path]:
    headers = [c.header for c in CAMERA_COLUMNS]
    csv_path = directory / "catalogue.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("监控点位")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    xlsx_path = directory / "catalogue.xlsx"
    book.save(xlsx_path)
    return csv_path, xlsx_path


def fresh_service(url: str) -> tuple[Database, CatalogService]:
    db = Database(url)
    db.migrate()
    clock = FixedClock(datetime(2026, 11, 21, tzinfo=UTC))
    admin = AdminService(db, clock, PasswordHashing(HashCost(1, 8 * 1024, 1)))
    for code, name in UNITS:
        admin.create_unit(INSTALLER, code, name)
    return db, CatalogService(db, clock, SecretStore())


def timed_imports(url: str, path: Path) -> tuple[float, float, int]:
    db, service = fresh_service(url)
    start = time.perf_counter()
    first = service.import_files(INSTALLER, [path])
    import_s = time.perf_counter() - start
    start = time.perf_counter()
    again = service.import_files(INSTALLER, [path])
    reimport_s = time.perf_counter() - start
    db.dispose()
    assert first.cameras.added == again.cameras.unchanged, (first.cameras, again.cameras)
    return import_s, reimport_s, first.cameras.added


def peer(path: Path, database: Path, width: int) -> float:
    """csv.reader + executemany into a bare table: the floor for reading and storing."""
    start = time.perf_counter()
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        rows = list(reader)
    connection = sqlite3.connect(database)
    columns = ", ".join(f"c{i} TEXT" for i in range(width))
    connection.execute(f"CREATE TABLE bare ({columns})")
    marks = ", ".join("?" * width)
    with connection:
        connection.executemany(f"INSERT INTO bare VALUES ({marks})", rows)  # noqa: S608
    connection.close()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        rows = generate_rows(args.rows)
        csv_path, xlsx_path = write_files(directory, rows)
        start = time.perf_counter()
        read_catalogue_file(xlsx_path)
        read_xlsx_s = time.perf_counter() - start
        start = time.perf_counter()
        read_catalogue_file(csv_path)
        read_csv_s = time.perf_counter() - start
        results = {}
        for name, path in (("csv", csv_path), ("xlsx", xlsx_path)):
            results[name] = timed_imports(f"sqlite:///{directory / f'{name}.db'}", path)
        peer_s = peer(csv_path, directory / "peer.db", len(CAMERA_COLUMNS))
    csv_import, csv_again, added = results["csv"]
    xlsx_import, xlsx_again, _ = results["xlsx"]
    print(json.dumps({
        "benchmark": "catalog_import",
        "backend": "sqlite",
        "rows": args.rows,
        "cameras_added": added,
        "read_xlsx_s": round(read_xlsx_s, 2),
        "read_csv_s": round(read_csv_s, 2),
        "import_xlsx_s": round(xlsx_import, 2),
        "reimport_xlsx_unchanged_s": round(xlsx_again, 2),
        "import_csv_s": round(csv_import, 2),
        "reimport_csv_unchanged_s": round(csv_again, 2),
        "peer_csv_reader_executemany_s": round(peer_s, 2),
        "import_csv_vs_peer": round(csv_import / peer_s, 1),
        "target_s": 30,
        "within_target": max(xlsx_import, csv_import) < 30,
    }, indent=2))


if __name__ == "__main__":
    main()
