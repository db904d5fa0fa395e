"""Can a phone photo of a tile be traced, and how much of the picture does the watermark hide?

For each demo camera picture (the panoramas the demo cameras show: day, dusk, night skies,
bright signs, dark streets) at three tile sizes (a 4-tile, a 16-tile and a 36-tile layout on
a 1080p desk), the tile is composed as the console paints it, then photographed the way a
phone would: a slight perspective, the optics' blur, JPEG. The tracer straightens it (turns
it back by the watermark's angle, enlarges it) and reads it with Tesseract OCR; a photo is
traced when the session code is read exactly. Compared in the same run: the look the
console had before (8 px minimum, thin outline, demi-bold, 22 % opacity) and the current one
at 22 % and at 30 % opacity.

    .venv/bin/python benchmarks/watermark_legibility.py        # prints JSON

Needs the ``tesseract`` program with its English data (Debian: ``sudo apt-get install
tesseract-ocr``); not a dependency of the console. Without it the script says so on one line
and exits 2.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter, QPolygonF, QTransform

from console.overlay.demo_panorama import render_panorama
from console.overlay.watermark_painter import (
    EARLIER_LOOK,
    LOOK,
    WatermarkLook,
    render_layer,
    stamp_layout,
)
from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec

CODES = ("32050801011328000001", "32050801011328000007", "32057104041326000002",
         "32050801001310000002", "32050801011328000013")
TILES = {"4 tiles": QSize(810, 485), "16 tiles": QSize(405, 242), "36 tiles": QSize(270, 161)}
SESSION_CODE = "QX7K2M"
IDENTITY = WatermarkIdentity("张敏", "duty01", "T-0042", "10.20.0.42", SESSION_CODE)
WHEN = datetime(2026, 11, 21, 8, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@dataclass(frozen=True)
class Variant:
    name: str
    look: WatermarkLook
    opacity_percent: int


VARIANTS = (Variant("before: 8 px, thin outline, 22 %", EARLIER_LOOK, 22),
            Variant("now: 16 px bold, halo, 22 %", LOOK, 22),
            Variant("now: 16 px bold, halo, 30 %", LOOK, 30))


def gray(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_Grayscale8)
    data = np.frombuffer(image.constBits(), np.uint8, count=image.sizeInBytes())
    return data.reshape(image.height(), image.bytesPerLine())[:, :image.width()].astype(float)


def compose(frame: QImage, size: QSize, variant: Variant) -> tuple[QImage, QImage, float]:
    spec = watermark_spec(IDENTITY, WatermarkStyle(variant.opacity_percent, 4), WHEN,
                          tz=WHEN.tzinfo)
    bare = frame.scaled(size, Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation)
    bare = bare.convertToFormat(QImage.Format.Format_RGB32)
    shown = bare.copy()
    painter = QPainter(shown)
    painter.drawImage(0, 0, render_layer(size, spec, 1.0, variant.look))
    painter.end()
    angle = stamp_layout(size, spec, variant.look).angle
    return bare, shown, angle


def phone_photo(shown: QImage, angle: float) -> QImage:
    """Perspective (the phone held a little to the side), blur, JPEG at quality 70; then
    the tracer's straightening: turned back by the watermark's angle, enlarged 2×."""
    w, h = shown.width(), shown.height()
    scale = 1.6                                   # photo pixels per screen pixel
    quad = QPolygonF([QPointF(0.04 * w, 0.02 * h), QPointF(0.97 * w, 0.07 * h),
                      QPointF(0.95 * w, 0.93 * h), QPointF(0.02 * w, 0.99 * h)])
    quad = QTransform().scale(scale, scale).map(quad)
    transform = QTransform()
    if not QTransform.quadToQuad(QPolygonF(QRectF(0, 0, w, h)), quad, transform):
        raise RuntimeError("no perspective transform")
    photo = QImage(round(w * scale), round(h * scale), QImage.Format.Format_RGB32)
    photo.fill(Qt.GlobalColor.black)
    painter = QPainter(photo)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setTransform(transform)
    painter.drawImage(0, 0, shown)
    painter.end()
    blurred = photo.scaled(photo.width() * 3 // 4, photo.height() * 3 // 4,
                           Qt.AspectRatioMode.IgnoreAspectRatio,
                           Qt.TransformationMode.SmoothTransformation).scaled(
        photo.size(), Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    blurred.save(buffer, "JPEG", 70)  # type: ignore[call-overload]
    buffer.close()
    jpeg = QImage.fromData(data)
    straight = jpeg.transformed(QTransform().rotate(-angle),
                                Qt.TransformationMode.SmoothTransformation)
    return straight.scaled(straight.width() * 2, straight.height() * 2,
                           Qt.AspectRatioMode.IgnoreAspectRatio,
                           Qt.TransformationMode.SmoothTransformation)


def ocr(image: QImage, directory: Path, tesseract: str) -> str:
    path = directory / "photo.png"
    image.convertToFormat(QImage.Format.Format_Grayscale8).save(str(path))
    result = subprocess.run([tesseract, str(path), "stdout", "--psm", "11", "-l", "eng"],  # noqa: S603
                            capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "OMP_THREAD_LIMIT": "1"})
    return result.stdout


def traced(text: str) -> bool:
    return SESSION_CODE in re.sub(r"[^A-Z0-9]", "", text.upper())


def closeness(text: str) -> float:
    """How much of the session code the best OCR word reads (difflib ratio, 0..1): partial
    reads count, as a person tracing a photo would use them."""
    words = re.sub(r"[^A-Z0-9]", " ", text.upper()).split()
    return max((difflib.SequenceMatcher(None, SESSION_CODE, w).ratio() for w in words),
               default=0.0)


def main() -> int:
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        print("watermark_legibility: needs the tesseract program (sudo apt-get install "
              "tesseract-ocr)", file=sys.stderr)
        return 2
    app = QGuiApplication.instance() or QGuiApplication(["watermark_legibility"])
    frames = [render_panorama(code, 1280, 720) for code in CODES]
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for variant in VARIANTS:
            per_tile: dict[str, float] = {}
            close: dict[str, float] = {}
            changes, covered = [], []
            for tile, size in TILES.items():
                reads, near = 0, 0.0
                for frame in frames:
                    bare, shown, angle = compose(frame, size, variant)
                    delta = np.abs(gray(shown) - gray(bare))
                    changes.append(float(delta.mean()))
                    covered.append(float((delta > 8).mean()))
                    text = ocr(phone_photo(shown, angle), Path(tmp), tesseract)
                    reads += traced(text)
                    near += closeness(text)
                per_tile[tile] = reads / len(frames)
                close[tile] = round(near / len(frames), 3)
            results[variant.name] = {
                "photos_traced": round(sum(per_tile.values()) / len(per_tile), 3),
                "photos_traced_by_tile": per_tile,
                "session_code_read_share": round(sum(close.values()) / len(close), 3),
                "session_code_read_share_by_tile": close,
                "mean_change_of_the_picture_levels": round(float(np.mean(changes)), 2),
                "share_of_pixels_changed_over_8_levels": round(float(np.mean(covered)), 3),
            }
    del app
    print(json.dumps({"benchmark": "watermark_legibility", "pictures": len(CODES),
                      "tiles": {k: [v.width(), v.height()] for k, v in TILES.items()},
                      "photo": "perspective at 1.6 photo px per screen px, blur (3/4 "
                               "resolution), JPEG 70; straightened and enlarged 2x; "
                               "Tesseract eng psm 11",
                      "results": results}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
