"""The watermark on every tile a layout makes (R8): on every layout (1 … 36 tiles) at common
screen sizes, on the desk and on a wall output, the centred stamp's session line — the code a
photo of the screen is traced by — lies whole inside the tile, and the text is never smaller
than the minimum a phone photo reads (16 px)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtCore import QSize

from console.live.layouts import LAYOUTS
from console.overlay.watermark_painter import MIN_PIXEL_SIZE, render_layer, stamp_layout
from console.policy import Policy
from console.watermark import WatermarkIdentity, WatermarkStyle, watermark_spec
from tests.overlay_support import pixels

SCREENS = [(1280, 720), (1366, 768), (1440, 900), (1920, 1080), (2560, 1440), (3840, 2160)]
DESK_CHROME = (300, 110)   # the camera dock beside the grid; menu, toolbar and status bar
SHANGHAI = ZoneInfo("Asia/Shanghai")
# long values: the longest name, account and terminal the spec keeps, an IPv6 address
IDENTITY = WatermarkIdentity("欧阳明轩张伟李娜王芳刘洋陈静", "ouyang.mingxuan.duty",
                             "指挥大厅A区2号席-值班终端", "2001:db8:85a3::8a2e:370:7334",
                             "QX7K2M9P")


def tile_sizes() -> list[tuple[str, int, int]]:
    sizes = set()
    for width, height in SCREENS:
        for place, (w, h) in (("wall", (width, height)),
                              ("desk", (width - DESK_CHROME[0], height - DESK_CHROME[1]))):
            for count, layout in LAYOUTS.items():
                cell_w, cell_h = w // layout.size, h // layout.size
                for span in {cell.span for cell in layout.cells}:
                    sizes.add((f"{place} {width}x{height} {count}", cell_w * span,
                               cell_h * span))
    return sorted(sizes)


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


@pytest.mark.parametrize("size_percent", [Policy().watermark_size_percent, 2])
def test_the_session_code_is_whole_on_every_tile(size_percent: int) -> None:
    spec = watermark_spec(IDENTITY, WatermarkStyle(Policy().watermark_opacity_percent,
                                                   size_percent),
                          datetime(2026, 11, 21, 8, 0, tzinfo=SHANGHAI), tz=SHANGHAI)
    assert spec.lines[-1].endswith("QX7K2M9P")
    problems = []
    for name, width, height in tile_sizes():
        size = QSize(width, height)
        layout = stamp_layout(size, spec)
        if layout.pixel_size < MIN_PIXEL_SIZE or not layout.session_fits(size):
            problems.append((name, width, height, layout.pixel_size, layout.angle))
    assert problems == []
    assert MIN_PIXEL_SIZE >= 16


@pytest.mark.parametrize(("width", "height"), [(160, 101), (213, 120), (320, 180), (1920, 1080)])
def test_the_rendered_session_line_is_drawn_where_the_layout_says(width: int,
                                                                  height: int) -> None:
    """What is painted matches the layout: the centred session line's box holds drawn text,
    and it lies inside the tile."""
    spec = watermark_spec(IDENTITY, WatermarkStyle(30, 4),
                          datetime(2026, 11, 21, 8, 0, tzinfo=SHANGHAI), tz=SHANGHAI)
    size = QSize(width, height)
    layout = stamp_layout(size, spec)
    box = layout.session_box.boundingRect()
    assert box.left() >= 0 and box.top() >= 0
    assert box.right() <= width and box.bottom() <= height
    alpha = pixels(render_layer(size, spec))[..., 3]
    # the box's own area (its middle band along the rotated line) is covered by text
    centre = alpha[int(box.center().y()) - 3:int(box.center().y()) + 3,
                   int(box.center().x()) - 20:int(box.center().x()) + 20]
    assert (centre > 0).mean() > 0.3
    assert np.count_nonzero(alpha) > 0
