"""The camera dock: search as you type with the status line, auto-expansion of small results,
the grouping switch, the details panel, opening by double-click / Enter / context menu, the
empty state, and a reload that keeps search, grouping, expansion and selection."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDockWidget

from benchmarks.catalog_tree import generate_catalogue
from console.access.model import CameraEntry, PermittedCatalogue
from console.catalog.tree import Grouping
from console.codes import Right, ShareType
from console.grants.rules import Rights
from console.views.camera_dock import AUTO_EXPAND_LIMIT, CameraDock
from console.views.tasks import TaskRunner
from tests.test_catalog_tree import CAMERAS, catalogue
from tests.views_support import prepare_app

LAST_SEEN = datetime(2025, 12, 31, 23, 0, tzinfo=UTC)
PTZ_UNTIL = datetime(2026, 1, 1, 4, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


@pytest.fixture
def dock(qtbot):
    widget = CameraDock(runner=TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(360, 900)
    widget.show()
    widget.set_catalogue(catalogue())
    return widget


def expanded_names(dock: CameraDock, parent: QModelIndex | None = None) -> list[str]:
    parent = parent or QModelIndex()
    names = []
    for row in range(dock.model.rowCount(parent)):
        index = dock.model.index(row, 0, parent)
        if dock.tree.isExpanded(index):
            names.append(index.data())
            names.extend(expanded_names(dock, index))
    return names


def test_status_line_counts_cameras_and_matches(dock):
    assert dock.status_label.text() == "共 6 个监控点，4 个在线"
    dock.search_edit.setText("平江")
    assert dock.status_label.text() == "找到 2 个监控点"
    dock.search_edit.setText("平江 不存在")
    assert dock.status_label.text() == "没有与搜索条件匹配的监控点。"
    assert dock.model.rowCount() == 0
    dock.search_edit.clear()
    assert dock.status_label.text() == "共 6 个监控点，4 个在线"


def test_typing_filters_at_once_and_expands_a_small_result(qtbot, dock):
    for char in "平江路":              # QTest types ASCII only; one textChanged per character
        dock.search_edit.insert(char)
    assert dock.model.tree is not None and dock.model.tree.match_count == 2
    assert expanded_names(dock) == ["苏州市 (2)", "姑苏区 (2)", "平江街道 (2)",
                                    "姑苏公安分局 (2)", "道路交通 (2)"]


def test_a_large_result_is_not_expanded(qtbot):
    dock = CameraDock()
    qtbot.addWidget(dock)
    cat = generate_catalogue(3000, seed=9)
    dock.set_catalogue(cat)
    dock.search_edit.setText("路")           # nearly every camera
    assert dock.model.tree is not None and dock.model.tree.match_count > AUTO_EXPAND_LIMIT
    assert expanded_names(dock) == []


def test_clearing_the_search_brings_back_the_groups_open_before(dock):
    dock.tree.expand(dock.model.index(0, 0))                   # 苏州市
    assert expanded_names(dock) == ["苏州市 (4/6)"]
    dock.search_edit.setText("沧浪")
    assert "沧浪街道 (1)" in expanded_names(dock)
    dock.search_edit.clear()
    assert expanded_names(dock) == ["苏州市 (4/6)"]


def test_the_selected_camera_stays_selected_and_visible_when_the_search_is_cleared(dock):
    dock.search_edit.setText("南口")
    index = dock.tree.currentIndex()
    assert not index.isValid()
    assert dock.select_camera(CAMERAS[1].code)
    dock.search_edit.clear()
    assert dock.current_entry() == CAMERAS[1]
    assert "平江街道 (2/3)" in expanded_names(dock)


def test_grouping_switch_regroups_and_keeps_the_search_and_selection(dock):
    dock.search_edit.setText("平江")
    dock.select_camera(CAMERAS[0].code)
    dock.grouping_combo.setCurrentIndex(1)
    assert dock.grouping == Grouping.UNIT_FIRST
    assert dock.model.index(0, 0).data() == "姑苏公安分局 (2)"
    assert dock.search_edit.text() == "平江" and dock.current_entry() == CAMERAS[0]
    dock.set_grouping(Grouping.REGION_FIRST)
    assert dock.model.index(0, 0).data() == "苏州市 (2)"
    assert dock.current_entry() == CAMERAS[0]


def test_details_panel_shows_the_catalogue_record_and_rights(qtbot):
    full = replace(
        CAMERAS[1], share_type=ShareType.CONDITIONAL, legal_basis="《条例》第十二条",
        camera_type=1, ptz_capable=True, home_preset=3, rights=Rights.LIVE | Rights.PTZ,
        until={Right.LIVE: None, Right.PTZ: PTZ_UNTIL}, details_loaded=True,
        maintainer="某维保公司", contact="0512-65000000", project="雪亮工程二期",
        warranty_end=date(2027, 6, 30), last_seen=LAST_SEEN)
    dock = CameraDock()
    qtbot.addWidget(dock)
    dock.set_catalogue(catalogue([full, *CAMERAS[2:]]))
    assert dock.details.pages.currentIndex() == 0     # nothing selected: the hint
    assert dock.select_camera(full.code)
    d = dock.details
    local = PTZ_UNTIL.astimezone().strftime("%Y-%m-%d %H:%M")
    seen = LAST_SEEN.astimezone().strftime("%Y-%m-%d %H:%M")
    assert not d.labels["diagnosis"].isVisibleTo(d)    # no diagnosis reader: not shown
    assert not d.labels["home_picture"].isVisibleTo(d)  # not an administrator's: neither
    assert not d.record_button.isVisibleTo(d)
    assert {key: d.text(key) for key in d.values
            if key not in ("diagnosis", "home_picture")} == {
        "name": "平江路南口", "code": full.code, "location": "平江路南口附近",
        "region": "江苏省 / 苏州市 / 姑苏区 / 平江街道", "owner": "姑苏公安分局",
        "category": "道路交通", "camera_type": "球机", "ptz": "有，看守位为预置位 3",
        "share_type": "有条件共享", "legal_basis": "《条例》第十二条",
        "state": f"离线，最后在线于 {seen}", "maintainer": "某维保公司",
        "contact": "0512-65000000", "project": "雪亮工程二期", "warranty_end": "2027-06-30",
        "rights": f"实时预览（长期）\n云台控制，至 {local}"}
    dock.tree.setCurrentIndex(dock.model.index(0, 0))  # a group: no camera details
    assert d.pages.currentIndex() == 0


def test_details_are_read_when_a_camera_is_selected(qtbot):
    asked: list[str] = []

    def details(entry: CameraEntry) -> CameraEntry:
        asked.append(entry.code)
        return replace(entry, details_loaded=True, maintainer="苏州城运维保")

    dock = CameraDock(runner=TaskRunner(synchronous=True), details=details)
    qtbot.addWidget(dock)
    dock.set_catalogue(catalogue())
    dock.select_camera(CAMERAS[2].code)
    assert dock.details.text("maintainer") == "苏州城运维保"
    dock.select_camera(CAMERAS[0].code)
    dock.select_camera(CAMERAS[2].code)              # the second time from the cache
    assert asked == [CAMERAS[2].code, CAMERAS[0].code]


def test_double_click_enter_and_the_context_menu_ask_to_open(qtbot, dock):
    opened: list[CameraEntry] = []
    dock.camera_open_requested.connect(opened.append)
    assert dock.select_camera(CAMERAS[3].code)
    index = dock.tree.currentIndex()
    dock.tree.scrollTo(index)
    rect = dock.tree.visualRect(index)
    # a real double-click is a press, a release, then the double-click event
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [CAMERAS[3]]
    dock.tree.setFocus()
    qtbot.keyClick(dock.tree, Qt.Key.Key_Return)
    assert opened == [CAMERAS[3]] * 2
    menu = dock.open_menu_for(index)
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["在空闲窗格中打开"]
    menu.actions()[0].trigger()
    assert opened == [CAMERAS[3]] * 3
    assert dock.open_menu_for(dock.model.index(0, 0)) is None   # groups have no menu
    dock.tree.setCurrentIndex(dock.model.index(0, 0))
    qtbot.keyClick(dock.tree, Qt.Key.Key_Return)                 # a group opens nothing
    assert len(opened) == 3


def test_copy_does_not_put_camera_data_on_the_clipboard(qtbot, dock):
    clipboard = QGuiApplication.clipboard()
    clipboard.setText("before")
    dock.select_camera(CAMERAS[0].code)
    dock.tree.setFocus()
    qtbot.keyClick(dock.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == "before"


def test_the_dock_cannot_float(dock):
    assert not dock.features() & QDockWidget.DockWidgetFeature.DockWidgetFloatable


def test_empty_state_when_nothing_is_permitted(qtbot):
    dock = CameraDock(runner=TaskRunner(synchronous=True))
    qtbot.addWidget(dock)
    dock.show()
    assert dock.empty_label.isVisible() and dock.empty_label.text() == "正在加载监控点…"
    dock.set_catalogue(catalogue([]))
    assert dock.empty_label.isVisible()
    assert dock.empty_label.text().startswith("暂无监控点。")
    dock.set_catalogue(catalogue())
    assert not dock.empty_label.isVisible() and dock.tree.isVisible()


def test_a_reload_keeps_search_grouping_expansion_and_selection(dock):
    dock.set_grouping(Grouping.UNIT_FIRST)
    dock.tree.expand(dock.model.index(1, 0))                  # 城管局
    dock.select_camera(CAMERAS[0].code)
    before = expanded_names(dock)
    assert "城管局 (1/1)" in before
    renamed = replace(CAMERAS[5], online=True)                 # one camera came online
    dock.set_catalogue(catalogue([*CAMERAS[:5], renamed]))
    assert dock.grouping == Grouping.UNIT_FIRST
    assert dock.current_entry() == CAMERAS[0]
    assert expanded_names(dock) == [name.replace("交警大队 (1/2)", "交警大队 (2/2)")
                                    .replace("吴中区 (0/1)", "吴中区 (1/1)")
                                    for name in before]
    assert dock.status_label.text() == "共 6 个监控点，5 个在线"
    dock.search_edit.setText("平江")
    dock.set_catalogue(catalogue(CAMERAS[1:]))                 # 平江路北口 no longer permitted
    assert dock.search_edit.text() == "平江" and dock.status_label.text() == "找到 1 个监控点"
    assert dock.current_entry() is None and dock.details.pages.currentIndex() == 0


def test_trees_are_built_by_the_runner_and_stale_builds_are_dropped(qtbot):
    runner = TaskRunner()
    dock = CameraDock(runner=runner)
    qtbot.addWidget(dock)
    first, second = catalogue(CAMERAS[:2]), catalogue()
    dock.set_catalogue(first)
    dock.set_catalogue(second)                                 # before the first is built
    qtbot.waitUntil(lambda: dock.model.tree is not None and not runner.busy, timeout=5000)
    assert dock.model.tree is not None and dock.model.tree.catalogue is second
    assert dock.catalogue is second


def test_many_cameras_filter_as_you_type(qtbot):
    cat: PermittedCatalogue = generate_catalogue(20_000, seed=3)
    dock = CameraDock()
    qtbot.addWidget(dock)
    dock.show()
    dock.set_catalogue(cat)
    word = cat.entries[77].name[:4]
    for n in range(1, len(word) + 1):
        dock.search_edit.setText(word[:n])
    tree = dock.model.tree
    assert tree is not None
    assert tree.match_count == sum(word in e.name or word in e.location for e in cat.entries)
    assert dock.status_label.text() == f"找到 {tree.match_count} 个监控点"
