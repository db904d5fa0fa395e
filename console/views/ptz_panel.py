"""The PTZ panel (云台控制) docked beside the video: take or release control of the selected
tile's camera, eight directions and zoom that move while pressed and stop when released,
speed, and the camera's presets. What the panel shows comes from ``PtzDesk``; every right
is checked again by the service when control is taken."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from console.ptz.driver import Preset
from console.views.ptz_desk import PtzDesk

_ARROWS = {"up_left": "↖", "up": "↑", "up_right": "↗", "left": "←", "right": "→",
           "down_left": "↙", "down": "↓", "down_right": "↘"}
_CELLS = {"up_left": (0, 0), "up": (0, 1), "up_right": (0, 2), "left": (1, 0),
          "right": (1, 2), "down_left": (2, 0), "down": (2, 1), "down_right": (2, 2)}


class PtzPanel(QWidget):
    take_requested = Signal()      # the selected tile's camera

    def __init__(self, desk: PtzDesk, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ptzPanel")
        self.desk = desk
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMaximumWidth(320)  # the video keeps the room
        layout = QVBoxLayout(self)
        self.camera_label = QLabel(self)
        self.camera_label.setObjectName("ptzCamera")
        self.camera_label.setWordWrap(True)
        self.state_label = QLabel(self)
        self.state_label.setObjectName("ptzState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.camera_label)
        layout.addWidget(self.state_label)
        self.take_button = QPushButton(self)
        self.take_button.setObjectName("ptzTake")
        self.take_button.clicked.connect(self._on_take_clicked)
        layout.addWidget(self.take_button)

        pad = QGridLayout()
        self.direction_buttons: dict[str, QToolButton] = {}
        for name, (row, column) in _CELLS.items():
            button = self._hold_button(_ARROWS[name], f"ptz_{name}",
                                       partial(desk.press, name))
            pad.addWidget(button, row, column)
            self.direction_buttons[name] = button
        self.stop_button = QToolButton(self)
        self.stop_button.setObjectName("ptz_stop")
        self.stop_button.setText("■")
        self.stop_button.setToolTip(self.tr("Stop"))
        self.stop_button.clicked.connect(desk.stop_move)
        pad.addWidget(self.stop_button, 1, 1)
        layout.addLayout(pad)

        zoom = QHBoxLayout()
        self.zoom_in = self._hold_button("+", "ptz_zoom_in", partial(desk.zoom, 1))
        self.zoom_in.setToolTip(self.tr("Zoom in (hold)"))
        self.zoom_out = self._hold_button("−", "ptz_zoom_out", partial(desk.zoom, -1))
        self.zoom_out.setToolTip(self.tr("Zoom out (hold)"))
        zoom.addWidget(QLabel(self.tr("Zoom"), self))
        zoom.addWidget(self.zoom_out)
        zoom.addWidget(self.zoom_in)
        layout.addLayout(zoom)

        speed = QHBoxLayout()
        speed.addWidget(QLabel(self.tr("Speed"), self))
        self.speed_slider = QSlider(Qt.Orientation.Horizontal, self)
        self.speed_slider.setObjectName("ptzSpeed")
        self.speed_slider.setRange(1, 10)
        self.speed_slider.setValue(round(desk.speed * 10))
        self.speed_slider.valueChanged.connect(lambda v: desk.set_speed(v / 10))
        speed.addWidget(self.speed_slider)
        layout.addLayout(speed)

        layout.addWidget(QLabel(self.tr("Presets (double-click to go)"), self))
        self.preset_list = QListWidget(self)
        self.preset_list.setObjectName("ptzPresets")
        self.preset_list.itemActivated.connect(self._on_preset_activated)
        layout.addWidget(self.preset_list, 1)
        self.help_label = QLabel(self.tr(
            "On the video: press and hold to move towards the pointer, wheel to zoom; "
            "arrow keys and +/− while the video or this panel has focus. Releasing control, "
            "closing the view or {seconds} s without a command sends the camera back to "
            "its home position.").format(seconds=desk.idle_seconds), self)
        self.help_label.setWordWrap(True)
        self.help_label.setObjectName("ptzHelp")
        layout.addWidget(self.help_label)

        desk.state_changed.connect(self.refresh)
        desk.presets_changed.connect(self._on_presets)
        self.selected_code: str | None = None
        self.selected_name = ""
        self.selected_steerable = False
        self.refresh()

    def _hold_button(self, text: str, name: str,
                     on_press: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setMinimumSize(36, 36)
        button.pressed.connect(on_press)
        button.released.connect(self.desk.stop_move)
        return button

    def set_selection(self, code: str | None, name: str, steerable: bool) -> None:
        """The tile the operator selected: the camera the Take button would steer."""
        self.selected_code, self.selected_name = code, name
        self.selected_steerable = steerable
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        desk = self.desk
        steering = desk.control is not None
        if steering and desk.ticket is not None:
            self.camera_label.setText(self.tr("Steering: {name}").format(
                name=desk.ticket.camera_name))
            self.state_label.setText(self.tr("You control this camera.") if desk.ready
                                     else self.tr("Connecting to the camera…"))
            self.take_button.setText(self.tr("Release control"))
            self.take_button.setToolTip(self.tr("Ends your control: the camera returns to its "
                                                "home position."))
            self.take_button.setEnabled(True)
        elif desk.pending is not None:
            self.camera_label.setText(self.tr("Taking control…"))
            self.state_label.setText("")
            self.take_button.setEnabled(False)
        else:
            self.camera_label.setText(self.selected_name or self.tr("No camera selected"))
            self.state_label.setText(
                "" if self.selected_code is None else
                self.tr("Not steerable, or no PTZ right on this camera.")
                if not self.selected_steerable else self.tr("Not controlled by you."))
            self.take_button.setText(self.tr("Take PTZ control"))
            self.take_button.setToolTip("")
            self.take_button.setEnabled(self.selected_steerable)
        active = steering and desk.ready
        for button in (*self.direction_buttons.values(), self.stop_button, self.zoom_in,
                       self.zoom_out):
            button.setEnabled(active)
        self.preset_list.setEnabled(active)

    def _on_take_clicked(self) -> None:
        if self.desk.control is not None:
            self.desk.release()
        else:
            self.take_requested.emit()

    @Slot(list)
    def _on_presets(self, presets: list[Preset]) -> None:
        self.preset_list.clear()
        for preset in presets:
            item = QListWidgetItem(f"{preset.name or preset.token}  ({preset.token})")
            item.setData(Qt.ItemDataRole.UserRole, preset)
            self.preset_list.addItem(item)

    def _on_preset_activated(self, item: QListWidgetItem) -> None:
        preset = item.data(Qt.ItemDataRole.UserRole)
        if isinstance(preset, Preset):
            self.desk.goto_preset(preset)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.desk.key_event(event):
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if not self.desk.key_event(event):
            super().keyReleaseEvent(event)


class PtzDock(QDockWidget):
    def __init__(self, panel: PtzPanel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ptzDock")
        self.setWindowTitle(self.tr("PTZ control"))
        self.setWidget(panel)
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
