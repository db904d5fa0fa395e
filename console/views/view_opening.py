"""The Qt part of the view-opening flow (console/live/view_opening.py): the purpose dialog,
the task runner that takes the open off the GUI thread, and the flow's sentences,
translated. The desk and the wall each build one with ``view_opening``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QWidget

from console.access.model import CameraEntry, ViewResult, ViewTicket
from console.codes import Reason
from console.live.view_opening import T, ViewOpening
from console.views.purpose_dialog import PurposeDialog
from console.views.reason_text import describe, error_text
from console.views.tasks import TaskRunner


class OpeningTexts(QObject):
    """What the flow says when an open is refused or fails."""

    def refused(self, camera: str, reason: Reason, details: dict[str, Any]) -> str:
        return self.tr("{camera}: {reason}").format(camera=camera,
                                                    reason=describe(reason, details))

    def failed(self, camera: str, error: BaseException) -> str:
        return self.tr("{camera}: the view could not be opened. {reason}").format(
            camera=camera, reason=error_text(error))


class PurposeAsker(QObject):
    """Asks the purpose in a ``PurposeDialog`` over ``window``; one question at a time
    (``before`` closes what else is open first)."""

    def __init__(self, window: QWidget | None, before: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._window, self._before = window, before
        self.dialog: PurposeDialog | None = None

    def ask(self, entry: CameraEntry, recent: Sequence[str],
            chosen: Callable[[str], None]) -> None:
        self._before()
        self.close()
        dialog = PurposeDialog(entry, recent, self._window)
        dialog.purpose_chosen.connect(chosen)
        dialog.finished.connect(self._on_finished)
        self.dialog = dialog
        dialog.open()

    @Slot(int)
    def _on_finished(self, _result: int) -> None:
        dialog = self.sender()
        if dialog is self.dialog:
            self.dialog = None
        if isinstance(dialog, QObject):
            dialog.deleteLater()

    def close(self) -> None:
        """Close the question (as if cancelled)."""
        dialog, self.dialog = self.dialog, None
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.reject()


def view_opening(owner: QObject, runner: TaskRunner, asker: PurposeAsker, *,
                 open_view: Callable[[T, str, str], ViewResult],
                 close_view: Callable[[ViewTicket], None], report: Callable[[str], None],
                 may_open: Callable[[], bool] = lambda: True,
                 other_recent: Callable[[], Sequence[str]] = tuple) -> ViewOpening[T]:
    """The flow, its answers delivered on the GUI thread while ``owner`` lives."""
    texts = OpeningTexts(owner)

    def run(work: Callable[[], ViewResult], done: Callable[[ViewResult], None],
            failed: Callable[[BaseException], None]) -> None:
        runner.submit(work, done, failed, owner=owner)

    return ViewOpening(open_view=open_view, run=run, ask_purpose=asker.ask,
                       close_view=close_view, report=report, texts=texts,
                       may_open=may_open, other_recent=other_recent)
