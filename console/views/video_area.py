"""The desk's video area: the layout toolbar and the video grid, with what the tiles need
from the services — the stream of an open view (main or sub, with credentials from the
keyring and the camera's privacy masks), fetched off the GUI thread — and the watermark of
the person logged in. The last layout is kept per user (QSettings)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QPoint, QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QToolBar, QVBoxLayout, QWidget

from console.access.model import ViewTicket
from console.auth.results import SessionInfo
from console.codes import Role
from console.live.layouts import DEFAULT_LAYOUT, LAYOUTS
from console.overlay.picture_painter import DecodedFrame
from console.player.grid import VideoGrid
from console.player.tile import VideoTile
from console.policy import Policy
from console.privacy.masks import Polygon
from console.services import Services
from console.views.layout_icons import layout_icon
from console.views.privacy_mask_dialog import PrivacyMaskDialog
from console.views.tasks import TaskRunner
from console.views.tile_services import StreamFeeder, tile_context

LAYOUT_KEY = "video/layout/{account}"


class VideoArea(QWidget):
    views_dropped = Signal(list)      # [(ViewTicket, StreamKind | None)] no tile left for them
    message_posted = Signal(str)
    masks_saved = Signal()            # privacy masks changed here: refresh every output

    def __init__(self, services: Services, runner: TaskRunner, session: SessionInfo,
                 policy: Policy, parent: QWidget | None = None, *,
                 blanked: Callable[[], str] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoDesk")
        self._services, self._runner, self._session = services, runner, session
        self.context = tile_context(services, session, policy, blanked=blanked)
        self._settings_key = LAYOUT_KEY.format(account=session.account)
        count = _saved_layout(self._settings_key)
        self.grid = VideoGrid(self.context, count, self)
        self.streams = StreamFeeder(services, runner, session, self)
        self.streams.attach(self.grid)
        self.grid.menu_requested.connect(self._on_menu_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.grid)
        self.toolbar = self._build_toolbar(count)
        self.extra_tile_actions: list[Callable[[VideoTile, QMenu], None]] = []
        self.menu: QMenu | None = None
        self.mask_dialog: PrivacyMaskDialog | None = None
        self.protect_window: Callable[[QWidget], None] | None = None  # capture exclusion
        if session.role == Role.ADMINISTRATOR:
            self.extra_tile_actions.append(self._add_mask_action)

    def _build_toolbar(self, current: int) -> QToolBar:
        bar = QToolBar(self.tr("Layout"), self)
        bar.setObjectName("layoutToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        group = QActionGroup(bar)
        self.layout_actions: dict[int, QAction] = {}
        for count, spec in LAYOUTS.items():
            action = QAction(layout_icon(spec), spec.label, bar)
            action.setToolTip(self.tr("%n tile(s)", "", count) if spec.count
                              == spec.size * spec.size else
                              self.tr("%n tiles, one large", "", count))
            action.setCheckable(True)
            action.setChecked(count == current)
            action.triggered.connect(partial(self.set_layout, count))
            group.addAction(action)
            bar.addAction(action)
            self.layout_actions[count] = action
        return bar

    # -- layout ----------------------------------------------------------------------------------

    def set_layout(self, count: int) -> None:
        tiles_before = {t.ticket.id: t.stream_kind for t in self.grid.tiles
                        if t.ticket is not None}
        dropped = self.grid.set_layout(count)
        self.layout_actions[self.grid.layout_spec.count].setChecked(True)
        QSettings().setValue(self._settings_key, self.grid.layout_spec.count)
        if dropped:
            self.views_dropped.emit([(t, tiles_before.get(t.id)) for t in dropped])

    # -- the tile menu ---------------------------------------------------------------------------

    @Slot(int, QPoint)
    def _on_menu_requested(self, index: int, where: QPoint) -> None:
        tile = self.grid.tiles[index]
        self.grid.select(index)        # the menu, like a click, acts on this tile
        menu = QMenu(self)
        menu.setObjectName("tileMenu")
        if tile.ticket is not None:
            maximise = menu.addAction(self.tr("Restore") if tile.maximised
                                      else self.tr("Maximise"))
            maximise.triggered.connect(partial(self.grid.toggle_maximise, index))
            details = menu.addAction(self.tr("Details…"))
            details.triggered.connect(partial(self._show_details, tile))
            for add in self.extra_tile_actions:
                add(tile, menu)
            menu.addSeparator()
            close = menu.addAction(self.tr("Close this view"))
            close.triggered.connect(partial(self.grid.close_requested.emit, index))
        else:
            layouts = menu.addMenu(self.tr("Layout"))
            for action in self.layout_actions.values():
                layouts.addAction(action)
        self.menu = menu
        menu.popup(where)

    def _show_details(self, tile: VideoTile) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("View details"),
                          tile.details_text(), QMessageBox.StandardButton.Close, self)
        box.setObjectName("tileDetails")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        box.open()

    # -- privacy masks ---------------------------------------------------------------------------

    def _add_mask_action(self, tile: VideoTile, menu: QMenu) -> None:
        action = menu.addAction(self.tr("Edit privacy masks…"))
        action.triggered.connect(partial(self.edit_masks, tile))

    def edit_masks(self, tile: VideoTile) -> None:
        """Administrators draw the masks over the live picture of the tile, painted as every
        output paints it — with the watermark and the saved masks (PicturePainter); only the
        area the administrator selects is shown see-through."""
        if tile.ticket is None:
            return
        ticket = tile.ticket

        def frame() -> DecodedFrame | None:
            if self.context.blanked():  # a capture program runs: no picture here either
                return None
            player = tile.player if tile.ticket is ticket else None
            image = player.current_frame() if player is not None else None
            return image.copy() if image is not None else None

        dialog = PrivacyMaskDialog(ticket.camera_name, ticket.camera_code, tile.masks, frame,
                                   self.context.watermark, self)
        if self.protect_window is not None:   # it shows video: excluded from capture too
            self.protect_window(dialog)
        dialog.accepted.connect(partial(self._on_masks_edited, dialog, ticket, tile.masks))
        dialog.finished.connect(dialog.deleteLater)
        self.mask_dialog = dialog
        dialog.open()

    def _on_masks_edited(self, dialog: PrivacyMaskDialog, ticket: ViewTicket,
                         before: tuple[Polygon, ...]) -> None:
        polygons = dialog.polygons()
        if polygons == before:
            return
        privacy, session_id = self._services.privacy, self._session.session_id

        def save() -> tuple[Polygon, ...]:
            if polygons:
                return privacy.set_masks(session_id, ticket.camera_code, polygons)
            privacy.clear_masks(session_id, ticket.camera_code)
            return ()

        self._runner.submit(save, partial(self._on_masks_saved, ticket),
                            self._on_masks_save_failed, owner=self)

    def _on_masks_saved(self, ticket: ViewTicket, polygons: tuple[Polygon, ...]) -> None:
        self.message_posted.emit(self.tr("{camera}: privacy masks saved ({count}).").format(
            camera=ticket.camera_name, count=len(polygons)))
        self.masks_saved.emit()

    def _on_masks_save_failed(self, error: BaseException) -> None:
        self.message_posted.emit(self.tr("The privacy masks were not saved: {error}").format(
            error=str(error)[:200]))

    def refresh_masks(self, others: Sequence[VideoGrid] = ()) -> None:
        """Read the masks of every open view again — this grid's and ``others`` (the wall
        outputs') — after a change here or elsewhere (the access revision moved)."""
        grids = [self.grid, *others]
        if not any(grid.tickets() for grid in grids):
            return
        privacy, session_id = self._services.privacy, self._session.session_id
        self._runner.submit(lambda: privacy.all_masks_for(session_id),
                            partial(self._on_masks_read, grids), _ignore_error, owner=self)

    def _on_masks_read(self, grids: list[VideoGrid],
                       masks: dict[str, tuple[Polygon, ...]]) -> None:
        for grid in grids:
            for tile in grid.tiles:
                if tile.ticket is not None:
                    tile.set_masks(masks.get(tile.ticket.camera_code, ()))

    def stop_all(self) -> None:
        self.grid.stop_all()


def _ignore_error(_error: BaseException) -> None:
    """A failed refresh keeps the masks shown; the next revision change tries again."""


def _saved_layout(key: str) -> int:
    value = QSettings().value(key, DEFAULT_LAYOUT)
    try:
        count = int(str(value))
    except ValueError:
        return DEFAULT_LAYOUT
    return count if count in LAYOUTS else DEFAULT_LAYOUT
