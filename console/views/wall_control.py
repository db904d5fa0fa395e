"""Driving the video wall from the console: one output per wall screen, a dock listing them
with a live miniature each, and named presets.

Which screens are wall screens: every screen except the one the main window is on. A
terminal with a single screen gets a *test output* instead — the same grid in an ordinary
window on the desk's screen (shown when its first view opens, or with "Show window") — so
the wall can be tried and demonstrated on one monitor. Screens connected while the console
runs get an output (the test output then closes, its views registered as closed); a
disconnected screen's views are closed and registered with WALL_SCREEN_REMOVED, its window
closes, and when no wall screen is left the test output comes back.

Every view on the wall goes through the wall service, which refuses (and registers) a role
that may not drive the wall and otherwise opens it through the access service with output
``wall:<name>`` (R6, R11); closing goes through ``AccessService.close_view``. Streams are
resolved off the GUI thread as on the desk, and every tile carries the watermark of the
operator driving the wall (R8) — the miniature is a scaled rendering of the output's own
tiles, watermark included.

Recalling a preset opens each of its cameras again with the rights of the person recalling
it. Presets store no purpose (a purpose belongs to one use, R15): when cameras of the preset
need one, it is asked once for the whole recall, the grants' purposes and this session's
earlier purposes offered. Cameras refused (no grant any more, not in the catalogue, no
purpose given) are reported together when the recall is done.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Protocol

import shiboken6
from PySide6.QtCore import QObject, QPoint, QPointF, QRect, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QImage,
    QPainter,
    QPaintEvent,
    QRegion,
    QScreen,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDockWidget,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from console.access.model import CameraEntry, ViewClosed, ViewResult, ViewTicket
from console.auth.results import SessionInfo
from console.codes import Reason
from console.live.layouts import DEFAULT_LAYOUT, LAYOUTS
from console.live.state import StreamKind
from console.player.tile import VideoTile
from console.policy import Policy
from console.services import Services
from console.views.camera_dock import CameraDock
from console.views.camera_tree_model import CAMERA_MIME_TYPE, decode_codes
from console.views.layout_icons import layout_icon
from console.views.purpose_dialog import MAX_PURPOSE_LENGTH, PurposeDialog
from console.views.reason_text import describe, error_text
from console.views.tasks import TaskRunner
from console.views.tile_services import StreamFeeder, tile_context
from console.views.wall_output import TEST_PLACE_KEY, ScreenLike, WallOutputWindow
from console.wall.model import PresetInfo
from console.wall.outputs import TEST_OUTPUT, may_drive_wall, output_name, tile_at
from console.wall.placement import Rect, place_test_output
from console.wall.presets import OutputPreset, WallPreset

log = logging.getLogger(__name__)

MINIATURE_MS = 500          # the miniatures are redrawn twice a second
MINIATURE_WIDTH = 240
RECENT_PURPOSES = 10


class DeskWindow(Protocol):
    """What the wall uses of the main window."""

    @property
    def camera_dock(self) -> CameraDock: ...

    @property
    def recent_purposes(self) -> list[str]: ...

    def show_message(self, text: str) -> None: ...

    def screen(self) -> QScreen: ...


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


# -- the controller ----------------------------------------------------------------------------


@dataclass
class _Recall:
    """A preset being put on the wall: what opened, what was refused."""

    name: str
    total: int = 0
    opened: int = 0
    pending: int = 0
    submitting: bool = True
    refused: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Open:
    output: WallOutputWindow
    tile: int
    code: str
    entry: CameraEntry | None


class WallControl(QObject):
    """The wall outputs of this console and what drives them (see the module docstring)."""

    outputs_changed = Signal()

    def __init__(self, main_window: DeskWindow, services: Services, runner: TaskRunner,
                 session: SessionInfo, policy: Policy, *,
                 screens: Callable[[], Sequence[ScreenLike]] | None = None,
                 desk_screen: Callable[[], ScreenLike | None] | None = None,
                 blanked: Callable[[], str] | None = None) -> None:
        if not may_drive_wall(session.role):
            raise ValueError(f"{session.account} ({session.role}) may not drive the wall")
        super().__init__(main_window if isinstance(main_window, QObject) else None)
        self._window = main_window
        self._parent = main_window if isinstance(main_window, QWidget) else None
        self._services, self._runner, self._session = services, runner, session
        self._screens = screens or QGuiApplication.screens
        self._desk_screen = desk_screen or main_window.screen
        self.context = tile_context(services, session, policy, wall=True, blanked=blanked)
        self.streams = StreamFeeder(services, runner, session, self)
        self.outputs: list[WallOutputWindow] = []
        self.recent_purposes: list[str] = []
        self.purpose_dialog: PurposeDialog | PresetPurposeDialog | None = None
        self.name_dialog: QInputDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.recall: _Recall | None = None
        self._finished = False

        self.dock = WallDock(self._parent)
        self.dock.save_button.clicked.connect(self._on_save_clicked)
        self.dock.recall_button.clicked.connect(self._on_recall_clicked)
        self.dock.delete_button.clicked.connect(self._on_delete_clicked)

        self._miniature_timer = QTimer(self)
        self._miniature_timer.setInterval(MINIATURE_MS)
        self._miniature_timer.timeout.connect(self.refresh_miniatures)
        self._miniature_timer.start()

        app = QGuiApplication.instance()
        self._app = app if isinstance(app, QGuiApplication) else None
        if self._app is not None:
            self._app.screenAdded.connect(self.add_screen)
            self._app.screenRemoved.connect(self.remove_screen)
        for screen in self._wall_screens():
            self._add_output(screen)
        if not self.outputs:
            self._add_output(None)
        self.refresh_presets()

    # -- outputs ---------------------------------------------------------------------------------

    def output(self, name: str) -> WallOutputWindow | None:
        return next((o for o in self.outputs if o.name == name), None)

    def _wall_screens(self) -> list[ScreenLike]:
        desk = self._desk_screen()
        return [s for s in self._screens() if s is not desk]

    def _add_output(self, screen: ScreenLike | None) -> WallOutputWindow:
        taken = {o.name for o in self.outputs}
        name = TEST_OUTPUT if screen is None else output_name(
            screen.name(), screen.serialNumber(), taken)
        window = WallOutputWindow(name, self.context, screen or self._desk_screen(),
                                  count=DEFAULT_LAYOUT, parent=self._parent)
        if window.is_test:
            window.find_place = self._test_output_place
            window.settings_key = TEST_PLACE_KEY.format(account=self._session.account)
        grid = window.grid
        self.streams.attach(grid, partial(self._stands, window))
        grid.camera_dropped.connect(partial(self._on_camera_dropped, window))
        grid.close_requested.connect(partial(self._on_tile_close_requested, window))
        window.close_attempted.connect(self._on_close_attempted)
        self.outputs.append(window)
        row = self.dock.add_row(window)
        row.miniature.camera_dropped.connect(partial(self._on_camera_dropped, window))
        row.layout_combo.activated.connect(partial(self._on_layout_chosen, window))
        row.clear_button.clicked.connect(partial(self.clear_output, window))
        if row.show_button is not None:
            row.show_button.clicked.connect(partial(self._on_show_clicked, window))
        grid.layout_changed.connect(row.show_layout)
        if not window.is_test:
            window.show_output()
        row.miniature.fit()
        self.outputs_changed.emit()
        return window

    def _test_output_place(self, size: QSize, saved: QRect | None) -> QRect:
        """Where the test output hides none of the console's controls: where the operator
        left it, another screen, beside the console, or over its video area."""
        def rect(r: QRect) -> Rect:
            return Rect(r.x(), r.y(), r.width(), r.height())

        parent = self._parent
        console = rect(parent.frameGeometry()) if parent is not None else Rect(0, 0, 0, 0)
        video: Rect | None = None
        central = parent.centralWidget() if isinstance(parent, QMainWindow) else None
        if central is not None and central.isVisible():
            video = rect(QRect(central.mapToGlobal(QPoint(0, 0)), central.size()))
        screens = [rect(s.availableGeometry() if isinstance(s, QScreen) else s.geometry())
                   for s in self._screens()]
        place = place_test_output((size.width(), size.height()), console, screens,
                                  video_area=video,
                                  saved=rect(saved) if saved is not None else None)
        return QRect(place.x, place.y, place.width, place.height)

    def _retire(self, output: WallOutputWindow, reason: Reason) -> None:
        """Close ``output``'s views (registered with ``reason``) and its window."""
        self._close_all(output, reason)
        self.outputs.remove(output)
        self.dock.remove_row(output.name)
        output.close_output()
        self.outputs_changed.emit()

    @Slot(QScreen)
    def add_screen(self, screen: ScreenLike) -> None:
        """A screen was connected: it becomes a wall output (not the desk's own screen)."""
        if self._finished or screen is self._desk_screen() \
                or any(o.wall_screen is screen and not o.is_test for o in self.outputs):
            return
        test = self.output(TEST_OUTPUT)
        if test is not None:
            self._retire(test, Reason.VIEW_CLOSED)
        output = self._add_output(screen)
        self._report(self.tr("Screen {name} was connected: it is a wall output now.")
                     .format(name=output.name))

    @Slot(QScreen)
    def remove_screen(self, screen: ScreenLike) -> None:
        """A screen was disconnected: its output's views close (WALL_SCREEN_REMOVED)."""
        if self._finished:
            return
        output = next((o for o in self.outputs if o.wall_screen is screen
                       and not o.is_test), None)
        if output is None:
            return
        self._retire(output, Reason.WALL_SCREEN_REMOVED)
        if not self.outputs:
            self._add_output(None)
        self._report(self.tr("Screen {name} was disconnected; its views were closed.")
                     .format(name=output.name))

    @Slot(str)
    def _on_close_attempted(self, name: str) -> None:
        output = self.output(name)
        if output is None:
            return
        if output.is_test:       # closing the test window takes its views with it
            self._close_all(output, Reason.VIEW_CLOSED)
            output.hide()
        else:                    # a wall output stays up while the console runs
            output.show_output()

    def _on_show_clicked(self, output: WallOutputWindow) -> None:
        output.show_output()

    # -- miniatures ------------------------------------------------------------------------------

    @Slot()
    def refresh_miniatures(self) -> None:
        if self._finished or not self.dock.isVisible():
            return
        for row in self.dock.rows.values():
            row.miniature.refresh()

    # -- opening views ---------------------------------------------------------------------------

    def send_to_wall(self, entry: CameraEntry, output_name: str) -> bool:
        """Open ``entry`` on the first free tile of the output ``output_name``; False (and a
        message) when there is no such output or no free tile."""
        output = self.output(output_name)
        if output is None:
            self._report(self.tr("There is no wall output {name}.").format(name=output_name))
            return False
        tile = output.grid.free_tile()
        if tile is None:
            self._report(self.tr("Every tile of {output} shows a view; close one or drop the "
                                 "monitoring point onto its miniature.")
                         .format(output=output.label))
            return False
        self.request_open(entry, output, tile)
        return True

    def request_open(self, entry: CameraEntry, output: WallOutputWindow, tile: int, *,
                     purpose_refused: bool = False) -> None:
        """Open ``entry`` on ``tile`` of ``output``, asking the purpose first when needed."""
        if self._finished:
            return
        if entry.needs_purpose or purpose_refused:
            self._close_dialogs()
            dialog = PurposeDialog(entry, self._recent(), self._parent)
            dialog.purpose_chosen.connect(
                lambda purpose: self._open(_Open(output, tile, entry.code, entry), purpose))
            dialog.finished.connect(dialog.deleteLater)
            self.purpose_dialog = dialog
            dialog.open()
        else:
            self._open(_Open(output, tile, entry.code, entry), "")

    def _on_camera_dropped(self, output: WallOutputWindow, tile: int, code: str) -> None:
        entry = self._window.camera_dock.entry_for_code(code)
        if entry is None:
            self._report(describe(Reason.UNKNOWN_CAMERA))
            return
        self.request_open(entry, output, tile)

    def _open(self, item: _Open, purpose: str, recall: _Recall | None = None) -> None:
        if self._finished or item.output not in self.outputs:
            return
        if item.tile >= len(item.output.grid.tiles):
            return
        if item.entry is not None:
            item.output.grid.tiles[item.tile].show_opening(item.entry)
        wall, session_id = self._services.wall, self._session.session_id
        name = item.output.name
        if recall is not None:
            recall.pending += 1
        self._runner.submit(
            lambda: wall.open_view(session_id, item.code, purpose, name),
            partial(self._on_view_opened, item, purpose, recall),
            partial(self._on_view_open_failed, item, recall), owner=self)

    def _target(self, item: _Open) -> VideoTile | None:
        """The tile still waiting for ``item``'s camera, if any."""
        output, index = item.output, item.tile
        if output not in self.outputs or index >= len(output.grid.tiles):
            return None
        tile = output.grid.tiles[index]
        if item.entry is None:
            return tile if tile.pending is None else None
        return tile if tile.pending is not None and tile.pending.code == item.code else None

    def _on_view_opened(self, item: _Open, purpose: str, recall: _Recall | None,
                        result: ViewResult) -> None:
        target = None if self._finished else self._target(item)
        ticket = result.ticket
        if result.ok and ticket is not None:
            if target is None:        # cleared, replaced or gone meanwhile
                self._close_view(ticket, Reason.VIEW_CLOSED)
            else:
                previous, previous_stream = target.ticket, target.stream_kind
                target.show_view(ticket)
                if previous is not None:
                    self._close_view(previous, Reason.VIEW_CLOSED, previous_stream)
                if purpose:
                    self._remember_purpose(purpose)
                if not item.output.isVisible():
                    item.output.show_output()
                if recall is not None:
                    recall.opened += 1
            self._step_done(recall)
            return
        name = item.entry.name if item.entry is not None else item.code
        message = self.tr("{camera}: {reason}").format(
            camera=name, reason=describe(result.reason, result.details))
        self._refused(item, target, message, recall)
        if recall is None and result.reason == Reason.PURPOSE_REQUIRED \
                and item.entry is not None and not self._finished:
            self.request_open(item.entry, item.output, item.tile, purpose_refused=True)
        self._step_done(recall)

    def _on_view_open_failed(self, item: _Open, recall: _Recall | None,
                             error: BaseException) -> None:
        name = item.entry.name if item.entry is not None else item.code
        message = self.tr("{camera}: the view could not be opened. {reason}").format(
            camera=name, reason=error_text(error))
        self._refused(item, None if self._finished else self._target(item), message, recall)
        self._step_done(recall)

    def _refused(self, item: _Open, target: VideoTile | None, message: str,
                 recall: _Recall | None) -> None:
        if target is not None:
            if target.ticket is None and target.pending is None:
                target.show_free(message)
            elif recall is not None and target.ticket is not None:
                # a recalled preset replaces the wall: the old view does not stay
                ticket, stream = target.ticket, target.stream_kind
                target.show_free(message)
                self._close_view(ticket, Reason.VIEW_CLOSED, stream)
            else:
                target.cancel_opening(message)
        if recall is not None:
            recall.refused.append(message)
        else:
            self._report(message)

    def _recent(self) -> list[str]:
        merged: list[str] = []
        for purpose in (*self.recent_purposes, *self._window.recent_purposes):
            if purpose not in merged:
                merged.append(purpose)
        return merged[:RECENT_PURPOSES]

    def _stands(self, output: WallOutputWindow) -> bool:
        """The output is still on the wall (its streams may be looked up and played)."""
        return output in self.outputs and not self._finished

    def _remember_purpose(self, purpose: str) -> None:
        rest = [p for p in self.recent_purposes if p != purpose]
        self.recent_purposes = [purpose, *rest][:RECENT_PURPOSES]


    # -- closing views ---------------------------------------------------------------------------

    def _on_tile_close_requested(self, output: WallOutputWindow, index: int) -> None:
        tile = output.grid.tiles[index] if index < len(output.grid.tiles) else None
        if tile is not None and tile.ticket is not None:
            ticket, stream = tile.ticket, tile.stream_kind
            tile.show_free()
            self._close_view(ticket, Reason.VIEW_CLOSED, stream)

    def _on_layout_chosen(self, output: WallOutputWindow, combo_index: int) -> None:
        row = self.dock.rows.get(output.name)
        count = row.layout_combo.itemData(combo_index) if row is not None else None
        if isinstance(count, int):
            self.set_layout(output, count)

    def set_layout(self, output: WallOutputWindow, count: int) -> None:
        """Give ``output`` ``count`` tiles; views left without a tile close (LAYOUT_CHANGED)."""
        streams = {t.ticket.id: t.stream_kind for t in output.grid.tiles
                   if t.ticket is not None}
        for ticket in output.grid.set_layout(count):
            self._close_view(ticket, Reason.LAYOUT_CHANGED, streams.get(ticket.id))

    def clear_output(self, output: WallOutputWindow) -> None:
        """Close every view on ``output`` (and forget the ones being opened)."""
        self._close_all(output, Reason.VIEW_CLOSED)

    def _close_all(self, output: WallOutputWindow, reason: Reason | None) -> list[ViewTicket]:
        closing = [(t.ticket, t.stream_kind) for t in output.grid.tiles if t.ticket is not None]
        for tile in output.grid.tiles:
            tile.show_free()
        tickets = [ticket for ticket, _ in closing]
        if reason is None:
            return tickets
        for ticket, stream in closing:
            self._close_view(ticket, reason, stream)
        return tickets

    def _close_view(self, ticket: ViewTicket, reason: Reason,
                    stream: StreamKind | None = None) -> None:
        access, session_id = self._services.access, self._session.session_id
        self._runner.submit(partial(access.close_view, session_id, ticket, reason,
                                    stream=stream), _ignore, _log_close_failure)

    def stop_all(self, reason: Reason | None = Reason.VIEW_CLOSED) -> None:
        """Close every wall view, each registered with ``reason`` — or, with ``None`` (the
        service ended the session), with the reason the service recorded (``recheck``)."""
        tickets: list[ViewTicket] = []
        for output in self.outputs:
            tickets += self._close_all(output, reason)
        if reason is None and tickets:
            access, session_id = self._services.access, self._session.session_id
            self._runner.submit(lambda: access.recheck(session_id, tickets), _ignore,
                                _log_close_failure)

    def shutdown(self, reason: Reason | None = Reason.VIEW_CLOSED) -> None:
        """The session is over: close every view (see ``stop_all``), every wall window and
        dialog; screens connected later are left alone."""
        if self._finished:
            return
        self.stop_all(reason)
        self._finished = True
        self._miniature_timer.stop()
        self._close_dialogs()
        if self._app is not None:
            self._app.screenAdded.disconnect(self.add_screen)
            self._app.screenRemoved.disconnect(self.remove_screen)
        for output in self.outputs:
            output.close_output()
        self.outputs = []

    # -- what the permission watch needs ---------------------------------------------------------

    def tickets(self) -> list[ViewTicket]:
        """Every view open on the wall (for the permission watch's recheck)."""
        return [t for o in self.outputs for t in o.grid.tickets()]

    def tile_of_ticket(self, ticket_id: str) -> VideoTile | None:
        return next((tile for o in self.outputs
                     if (tile := o.grid.tile_of_ticket(ticket_id)) is not None), None)

    def views_closed(self, closed: Sequence[ViewClosed]) -> list[str]:
        """The service closed these views (right gone): free their wall tiles, with why.
        Returns the messages for the wall's views among them."""
        messages = []
        for item in closed:
            tile = self.tile_of_ticket(item.ticket.id)
            if tile is None:
                continue
            message = self.tr("{camera}: {reason}").format(
                camera=item.ticket.camera_name, reason=describe(item.reason, item.details))
            tile.show_free(message)
            messages.append(message)
        return messages

    # -- presets ---------------------------------------------------------------------------------

    def current_preset(self, name: str) -> WallPreset:
        """What the wall shows now, as a preset called ``name``."""
        return WallPreset(name, tuple(
            OutputPreset(o.name, o.grid.layout_spec.count,
                         tuple(t.ticket.camera_code if t.ticket is not None else None
                               for t in o.grid.tiles))
            for o in self.outputs))

    def refresh_presets(self, select: str | None = None) -> None:
        """Read the preset list again (then choose ``select`` in it)."""
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.list_presets(session_id),
                            partial(self._on_presets_listed, select), self._on_preset_failed,
                            owner=self)

    def _on_presets_listed(self, select: str | None, presets: list[PresetInfo]) -> None:
        self.dock.set_presets(presets, select)
        self._set_preset_buttons(self.recall is None)

    @Slot()
    def _on_save_clicked(self) -> None:
        self._close_dialogs()
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("wallPresetNameDialog")
        dialog.setWindowTitle(self.tr("Save wall preset"))
        dialog.setLabelText(self.tr("Name of the preset (a preset of the same name is "
                                    "replaced):"))
        dialog.setTextValue(self.dock.current_preset() or "")
        dialog.setOkButtonText(self.tr("Save"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.textValueSelected.connect(self.save_preset)
        dialog.finished.connect(dialog.deleteLater)
        self.name_dialog = dialog
        dialog.open()

    def save_preset(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        preset = self.current_preset(name)
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.save_preset(session_id, name, preset),
                            partial(self._on_preset_saved, name), self._on_preset_failed,
                            owner=self)

    def _on_preset_saved(self, name: str, replaced: bool) -> None:
        text = (self.tr("Wall preset {name} replaced.") if replaced
                else self.tr("Wall preset {name} saved."))
        self._report(text.format(name=name))
        self.refresh_presets(select=name)

    @Slot()
    def _on_delete_clicked(self) -> None:
        name = self.dock.current_preset()
        if name is None:
            return
        self._close_dialogs()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete wall preset"),
                          self.tr("Delete the wall preset {name}?").format(name=name),
                          QMessageBox.StandardButton.NoButton, self._parent)
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        delete.clicked.connect(partial(self.delete_preset, name))
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def delete_preset(self, name: str) -> None:
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.delete_preset(session_id, name),
                            partial(self._on_preset_deleted, name), self._on_preset_failed,
                            owner=self)

    def _on_preset_deleted(self, name: str, _result: object) -> None:
        self._report(self.tr("Wall preset {name} deleted.").format(name=name))
        self.refresh_presets()

    def _on_preset_failed(self, error: BaseException) -> None:
        reason = getattr(error, "reason", None)
        if isinstance(reason, Reason):
            self._report(describe(reason))
        else:
            self._report(self.tr("The wall presets cannot be read or written: {error}")
                         .format(error=str(error)[:200]))

    @Slot()
    def _on_recall_clicked(self) -> None:
        name = self.dock.current_preset()
        if name is not None:
            self.recall_preset(name)

    def recall_preset(self, name: str) -> None:
        """Put the preset ``name`` on the wall (see the module docstring)."""
        if self._finished or self.recall is not None:
            return
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.get_preset(session_id, name), self._apply_preset,
                            self._on_preset_failed, owner=self)

    def restore_views(self, outputs: Sequence[OutputPreset]) -> None:
        """Show again what the wall showed in the last session (console/views/
        session_restore.py): as a recalled preset — the centre checks each camera now and
        one purpose is asked for those that need one."""
        if outputs:
            self._apply_preset(WallPreset(self.tr("Last session"), tuple(outputs)))

    def _apply_preset(self, preset: WallPreset) -> None:
        if self._finished or self.recall is not None:
            return
        recall = _Recall(preset.name)
        todo: list[_Open] = []
        for stored, output in self._match(preset, recall):
            self.set_layout(output, stored.layout)
            for index, code in enumerate(stored.tiles):
                tile = output.grid.tiles[index]
                if code is None:
                    if tile.ticket is not None or tile.pending is not None:
                        ticket, stream = tile.ticket, tile.stream_kind
                        tile.show_free()
                        if ticket is not None:
                            self._close_view(ticket, Reason.VIEW_CLOSED, stream)
                    continue
                recall.total += 1
                if tile.ticket is not None and tile.ticket.camera_code == code:
                    recall.opened += 1          # already there
                    continue
                todo.append(_Open(output, index, code,
                                  self._window.camera_dock.entry_for_code(code)))
        self.recall = recall
        self._set_preset_buttons(False)
        asking = [item.entry for item in todo
                  if item.entry is not None and item.entry.needs_purpose]
        if not asking:
            self._open_recalled(recall, todo, "")
            return
        self._close_dialogs()
        dialog = PresetPurposeDialog(preset.name, asking, self._recent(), self._parent)
        chosen: list[str] = []
        dialog.purpose_chosen.connect(chosen.append)
        dialog.finished.connect(
            lambda _result: self._open_recalled(recall, todo, chosen[0] if chosen else None))
        dialog.finished.connect(dialog.deleteLater)
        self.purpose_dialog = dialog
        dialog.open()

    def _match(self, preset: WallPreset,
               recall: _Recall) -> list[tuple[OutputPreset, WallOutputWindow]]:
        """Stored outputs to this console's outputs: by name, then the rest in order."""
        pairs: list[tuple[OutputPreset, WallOutputWindow]] = []
        free = list(self.outputs)
        unmatched: list[OutputPreset] = []
        for stored in preset.outputs:
            output = next((o for o in free if o.name == stored.name), None)
            if output is None:
                unmatched.append(stored)
            else:
                free.remove(output)
                pairs.append((stored, output))
        for stored in unmatched:
            if free:
                pairs.append((stored, free.pop(0)))
            else:
                recall.missing.append(stored.name)
                recall.total += len(stored.cameras)
        return pairs

    def _open_recalled(self, recall: _Recall, todo: list[_Open], purpose: str | None) -> None:
        """Open the preset's cameras; ``purpose`` None: none was given, those needing one
        are not opened."""
        if self.recall is not recall:
            return
        for item in todo:
            needs = item.entry is None or item.entry.needs_purpose
            if needs and purpose is None and item.entry is not None:
                tiles = item.output.grid.tiles
                tile = tiles[item.tile] if item.output in self.outputs \
                    and item.tile < len(tiles) and tiles[item.tile].pending is None else None
                self._refused(item, tile, self.tr("{camera}: {reason}").format(
                    camera=item.entry.name, reason=describe(Reason.PURPOSE_REQUIRED)), recall)
                continue
            self._open(item, (purpose or "") if needs else "", recall)
        recall.submitting = False
        self._check_recall(recall)

    def _step_done(self, recall: _Recall | None) -> None:
        """One open of ``recall`` answered."""
        if recall is not None:
            recall.pending -= 1
            self._check_recall(recall)

    def _check_recall(self, recall: _Recall) -> None:
        """Report the recall once every open was submitted and answered."""
        if recall.submitting or recall.pending > 0 or self.recall is not recall:
            return
        self.recall = None
        self._set_preset_buttons(True)
        parts = [self.tr("Wall preset {name}: {opened} of {total} monitoring points shown.")
                 .format(name=recall.name, opened=recall.opened, total=recall.total)]
        if recall.missing:
            parts.append(self.tr("Not connected: {outputs}.").format(
                outputs=", ".join(recall.missing)))
        if recall.refused:
            parts.append(self.tr("Not shown: {cameras}").format(
                cameras=" ".join(recall.refused)))
        self._report(" ".join(parts))

    def _set_preset_buttons(self, enabled: bool) -> None:
        has = self.dock.preset_combo.count() > 0
        self.dock.save_button.setEnabled(enabled)
        self.dock.recall_button.setEnabled(enabled and has)
        self.dock.delete_button.setEnabled(enabled and has)

    # -- helpers ---------------------------------------------------------------------------------

    def _report(self, text: str) -> None:
        self.dock.show_status(text)
        if not self._finished:
            self._window.show_message(text)

    def _close_dialogs(self) -> None:
        for dialog in (self.purpose_dialog, self.name_dialog, self.confirm_box):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reject()
                dialog.deleteLater()
        self.purpose_dialog = self.name_dialog = self.confirm_box = None


def _ignore(_result: object) -> None:
    """A close registered; nothing to show."""


def _log_close_failure(error: BaseException) -> None:
    log.warning("registering the close of a wall view failed: %s", error)
