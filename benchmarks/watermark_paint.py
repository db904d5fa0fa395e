"""What the watermark and privacy masks cost per frame (R8, R14): a frame drawn into a raster
image, then masks and the watermark as a video tile paints them. Peers in the same run: the
frame alone, and the watermark text rendered every frame (no cache) — what the cache saves
(research/lab.md §4.3 measured 0.6 ms cached against 7.3 ms text per 1080p frame).

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/watermark_paint.py [--frames 200]

Prints JSON (microseconds per frame, and the time to render one layer). Not a timed test.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from console.overlay.mask_painter import paint_masks
from console.overlay.watermark_painter import WatermarkPainter, render_layer
from console.views.style import apply_theme
from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec

SIZES = ((480, 270), (960, 540), (1920, 1080), (3840, 2160))   # 4K: a wall screen
MASKS = (((0.1, 0.1), (0.4, 0.1), (0.4, 0.3)), ((0.6, 0.6), (0.9, 0.6), (0.9, 0.9), (0.6, 0.9)))
IDENTITY = WatermarkIdentity("张三", "zhangsan", "T-0042", "10.20.0.42", "K7Q2ZD")


def per_frame_us(frames: int, target: QImage, frame: QImage,
                 overlay: Callable[[QPainter, int], None]) -> float:
    start = time.perf_counter()
    for index in range(frames):
        painter = QPainter(target)
        painter.drawImage(target.rect(), frame)
        overlay(painter, index)
        painter.end()
    return (time.perf_counter() - start) / frames * 1e6


def measure(width: int, height: int, frames: int) -> dict[str, Any]:
    frame = QImage(width, height, QImage.Format.Format_RGB32)
    frame.fill(QColor(90, 110, 130))
    target = QImage(width, height, QImage.Format.Format_RGB32)
    style = WatermarkStyle(22, 4)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    # 25 fps: the spec (its time) changes every 25th frame, as it does live
    specs = [watermark_spec(IDENTITY, style, start + timedelta(seconds=i // 25))
             for i in range(frames)]
    cached = WatermarkPainter()

    def with_cache(painter: QPainter, index: int) -> None:
        paint_masks(painter, target.rect(), MASKS)
        cached.paint(painter, target.rect(), specs[index])

    def without_cache(painter: QPainter, index: int) -> None:
        paint_masks(painter, target.rect(), MASKS)
        painter.drawImage(0, 0, render_layer(QSize(width, height), specs[index]))

    layer_start = time.perf_counter()
    for index in range(5):
        render_layer(QSize(width, height), specs[index * 25 % frames])
    layer_ms = (time.perf_counter() - layer_start) / 5 * 1e3
    return {
        "size": f"{width}x{height}",
        "frame_only_us": round(per_frame_us(frames, target, frame, lambda p, i: None), 1),
        "masks_and_cached_watermark_us": round(per_frame_us(frames, target, frame,
                                                            with_cache), 1),
        "masks_and_watermark_rendered_every_frame_us": round(
            per_frame_us(frames, target, frame, without_cache), 1),
        "layer_renders_in_cached_run": cached.renders,
        "one_layer_render_ms": round(layer_ms, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=200)
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication([])
    if isinstance(app, QApplication):
        apply_theme(app)
    results = [measure(width, height, max(25, args.frames)) for width, height in SIZES]
    json.dump({"frames": max(25, args.frames), "results": results}, sys.stdout, indent=2,
              ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
