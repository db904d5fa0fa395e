"""Small icons drawn with QPainter (no binary assets) and the words that go with them:
cameras (fixed or dome, online or offline), the group kinds of the camera tree, and the four
rights (live view, PTZ, playback, download). Each picture is painted once and cached."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from console.access.model import CameraEntry
from console.catalog.tree import NodeKind
from console.codes import Right
from console.grants.rules import Rights
from console.views import style
from console.views.reason_text import QT_TRANSLATE_NOOP, local_time_text

_CONTEXT = "RightText"
SCALE = 2            # painted at twice the size: sharp on high-density screens too
ICON = 16            # camera and group icons, logical pixels
GLYPH = 14           # one right in the rights strip
GAP = 3

RIGHT_ORDER = (Right.LIVE, Right.PTZ, Right.PLAYBACK, Right.DOWNLOAD)
RIGHT_NAMES: dict[Right, str] = {
    Right.LIVE: QT_TRANSLATE_NOOP("RightText", "Live view"),
    Right.PTZ: QT_TRANSLATE_NOOP("RightText", "PTZ control"),
    Right.PLAYBACK: QT_TRANSLATE_NOOP("RightText", "Playback"),
    Right.DOWNLOAD: QT_TRANSLATE_NOOP("RightText", "Download"),
}
_UNTIL = QT_TRANSLATE_NOOP("RightText", "{right} until {until}")
_NO_END = QT_TRANSLATE_NOOP("RightText", "{right} (no end)")

_pixmaps: dict[tuple[object, ...], QPixmap] = {}
_icons: dict[tuple[object, ...], QIcon] = {}


def _tr(source: str) -> str:
    return QCoreApplication.translate(_CONTEXT, source)


def right_name(right: Right) -> str:
    return _tr(RIGHT_NAMES[right])


def right_lines(entry: CameraEntry) -> list[str]:
    """One line per right held: "PTZ control until 2026-01-01 12:00" or "Live view (no end)"."""
    lines = []
    for right in RIGHT_ORDER:
        if not entry.has(right):
            continue
        until: datetime | None = entry.until.get(right)
        lines.append(_tr(_UNTIL).format(right=right_name(right), until=local_time_text(until))
                     if until is not None else _tr(_NO_END).format(right=right_name(right)))
    return lines


# -- painting ------------------------------------------------------------------------------------

def _canvas(width: int, height: int) -> tuple[QPixmap, QPainter]:
    pixmap = QPixmap(width * SCALE, height * SCALE)
    pixmap.setDevicePixelRatio(SCALE)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    return pixmap, painter


def _pen(colour: str, width: float = 1.4) -> QPen:
    pen = QPen(QColor(colour), width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def camera_pixmap(*, online: bool, dome: bool) -> QPixmap:
    key = ("camera", online, dome)
    if key in _pixmaps:
        return _pixmaps[key]
    colour = style.ONLINE if online else style.OFFLINE
    pixmap, p = _canvas(ICON, ICON)
    p.setPen(_pen(colour))
    p.setBrush(QBrush(QColor(colour)))
    if dome:  # a ceiling plate and a half-sphere hanging from it, lens in the middle
        p.drawRoundedRect(QRectF(2, 3, 12, 2.2), 1, 1)
        dome_path = QPainterPath(QPointF(3.5, 6))
        dome_path.arcTo(QRectF(3.5, 0.5, 9, 11.5), 180, 180)
        dome_path.closeSubpath()
        p.drawPath(dome_path)
        p.setBrush(QBrush(QColor(style.BASE)))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QPointF(8, 9), 1.6, 1.6)
    else:     # a bullet camera on its wall bracket
        p.drawRoundedRect(QRectF(2, 3.5, 10, 5.5), 1.2, 1.2)
        p.drawPolygon(QPolygonF([QPointF(12, 4.5), QPointF(14.5, 3.5), QPointF(14.5, 9),
                                 QPointF(12, 8)]))
        p.setBrush(Qt.BrushStyle.NoBrush)
        p.drawLine(QPointF(6, 9), QPointF(6, 12.5))
        p.drawLine(QPointF(3, 13), QPointF(9, 13))
    if not online:  # a small cross: offline is told by shape too, not by colour alone
        p.setPen(_pen(style.ERROR, 1.3))
        p.drawLine(QPointF(11, 11), QPointF(15, 15))
        p.drawLine(QPointF(15, 11), QPointF(11, 15))
    p.end()
    _pixmaps[key] = pixmap
    return pixmap


def camera_icon(*, online: bool, dome: bool) -> QIcon:
    key = ("camera", online, dome)
    if key not in _icons:
        _icons[key] = QIcon(camera_pixmap(online=online, dome=dome))
    return _icons[key]


def group_icon(kind: NodeKind) -> QIcon:
    key = ("group", kind)
    if key in _icons:
        return _icons[key]
    pixmap, p = _canvas(ICON, ICON)
    p.setPen(_pen(style.MUTED, 1.3))
    if kind == NodeKind.REGION:      # a map pin
        pin = QPainterPath(QPointF(8, 15))
        pin.cubicTo(QPointF(3, 9), QPointF(3, 2), QPointF(8, 2))
        pin.cubicTo(QPointF(13, 2), QPointF(13, 9), QPointF(8, 15))
        p.drawPath(pin)
        p.drawEllipse(QPointF(8, 6.5), 1.8, 1.8)
    elif kind == NodeKind.UNIT:      # a building with windows
        p.drawRect(QRectF(3, 3, 10, 11))
        for x in (5.5, 8, 10.5):
            for y in (5.5, 8):
                p.drawPoint(QPointF(x, y))
        p.drawLine(QPointF(7, 14), QPointF(7, 11))
        p.drawLine(QPointF(9, 14), QPointF(9, 11))
    else:                            # a tag
        tag = QPolygonF([QPointF(2, 3), QPointF(9, 3), QPointF(14, 8), QPointF(9, 13),
                         QPointF(2, 13)])
        p.drawPolygon(tag)
        p.drawEllipse(QPointF(5, 8), 1.2, 1.2)
    p.end()
    icon = _icons[key] = QIcon(pixmap)
    return icon


def _draw_right(p: QPainter, right: Right, x: float, colour: str) -> None:
    p.setPen(_pen(colour))
    p.setBrush(Qt.BrushStyle.NoBrush)
    c = QPointF(x + GLYPH / 2, GLYPH / 2)
    if right == Right.LIVE:          # an eye
        eye = QPainterPath(QPointF(x + 1, c.y()))
        eye.quadTo(QPointF(c.x(), c.y() - 7), QPointF(x + GLYPH - 1, c.y()))
        eye.quadTo(QPointF(c.x(), c.y() + 7), QPointF(x + 1, c.y()))
        p.drawPath(eye)
        p.setBrush(QBrush(QColor(colour)))
        p.drawEllipse(c, 1.8, 1.8)
    elif right == Right.PTZ:         # four arrowheads round a centre
        p.setBrush(QBrush(QColor(colour)))
        p.drawEllipse(c, 1.5, 1.5)
        for dx, dy in ((0, -1), (1, 0), (0, 1), (-1, 0)):
            tip = QPointF(c.x() + dx * 6, c.y() + dy * 6)
            base = QPointF(c.x() + dx * 3.5, c.y() + dy * 3.5)
            side = QPointF(dy * 2.2, dx * 2.2)
            p.drawPolygon(QPolygonF([tip, base + side, base - side]))
    elif right == Right.PLAYBACK:    # an anticlockwise arrow round a clock hand
        p.drawArc(QRectF(x + 1.5, 1.5, GLYPH - 3, GLYPH - 3), 100 * 16, 290 * 16)
        p.drawLine(c, QPointF(c.x(), c.y() - 3))
        p.drawLine(c, QPointF(c.x() + 2.5, c.y() + 1))
        p.setBrush(QBrush(QColor(colour)))
        p.drawPolygon(QPolygonF([QPointF(x + 1, 2.5), QPointF(x + 5.5, 1.5),
                                 QPointF(x + 3.5, 5.5)]))
    else:                            # a downward arrow onto a tray
        p.drawLine(QPointF(c.x(), 1.5), QPointF(c.x(), 9))
        p.drawPolyline(QPolygonF([QPointF(c.x() - 3.5, 5.5), QPointF(c.x(), 9),
                                  QPointF(c.x() + 3.5, 5.5)]))
        p.drawPolyline(QPolygonF([QPointF(x + 2, 10), QPointF(x + 2, 12.5),
                                  QPointF(x + GLYPH - 2, 12.5), QPointF(x + GLYPH - 2, 10)]))


RIGHT_STRIP_WIDTH = len(RIGHT_ORDER) * GLYPH + (len(RIGHT_ORDER) - 1) * GAP


def rights_pixmap(rights: Rights) -> QPixmap:
    """The four rights side by side, always in the same place: held ones in colour, the
    others as faint outlines (so columns line up down the tree)."""
    key = ("rights", int(rights))
    if key in _pixmaps:
        return _pixmaps[key]
    pixmap, p = _canvas(RIGHT_STRIP_WIDTH, GLYPH)
    for n, right in enumerate(RIGHT_ORDER):
        held = Rights.of(right) in rights
        _draw_right(p, right, n * (GLYPH + GAP),
                    style.RIGHT_COLOURS[right.value] if held else style.BORDER)
    p.end()
    _pixmaps[key] = pixmap
    return pixmap


def right_pixmap(right: Right) -> QPixmap:
    """One right on its own (legend, details panel)."""
    key = ("right", right)
    if key in _pixmaps:
        return _pixmaps[key]
    pixmap, p = _canvas(GLYPH, GLYPH)
    _draw_right(p, right, 0, style.RIGHT_COLOURS[right.value])
    p.end()
    _pixmaps[key] = pixmap
    return pixmap
