"""Grants in the console (R6, R7, R15), from the Management menu:

- the **grants list** of the reader's units (a supervisor: their own unit and its people; an
  administrator: any unit, or all), by phase — in force, expiring soon, not started, ended —
  with **revoke** (a reason is required);
- the **emergency grant** (supervisors and administrators, R7): to a unit or a person, for
  cameras, camera groups or regions **picked in the camera tree** (typing codes remains as a
  fallback), some rights, from now for a bounded time, with the emergency stated;
- the **grant from an approved form** (administrators, 审批表): the same picking, with the
  form number, the period, the purpose and the approver.

The dialogs only collect and show. The centre decides who may do what to which unit's grants
(console/grants/commands.py), checks every bound and registers every command and refusal.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console.access.model import PermittedCatalogue
from console.api.admin_wire import GrantListing
from console.auth.results import SessionInfo
from console.catalog.tree import ROOT, CameraTree, Grouping, NodeKind
from console.codes import Right, Role, ShareType
from console.grants.commands import Command, Phase, may_at_all
from console.grants.model import Grantee, Scope
from console.policy import Policy
from console.services import Services
from console.views.camera_details import share_type_text
from console.views.camera_tree_model import CameraTreeModel
from console.views.reason_text import QT_TRANSLATE_NOOP, refusal_text
from console.views.register_dialog import RowsModel, table_view, time_text
from console.views.tasks import TaskRunner

_CONTEXT = "GrantText"
MAX_SCOPES = 200            # as the centre (console/grants/service.py)

PHASE_TEXTS: dict[str, str] = {
    Phase.PENDING: QT_TRANSLATE_NOOP("GrantText", "Not started"),
    Phase.IN_FORCE: QT_TRANSLATE_NOOP("GrantText", "In force"),
    Phase.EXPIRING: QT_TRANSLATE_NOOP("GrantText", "Expiring soon"),
    Phase.ENDED: QT_TRANSLATE_NOOP("GrantText", "Ended"),
}
RIGHT_TEXTS: dict[str, str] = {
    Right.LIVE: QT_TRANSLATE_NOOP("GrantText", "Live view"),
    Right.PTZ: QT_TRANSLATE_NOOP("GrantText", "PTZ"),
    Right.PLAYBACK: QT_TRANSLATE_NOOP("GrantText", "Playback"),
    Right.DOWNLOAD: QT_TRANSLATE_NOOP("GrantText", "Download"),
}
SCOPE_TEXTS: dict[str, str] = {
    "camera": QT_TRANSLATE_NOOP("GrantText", "Camera {value}"),
    "group": QT_TRANSLATE_NOOP("GrantText", "Camera group {value}"),
    "region": QT_TRANSLATE_NOOP("GrantText", "Region {value}"),
}
# (label, phases asked for; empty: every grant, ended ones too)
PHASE_FILTERS: list[tuple[str, tuple[Phase, ...]]] = [
    (QT_TRANSLATE_NOOP("GrantText", "Current (in force, expiring, not started)"),
     (Phase.IN_FORCE, Phase.EXPIRING, Phase.PENDING)),
    (QT_TRANSLATE_NOOP("GrantText", "Expiring soon"), (Phase.EXPIRING,)),
    (QT_TRANSLATE_NOOP("GrantText", "In force"), (Phase.IN_FORCE, Phase.EXPIRING)),
    (QT_TRANSLATE_NOOP("GrantText", "Not started"), (Phase.PENDING,)),
    (QT_TRANSLATE_NOOP("GrantText", "Ended (expired or revoked)"), (Phase.ENDED,)),
    (QT_TRANSLATE_NOOP("GrantText", "All"), ()),
]
LIST_SEPARATOR = QT_TRANSLATE_NOOP("GrantText", ", ")   # between rights in a list
_CODE = re.compile(r"\d{20}")
_REGION = re.compile(r"\d{2,12}")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def phase_text(phase: str) -> str:
    return _tr(PHASE_TEXTS.get(phase, phase))


def rights_text(rights: Sequence[str]) -> str:
    return _tr(LIST_SEPARATOR).join(_tr(RIGHT_TEXTS.get(r, r)) for r in rights)


def scope_text(scope: str, name: str = "") -> str:
    """"camera:3205…" → "Camera 金鸡湖东岸 3205…" (with the camera's or region's name)."""
    kind, _, value = scope.partition(":")
    if kind not in SCOPE_TEXTS:
        return scope
    return _tr(SCOPE_TEXTS[kind]).format(value=f"{name} {value}" if name else value)


def grantee_text(grantee: str, units: dict[str, str], people: dict[str, str]) -> str:
    kind, _, key = grantee.partition(":")
    name = (units if kind == "unit" else people).get(key)
    return f"{name} ({key})" if name else key


def to_utc(edit: QDateTimeEdit) -> datetime:
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)


# -- picking what a grant names ------------------------------------------------------------


class GrantScopePicker(QWidget):
    """Cameras, regions, a unit's or a category's cameras picked in the camera tree (the
    whole catalogue, not the picker's own rights), camera groups ticked in a list, and camera
    codes typed as a fallback. ``scopes()`` is what the grant names: a region node is the
    region (cameras added to it later are covered too); a unit or category node is its
    cameras, one by one; a camera already inside a picked region is not repeated."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, ordinary: bool = False) -> None:
        """``ordinary``: for a grant from a form (not an emergency grant), which cannot open
        a not-shared camera outside its owner unit: the summary counts those picked."""
        super().__init__(parent)
        self._ordinary = ordinary
        self.tree_model = CameraTreeModel(self)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Search by name, code or location"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._on_filter_changed)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setColumnHidden(CameraTreeModel.RIGHTS_COLUMN, True)
        self.tree.setHeaderHidden(True)
        self.tree.setMinimumHeight(220)
        self.tree.selectionModel().selectionChanged.connect(self._on_changed)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.details_label = QLabel()
        self.details_label.setProperty("role", "hint")
        self.group_boxes: dict[str, QCheckBox] = {}
        self.groups_row = QHBoxLayout()
        self.groups_row.setContentsMargins(0, 0, 0, 0)
        self.no_groups = QLabel(self.tr("No camera groups"))
        self.no_groups.setProperty("role", "hint")
        self.groups_row.addWidget(self.no_groups)
        self.groups_row.addStretch(1)
        self.codes_edit = QLineEdit()
        self.codes_edit.setPlaceholderText(self.tr(
            "Or type camera codes (20 digits) or region codes, separated by spaces"))
        self.codes_edit.textChanged.connect(self._on_changed)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setProperty("role", "hint")
        groups_label = QLabel(self.tr("Camera groups:"))
        groups_line = QHBoxLayout()
        groups_line.addWidget(groups_label)
        groups_line.addLayout(self.groups_row, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.details_label)
        layout.addLayout(groups_line)
        layout.addWidget(self.codes_edit)
        layout.addWidget(self.summary_label)
        self._update_summary()

    # -- what it offers ----------------------------------------------------------------------

    def set_catalogue(self, catalogue: PermittedCatalogue) -> None:
        self.tree_model.set_tree(CameraTree(catalogue, Grouping.REGION_FIRST))
        self.tree.expandToDepth(1)
        self._on_changed()

    def set_groups(self, groups: Sequence[tuple[str, str, int]]) -> None:
        """(name, description, camera count) of each camera group a grant can name."""
        for name, description, count in groups:
            box = QCheckBox(self.tr("{name} ({count})").format(name=name, count=count))
            box.setToolTip(description)
            box.toggled.connect(self._on_changed)
            self.group_boxes[name] = box
            self.groups_row.insertWidget(self.groups_row.count() - 1, box)
        self.no_groups.setVisible(not groups)

    def select_code(self, code: str) -> bool:
        """Select camera ``code`` in the tree (a tile's camera preselected); False: not in
        the tree (then it is typed instead)."""
        tree = self.tree_model.tree
        node = tree.node_for_code(code) if tree is not None else None
        if tree is None or node is None:
            if code:
                self.codes_edit.setText(code)
            return False
        index = self.tree_model.index_for_node(node)
        parent = tree.parent(node)
        while parent != ROOT:
            self.tree.expand(self.tree_model.index_for_node(parent))
            parent = tree.parent(parent)
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.tree.scrollTo(index)
        return True

    # -- what is picked ----------------------------------------------------------------------

    def typed_problems(self) -> list[str]:
        return [t for t in self._typed() if not (_CODE.fullmatch(t) or _REGION.fullmatch(t))]

    def scopes(self) -> list[Scope]:
        picked: list[Scope] = []
        tree = self.tree_model.tree
        if tree is not None:
            nodes = {self.tree_model.node(i) for i in self.tree.selectionModel().selectedRows()}
            for node in sorted(nodes):
                if self._inside_picked_region(tree, node, nodes):
                    continue
                kind = tree.kind(node)
                if kind == NodeKind.CAMERA:
                    picked.append(Scope("camera", tree.entry(node).code))
                elif kind == NodeKind.REGION:
                    picked.append(Scope("region", tree.group(node).key))
                else:                                   # a unit's or a category's cameras
                    lo, hi = tree.span(node)
                    picked.extend(Scope("camera", e.code) for e in tree.entries[lo:hi])
        picked.extend(Scope("group", name) for name, box in self.group_boxes.items()
                      if box.isChecked())
        for token in self._typed():
            if _CODE.fullmatch(token):
                picked.append(Scope("camera", token))
            elif _REGION.fullmatch(token):
                picked.append(Scope("region", token))
        unique: list[Scope] = []
        for scope in picked:
            if scope not in unique:
                unique.append(scope)
        return unique

    @staticmethod
    def _inside_picked_region(tree: CameraTree, node: int, nodes: set[int]) -> bool:
        parent = tree.parent(node)
        while parent != ROOT:
            if parent in nodes and tree.kind(parent) == NodeKind.REGION:
                return True
            if parent in nodes:      # a picked unit or category covers its cameras
                return True
            parent = tree.parent(parent)
        return False

    def _typed(self) -> list[str]:
        return [t for t in re.split(r"[\s,，;；、]+", self.codes_edit.text()) if t]

    @property
    def ready(self) -> bool:
        scopes = self.scopes()
        return bool(scopes) and len(scopes) <= MAX_SCOPES and not self.typed_problems()

    # -- slots -------------------------------------------------------------------------------

    @Slot(str)
    def _on_filter_changed(self, text: str) -> None:
        if self.tree_model.set_filter(text) and text.strip():
            self.tree.expandAll()
        self._on_changed()

    @Slot()
    def _on_changed(self) -> None:
        self._update_summary()
        self.changed.emit()

    @Slot(QModelIndex, QModelIndex)
    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.tree_model.entry(current)
        self.details_label.setText("" if entry is None else self.tr(
            "{name} · {code} · {share} · owner unit: {owner}").format(
                name=entry.name, code=entry.code, share=share_type_text(entry.share_type),
                owner=entry.owner_unit_name or entry.owner_unit_code))

    def not_shared_picked(self) -> int:
        """Picked cameras (one by one) that are not shared (不予共享)."""
        tree = self.tree_model.tree
        if tree is None:
            return 0
        entries = (tree.entry_for_code(s.value) for s in self.scopes() if s.kind == "camera")
        return sum(1 for e in entries if e is not None and e.share_type == ShareType.NOT_SHARED)

    def _update_summary(self) -> None:
        scopes = self.scopes()
        counts = {kind: sum(1 for s in scopes if s.kind == kind)
                  for kind in ("camera", "region", "group")}
        text = self.tr("Picked: {cameras} camera(s), {regions} region(s), {groups} camera "
                       "group(s)").format(cameras=counts["camera"], regions=counts["region"],
                                          groups=counts["group"])
        problems = self.typed_problems()
        not_shared = self.not_shared_picked() if self._ordinary else 0
        if not_shared:
            text += " · " + self.tr("{count} of them not shared: an ordinary grant opens them "
                                    "only for their owner unit").format(count=not_shared)
        if problems:
            text += " · " + self.tr("Not a camera or region code: {codes}").format(
                codes=" ".join(problems[:5]))
        elif len(scopes) > MAX_SCOPES:
            text += " · " + self.tr("At most {max} in one grant; pick a region or a camera "
                                    "group instead").format(max=MAX_SCOPES)
        self.summary_label.setText(text)


# -- the two grant dialogs ---------------------------------------------------------------


class _GrantDialog(QDialog):
    """Grantee, cameras (the picker) and rights; the subclass adds its own fields."""

    def __init__(self, units: list[tuple[str, str]], users: list[tuple[str, str]],
                 parent: QWidget | None, *, ordinary: bool = False) -> None:
        super().__init__(parent)
        self.setMinimumWidth(640)
        self.resize(760, 760)
        self._units, self._users = units, users
        self.heading = QLabel()
        self.heading.setProperty("role", "heading")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "hint")
        self.grantee_kind = QComboBox()
        self.grantee_kind.addItem(QCoreApplication.translate("GrantText", "Unit"), "unit")
        self.grantee_kind.addItem(QCoreApplication.translate("GrantText", "Person"), "user")
        self.grantee_combo = QComboBox()
        self.grantee_kind.currentIndexChanged.connect(self._on_grantee_kind_changed)
        grantee_row = QHBoxLayout()
        grantee_row.addWidget(self.grantee_kind)
        grantee_row.addWidget(self.grantee_combo, 1)
        self.picker = GrantScopePicker(ordinary=ordinary)
        self.picker.changed.connect(self._on_input_changed)
        self.right_boxes: dict[Right, QCheckBox] = {}
        rights_row = QHBoxLayout()
        for right in Right:
            box = QCheckBox(_tr(RIGHT_TEXTS[right]))
            box.setChecked(right == Right.LIVE)
            box.toggled.connect(self._on_input_changed)
            self.right_boxes[right] = box
            rights_row.addWidget(box)
        rights_row.addStretch(1)
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(QCoreApplication.translate("GrantText", "Grant to"), grantee_row)
        self.form.addRow(QCoreApplication.translate("GrantText", "Cameras"), self.picker)
        self.form.addRow(QCoreApplication.translate("GrantText", "Rights"), rights_row)
        self.error_label = QLabel()
        self.error_label.setProperty("role", "error")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("GrantText", "Issue grant"))
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.hint)
        layout.addLayout(self.form, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _finish(self) -> None:
        self._on_grantee_kind_changed()

    @property
    def ok_button_enabled(self) -> bool:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()

    def grantee(self) -> Grantee:
        key = str(self.grantee_combo.currentData())
        return Grantee(unit=key) if self.grantee_kind.currentData() == "unit" \
            else Grantee(user=key)

    def rights(self) -> list[str]:
        return [r.value for r, box in self.right_boxes.items() if box.isChecked()]

    def _fields_ready(self) -> bool:
        return True

    @Slot()
    def _on_grantee_kind_changed(self) -> None:
        self.grantee_combo.clear()
        for key, label in (self._units if self.grantee_kind.currentData() == "unit"
                           else self._users):
            self.grantee_combo.addItem(f"{label} ({key})", key)
        self._on_input_changed()

    @Slot()
    def _on_input_changed(self) -> None:
        ready = (bool(self.grantee_combo.currentData()) and self.picker.ready
                 and bool(self.rights()) and self._fields_ready())
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    @Slot()
    def _on_accepted(self) -> None:
        self.error_label.hide()
        self.buttons.setEnabled(False)
        self._emit()

    def _emit(self) -> None:
        raise NotImplementedError

    def show_refusal(self, text: str) -> None:
        self.buttons.setEnabled(True)
        self.error_label.setText(text)
        self.error_label.show()


class EmergencyGrantDialog(_GrantDialog):
    """A supervisor's emergency grant (应急授权, R7): starts now, ends by itself."""

    grant_requested = Signal(object, list, list, str, float, str)
    # grantee, scopes, rights, reason, hours, reference

    def __init__(self, units: list[tuple[str, str]], users: list[tuple[str, str]], *,
                 default_hours: int, max_hours: int, parent: QWidget | None = None) -> None:
        super().__init__(units, users, parent)
        self.setObjectName("emergencyGrantDialog")
        self.setWindowTitle(self.tr("Emergency grant"))
        self.heading.setText(self.tr("Time-limited emergency grant"))
        self.hint.setText(self.tr(
            "The grant starts now and ends by itself after the chosen time (at most {max} "
            "hours). It may open cameras that are not shared. It is recorded in the usage "
            "register with your name and the reason.").format(max=max_hours))
        self.hours_spin = QDoubleSpinBox()
        self.hours_spin.setRange(0.5, float(max_hours))
        self.hours_spin.setSingleStep(0.5)
        self.hours_spin.setDecimals(1)
        self.hours_spin.setValue(float(default_hours))
        self.hours_spin.setSuffix(self.tr(" h"))
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("The emergency: what happened, where"))
        self.reason_edit.setFixedHeight(64)
        self.reason_edit.textChanged.connect(self._on_input_changed)
        self.reference_edit = QLineEdit()
        self.reference_edit.setMaxLength(100)
        self.reference_edit.setPlaceholderText(self.tr("Incident number (optional)"))
        self.form.addRow(self.tr("Duration"), self.hours_spin)
        self.form.addRow(self.tr("Reason"), self.reason_edit)
        self.form.addRow(self.tr("Reference"), self.reference_edit)
        self._finish()

    def _fields_ready(self) -> bool:
        return bool(self.reason_edit.toPlainText().strip())

    def _emit(self) -> None:
        self.grant_requested.emit(self.grantee(), self.picker.scopes(), self.rights(),
                                  self.reason_edit.toPlainText().strip(),
                                  self.hours_spin.value(), self.reference_edit.text().strip())


class GrantFormDialog(_GrantDialog):
    """An administrator records an approved application form (审批表) as grants."""

    grant_requested = Signal(object, list, list, object, object, str, str, str)
    # grantee, scopes, rights, valid_from, valid_to, purpose, approver, form number

    def __init__(self, units: list[tuple[str, str]], users: list[tuple[str, str]], *,
                 parent: QWidget | None = None) -> None:
        super().__init__(units, users, parent, ordinary=True)
        self.setObjectName("grantFormDialog")
        self.setWindowTitle(self.tr("Grant from an approved form"))
        self.heading.setText(self.tr("Grant from an approved application form"))
        self.hint.setText(self.tr(
            "Enter the approved form: its number, the period, the purpose and who approved "
            "it. A camera that is not shared opens only for its owner unit; an ordinary "
            "grant cannot open it for anyone else. The grant is recorded in the usage "
            "register."))
        self.reference_edit = QLineEdit()
        self.reference_edit.setMaxLength(100)
        self.reference_edit.setPlaceholderText(self.tr("Number of the approved form"))
        now = QDateTime.currentDateTime()
        self.from_edit = QDateTimeEdit(now)
        self.to_edit = QDateTimeEdit(now.addDays(90))
        for edit in (self.from_edit, self.to_edit):
            edit.setDisplayFormat("yyyy-MM-dd HH:mm")
            edit.setCalendarPopup(True)
            edit.dateTimeChanged.connect(self._on_input_changed)
        period = QHBoxLayout()
        period.addWidget(self.from_edit)
        period.addWidget(QLabel("—"))
        period.addWidget(self.to_edit)
        period.addStretch(1)
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setMaxLength(300)
        self.purpose_edit.setPlaceholderText(self.tr("The purpose stated on the form"))
        self.approver_edit = QLineEdit()
        self.approver_edit.setMaxLength(100)
        self.approver_edit.setPlaceholderText(self.tr("Who approved it (unit, name)"))
        for line in (self.reference_edit, self.purpose_edit, self.approver_edit):
            line.textChanged.connect(self._on_input_changed)
        self.form.insertRow(0, self.tr("Form number"), self.reference_edit)
        self.form.addRow(self.tr("Period"), period)
        self.form.addRow(self.tr("Purpose"), self.purpose_edit)
        self.form.addRow(self.tr("Approver"), self.approver_edit)
        self._finish()

    def _fields_ready(self) -> bool:
        return (all(e.text().strip() for e in (self.reference_edit, self.purpose_edit,
                                               self.approver_edit))
                and self.to_edit.dateTime() > self.from_edit.dateTime())

    def _emit(self) -> None:
        self.grant_requested.emit(self.grantee(), self.picker.scopes(), self.rights(),
                                  to_utc(self.from_edit), to_utc(self.to_edit),
                                  self.purpose_edit.text().strip(),
                                  self.approver_edit.text().strip(),
                                  self.reference_edit.text().strip())


# -- opening them: what they offer comes from the centre -----------------------------------


@dataclass
class _Offer:
    units: list[tuple[str, str]]
    users: list[tuple[str, str]]
    catalogue: PermittedCatalogue | None
    groups: list[tuple[str, str, int]]
    problem: BaseException | None = None


class GrantIssuer(QObject):
    """Opens the emergency grant or the form dialog with what it offers (grantees: a
    supervisor is offered their own unit and its people; the whole catalogue for picking;
    the camera groups), issues what it asks for and reports."""

    issued = Signal(list)               # the new grants' ids

    def __init__(self, services: Services, runner: TaskRunner, session: SessionInfo,
                 policy: Policy, window: QWidget, notice: Callable[[str], None]) -> None:
        super().__init__(window)
        self._services, self._runner, self._session = services, runner, session
        self._policy, self._window, self._notice = policy, window, notice
        self.dialog: _GrantDialog | None = None

    def close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.reject()

    def open_emergency(self, camera_code: str = "") -> None:
        self._load(lambda offer: self._open(offer, emergency=True, camera_code=camera_code))

    def open_form(self) -> None:
        self._load(lambda offer: self._open(offer, emergency=False))

    def _load(self, then: Callable[[_Offer], None]) -> None:
        services, sid, session = self._services, self._session.session_id, self._session

        def offer() -> _Offer:
            own_only = session.role != Role.ADMINISTRATOR
            units = [(u.code, u.name) for u in services.admin.list_units()
                     if not own_only or u.code == session.unit_code]
            users = [(u.account, u.real_name) for u in services.admin.list_users()
                     if not own_only or u.unit == session.unit_code]
            problem: BaseException | None = None
            catalogue, groups = None, []
            try:
                catalogue = services.grants.targets(sid)
                groups = services.grants.groups(sid)
            except Exception as exc:   # the dialog opens and says why it has no tree
                problem = exc
            return _Offer(units, users, catalogue, groups, problem)

        self._runner.submit(offer, then, self._on_load_failed, owner=self)

    def _on_load_failed(self, error: BaseException) -> None:
        self._notice(refusal_text(error))

    def _open(self, offer: _Offer, *, emergency: bool, camera_code: str = "") -> None:
        self.close_dialog()
        dialog: _GrantDialog
        if emergency:
            emergency_dialog = EmergencyGrantDialog(
                offer.units, offer.users,
                default_hours=self._policy.emergency_grant_default_hours,
                max_hours=self._policy.emergency_grant_max_hours, parent=self._window)
            emergency_dialog.grant_requested.connect(self._on_emergency_requested)
            dialog = emergency_dialog
        else:
            form_dialog = GrantFormDialog(offer.units, offer.users, parent=self._window)
            form_dialog.grant_requested.connect(self._on_form_requested)
            dialog = form_dialog
        if offer.catalogue is not None:
            dialog.picker.set_catalogue(offer.catalogue)
        dialog.picker.set_groups(offer.groups)
        if camera_code:
            dialog.picker.select_code(camera_code)
        if offer.problem is not None:
            dialog.error_label.setText(refusal_text(offer.problem))
            dialog.error_label.show()
        dialog.finished.connect(self._on_dialog_finished)
        self.dialog = dialog
        dialog.open()

    @Slot(object, list, list, str, float, str)
    def _on_emergency_requested(self, grantee: Grantee, scopes: list[Scope],
                                rights: list[str], reason: str, hours: float,
                                reference: str) -> None:
        grants, sid = self._services.grants, self._session.session_id
        self._runner.submit(
            lambda: grants.issue_emergency_set(sid, grantee, scopes, rights, reason=reason,
                                               hours=hours, reference=reference),
            self._on_emergency_issued, self._on_refused, owner=self)

    @Slot(object, list, list, object, object, str, str, str)
    def _on_form_requested(self, grantee: Grantee, scopes: list[Scope], rights: list[str],
                           valid_from: datetime, valid_to: datetime, purpose: str,
                           approver: str, reference: str) -> None:
        grants, sid = self._services.grants, self._session.session_id
        self._runner.submit(
            lambda: grants.issue_set(sid, grantee, scopes, rights, valid_from, valid_to,
                                     purpose=purpose, approver=approver, reference=reference),
            self._on_form_issued, self._on_refused, owner=self)

    def _on_emergency_issued(self, ids: list[int]) -> None:
        self._done(ids, self.tr("Emergency grant #{id} issued. It ends by itself.")
                   .format(id=", #".join(str(i) for i in ids)))

    def _on_form_issued(self, ids: list[int]) -> None:
        self._done(ids, self.tr("Grant #{id} recorded.").format(
            id=", #".join(str(i) for i in ids)))

    def _done(self, ids: list[int], text: str) -> None:
        if self.dialog is not None:
            self.dialog.accept()
        self._notice(text)
        self.issued.emit(ids)

    def _on_refused(self, error: BaseException) -> None:
        if self.dialog is not None:
            self.dialog.show_refusal(refusal_text(error))

    @Slot(int)
    def _on_dialog_finished(self, _result: int) -> None:
        sender = self.sender()
        if sender is self.dialog and self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None


# -- the list -------------------------------------------------------------------------------


class RevokeDialog(QDialog):
    """Why a grant ends now (required: it goes into the usage register)."""

    def __init__(self, row: GrantListing, description: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("revokeGrantDialog")
        self.setWindowTitle(self.tr("Revoke grant"))
        self.setMinimumWidth(460)
        text = QLabel(self.tr("Revoke grant #{id}: {what}. Views it opened close within "
                              "seconds.").format(id=row.id, what=description))
        text.setWordWrap(True)
        self.reason_edit = QPlainTextEdit()
        self.reason_edit.setPlaceholderText(self.tr("Reason (required)"))
        self.reason_edit.setFixedHeight(72)
        self.reason_edit.textChanged.connect(self._on_changed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Revoke"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.reason_edit)
        layout.addWidget(self.buttons)
        self._on_changed()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    @Slot()
    def _on_changed(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.reason()))


class GrantsDialog(QDialog):
    """The grants of the reader's units by phase, with revoke, and the emergency grant and
    (administrators) the approved form's grant."""

    def __init__(self, services: Services, runner: TaskRunner, session: SessionInfo,
                 issuer: GrantIssuer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("grantsDialog")
        self.setWindowTitle(self.tr("Grants"))
        self.resize(1180, 620)
        self._services, self._runner, self._session = services, runner, session
        self._issuer = issuer
        self._units: dict[str, str] = {}
        self._people: dict[str, str] = {}
        self.revoke_dialog: RevokeDialog | None = None
        admin = session.role == Role.ADMINISTRATOR

        self.phase_combo = QComboBox()
        for text, phases in PHASE_FILTERS:
            self.phase_combo.addItem(_tr(text), phases)
        self.phase_combo.currentIndexChanged.connect(self.refresh)
        self.unit_combo = QComboBox()
        if admin:
            self.unit_combo.addItem(self.tr("Every unit"), "")
        else:
            self.unit_combo.addItem(f"{session.unit_name} ({session.unit_code})",
                                    session.unit_code)
            self.unit_combo.setEnabled(False)
        self.unit_combo.currentIndexChanged.connect(self.refresh)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.model: RowsModel[GrantListing] = RowsModel([
            ("", lambda r: f"#{r.id}"), ("", lambda r: phase_text(r.phase)),
            ("", self._kind_text),
            ("", lambda r: grantee_text(r.grantee, self._units, self._people)),
            ("", lambda r: scope_text(r.scope, r.scope_name)),
            ("", lambda r: rights_text(r.rights)), ("", lambda r: time_text(r.valid_from)),
            ("", lambda r: time_text(r.valid_to)), ("", lambda r: r.purpose),
            ("", lambda r: r.approver), ("", lambda r: r.reference),
            ("", self._revoked_text)], self)
        self.model.set_headers([
            self.tr("No."), self.tr("State"), self.tr("Kind"), self.tr("Granted to"),
            self.tr("Cameras"), self.tr("Rights"), self.tr("From"), self.tr("Until"),
            self.tr("Purpose / reason"), self.tr("Approver"), self.tr("Form number"),
            self.tr("Revoked")])
        self.table = table_view(self.model)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)
        self.count_label = QLabel()
        self.notice_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setProperty("role", "error")
        self.error_label.hide()
        self.emergency_button = QPushButton(self.tr("Emergency grant…"))
        self.emergency_button.clicked.connect(self._on_emergency_clicked)
        self.form_button = QPushButton(self.tr("Grant from a form…"))
        self.form_button.clicked.connect(self._on_form_clicked)
        self.form_button.setVisible(may_at_all(Command.ISSUE, session.role))
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.revoke_button.clicked.connect(self.ask_revoke)
        self.revoke_button.setEnabled(False)
        for button in (self.emergency_button, self.form_button, self.revoke_button,
                       self.refresh_button):
            button.setAutoDefault(False)
        issuer.issued.connect(self._on_issued)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show")))
        top.addWidget(self.phase_combo)
        top.addWidget(QLabel(self.tr("Unit")))
        top.addWidget(self.unit_combo, 1)
        top.addWidget(self.refresh_button)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label)
        actions.addWidget(self.notice_label, 1)
        actions.addWidget(self.emergency_button)
        actions.addWidget(self.form_button)
        actions.addWidget(self.revoke_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(actions)
        layout.addWidget(close)

    # -- what it shows -----------------------------------------------------------------------

    def set_directory(self, units: Sequence[tuple[str, str]],
                      people: Sequence[tuple[str, str]]) -> None:
        """Names for the codes the list shows; an administrator's unit filter."""
        self._units, self._people = dict(units), dict(people)
        if self._session.role == Role.ADMINISTRATOR:
            self.unit_combo.blockSignals(True)
            for code, name in units:
                self.unit_combo.addItem(f"{name} ({code})", code)
            self.unit_combo.blockSignals(False)

    def _kind_text(self, row: GrantListing) -> str:
        return self.tr("Emergency") if row.emergency else self.tr("Approved form")

    def _revoked_text(self, row: GrantListing) -> str:
        if row.revoked_at is None:
            return ""
        return self.tr("{when} by {who}: {reason}").format(
            when=time_text(row.revoked_at), who=row.revoked_by or "",
            reason=row.revoke_reason or "")

    def selected(self) -> GrantListing | None:
        index = self.table.currentIndex()
        return self.model.rows[index.row()] if index.isValid() else None

    # -- reading -----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        grants, sid = self._services.grants, self._session.session_id
        phases: tuple[Phase, ...] = self.phase_combo.currentData() or ()
        unit = str(self.unit_combo.currentData() or "") or None

        def listing() -> list[GrantListing]:
            return grants.list_grants(sid, of_unit=unit, phases=phases,
                                      include_ended=not phases)

        self._runner.submit(listing, self._on_listed, self._on_failed, owner=self)

    def _on_listed(self, rows: list[GrantListing]) -> None:
        keep = self.selected()
        rows = sorted(rows, key=lambda r: r.valid_to)
        self.model.reset(rows)
        self.error_label.hide()
        self.count_label.setText(self.tr("%n grant(s)", "", len(rows)))
        if keep is not None:
            for n, row in enumerate(rows):
                if row.id == keep.id:
                    self.table.selectRow(n)
        self._update_buttons()

    def _on_failed(self, error: BaseException) -> None:
        self.error_label.setText(refusal_text(error))
        self.error_label.show()

    @Slot(QModelIndex, QModelIndex)
    def _on_row_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.selected()
        # convenience only: the centre decides (a supervisor: their unit's emergency grants)
        self.revoke_button.setEnabled(
            row is not None and row.phase != Phase.ENDED
            and (row.emergency or self._session.role == Role.ADMINISTRATOR))

    @Slot()
    def _on_emergency_clicked(self) -> None:
        self._issuer.open_emergency()

    @Slot()
    def _on_form_clicked(self) -> None:
        self._issuer.open_form()

    @Slot(list)
    def _on_issued(self, ids: list[int]) -> None:
        self.notice_label.setText(self.tr("Grant #{id} issued.").format(
            id=", #".join(str(i) for i in ids)))
        self.refresh()

    # -- revoking ----------------------------------------------------------------------------

    @Slot()
    def ask_revoke(self) -> None:
        row = self.selected()
        if row is None:
            return
        who = grantee_text(row.grantee, self._units, self._people)
        what = f"{who} · {scope_text(row.scope, row.scope_name)}"
        dialog = RevokeDialog(row, what, self)
        dialog.accepted.connect(lambda: self.revoke(row.id, dialog.reason()))
        dialog.finished.connect(dialog.deleteLater)
        self.revoke_dialog = dialog
        dialog.open()

    def revoke(self, grant_id: int, reason: str) -> None:
        grants, sid = self._services.grants, self._session.session_id
        self._runner.submit(lambda: grants.revoke(sid, grant_id, reason),
                            lambda _none: self._on_revoked(grant_id), self._on_failed,
                            owner=self)

    def _on_revoked(self, grant_id: int) -> None:
        self.notice_label.setText(self.tr("Grant #{id} revoked.").format(id=grant_id))
        self.refresh()
