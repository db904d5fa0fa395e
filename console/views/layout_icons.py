"""Toolbar icons for the grid layouts, painted from the layout itself (no binary assets)."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap

from console.live.layouts import GridLayout

SIZE = 22
SCALE = 2


def layout_icon(spec: GridLayout) -> QIcon:
    side = SIZE * SCALE
    pixmap = QPixmap(side, side)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    cell = (side - 4) / spec.size
    painter.setPen(QPen(QColor(200, 210, 220), 1.6))
    painter.setBrush(QColor(80, 120, 160, 140))
    for c in spec.cells:
        painter.drawRect(QRectF(2 + c.col * cell + 1, 2 + c.row * cell + 1,
                                c.span * cell - 2, c.span * cell - 2))
    painter.end()
    pixmap.setDevicePixelRatio(SCALE)
    return QIcon(pixmap)
