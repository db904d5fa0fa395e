"""Drawing the watermark (R8) over a video output.

The content is a ``WatermarkSpec`` computed by the core (console/watermark.py); this module
only draws it: bold white text with a dark halo (readable on bright and on dark pictures),
tiled diagonally over the whole output, at most ``spec.opacity`` opaque. Never smaller than
``MIN_PIXEL_SIZE``; one stamp is centred on its session line, and the angle (then the size,
down to the minimum) is reduced until that line fits the output whole — on the smallest
tile a layout makes, the session code can still be read (benchmarks/watermark_legibility.py
measures how well a phone photo of the screen reads).

Rotated, antialiased glyphs are expensive (the lab measured 7.3 ms per 1080p frame for text
drawn every frame against 0.6 ms for a cached layer, research/lab.md §4.3), so the tiled
layer is rendered into an ARGB32-premultiplied image only when the spec or the output size
changes — once per second, as the spec carries the time to the second — and each frame is
one ``drawPixmap``.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from typing import ClassVar

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPixmap,
    QPolygonF,
    QTransform,
)

from console.views.style import CJK_FONTS
from console.watermark import WatermarkSpec

TEXT_COLOUR = QColor(255, 255, 255)
OUTLINE_COLOUR = QColor(0, 0, 0)
GAP_X = 0.4                 # space between stamps, as a fraction of the stamp's width
GAP_Y = 0.6                 # ... and height
FIT_MARGIN = 2              # device pixels kept between the session line and the edge


@dataclass(frozen=True, slots=True)
class WatermarkLook:
    """How the text is drawn. ``LOOK`` is the console's; the benchmark compares it with the
    look it replaced (``EARLIER_LOOK``) in the same run."""

    min_pixel_size: int = 16        # smallest text, device pixels (a phone photo reads it)
    outline_width: float = 0.12     # halo thickness, as a fraction of the text's pixel size
    weight: QFont.Weight = QFont.Weight.Bold
    keep_session_whole: bool = True  # centre a stamp on the session line; fit it


LOOK = WatermarkLook()
EARLIER_LOOK = WatermarkLook(min_pixel_size=8, outline_width=0.07,
                             weight=QFont.Weight.DemiBold, keep_session_whole=False)
MIN_PIXEL_SIZE = LOOK.min_pixel_size

LayerKey = tuple[WatermarkSpec, int, int, float]


@dataclass(frozen=True, slots=True)
class StampLayout:
    """Where the watermark goes on one output: text size, angle, and the session line of
    the centred stamp (device pixels, in the output's coordinates, before clipping)."""

    pixel_size: int
    angle: float
    session_box: QPolygonF

    def session_fits(self, size: QSize) -> bool:
        box = self.session_box.boundingRect()
        return QRectF(0, 0, size.width(), size.height()).contains(box)


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


def render_layer(size: QSize, spec: WatermarkSpec, device_pixel_ratio: float = 1.0,
                 look: WatermarkLook = LOOK) -> QImage:
    """``spec`` tiled diagonally over a transparent ARGB32-premultiplied image of ``size``
    (logical pixels; the image has ``size × device_pixel_ratio`` pixels and that ratio)."""
    width = max(1, round(size.width() * device_pixel_ratio))
    height = max(1, round(size.height() * device_pixel_ratio))
    layer = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
    layer.fill(Qt.GlobalColor.transparent)
    layout = stamp_layout(QSize(width, height), spec, look)
    stamp, session_centre = _stamp(spec, layout.pixel_size, look)
    step_x = stamp.width() * (1 + GAP_X)
    step_y = stamp.height() * (1 + GAP_Y)
    radius = math.hypot(width, height) / 2 + math.hypot(stamp.width(), stamp.height())
    columns = math.ceil(radius / step_x) + 1
    rows = math.ceil(radius / step_y) + 1
    painter = QPainter(layer)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setOpacity(spec.opacity)
    painter.translate(width / 2, height / 2)
    painter.rotate(layout.angle)
    # the centre stamp's session line (or, in the earlier look, the stamp) on the centre
    centre = session_centre if look.keep_session_whole else \
        QPointF(stamp.width() / 2, stamp.height() / 2)
    corner = QPointF(-centre.x(), -centre.y())
    for row in range(-rows, rows + 1):
        shift = step_x / 2 if row % 2 else 0.0      # brick pattern: no empty diagonals
        for column in range(-columns, columns + 1):
            painter.drawImage(corner + QPointF(column * step_x + shift, row * step_y), stamp)
    painter.end()
    layer.setDevicePixelRatio(device_pixel_ratio)
    return layer


def stamp_layout(size: QSize, spec: WatermarkSpec, look: WatermarkLook = LOOK) -> StampLayout:
    """The text size and angle for an output of ``size`` device pixels: ``spec``'s size and
    angle when the centred session line fits whole; otherwise a smaller angle (down to
    level), then a smaller text (down to ``look.min_pixel_size``)."""
    preferred = text_pixel_size(size, spec, look)
    angles = [spec.angle * f for f in (1.0, 2 / 3, 1 / 3, 0.0)] \
        if look.keep_session_whole else [spec.angle]
    pixel_sizes = range(preferred, look.min_pixel_size - 1, -1) \
        if look.keep_session_whole else [preferred]
    layout = StampLayout(preferred, spec.angle, QPolygonF())
    for pixel_size in pixel_sizes:
        for angle in angles:
            layout = StampLayout(pixel_size, angle, _session_box(size, spec, pixel_size,
                                                                 angle, look))
            box = layout.session_box.boundingRect()
            if box.width() <= size.width() - 2 * FIT_MARGIN \
                    and box.height() <= size.height() - 2 * FIT_MARGIN:
                return layout
    return layout          # too small an output for the minimum: the smallest, level


def _session_box(size: QSize, spec: WatermarkSpec, pixel_size: int, angle: float,
                 look: WatermarkLook) -> QPolygonF:
    metrics = QFontMetricsF(watermark_font(pixel_size, look))
    halo = max(1.0, pixel_size * look.outline_width)
    line = spec.lines[-1]
    if look.keep_session_whole:
        w = metrics.horizontalAdvance(line) + 2 * halo
        h = metrics.height() + 2 * halo
        local = QRectF(-w / 2, -h / 2, w, h)
    else:  # the stamp is centred: the session line is its last line
        widths = [metrics.horizontalAdvance(text) for text in spec.lines]
        block_h = metrics.lineSpacing() * (len(spec.lines) - 1) + metrics.height()
        top = -block_h / 2 + metrics.lineSpacing() * (len(spec.lines) - 1)
        local = QRectF(-widths[-1] / 2 - halo, top - halo, widths[-1] + 2 * halo,
                       metrics.height() + 2 * halo)
    turn = QTransform().translate(size.width() / 2, size.height() / 2).rotate(angle)
    return turn.map(QPolygonF(local))


def text_pixel_size(size: QSize, spec: WatermarkSpec, look: WatermarkLook = LOOK) -> int:
    """The text height for an output of ``size`` device pixels: ``spec.size_percent`` of
    its shorter side, never below the look's minimum."""
    return max(look.min_pixel_size, round(min(size.width(), size.height())
                                          * spec.size_percent / 100))


def watermark_font(pixel_size: int, look: WatermarkLook = LOOK) -> QFont:
    """The application's font family with a CJK fallback, at ``pixel_size``, bold."""
    font = QFont(QGuiApplication.font())
    font.setFamilies([*CJK_FONTS, *font.families()])
    font.setPixelSize(pixel_size)
    font.setWeight(look.weight)
    return font


def _stamp(spec: WatermarkSpec, pixel_size: int, look: WatermarkLook) -> tuple[QImage, QPointF]:
    """The text block once, upright, with its halo: the tile that ``render_layer`` repeats,
    and the centre of its session line (the last). The halo is the text drawn in the
    outline colour at sixteen offsets around each glyph — as legible as a stroked path and
    about ten times cheaper."""
    font = watermark_font(pixel_size, look)
    metrics = QFontMetricsF(font)
    radius = max(1.0, pixel_size * look.outline_width)
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
    # the text in the outline colour, drawn once and stamped at each offset: above 64 px Qt
    # draws glyphs as paths, not from its glyph cache, and 32 drawText passes cost ~200 ms
    # for a 4K output's stamp (once a second); an image blit costs the same at any size
    outline = QImage(stamp.size(), QImage.Format.Format_ARGB32_Premultiplied)
    outline.fill(Qt.GlobalColor.transparent)
    painter = QPainter(outline)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    painter.setPen(OUTLINE_COLOUR)
    for origin, line in zip(origins, spec.lines, strict=True):
        painter.drawText(origin, line)
    painter.end()
    painter = QPainter(stamp)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    painter.setFont(font)
    steps = 16 if look.outline_width >= 0.1 else 8
    for ring in (radius, radius / 2) if radius >= 2 else (radius,):
        for step in range(steps):
            angle = step * 2 * math.pi / steps
            painter.drawImage(QPointF(math.cos(angle) * ring, math.sin(angle) * ring), outline)
    painter.setPen(TEXT_COLOUR)
    for origin, line in zip(origins, spec.lines, strict=True):
        painter.drawText(origin, line)
    painter.end()
    last = len(spec.lines) - 1
    session_centre = QPointF(pad + block_width / 2,
                             pad + last * metrics.lineSpacing() + metrics.height() / 2)
    return stamp, session_centre
