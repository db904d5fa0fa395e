"""After a restart the console shows what it showed (R6, R11, R15): the desk's layout and
cameras, and each wall output's, per person and terminal (console/live/last_views.py, kept in
QSettings as per-user UI state).

- **Kept** while the session runs: every second what the desk and the wall show is compared
  with what is kept and written when it changed; not while a restore is still asking or
  opening, and no more once the session ends (ending it closes the views, which must not
  erase what to restore).
- **Restored** after login, once the permitted catalogue has arrived: the layouts first, then
  each camera through the normal view-opening flow (``MainWindow.request_open``, the wall's
  ``restore_views``), so the centre checks the person's rights now and registers each view.
  A camera that needs a purpose asks for it again, one dialog after the other (the wall asks
  once for its outputs, as for a preset). Cameras no longer in the permitted catalogue are
  not reopened, and one notice says which."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings, QTimer, Slot

from console.access.model import CameraEntry
from console.live.last_views import DESK, LastViews, from_json, split_permitted, to_json
from console.wall.presets import OutputPreset

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from console.player.grid import VideoGrid
    from console.views.camera_dock import CameraDock
    from console.views.video_area import VideoArea
    from console.views.wall_control import WallControl

log = logging.getLogger(__name__)

SAVE_MS = 1000


class RestoringWindow(Protocol):
    """What the restore needs of the main window."""

    camera_dock: CameraDock
    desk: VideoArea
    view_grid: VideoGrid
    wall: WallControl | None

    @property
    def locked(self) -> bool: ...

    @property
    def purpose_dialog(self) -> QDialog | None: ...

    def request_open(self, entry: CameraEntry, tile: int, *,
                     purpose_refused: bool = False) -> None: ...

    def show_message(self, text: str) -> None: ...


class SessionRestore(QObject):
    def __init__(self, window: RestoringWindow, key: str, parent: QObject | None = None,
                 *, save_ms: int = SAVE_MS) -> None:
        super().__init__(parent)
        self._window = window
        self.key = key
        self._kept: str | None = None
        self._asking: list[tuple[CameraEntry, int]] = []
        self._waiting = False         # a purpose dialog of the restore is open
        self._wall_next: tuple[OutputPreset, ...] = ()
        self.restored = False        # the restore ran (or there was nothing to restore)
        self._stopped = False         # the session ended: neither restore nor keep any more
        self.skipped: list[str] = []  # codes not reopened: no longer permitted
        self._timer = QTimer(self)
        self._timer.setInterval(save_ms)
        self._timer.timeout.connect(self.save)

    # -- keeping -------------------------------------------------------------------------------

    def snapshot(self) -> LastViews:
        """What the desk and the wall show now (a tile still opening counts as its camera)."""
        grid = self._window.view_grid
        desk = OutputPreset(DESK, grid.layout_spec.count, tuple(
            tile.ticket.camera_code if tile.ticket is not None
            else tile.pending.code if tile.pending is not None else None
            for tile in grid.tiles))
        wall = self._window.wall
        outputs = wall.current_preset("last").outputs if wall is not None else ()
        return LastViews(desk, outputs)

    @Slot()
    def save(self) -> None:
        """Keep what is shown now, when it changed (not while a restore is under way)."""
        if not self.restored or self._asking or self._waiting or self._window.locked:
            return
        wall = self._window.wall
        if wall is not None and wall.recall is not None:
            return
        text = to_json(self.snapshot())
        if text != self._kept:
            QSettings().setValue(self.key, text)
            self._kept = text

    def stop(self) -> None:
        """The session ends: keep what is shown a last time, then nothing more."""
        self.save()
        self._timer.stop()
        self.restored = False        # what closing the views does is not kept
        self._stopped = True
        self._asking.clear()
        self._waiting = False

    # -- restoring -----------------------------------------------------------------------------

    def restore(self, _catalogue: object = None) -> None:
        """Open again what was kept (once, after the first catalogue), then keep changes."""
        if self.restored or self._stopped:
            return
        self.restored = True
        text = QSettings().value(self.key)
        self._kept = text if isinstance(text, str) else None
        views = from_json(text)
        self._timer.start()
        if views is None:
            return
        dock = self._window.camera_dock

        def permitted(code: str) -> bool:
            return dock.entry_for_code(code) is not None

        if views.desk is not None:
            desk, skipped = split_permitted(views.desk, permitted)
            self.skipped += skipped
            if desk.layout != self._window.view_grid.layout_spec.count:
                self._window.desk.set_layout(desk.layout)
            for tile, code in enumerate(desk.tiles):
                entry = dock.entry_for_code(code) if code is not None else None
                if entry is None or tile >= len(self._window.view_grid.tiles):
                    continue
                if entry.needs_purpose:
                    self._asking.append((entry, tile))
                else:
                    self._window.request_open(entry, tile)
        if self._window.wall is not None and views.wall:
            kept: list[OutputPreset] = []
            for output in views.wall:
                shown, skipped = split_permitted(output, permitted)
                self.skipped += skipped
                kept.append(shown)
            self._wall_next = tuple(kept)
        if self.skipped:
            self._window.show_message(self.tr(
                "Not reopened from the last session (no longer permitted): {cameras}").format(
                cameras=", ".join(dict.fromkeys(self.skipped))))
        self._ask_next()

    @Slot()
    def _ask_next(self, _result: int = 0) -> None:
        """Ask the next purpose (each camera its own, as when opening it by hand); then the
        wall's outputs."""
        self._waiting = False
        if not self.restored:
            return
        while self._asking:
            entry, tile = self._asking.pop(0)
            self._window.request_open(entry, tile)
            dialog = self._window.purpose_dialog
            if dialog is not None:
                self._waiting = True
                dialog.finished.connect(self._ask_next)
                return
        wall, outputs, self._wall_next = self._window.wall, self._wall_next, ()
        if wall is not None and outputs and any(o.cameras for o in outputs):
            wall.restore_views(outputs)
