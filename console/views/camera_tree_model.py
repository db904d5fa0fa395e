"""The Qt item model over the Qt-free camera tree (console/catalog/tree.py).

Lazy: ``rowCount``/``index`` ask the tree only for the children of the rows the view shows.
An index carries the tree's integer node id as its internal id (never a Python object
pointer that the garbage collector could free). Filtering resets the model with the tree's
new match set; the dock expands small results.

Dragging a camera carries only its code, in a private MIME type: nothing a text editor, an
image viewer or the system clipboard would take.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)

from console.access.model import CameraEntry
from console.catalog.tree import ROOT, CameraTree, NodeKind, search_terms
from console.views.right_icons import (
    GLYPH,
    RIGHT_STRIP_WIDTH,
    camera_icon,
    group_icon,
    right_lines,
    rights_pixmap,
)

CAMERA_MIME_TYPE = "application/x-city-video-console.camera-code"
CAMERA_ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1   # the CameraEntry of a camera row
NODE_KIND_ROLE = Qt.ItemDataRole.UserRole + 2      # NodeKind of the row
NODE_ID_ROLE = Qt.ItemDataRole.UserRole + 3        # the tree's node id

AnyIndex = QModelIndex | QPersistentModelIndex


def encode_codes(codes: Sequence[str]) -> QMimeData:
    data = QMimeData()
    data.setData(CAMERA_MIME_TYPE, "\n".join(codes).encode("utf-8"))
    return data


def decode_codes(data: QMimeData | None) -> list[str]:
    if data is None or not data.hasFormat(CAMERA_MIME_TYPE):
        return []
    raw = bytes(data.data(CAMERA_MIME_TYPE).data()).decode("utf-8", "replace")
    return [code for code in raw.split("\n") if code]


class CameraTreeModel(QAbstractItemModel):
    NAME_COLUMN, RIGHTS_COLUMN = 0, 1

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tree: CameraTree | None = None

    # -- what it shows -------------------------------------------------------------------------

    @property
    def tree(self) -> CameraTree | None:
        return self._tree

    def set_tree(self, tree: CameraTree | None) -> None:
        """Show another tree (a reloaded catalogue, another grouping); its filter is kept."""
        self.beginResetModel()
        self._tree = tree
        self.endResetModel()

    def set_filter(self, text: str) -> bool:
        """Filter by ``text``; resets the model only when the visible set may change."""
        tree = self._tree
        if tree is None:
            return False
        if search_terms(text) == tree.terms:
            tree.set_filter(text)  # only spacing or case changed: nothing to redraw
            return False
        self.beginResetModel()
        try:
            changed = tree.set_filter(text)
        finally:
            self.endResetModel()
        return changed

    def node(self, index: AnyIndex) -> int:
        return index.internalId() if index.isValid() else ROOT

    def index_for_node(self, node: int, column: int = 0) -> QModelIndex:
        tree = self._tree
        if tree is None or node == ROOT or not tree.is_visible(node):
            return QModelIndex()
        return self.createIndex(tree.row(node), column, node)

    def entry(self, index: AnyIndex) -> CameraEntry | None:
        tree = self._tree
        if tree is None or not index.isValid() or not tree.is_camera(index.internalId()):
            return None
        return tree.entry(index.internalId())

    # -- QAbstractItemModel --------------------------------------------------------------------

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        tree = self._tree
        if tree is None or parent.column() > 0:
            return 0
        return tree.child_count(self.node(parent))

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:  # noqa: B008
        tree = self._tree
        if tree is None or parent.column() > 0:
            return False
        node = self.node(parent)
        if node == ROOT:
            return tree.matched() > 0
        return not tree.is_camera(node)  # a visible group always has a visible child

    def index(self, row: int, column: int,
              parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        tree = self._tree
        if tree is None or column not in (0, 1) or row < 0 or parent.column() > 0:
            return QModelIndex()
        children = tree.children(self.node(parent))
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        tree = self._tree
        if tree is None or not index.isValid():
            return QModelIndex()
        up = tree.parent(index.internalId())
        if up == ROOT:
            return QModelIndex()
        return self.createIndex(tree.row(up), 0, up)

    def sibling(self, row: int, column: int, index: AnyIndex) -> QModelIndex:
        return self.index(row, column, self.parent(index))

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        tree = self._tree
        if tree is None or not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if tree.is_camera(index.internalId()):
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Monitoring point") if section == 0 else self.tr("Rights")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        tree = self._tree
        if tree is None or not index.isValid():
            return None
        node = index.internalId()
        camera = tree.is_camera(node)
        if role == CAMERA_ENTRY_ROLE:
            return tree.entry(node) if camera else None
        if role == NODE_KIND_ROLE:
            return tree.kind(node)
        if role == NODE_ID_ROLE:
            return node
        if index.column() == self.RIGHTS_COLUMN:
            return self._rights_data(tree, node, role) if camera else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(tree, node)
        if role == Qt.ItemDataRole.DecorationRole:
            if camera:
                entry = tree.entry(node)
                return camera_icon(online=entry.online, dome=entry.ptz_capable)
            return group_icon(tree.kind(node))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._camera_tooltip(tree.entry(node)) if camera else self._group_tooltip(
                tree, node)
        return None

    def _display(self, tree: CameraTree, node: int) -> str:
        if tree.is_camera(node):
            return tree.entry(node).name
        name = tree.name(node) or self._unnamed(tree.kind(node))
        if tree.filtering:
            return f"{name} ({tree.matched(node)})"
        return f"{name} ({tree.online(node)}/{tree.total(node)})"

    def _unnamed(self, kind: NodeKind) -> str:
        return self.tr("Uncategorised") if kind == NodeKind.CATEGORY else self.tr("Unnamed")

    def _group_tooltip(self, tree: CameraTree, node: int) -> str:
        name = tree.name(node) or self._unnamed(tree.kind(node))
        text = self.tr("{name}: {online} of {total} monitoring points online").format(
            name=name, online=tree.online(node), total=tree.total(node))
        if tree.filtering:
            text += "\n" + self.tr("%n match(es) the search", "", tree.matched(node))
        return text

    def _camera_tooltip(self, entry: CameraEntry) -> str:
        lines = [entry.name,
                 self.tr("Code: {code}").format(code=entry.code)]
        if entry.location:
            lines.append(self.tr("Location: {location}").format(location=entry.location))
        lines.append(self.tr("Online") if entry.online else self.tr("Offline"))
        lines.extend(right_lines(entry))
        return "\n".join(lines)

    def _rights_data(self, tree: CameraTree, node: int, role: int) -> Any:
        entry = tree.entry(node)
        if role == Qt.ItemDataRole.DecorationRole:
            return rights_pixmap(entry.rights)  # a pixmap keeps its size, an icon is shrunk
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(right_lines(entry))
        if role == Qt.ItemDataRole.SizeHintRole:
            return QSize(RIGHT_STRIP_WIDTH + 8, GLYPH + 6)
        return None

    # -- dragging a camera onto a tile ---------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [CAMERA_MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        codes: list[str] = []
        for index in indexes:
            entry = self.entry(index)
            if entry is not None and entry.code not in codes:
                codes.append(entry.code)
        return encode_codes(codes)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
