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
    for every frame of 16 tiles cost more than the pictures."""

    def __init__(self) -> None:
        self._font = QFont()
        self._small = QFont()
        self._key: tuple[object, ...] | None = None
        self._layer: QPixmap | None = None

    def paint(self, painter: QPainter, rect: QRect, spec: OsdSpec,
              base: QPixmap | None = None) -> None:
        """Draw the OSD over ``rect``; with ``base`` (the output's watermark layer, of the
        same size) the two are one cached layer and one blend per frame. The painter's
        opacity is ignored, so a dimmed picture cannot dim the watermark."""
        device = painter.device()
        ratio = device.devicePixelRatioF() if device is not None else 1.0
        key = (spec, rect.width(), rect.height(), ratio, base.cacheKey() if base else None)
        if key != self._key or self._layer is None:
            if base is not None:
                image = base.toImage().convertToFormat(
                    QImage.Format.Format_ARGB32_Premultiplied)  # a copy: base is shared
            else:
                image = QImage(round(rect.width() * ratio), round(rect.height() * ratio),
                               QImage.Format.Format_ARGB32_Premultiplied)
                image.fill(Qt.GlobalColor.transparent)
            image.setDevicePixelRatio(ratio)
            layer_painter = QPainter(image)
            try:
                self._draw(layer_painter, QRect(0, 0, rect.width(), rect.height()), spec)
            finally:
                layer_painter.end()
            self._layer, self._key = QPixmap.fromImage(image), key
        painter.save()
        painter.setOpacity(1.0)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
        painter.drawPixmap(rect.topLeft(), self._layer)
        painter.restore()

    def _draw(self, painter: QPainter, rect: QRect, spec: OsdSpec) -> None:
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
        if spec.notice:
            painter.setPen(HINT_COLOUR if spec.hint else NOTICE_COLOUR)
            middle = rect.adjusted(12, height, -12, -height)
            painter.drawText(middle, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             spec.notice)
        if spec.footer:
            painter.setFont(self._small)
            small = QFontMetrics(self._small)
            foot = QRect(rect.left(), rect.bottom() - small.height() - 3, rect.width(),
                         small.height() + 4)
            painter.fillRect(foot, BAR_COLOUR)
            painter.setPen(TEXT_COLOUR)
            painter.drawText(foot.adjusted(pad, 0, -pad, 0),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             small.elidedText(spec.footer, Qt.TextElideMode.ElideRight,
                                              foot.width() - 2 * pad))
        painter.restore()
        if spec.border:  # baked in: no pen and rectangle per painted picture
            painter.setPen(QColor(spec.border))
            painter.drawRect(rect.adjusted(0, 0, -1, -1))
