"""The working area of the main window until the catalogue and player modules arrive: the
camera dock (search box, tree, empty state) and a grid of empty video tiles."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)


class CameraDock(QDockWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Monitoring points"), parent)
        self.setObjectName("cameraDock")
        # Not floatable: a floating dock would escape the lock screen.
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search monitoring points"))
        self.search_edit.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, 1, self)
        self.model.setHorizontalHeaderLabels([self.tr("Name")])
        self.tree = QTreeView()
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.empty_label = QLabel(self.tr(
            "No monitoring points yet.\nThe catalogue appears here once\n"
            "the catalogue module is connected."))
        self.empty_label.setProperty("role", "muted")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.empty_label.setContentsMargins(12, 36, 12, 12)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_label)
        self.pages.addWidget(self.tree)
        self.pages.setCurrentIndex(0 if self.model.rowCount() == 0 else 1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(8)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.pages, 1)
        self.setWidget(body)
        self.setMinimumWidth(300)


class VideoGrid(QWidget):
    """size × size empty tiles; the player module replaces them with live ones."""

    def __init__(self, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoArea")
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setSpacing(4)
        for index in range(size * size):
            grid.addWidget(EmptyTile(index + 1), index // size, index % size)


class EmptyTile(QFrame):
    def __init__(self, number: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoTile")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        index = QLabel(str(number))
        index.setObjectName("tileIndex")
        self.hint_label = QLabel(self.tr("Drag a monitoring point here to play"))
        self.hint_label.setObjectName("tileHint")
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(index, 0, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.hint_label, 1)
