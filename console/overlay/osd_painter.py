"""The on-screen display of a video tile: camera name, stream state and a clock along the top,
a notice in the middle when there is no live picture. The tile computes what it says
(``OsdSpec``); this painter only draws it."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPixmap

# State colours: the badge's background.
BADGE_COLOURS = {
    "playing": QColor(46, 125, 50, 220),
    "connecting": QColor(21, 101, 192, 220),
    "reconnecting": QColor(230, 126, 34, 230),
    "stalled": QColor(198, 40, 40, 235),
    "offline": QColor(97, 97, 97, 235),
    "no_permission": QColor(136, 14, 79, 235),
    "ended": QColor(97, 97, 97, 235),
    "idle": QColor(60, 60, 60, 200),
}
BAR_COLOUR = QColor(0, 0, 0, 140)
TEXT_COLOUR = QColor(240, 240, 240)
NOTICE_COLOUR = QColor(255, 204, 128)
HINT_COLOUR = QColor(93, 103, 115)


@dataclass(frozen=True, slots=True)
class OsdSpec:
    title: str                 # the camera's name ("" for a free tile)
    state: str                 # StreamState value: picks the badge colour
    state_text: str            # the state in the operator's language
    clock: str                 # HH:MM:SS
    notice: str = ""           # shown in the middle (why there is no live picture)
    footer: str = ""           # small line at the bottom (purpose, until)
    hint: bool = False         # the notice is a hint (free tile), not a warning
    border: int = 0            # the tile's frame colour as 0xRRGGBB (0: no frame)


class OsdPainter:
    """Draws from a cached layer: the OSD changes once a second (the clock) or with the
    stream state, while the picture under it changes 25 times a second; laying out its text
    for every frame of 16 tiles cost more than the pictures.

    Only the parts of the layer the OSD painted (the bars, the frame, a notice) are blended
    each frame. The watermark under it is the layer the outputs of one size share
    (``base``): one image warm in the cache for a whole grid, where one copy per tile with
    the OSD baked in was 16 images read from memory per round of pictures (measured on a
    16 × 720p grid: the shared layer alone cost ~3 % of a core less than the per-tile
    copies)."""

    def __init__(self) -> None:
        self._font = QFont()
        self._small = QFont()
        self._key: tuple[object, ...] | None = None
        self._layer: QPixmap | None = None
        self._parts: list[tuple[QRect, QRect]] = []   # (target, source in the layer)

    def paint(self, painter: QPainter, rect: QRect, spec: OsdSpec,
              base: QPixmap | None = None) -> None:
        """Draw the OSD over ``rect``, over ``base`` (the output's watermark layer, of the
        same size) when given. The painter's opacity is ignored, so a dimmed picture cannot
        dim the watermark."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        key = (spec, rect.x(), rect.y(), rect.width(), rect.height(), ratio)
        layer = self._layer
        if key != self._key or layer is None:
            layer = self._render(rect, spec, ratio)
            self._key = key
        painter.save()
        painter.setOpacity(1.0)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        if base is not None:
            painter.drawPixmap(rect.x(), rect.y(), base)
        for target, source in self._parts:
            painter.drawPixmap(target, layer, source)
        painter.restore()

    def _render(self, rect: QRect, spec: OsdSpec, ratio: float) -> QPixmap:
        image = QImage(max(1, round(rect.width() * ratio)), max(1, round(rect.height() * ratio)),
                       QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        image.setDevicePixelRatio(ratio)
        local = QRect(0, 0, rect.width(), rect.height())
        layer_painter = QPainter(image)
        try:
            painted = self._draw(layer_painter, local, spec)
        finally:
            layer_painter.end()
        self._layer = QPixmap.fromImage(image)
        self._parts = [(part.translated(rect.topLeft()),
                        QRect(round(part.x() * ratio), round(part.y() * ratio),
                              round(part.width() * ratio), round(part.height() * ratio)))
                       for part in painted if not part.isEmpty()]
        return self._layer

    def _draw(self, painter: QPainter, rect: QRect, spec: OsdSpec) -> list[QRect]:
        """Draw the OSD; returns the strips it painted on (everything else is clear)."""
        height = max(16, min(28, rect.height() // 12))
        self._font.setPixelSize(max(10, height - 8))
        self._small.setPixelSize(max(9, height - 10))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        painter.setFont(self._font)
        metrics = QFontMetrics(self._font)
        bar = QRect(rect.left(), rect.top(), rect.width(), height)
        painter.fillRect(bar, BAR_COLOUR)
        pad = 6
        clock_width = metrics.horizontalAdvance(spec.clock) + 2 * pad
        badge_width = metrics.horizontalAdvance(spec.state_text) + 2 * pad if spec.state_text \
            else 0
        # the close button sits over the right end of the bar: leave it room
        right_reserved = height + 2
        clock_rect = QRect(bar.right() - right_reserved - clock_width, bar.top(), clock_width,
                           height)
        badge_rect = QRect(clock_rect.left() - badge_width - pad, bar.top() + 2, badge_width,
                           height - 4)
        title_rect = QRect(bar.left() + pad, bar.top(), max(0, badge_rect.left() - pad * 2),
                           height)
        painter.setPen(TEXT_COLOUR)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                         metrics.elidedText(spec.title, Qt.TextElideMode.ElideRight,
                                            title_rect.width()))
        if badge_width:
            painter.fillRect(badge_rect, BADGE_COLOURS.get(spec.state, BADGE_COLOURS["idle"]))
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, spec.state_text)
        painter.drawText(clock_rect, Qt.AlignmentFlag.AlignCenter, spec.clock)
        parts = [bar]
        bottom = QRect(rect.left(), rect.bottom(), rect.width(), 1)  # the frame's bottom
        if spec.notice:
            painter.setPen(HINT_COLOUR if spec.hint else NOTICE_COLOUR)
            middle = rect.adjusted(12, height, -12, -height)
            parts.append(middle)
            painter.drawText(middle, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             spec.notice)
        if spec.footer:
            painter.setFont(self._small)
            small = QFontMetrics(self._small)
            foot = QRect(rect.left(), rect.bottom() - small.height() - 3, rect.width(),
                         small.height() + 4)
            painter.fillRect(foot, BAR_COLOUR)
            bottom = foot
            painter.setPen(TEXT_COLOUR)
            painter.drawText(foot.adjusted(pad, 0, -pad, 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             small.elidedText(spec.footer, Qt.TextElideMode.ElideRight,
                                              foot.width() - 2 * pad))
        painter.restore()
        if spec.border:  # baked in: no pen and rectangle per painted picture
            painter.setPen(QColor(spec.border))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
            side = rect.height() - bar.height() - bottom.height()
            parts += [QRect(rect.left(), bar.bottom() + 1, 1, side),
                      QRect(rect.right(), bar.bottom() + 1, 1, side)]
        if spec.border or spec.footer:
            parts.append(bottom)
        return parts
