"""PTZ on the desk (R6, R7, R10): the control itself (console/views/ptz_desk.py), the dock
that follows the selected tile's camera — so a dome just opened is one click from
control — and the tile menu's "PTZ control" / "Release PTZ control"."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QMainWindow, QMenu

from console.access.model import ViewTicket
from console.auth.results import SessionInfo
from console.codes import Right
from console.player.grid import VideoGrid
from console.player.tile import VideoTile
from console.policy import Policy
from console.services import Services
from console.views.camera_dock import CameraDock
from console.views.ptz_desk import PtzDesk
from console.views.ptz_panel import PtzDock, PtzPanel
from console.views.tasks import TaskRunner


class DeskPtz(QObject):
    def __init__(self, window: QMainWindow, services: Services, runner: TaskRunner,
                 session: SessionInfo, policy: Policy, grid: VideoGrid,
                 camera_dock: CameraDock) -> None:
        super().__init__(window)
        self._grid, self._camera_dock = grid, camera_dock
        self.ptz = PtzDesk(services.ptz, runner, session, policy, parent=window)
        self.ptz.watch_grid(grid)
        self.panel = PtzPanel(self.ptz)
        self.panel.take_requested.connect(self._on_take_requested)
        self.dock = PtzDock(self.panel, window)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.resizeDocks([self.dock], [260], Qt.Orientation.Horizontal)
        self._selected_ticket: ViewTicket | None = None
        grid.selection_changed.connect(self._follow_selected_tile)

    def steerable(self, ticket: ViewTicket | None) -> bool:
        """Whether the tree says this view's camera can be steered by this operator (the
        service checks again when control is taken)."""
        if ticket is None:
            return False
        entry = self._camera_dock.entry_for_code(ticket.camera_code)
        return entry is not None and entry.ptz_capable and entry.has(Right.PTZ)

    def add_tile_action(self, tile: VideoTile, menu: QMenu) -> None:
        ticket = tile.ticket
        if ticket is None:
            return
        if self.ptz.controls(ticket.id):
            action = menu.addAction(self.tr("Release PTZ control (camera returns home)"))
            action.triggered.connect(self.ptz.release)
        elif self.steerable(ticket):
            action = menu.addAction(self.tr("PTZ control"))
            action.triggered.connect(partial(self.ptz.take, ticket))

    @Slot()
    def _follow_selected_tile(self) -> None:
        """The PTZ dock shows the selected tile's camera (a click, its menu, or a view just
        opened in it)."""
        tile = self._grid.selected_tile()
        ticket = tile.ticket if tile is not None else None
        self.panel.set_selection(ticket.camera_code if ticket else None,
                                 ticket.camera_name if ticket else "",
                                 self.steerable(ticket))
        self._selected_ticket = ticket

    @Slot()
    def _on_take_requested(self) -> None:
        ticket = self._selected_ticket
        if ticket is not None and self._grid.tile_of_ticket(ticket.id) is not None:
            self.ptz.take(ticket)
