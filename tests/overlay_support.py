"""Pixels for the overlay tests: frames as numpy arrays, a widget that paints a frame with
overlays (so the tests check what ``QWidget.grab()`` shows), point-in-polygon masks."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from console.overlay.picture_painter import DecodedFrame

Overlay = Callable[[QPainter, QRect], None]


def image_of(frame: DecodedFrame) -> QImage:
    """What a decoded frame holds, for a test to compare pixels with (the console itself
    reads it only in PicturePainter; tests/test_picture_path.py scans for that)."""
    return frame._sealed_image


def pixels(image: QImage) -> np.ndarray:
    """An image as an (height, width, 4) uint8 array, B G R A (ARGB32 in memory), copied."""
    if image.format() not in (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32,
                              QImage.Format.Format_ARGB32_Premultiplied):
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    data = np.frombuffer(image.constBits(), dtype=np.uint8)
    rows = data.reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width() * 4].reshape(image.height(), image.width(), 4).copy()


def image_from(array: np.ndarray) -> QImage:
    """An (height, width, 4) B G R A array as an RGB32 QImage owning its pixels."""
    height, width, _ = array.shape
    buffer = np.ascontiguousarray(array, dtype=np.uint8)
    return QImage(buffer.data, width, height, width * 4, QImage.Format.Format_RGB32).copy()


def gradient_frame(width: int, height: int) -> QImage:
    """Mid-tones only (64..192), so that both white text and a black outline change it."""
    x = np.linspace(64, 192, width, dtype=np.float64)
    y = np.linspace(64, 192, height, dtype=np.float64)
    array = np.zeros((height, width, 4), np.uint8)
    array[..., 0] = np.round(x[None, :]).astype(np.uint8)
    array[..., 1] = np.round(y[:, None]).astype(np.uint8)
    array[..., 2] = 128
    array[..., 3] = 255
    return image_from(array)


def noise_frame(width: int, height: int, seed: int = 7) -> QImage:
    array = np.random.default_rng(seed).integers(0, 256, (height, width, 4), dtype=np.uint8)
    array[..., 3] = 255
    return image_from(array)


class FrameWidget(QWidget):
    """Paints a frame into ``picture`` (default: the whole widget), then the overlays — as a
    video tile's paintEvent does."""

    def __init__(self, frame: QImage, overlays: list[Overlay],
                 picture: QRect | None = None) -> None:
        super().__init__()
        self.frame, self.overlays, self.picture = frame, overlays, picture
        self.resize(frame.width(), frame.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.picture or self.rect()
        painter.drawImage(rect, self.frame)
        for overlay in self.overlays:
            overlay(painter, rect)
        painter.end()

    def grabbed(self) -> QImage:
        return self.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def composed(frame: QImage, layer: QImage) -> QImage:
    """``layer`` drawn over ``frame`` (source-over), as an RGB32 image."""
    out = frame.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(out)
    painter.drawImage(0, 0, layer)
    painter.end()
    return out


def inside(polygon_px: list[tuple[float, float]], xs: np.ndarray,
           ys: np.ndarray) -> np.ndarray:
    """Even-odd point-in-polygon for arrays of points (pixel coordinates)."""
    result = np.zeros(xs.shape, dtype=bool)
    count = len(polygon_px)
    with np.errstate(divide="ignore", invalid="ignore"):
        for i in range(count):
            (x1, y1), (x2, y2) = polygon_px[i], polygon_px[(i + 1) % count]
            crosses = (y1 > ys) != (y2 > ys)
            x_at = (x2 - x1) * (ys - y1) / (y2 - y1) + x1
            result ^= crosses & (xs < x_at)
    return result


def edge_distance(polygon_px: list[tuple[float, float]], xs: np.ndarray,
                  ys: np.ndarray) -> np.ndarray:
    """Distance from each point to the nearest edge of the polygon (pixel coordinates)."""
    best = np.full(xs.shape, np.inf)
    count = len(polygon_px)
    for i in range(count):
        (x1, y1), (x2, y2) = polygon_px[i], polygon_px[(i + 1) % count]
        dx, dy = x2 - x1, y2 - y1
        length = dx * dx + dy * dy
        t = np.clip(((xs - x1) * dx + (ys - y1) * dy) / length, 0.0, 1.0) if length else 0.0
        best = np.minimum(best, np.hypot(xs - (x1 + t * dx), ys - (y1 + t * dy)))
    return best
