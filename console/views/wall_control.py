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
from functools import partial
from typing import Protocol

from PySide6.QtCore import QObject, QRect, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from console.access.model import CameraEntry, ViewClosed, ViewResult, ViewTicket
from console.auth.results import SessionInfo
from console.codes import Reason
from console.live.layouts import DEFAULT_LAYOUT
from console.live.state import StreamKind
from console.live.view_opening import ViewOpening
from console.player.tile import VideoTile
from console.policy import Policy
from console.services import Services
from console.views.camera_dock import CameraDock
from console.views.purpose_dialog import PurposeDialog
from console.views.reason_text import describe
from console.views.tasks import TaskRunner
from console.views.tile_services import StreamFeeder, tile_context
from console.views.view_opening import PurposeAsker, view_opening
from console.views.wall_dock import PresetPurposeDialog, WallDock, WallMiniature
from console.views.wall_output import (
    TEST_PLACE_KEY,
    ScreenLike,
    WallOutputWindow,
    find_test_output_place,
)
from console.views.wall_presets import WallPresets
from console.views.wall_tile import WallTile
from console.wall.outputs import TEST_OUTPUT, may_drive_wall, output_name
from console.wall.presets import OutputPreset, WallPreset

__all__ = ["DeskWindow", "WallControl", "WallMiniature", "WallTile"]

log = logging.getLogger(__name__)

MINIATURE_MS = 500          # the miniatures are redrawn twice a second


class DeskWindow(Protocol):
    """What the wall uses of the main window."""

    @property
    def camera_dock(self) -> CameraDock: ...

    @property
    def recent_purposes(self) -> list[str]: ...

    def show_message(self, text: str) -> None: ...

    def screen(self) -> QScreen: ...


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
        self._finished = False

        self.dock = WallDock(self._parent)
        self.asker = PurposeAsker(self._parent, self.close_dialogs, self)
        wall, session_id = services.wall, session.session_id

        def open_view(target: WallTile, code: str, purpose: str) -> ViewResult:
            return wall.open_view(session_id, code, purpose, target.output_name)

        self.opening: ViewOpening[WallTile] = view_opening(
            self, runner, self.asker, open_view=open_view,
            close_view=lambda ticket: self.close_view(ticket, Reason.VIEW_CLOSED),
            report=self.report, may_open=lambda: not self._finished,
            other_recent=lambda: main_window.recent_purposes)
        self.presets = WallPresets(self, services, runner, session, self._parent)

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
        self.presets.refresh()

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def camera_dock(self) -> CameraDock:
        return self._window.camera_dock

    @property
    def recent_purposes(self) -> list[str]:
        return self.opening.recent_purposes

    @property
    def purpose_dialog(self) -> PurposeDialog | PresetPurposeDialog | None:
        return self.presets.purpose_dialog or self.asker.dialog

    @property
    def name_dialog(self) -> QInputDialog | None:
        return self.presets.name_dialog

    @property
    def confirm_box(self) -> QMessageBox | None:
        return self.presets.confirm_box

    @property
    def recall(self) -> object | None:
        """The preset recall under way (None: none)."""
        return self.presets.recall

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
        self.streams.attach(grid, partial(self.stands, window))
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
        """Where the test output hides none of the console's controls (wall_output.py)."""
        return find_test_output_place(self._parent, self._screens, size, saved)

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
        self.report(self.tr("Screen {name} was connected: it is a wall output now.")
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
        self.report(self.tr("Screen {name} was disconnected; its views were closed.")
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
            self.report(self.tr("There is no wall output {name}.").format(name=output_name))
            return False
        tile = output.grid.free_tile()
        if tile is None:
            self.report(self.tr("Every tile of {output} shows a view; close one or drop the "
                                "monitoring point onto its miniature.")
                        .format(output=output.label))
            return False
        self.request_open(entry, output, tile)
        return True

    def request_open(self, entry: CameraEntry, output: WallOutputWindow, tile: int, *,
                     purpose_refused: bool = False) -> None:
        """Open ``entry`` on ``tile`` of ``output``, asking the purpose first when needed."""
        self.opening.request(entry, WallTile(self, output, tile, entry.code),
                             purpose_refused=purpose_refused)

    def _on_camera_dropped(self, output: WallOutputWindow, tile: int, code: str) -> None:
        entry = self._window.camera_dock.entry_for_code(code)
        if entry is None:
            self.report(describe(Reason.UNKNOWN_CAMERA))
            return
        self.request_open(entry, output, tile)

    def stands(self, output: WallOutputWindow) -> bool:
        """The output is still on the wall (its streams may be looked up and played)."""
        return output in self.outputs and not self._finished

    # -- closing views ---------------------------------------------------------------------------

    def _on_tile_close_requested(self, output: WallOutputWindow, index: int) -> None:
        tile = output.grid.tiles[index] if index < len(output.grid.tiles) else None
        if tile is not None and tile.ticket is not None:
            ticket, stream = tile.ticket, tile.stream_kind
            tile.show_free()
            self.close_view(ticket, Reason.VIEW_CLOSED, stream)

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
            self.close_view(ticket, Reason.LAYOUT_CHANGED, streams.get(ticket.id))

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
            self.close_view(ticket, reason, stream)
        return tickets

    def close_view(self, ticket: ViewTicket, reason: Reason,
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
        self.opening.stop()
        self._miniature_timer.stop()
        self.close_dialogs()
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

    # -- presets (console/views/wall_presets.py) -------------------------------------------------

    def current_preset(self, name: str) -> WallPreset:
        """What the wall shows now, as a preset called ``name``."""
        return WallPreset(name, tuple(
            OutputPreset(o.name, o.grid.layout_spec.count,
                         tuple(t.ticket.camera_code if t.ticket is not None else None
                               for t in o.grid.tiles))
            for o in self.outputs))

    def refresh_presets(self, select: str | None = None) -> None:
        self.presets.refresh(select)

    def save_preset(self, name: str) -> None:
        self.presets.save(name)

    def delete_preset(self, name: str) -> None:
        self.presets.delete(name)

    def recall_preset(self, name: str) -> None:
        """Put the preset ``name`` on the wall (see the module docstring)."""
        self.presets.recall_preset(name)

    def restore_views(self, outputs: Sequence[OutputPreset]) -> None:
        """Show again what the wall showed in the last session (console/views/
        session_restore.py): as a recalled preset — the centre checks each camera now and
        one purpose is asked for those that need one."""
        if outputs:
            self.presets.apply(WallPreset(self.tr("Last session"), tuple(outputs)))

    # -- helpers ---------------------------------------------------------------------------------

    def report(self, text: str) -> None:
        self.dock.show_status(text)
        if not self._finished:
            self._window.show_message(text)

    def close_dialogs(self) -> None:
        self.asker.close()
        self.presets.close_dialogs()


def _ignore(_result: object) -> None:
    """A close registered; nothing to show."""


def _log_close_failure(error: BaseException) -> None:
    log.warning("registering the close of a wall view failed: %s", error)
