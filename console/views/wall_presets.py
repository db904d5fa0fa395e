"""The wall's presets in the console: save what the wall shows under a name, delete one,
and recall one — planned by console/wall/recall.py (which output takes which stored
output, which views close, open or stay), opened through the wall's view-opening flow with
one purpose asked for every camera that needs one (R15), and reported together when every
open was answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from console.access.model import CameraEntry
from console.auth.results import SessionInfo
from console.codes import Reason
from console.live.view_opening import Outcome
from console.services import Services
from console.views.reason_text import describe
from console.views.tasks import TaskRunner
from console.views.wall_dock import PresetPurposeDialog
from console.views.wall_output import WallOutputWindow
from console.views.wall_tile import WallTile
from console.wall.model import PresetInfo
from console.wall.presets import WallPreset
from console.wall.recall import OutputNow, Step, plan_recall

if TYPE_CHECKING:
    from console.views.wall_control import WallControl


@dataclass
class Recall:
    """A preset being put on the wall: what opened, what was refused."""

    name: str
    total: int = 0
    opened: int = 0
    pending: int = 0
    submitting: bool = True
    refused: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class RecalledOpen:
    output: WallOutputWindow
    tile: int
    code: str
    entry: CameraEntry | None


def output_now(output: WallOutputWindow) -> OutputNow:
    """What ``output`` shows now, for the recall's plan."""
    return OutputNow(output.name, tuple(output.grid.model.contents()))


class WallPresets(QObject):
    def __init__(self, control: WallControl, services: Services, runner: TaskRunner,
                 session: SessionInfo, window: QWidget | None) -> None:
        super().__init__(control)
        self._control, self._window = control, window
        self._services, self._runner, self._session = services, runner, session
        self.recall: Recall | None = None
        self.purpose_dialog: PresetPurposeDialog | None = None
        self.name_dialog: QInputDialog | None = None
        self.confirm_box: QMessageBox | None = None
        dock = control.dock
        dock.save_button.clicked.connect(self._on_save_clicked)
        dock.recall_button.clicked.connect(self._on_recall_clicked)
        dock.delete_button.clicked.connect(self._on_delete_clicked)

    def refresh(self, select: str | None = None) -> None:
        """Read the preset list again (then choose ``select`` in it)."""
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.list_presets(session_id),
                            partial(self._on_listed, select), self._on_failed, owner=self)

    def _on_listed(self, select: str | None, presets: list[PresetInfo]) -> None:
        self._control.dock.set_presets(presets, select)
        self._set_buttons(self.recall is None)

    # -- save and delete -------------------------------------------------------------------------

    @Slot()
    def _on_save_clicked(self) -> None:
        self._control.close_dialogs()
        dialog = QInputDialog(self._window)
        dialog.setObjectName("wallPresetNameDialog")
        dialog.setWindowTitle(self.tr("Save wall preset"))
        dialog.setLabelText(self.tr("Name of the preset (a preset of the same name is "
                                    "replaced):"))
        dialog.setTextValue(self._control.dock.current_preset() or "")
        dialog.setOkButtonText(self.tr("Save"))
        dialog.setCancelButtonText(self.tr("Cancel"))
        dialog.textValueSelected.connect(self.save)
        dialog.finished.connect(dialog.deleteLater)
        self.name_dialog = dialog
        dialog.open()

    def save(self, name: str) -> None:
        name = name.strip()
        if not name:
            return
        preset = self._control.current_preset(name)
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.save_preset(session_id, name, preset),
                            partial(self._on_saved, name), self._on_failed, owner=self)

    def _on_saved(self, name: str, replaced: bool) -> None:
        text = (self.tr("Wall preset {name} replaced.") if replaced
                else self.tr("Wall preset {name} saved."))
        self._control.report(text.format(name=name))
        self.refresh(select=name)

    @Slot()
    def _on_delete_clicked(self) -> None:
        name = self._control.dock.current_preset()
        if name is None:
            return
        self._control.close_dialogs()
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete wall preset"),
                          self.tr("Delete the wall preset {name}?").format(name=name),
                          QMessageBox.StandardButton.NoButton, self._window)
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        delete.clicked.connect(partial(self.delete, name))
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def delete(self, name: str) -> None:
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.delete_preset(session_id, name),
                            partial(self._on_deleted, name), self._on_failed, owner=self)

    def _on_deleted(self, name: str, _result: object) -> None:
        self._control.report(self.tr("Wall preset {name} deleted.").format(name=name))
        self.refresh()

    def _on_failed(self, error: BaseException) -> None:
        reason = getattr(error, "reason", None)
        if isinstance(reason, Reason):
            self._control.report(describe(reason))
        else:
            self._control.report(self.tr("The wall presets cannot be read or written: "
                                         "{error}").format(error=str(error)[:200]))

    # -- recall ----------------------------------------------------------------------------------

    @Slot()
    def _on_recall_clicked(self) -> None:
        name = self._control.dock.current_preset()
        if name is not None:
            self.recall_preset(name)

    def recall_preset(self, name: str) -> None:
        if self._control.finished or self.recall is not None:
            return
        wall, session_id = self._services.wall, self._session.session_id
        self._runner.submit(lambda: wall.get_preset(session_id, name), self.apply,
                            self._on_failed, owner=self)

    def apply(self, preset: WallPreset) -> None:
        """Put ``preset`` on the wall: the plan's layouts, closes and keeps at once, then
        the opens (after the purpose, when cameras need one)."""
        control = self._control
        if control.finished or self.recall is not None:
            return
        plan = plan_recall(preset, [output_now(o) for o in control.outputs])
        recall = Recall(preset.name, total=plan.total, missing=list(plan.missing))
        todo: list[RecalledOpen] = []
        for name, count in plan.layouts:
            output = control.output(name)
            if output is None:
                continue
            control.set_layout(output, count)
            for step in (s for s in plan.steps if s.output == name):
                tile = output.grid.tiles[step.tile]
                if step.step == Step.CLOSE:
                    ticket, stream = tile.ticket, tile.stream_kind
                    tile.show_free()
                    if ticket is not None:
                        control.close_view(ticket, Reason.VIEW_CLOSED, stream)
                elif step.step == Step.KEEP:
                    recall.opened += 1
                elif step.code is not None:
                    todo.append(RecalledOpen(output, step.tile, step.code,
                                             control.camera_dock.entry_for_code(step.code)))
        self.recall = recall
        self._set_buttons(False)
        asking = [item.entry for item in todo
                  if item.entry is not None and item.entry.needs_purpose]
        if not asking:
            self._open(recall, todo, "")
            return
        control.close_dialogs()
        dialog = PresetPurposeDialog(preset.name, asking, control.opening.offered(),
                                     self._window)
        chosen: list[str] = []
        dialog.purpose_chosen.connect(chosen.append)
        dialog.finished.connect(
            lambda _result: self._open(recall, todo, chosen[0] if chosen else None))
        dialog.finished.connect(dialog.deleteLater)
        self.purpose_dialog = dialog
        dialog.open()

    def _open(self, recall: Recall, todo: list[RecalledOpen], purpose: str | None) -> None:
        """Open the preset's cameras; ``purpose`` None: none was given, those needing one
        are not opened."""
        if self.recall is not recall:
            return
        control = self._control
        for item in todo:
            target = WallTile(control, item.output, item.tile, item.code,
                              known=item.entry is not None, recall=True)
            needs = item.entry is None or item.entry.needs_purpose
            if needs and purpose is None and item.entry is not None:
                message = self.tr("{camera}: {reason}").format(
                    camera=item.entry.name, reason=describe(Reason.PURPOSE_REQUIRED))
                tile = target.tile()
                if tile is not None and tile.pending is None:
                    target.refuse(message)
                recall.refused.append(message)
                continue
            recall.pending += 1
            if not control.opening.open(item.code, item.entry, target,
                                        (purpose or "") if needs else "",
                                        done=partial(self._answered, recall)):
                recall.pending -= 1
        recall.submitting = False
        self._check(recall)

    def _answered(self, recall: Recall, outcome: Outcome) -> None:
        recall.pending -= 1
        if outcome.opened:
            recall.opened += 1
        elif outcome.message:
            recall.refused.append(outcome.message)
        self._check(recall)

    def _check(self, recall: Recall) -> None:
        """Report the recall once every open was submitted and answered."""
        if recall.submitting or recall.pending > 0 or self.recall is not recall:
            return
        self.recall = None
        self._set_buttons(True)
        parts = [self.tr("Wall preset {name}: {opened} of {total} monitoring points shown.")
                 .format(name=recall.name, opened=recall.opened, total=recall.total)]
        if recall.missing:
            parts.append(self.tr("Not connected: {outputs}.").format(
                outputs=", ".join(recall.missing)))
        if recall.refused:
            parts.append(self.tr("Not shown: {cameras}").format(
                cameras=" ".join(recall.refused)))
        self._control.report(" ".join(parts))

    def _set_buttons(self, enabled: bool) -> None:
        dock = self._control.dock
        has = dock.preset_combo.count() > 0
        dock.save_button.setEnabled(enabled)
        dock.recall_button.setEnabled(enabled and has)
        dock.delete_button.setEnabled(enabled and has)

    def close_dialogs(self) -> None:
        for dialog in (self.purpose_dialog, self.name_dialog, self.confirm_box):
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.reject()
                dialog.deleteLater()
        self.purpose_dialog = self.name_dialog = self.confirm_box = None
