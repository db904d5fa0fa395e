"""The watermark painter (R8), checked on what a widget really shows (``QWidget.grab()``):
outside the watermark layer the picture is untouched, inside it is changed, the output is
exactly picture + the layer of the right spec (text and time) and not of the next second;
the layer never exceeds the configured opacity; it is rendered once per spec and size."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QFontInfo

from console.overlay.watermark_painter import (
    WatermarkPainter,
    render_layer,
    text_pixel_size,
    watermark_font,
)
from console.views.style import CJK_FONTS
from console.watermark import WatermarkIdentity, WatermarkSpec, WatermarkStyle, watermark_spec
from tests.overlay_support import FrameWidget, composed, gradient_frame, pixels

SHANGHAI = ZoneInfo("Asia/Shanghai")
T = datetime(2026, 11, 21, 8, 0, 0, tzinfo=SHANGHAI)
ZHANG = WatermarkIdentity("张三", "duty01", "值班终端-01", "10.0.0.5", "ABC123")


def spec_at(moment: datetime, opacity: int = 22, size: int = 4) -> WatermarkSpec:
    return watermark_spec(ZHANG, WatermarkStyle(opacity, size), moment, tz=SHANGHAI)


@pytest.fixture(autouse=True)
def _app(qapp):
    return qapp


@pytest.mark.parametrize(("width", "height"), [(640, 360), (480, 270), (1280, 720)])
def test_grabbed_output_is_frame_plus_the_layer_of_this_second(qtbot, width: int,
                                                               height: int) -> None:
    frame = gradient_frame(width, height)
    painter, spec = WatermarkPainter(), spec_at(T)
    widget = FrameWidget(frame, [lambda p, r: painter.paint(p, r, spec)])
    qtbot.addWidget(widget)
    grabbed = widget.grabbed()
    layer = render_layer(QSize(width, height), spec)

    shown, original, alpha = pixels(grabbed), pixels(frame), pixels(layer)[..., 3]
    changed = np.any(shown[..., :3] != original[..., :3], axis=2)
    # (a) where the layer is transparent the picture is exactly the frame
    assert not changed[alpha == 0].any()
    # (b) where the layer has any real weight, the picture changed
    weighty = alpha >= 8
    assert changed[weighty].mean() > 0.99, changed[weighty].mean()
    assert 0.03 < (alpha > 0).mean() < 0.6          # a tiled watermark, not a blanket
    # (c) it is exactly frame + this second's layer, and not the next second's
    assert grabbed == composed(frame, layer)
    later = render_layer(QSize(width, height), spec_at(T + timedelta(seconds=1)))
    assert grabbed != composed(frame, later)
    assert later != layer


def test_the_watermark_covers_the_whole_output(qtbot) -> None:
    """Every 1/4 × 1/4 region of the picture carries some of the watermark."""
    layer = render_layer(QSize(960, 540), spec_at(T))
    alpha = pixels(layer)[..., 3]
    for row in range(4):
        for column in range(4):
            cell = alpha[row * 135:(row + 1) * 135, column * 240:(column + 1) * 240]
            assert (cell > 0).mean() > 0.01, (row, column)


@pytest.mark.parametrize("opacity", [12, 22, 40, 60])
def test_layer_alpha_never_exceeds_the_configured_opacity(opacity: int) -> None:
    alpha = pixels(render_layer(QSize(800, 450), spec_at(T, opacity)))[..., 3]
    ceiling = round(opacity / 100 * 255)
    assert alpha.max() <= ceiling + 1
    assert alpha.max() >= ceiling * 0.9             # the text core nearly reaches it


def test_the_callers_opacity_cannot_fade_the_watermark(qtbot) -> None:
    frame = gradient_frame(320, 180)
    painter, spec = WatermarkPainter(), spec_at(T)

    def faded(p, r):
        p.setOpacity(0.05)
        painter.paint(p, r, spec)

    widget = FrameWidget(frame, [faded])
    qtbot.addWidget(widget)
    assert widget.grabbed() == composed(frame, render_layer(QSize(320, 180), spec))


@pytest.mark.parametrize(("width", "height", "size", "pixels_high"), [
    (1920, 1080, 4, 43), (1080, 1920, 4, 43), (1920, 1080, 10, 108), (1920, 1080, 2, 22),
    (480, 270, 4, 16), (480, 270, 2, 16), (160, 90, 2, 16),   # never below 16 px
])
def test_text_height_is_a_share_of_the_shorter_side(width: int, height: int, size: int,
                                                    pixels_high: int) -> None:
    assert text_pixel_size(QSize(width, height), spec_at(T, size=size)) == pixels_high
    font = watermark_font(pixels_high)
    assert font.pixelSize() == pixels_high


def test_rendered_once_per_spec_and_size(qtbot) -> None:
    WatermarkPainter._shared.clear()
    frame = gradient_frame(320, 180)
    painter, current = WatermarkPainter(), [spec_at(T)]
    widget = FrameWidget(frame, [lambda p, r: painter.paint(p, r, current[0])])
    qtbot.addWidget(widget)
    for _ in range(5):
        widget.grabbed()
    assert painter.renders == 1
    current[0] = spec_at(T + timedelta(milliseconds=999))     # same second: same spec
    widget.grabbed()
    assert painter.renders == 1
    current[0] = spec_at(T + timedelta(seconds=1))
    widget.grabbed()
    widget.grabbed()
    assert painter.renders == 2
    widget.resize(300, 180)
    widget.grabbed()
    assert painter.renders == 3
    # another output of the same size and second (the next tile of a grid) reuses the layer
    other = WatermarkPainter()
    twin = FrameWidget(gradient_frame(300, 180), [lambda p, r: other.paint(p, r, current[0])])
    qtbot.addWidget(twin)
    twin.grabbed()
    assert other.renders == 0 and painter.renders == 3


def test_chinese_text_renders_with_a_cjk_font() -> None:
    assert QFontInfo(watermark_font(24)).family() in CJK_FONTS
    one = WatermarkSpec(("张三",), 0.5, 6)
    other = WatermarkSpec(("李四",), 0.5, 6)      # same width: tofu boxes would be equal
    assert render_layer(QSize(400, 300), one) != render_layer(QSize(400, 300), other)


def test_high_dpi_layer() -> None:
    layer = WatermarkPainter.render_layer(QSize(200, 100), spec_at(T), 2.0)
    assert (layer.width(), layer.height(), layer.devicePixelRatio()) == (400, 200, 2.0)
    assert layer.deviceIndependentSize().toSize() == QSize(200, 100)


@pytest.mark.parametrize("pixel_size", [16, 40, 64, 65, 96])
def test_every_stamp_has_its_dark_halo(pixel_size: int) -> None:
    """White text with a dark halo at every size, including above 64 px, where Qt draws
    glyphs as paths rather than from its glyph cache (the halo is the outline-coloured text
    stamped at offsets around it): the stamp has white, dark and half-covered pixels, and
    every white text pixel's neighbourhood holds the halo."""
    from console.overlay.watermark_painter import LOOK, _stamp

    spec = WatermarkSpec(("张三 duty01", "2026-11-21 08:00:00", "ABC123"), 1.0, 4)
    stamp, _centre = _stamp(spec, pixel_size, LOOK)
    rgba = pixels(stamp)
    alpha, red = rgba[..., 3].astype(int), rgba[..., 2].astype(int)
    white = (alpha > 250) & (red > 250)
    dark = (alpha > 128) & (red < 80)
    assert white.sum() > 50 * pixel_size and dark.sum() > white.sum() // 2
    ring = max(1, round(pixel_size * LOOK.outline_width))
    ys, xs = np.nonzero(white)
    for y, x in list(zip(ys, xs, strict=True))[:: max(1, len(ys) // 200)]:
        around = dark[max(0, y - ring - 1): y + ring + 2, max(0, x - ring - 1): x + ring + 2]
        near_edge = not white[max(0, y - 1): y + 2, max(0, x - 1): x + 2].all()
        assert around.any() or not near_edge, (y, x)
