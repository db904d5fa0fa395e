"""The administrator's privacy-mask editor: clicks become normalised polygons over the
picture, double-click or Enter closes one, a selected one is deleted, Cancel changes
nothing, and the live picture is fetched by a timer (a placeholder while there is none)."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from console.overlay.mask_painter import MASK_COLOUR
from console.overlay.picture_painter import DecodedFrame
from console.overlay.watermark_painter import render_layer
from console.privacy.masks import Polygon
from console.views.i18n import use_language
from console.views.privacy_mask_dialog import PrivacyMaskDialog
from console.watermark import WatermarkIdentity, WatermarkSpec, WatermarkStyle, watermark_spec
from tests.overlay_support import pixels

LEFT = Qt.MouseButton.LeftButton
CODE = "32050801001310000002"
SQUARE: Polygon = ((0.6, 0.6), (0.9, 0.6), (0.9, 0.9), (0.6, 0.9))
IDENTITY = WatermarkIdentity("陈刚", "admin01", "T-0001", "127.0.0.1", "QX7K2M")


def watermark() -> WatermarkSpec:
    return watermark_spec(IDENTITY, WatermarkStyle(opacity_percent=30, size_percent=4),
                          datetime(2026, 1, 1, 8, 0, tzinfo=UTC))


class Frames:
    """A frame source that counts its calls."""

    def __init__(self, frame: DecodedFrame | None = None) -> None:
        self.frame, self.calls = frame, 0

    def __call__(self) -> DecodedFrame | None:
        self.calls += 1
        return self.frame


@pytest.fixture(autouse=True)
def chinese(qapp):
    use_language("zh_CN")
    yield
    use_language("zh_CN")


def open_dialog(qtbot, polygons: tuple[Polygon, ...] = (), frames: Frames | None = None,
                *, refresh_ms: int = 200) -> PrivacyMaskDialog:
    dialog = PrivacyMaskDialog("观前街北局", CODE, polygons, frames or Frames(), watermark,
                               refresh_ms=refresh_ms)
    qtbot.addWidget(dialog)
    dialog.canvas.setFixedSize(640, 360)      # a 16:9 picture fills it exactly
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def click(qtbot, dialog: PrivacyMaskDialog, x: int, y: int) -> None:
    qtbot.mouseClick(dialog.canvas, LEFT, pos=QPoint(x, y))


def double_click(qtbot, dialog: PrivacyMaskDialog, x: int, y: int) -> None:
    """As a person double-clicks: a press (and release), then the double-click event."""
    click(qtbot, dialog, x, y)
    qtbot.mouseDClick(dialog.canvas, LEFT, pos=QPoint(x, y))


def test_clicks_make_normalised_polygons_double_click_and_enter_close(qtbot) -> None:
    dialog = open_dialog(qtbot)
    for x, y in ((64, 36), (256, 36)):
        click(qtbot, dialog, x, y)
    double_click(qtbot, dialog, 256, 108)
    assert dialog.canvas.polygons == (((0.1, 0.1), (0.4, 0.1), (0.4, 0.3)),)
    for x, y in ((384, 216), (576, 216), (576, 324), (384, 324)):
        click(qtbot, dialog, x, y)
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Return)
    assert dialog.canvas.polygons[-1] == SQUARE
    assert "2" in dialog.status_label.text()
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.polygons() == (((0.1, 0.1), (0.4, 0.1), (0.4, 0.3)), SQUARE)
    assert dialog.changed()


def test_clicks_outside_the_picture_clamp_to_its_edge(qtbot) -> None:
    frame = QImage(400, 300, QImage.Format.Format_RGB32)          # 4:3 in a 16:9 canvas
    frame.fill(QColor(90, 120, 150))
    dialog = open_dialog(qtbot, frames=Frames(DecodedFrame(frame)))
    assert dialog.canvas.picture_rect().toRect().getRect() == (80, 0, 480, 360)
    for x, y in ((20, 0), (320, 0)):                    # left of the picture: x clamps to 0
        click(qtbot, dialog, x, y)
    double_click(qtbot, dialog, 320, 180)
    assert dialog.canvas.polygons == (((0.0, 0.0), (0.5, 0.0), (0.5, 0.5)),)


def test_select_and_delete(qtbot) -> None:
    triangle = ((0.1, 0.1), (0.4, 0.1), (0.4, 0.3))
    dialog = open_dialog(qtbot, (triangle, SQUARE))
    assert not dialog.delete_button.isEnabled()
    click(qtbot, dialog, 480, 270)                      # inside the square: selects it
    assert dialog.canvas.selected == 1 and dialog.delete_button.isEnabled()
    assert dialog.canvas.points == ()                   # selecting adds no corner
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Delete)
    assert dialog.canvas.polygons == (triangle,)
    click(qtbot, dialog, 230, 50)                       # inside the triangle
    dialog.delete_button.click()
    assert not dialog.canvas.polygons
    assert not dialog.clear_button.isEnabled()


def test_clear_all_then_save_saves_no_masks(qtbot) -> None:
    dialog = open_dialog(qtbot, (SQUARE,))
    dialog.clear_button.click()
    dialog.save_button.click()
    assert dialog.polygons() == ()


@pytest.mark.parametrize("how", ["cancel", "escape", "close"])
def test_cancel_returns_the_polygons_unchanged(qtbot, how: str) -> None:
    dialog = open_dialog(qtbot, (SQUARE,))
    dialog.clear_button.click()
    for x, y in ((64, 36), (256, 36)):
        click(qtbot, dialog, x, y)
    double_click(qtbot, dialog, 256, 108)
    assert len(dialog.canvas.polygons) == 1
    if how == "cancel":
        dialog.cancel_button.click()
    elif how == "escape":
        qtbot.keyClick(dialog.canvas, Qt.Key.Key_Escape)
    else:
        dialog.reject()
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert dialog.polygons() == (SQUARE,)
    assert not dialog.changed()


def test_escape_and_backspace_while_drawing_edit_the_drawing_only(qtbot) -> None:
    dialog = open_dialog(qtbot)
    for x, y in ((64, 36), (256, 36), (256, 108)):
        click(qtbot, dialog, x, y)
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Backspace)
    assert dialog.canvas.points == ((0.1, 0.1), (0.4, 0.1))
    qtbot.keyClick(dialog.canvas, Qt.Key.Key_Escape)
    assert not dialog.canvas.points and dialog.isVisible()


def test_an_area_needs_three_corners_and_some_space(qtbot) -> None:
    dialog = open_dialog(qtbot)
    click(qtbot, dialog, 64, 36)
    double_click(qtbot, dialog, 256, 36)
    assert dialog.canvas.polygons == () and dialog.canvas.points == ((0.1, 0.1), (0.4, 0.1))
    assert "3" in dialog.status_label.text()
    double_click(qtbot, dialog, 448, 36)                # a third corner, on the same line
    assert dialog.canvas.polygons == ()
    assert dialog.status_label.text() != "" and "3" not in dialog.status_label.text()
    dialog.save_button.click()                          # not an area: nothing is saved yet
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted


def test_save_keeps_an_area_still_being_drawn(qtbot) -> None:
    dialog = open_dialog(qtbot)
    for x, y in ((64, 36), (256, 36), (256, 108)):
        click(qtbot, dialog, x, y)
    dialog.save_button.click()
    assert dialog.polygons() == (((0.1, 0.1), (0.4, 0.1), (0.4, 0.3)),)


def test_the_live_picture_is_refreshed_and_shown_as_every_output_shows_it(qtbot) -> None:
    frames = Frames()
    dialog = open_dialog(qtbot, (SQUARE,), frames, refresh_ms=20)
    placeholder = pixels(dialog.canvas.grab().toImage())
    assert dialog.canvas.frame is None
    frame = QImage(640, 360, QImage.Format.Format_RGB32)
    frame.fill(QColor(0, 160, 0))
    frames.frame = DecodedFrame(frame)
    calls = frames.calls
    qtbot.waitUntil(lambda: dialog.canvas.frame is not None, timeout=2000)
    assert frames.calls > calls
    shown = pixels(dialog.canvas.grab().toImage())
    clear = pixels(render_layer(dialog.canvas.size(), watermark()))[..., 3] == 0
    ys, xs = np.nonzero(clear[:150, :300])          # a pixel the watermark leaves alone
    y, x = ys[len(ys) // 2], xs[len(xs) // 2]
    assert tuple(shown[y, x, :3]) == (0, 160, 0)                  # B G R: the picture
    assert not np.array_equal(shown[y, x], placeholder[y, x])
    assert (shown[..., :3][~clear] != (0, 160, 0)).any(axis=-1).mean() > 0.5   # watermarked
    # a saved area is opaque, as on every output (only the watermark's text lies over it)
    under = shown[230:320, 400:560, :3][clear[230:320, 400:560]]
    mask = (MASK_COLOUR.blue(), MASK_COLOUR.green(), MASK_COLOUR.red())
    assert len(under) > 100 and (under == mask).all()
    click(qtbot, dialog, 480, 270)                                # selected: see-through
    assert dialog.canvas.selected == 0
    inside = pixels(dialog.canvas.grab().toImage())[270, 480, :3]
    assert inside[1] > 60 and tuple(inside) != mask               # the picture, tinted
    dialog.reject()
    calls = frames.calls
    qtbot.wait(100)
    assert frames.calls == calls                                  # the timer stopped


def test_texts_are_translated(qtbot) -> None:
    dialog = open_dialog(qtbot)
    texts = [dialog.windowTitle(), *(w.text() for w in dialog.findChildren(QLabel)),
             *(b.text() for b in dialog.findChildren(QPushButton)),
             dialog.canvas.placeholder_text]
    assert "隐私遮挡" in dialog.windowTitle()
    english = re.compile(r"[A-Za-z]{2,}[ ,.:;'-]+[A-Za-z]{2,}")   # as test_views_languages
    assert [t for t in texts if english.search(t)] == []
    assert all(re.search(r"[\u4e00-\u9fff]", t) for t in texts if t)
    use_language("en")
    dialog = open_dialog(qtbot)
    assert dialog.windowTitle() == "Privacy masks"
    assert dialog.save_button.text() == "Save"
