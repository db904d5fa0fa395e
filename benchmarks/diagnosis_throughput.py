"""Automatic video diagnosis throughput (issue 14 item 7): cameras checked per minute per
core at sub-stream size, and the share of a core the default budget takes.

One check is what the centre's job does for a camera (console/diagnosis/service.py): open
the stream, decode the first picture (PyAV, one decoding thread), measure and classify it
against the camera's baseline. The peer, measured in the same run, alternating: OpenCV's
own ``cv2.VideoCapture(source)`` + ``read()`` of the same first picture (bare decode, no
diagnosis). CPU time is the process's (``time.process_time``: every thread counted), so
"per core" is CPU seconds, whatever the decoders' threading.

The stream: a 704×576 (D1, the usual sub stream) 25 fps H.264 testsrc2 clip, GOP 25, read
from a file (``--source file``, default: CPU only, no network wait) or from the loopback
GStreamer RTSP server (``--source rtsp``: one pipeline per client, from the clip's IDR).

    .venv/bin/python benchmarks/diagnosis_throughput.py [--runs 30] [--source file|rtsp]

Prints JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from console.diagnosis.classifier import Baseline, classify, measure, updated_baseline
from console.diagnosis.grab import grab_frame
from console.policy import Policy

WIDTH, HEIGHT = 704, 576


def make_clip(directory: Path) -> Path:
    out = directory / "d1.mp4"
    command = ["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
               f"testsrc2=size={WIDTH}x{HEIGHT}:rate=25", "-t", "10", "-c:v", "libx264",
               "-preset", "ultrafast", "-crf", "28", "-bf", "0", "-g", "25",
               "-pix_fmt", "yuv420p", str(out)]
    subprocess.run(command, check=True)  # noqa: S603 - a fixed ffmpeg command line
    return out


def timed(work: Callable[[], object]) -> tuple[float, float]:
    """(CPU ms, wall ms) of ``work()``."""
    cpu, wall = time.process_time(), time.perf_counter()
    work()
    return (time.process_time() - cpu) * 1e3, (time.perf_counter() - wall) * 1e3


def summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"median": round(statistics.median(ordered), 2),
            "p90": round(ordered[int(0.9 * (len(ordered) - 1))], 2),
            "mean": round(statistics.fmean(ordered), 2)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--source", choices=["file", "rtsp"], default="file")
    args = parser.parse_args(argv)

    import cv2  # noqa: PLC0415

    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory() as tmp:
        clip = make_clip(Path(tmp))
        server: Any = None
        url = str(clip)
        if args.source == "rtsp":
            from console.demo.rtsp_spec import FileMount, RtspServerProcess  # noqa: PLC0415
            server = RtspServerProcess([FileMount("/d1", str(clip))])
            server.start()
            url = server.url("/d1")
        try:
            first = grab_frame(url)
            if first is None or first.shape != (HEIGHT, WIDTH, 3):
                raise SystemExit(f"no {WIDTH}x{HEIGHT} picture from {url}")
            baseline = Baseline()
            for _ in range(3):
                m = measure(first)
                baseline = updated_baseline(baseline, m, classify(m, baseline))

            def check() -> None:
                frame = grab_frame(url)
                assert frame is not None
                classify(measure(frame), baseline, m.thumb)

            def peer() -> None:
                capture = cv2.VideoCapture(url)
                ok, frame = capture.read()
                capture.release()
                assert ok and frame.shape == (HEIGHT, WIDTH, 3)

            def judge() -> None:
                classify(measure(first), baseline, m.thumb)

            results: dict[str, list[tuple[float, float]]] = {"check": [], "peer": [],
                                                              "classify": []}
            for warm in (check, peer, judge):                  # warm up
                warm()
            for _ in range(args.runs):
                results["check"].append(timed(check))
                results["peer"].append(timed(peer))
                results["classify"].append(timed(judge))
        finally:
            if server is not None:
                server.close()

    cpu = {k: summary([c for c, _w in v]) for k, v in results.items()}
    wall = {k: summary([w for _c, w in v]) for k, v in results.items()}
    budget = Policy().diagnosis_cameras_per_minute
    per_check_ms = cpu["check"]["median"]
    print(json.dumps({
        "source": args.source, "size": f"{WIDTH}x{HEIGHT}", "runs": args.runs,
        "cpu_ms": cpu, "wall_ms": wall,
        "cameras_per_minute_per_core": round(60_000 / per_check_ms, 1),
        "peer_cameras_per_minute_per_core": round(60_000 / cpu["peer"]["median"], 1),
        "check_cpu_vs_peer": round(per_check_ms / cpu["peer"]["median"], 3),
        "default_budget_cameras_per_minute": budget,
        "default_budget_core_share": round(budget * per_check_ms / 60_000, 4),
    }, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
