"""What one tile picture costs in a decoder process, split into its parts, in CPU time of
this process (steadier than a rate on a shared machine): decoding with and without
libavcodec's loop filter (``skip_loop_filter``, VLC's ``--avcodec-skiploopfilter``), and
scaling to the tile (480×270 BGRA) with each swscale interpolation against OpenCV
(``cv2.resize`` of the three planes, then ``cvtColor`` I420 → BGRA).

The clips: testsrc2 (as in live_grid) and, with ``--noisy``, the same with film grain
(``noise=alls=24:allf=t``) at the same bit rate — a hard picture for the encoder, whose
blocks the loop filter smooths: the case where skipping it could show. ``--shots DIR``
writes one tile-size picture per variant (and a 3× crop) to look at.

    .venv/bin/python benchmarks/picture_cost.py [--sizes d1,720p,1080p] [--frames 200]
                                                [--noisy] [--shots /tmp/shots-grid]
Prints JSON (load average included: the machine may be shared)."""

from __future__ import annotations

import argparse
import json
import math
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from benchmarks import _live
from console.player.pyav_backend import SCALER_THREADS, decoder_threads

TILE_W, TILE_H = 480, 270
INTERPOLATIONS = ("FAST_BILINEAR", "BILINEAR", "AREA", "POINT")


def noisy_clip(size: str, seconds: int) -> Path:
    width, height, rate = _live.SIZES[size]
    path = _live.CLIP_DIR / f"testsrc2_noise_{size}_25fps_{seconds}s_g25.mp4"
    if path.exists() and path.stat().st_size > 0:
        return path
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg is not None
    _live.CLIP_DIR.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part.mp4")
    subprocess.run(  # noqa: S603 - fixed program and arguments
        [ffmpeg, "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", f"testsrc2=size={width}x{height}:rate=25,noise=alls=24:allf=t",
         "-t", str(seconds), "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "main",
         "-pix_fmt", "yuv420p", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0",
         "-bf", "0", "-b:v", rate, "-maxrate", rate, "-bufsize", rate, "-an", str(partial)],
        check=True)
    partial.rename(path)
    return path


def decode(path: Path, frames: int, *, skip_loop_filter: bool) -> tuple[float, list[Any]]:
    """CPU seconds per decoded picture (the process's: decoder threads included)."""
    import av  # noqa: PLC0415

    kept: list[Any] = []
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        codec = stream.codec_context
        codec.thread_count = decoder_threads(codec.width, codec.height)
        if skip_loop_filter:
            codec.options = {**codec.options, "skip_loop_filter": "all"}
        start = time.process_time()
        for frame in container.decode(stream):
            kept.append(frame)
            if len(kept) >= frames:
                break
        spent = time.process_time() - start
    return spent / len(kept), kept


def scale_swscale(frames: list[Any], interpolation: str) -> tuple[float, Any]:
    from av.video.reformatter import Interpolation, VideoReformatter  # noqa: PLC0415

    reformatter = VideoReformatter()
    mode = Interpolation[interpolation]
    start = time.process_time()
    last = None
    for frame in frames:
        last = reformatter.reformat(frame, TILE_W, TILE_H, "bgra", interpolation=mode,
                                    threads=SCALER_THREADS)
    spent = time.process_time() - start
    assert last is not None
    return spent / len(frames), last.to_ndarray()


def scale_opencv(frames: list[Any], interpolation: str) -> tuple[float, Any]:
    import cv2  # noqa: PLC0415
    import numpy as np  # noqa: PLC0415

    mode = {"AREA": cv2.INTER_AREA, "LINEAR": cv2.INTER_LINEAR,
            "NEAREST": cv2.INTER_NEAREST}[interpolation]
    cv2.setNumThreads(1)
    out = np.empty((TILE_H * 3 // 2, TILE_W), np.uint8)
    flat = out.reshape(-1)
    y_size, c_size = TILE_W * TILE_H, (TILE_W // 2) * (TILE_H // 2)
    bgra = np.empty((TILE_H, TILE_W, 4), np.uint8)
    start = time.process_time()
    for frame in frames:
        planes = []
        for plane, (w, h) in zip(frame.planes, ((frame.width, frame.height),
                                                (frame.width // 2, frame.height // 2),
                                                (frame.width // 2, frame.height // 2)),
                                 strict=True):
            array = np.frombuffer(plane, np.uint8).reshape(-1, plane.line_size)[:h, :w]
            planes.append(array)
        cv2.resize(planes[0], (TILE_W, TILE_H), dst=flat[:y_size].reshape(TILE_H, TILE_W),
                   interpolation=mode)
        cv2.resize(planes[1], (TILE_W // 2, TILE_H // 2),
                   dst=flat[y_size:y_size + c_size].reshape(TILE_H // 2, TILE_W // 2),
                   interpolation=mode)
        cv2.resize(planes[2], (TILE_W // 2, TILE_H // 2),
                   dst=flat[y_size + c_size:y_size + 2 * c_size].reshape(TILE_H // 2,
                                                                          TILE_W // 2),
                   interpolation=mode)
        cv2.cvtColor(out, cv2.COLOR_YUV2BGRA_I420, dst=bgra)
    spent = time.process_time() - start
    return spent / len(frames), bgra


def tile_psnr(full: list[Any], skipped: list[Any]) -> dict[str, float]:
    """PSNR of the skipped-filter pictures against the full decode, both at tile size (the
    difference drifts through a GOP: unfiltered pictures are the next ones' references)."""
    import numpy as np  # noqa: PLC0415

    values = []
    for a, b in zip(full, skipped, strict=False):
        x = scale_swscale([a], "FAST_BILINEAR")[1][:, :, :3].astype(np.int32)
        y = scale_swscale([b], "FAST_BILINEAR")[1][:, :, :3].astype(np.int32)
        mse = float(((x - y) ** 2).mean())
        values.append(99.0 if mse == 0 else 10 * math.log10(255 ** 2 / mse))
    return {"min": round(min(values), 1), "median": round(statistics.median(values), 1)}


def save(shots: Path, name: str, bgra: Any) -> None:
    import cv2  # noqa: PLC0415

    shots.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(shots / f"{name}.png"), bgra[:, :, :3])
    crop = bgra[60:150, 140:300, :3]   # a part with text and edges, 3x
    cv2.imwrite(str(shots / f"{name}_crop3x.png"),
                cv2.resize(crop, None, fx=3, fy=3, interpolation=cv2.INTER_NEAREST))


def measure(size: str, path: Path, frames: int, shots: Path | None, tag: str,
            repeat: int) -> dict[str, Any]:
    result: dict[str, Any] = {"size": size, "clip": path.name}
    decoded: dict[bool, list[Any]] = {}
    costs: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(repeat):   # alternating, so a neighbour's burst hits both alike
        for skip in (False, True):
            cost, decoded[skip] = decode(path, frames, skip_loop_filter=skip)
            costs[skip].append(cost)
    for skip in (False, True):
        result["decode_ms" + ("_skip_loop_filter" if skip else "")] = round(
            1000 * min(costs[skip]), 3)
    full, skipped = result["decode_ms"], result["decode_ms_skip_loop_filter"]
    result["skip_loop_filter_saving_pct"] = round(100 * (full - skipped) / full, 1)
    result["skip_loop_filter_tile_psnr_db"] = tile_psnr(decoded[False], decoded[True])
    scalers: dict[str, float] = {}
    for name in INTERPOLATIONS:
        runs = []
        for _ in range(repeat):
            cost, picture = scale_swscale(decoded[False], name)
            runs.append(cost)
        scalers[f"swscale_{name}"] = round(1000 * min(runs), 3)
        if shots is not None:
            save(shots, f"{tag}{size}_swscale_{name}", picture)
    for name in ("AREA", "LINEAR", "NEAREST"):
        runs = []
        for _ in range(repeat):
            cost, picture = scale_opencv(decoded[False], name)
            runs.append(cost)
        scalers[f"opencv_{name}"] = round(1000 * min(runs), 3)
        if shots is not None:
            save(shots, f"{tag}{size}_opencv_{name}", picture)
    result["scale_to_tile_ms"] = scalers
    if shots is not None:
        for skip in (False, True):
            _cost, picture = scale_swscale(decoded[skip][-1:], "FAST_BILINEAR")
            save(shots, f"{tag}{size}_{'skip' if skip else 'full'}_loop_filter", picture)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="d1,720p,1080p")
    parser.add_argument("--frames", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per variant; the smallest CPU time counts")
    parser.add_argument("--noisy", action="store_true",
                        help="also the clips with film grain (hard for the encoder)")
    parser.add_argument("--shots", type=Path, default=None)
    args = parser.parse_args(argv)
    seconds = max(10, args.frames // 25 + 2)
    result: dict[str, Any] = {"load_avg_at_start": [round(x, 2) for x in psutil.getloadavg()],
                              "tile": f"{TILE_W}x{TILE_H}", "frames": args.frames,
                              "cpu": "process_time per picture, min of --repeat runs",
                              "runs": []}
    for size in [s for s in args.sizes.split(",") if s]:
        clips = [("", _live.make_clip(size, seconds))]
        if args.noisy:
            clips.append(("noisy_", noisy_clip(size, seconds)))
        for tag, path in clips:
            result["runs"].append(measure(size, path, args.frames, args.shots, tag,
                                          args.repeat))
            print(json.dumps(result["runs"][-1]), file=sys.stderr, flush=True)
    result["load_avg_at_end"] = [round(x, 2) for x in psutil.getloadavg()]
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
