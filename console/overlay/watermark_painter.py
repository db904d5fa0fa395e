"""Drawing the watermark (R8) over a video output.

The content is a ``WatermarkSpec`` computed by the core (console/watermark.py); this module
only draws it: white text with a dark outline (readable on bright and on dark pictures),
tiled diagonally over the whole output, at most ``spec.opacity`` opaque.

Rotated, antialiased glyphs are expensive (the lab measured 7.3 ms per 1080p frame for text
drawn every frame against 0.6 ms for a cached layer, research/lab.md §4.3), so the tiled
layer is rendered into an ARGB32-premultiplied image only when the spec or the output size
changes — once per second, as the spec carries the time to the second — and each frame is
one ``drawPixmap``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from typing import ClassVar

from PySide6.QtCore import QPointF, QRect, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPixmap,
)

from console.views.style import CJK_FONTS
from console.watermark import WatermarkSpec

TEXT_COLOUR = QColor(255, 255, 255)
OUTLINE_COLOUR = QColor(0, 0, 0)
MIN_PIXEL_SIZE = 8          # smallest legible text, device pixels
OUTLINE_WIDTH = 0.07        # outline thickness, as a fraction of the text's pixel size
GAP_X = 0.4                 # space between stamps, as a fraction of the stamp's width
GAP_Y = 0.6                 # ... and height

LayerKey = tuple[WatermarkSpec, int, int, float]


SHARED_LAYERS = 16          # layers kept for all painters (a grid's tiles share a size)


class WatermarkPainter:
    """Paints a spec over a rectangle, from a cached layer. One painter per output (tile,
    full screen, wall output); the layers are shared by all painters of the process, so the
    16 equal tiles of a grid render the new second's layer once, not 16 times (measured:
    16 renders of ~16 ms at each second boundary cost a quarter of the pictures)."""

    _shared: ClassVar[OrderedDict[LayerKey, QPixmap]] = OrderedDict()

    def __init__(self) -> None:
        self._key: LayerKey | None = None
        self._pixmap: QPixmap | None = None
        self.renders = 0      # how often this painter rendered a layer (tests, benchmarks)

    def layer(self, rect: QRect, spec: WatermarkSpec, ratio: float) -> QPixmap:
        """The cached layer of ``spec`` for an output of ``rect``'s size, shared by every
        output of that size (read only: an output draws its own overlays after it)."""
        key: LayerKey = (spec, rect.width(), rect.height(), ratio)
        if key != self._key or self._pixmap is None:
            self._pixmap = self._layer(key, rect.size(), spec, ratio)
            self._key = key
        return self._pixmap

    def paint(self, painter: QPainter, rect: QRect, spec: WatermarkSpec) -> None:
        """Draw ``spec`` over ``rect``. The painter's own opacity is ignored (set to 1 for
        this call), so a caller that dims the picture cannot dim the watermark away."""
        if rect.isEmpty():
            return
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        layer = self.layer(rect, spec, ratio)
        painter.save()
        painter.setOpacity(1.0)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.drawPixmap(rect.topLeft(), layer)
        painter.restore()

    def _layer(self, key: LayerKey, size: QSize, spec: WatermarkSpec,
               ratio: float) -> QPixmap:
        shared = WatermarkPainter._shared
        pixmap = shared.get(key)
        if pixmap is None:
            pixmap = QPixmap.fromImage(render_layer(size, spec, ratio))
            self.renders += 1
            shared[key] = pixmap
            while len(shared) > SHARED_LAYERS:
                shared.popitem(last=False)
        else:
            shared.move_to_end(key)
        return pixmap

    @staticmethod
    def render_layer(size: QSize, spec: WatermarkSpec,
                     device_pixel_ratio: float = 1.0) -> QImage:
        """The watermark layer alone, as ``paint`` caches it."""
        return render_layer(size, spec, device_pixel_ratio)


def render_layer(size: QSize, spec: WatermarkSpec, device_pixel_ratio: float = 1.0) -> QImage:
    """``spec`` tiled diagonally over a transparent ARGB32-premultiplied image of ``size``
    (logical pixels; the image has ``size × device_pixel_ratio`` pixels and that ratio)."""
    width = max(1, round(size.width() * device_pixel_ratio))
    height = max(1, round(size.height() * device_pixel_ratio))
    layer = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    layer.fill(Qt.GlobalColor.transparent)
    stamp = _stamp(spec, text_pixel_size(QSize(width, height), spec))
    step_x = stamp.width() * (1 + GAP_X)
    step_y = stamp.height() * (1 + GAP_Y)
    radius = math.hypot(width, height) / 2
    columns = math.ceil(radius / step_x) + 1
    rows = math.ceil(radius / step_y) + 1
    painter = QPainter(layer)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setOpacity(spec.opacity)
    painter.translate(width / 2, height / 2)
    painter.rotate(spec.angle)
    corner = QPointF(-stamp.width() / 2, -stamp.height() / 2)
    for row in range(-rows, rows + 1):
        shift = step_x / 2 if row % 2 else 0.0      # brick pattern: no empty diagonals
        for column in range(-columns, columns + 1):
            painter.drawImage(corner + QPointF(column * step_x + shift, row * step_y), stamp)
    painter.end()
    layer.setDevicePixelRatio(device_pixel_ratio)
    return layer


def text_pixel_size(size: QSize, spec: WatermarkSpec) -> int:
    """The text height for an output of ``size`` device pixels: ``spec.size_percent`` of
    its shorter side, never below ``MIN_PIXEL_SIZE``."""
    return max(MIN_PIXEL_SIZE, round(min(size.width(), size.height()) * spec.size_percent
                                     / 100))


def watermark_font(pixel_size: int) -> QFont:
    """The application's font family with a CJK fallback, at ``pixel_size``."""
    font = QFont(QGuiApplication.font())
    font.setFamilies([*CJK_FONTS, *font.families()])
    font.setPixelSize(pixel_size)
    font.setWeight(QFont.Weight.DemiBold)
    return font


def _stamp(spec: WatermarkSpec, pixel_size: int) -> QImage:
    """The text block once, upright, outlined: the tile that ``render_layer`` repeats. The
    outline is the text drawn in the outline colour at eight offsets around each glyph —
    as legible as a stroked path and about ten times cheaper."""
    font = watermark_font(pixel_size)
    metrics = QFontMetricsF(font)
    radius = max(1.0, pixel_size * OUTLINE_WIDTH)
    widths = [metrics.horizontalAdvance(line) for line in spec.lines]
    block_width = max(widths)
    block_height = metrics.lineSpacing() * (len(spec.lines) - 1) + metrics.height()
    pad = math.ceil(radius) + 1
    stamp = QImage(math.ceil(block_width) + 2 * pad, math.ceil(block_height) + 2 * pad,
                   QImage.Format.Format_ARGB32_Premultiplied)
    stamp.fill(Qt.GlobalColor.transparent)
    origins = [QPointF(pad + (block_width - width) / 2,
                       pad + metrics.ascent() + index * metrics.lineSpacing())
               for index, width in enumerate(widths)]
    painter = QPainter(stamp)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(OUTLINE_COLOUR)
    for step in range(8):
        angle = step * math.pi / 4
        offset = QPointF(math.cos(angle) * radius, math.sin(angle) * radius)
        for origin, line in zip(origins, spec.lines, strict=True):
            painter.drawText(origin + offset, line)
    painter.setPen(TEXT_COLOUR)
    for origin, line in zip(origins, spec.lines, strict=True):
        painter.drawText(origin, line)
    painter.end()
    return stamp
