"""The wall's dock: one row per wall output (its name, a live miniature, its layout and
"clear"), the presets (save, recall, delete), and the one purpose asked for a recalled
preset's cameras (R15). The controller (console/views/wall_control.py) drives them."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import QPoint, QPointF, QSize, Qt, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QRegion,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.access.model import CameraEntry
from console.live.layouts import LAYOUTS
from console.views.camera_tree_model import CAMERA_MIME_TYPE, decode_codes
from console.views.layout_icons import layout_icon
from console.views.purpose_dialog import MAX_PURPOSE_LENGTH
from console.views.wall_output import WallOutputWindow
from console.wall.model import PresetInfo
from console.wall.outputs import tile_at

MINIATURE_WIDTH = 240

# -- the dock ----------------------------------------------------------------------------------


class WallMiniature(QWidget):
    """A live miniature of one wall output: its grid rendered small (tiles, watermark and
    all) twice a second. A monitoring point dropped on it opens on the tile under the drop
    point."""

    camera_dropped = Signal(int, str)      # tile index, camera code

    def __init__(self, output: WallOutputWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallMiniature")
        self.output = output
        self.image: QImage | None = None
        self.frames = 0                        # miniatures drawn so far
        self._drop_target = False
        self.setAcceptDrops(True)
        self.setToolTip(self.tr("Drop a monitoring point on a tile of this miniature to show "
                                "it there on the wall"))
        self.fit()

    def fit(self) -> None:
        """Take the output's proportions (a test window may have been resized)."""
        size = QSize(MINIATURE_WIDTH, max(40, round(MINIATURE_WIDTH * self.output.aspect())))
        if size != self.size() or self.minimumSize() != size:
            self.setFixedSize(size)

    def refresh(self) -> None:
        """Render the output's grid into the miniature (scaled while painting: no full-size
        copy of a wall screen is made)."""
        grid = self.output.grid
        if not shiboken6.isValid(grid) or grid.width() <= 0 or grid.height() <= 0:
            return
        self.fit()
        image = QImage(self.size(), QImage.Format.Format_RGB32)
        image.fill(QColor(8, 10, 12))
        painter = QPainter(image)
        painter.scale(image.width() / grid.width(), image.height() / grid.height())
        grid.render(painter, QPoint(), QRegion(), QWidget.RenderFlag.DrawChildren)
        painter.end()
        self.image = image
        self.frames += 1
        self.update()

    def tile_at(self, point: QPointF) -> int:
        grid = self.output.grid
        if grid.maximised is not None:
            return grid.maximised
        return tile_at(grid.layout_spec, point.x() / max(1, self.width()),
                       point.y() / max(1, self.height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self.image is not None:
            painter.drawImage(self.rect(), self.image)
        else:
            painter.fillRect(self.rect(), QColor(8, 10, 12))
        painter.setPen(QColor(64, 156, 255) if self._drop_target else QColor(44, 51, 60))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME_TYPE):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._set_drop_target(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(CAMERA_MIME_TYPE):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drop_target(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drop_target(False)
        codes = decode_codes(event.mimeData())
        if not codes:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.camera_dropped.emit(self.tile_at(event.position()), codes[0])

    def _set_drop_target(self, on: bool) -> None:
        self._drop_target = on
        self.update()


class OutputRow(QFrame):
    """One wall output in the dock: its name, miniature, layout and "clear"."""

    def __init__(self, output: WallOutputWindow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallOutputRow")
        self.output = output
        self.title = QLabel(output.label)
        self.title.setProperty("role", "heading")
        self.miniature = WallMiniature(output)
        self.layout_combo = QComboBox()
        self.layout_combo.setObjectName("wallLayoutCombo")
        self.layout_combo.setToolTip(self.tr("Layout of this wall output"))
        for count, spec in LAYOUTS.items():
            self.layout_combo.addItem(layout_icon(spec), spec.label, count)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Close every view on this wall output"))
        self.show_button: QPushButton | None = None
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        controls.addWidget(self.layout_combo)
        controls.addWidget(self.clear_button)
        if output.is_test:
            self.show_button = QPushButton(self.tr("Show window"))
            self.show_button.setToolTip(self.tr("Show the test output's window"))
            controls.addWidget(self.show_button)
        controls.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.title)
        layout.addWidget(self.miniature)
        layout.addLayout(controls)
        self.show_layout(output.grid.layout_spec.count)

    def show_layout(self, count: int) -> None:
        index = self.layout_combo.findData(count)
        if index >= 0:
            self.layout_combo.blockSignals(True)
            self.layout_combo.setCurrentIndex(index)
            self.layout_combo.blockSignals(False)


class WallDock(QDockWidget):
    """The wall in the console: the outputs with their miniatures, and the presets."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wallDock")
        self.setWindowTitle(self.tr("Video wall"))
        self.rows: dict[str, OutputRow] = {}
        body = QWidget()
        outer = QVBoxLayout(body)
        outer.setContentsMargins(6, 6, 6, 6)

        rows_widget = QWidget()
        self._rows_layout = QVBoxLayout(rows_widget)
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(rows_widget)
        outer.addWidget(scroll, 1)

        self.presets_group = QGroupBox(self.tr("Wall presets"))
        self.preset_combo = QComboBox()
        self.preset_combo.setObjectName("wallPresetCombo")
        self.preset_combo.setPlaceholderText(self.tr("No saved presets"))
        self.save_button = QPushButton(self.tr("Save…"))
        self.save_button.setToolTip(self.tr("Save what the wall shows now as a preset"))
        self.recall_button = QPushButton(self.tr("Recall"))
        self.recall_button.setToolTip(self.tr("Show the chosen preset on the wall"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        buttons = QHBoxLayout()
        for button in (self.save_button, self.recall_button, self.delete_button):
            buttons.addWidget(button)
        group_layout = QVBoxLayout(self.presets_group)
        group_layout.addWidget(self.preset_combo)
        group_layout.addLayout(buttons)
        outer.addWidget(self.presets_group)

        self.status_label = QLabel()
        self.status_label.setObjectName("wallStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setProperty("role", "hint")
        outer.addWidget(self.status_label)
        self.setWidget(body)
        self.set_presets([])

    def add_row(self, output: WallOutputWindow) -> OutputRow:
        row = OutputRow(output)
        self._rows_layout.insertWidget(self._rows_layout.count() - 1, row)
        self.rows[output.name] = row
        return row

    def remove_row(self, name: str) -> None:
        row = self.rows.pop(name, None)
        if row is not None:
            self._rows_layout.removeWidget(row)
            row.hide()
            row.deleteLater()

    def set_presets(self, presets: Sequence[PresetInfo], select: str | None = None) -> None:
        current = select or self.current_preset()
        self.preset_combo.clear()
        for info in presets:
            self.preset_combo.addItem(info.name, info.name)
            self.preset_combo.setItemData(
                self.preset_combo.count() - 1,
                self.tr("{cameras} monitoring points on {outputs} output(s); saved by "
                        "{account}").format(cameras=info.cameras, outputs=info.outputs,
                                            account=info.saved_by),
                Qt.ItemDataRole.ToolTipRole)
        index = self.preset_combo.findData(current) if current is not None else -1
        self.preset_combo.setCurrentIndex(index if index >= 0 else
                                          (0 if presets else -1))
        has = bool(presets)
        self.recall_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def current_preset(self) -> str | None:
        value = self.preset_combo.currentData()
        return value if isinstance(value, str) else None

    def show_status(self, text: str) -> None:
        self.status_label.setText(text)


class PresetPurposeDialog(QDialog):
    """One purpose for every camera of a recalled preset that needs one (R15)."""

    purpose_chosen = Signal(str)

    def __init__(self, preset: str, entries: Sequence[CameraEntry], recent: Sequence[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presetPurposeDialog")
        self.setWindowTitle(self.tr("Purpose of this wall preset"))
        self.setMinimumWidth(500)
        heading = QLabel(self.tr("Preset {name}").format(name=preset))
        heading.setProperty("role", "heading")
        explanation = QLabel(self.tr(
            "These monitoring points may be used only for an approved purpose. State the "
            "purpose of showing them on the wall; it is kept in the usage register with "
            "each view."))
        explanation.setWordWrap(True)
        explanation.setProperty("role", "hint")
        cameras = QLabel("\n".join(f"{e.name} ({e.code})" for e in entries))
        cameras.setObjectName("presetPurposeCameras")
        self.purpose_combo = QComboBox()
        self.purpose_combo.setEditable(True)
        self.purpose_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        choices: list[str] = []
        for given in (*(e.purpose for e in entries), *recent):
            text = given.strip()
            if text and text not in choices:
                choices.append(text)
        self.purpose_combo.addItems(choices)
        line = self.purpose_combo.lineEdit()
        if line is not None:
            line.setMaxLength(MAX_PURPOSE_LENGTH)
            line.returnPressed.connect(self._on_ok_clicked)
        self.purpose_combo.setCurrentText(choices[0] if choices else "")
        self.purpose_combo.editTextChanged.connect(self._on_text_changed)
        label = QLabel(self.tr("Purpose"))
        label.setBuddy(self.purpose_combo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._on_ok_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (heading, explanation, cameras, label, self.purpose_combo, self.buttons):
            layout.addWidget(widget)
        self._on_text_changed(self.purpose_combo.currentText())

    @Slot(str)
    def _on_text_changed(self, text: str) -> None:
        self.ok_button.setEnabled(bool(text.strip()))

    @Slot()
    def _on_ok_clicked(self) -> None:
        purpose = " ".join(self.purpose_combo.currentText().split())
        if purpose:
            self.purpose_chosen.emit(purpose)
            self.accept()
