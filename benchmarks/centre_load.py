"""The centre under the load of many terminals (issue: "200 simulated terminals on loopback,
bounded in count and time (heartbeats every 5 s, a recheck every 2 s, 20 view opens/s):
server p50/p99 latency per endpoint and CPU; target p99 < 50 ms and < 25 % of one core").

The centre runs as its own process (``python -m console.server run``, the production entry
point, with its scheduled jobs), so that its CPU is measured apart from the load. Each
simulated terminal is enrolled through the API (its own key and certificate) and talks from
its own loopback address (127.0.0.2, 127.0.0.3, …) over one keep-alive mutual-TLS
connection; each has its own user logged in through the API. One load process drives them
all on an asyncio loop with a minimal HTTP/1.1 client (``requests`` would cost the 2-core
machine more CPU than the server); a view open is POST /views with the stream the tile
wants, answered with the view, its stream and masks in one request as the console's desk
asks (``--separate-stream``: POST /views, then GET /views/{id}/stream, as before), and every
terminal keeps at most 4 views (the oldest is closed: POST /views/{id}/close).

Peers measured in the same run: GET /health (TLS + HTTP + FastAPI, no database) and GET
/terminal (plus the caller check) sent during the load at 2/s each; after the load, the same
service calls as a heartbeat and a recheck (caller check, then AuthService.heartbeat or
AccessService.recheck) made directly on the database, without HTTP.

    .venv/bin/python benchmarks/centre_load.py [--terminals 200] [--seconds 60]
        [--cameras 2000] [--database-url URL | --postgres-temp]

Prints JSON (milliseconds, CPU in % of one core). Not a timed test.

Measured (2-core shared VM, 60 s windows; "before" = aa01c47 with this script, "after" = the
centre-bench branch; --py-spy off):

  200 terminals, 20 opens/s (offered ~200 req/s), SQLite: the server is saturated either way
    before  ~118 req/s served, p50 1.6-1.7 s, p99 3.8-4.9 s, server 103 % of one core
    after   109-123 req/s (2 runs), p50 1.6-2.5 s, p99 2.2-3.5 s, server 94-104 %
  200 terminals, PostgreSQL (--postgres-temp, on the same 2 cores)
    before  78 answers 500 (DeadlockDetected x301 and the stale-session job's refused
            FOR UPDATE x31 logged), 54 connections dropped, p99 6-7 s, server 77 %
    after   no 5xx, nothing logged, p99 4.1-4.8 s, server 92 %
  60 terminals, 6 opens/s (~60 req/s, served in full), SQLite
    before  p50 16-23 ms, p99 205-460 ms, server 66 %
    after   p50 12-23 ms, p99 59-120 ms, server 55-58 %
  60 terminals, 6 opens/s, PostgreSQL
    before  p50 37-110 ms, p99 1.4-1.9 s, server 80 % (rechecks fell behind: 27.7 of 30/s)
    after   p50 23-49 ms, p99 162-303 ms, server 70 %
  peers: GET /health costs the server 1.0 ms of CPU per answer (1.8 ms before, as a sync
    endpoint); direct caller check p50 1.12 -> 0.68-0.88 ms, caller check + heartbeat
    3.47 -> 2.6-3.4 ms, caller check + recheck of 4 views 6.31 -> 3.4-4.2 ms (SQLite).
  load generator: 4-6 % of one core.

Then (branch load-target: httptools + uvloop, the stamped recheck, kept caller checks, async
hot endpoints, plain-SQL heartbeat and audit append, 8 worker threads; 2-core VM shared with
three other sessions' tests, load average 3-8, so the server got 50-90 % of a core):

  60 terminals, 6 opens/s: SQLite 31-34 % of a core, p99 110-128 ms (load 3), 0.3-0.9 s
    (load 5-6); PostgreSQL 37-42 %, p99 53-115 ms (load 3), 0.3-0.5 s (load 6); 5.6-7.6 ms
    of server CPU per answer
  200 terminals, SQLite: 137-154 answers/s at 64-79 % of a core (4.1-5.7 ms each); p99
    0.3-0.7 s when the machine was quieter, seconds when not
  200 terminals, PostgreSQL: saturated, 75-107 answers/s, 7-12 ms each

Then (branch load: the view and its stream in one request, the chain head read once per
transaction, heartbeat / lease / close as Core statements built once, job rounds not yet due
left alone; back to back with main, 200 terminals, 40 s):

  SQLite      main 51 % of a core, 3.10 ms of server CPU per answer, worst p99 134 ms
              -> 34 %, 2.34 ms, worst p99 80 ms (load 3-4, peers equal; both served
              the whole load). During heavier load (5-45): 4.52 -> 2.84 ms per answer
  PostgreSQL  main 60 % of a core, 3.85 ms per answer -> 46 %, 3.23 ms (load 10-17; both
              served the whole load)

Then (branch load2: heartbeat, recheck and view open past FastAPI's routing and dependency
solving, console/server/hot_paths.py; the full recheck and the view's open and close as plain
rows; cameras' access facts kept by revision; a response's head sent with its body; a plain
thread pool for the hot endpoints; the fingerprint once per certificate; the policy in a read
transaction; a view's masks in one statement). Back to back with main 81bbc45 (the server
code of the branch point), 200 terminals, 40 s, two pairs alternated, load average 0.8-1.4:

  SQLite      main   40.9 / 38.6 % of a core, 2.90 / 2.67 ms of server CPU per answer,
                     worst p99 39 / 31 ms
              load2  24.0 / 23.2 %, 1.67 / 1.60 ms, worst p99 11 / 10 ms (meets_target
                     true; both served the whole load, ~144 answers/s; peers: caller check
                     p50 0.75 -> 0.52 ms). Before the masks change: 25.4 / 28.3 %.
  PostgreSQL  not measured again

The target is met on a quiet machine, by a small margin: 25 % of a core at ~144 answers/s
allows 1.74 ms per answer, 1.60-1.67 ms are spent. Measured apart (135 GET /health a second
on kept TLS connections): uvicorn + TLS alone ~0.21 ms of CPU per request, through FastAPI
~0.50 ms. See README.md, "Measured". ``server_cpu_ms_per_answer`` in the output is the
steadier figure on a shared machine; ``--revision-polls`` adds the console's GET
/catalogue/revision to each round.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import os
import random
import signal
import ssl
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil
from sqlalchemy import insert, select

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
import console
from console.api.wire import API_PREFIX
from console.identity import TerminalIdentity
from console.passwords import PasswordHashing
from console.remote.enrol import enrol
from console.remote.terminal_files import TerminalFiles
from console.storage.database import Database
from console.storage.models import (
    Camera,
    Grant,
    Region,
    Terminal,
    TerminalBinding,
    Unit,
    User,
)

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PASSWORD = "Bench#Load2026"  # noqa: S105 - the simulated users' password
UNITS = 10
MAX_VIEWS = 4
HEARTBEAT_S = 5.0
RECHECK_S = 2.0
PEER_EVERY_S = 0.5
TARGET_P99_MS = 50.0
TARGET_CPU_PERCENT = 25.0


# -- the centre ------------------------------------------------------------------------------


@dataclass
class Bench:
    tmp: Path
    url: str                      # the database
    data: Path                    # the server's data directory
    api: str = ""                 # https://127.0.0.1:PORT
    server: subprocess.Popen[bytes] | None = None


def server_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def init_centre(bench: Bench) -> None:
    subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [PYTHON, "-m", "console.server", "init", "--database-url", bench.url,
         "--data-dir", str(bench.data), "--name", "127.0.0.1"],
        check=True, env=server_env(), stdout=subprocess.DEVNULL)


@dataclass
class Sim:
    """One simulated terminal."""

    index: int
    name: str
    ip: str
    mac: str
    account: str
    files: TerminalFiles | None = None
    token: str = ""
    session_id: str = ""
    views: collections.deque[str] = field(default_factory=collections.deque)
    stamp: str | None = None      # the last recheck's (sent back, as the terminal does)
    reader: asyncio.StreamReader | None = None
    writer: asyncio.StreamWriter | None = None
    lock: asyncio.Lock | None = None


def terminal_address(index: int) -> str:
    return f"127.0.{(index + 2) // 256}.{(index + 2) % 256}"


@dataclass
class World:
    sims: list[Sim]
    unconditional: list[str]              # camera codes anyone may open
    granted: dict[int, list[str]]         # unit number: conditional cameras it has a grant for


def seed(bench: Bench, terminals: int, cameras: int, seed_value: int = 7) -> World:
    """Units, terminals, their users (one production-cost hash, shared: login verifies it at
    the server's own cost), bindings, regions, cameras (70 % shared unconditionally, 20 %
    conditionally, 10 % not shared) and grants (each unit: live in five regions), written
    directly."""
    rnd = random.Random(seed_value)
    now = datetime.now(UTC)
    password_hash = PasswordHashing().hash(PASSWORD)
    db = Database(bench.url)
    sims = [Sim(i, f"T-{i + 1:04d}", terminal_address(i),
                f"02:00:00:00:{(i + 1) // 256:02x}:{(i + 1) % 256:02x}", f"op{i + 1:04d}")
            for i in range(terminals)]
    try:
        with db.engine.begin() as conn:
            first_unit = 1000
            conn.execute(insert(Unit), [
                {"id": first_unit + u, "code": f"U{u:02d}", "name": f"单位{u}",
                 "parent_id": None, "created_at": now} for u in range(UNITS)])
            regions = [f"3205{d:02d}{s:02d}" for d in range(1, 6) for s in range(1, 11)]
            conn.execute(insert(Region), [{"code": code, "name": f"区划{code}"}
                                          for code in regions])
            conn.execute(insert(Terminal), [
                {"id": 1000 + s.index, "name": s.name, "location": f"席位{s.index + 1}",
                 "unit_id": first_unit + s.index % UNITS, "ip": s.ip, "mac": s.mac,
                 "created_at": now} for s in sims])
            conn.execute(insert(User), [
                {"id": 1000 + s.index, "account": s.account, "real_name": f"值班员{s.index}",
                 "unit_id": first_unit + s.index % UNITS, "role": "duty_officer",
                 "state": "active", "password_hash": password_hash,
                 "password_changed_at": now, "must_change_password": False,
                 "failed_attempts": 0, "locked_until": None, "created_at": now}
                for s in sims])
            conn.execute(insert(TerminalBinding), [
                {"user_id": 1000 + s.index, "terminal_id": 1000 + s.index, "created_at": now}
                for s in sims])
            rows: list[dict[str, Any]] = []
            for i in range(cameras):
                share = "unconditional" if i % 10 < 7 else "conditional" if i % 10 < 9 \
                    else "not_shared"
                region = regions[i % len(regions)]
                rows.append({
                    "id": i + 1, "code": f"{region}00131{i:07d}", "name": f"路口{i}号",
                    "location": f"路口{i}", "region_code": region, "category": "道路交通",
                    "camera_type": 1, "ptz_capable": False, "home_preset": None,
                    "owner_unit_id": first_unit + i % UNITS, "maintainer": "维保公司",
                    "contact": "0512", "project_id": None, "contractor": "",
                    "warranty_end": None, "share_type": share, "legal_basis": "",
                    "longitude": 120.6, "latitude": 31.3,
                    "main_stream": f"rtsp://127.0.0.1:8554/cam{i}/main",
                    "sub_stream": f"rtsp://127.0.0.1:8554/cam{i}/sub",
                    "has_credentials": False, "online": True, "last_seen": now,
                    "updated_at": now})
            conn.execute(insert(Camera), rows)
            granted_regions = {u: [rnd.choice(regions) for _ in range(5)] for u in range(UNITS)}
            conn.execute(insert(Grant), [{
                "grantee_unit_id": first_unit + u, "grantee_user_id": None,
                "scope_kind": "region", "camera_id": None, "group_id": None,
                "region_code": granted_regions[u][k], "live": True, "ptz": False,
                "playback": False, "download": False,
                "valid_from": now - timedelta(days=1), "valid_to": now + timedelta(days=30),
                "purpose": "巡查", "approver": "审批人", "reference": f"SP-{u}-{k}",
                "emergency": False, "issued_by": "bench", "issued_at": now,
                "revoked_at": None, "revoked_by": None, "revoke_reason": None}
                for u in range(UNITS) for k in range(5)])
    finally:
        db.dispose()
    unconditional = [r["code"] for r in rows if r["share_type"] == "unconditional"]
    granted = {u: [r["code"] for r in rows if r["share_type"] == "conditional"
                   and r["region_code"] in granted_regions[u]] for u in range(UNITS)}
    return World(sims, unconditional, granted)


def enrolment_codes(bench: Bench, sims: list[Sim]) -> list[str]:
    from console.server.cli import server_actor  # noqa: PLC0415
    from console.server.data_dir import DataDir  # noqa: PLC0415
    from console.server.host import open_centre  # noqa: PLC0415

    centre = open_centre(DataDir(bench.data), bench.url)
    try:
        actor = server_actor()
        return [centre.enrolment.issue_code(actor, s.name).code for s in sims]
    finally:
        centre.db.dispose()


def start_server(bench: Bench) -> None:
    ready = bench.tmp / "ready.json"
    bench.server = subprocess.Popen(  # noqa: S603 - this interpreter, fixed arguments
        [PYTHON, "-m", "console.server", "run", "--data-dir", str(bench.data),
         "--database-url", bench.url, "--listen", "127.0.0.1:0", "--ready-file", str(ready)],
        env=server_env(), stdout=subprocess.DEVNULL, stderr=open(bench.tmp / "server.log", "wb"))  # noqa: SIM115
    deadline = time.monotonic() + 60
    while not ready.exists() or not ready.read_text().strip():
        if bench.server.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("the centre did not start: "
                             + (bench.tmp / "server.log").read_text()[-2000:])
        time.sleep(0.05)
    bench.api = json.loads(ready.read_text())["url"]


def stop_server(bench: Bench) -> None:
    if bench.server is not None and bench.server.poll() is None:
        bench.server.send_signal(signal.SIGTERM)
        try:
            bench.server.wait(20)
        except subprocess.TimeoutExpired:
            bench.server.kill()
            bench.server.wait()


def server_log_errors(bench: Bench) -> dict[str, int]:
    """The errors the server logged (a 500 is logged with its traceback), by their last
    line; the log's end goes to stderr when there are any."""
    log = (bench.tmp / "server.log").read_text(errors="replace")
    found: collections.Counter[str] = collections.Counter()
    lines = log.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("ERROR"):
            tail = next((lines[i] for i in range(number + 1, min(len(lines), number + 400))
                         if lines[i] and not lines[i].startswith((" ", "Traceback"))
                         and "During handling" not in lines[i]
                         and "direct cause" not in lines[i]), line)
            found[tail[:200]] += 1
    if found:
        sys.stderr.write(log[-6000:])
    return dict(found.most_common(10))


def enrol_all(bench: Bench, sims: list[Sim], codes: list[str]) -> None:
    def one(pair: tuple[Sim, str]) -> None:
        sim, code = pair
        files = TerminalFiles(bench.tmp / "terminals" / sim.name)
        enrol(bench.api, code, TerminalIdentity(sim.ip, sim.mac), files, source_ip=sim.ip)
        sim.files = files

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(one, zip(sims, codes, strict=True)))


# -- the load --------------------------------------------------------------------------------


@dataclass
class Samples:
    """Latencies (ms) and statuses of one endpoint, for requests started in the window."""

    ms: list[float] = field(default_factory=list)
    statuses: collections.Counter[int] = field(default_factory=collections.Counter)
    refusals: collections.Counter[str] = field(default_factory=collections.Counter)
    errors: int = 0


class Load:
    def __init__(self, bench: Bench, sims: list[Sim], codes: list[str],
                 granted: dict[int, list[str]], seconds: float, opens_per_s: float,
                 seed_value: int = 11) -> None:
        self.bench, self.sims, self.codes, self.granted = bench, sims, codes, granted
        self.seconds, self.opens_per_s = seconds, opens_per_s
        self.rnd = random.Random(seed_value)
        host, port = bench.api.removeprefix("https://").rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.samples: dict[str, Samples] = collections.defaultdict(Samples)
        inf = float("inf")
        self.window: tuple[float, float] = (inf, inf)      # set when the load starts
        self.pending: set[asyncio.Task[None]] = set()
        self.beating: list[asyncio.Task[None]] = []
        self.login_ms: list[float] = []
        self.server_cpu: dict[str, float] = {}
        self.on_window: Any = None          # called as the window opens
        self.own_cpu: dict[str, float] = {}
        self.closed_by_recheck = 0
        self.revision_polls = False
        self.separate_stream = False
        self.answered = 0                   # answers received while the CPU is measured
        self.measuring = False

    async def connect(self, sim: Sim) -> None:
        assert sim.files is not None
        context = ssl.create_default_context(cafile=str(sim.files.ca))
        context.load_cert_chain(sim.files.cert, sim.files.key)
        sim.reader, sim.writer = await asyncio.open_connection(
            self.host, self.port, ssl=context, local_addr=(sim.ip, 0),
            server_hostname=self.host)

    async def call(self, sim: Sim, method: str, path: str, label: str,
                   body: Any = None, *, session: bool = True) -> tuple[int, bytes]:
        assert sim.lock is not None
        data = json.dumps(body).encode() if body is not None else b""
        head = (f"{method} {API_PREFIX}{path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
                f"X-Terminal-Mac: {sim.mac}\r\nX-Terminal-Version: {console.__version__}\r\n"
                + (f"Authorization: Bearer {sim.token}\r\n" if session else "")
                + f"Content-Type: application/json\r\nContent-Length: {len(data)}\r\n\r\n")
        async with sim.lock:
            if sim.writer is None or sim.writer.is_closing():
                await self.connect(sim)
            assert sim.reader is not None and sim.writer is not None
            start = time.perf_counter()
            try:
                sim.writer.write(head.encode() + data)
                header = await sim.reader.readuntil(b"\r\n\r\n")
                status = int(header[9:12])
                length = 0
                for line in header.split(b"\r\n")[1:]:
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                payload = await sim.reader.readexactly(length) if length else b""
            except (OSError, asyncio.IncompleteReadError, ValueError):
                sim.writer.close()
                sim.writer = None
                self._record(label, start, None)
                return 0, b""
            self._record(label, start, status)
            if status >= 400 and self.window[0] <= start < self.window[1]:
                try:
                    reason = str(json.loads(payload).get("reason", "?"))
                except (ValueError, AttributeError):
                    reason = "?"
                self.samples[label].refusals[reason] += 1
            if self.measuring:
                self.answered += 1
            return status, payload

    def _record(self, label: str, start: float, status: int | None) -> None:
        if not self.window[0] <= start < self.window[1]:
            return
        samples = self.samples[label]
        if status is None:
            samples.errors += 1
            return
        samples.ms.append((time.perf_counter() - start) * 1e3)
        samples.statuses[status] += 1

    async def heartbeats(self, sim: Sim) -> None:
        await self._every(HEARTBEAT_S, lambda: self.call(
            sim, "POST", "/session/heartbeat", "POST /session/heartbeat",
            {"views": list(sim.views), "idle_seconds": self.rnd.uniform(0, 60)}))

    async def rechecks(self, sim: Sim) -> None:
        async def one() -> None:
            if self.revision_polls:  # the console's permission watch asks for it each round
                await self.call(sim, "GET", "/catalogue/revision", "GET /catalogue/revision")
            if not sim.views:       # as console/views/permission_watch.py: no views, no call
                return
            body: dict[str, Any] = {"views": list(sim.views)}
            if sim.stamp is not None:
                body["stamp"] = sim.stamp
            status, payload = await self.call(sim, "POST", "/views/recheck",
                                              "POST /views/recheck", body)
            if status == 200:
                answer = json.loads(payload)
                sim.stamp = answer["stamp"]
                closed = {c["ticket"]["id"] for c in answer["closed"]}
                if closed:
                    self.closed_by_recheck += len(closed)
                    sim.views = collections.deque(v for v in sim.views if v not in closed)

        await self._every(RECHECK_S, one)

    async def _every(self, period: float, send: Any, phase: bool = True) -> None:
        """``send()`` every ``period`` seconds (from a random phase) until the window ends."""
        loop = asyncio.get_running_loop()
        offset = time.perf_counter() - loop.time()
        due = loop.time() + (self.rnd.uniform(0, period) if phase else 0.0)
        while due + offset < self.window[1]:
            await asyncio.sleep(max(0.0, due - loop.time()))
            if time.perf_counter() >= self.window[1]:
                return
            await send()
            due += period

    async def open_view(self, sim: Sim) -> None:
        unit_codes = self.granted[sim.index % UNITS]
        if unit_codes and self.rnd.random() < 0.2:     # on a grant (conditional camera)
            code = self.rnd.choice(unit_codes)
        else:
            code = self.rnd.choice(self.codes)
        # the view and its stream in one request, as the console's tile asks (POST /views
        # with "stream"); --separate-stream: the view, then GET /views/{id}/stream
        body = {"code": code, "purpose": "巡查", "right": "live"}
        if not self.separate_stream:
            body["stream"] = "sub"
        status, payload = await self.call(sim, "POST", "/views", "POST /views", body)
        if status != 201:
            return
        answer = json.loads(payload)
        if self.separate_stream:
            view = answer["id"]
            await self.call(sim, "GET", f"/views/{view}/stream?kind=sub",
                            "GET /views/{id}/stream")
        else:
            view = answer["ticket"]["id"]
        sim.views.append(view)
        if len(sim.views) > MAX_VIEWS:
            old = sim.views.popleft()
            await self.call(sim, "POST", f"/views/{old}/close", "POST /views/{id}/close",
                            {"reason": "VIEW_CLOSED"})

    async def _open_one(self) -> None:
        task = asyncio.create_task(self.open_view(self.rnd.choice(self.sims)))
        self.pending.add(task)
        task.add_done_callback(self.pending.discard)

    async def peers(self) -> None:
        turn = iter(range(10**9))

        async def both() -> None:
            sim = self.sims[next(turn) % len(self.sims)]
            await self.call(sim, "GET", "/health", "peer GET /health", session=False)
            await self.call(sim, "GET", "/terminal", "peer GET /terminal", session=False)

        await self._every(PEER_EVERY_S, both, phase=False)

    async def login(self, sim: Sim, gate: asyncio.Semaphore) -> None:
        async with gate:
            start = time.perf_counter()
            status, payload = await self.call(
                sim, "POST", "/session", "login",
                {"account": sim.account, "password": PASSWORD, "version": console.__version__},
                session=False)
            self.login_ms.append((time.perf_counter() - start) * 1e3)
        if status != 200:
            raise SystemExit(f"login of {sim.account} refused: {payload[:300]!r}")
        body = json.loads(payload)
        sim.token, sim.session_id = body["token"], body["session"]["session_id"]
        # the terminal beats from its login on (sessions without a beat for 30 s end)
        self.beating.append(asyncio.create_task(self.heartbeats(sim)))

    async def run_measured(self, server: psutil.Process) -> None:
        """Connect, log every terminal in (its heartbeats start), then the window: rechecks,
        view opens and the peers start; requests started inside the window are recorded,
        and the CPU the server and this process use meanwhile."""
        for sim in self.sims:
            sim.lock = asyncio.Lock()
        gate = asyncio.Semaphore(16)

        async def connect(sim: Sim) -> None:
            async with gate:
                await self.connect(sim)

        await asyncio.gather(*(connect(sim) for sim in self.sims))
        logins = asyncio.Semaphore(2)           # argon2 at the server's cost: 2 cores
        await asyncio.gather(*(self.login(sim, logins) for sim in self.sims))
        await asyncio.sleep(HEARTBEAT_S)        # every terminal has beaten once at least
        start = time.perf_counter() + 0.1
        self.window = (start, start + self.seconds)
        if self.on_window is not None:
            self.on_window()
        tasks = [self._every(1.0 / self.opens_per_s, self._open_one, phase=False),
                 self.peers(), *(self.rechecks(sim) for sim in self.sims)]
        self.measuring = True
        with cpu_of(server) as self.server_cpu, cpu_of(psutil.Process()) as self.own_cpu:
            await asyncio.gather(*tasks, *self.beating)
            if self.pending:
                await asyncio.gather(*self.pending)
            self.measuring = False
        for sim in self.sims:
            if sim.writer is not None:
                sim.writer.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(ms: list[float], seconds: float | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"count": len(ms)}
    if seconds:
        out["per_s"] = round(len(ms) / seconds, 1)
    if ms:
        out.update(p50_ms=round(percentile(ms, 0.5), 2), p90_ms=round(percentile(ms, 0.9), 2),
                   p99_ms=round(percentile(ms, 0.99), 2), max_ms=round(max(ms), 2))
    return out


@contextmanager
def cpu_of(process: psutil.Process) -> Iterator[dict[str, float]]:
    """CPU of ``process`` (and its threads) while the block runs, in % of one core."""
    result: dict[str, float] = {}
    before, start = process.cpu_times(), time.perf_counter()
    yield result
    after, wall = process.cpu_times(), time.perf_counter() - start
    used = (after.user - before.user) + (after.system - before.system)
    result.update(percent_of_one_core=round(100 * used / wall, 1), cpu_s=round(used, 2),
                  user_s=round(after.user - before.user, 2),
                  system_s=round(after.system - before.system, 2), wall_s=round(wall, 2))


# -- the direct peer -------------------------------------------------------------------------


def direct_peer(bench: Bench, sims: list[Sim], rounds: int) -> dict[str, Any]:
    """The service calls behind a heartbeat and a recheck, made in this process straight on
    the database (the server is idle meanwhile): what HTTP, TLS and FastAPI add."""
    from console.access.model import view_ref  # noqa: PLC0415
    from console.access.service import AccessService  # noqa: PLC0415
    from console.auth.service import AuthService  # noqa: PLC0415
    from console.clock import SystemClock  # noqa: PLC0415
    from console.identity import StaticIdentity  # noqa: PLC0415
    from console.server.caller import CallerCheck, Seen  # noqa: PLC0415
    from console.server.data_dir import DataDir  # noqa: PLC0415
    from console.server.host import open_database  # noqa: PLC0415

    secrets = DataDir(bench.data).secrets()
    db = open_database(bench.url, secrets)
    clock = SystemClock()
    callers = CallerCheck(db, clock)
    auth = AuthService(db, clock, PasswordHashing(), StaticIdentity("0.0.0.0", "00:00:00:00:00:00"))  # noqa: S104
    access = AccessService(db, clock, secrets)
    with db.transaction() as s:
        fingerprints = dict(s.execute(select(Terminal.name, Terminal.cert_fingerprint)).all())
    heartbeat_ms, recheck_ms, caller_ms = [], [], []
    try:
        for turn in range(rounds):
            sim = sims[turn % len(sims)]
            seen = Seen(sim.ip, sim.mac, fingerprints[sim.name], console.__version__)
            start = time.perf_counter()
            caller = callers.check(seen, sim.token)
            caller_ms.append((time.perf_counter() - start) * 1e3)
            assert caller.session_id is not None
            start = time.perf_counter()
            callers.check(seen, sim.token)
            auth.heartbeat(sim.session_id, views=list(sim.views), idle_seconds=1.0)
            heartbeat_ms.append((time.perf_counter() - start) * 1e3)
            start = time.perf_counter()
            callers.check(seen, sim.token)
            access.recheck(sim.session_id, [view_ref(v) for v in sim.views])
            recheck_ms.append((time.perf_counter() - start) * 1e3)
    finally:
        db.dispose()
    return {"caller_check": summary(caller_ms),
            "caller_check_and_heartbeat": summary(heartbeat_ms),
            "caller_check_and_recheck": summary(recheck_ms)}


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--terminals", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--opens-per-s", type=float, default=20.0)
    parser.add_argument("--cameras", type=int, default=2000)
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite "
                        "file); PostgreSQL without a password in the URL (trust/peer)")
    parser.add_argument("--postgres-temp", action="store_true",
                        help="a throwaway PostgreSQL server on loopback (the tests' one)")
    parser.add_argument("--peer-rounds", type=int, default=600)
    parser.add_argument("--revision-polls", action="store_true",
                        help="each recheck round also asks GET /catalogue/revision, as the "
                        "console's permission watch does (not in the issue's load)")
    parser.add_argument("--separate-stream", action="store_true",
                        help="open a view and then ask for its stream (two requests, as "
                        "terminals did before the open brought the stream back)")
    parser.add_argument("--py-spy", type=Path, metavar="FILE",
                        help="profile the server during the window (py-spy, collapsed "
                        "stacks; py-spy in the venv)")
    parser.add_argument("--py-spy-gil", action="store_true",
                        help="sample only the thread holding the GIL (where the CPU goes)")
    args = parser.parse_args(argv)
    if not 1 <= args.terminals <= 250 * 255:
        parser.error("--terminals: 1 to 63750")
    timings: dict[str, float] = {}
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="centre-load-")))
        url = args.database_url or f"sqlite:///{tmp / 'centre.db'}"
        if args.postgres_temp:
            from tests.support.postgres_server import PostgresServer  # noqa: PLC0415

            pg = stack.enter_context(PostgresServer())
            url = pg.create_database("centre_load")
        bench = Bench(tmp, url, tmp / "data")
        stack.callback(stop_server, bench)
        t0 = time.perf_counter()
        init_centre(bench)
        world = seed(bench, args.terminals, args.cameras)
        sims = world.sims
        codes = enrolment_codes(bench, sims)
        timings["setup_s"] = time.perf_counter() - t0
        start_server(bench)
        assert bench.server is not None
        server = psutil.Process(bench.server.pid)
        t0 = time.perf_counter()
        enrol_all(bench, sims, codes)
        timings["enrol_s"] = time.perf_counter() - t0
        with cpu_of(server) as idle:
            time.sleep(3.0)
        load = Load(bench, sims, world.unconditional, world.granted, args.seconds,
                    args.opens_per_s)
        load.revision_polls = args.revision_polls
        load.separate_stream = args.separate_stream
        if args.py_spy:
            load.on_window = lambda: subprocess.Popen(  # noqa: S603 - fixed arguments
                [str(Path(PYTHON).with_name("py-spy")), "record", "--pid", str(server.pid),
                 "--duration", str(int(args.seconds)), "--rate", "200", "--format", "raw",
                 "--nonblocking", *(["--gil"] if args.py_spy_gil else []),
                 "--output", str(args.py_spy)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        with cpu_of(psutil.Process()) as load_cpu_all:
            asyncio.run(load.run_measured(server))
        peer = direct_peer(bench, sims, args.peer_rounds)
        server_threads = server.num_threads()
        stop_server(bench)
        server_errors = server_log_errors(bench)
    endpoints = {label: {**summary(s.ms, args.seconds),
                         "statuses": dict(sorted(s.statuses.items())), "errors": s.errors,
                         **({"refusals": dict(s.refusals)} if s.refusals else {})}
                 for label, s in sorted(load.samples.items())}
    load_labels = [label for label in endpoints if not label.startswith("peer")]
    worst_p99 = max((endpoints[label].get("p99_ms", float("inf")) for label in load_labels),
                    default=float("nan"))
    result = {
        "terminals": args.terminals, "seconds": args.seconds, "cameras": args.cameras,
        "revision_polls": args.revision_polls, "separate_stream": args.separate_stream,
        "database": url.split(":", 1)[0],
        "schedule": {"heartbeat_every_s": HEARTBEAT_S, "recheck_every_s": RECHECK_S,
                     "view_opens_per_s": args.opens_per_s, "views_kept_per_terminal": MAX_VIEWS},
        "machine": {"cpus": os.cpu_count(), "loadavg_after": [round(v, 2) for v in
                                                              os.getloadavg()]},
        "endpoints": endpoints,
        "server_cpu": load.server_cpu, "server_cpu_idle_before_load": idle,
        # CPU per answer: less sensitive than latency to what else runs on the machine
        "server_cpu_ms_per_answer": round(1e3 * load.server_cpu["cpu_s"]
                                          / max(1, load.answered), 2),
        "answers_per_s": round(load.answered / load.server_cpu["wall_s"], 1),
        "views_closed_by_recheck": load.closed_by_recheck,
        "server_threads": server_threads,
        "server_errors_logged": server_errors,
        "load_generator_cpu": load.own_cpu,
        "load_generator_cpu_with_logins": load_cpu_all,
        "logins_before_the_window": summary(load.login_ms),
        "peer_direct_service_calls": peer,
        "setup": {k: round(v, 1) for k, v in timings.items()},
        "target": {"p99_ms": TARGET_P99_MS, "cpu_percent_of_one_core": TARGET_CPU_PERCENT},
        "worst_endpoint_p99_ms": worst_p99,
        "meets_target": worst_p99 < TARGET_P99_MS
        and load.server_cpu["percent_of_one_core"] < TARGET_CPU_PERCENT,
    }
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
