"""The views on the desk: opening a camera in a tile (double-click, Enter, the menu, a
drop) through the one view-opening flow (console/live/view_opening.py: purpose, submit,
still waiting?, refused), closing a tile's view, the views a smaller layout left without a
tile, and the views the centre closed because their right went away (R6, R11, R15)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMenu, QWidget

from console.access.model import CameraEntry, ViewClosed, ViewResult, ViewTicket
from console.auth.results import SessionInfo
from console.codes import Reason, Right
from console.live.state import StreamKind
from console.live.view_opening import ViewOpening
from console.player.grid import VideoGrid
from console.player.tile import VideoTile
from console.services import Services
from console.views.camera_dock import CameraDock
from console.views.ptz_desk import PtzDesk
from console.views.reason_text import describe
from console.views.tasks import TaskRunner
from console.views.view_opening import PurposeAsker, view_opening
from console.views.wall_control import WallControl

log = logging.getLogger(__name__)


class DeskTile:
    """Tile ``index`` of the desk's grid as the target of an open of ``code``."""

    def __init__(self, desk: DeskViews, index: int, code: str) -> None:
        self.desk, self.index, self.code = desk, index, code
        # the stream asked for with the view (one request), and the centre's answer
        self.kind: StreamKind | None = None
        self.result: ViewResult | None = None

    def begin(self, entry: CameraEntry | None) -> bool:
        tiles = self.desk.grid.tiles
        if self.index >= len(tiles):
            return False
        if entry is not None:
            tiles[self.index].show_opening(entry)
        self.kind = tiles[self.index].wanted_stream()
        return True

    def waiting(self) -> bool:
        tiles = self.desk.grid.tiles
        if self.index >= len(tiles):
            return False
        pending = tiles[self.index].pending
        return pending is None or pending.code == self.code

    def show(self, ticket: ViewTicket) -> None:
        grid = self.desk.grid
        target = grid.tiles[self.index]
        previous = target.ticket
        result = self.result
        target.show_view(ticket, None if result is None or result.stream is None
                         or self.kind is None else (self.kind, result.stream, result.masks))
        grid.select(self.index)
        if previous is not None:  # the tile switched camera: its PTZ control ends too
            self.desk.ptz.release_ticket(previous.id)
            self.desk.close_view(previous, Reason.VIEW_CLOSED)

    def refuse(self, message: str) -> None:
        self.desk.grid.tiles[self.index].cancel_opening(message)


class DeskViews(QObject):
    def __init__(self, window: QWidget, services: Services, runner: TaskRunner,
                 session: SessionInfo, grid: VideoGrid, camera_dock: CameraDock,
                 ptz: PtzDesk, *, report: Callable[[str], None],
                 before_asking: Callable[[], None], may_open: Callable[[], bool],
                 wall: Callable[[], WallControl | None] = lambda: None) -> None:
        super().__init__(window)
        self._services, self._runner, self._session = services, runner, session
        self.grid, self.camera_dock, self.ptz, self._report = grid, camera_dock, ptz, report
        self._wall = wall
        self.asker = PurposeAsker(window, before_asking, self)
        access, session_id = services.access, session.session_id

        def open_view(target: DeskTile, code: str, purpose: str) -> ViewResult:
            # the stream the tile wants comes back with the view: one request, not two
            target.result = access.open_view(session_id, code, purpose, right=Right.LIVE,
                                             output="desk", stream=target.kind)
            return target.result

        self.opening: ViewOpening[DeskTile] = view_opening(
            self, runner, self.asker, open_view=open_view,
            close_view=lambda ticket: self.close_view(ticket, Reason.VIEW_CLOSED),
            report=report, may_open=may_open)
        camera_dock.camera_open_requested.connect(self._on_camera_open_requested)
        grid.camera_dropped.connect(self._on_camera_dropped)
        grid.close_requested.connect(self.close_tile)

    # -- opening -----------------------------------------------------------------------------

    @Slot(object)
    def _on_camera_open_requested(self, entry: CameraEntry) -> None:
        tile = self.grid.free_tile()
        if tile is None:
            self._report(self.tr("Every tile shows a view; close one or drop the "
                                 "monitoring point onto a tile to replace its view."))
            return
        self.request_open(entry, tile)

    @Slot(int, str)
    def _on_camera_dropped(self, tile: int, code: str) -> None:
        entry = self.camera_dock.entry_for_code(code)
        if entry is None:
            self._report(describe(Reason.UNKNOWN_CAMERA))
            return
        self.request_open(entry, tile)

    def request_open(self, entry: CameraEntry, tile: int, *,
                     purpose_refused: bool = False) -> None:
        """Open ``entry`` in ``tile``: ask the purpose first when the camera needs one."""
        self.opening.request(entry, DeskTile(self, tile, entry.code),
                             purpose_refused=purpose_refused)

    def open_now(self, entry: CameraEntry, tile: int, purpose: str) -> None:
        """Open ``entry`` in ``tile`` with ``purpose`` given (no question asked)."""
        self.opening.open(entry.code, entry, DeskTile(self, tile, entry.code), purpose)

    def add_wall_actions(self, tile: VideoTile, menu: QMenu) -> None:
        """The tile menu's "Send to wall output": the tile's camera opened on a wall
        output's first free tile (through the wall's own flow)."""
        wall, ticket = self._wall(), tile.ticket
        if wall is None or ticket is None or not wall.outputs:
            return
        entry = self.camera_dock.entry_for_code(ticket.camera_code)
        if entry is None:
            return
        send = menu.addMenu(self.tr("Send to wall output"))
        for output in wall.outputs:
            action = send.addAction(output.label)
            action.triggered.connect(partial(wall.send_to_wall, entry, output.name))

    # -- closing -----------------------------------------------------------------------------

    @Slot(int)
    def close_tile(self, tile: int) -> None:
        target = self.grid.tiles[tile]
        if target.ticket is not None:
            ticket, stream = target.ticket, target.stream_kind
            self.ptz.release_ticket(ticket.id)
            target.show_free()
            self.close_view(ticket, Reason.VIEW_CLOSED, stream)

    @Slot(list)
    def on_views_dropped(self, dropped: list[tuple[ViewTicket, StreamKind | None]]) -> None:
        """A smaller layout left no tile for these views: close and register them."""
        for ticket, stream in dropped:
            self.ptz.release_ticket(ticket.id)
            self.close_view(ticket, Reason.LAYOUT_CHANGED, stream)

    def close_view(self, ticket: ViewTicket, reason: Reason,
                   stream: StreamKind | None = None) -> None:
        access, session_id = self._services.access, self._session.session_id
        self._runner.submit(partial(access.close_view, session_id, ticket, reason,
                                    stream=stream), _ignore, _log_close_failure)

    @Slot(list)
    def on_views_closed(self, closed: list[ViewClosed]) -> None:
        """The service closed views whose right is gone: clear their tiles (the desk's and
        the wall's), say why."""
        if self.opening.stopped:
            return
        messages = []
        for item in closed:
            self.ptz.release_ticket(item.ticket.id)
            message = self.tr("{camera}: {reason}").format(
                camera=item.ticket.camera_name, reason=describe(item.reason, item.details))
            tile = self.grid.tile_of_ticket(item.ticket.id)
            if tile is not None:
                tile.show_free(message)
            messages.append(message)
        wall = self._wall()
        if wall is not None:
            wall.views_closed(closed)
        if messages:
            self._report(" ".join(messages))


    def end(self, reason: Reason | None, *, stop: Callable[[], None]) -> None:
        """The session ends: PTZ control ends (the camera goes home), ``stop`` stops the
        desk's streams, the wall shuts down, and every desk view is registered as ended with
        ``reason`` — or, with ``None`` (the service ended the session), rechecked so the
        centre registers why."""
        access, session_id = self._services.access, self._session.session_id
        tickets = self.grid.tickets()
        streams = {t.ticket.id: t.stream_kind for t in self.grid.tiles if t.ticket is not None}
        self.ptz.shutdown(reason or Reason.SESSION_ENDED)
        stop()
        wall = self._wall()
        if wall is not None:
            wall.shutdown(reason)
        if reason is not None:
            for ticket in tickets:
                self._runner.submit(partial(access.close_view, session_id, ticket, reason,
                                            stream=streams.get(ticket.id)), _ignore)
        elif tickets:
            self._runner.submit(lambda: access.recheck(session_id, tickets), _ignore)


def _ignore(_result: object) -> None:
    """A close registered; nothing to show."""


def _log_close_failure(error: BaseException) -> None:
    log.warning("closing a view failed: %s", error)
