"""What the tiles of a grid need from the services, the same for the desk and every wall
output: the tile context (the watermark of the person logged in, the OSD clock, this
terminal's tuning) and the stream of each open view — main or sub, with credentials from the
keyring and the camera's privacy masks — fetched off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import partial

from PySide6.QtCore import QObject

from console.access.model import SessionGone, ViewRefused, ViewTicket
from console.auth.results import SessionInfo
from console.codes import Reason
from console.live.state import StreamKind, StreamSource
from console.player.grid import VideoGrid
from console.player.tile import TileContext
from console.policy import Policy
from console.privacy.masks import Polygon
from console.services import Services
from console.views.reason_text import describe
from console.views.tasks import TaskRunner
from console.views.watermark_source import clock_text_provider, watermark_provider

Resolved = tuple[StreamSource, tuple[Polygon, ...]]


def tile_context(services: Services, session: SessionInfo, policy: Policy, *,
                 wall: bool = False, blanked: Callable[[], str] | None = None) -> TileContext:
    """``blanked``: while a capture program runs, the notice shown instead of pictures."""
    clock = services.clock
    context = TileContext(
        watermark=watermark_provider(session, policy, clock),
        clock_text=clock_text_provider(clock),
        tuning=services.tuning, wall=wall)
    return context if blanked is None else replace(context, blanked=blanked)


class StreamFeeder(QObject):
    """Answers the ``source_wanted`` of every grid attached to it."""

    def __init__(self, services: Services, runner: TaskRunner, session: SessionInfo,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services, self._runner, self._session = services, runner, session

    def attach(self, grid: VideoGrid, alive: Callable[[], bool] = lambda: True) -> None:
        """Feed ``grid``'s tiles; ``alive`` says whether the grid still stands (a wall
        output can go away while a stream is being looked up)."""
        grid.source_wanted.connect(partial(self._on_source_wanted, grid, alive))
        grid.refusal_wanted.connect(partial(self._on_refusal_wanted, grid, alive))

    def _on_source_wanted(self, grid: VideoGrid, alive: Callable[[], bool], index: int,
                         kind: StreamKind) -> None:
        tile = grid.tiles[index] if alive() and index < len(grid.tiles) else None
        if tile is None or tile.ticket is None:
            return
        ticket = tile.ticket
        access, session_id = self._services.access, self._session.session_id

        def resolve() -> Resolved:
            return access.stream_with_masks(session_id, ticket, kind)

        self._runner.submit(resolve, partial(self._on_resolved, grid, alive, ticket),
                            partial(self._on_failed, grid, alive, ticket), owner=self)

    def _on_resolved(self, grid: VideoGrid, alive: Callable[[], bool], ticket: ViewTicket,
                     result: Resolved) -> None:
        tile = grid.tile_of_ticket(ticket.id) if alive() else None
        if tile is not None:
            source, masks = result
            tile.play(ticket.id, source, masks)

    def _on_failed(self, grid: VideoGrid, alive: Callable[[], bool], ticket: ViewTicket,
                   error: BaseException) -> None:
        tile = grid.tile_of_ticket(ticket.id) if alive() else None
        if tile is None:
            return
        if isinstance(error, SessionGone | ViewRefused):
            notice = describe(error.reason)
        else:
            notice = self.tr("The stream address could not be read: {error}").format(
                error=str(error)[:200])
        tile.source_refused(ticket.id, notice)

    def _on_refusal_wanted(self, grid: VideoGrid, alive: Callable[[], bool],
                           index: int) -> None:
        """A tile's stream failed as a refusal would (RTSP 401/404/5XX): ask the centre
        what its gateway refused and why, and show that (the player only saw a status)."""
        tile = grid.tiles[index] if alive() and index < len(grid.tiles) else None
        if tile is None or tile.ticket is None:
            return
        ticket, access = tile.ticket, self._services.access
        session_id = self._session.session_id

        def ask() -> Reason | None:
            return access.stream_refusal(session_id, ticket)

        def answered(reason: Reason | None) -> None:
            shown = grid.tile_of_ticket(ticket.id) if alive() else None
            if shown is not None and reason is not None:
                shown.show_refusal(ticket.id, describe(reason))

        self._runner.submit(ask, answered, lambda _error: None, owner=self)
