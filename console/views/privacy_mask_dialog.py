"""The administrator's privacy-mask editor (R14): draw the areas of one camera's picture that
every output hides, over the live picture.

Click to add the corners of an area; double-click (or Enter) closes it. Click an area to
select it; Delete removes it. Backspace takes back the last corner, Escape drops the area
being drawn. The live picture is fetched from ``frame_source`` about five times a second; a
neutral placeholder stands in while there is none. The picture is painted as every output
paints it (``PicturePainter``): with the watermark of the person editing (R8: a photo of this
dialog traces to a session like a photo of a tile) and the saved areas filled opaque (R14);
only the selected area is shown see-through, so the administrator sees what it hides before
deleting it. The dialog only edits: after ``exec()``
``polygons()`` holds the result (the polygons it was given when cancelled), and the caller
saves them through PrivacyService, which checks the administrator's role and audits.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from console.overlay.mask_painter import mask_polygon
from console.overlay.picture_painter import DecodedFrame, PicturePainter
from console.privacy.masks import (
    MAX_POINTS,
    MAX_POLYGONS,
    MIN_POINTS,
    MaskError,
    Point,
    Polygon,
    validate_polygon,
)
from console.watermark import WatermarkSpec

FrameSource = Callable[[], DecodedFrame | None]
WatermarkSource = Callable[[], WatermarkSpec]

REFRESH_MS = 200                  # about 5 pictures a second: enough to place corners
PLACEHOLDER_ASPECT = 16 / 9
BACKGROUND = QColor(12, 14, 16)
PLACEHOLDER = QColor(58, 63, 70)
MASK_EDGE = QColor(255, 120, 120)
SELECTED_FILL = QColor(47, 128, 208, 140)
SELECTED_EDGE = QColor(120, 190, 255)
DRAWING = QColor(255, 210, 80)


class MaskCanvas(QWidget):
    """The picture with the areas over it; all editing happens here."""

    polygons_changed = Signal()
    selection_changed = Signal(int)     # index of the selected area, -1 for none
    problem_found = Signal(str)         # a problem code: "few_points", "no_area", "too_many"

    def __init__(self, polygons: Sequence[Polygon], watermark: WatermarkSource,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("maskCanvas")
        self._watermark = watermark
        self._picture_painter = PicturePainter()
        self.painted_watermark: WatermarkSpec | None = None   # what the last paint drew
        self.setMinimumSize(480, 270)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._polygons: list[Polygon] = list(polygons)
        self._points: list[Point] = []
        self._selected = -1
        self._cursor: QPointF | None = None
        self._frame: DecodedFrame | None = None
        self.placeholder_text = ""

    # -- state -------------------------------------------------------------------------------

    @property
    def polygons(self) -> tuple[Polygon, ...]:
        return tuple(self._polygons)

    @property
    def points(self) -> tuple[Point, ...]:
        """The corners of the area being drawn."""
        return tuple(self._points)

    @property
    def selected(self) -> int:
        return self._selected

    @property
    def frame(self) -> DecodedFrame | None:
        return self._frame

    def set_frame(self, frame: DecodedFrame | None) -> None:
        self._frame = frame if frame is not None and not frame.isNull() else None
        self.update()

    def picture_rect(self) -> QRectF:
        """Where the picture is drawn: as large as fits, keeping its aspect ratio."""
        frame = self._frame
        aspect = (frame.width() / frame.height() if frame is not None
                  else PLACEHOLDER_ASPECT)
        width, height = float(self.width()), float(self.height())
        if width / max(height, 1.0) > aspect:
            width = height * aspect
        else:
            height = width / aspect
        return QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)

    def to_normalised(self, position: QPointF) -> Point:
        """A widget position as picture coordinates, clamped to the picture."""
        rect = self.picture_rect()
        x = (position.x() - rect.x()) / max(rect.width(), 1.0)
        y = (position.y() - rect.y()) / max(rect.height(), 1.0)
        return min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0)

    # -- editing -----------------------------------------------------------------------------

    def add_point(self, point: Point) -> None:
        if not self._points and len(self._polygons) >= MAX_POLYGONS:
            self.problem_found.emit("too_many")
            return
        self._select(-1)
        self._points.append(point)
        if len(self._points) >= MAX_POINTS:
            self.close_polygon()
        self.update()

    def close_polygon(self) -> bool:
        """Turn the corners drawn so far into an area; False (and a problem) when they do not
        make one."""
        if not self._points:
            return True
        if len(self._points) < MIN_POINTS:
            self.problem_found.emit("few_points")
            return False
        try:
            polygon = validate_polygon(self._points, len(self._polygons) + 1)
        except MaskError:
            self.problem_found.emit("no_area")
            return False
        self._polygons.append(polygon)
        self._points.clear()
        self.update()
        self.polygons_changed.emit()
        return True

    def cancel_drawing(self) -> None:
        self._points.clear()
        self.update()

    def delete_selected(self) -> None:
        if self._selected < 0:
            return
        del self._polygons[self._selected]
        self._select(-1)
        self.update()
        self.polygons_changed.emit()

    def clear_all(self) -> None:
        self._points.clear()
        if self._polygons:
            self._polygons.clear()
            self.polygons_changed.emit()
        self._select(-1)
        self.update()

    def polygon_at(self, position: QPointF) -> int:
        """Index of the topmost area under a widget position, -1 for none."""
        rect = self.picture_rect()
        for index in range(len(self._polygons) - 1, -1, -1):
            if mask_polygon(rect, self._polygons[index]).containsPoint(
                    position, Qt.FillRule.WindingFill):
                return index
        return -1

    def _select(self, index: int) -> None:
        if index != self._selected:
            self._selected = index
            self.selection_changed.emit(index)
            self.update()

    # -- input -------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus()
        position = event.position()
        if not self._points:
            hit = self.polygon_at(position)
            if hit >= 0:
                self._select(hit)
                return
        self.add_point(self.to_normalised(position))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._points:
            super().mouseDoubleClickEvent(event)
            return
        # The press just before this event normally added this corner already; add it when
        # it did not (a double-click that arrived without its press).
        rect = self.picture_rect()
        x, y = self._points[-1]
        last = QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height())
        if (last - event.position()).manhattanLength() > 3:
            self.add_point(self.to_normalised(event.position()))
        self.close_polygon()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self._cursor = event.position()
        if self._points:
            self.update()
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.close_polygon()   # Enter never saves the dialog from here
        elif key == Qt.Key.Key_Escape and self._points:
            self.cancel_drawing()
        elif key == Qt.Key.Key_Backspace and self._points:
            self._points.pop()
            self.update()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._selected >= 0:
            self.delete_selected()
        else:
            super().keyPressEvent(event)   # Escape reaches the dialog: cancel

    # -- painting ----------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()   # an exception must not leave the widget "being painted"

    def _paint(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), BACKGROUND)
        rect = self.picture_rect()
        if self._frame is None:
            painter.fillRect(rect, PLACEHOLDER)
            painter.setPen(QColor(170, 176, 184))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.placeholder_text)
        # as every output shows it: the saved areas opaque, the watermark over the picture;
        # only the selected area is left see-through (its tint is drawn below)
        shown = [p for i, p in enumerate(self._polygons) if i != self._selected]
        spec = self._watermark()
        self._picture_painter.paint(painter, rect.toAlignedRect(), spec, self._frame,
                                    masks=shown, picture=rect)
        self.painted_watermark = spec
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for index, polygon in enumerate(self._polygons):
            selected = index == self._selected
            painter.setPen(QPen(SELECTED_EDGE if selected else MASK_EDGE, 2))
            painter.setBrush(QBrush(SELECTED_FILL) if selected else Qt.BrushStyle.NoBrush)
            painter.drawPolygon(mask_polygon(rect, polygon), Qt.FillRule.WindingFill)
        if self._points:
            corners = [QPointF(rect.x() + x * rect.width(), rect.y() + y * rect.height())
                       for x, y in self._points]
            painter.setPen(QPen(DRAWING, 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(corners)
            if self._cursor is not None:
                painter.drawLine(corners[-1], self._cursor)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(DRAWING)
            for corner in corners:
                painter.drawEllipse(corner, 4, 4)


class PrivacyMaskDialog(QDialog):
    """Edit one camera's privacy masks over its live picture. Administrators only (the
    caller offers it to them; PrivacyService refuses anyone else)."""

    def __init__(self, camera_name: str, camera_code: str, polygons: Sequence[Polygon],
                 frame_source: FrameSource, watermark: WatermarkSource,
                 parent: QWidget | None = None, *, refresh_ms: int = REFRESH_MS) -> None:
        super().__init__(parent)
        self.setObjectName("privacyMaskDialog")
        self.setWindowTitle(self.tr("Privacy masks"))
        self.camera_code = camera_code
        self._original = tuple(polygons)
        self._frame_source = frame_source

        heading = QLabel(self.tr("Privacy masks — {name} ({code})").format(
            name=camera_name, code=camera_code))
        heading.setProperty("role", "heading")
        heading.setWordWrap(True)
        hint = QLabel(self.tr(
            "Click to add the corners of an area to hide; double-click or press Enter to close "
            "it. Click an area to select it; Delete removes it. The areas are hidden in every "
            "output, for every role that is not exempt."))
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")

        self.canvas = MaskCanvas(self._original, watermark)
        self.canvas.placeholder_text = self.tr("Waiting for the picture…")
        self.canvas.polygons_changed.connect(self._on_polygons_changed)
        self.canvas.selection_changed.connect(self._on_selection_changed)
        self.canvas.problem_found.connect(self._on_problem_found)

        self.status_label = QLabel()
        self.status_label.setObjectName("maskStatus")
        self.delete_button = QPushButton(self.tr("Delete area"))
        self.delete_button.clicked.connect(self.canvas.delete_selected)
        self.clear_button = QPushButton(self.tr("Clear all"))
        self.clear_button.clicked.connect(self.canvas.clear_all)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self._on_save_clicked)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.delete_button, self.clear_button, self.save_button,
                       self.cancel_button):
            button.setAutoDefault(False)    # Enter closes an area, never the dialog

        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 16, 18, 14)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(hint)
        layout.addWidget(self.canvas, 1)
        layout.addLayout(buttons)

        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(refresh_ms)
        self.refresh_timer.timeout.connect(self.refresh_frame)
        self.refresh_frame()
        self._on_polygons_changed()
        self._on_selection_changed(-1)
        self.canvas.setFocus()

    def polygons(self) -> tuple[Polygon, ...]:
        """The saved polygons after Save; the polygons given, unchanged, otherwise."""
        if self.result() == QDialog.DialogCode.Accepted:
            return self.canvas.polygons
        return self._original

    def changed(self) -> bool:
        return self.polygons() != self._original

    @Slot()
    def refresh_frame(self) -> None:
        self.canvas.set_frame(self._frame_source())

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh_timer.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.refresh_timer.stop()
        super().hideEvent(event)

    @Slot()
    def _on_save_clicked(self) -> None:
        if self.canvas.close_polygon():    # an area being drawn is kept when it is one
            self.accept()

    @Slot()
    def _on_polygons_changed(self) -> None:
        self.status_label.setText(self.tr("Areas: {count} of at most {max}").format(
            count=len(self.canvas.polygons), max=MAX_POLYGONS))
        self.clear_button.setEnabled(bool(self.canvas.polygons))

    @Slot(int)
    def _on_selection_changed(self, index: int) -> None:
        self.delete_button.setEnabled(index >= 0)

    @Slot(str)
    def _on_problem_found(self, problem: str) -> None:
        texts = {
            "few_points": self.tr("An area needs at least {min} corners.").format(
                min=MIN_POINTS),
            "no_area": self.tr("These corners enclose no area: place them around the part "
                               "to hide."),
            "too_many": self.tr("At most {max} areas per camera.").format(max=MAX_POLYGONS),
        }
        self.status_label.setText(texts.get(problem, problem))
