"""Open/close leak check for a live tile (research/lab.md §6.9: a tile deleted with
``deleteLater`` but never reaching the event loop kept ≈2 MB per cycle). One cycle: a new
VideoTile in a shown window opens a view on an RTSP stream, waits for 3 pictures, closes the
view and is deleted with ``deleteLater``; the next cycle starts from the event loop (a
zero-time timer), so deferred deletes run as they do in the app.

Measured: RSS after the warm-up (cycle 25) and at the end, its growth, native and Python
threads back at their baseline, and that every closed tile and player was deleted (C++
``destroyed`` signals, and Python wrappers gone: weak references dead). Peer in the same
run: the same cycles with bare PyAV (open, decode 3 frames, close) — what the decoder alone
leaves behind.

    .venv/bin/python benchmarks/live_open_close.py [--cycles 200] [--warmup 25]

Prints JSON. Target: RSS growth from cycle 25 to the end < 5 %.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import threading
import time
import weakref
from pathlib import Path
from typing import Any

import psutil
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from benchmarks import _live
from console.demo.rtsp_spec import FileMount, RtspServerProcess
from console.live.state import LiveTuning
from console.player.player import Player
from console.player.tile import VideoTile

TARGET_GROWTH_PCT = 5.0
FRAMES_PER_CYCLE = 3


def rss_mb() -> float:
    return float(psutil.Process().memory_info().rss) / 2**20


class Cycler:
    """Runs the cycles from the main event loop (``app.exec``)."""

    def __init__(self, window: QWidget, url: str, cycles: int, warmup: int) -> None:
        self.window, self.url, self.cycles, self.warmup = window, url, cycles, warmup
        self.done = 0
        self.tiles_destroyed = 0
        self.players_destroyed = 0
        self.players_made = 0
        self.weak: list[weakref.ref[Any]] = []
        self.rss: dict[int, float] = {}
        self.threads: dict[int, int] = {}
        self.cycle_ms: list[float] = []
        self.failures = 0
        self._tile: VideoTile | None = None
        self._started = 0.0
        self._deadline = 0.0
        self._poll = QTimer()
        self._poll.setInterval(2)
        self._poll.timeout.connect(self._check)

    def start(self) -> None:
        QTimer.singleShot(0, self._open)

    def _open(self) -> None:
        tile = VideoTile(self.done, _live.context(), self.window)
        tile.setGeometry(0, 0, 480, 270)
        tile.show()
        tile.destroyed.connect(self._tile_gone)
        self._started = time.perf_counter()
        self._deadline = time.monotonic() + 10
        _live.start_view(tile, self.url, self.done)
        player = tile.player
        if player is not None:
            self.players_made += 1
            player.destroyed.connect(self._player_gone)
            self.weak.append(weakref.ref(player))
        self.weak.append(weakref.ref(tile))
        self._tile = tile
        self._poll.start()

    def _tile_gone(self) -> None:
        self.tiles_destroyed += 1

    def _player_gone(self) -> None:
        self.players_destroyed += 1

    def _check(self) -> None:
        tile = self._tile
        if tile is None:
            return
        player = tile.player
        frames = player.frames_received if player is not None else 0
        if frames < FRAMES_PER_CYCLE and time.monotonic() < self._deadline:
            return
        self._poll.stop()
        if frames < FRAMES_PER_CYCLE:
            self.failures += 1
        self.cycle_ms.append((time.perf_counter() - self._started) * 1e3)
        tile.show_free()            # closes the player, deleteLater on it
        tile.hide()
        tile.deleteLater()
        self._tile = None
        self.done += 1
        if self.done in (self.warmup, self.cycles):
            # after this cycle's deferred deletes and its decoding thread's end
            QTimer.singleShot(300, self._record)
        elif self.done < self.cycles:
            QTimer.singleShot(0, self._open)

    def _record(self) -> None:
        gc.collect()
        self.rss[self.done] = rss_mb()
        self.threads[self.done] = _live.native_threads()
        if self.done < self.cycles:
            self._open()


def thread_names() -> list[str]:
    names = []
    for task in sorted(Path("/proc/self/task").iterdir()):
        try:
            names.append((task / "comm").read_text().strip())
        except OSError:
            continue
    return names


def wait_threads(baseline: int, timeout_s: float) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and _live.native_threads() > baseline:
        _live.spin(0.05)
    return _live.native_threads()


def peer_cycles(url: str, cycles: int, warmup: int) -> dict[str, Any]:
    import av  # noqa: PLC0415

    tuning = LiveTuning()
    options = {"rtsp_transport": tuning.rtsp_transport,
               "analyzeduration": str(tuning.analyze_duration_ms * 1000),
               "probesize": str(tuning.probe_size)}
    rss: dict[int, float] = {}
    for cycle in range(1, cycles + 1):
        container = av.open(url, options=options, timeout=(5.0, 5.0))
        try:
            for index, frame in enumerate(container.decode(video=0)):
                frame.to_ndarray(width=480, height=270, format="bgra")
                if index + 1 >= FRAMES_PER_CYCLE:
                    break
        finally:
            container.close()
        if cycle in (warmup, cycles):
            gc.collect()
            rss[cycle] = rss_mb()
    return {"rss_mb_at_warmup": round(rss[warmup], 1), "rss_mb_at_end": round(rss[cycles], 1),
            "growth_pct": round(100 * (rss[cycles] - rss[warmup]) / rss[warmup], 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cycles", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=25)
    parser.add_argument("--size", choices=sorted(_live.SIZES), default="720p")
    parser.add_argument("--no-peer", action="store_true")
    args = parser.parse_args(argv)
    cycles, warmup = max(2, args.cycles), min(max(1, args.warmup), max(1, args.cycles - 1))
    app = _live.app()
    clip = _live.make_clip(args.size, 10)
    window = QWidget()
    window.resize(480, 270)
    window.show()
    _live.spin(0.1)
    threads_before = _live.native_threads()
    py_threads_before = threading.active_count()
    rss_start = rss_mb()
    result: dict[str, Any] = {"cycles": cycles, "warmup_cycle": warmup,
                              "frames_per_cycle": FRAMES_PER_CYCLE}
    with RtspServerProcess([FileMount("/clip", str(clip))]) as server:
        url = server.url("/clip")
        cycler = Cycler(window, url, cycles, warmup)
        cycler.start()
        started = time.perf_counter()
        done_timer = QTimer()
        done_timer.setInterval(20)
        done_timer.timeout.connect(lambda: app.quit() if cycles in cycler.rss else None)
        done_timer.start()
        app.exec()
        done_timer.stop()
        elapsed = time.perf_counter() - started
        threads_after = wait_threads(cycler.threads[warmup], 3.0)
        _live.spin(0.2)
        gc.collect()
        alive_wrappers = sum(1 for ref in cycler.weak if ref() is not None)
        live_objects = sum(1 for obj in gc.get_objects()
                           if isinstance(obj, VideoTile | Player))
        rss_w, rss_end = cycler.rss[warmup], cycler.rss[cycles]
        cycle_ms = sorted(cycler.cycle_ms)
        result["player"] = {
            "rss_mb_at_start": round(rss_start, 1),
            "rss_mb_at_warmup": round(rss_w, 1),
            "rss_mb_at_end": round(rss_end, 1),
            "growth_pct": round(100 * (rss_end - rss_w) / rss_w, 2),
            "growth_kb_per_cycle": round((rss_end - rss_w) * 1024 / (cycles - warmup), 1),
            "native_threads_before": threads_before,
            "native_threads_at_warmup": cycler.threads[warmup],
            "native_threads_after": threads_after,
            "native_thread_names_after": thread_names(),
            "python_threads_before": py_threads_before,
            "python_threads_after": threading.active_count(),
            "tiles_made": cycles, "tiles_destroyed": cycler.tiles_destroyed,
            "players_made": cycler.players_made,
            "players_destroyed": cycler.players_destroyed,
            "python_wrappers_alive": alive_wrappers,
            "live_tile_or_player_objects": live_objects,
            "cycles_without_3_frames": cycler.failures,
            "cycle_ms_median": round(cycle_ms[len(cycle_ms) // 2], 1),
            "elapsed_s": round(elapsed, 1),
        }
        if not args.no_peer:
            result["peer_pyav"] = peer_cycles(url, cycles, warmup)
    player = result["player"]
    result["target_growth_pct"] = TARGET_GROWTH_PCT
    result["meets_target"] = (player["growth_pct"] < TARGET_GROWTH_PCT
                              and player["tiles_destroyed"] == cycles
                              and player["players_destroyed"] == player["players_made"]
                              and player["live_tile_or_player_objects"] == 0
                              and player["native_threads_after"]
                              <= player["native_threads_at_warmup"])
    window.close()
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
