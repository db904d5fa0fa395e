"""What blanks every video output of the console, the desk's and the wall's alike:

- a screen-capture program running (R9): the capture watch (its own thread) finds it, the
  guard blanks every tile and consumes the screenshot keys, the shield excludes every
  window that shows video from capture where the OS can, and each start and end of such a
  program is registered with the centre;
- the centre not answering for ``server_grace_seconds`` (fail closed): every stream stops
  and PTZ control ends; when it answers again the views are rechecked first (a grant
  revoked meanwhile closes its view), then the pictures come back.
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QWidget

from console.auth.results import SessionInfo
from console.capture.detector import DEFAULT_INTERVAL_S, CaptureDetector, CaptureWatch, Detection
from console.capture.tools import BUILT_IN
from console.codes import Reason
from console.player.grid import VideoGrid
from console.policy import Policy
from console.remote.link import LinkState
from console.services import Services
from console.views.capture_guard import CaptureGuard
from console.views.capture_shield import CaptureShield
from console.views.centre_link import CentreLinkGuard
from console.views.tasks import TaskRunner


class _DetectionRelay(QObject):
    """Carries the capture watch's findings (its own thread) to the GUI thread."""

    found = Signal(list)


class GuardedConsole(Protocol):
    """What the guards need of the console: its grids, where to say things, whether it is
    over, and the PTZ control and permission check to call on the centre's loss and
    return."""

    def grids(self) -> list[VideoGrid]: ...

    def show_message(self, text: str) -> None: ...

    @property
    def finished(self) -> bool: ...

    def release_ptz(self, reason: Reason) -> None: ...

    def check_views(self) -> None: ...


class OutputGuards(QObject):
    def __init__(self, window: QWidget, console: GuardedConsole, services: Services,
                 runner: TaskRunner, session: SessionInfo, policy: Policy, *,
                 capture_interval_s: float | None = None) -> None:
        super().__init__(window)
        self._console, self._services, self._runner = console, services, runner
        self._session_id = session.session_id
        # R9: screenshot keys consumed, the clipboard kept free of pictures, and every video
        # output blanked while a capture program runs (capture_watch feeds the guard)
        self.capture_guard = CaptureGuard(window)
        # ...and every window that shows video excluded from capture where the OS can
        self.capture_shield = CaptureShield(services.capture_excluder, window)
        self.capture_shield.protect(window)
        self.capture_guard.changed.connect(self._on_capture_changed)
        self.capture_guard.key_blocked.connect(self._on_capture_key_blocked)
        # Fail closed: no answer from the centre for server_grace_seconds blanks every
        # output and ends PTZ control; video comes back after the views were rechecked
        self.centre_link = CentreLinkGuard(services.client.link, policy.server_grace_seconds,
                                           window)
        self.centre_link.lost.connect(self._on_centre_lost)
        self.centre_link.answered.connect(self._on_centre_answered)
        self.centre_link.resumed.connect(self._on_centre_resumed)
        self._capture_relay = _DetectionRelay(self)
        self._capture_relay.found.connect(self._on_capture_found)
        # the built-in list at once; the centre's extra entries are read off the GUI thread
        # (reload_capture_tools, again whenever the access revision moves)
        self.capture_watch = CaptureWatch(CaptureDetector(BUILT_IN),
                                          self._capture_relay.found.emit,
                                          interval_s=capture_interval_s or DEFAULT_INTERVAL_S)

    def notice(self) -> str:
        """Why every video output shows no picture now ("" when it may show one)."""
        return self.capture_guard.notice() or self.centre_link.notice()

    def start(self) -> None:
        self.centre_link.start()

    def stop(self) -> None:
        self.capture_watch.stop()
        self.centre_link.stop()

    # -- the link to the centre (fail closed) ---------------------------------------------

    @Slot()
    def _on_centre_lost(self) -> None:
        if self._console.finished:
            return
        self._console.release_ptz(Reason.PTZ_CONSOLE_LOST)   # the centre sends it home
        for grid in self._console.grids():
            for tile in grid.tiles:
                tile.stop_stream()
                tile.update()
        self._console.show_message(self.centre_link.notice())

    @Slot()
    def _on_centre_answered(self) -> None:
        """First recheck the views (a grant revoked meanwhile closes its view), then show."""
        for grid in self._console.grids():
            for tile in grid.tiles:
                tile.update()
        self._console.check_views()

    @Slot()
    def on_views_checked(self) -> None:
        if self.centre_link.state == LinkState.RESUMING:
            self.centre_link.resume()

    @Slot()
    def _on_centre_resumed(self) -> None:
        if self._console.finished:
            return
        for grid in self._console.grids():
            for tile in grid.tiles:
                tile.resume()
                tile.update()
        self._console.show_message(self.tr("The centre answers again: video is shown again."))

    # -- capture (R9) ----------------------------------------------------------------------

    @Slot()
    def _on_capture_changed(self) -> None:
        """Capture programs started or ended: every output repaints (blanked or shown)."""
        for grid in self._console.grids():
            for tile in grid.tiles:
                tile.update()
        notice = self.capture_guard.notice()
        if notice:
            self._console.show_message(notice)

    @Slot(list)
    def _on_capture_found(self, found: list[Detection]) -> None:
        """The capture watch saw programs start or end: blank or show every output, and
        register what started and what ended."""
        if self._console.finished:
            return
        before = set(self.capture_guard.detected)
        now = {d.tool for d in found}
        self.capture_guard.set_detections(sorted(now))
        register, session_id = self._services.capture_register, self._session_id
        if register is None:
            return
        started = [d for d in found if d.tool not in before]
        ended = sorted(before - now)
        if started:
            self._runner.submit(lambda: register.detected(session_id, started), _ignore)
        if ended:
            self._runner.submit(lambda: register.ended(session_id, ended), _ignore)

    @Slot()
    def reload_capture_tools(self, _catalogue: object = None) -> None:
        """The centre's list of capture programs may have changed with the revision."""
        tools = self._services.capture_tools
        if tools is not None:
            self._runner.submit(tools.all_tools, self.capture_watch.detector.set_programs,
                                _ignore)

    def protect(self, windows: list[QWidget]) -> None:
        """Exclude these windows (wall outputs) from capture too."""
        for window in windows:
            self.capture_shield.protect(window)

    @Slot(str)
    def _on_capture_key_blocked(self, key: str) -> None:
        self._console.show_message(self.tr("Screenshots are not permitted ({key} was "
                                           "blocked).").format(key=key))
        register, session_id = self._services.capture_register, self._session_id
        if register is not None and not self._console.finished:
            self._runner.submit(lambda: register.key_blocked(session_id, key), _ignore)


def _ignore(_result: object) -> None:
    """A registration needs no answer."""
