"""Drawing privacy masks (R14) over a video output: every polygon filled opaque.

The polygons are in normalised picture coordinates (console/privacy/masks.py) and are scaled
to the rectangle the picture was drawn into. The fill is solid, without antialiasing, and
grown by about one device pixel with a pen of the same colour, so that no pixel of the
picture under a mask — not even a partly covered edge pixel — shows through.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen, QPolygonF

from console.privacy.masks import Polygon

MASK_COLOUR = QColor(46, 49, 54)    # solid dark grey
EDGE_WIDTH = 2.0                    # device pixels: the mask grows by half of this


def mask_polygon(rect: QRect | QRectF, polygon: Polygon) -> QPolygonF:
    """One normalised polygon in the coordinates of ``rect``."""
    area = QRectF(rect)
    return QPolygonF([QPointF(area.x() + x * area.width(), area.y() + y * area.height())
                      for x, y in polygon])


def mask_path(rect: QRect | QRectF, polygons: Iterable[Polygon]) -> QPainterPath:
    """The union of the polygons in the coordinates of ``rect`` (winding fill: a polygon
    that crosses itself is filled whole)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.WindingFill)
    for polygon in polygons:
        path.addPolygon(mask_polygon(rect, polygon))
        path.closeSubpath()
    return path


def paint_masks(painter: QPainter, rect: QRect | QRectF, polygons: Iterable[Polygon],
                colour: QColor = MASK_COLOUR) -> None:
    """Fill every polygon opaque over ``rect`` (the rectangle the picture was drawn into).
    The painter's opacity, composition mode and antialiasing are overridden for this call;
    a translucent ``colour`` is made opaque."""
    solid = QColor(colour)
    solid.setAlpha(255)
    painter.save()
    painter.setOpacity(1.0)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    pen = QPen(solid, EDGE_WIDTH)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(QBrush(solid))
    for polygon in polygons:
        painter.drawPolygon(mask_polygon(rect, polygon), Qt.FillRule.WindingFill)
    painter.restore()
