"""The camera dock: search as you type, the grouping switch, a status line, the permitted
camera tree and the details of the selected camera (R4, R6).

A camera is opened by double-click, Enter or the context menu; the dock only asks
(``camera_open_requested``), the main window opens it through the access service. The tree
is rebuilt off the GUI thread when the catalogue changes; the search text, grouping,
expanded groups and the selection survive the rebuild where the new tree still has them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from console.access.model import CameraEntry, PermittedCatalogue
from console.api.diagnosis_wire import DiagnosisRow
from console.api.ptz_wire import HomePicture
from console.catalog.tree import ROOT, CameraTree, Grouping, KeyPath
from console.views.camera_details import CameraDetails, home_picture_text
from console.views.camera_tree_model import CameraTreeModel
from console.views.reason_text import error_text
from console.views.right_icons import RIGHT_STRIP_WIDTH
from console.views.tasks import TaskRunner


@dataclass(frozen=True)
class HomePictureCalls:
    """What the details panel asks the centre about a PTZ camera's picture at home."""

    read: Callable[[str], HomePicture | None]
    record: Callable[[str], HomePicture]

AUTO_EXPAND_LIMIT = 300   # a search with at most this many matches is shown expanded


class CameraTreeView(QTreeView):
    """The tree without Qt's built-in Ctrl+C, which would put the current camera's name on
    the system clipboard (R9: catalogue data is not copied out of the console)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
                QKeySequence.StandardKey.Cut):
            event.accept()
            return
        super().keyPressEvent(event)


class CameraDock(QDockWidget):
    camera_open_requested = Signal(object)  # CameraEntry

    def __init__(self, parent: QWidget | None = None, *, runner: TaskRunner | None = None,
                 details: Callable[[CameraEntry], CameraEntry] | None = None,
                 diagnosis: Callable[[str], DiagnosisRow | None] | None = None,
                 home_pictures: HomePictureCalls | None = None) -> None:
        """``runner`` builds trees and reads details off the GUI thread (inline without one);
        ``details`` fills in a camera's details (AccessService.details) when it is selected;
        ``diagnosis`` (supervisors and administrators) reads its last automatic check;
        ``home_pictures`` (administrators) reads and records a PTZ camera's reference
        picture at home on the centre."""
        super().__init__(self.tr("Monitoring points"), parent)
        self.setObjectName("cameraDock")
        # Not floatable: a floating dock would escape the lock screen.
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self._runner = runner
        self._load_details = details
        self._details: dict[str, CameraEntry] = {}    # code -> entry with details, this load
        self._catalogue: PermittedCatalogue | None = None
        self._trees: dict[Grouping, CameraTree] = {}
        self._grouping = Grouping.REGION_FIRST
        self._expanded_before_search: list[KeyPath] | None = None
        self._menu: QMenu | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("cameraSearch")
        self.search_edit.setPlaceholderText(self.tr("Search monitoring points"))
        self.search_edit.setToolTip(self.tr(
            "Name, code or location; several words separated by spaces must all match."))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.grouping_combo = QComboBox()
        self.grouping_combo.setObjectName("groupingCombo")
        self.grouping_combo.addItem(self.tr("Region → owner unit → category"),
                                    Grouping.REGION_FIRST.value)
        self.grouping_combo.addItem(self.tr("Owner unit → region → category"),
                                    Grouping.UNIT_FIRST.value)
        self.grouping_combo.currentIndexChanged.connect(self._on_grouping_changed)
        self.grouping_label = QLabel(self.tr("Group by"))
        self.grouping_label.setBuddy(self.grouping_combo)
        self.status_label = QLabel()
        self.status_label.setObjectName("cameraStatus")
        self.status_label.setProperty("role", "muted")

        self.model = CameraTreeModel(self)
        self.tree = CameraTreeView()
        self.tree.setObjectName("cameraTree")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(14)           # five levels deep: keep the names readable
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(CameraTreeModel.NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        # the rights strip has one width: no need to measure 10^5 rows for it
        header.setSectionResizeMode(CameraTreeModel.RIGHTS_COLUMN, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(CameraTreeModel.RIGHTS_COLUMN, RIGHT_STRIP_WIDTH + 12)
        self.tree.activated.connect(self._on_tree_activated)
        self.tree.customContextMenuRequested.connect(self._on_context_menu_requested)
        selection = self.tree.selectionModel()
        selection.currentChanged.connect(self._on_current_changed)

        self.details = CameraDetails()
        self._load_diagnosis = diagnosis
        self.details.set_diagnosis_shown(diagnosis is not None)
        self._home_pictures = home_pictures
        self.details.set_home_picture_shown(home_pictures is not None)
        self.details.record_home_picture_requested.connect(self._on_record_home_picture)
        self.record_confirm: QMessageBox | None = None
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.empty_label = QLabel()
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setContentsMargins(12, 36, 12, 12)
        browser = QWidget()
        browser_layout = QVBoxLayout(browser)
        browser_layout.setContentsMargins(0, 0, 0, 0)
        browser_layout.setSpacing(6)
        browser_layout.addWidget(self.status_label)
        browser_layout.addWidget(self.splitter, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(browser)

        grouping_row = QHBoxLayout()
        grouping_row.setSpacing(6)
        grouping_row.addWidget(self.grouping_label)
        grouping_row.addWidget(self.grouping_combo, 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.search_edit)
        layout.addLayout(grouping_row)
        layout.addWidget(self.pages, 1)
        self.setWidget(body)
        self.setMinimumWidth(300)
        self._update_status()

    # -- what it shows -------------------------------------------------------------------------

    @property
    def catalogue(self) -> PermittedCatalogue | None:
        return self._catalogue

    @property
    def grouping(self) -> Grouping:
        return self._grouping

    def set_catalogue(self, catalogue: PermittedCatalogue) -> None:
        """Show the cameras of a (re)loaded catalogue; the tree is built in the background."""
        self._catalogue = catalogue
        self._trees = {}
        self._details = {}
        self._build_tree()

    def set_grouping(self, grouping: Grouping) -> None:
        self.grouping_combo.setCurrentIndex(self.grouping_combo.findData(grouping.value))

    def entry_for_code(self, code: str) -> CameraEntry | None:
        tree = self.model.tree
        return tree.entry_for_code(code) if tree is not None else None

    def current_entry(self) -> CameraEntry | None:
        return self.model.entry(self.tree.currentIndex())

    def select_camera(self, code: str) -> bool:
        """Make ``code`` the current row (its groups expanded); False if it is not shown."""
        tree = self.model.tree
        node = tree.node_for_code(code) if tree is not None else None
        return node is not None and self._select_node(node)

    def open_menu_for(self, index: QModelIndex) -> QMenu | None:
        """The context menu of a row (built, not shown): cameras can be opened from it."""
        entry = self.model.entry(index)
        if entry is None:
            return None
        menu = QMenu(self)
        action = menu.addAction(self.tr("Open in a free tile"))
        action.triggered.connect(lambda: self.camera_open_requested.emit(entry))
        return menu

    # -- building the tree ---------------------------------------------------------------------

    def _build_tree(self) -> None:
        catalogue, grouping = self._catalogue, self._grouping
        if catalogue is None:
            return
        known = self._trees.get(grouping)
        if known is not None:
            self._show_tree(known)
        elif self._runner is None:
            self._on_tree_built(CameraTree(catalogue, grouping))
        else:
            self._update_status(loading=True)
            self._runner.submit(lambda: CameraTree(catalogue, grouping), self._on_tree_built,
                                owner=self)

    def _on_tree_built(self, tree: CameraTree) -> None:
        if tree.catalogue is not self._catalogue:
            return  # a newer catalogue arrived meanwhile; its own tree is on the way
        self._trees[tree.grouping] = tree
        if tree.grouping == self._grouping:
            self._show_tree(tree)

    def _show_tree(self, tree: CameraTree) -> None:
        old = self.model.tree
        same_grouping = old is not None and old.grouping == tree.grouping
        expanded = self._expanded_paths() if same_grouping else []
        current = self._current_key()
        scroll = self.tree.verticalScrollBar().value()
        tree.set_filter(self.search_edit.text())
        self.model.set_tree(tree)
        if tree.filtering and tree.match_count <= AUTO_EXPAND_LIMIT:
            self.tree.expandAll()
        else:
            self._expand(expanded)
            if not tree.filtering and old is not None and not same_grouping:
                self._expanded_before_search = None
        if current is not None:
            self._select_key(current)
        if same_grouping:
            self.tree.verticalScrollBar().setValue(scroll)
        self.pages.setCurrentIndex(1 if tree.size else 0)
        self._update_status()
        self._on_current_changed(self.tree.currentIndex(), QModelIndex())

    # -- expansion and selection, by key path (they survive a rebuild) --------------------------

    def _expanded_paths(self) -> list[KeyPath]:
        tree, model = self.model.tree, self.model
        if tree is None:
            return []
        paths: list[KeyPath] = []
        pending = [QModelIndex()]
        while pending:
            parent = pending.pop()
            for row in range(model.rowCount(parent)):
                index = model.index(row, 0, parent)
                node = model.node(index)
                if not tree.is_camera(node) and self.tree.isExpanded(index):
                    paths.append(tree.key_path(node))
                    pending.append(index)
        return paths

    def _expand(self, paths: list[KeyPath]) -> None:
        tree = self.model.tree
        if tree is None:
            return
        for path in sorted(paths, key=len):
            node = tree.find(path)
            if node is not None and tree.is_visible(node):
                self.tree.expand(self.model.index_for_node(node))

    def _current_key(self) -> KeyPath | None:
        tree, index = self.model.tree, self.tree.currentIndex()
        if tree is None or not index.isValid():
            return None
        return tree.key_path(self.model.node(index))

    def _select_key(self, path: KeyPath) -> bool:
        tree = self.model.tree
        node = tree.find(path) if tree is not None else None
        return node is not None and self._select_node(node)

    def _select_node(self, node: int) -> bool:
        tree = self.model.tree
        if tree is None or not tree.is_visible(node):
            return False
        up = tree.parent(node)
        while up != ROOT:  # the groups above it open, so it can be seen
            self.tree.expand(self.model.index_for_node(up))
            up = tree.parent(up)
        index = self.model.index_for_node(node)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    # -- reacting --------------------------------------------------------------------------------

    @Slot(str)
    def _on_search_text_changed(self, text: str) -> None:
        tree = self.model.tree
        if tree is None:
            return
        if not tree.filtering and text.strip():
            self._expanded_before_search = self._expanded_paths()
        current = self._current_key()
        if not self.model.set_filter(text):
            self._update_status()
            return
        if tree.filtering:
            if tree.match_count <= AUTO_EXPAND_LIMIT:
                self.tree.expandAll()
        else:  # cleared: the groups open before the search open again
            self._expand(self._expanded_before_search or [])
            self._expanded_before_search = None
        if current is not None:
            self._select_key(current)
        self._update_status()

    @Slot(int)
    def _on_grouping_changed(self, _row: int) -> None:
        self._grouping = Grouping(self.grouping_combo.currentData())
        self._build_tree()

    @Slot(QModelIndex)
    def _on_tree_activated(self, index: QModelIndex) -> None:
        entry = self.model.entry(index)
        if entry is not None:
            self.camera_open_requested.emit(entry)

    @Slot(QPoint)
    def _on_context_menu_requested(self, pos: QPoint) -> None:
        menu = self.open_menu_for(self.tree.indexAt(pos))
        if menu is None:
            return
        if self._menu is not None:
            self._menu.deleteLater()
        self._menu = menu
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    def _on_current_changed(self, current: QModelIndex | QPersistentModelIndex,
                            _previous: QModelIndex | QPersistentModelIndex) -> None:
        tree = self.model.tree
        entry = self.model.entry(current)
        if tree is None or entry is None:
            self.details.show_entry(None)
            return
        loaded = self._details.get(entry.code)
        load = self._load_details
        if loaded is not None or entry.details_loaded or load is None:
            self.details.show_entry(loaded or entry, tree.region_names(entry))
            self._read_diagnosis(entry.code)
            self._read_home_picture(entry)
            return
        self.details.show_entry(entry, tree.region_names(entry), loading=True)
        self._read_diagnosis(entry.code)
        self._read_home_picture(entry)
        if self._runner is None:
            self._on_details_loaded(load(entry))
        else:
            self._runner.submit(lambda: load(entry), self._on_details_loaded,
                                self._on_details_failed, owner=self)

    def _read_diagnosis(self, code: str) -> None:
        load = self._load_diagnosis
        if load is None:
            return
        if self._runner is None:
            self._on_diagnosis(load(code))
        else:
            self._runner.submit(lambda: load(code), self._on_diagnosis,
                                lambda _error: self._on_diagnosis(None), owner=self)

    # -- a PTZ camera's reference picture at home (administrators) -------------------------

    def _read_home_picture(self, entry: CameraEntry) -> None:
        calls = self._home_pictures
        if calls is None or not entry.ptz_capable:
            return
        code = entry.code
        self._run(lambda: calls.read(code),
                  lambda picture: self.details.show_home_picture(code,
                                                                 home_picture_text(picture)),
                  lambda error: self.details.show_home_picture(code, error_text(error)))

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None],
             failed: Callable[[BaseException], None]) -> None:
        if self._runner is None:
            try:
                result = work()
            except Exception as exc:
                failed(exc)
                return
            done(result)
        else:
            self._runner.submit(work, done, failed, owner=self)

    def _on_record_home_picture(self, code: str) -> None:
        entry = self.details.entry
        name = entry.name if entry is not None and entry.code == code else code
        box = self.record_confirm = QMessageBox(
            QMessageBox.Icon.Question, self.tr("Record the picture at home"),
            self.tr("The centre sends {camera} to its home preset and records its picture "
                    "there. Returns home through the city platform are then verified "
                    "against it. Record it now?").format(camera=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.finished.connect(lambda answer: self._on_record_confirmed(code, answer))
        box.open()

    def _on_record_confirmed(self, code: str, answer: int) -> None:
        self.record_confirm = None
        calls = self._home_pictures
        if calls is None or answer != QMessageBox.StandardButton.Yes:
            return
        self.details.show_home_picture(code, self.tr("Recording: the camera is going home…"),
                                       busy=True)
        self._run(lambda: calls.record(code),
                  lambda picture: self.details.show_home_picture(
                      code, home_picture_text(picture)),
                  lambda error: self.details.show_home_picture(
                      code, self.tr("Not recorded: {reason}").format(
                          reason=error_text(error))))

    def _on_diagnosis(self, row: DiagnosisRow | None) -> None:
        self.details.show_diagnosis(row)

    def _on_details_loaded(self, entry: CameraEntry) -> None:
        tree, shown = self.model.tree, self.details.entry
        if tree is None or shown is None or shown.code != entry.code:
            return  # the selection moved on meanwhile
        if entry.details_loaded:
            self._details[entry.code] = entry
        self.details.show_entry(entry, tree.region_names(entry))

    def _on_details_failed(self, _error: BaseException) -> None:
        tree, shown = self.model.tree, self.details.entry
        if tree is not None and shown is not None:
            self.details.show_entry(shown, tree.region_names(shown))

    def _update_status(self, *, loading: bool = False) -> None:
        tree = self.model.tree
        if tree is None or loading:
            self.status_label.setText(self.tr("Loading monitoring points…"))
            if tree is None:
                self.empty_label.setText(self.status_label.text())
            return
        if not tree.filtering:
            self.status_label.setText(self.tr("%n monitoring point(s), {online} online", "",
                                              tree.size).format(online=tree.online()))
        elif tree.match_count:
            self.status_label.setText(self.tr("%n match(es)", "", tree.match_count))
        else:
            self.status_label.setText(self.tr("No monitoring point matches the search."))
        self.empty_label.setText(self._empty_text())

    def _empty_text(self) -> str:
        return self.tr("No monitoring points.\nYou hold no right on any monitoring point; "
                       "your unit can apply for a grant.")
