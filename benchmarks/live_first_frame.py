"""Time to first picture of a live stream: from ``open`` to the first ``paintEvent`` of a
VideoTile (watermark on) that drew a picture. Peer in the same process, runs alternating:
bare PyAV ``av.open(url, options=…)`` with the same RTSP transport, analyse duration and
probe size as ``LiveTuning``, to the first decoded frame (research/lab.md §3c: 63–68 ms for
720p with that tuning).

The stream: a 720p25 H.264 testsrc2 clip (GOP 25, no B-frames, 10 s) served by the loopback
GStreamer RTSP server (``RtspServerProcess``, one pipeline per client, from the clip's IDR).

    .venv/bin/python benchmarks/live_first_frame.py [--runs 10] [--size 720p]
                                                    [--tile 480x270]

Prints JSON (milliseconds). Target: player median ≤ 1.1 × the peer's median.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from benchmarks import _live
from console.demo.rtsp_spec import FileMount, RtspServerProcess
from console.live.state import LiveTuning

TARGET_RATIO = 1.1


def peer_options(tuning: LiveTuning) -> dict[str, str]:
    return {"rtsp_transport": tuning.rtsp_transport,
            "analyzeduration": str(tuning.analyze_duration_ms * 1000),
            "probesize": str(tuning.probe_size)}


def peer_once(url: str, options: dict[str, str]) -> float:
    import av  # noqa: PLC0415 - timed from here on, as the player's thread does

    start = time.perf_counter()
    container = av.open(url, options=options, timeout=(5.0, 5.0))
    try:
        for _frame in container.decode(video=0):
            break
        return (time.perf_counter() - start) * 1e3
    finally:
        container.close()


def player_once(window: QWidget, url: str, index: int, width: int,
                height: int) -> dict[str, float]:
    tile = _live.CountingTile(index, _live.context(), window)
    tile.setGeometry(0, 0, width, height)
    tile.show()
    _live.spin(0.05)   # the tile's first (empty) paints are done before the clock starts
    arrived: list[float] = []
    start = time.perf_counter()
    _live.start_view(tile, url, index)
    player = tile.player
    assert player is not None
    player.frame_arrived.connect(lambda: arrived.append(time.perf_counter()))
    ok = _live.run_loop_until(lambda: tile.first_frame_at is not None, 10.0, poll_ms=1)
    result = {"ms": float("nan"), "to_frame_arrived_ms": float("nan")}
    if ok and tile.first_frame_at is not None:
        result["ms"] = (tile.first_frame_at - start) * 1e3
        if arrived:
            result["to_frame_arrived_ms"] = (arrived[0] - start) * 1e3
    tile.show_free()
    tile.hide()
    tile.deleteLater()
    _live.spin(0.15)   # deferred delete runs; the decoding thread ends and closes its socket
    return result


def summary(values: list[float]) -> dict[str, float]:
    good = [v for v in values if not math.isnan(v)]
    if not good:
        return {"median_ms": float("nan"), "p90_ms": float("nan"), "failed": len(values)}
    return {"median_ms": round(statistics.median(good), 1),
            "p90_ms": round(_live.percentile(good, 0.9), 1),
            "min_ms": round(min(good), 1), "max_ms": round(max(good), 1),
            "failed": len(values) - len(good)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--size", choices=sorted(_live.SIZES), default="720p")
    parser.add_argument("--tile", default="480x270", help="tile size WxH")
    args = parser.parse_args(argv)
    width, height = (int(v) for v in args.tile.split("x"))
    app = _live.app()
    clip = _live.make_clip(args.size, 10)
    tuning = LiveTuning()
    options = peer_options(tuning)
    window = QWidget()
    window.resize(width, height)
    window.show()
    player_runs: list[dict[str, float]] = []
    peer_ms: list[float] = []
    with RtspServerProcess([FileMount("/clip", str(clip))]) as server:
        url = server.url("/clip")
        player_once(window, url, 0, width, height)   # warm-up: imports, first open
        peer_once(url, options)
        gc.collect()
        for run in range(args.runs):
            if run % 2 == 0:
                player_runs.append(player_once(window, url, run + 1, width, height))
                peer_ms.append(peer_once(url, options))
            else:
                peer_ms.append(peer_once(url, options))
                player_runs.append(player_once(window, url, run + 1, width, height))
    window.close()
    app.processEvents()
    player = summary([r["ms"] for r in player_runs])
    arrived = summary([r["to_frame_arrived_ms"] for r in player_runs])
    peer = summary(peer_ms)
    ratio = player["median_ms"] / peer["median_ms"] if peer["median_ms"] else float("nan")
    result: dict[str, Any] = {
        "stream": f"RTSP {args.size}25 H.264 testsrc2, GOP 25, no B-frames (loopback "
                  "GStreamer server, one pipeline per client)",
        "runs": args.runs,
        "tile": f"{width}x{height}",
        "player_open_to_first_painted_frame": player,
        "player_open_to_first_frame_arrived_signal": arrived,
        "peer_pyav_open_to_first_decoded_frame": peer,
        "peer_options": options,
        "ratio_median": round(ratio, 3),
        "target_ratio": TARGET_RATIO,
        "meets_target": ratio <= TARGET_RATIO,
        "player_runs_ms": [round(r["ms"], 1) for r in player_runs],
        "peer_runs_ms": [round(v, 1) for v in peer_ms],
    }
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
