"""A live grid under load: N RTSP streams played in a VideoGrid, watermark on every tile,
tiles of about 480×270 (research/lab.md §4: 16 × 720p25 ≈ 138–145 % of a core in the lab's
harness). Measured over a window after a warm-up: per tile the pictures decoded and the
paints that drew a new picture (/s), pictures decoded but never painted, process CPU (% of
one core, getrusage), GUI-thread CPU, RSS, and the RTSP server's CPU (another process, not
in the figures). Peer in the same run: N parallel ``ffmpeg -rtsp_transport tcp -i URL -f
null -`` over the same streams and window (their CPU summed with psutil); and, to split
the cost, the same ffmpeg also scaling to the tile size in BGRA (``-vf scale=480:270
-pix_fmt bgra``), which is the decoder-side work the player does before painting.

The streams: a testsrc2 H.264 clip (GOP 25, no B-frames; 720p 2 Mb/s, 1080p 4 Mb/s or D1
704×576 1 Mb/s, made once) served by the loopback GStreamer server, one mount per stream
and one pipeline per client, each from the clip's start.

    .venv/bin/python benchmarks/live_grid.py [--tiles 16] [--size 720p] [--seconds 15]
    .venv/bin/python benchmarks/live_grid.py --sweep [--sweep-seconds 8]
                                             [--counts 4,8,...,36] [--sizes 720p,1080p,d1]
                                             [--decoding process,thread] [--cpus 0]
    .venv/bin/python benchmarks/live_grid.py --core-ratio --sweep-seconds 6 --sizes d1 ...
    .venv/bin/python benchmarks/live_grid.py --latency --tiles 36 --size d1 --decoding process

``--decoding``: where PyAV decodes (``LiveTuning.decoding``): ``process`` (a decoder process
per stream, pictures in shared memory) and/or ``thread`` (in the console's process), swept in
the same run. The CPU figure includes the decoder processes (not the RTSP server). Every run
records the load average: the machine may be shared. ``--core-ratio``: the sweep on one CPU,
then on two (``sched_setaffinity``, as ``taskset -c``), and the ratio of the held counts.

``--sweep`` finds, per size (720p, 1080p and D1 by default, counts 4 to 36), the largest
count held at full rate (every tile ≥ 24 painted pictures/s), player only, stopping at the
first count that is not held.

``--latency`` (with ``--tiles 36 --size d1``): input latency while the tiles play — a tree
keystroke, a double-click to maximise and back, layout switches (benchmarks/_latency.py).
Prints JSON. Target: player CPU ≤ 1.5 × the peer's.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import IO, Any

import psutil

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from benchmarks import _live
from console.demo.rtsp_spec import FileMount, RtspServerProcess
from console.live.state import LiveTuning
from console.player.grid import VideoGrid
from console.player.tile import TileContext

TILE_W, TILE_H = 480, 270
FULL_RATE_FPS = 24.0
TARGET_RATIO = 1.5
GRID_MARGIN, GRID_SPACING = 2, 2


class CountingGrid(VideoGrid):
    """The desk's grid with tiles that count their painted pictures."""

    def _add_tiles(self, number: int) -> None:
        for _ in range(number):
            tile = _live.CountingTile(len(self.tiles), self.context, self,
                                      cell=self.model.cells[len(self.tiles)])
            tile.tile_dropped.connect(self.swap)
            tile.maximise_requested.connect(self.toggle_maximise)
            self.tiles.append(tile)


def square_layout(count: int) -> int:
    side = max(1, math.ceil(math.sqrt(count)))
    return side * side


def cpu_s(server_pid: int | None = None) -> float:
    """This process's CPU and its living children's (the decoder processes), not the RTSP
    server's."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    total = usage.ru_utime + usage.ru_stime
    for child in psutil.Process().children(recursive=True):
        if server_pid is not None and child.pid == server_pid:
            continue
        with contextlib.suppress(psutil.Error):
            if server_pid is not None and any(p.pid == server_pid for p in child.parents()):
                continue
            times = child.cpu_times()
            total += times.user + times.system
    return total


def proc_cpu_s(process: psutil.Process | None) -> float:
    if process is None:
        return 0.0
    try:
        times = process.cpu_times()
    except psutil.Error:
        return 0.0
    return float(times.user + times.system)


def run_latency(server: RtspServerProcess, size: str, count: int, warmup: float,
                ctx: TileContext, samples: int) -> dict[str, Any]:
    """Input latency while ``count`` tiles play (benchmarks/_latency.py)."""
    from benchmarks import _latency  # noqa: PLC0415

    layout = square_layout(count)
    side = int(math.sqrt(layout))
    grid = CountingGrid(ctx, layout)
    grid.resize(side * TILE_W + (side - 1) * GRID_SPACING + 2 * GRID_MARGIN,
                side * TILE_H + (side - 1) * GRID_SPACING + 2 * GRID_MARGIN)
    tiles = [t for t in grid.tiles if isinstance(t, _live.CountingTile)][:count]
    for index, tile in enumerate(tiles):
        _live.start_view(tile, server.url(f"/{size}_{index}"), index)
    grid.show()
    all_up = _live.run_loop_until(lambda: all(t.first_frame_at is not None for t in tiles),
                                  20.0, poll_ms=10)
    _live.spin(warmup)
    started, cpu0 = time.perf_counter(), cpu_s(server.pid)
    result: dict[str, Any] = {"decoding": ctx.tuning.decoding, "size": size, "tiles": count,
                              "all_tiles_playing": all_up,
                              "load_avg_1m_at_start": round(psutil.getloadavg()[0], 2)}
    measured = _latency.measure(grid, tiles, samples)
    window = measured.pop("window")
    measured.pop("dock")
    elapsed = time.perf_counter() - started
    result |= measured
    result["cpu_pct_while_measuring"] = round(100 * (cpu_s(server.pid) - cpu0) / elapsed, 1)
    switches: dict[str, float | None] = {}
    current = layout
    for target in (25, 36, 16, 36, 9):
        took = _latency.layout_switch(grid, target)
        switches[f"{current}->{target}"] = None if took is None else round(took, 1)
        current = target
        _live.spin(1.5)   # the new tiles' streams (none: they are empty) and the dropped go
    times = [v for v in switches.values() if v is not None]
    result["layout_switch_ms"] = switches
    result["layout_switch"] = {"max_ms": max(times) if times else None, "target_ms": 300.0,
                               "met": bool(times) and len(times) == len(switches)
                               and max(times) < 300.0}
    result["load_avg_1m_at_end"] = round(psutil.getloadavg()[0], 2)
    grid.stop_all()
    window.hide()
    window.deleteLater()
    _live.spin(0.5)
    return result


def run_player(server: RtspServerProcess, size: str, count: int, seconds: float,
               warmup: float, ctx: TileContext) -> dict[str, Any]:
    decoding = ctx.tuning.decoding
    layout = square_layout(count)
    side = int(math.sqrt(layout))
    grid = CountingGrid(ctx, layout)
    grid.resize(side * TILE_W + (side - 1) * GRID_SPACING + 2 * GRID_MARGIN,
                side * TILE_H + (side - 1) * GRID_SPACING + 2 * GRID_MARGIN)
    grid.show()
    _live.spin(0.1)
    tiles = [t for t in grid.tiles if isinstance(t, _live.CountingTile)][:count]
    opened = time.perf_counter()
    for index, tile in enumerate(tiles):
        _live.start_view(tile, server.url(f"/{size}_{index}"), index)
    all_up = _live.run_loop_until(lambda: all(t.first_frame_at is not None for t in tiles),
                                  15.0, poll_ms=10)
    last_first = max((t.first_frame_at or math.nan) for t in tiles) - opened
    _live.spin(warmup)
    server_proc = psutil.Process(server.pid) if server.pid else None
    me = psutil.Process()

    def snapshot() -> dict[str, Any]:
        return {"t": time.perf_counter(), "cpu": cpu_s(server.pid), "gui": time.thread_time(),
                "server": proc_cpu_s(server_proc),
                "decoded": [t.player.frames_received if t.player else 0 for t in tiles],
                "painted": [t.new_frames for t in tiles],
                "paints": [t.paints for t in tiles]}

    before = snapshot()
    _live.spin(seconds)
    after = snapshot()
    rss_mb = me.memory_info().rss / 2**20
    threads = _live.native_threads()
    elapsed = after["t"] - before["t"]
    decoded = [(a - b) / elapsed for a, b in zip(after["decoded"], before["decoded"],
                                                  strict=True)]
    painted = [(a - b) / elapsed for a, b in zip(after["painted"], before["painted"],
                                                  strict=True)]
    paints = [(a - b) / elapsed for a, b in zip(after["paints"], before["paints"],
                                                 strict=True)]
    lost = sum(a - b for a, b in zip(after["decoded"], before["decoded"], strict=True)) - sum(
        a - b for a, b in zip(after["painted"], before["painted"], strict=True))
    states = sorted({str(t.stream_state) for t in tiles})
    for tile in tiles:
        tile.show_free()
    grid.hide()
    grid.deleteLater()
    _live.spin(0.5)   # decoding threads end, the grid is deleted
    return {
        "decoding": decoding, "load_avg_1m": round(psutil.getloadavg()[0], 2),
        "size": size, "tiles": count, "layout": layout, "tile_size": f"{TILE_W}x{TILE_H}",
        "window_s": round(elapsed, 2), "all_tiles_playing": all_up,
        "last_first_picture_s": round(last_first, 3),
        "decoded_fps": {"min": round(min(decoded), 2), "median": round(
            statistics.median(decoded), 2), "max": round(max(decoded), 2)},
        "painted_new_fps": {"min": round(min(painted), 2), "median": round(
            statistics.median(painted), 2), "max": round(max(painted), 2)},
        "paint_events_per_s_median": round(statistics.median(paints), 2),
        "lost_pictures": lost,
        "lost_pct": round(100 * lost / max(1, sum(after["decoded"]) - sum(before["decoded"])),
                          2),
        "cpu_pct": round(100 * (after["cpu"] - before["cpu"]) / elapsed, 1),
        "gui_thread_cpu_pct": round(100 * (after["gui"] - before["gui"]) / elapsed, 1),
        "rss_mb": round(rss_mb, 1),
        "native_threads": threads,
        "server_cpu_pct": round(100 * (after["server"] - before["server"]) / elapsed, 1),
        "states_at_end": states,
        "full_rate": min(painted) >= FULL_RATE_FPS,
    }


class _Progress:
    """Reads ``ffmpeg -progress pipe:1`` and keeps the last ``frame=`` count."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.frames = 0
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream: IO[bytes]) -> None:
        for raw in stream:
            line = raw.decode("ascii", "replace").strip()
            if line.startswith("frame="):
                with contextlib.suppress(ValueError):
                    self.frames = int(line[6:])


def run_peer(server: RtspServerProcess, size: str, count: int, seconds: float,
             warmup: float, *, scaled: bool = False) -> dict[str, Any]:
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg is not None
    procs: list[subprocess.Popen[bytes]] = []
    progress: list[_Progress] = []
    scale = ["-vf", f"scale={TILE_W}:{TILE_H}", "-pix_fmt", "bgra"] if scaled else []
    for index in range(count):
        proc = subprocess.Popen(  # noqa: S603 - fixed program and arguments
            [ffmpeg, "-hide_banner", "-loglevel", "error", "-nostats", "-progress", "pipe:1",
             "-stats_period", "0.5", "-rtsp_transport", "tcp",
             "-i", server.url(f"/{size}_{index}"), "-an", *scale, "-f", "null", "-"],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert proc.stdout is not None
        procs.append(proc)
        progress.append(_Progress(proc.stdout))
    ps = [psutil.Process(p.pid) for p in procs]
    server_proc = psutil.Process(server.pid) if server.pid else None
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and not all(p.frames > 0 for p in progress):
        time.sleep(0.05)
    time.sleep(warmup)
    t0, cpu0 = time.perf_counter(), sum(proc_cpu_s(p) for p in ps)
    server0 = proc_cpu_s(server_proc)
    frames0 = [p.frames for p in progress]
    time.sleep(seconds)
    elapsed = time.perf_counter() - t0
    cpu1 = sum(proc_cpu_s(p) for p in ps)
    server1 = proc_cpu_s(server_proc)
    frames1 = [p.frames for p in progress]
    rss = 0.0
    for p in ps:
        with contextlib.suppress(psutil.Error):
            rss += p.memory_info().rss / 2**20
    for proc in procs:
        proc.terminate()
    for proc in procs:
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    fps = [(b - a) / elapsed for a, b in zip(frames0, frames1, strict=True)]
    return {
        "command": "ffmpeg -rtsp_transport tcp -i URL -an " + " ".join(scale)
                   + " -f null - (one per stream)",
        "processes": count, "window_s": round(elapsed, 2),
        "decoded_fps": {"min": round(min(fps), 2) if fps else 0.0,
                        "median": round(statistics.median(fps), 2) if fps else 0.0},
        "cpu_pct": round(100 * (cpu1 - cpu0) / elapsed, 1),
        "rss_mb_sum": round(rss, 1),
        "server_cpu_pct": round(100 * (server1 - server0) / elapsed, 1),
    }


def core_ratio(argv: list[str]) -> int:
    """The sweep with one core and with two, each run by a child on those CPUs only."""
    rest = [a for a in argv if a != "--core-ratio"]
    runs: dict[str, Any] = {}
    for cpus in ("0", "0,1"):
        out = subprocess.run(  # noqa: S603 - this script, our own arguments
            [sys.executable, str(Path(__file__).resolve()), "--sweep", "--cpus", cpus, *rest],
            check=True, stdout=subprocess.PIPE).stdout
        runs[cpus] = json.loads(out)
    one, two = runs["0"]["sweep"], runs["0,1"]["sweep"]
    ratios = {}
    for key in one:
        held1, held2 = one[key]["largest_full_rate_count"], two[key]["largest_full_rate_count"]
        ratios[key] = {"one_core": held1, "two_cores": held2,
                       "ratio": round(held2 / held1, 2) if held1 else None,
                       "load_avg_1m": [runs[c]["load_avg_at_start"][0] for c in runs]}
    json.dump({"core_ratio": ratios, "runs": runs}, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tiles", type=int, default=16)
    parser.add_argument("--size", choices=sorted(_live.SIZES), default="720p")
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--no-scaled-peer", action="store_true",
                        help="skip the second peer (ffmpeg also scaling to 480x270 BGRA)")
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--sweep-seconds", type=float, default=8.0)
    parser.add_argument("--counts", default="4,8,12,16,20,24,28,32,36")
    parser.add_argument("--sizes", default="720p,1080p,d1")
    parser.add_argument("--decoding", default="process,thread",
                        help="where PyAV decodes, one or both (LiveTuning.decoding), each "
                             "swept in the same run")
    parser.add_argument("--cpus", default="",
                        help="run on these CPUs only, e.g. 0 (sched_setaffinity, inherited "
                             "by the decoder processes and the RTSP server, as taskset -c)")
    parser.add_argument("--latency", action="store_true",
                        help="input latency while --tiles play (tree keystroke, double-click "
                             "to maximise, layout switch), instead of the rates")
    parser.add_argument("--samples", type=int, default=20,
                        help="--latency: keystrokes (a quarter as many double-clicks)")
    parser.add_argument("--core-ratio", action="store_true",
                        help="run the sweep on CPU 0 only, then on CPUs 0 and 1 (each in a "
                             "process of its own) and report the held counts and their ratio")
    args = parser.parse_args(argv)
    if args.core_ratio:
        return core_ratio(argv or sys.argv[1:])
    if args.cpus:
        os.sched_setaffinity(0, {int(c) for c in args.cpus.split(",")})
    _live.app()
    paths = [p for p in args.decoding.split(",") if p]
    if args.sweep:
        sizes = [s for s in args.sizes.split(",") if s]
        counts = sorted(int(c) for c in args.counts.split(",") if c)
        seconds, warmup = args.sweep_seconds, min(args.warmup, 2.0)
    else:
        sizes, counts = [args.size], [args.tiles]
        seconds, warmup = args.seconds, args.warmup
    clip_seconds = max(30, math.ceil(warmup + seconds + 12))
    mounts = [FileMount(f"/{size}_{i}", str(_live.make_clip(size, clip_seconds)))
              for size in sizes for i in range(max(counts))]
    result: dict[str, Any] = {"cores": psutil.cpu_count(),
                              "cpus_used": sorted(os.sched_getaffinity(0)),
                              "clip_s": clip_seconds,
                              "load_avg_at_start": [round(x, 2) for x in psutil.getloadavg()]}
    with RtspServerProcess(mounts, ready_timeout_s=20.0) as server:
        if args.latency:
            for path in paths:
                ctx = _live.context(LiveTuning(decoding=path))
                result[f"latency_{path}"] = run_latency(server, args.size, args.tiles,
                                                        warmup, ctx, args.samples)
        elif args.sweep:
            sweep: dict[str, Any] = {}
            for path in paths:
                ctx = _live.context(LiveTuning(decoding=path))
                for size in sizes:
                    runs = []
                    held = 0
                    for count in counts:
                        run = run_player(server, size, count, seconds, warmup, ctx)
                        runs.append(run)
                        print(json.dumps({k: run[k] for k in (
                            "decoding", "size", "tiles", "painted_new_fps", "decoded_fps",
                            "cpu_pct", "gui_thread_cpu_pct", "load_avg_1m", "full_rate")}),
                            file=sys.stderr, flush=True)
                        if not run["full_rate"]:
                            break
                        held = count
                    sweep[f"{path}/{size}"] = {"largest_full_rate_count": held,
                                               "runs": runs}
            result["sweep"] = sweep
            result["full_rate_rule"] = f"every tile >= {FULL_RATE_FPS:g} painted pictures/s"
        else:
            for path in paths:
                ctx = _live.context(LiveTuning(decoding=path))
                result[f"player_{path}"] = run_player(server, args.size, args.tiles, seconds,
                                                      warmup, ctx)
            player = result[f"player_{paths[0]}"]
            if not args.no_peer:
                peer = run_peer(server, args.size, args.tiles, seconds, warmup)
                result["peer"] = peer
                ratio = player["cpu_pct"] / peer["cpu_pct"] if peer["cpu_pct"] else math.nan
                result["cpu_ratio"] = round(ratio, 3)
                result["target_ratio"] = TARGET_RATIO
                result["meets_target"] = ratio <= TARGET_RATIO
                if not args.no_scaled_peer:
                    scaled = run_peer(server, args.size, args.tiles, seconds, warmup,
                                      scaled=True)
                    result["peer_scaled_to_tile"] = scaled
                    if scaled["cpu_pct"]:
                        result["cpu_ratio_to_scaled_peer"] = round(
                            player["cpu_pct"] / scaled["cpu_pct"], 3)
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
