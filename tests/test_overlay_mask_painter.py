"""The privacy-mask painter (R14), checked on grabbed output over a random-noise picture:
every pixel inside a mask — edge pixels that a polygon only touches included — is the mask
colour, whatever the caller's painter state; pixels clear of the masks are the picture's."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QPainter

from console.overlay.mask_painter import MASK_COLOUR, paint_masks
from console.privacy.masks import FULL_FRAME, Polygon
from tests.overlay_support import FrameWidget, edge_distance, inside, noise_frame, pixels

TRIANGLE: Polygon = ((0.1, 0.1), (0.4, 0.1), (0.4, 0.3))
SQUARE: Polygon = ((0.6, 0.6), (0.9, 0.6), (0.9, 0.9), (0.6, 0.9))
CONCAVE: Polygon = ((0.05, 0.5), (0.45, 0.5), (0.45, 0.95), (0.25, 0.7), (0.05, 0.95))
SLIVER: Polygon = ((0.5, 0.05), (0.95, 0.07), (0.5, 0.09))          # thin and slanted
BOW_TIE: Polygon = ((0.6, 0.1), (0.9, 0.3), (0.9, 0.1), (0.6, 0.35))  # crosses itself
COLOUR = (MASK_COLOUR.blue(), MASK_COLOUR.green(), MASK_COLOUR.red())


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


def touched(polygons: tuple[Polygon, ...], rect: QRect, width: int, height: int
            ) -> tuple[np.ndarray, np.ndarray]:
    """(pixels whose centre or any corner lies inside a polygon, pixels whose centre is
    outside every polygon and more than 3 px from its edges)."""
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float64)
    hit = np.zeros((height, width), bool)
    clear = np.ones((height, width), bool)
    for polygon in polygons:
        points = [(rect.x() + x * rect.width(), rect.y() + y * rect.height())
                  for x, y in polygon]
        for dx, dy in ((0.5, 0.5), (0, 0), (1, 0), (0, 1), (1, 1)):
            hit |= inside(points, xs + dx, ys + dy)
        centre_x, centre_y = xs + 0.5, ys + 0.5
        clear &= ~inside(points, centre_x, centre_y)
        clear &= edge_distance(points, centre_x, centre_y) > 3
    return hit, clear


@pytest.mark.parametrize(("size", "picture"), [
    ((320, 180), None),
    ((333, 211), None),                          # odd sizes: fractional edges everywhere
    ((400, 260), QRect(17, 23, 351, 197)),       # the picture drawn into part of the output
])
def test_every_pixel_inside_a_mask_is_the_mask_colour(qtbot, size: tuple[int, int],
                                                      picture: QRect | None) -> None:
    width, height = size
    frame = noise_frame(width, height)
    polygons = (TRIANGLE, SQUARE, CONCAVE, SLIVER, BOW_TIE)
    widget = FrameWidget(frame, [lambda p, r: paint_masks(p, r, polygons)], picture)
    qtbot.addWidget(widget)
    shown = pixels(widget.grabbed())
    rect = picture or QRect(0, 0, width, height)
    hit, clear = touched(polygons, rect, width, height)
    assert hit.sum() > 0.15 * width * height
    masked = np.all(shown[..., :3] == COLOUR, axis=2)
    assert masked[hit].all(), f"{(~masked[hit]).sum()} picture pixels leak through"
    if picture is None:
        assert np.array_equal(shown[clear], pixels(frame)[clear])


def test_masks_are_opaque_whatever_the_painter_state(qtbot) -> None:
    frame = noise_frame(240, 160)

    def careless(painter: QPainter, rect: QRect) -> None:
        painter.setOpacity(0.2)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Plus)
        paint_masks(painter, rect, (SQUARE,), QColor(20, 30, 40, 60))

    widget = FrameWidget(frame, [careless])
    qtbot.addWidget(widget)
    shown = pixels(widget.grabbed())
    hit, _ = touched((SQUARE,), QRect(0, 0, 240, 160), 240, 160)
    assert np.all(shown[hit][:, :3] == (40, 30, 20))


def test_full_frame_and_no_masks(qtbot) -> None:
    frame = noise_frame(200, 120)
    full = FrameWidget(frame, [lambda p, r: paint_masks(p, r, (FULL_FRAME,))])
    none = FrameWidget(frame, [lambda p, r: paint_masks(p, r, ())])
    qtbot.addWidget(full)
    qtbot.addWidget(none)
    assert np.all(pixels(full.grabbed())[..., :3] == COLOUR)
    assert np.array_equal(pixels(none.grabbed()), pixels(frame))
