"""What watching for capture programs costs (R9: under 1 % of a core): one scan of the running
processes by CaptureDetector (Linux: /proc/PID/comm, command lines only where needed), with
extra idle processes started so that about ``--processes`` run, as on a busy terminal.
Peers in the same run: psutil reading every process's name and command line, and
``ps -e -o comm=``. Then a real CaptureWatch at the default interval for ``--watch``
seconds, its CPU time measured.

    .venv/bin/python benchmarks/capture_scan.py [--scans 200] [--processes 250] [--watch 10]

Prints JSON (milliseconds per scan, wall and CPU; CPU % of one core). Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import psutil

from console.capture.detector import (
    DEFAULT_INTERVAL_S,
    CaptureDetector,
    CaptureWatch,
    Detection,
)


def cpu_seconds() -> float:
    """CPU time of this process and of its ended children (ps)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), \
        resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(scan: Callable[[], object], runs: int) -> dict[str, float]:
    """Wall and CPU (this process and the children it ran) milliseconds per call."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(runs):
        cpu, wall = cpu_seconds(), time.perf_counter()
        scan()
        walls.append((time.perf_counter() - wall) * 1e3)
        cpus.append((cpu_seconds() - cpu) * 1e3)
    walls.sort()
    return {
        "mean_ms": round(statistics.fmean(walls), 3),
        "p95_ms": round(walls[int(len(walls) * 0.95) - 1], 3),
        "cpu_mean_ms": round(statistics.fmean(cpus), 3),
    }


def psutil_full_scan() -> int:
    count = 0
    for proc in psutil.process_iter(["name", "cmdline"]):
        count += bool(proc.info["name"])
    return count


def ps_comm() -> int:
    ps = shutil.which("ps") or "ps"
    out = subprocess.run(  # noqa: S603 - fixed program and arguments
        [ps, "-e", "-o", "comm="], capture_output=True, text=True, check=True).stdout
    return len(out.splitlines())


def start_idle(count: int) -> list[subprocess.Popen[bytes]]:
    sleep = shutil.which("sleep") or "/bin/sleep"
    return [subprocess.Popen([sleep, "600"],  # noqa: S603 - fixed program and arguments
                             stdin=subprocess.DEVNULL) for _ in range(count)]


def watch_cpu_percent(seconds: float) -> dict[str, Any]:
    """A real CaptureWatch at the default interval: each scan timed on the watch thread
    (a scan after two idle seconds finds cold caches, unlike the loop above), and the CPU
    time of this whole process meanwhile (the main thread only sleeps)."""
    detector = CaptureDetector()
    scan = detector.scan
    walls: list[float] = []
    cpus: list[float] = []

    def timed_scan() -> list[Detection]:
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            return scan()
        finally:
            walls.append((time.perf_counter() - wall) * 1e3)
            cpus.append((time.thread_time() - cpu) * 1e3)

    detector.scan = timed_scan  # type: ignore[method-assign]
    watch = CaptureWatch(detector, lambda found: None, DEFAULT_INTERVAL_S)
    cpu, wall = time.process_time(), time.perf_counter()
    watch.start()
    time.sleep(seconds)
    watch.stop()
    cpu_s, wall_s = time.process_time() - cpu, time.perf_counter() - wall
    return {"seconds": round(wall_s, 2), "scans": len(walls),
            "scan_mean_ms": round(statistics.fmean(walls), 3) if walls else None,
            "scan_max_ms": round(max(walls), 3) if walls else None,
            "scan_cpu_mean_ms": round(statistics.fmean(cpus), 3) if cpus else None,
            "process_cpu_ms": round(cpu_s * 1e3, 2),
            "cpu_percent_of_one_core": round(cpu_s / wall_s * 100, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scans", type=int, default=200)
    parser.add_argument("--processes", type=int, default=250,
                        help="start idle processes until about this many run")
    parser.add_argument("--watch", type=float, default=10.0,
                        help="seconds to run a real CaptureWatch (0: skip)")
    args = parser.parse_args(argv)
    scans = max(20, args.scans)
    running = len([p for p in os.listdir("/proc") if p.isdigit()]) \
        if os.path.isdir("/proc") else len(psutil.pids())
    idle = start_idle(max(0, args.processes - running))
    try:
        detector = CaptureDetector()
        detector.scan()                                   # warm up
        ours = timed(detector.scan, scans)
        interval_ms = DEFAULT_INTERVAL_S * 1e3
        result: dict[str, Any] = {
            "backend": detector.backend,
            "processes_seen": detector.processes_seen,
            "idle_processes_started": len(idle),
            "scans": scans,
            "capture_scan": ours,
            "interval_s": DEFAULT_INTERVAL_S,
            "cpu_percent_at_interval": round(ours["cpu_mean_ms"] / interval_ms * 100, 4),
            "wall_percent_at_interval": round(ours["mean_ms"] / interval_ms * 100, 4),
            "peers": {
                "psutil_name_and_cmdline": timed(psutil_full_scan, max(10, scans // 4)),
                "ps_e_o_comm": timed(ps_comm, max(10, scans // 10)),
            },
            "found": [d.as_params() for d in detector.scan()],
        }
        if args.watch > 0:
            result["watch"] = watch_cpu_percent(args.watch)
    finally:
        for proc in idle:
            proc.kill()
        for proc in idle:
            proc.wait()
    json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
