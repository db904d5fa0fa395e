"""The Qt item model over the camera tree: consistent for Qt's own model tester (plain,
filtered, after resets), lazy, and showing what the operator needs: counts, icons, tooltips
with rights and until-times, the rights column, and drags that carry only a camera code."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPixmap
from PySide6.QtTest import QAbstractItemModelTester

from benchmarks.catalog_tree import generate_catalogue
from console.access.model import CameraEntry
from console.catalog.tree import CameraTree, Grouping, NodeKind
from console.codes import Right
from console.grants.rules import Rights
from console.views import style
from console.views.camera_tree_model import (
    CAMERA_ENTRY_ROLE,
    CAMERA_MIME_TYPE,
    NODE_KIND_ROLE,
    CameraTreeModel,
    decode_codes,
)
from console.views.right_icons import camera_pixmap, rights_pixmap
from tests.test_catalog_tree import CAMERAS, camera, catalogue
from tests.views_support import prepare_app

UNTIL = datetime(2026, 3, 1, 4, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


def model_for(entries: list[CameraEntry] = CAMERAS,
              grouping: Grouping = Grouping.REGION_FIRST) -> CameraTreeModel:
    model = CameraTreeModel()
    model.set_tree(CameraTree(catalogue(entries), grouping))
    return model


def path(model: CameraTreeModel, *rows: int) -> QModelIndex:
    index = QModelIndex()
    for row in rows:
        index = model.index(row, 0, index)
        assert index.isValid()
    return index


def all_indexes(model: CameraTreeModel, parent: QModelIndex | None = None) -> list[QModelIndex]:
    parent = parent or QModelIndex()
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index)
        out.extend(all_indexes(model, index))
    return out


def test_qt_model_tester_is_satisfied_plain_filtered_and_after_resets(qtbot):
    model = model_for(generate_catalogue(400, seed=4).entries)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    all_indexes(model)                     # the tester checks every index it is shown
    for text in ("路", "路 北", "不存在", "", "32"):
        model.set_filter(text)
        all_indexes(model)
    tree = model.tree
    assert tree is not None
    model.set_tree(CameraTree(tree.catalogue, Grouping.UNIT_FIRST))
    all_indexes(model)
    model.set_tree(None)
    assert model.rowCount() == 0 and not model.hasChildren()


def test_groups_show_online_of_total_and_cameras_their_name():
    model = model_for()
    city = path(model, 0)
    assert city.data() == "苏州市 (4/6)"
    assert path(model, 0, 1).data() == "姑苏区 (4/5)"
    street = path(model, 0, 1, 1)
    assert street.data() == "平江街道 (2/3)"
    north = path(model, 0, 1, 1, 1, 0, 0)
    assert north.data() == "平江路北口"
    assert north.data(CAMERA_ENTRY_ROLE) == CAMERAS[0]
    assert north.data(NODE_KIND_ROLE) == NodeKind.CAMERA and city.data(
        NODE_KIND_ROLE) == NodeKind.REGION
    assert city.data(CAMERA_ENTRY_ROLE) is None
    assert model.entry(north) == CAMERAS[0] and model.entry(city) is None
    assert "4" in city.data(Qt.ItemDataRole.ToolTipRole)


def test_filtering_resets_the_model_and_counts_matches():
    model = model_for()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    assert model.set_filter("平江")
    assert resets == [1]
    assert path(model, 0).data() == "苏州市 (2)"
    assert not model.set_filter(" 平江  ")          # the same terms: no reset
    assert resets == [1]
    assert model.set_filter("")
    assert path(model, 0).data() == "苏州市 (4/6)"


def test_lazy_rows_are_computed_only_for_what_is_asked():
    model = model_for(generate_catalogue(5000, seed=1).entries)
    tree = model.tree
    assert tree is not None
    assert model.rowCount() == 1
    cached = tree._children                      # the tree's per-node cache
    assert set(cached) == {-1}
    path(model, 0)
    model.rowCount(path(model, 0))
    assert len(cached) == 2                     # the root and the city, nothing below


def test_icons_show_online_state_and_dome_shape():
    entries = [camera(1, "球机在线", "32050801", "POLICE"),
               camera(2, "枪机离线", "32050801", "POLICE", online=False)]
    entries[0] = CameraEntry(**{**_fields(entries[0]), "ptz_capable": True})
    model = model_for(entries)
    bullet = path(model, 0, 0, 0, 0, 0, 0)        # sorted by name: 枪 before 球
    dome = path(model, 0, 0, 0, 0, 0, 1)
    assert dome.data() == "球机在线" and bullet.data() == "枪机离线"
    assert isinstance(dome.data(Qt.ItemDataRole.DecorationRole), QIcon)
    online = camera_pixmap(online=True, dome=True).toImage()
    offline = camera_pixmap(online=False, dome=False).toImage()
    assert _has_colour(online, style.ONLINE) and not _has_colour(online, style.OFFLINE)
    assert _has_colour(offline, style.OFFLINE) and not _has_colour(offline, style.ONLINE)
    assert online != camera_pixmap(online=True, dome=False).toImage()   # dome ≠ bullet
    assert camera_pixmap(online=True, dome=True) is camera_pixmap(online=True, dome=True)


def test_tooltips_name_code_location_and_rights_with_until():
    entry = CameraEntry(**{**_fields(CAMERAS[0]), "rights": Rights.LIVE | Rights.PTZ,
                           "until": {Right.LIVE: None, Right.PTZ: UNTIL}})
    model = model_for([entry])
    index = path(model, 0, 0, 0, 0, 0, 0)
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    local = UNTIL.astimezone().strftime("%Y-%m-%d %H:%M")
    assert tip.splitlines() == ["平江路北口", f"编码：{entry.code}", "位置：平江路北口附近",
                                "在线", "实时预览（长期）", f"云台控制，至 {local}"]
    rights = index.siblingAtColumn(1)
    assert rights.data(Qt.ItemDataRole.ToolTipRole) == f"实时预览（长期）\n云台控制，至 {local}"
    picture = rights.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QPixmap) and picture.deviceIndependentSize().width() > 50
    assert rights.data(Qt.ItemDataRole.DisplayRole) is None


def test_the_rights_strip_draws_held_rights_in_their_colours():
    live_only = rights_pixmap(Rights.LIVE).toImage()
    everything = rights_pixmap(Rights.LIVE | Rights.PTZ | Rights.PLAYBACK
                               | Rights.DOWNLOAD).toImage()
    for right in ("ptz", "playback", "download"):
        assert _has_colour(everything, style.RIGHT_COLOURS[right])
        assert not _has_colour(live_only, style.RIGHT_COLOURS[right])
    assert _has_colour(live_only, style.RIGHT_COLOURS["live"])


def test_dragging_carries_only_the_camera_code_in_a_private_type():
    model = model_for()
    camera_index = path(model, 0, 1, 1, 1, 0, 0)
    group = path(model, 0)
    assert model.flags(camera_index) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(group) & Qt.ItemFlag.ItemIsDragEnabled
    data = model.mimeData([camera_index, camera_index.siblingAtColumn(1), group])
    assert data.formats() == [CAMERA_MIME_TYPE]
    assert not data.hasText() and not data.hasImage() and not data.hasHtml()
    assert decode_codes(data) == [CAMERAS[0].code]
    assert model.supportedDragActions() == Qt.DropAction.CopyAction


def test_unit_first_and_unnamed_groups():
    entries = [camera(1, "甲", "32050801", "NONAME", "")]
    model = model_for(entries, Grouping.UNIT_FIRST)
    assert path(model, 0).data() == "NONAME (1/1)"
    assert path(model, 0, 0, 0, 0, 0).data() == "未分类 (1/1)"


def _fields(entry: CameraEntry) -> dict[str, object]:
    return {name: getattr(entry, name) for name in entry.__dataclass_fields__}


def _has_colour(image: QImage, colour: str, tolerance: int = 40) -> bool:
    want = QColor(colour)
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > 200 and abs(pixel.red() - want.red()) + abs(
                    pixel.green() - want.green()) + abs(pixel.blue() - want.blue()) < tolerance:
                return True
    return False
