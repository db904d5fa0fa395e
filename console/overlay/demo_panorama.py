"""How the demo PTZ cameras' panoramas look (drawn with QImage/QPainter; text needs a
QGuiApplication): a city at dusk or by day — sky, buildings of varied colours and heights with
window grids and shop signs, a road — with what tells an operator where the camera points: a
compass scale along the top (180° of bearings, Chinese and English names), a tilt scale on the
left, a lettered grid (A1 … I7, each cell with its bearing and elevation) and the "HOME ⌂"
target at the centre, where the home view looks. Different for every camera (seeded by its
code) and the same every time for one code. Run as ``python -m console.overlay.demo_panorama
DIRECTORY CODE...`` by console/demo/panorama.py, which caches the PNGs."""

from __future__ import annotations

import hashlib
import os
import random
import sys
from pathlib import Path

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
)

from console.demo.panorama import PanoramaError, panorama_path

WIDTH, HEIGHT = 3840, 2160
SPAN_DEGREES = 180.0      # bearings across the width, centred on the home bearing
TILT_DEGREES = 60.0       # elevation from the bottom edge to the top (+30° … -30°)
COLUMNS, ROWS = 9, 7      # the lettered grid; its centre cell holds the home marker
FONT = "Noto Sans CJK SC"

COMPASS = ((0, "北 N"), (45, "东北 NE"), (90, "东 E"), (135, "东南 SE"), (180, "南 S"),
           (225, "西南 SW"), (270, "西 W"), (315, "西北 NW"))
SIGNS = ("银行", "酒店", "超市", "药店", "书店", "茶馆", "邮局", "饭店", "花店", "面馆",
         "医院", "影院", "便利店", "咖啡", "五金", "眼镜")
SKIES = (  # (top, horizon) of the sky gradient
    ("#0b1d4a", "#f08a4b"),   # dusk
    ("#1f5fa8", "#a9d3f5"),   # day
    ("#2a1b4d", "#e86a8c"),   # evening
    ("#3b6fb0", "#f4e1b0"),   # morning haze
    ("#081226", "#3a4f7a"),   # night
)
FACADES = ("#8d6e63", "#5d7b9d", "#b0855b", "#6f8f72", "#a35d5d", "#7a6f9b", "#c9b79c",
           "#4f6d7a", "#9c8f80", "#b36a3e", "#5a5a66", "#86a3a8")


def write_panorama(code: str, path: Path) -> None:
    """Draw ``code``'s panorama and save it atomically (needs a QGuiApplication)."""
    image = render_panorama(code)
    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.png")  # the suffix picks PNG
    if not image.save(str(tmp), quality=80):  # light compression: fast to save and to decode
        tmp.unlink(missing_ok=True)
        raise PanoramaError(f"cannot save {path}")
    os.replace(tmp, path)


def render_panorama(code: str, width: int = WIDTH, height: int = HEIGHT) -> QImage:
    """The panorama of ``code`` (drawn in WIDTH×HEIGHT units, scaled to width×height)."""

    seed = int.from_bytes(hashlib.sha256(code.encode()).digest()[:8], "big")
    rng = random.Random(seed)  # noqa: S311 - a picture, not a secret
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.black)
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.scale(width / WIDTH, height / HEIGHT)
        home_bearing = rng.randrange(0, 360, 15)
        _sky(painter, rng)
        horizon = int(HEIGHT * rng.uniform(0.70, 0.76))
        _skyline(painter, rng, horizon, far=True)
        _skyline(painter, rng, horizon, far=False)
        _street(painter, horizon)
        _grid(painter, home_bearing)
        _home_marker(painter, code)
        _compass(painter, home_bearing)
        _tilt_scale(painter)
    finally:
        painter.end()
    return image


# -- drawing ---------------------------------------------------------------------------------


def _bearing(x: float, home: int) -> float:
    return (home + (x / WIDTH - 0.5) * SPAN_DEGREES) % 360


def _elevation(y: float) -> float:
    return (0.5 - y / HEIGHT) * TILT_DEGREES


def _sky(painter: QPainter, rng: random.Random) -> None:

    top, bottom = rng.choice(SKIES)
    gradient = QLinearGradient(QPointF(0, 0), QPointF(0, HEIGHT * 0.75))
    gradient.setColorAt(0, QColor(top))
    gradient.setColorAt(1, QColor(bottom))
    painter.fillRect(QRectF(0, 0, WIDTH, HEIGHT), gradient)
    painter.setPen(Qt.PenStyle.NoPen)
    sun_x, sun_y, sun_r = rng.uniform(300, WIDTH - 300), rng.uniform(250, 700), rng.uniform(60, 110)
    painter.setBrush(QColor(255, 244, 200, 230))
    painter.drawEllipse(QPointF(sun_x, sun_y), sun_r, sun_r)
    for _ in range(rng.randint(5, 10)):  # clouds: a few overlapping ellipses each
        cx, cy = rng.uniform(0, WIDTH), rng.uniform(150, 900)
        painter.setBrush(QColor(255, 255, 255, rng.randint(40, 90)))
        for _ in range(5):
            painter.drawEllipse(QPointF(cx + rng.uniform(-180, 180), cy + rng.uniform(-30, 30)),
                                rng.uniform(90, 200), rng.uniform(30, 60))


def _skyline(painter: QPainter, rng: random.Random, horizon: int, *, far: bool) -> None:

    x = -rng.uniform(0, 150)
    while x < WIDTH:
        width = rng.uniform(140, 260) if far else rng.uniform(150, 380)
        height = rng.uniform(0.25, 0.45) * HEIGHT if far else rng.uniform(0.12, 0.55) * HEIGHT
        base = QColor(rng.choice(FACADES))
        colour = base.darker(190) if far else base
        top = horizon - height
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRect(QRectF(x, top, width, height))
        if not far:
            _windows(painter, rng, QRectF(x, top, width, height))
            painter.setBrush(colour.darker(140))  # a roof edge
            painter.drawRect(QRectF(x - 6, top - 14, width + 12, 18))
            if rng.random() < 0.3:  # an antenna
                painter.drawRect(QRectF(x + width * rng.uniform(0.2, 0.8), top - 120, 8, 110))
            if rng.random() < 0.55:
                _sign(painter, rng, QRectF(x, top, width, height))
        x += width + (rng.uniform(-40, 10) if far else rng.uniform(10, 70))


def _windows(painter: QPainter, rng: random.Random, front: QRectF) -> None:

    lit, dark = QColor(255, 214, 120), QColor(40, 55, 80)
    cell_w, cell_h = rng.choice(((38, 52), (46, 60), (30, 44)))
    margin = 22
    y = front.top() + margin
    while y + cell_h < front.bottom() - 40:
        x = front.left() + margin
        while x + cell_w < front.right() - margin:
            painter.setBrush(lit if rng.random() < 0.35 else dark)
            painter.drawRect(QRectF(x, y, cell_w * 0.62, cell_h * 0.7))
            x += cell_w
        y += cell_h


def _sign(painter: QPainter, rng: random.Random, front: QRectF) -> None:

    text = rng.choice(SIGNS)
    font = QFont(FONT)
    font.setPixelSize(54)
    font.setBold(True)
    painter.setFont(font)
    board = QRectF(front.left() + 12, front.bottom() - 170, front.width() - 24, 84)
    painter.setBrush(QColor(rng.choice(("#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00"))))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRect(board)
    painter.setPen(QColor("white"))
    painter.drawText(board, Qt.AlignmentFlag.AlignCenter, text)


def _street(painter: QPainter, horizon: int) -> None:

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#9e9e9e"))  # pavement
    painter.drawRect(QRectF(0, horizon, WIDTH, 60))
    painter.setBrush(QColor("#37393d"))  # road
    painter.drawRect(QRectF(0, horizon + 60, WIDTH, HEIGHT - horizon - 60))
    painter.setBrush(QColor("#f5f5f5"))
    lane = horizon + 60 + (HEIGHT - horizon - 60) / 2
    for x in range(0, WIDTH, 240):
        painter.drawRect(QRectF(x + 40, lane - 8, 140, 16))


def _outlined(painter: QPainter, x: float, y: float, text: str, pixels: int,
              fill: str = "white", outline: float = 8.0) -> None:
    """Text whose centre is (x, y), white with a dark outline: readable on any colour."""

    font = QFont(FONT)
    font.setPixelSize(pixels)
    font.setBold(True)
    metrics = QFontMetricsF(font)
    path = QPainterPath()
    path.addText(QPointF(x - metrics.horizontalAdvance(text) / 2,
                         y + (metrics.ascent() - metrics.descent()) / 2), font, text)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(0, 0, 0, 200), outline, Qt.PenStyle.SolidLine,
                        Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    painter.drawPath(path)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(fill))
    painter.drawPath(path)


def _grid(painter: QPainter, home: int) -> None:

    cell_w, cell_h = WIDTH / COLUMNS, HEIGHT / ROWS
    painter.setPen(QPen(QColor(255, 255, 255, 110), 4))
    for column in range(1, COLUMNS):
        painter.drawLine(QLineF(column * cell_w, 0, column * cell_w, HEIGHT))
    for row in range(1, ROWS):
        painter.drawLine(QLineF(0, row * cell_h, WIDTH, row * cell_h))
    for column in range(COLUMNS):
        for row in range(ROWS):
            if (column, row) == (COLUMNS // 2, ROWS // 2):
                continue  # the home marker's cell
            cx, cy = (column + 0.5) * cell_w, (row + 0.5) * cell_h
            _outlined(painter, cx, cy - 5, f"{chr(ord('A') + column)}{row + 1}", 130,
                      "#fff59d", 10)
            _outlined(painter, cx, cy + 90,
                      f"{_bearing(cx, home):03.0f}°  {_elevation(cy):+.0f}°", 42)


def _compass(painter: QPainter, home: int) -> None:

    painter.fillRect(QRectF(0, 0, WIDTH, 120), QColor(0, 0, 0, 160))
    start = home - SPAN_DEGREES / 2
    for step in range(int(SPAN_DEGREES) + 1):
        degrees = start + step
        x = step / SPAN_DEGREES * WIDTH
        bearing = round(degrees) % 360
        if bearing % 5:
            continue
        long = bearing % 15 == 0
        painter.setPen(QPen(QColor("white"), 4 if long else 2))
        painter.drawLine(QLineF(x, 0, x, 44 if long else 24))
        if long:
            name = dict(COMPASS).get(bearing)
            _outlined(painter, x, 80, f"{name} {bearing:03d}°" if name else f"{bearing:03d}°",
                      42 if name else 34, "#ffeb3b" if name else "white", 5)


def _tilt_scale(painter: QPainter) -> None:

    painter.fillRect(QRectF(0, 120, 150, HEIGHT - 120), QColor(0, 0, 0, 160))
    half = int(TILT_DEGREES / 2)
    for degrees in range(-half, half + 1):
        y = (0.5 - degrees / TILT_DEGREES) * HEIGHT
        if y < 140 or y > HEIGHT - 20:
            continue
        long = degrees % 5 == 0
        painter.setPen(QPen(QColor("white"), 4 if long else 2))
        painter.drawLine(QLineF(0, y, 50 if long else 26, y))
        if long:
            _outlined(painter, 98, y, f"{degrees:+d}°", 34, outline=5)


def _home_marker(painter: QPainter, code: str) -> None:

    cx, cy = WIDTH / 2, HEIGHT / 2
    painter.setBrush(QColor(0, 0, 0, 120))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(QRectF(cx - 210, cy - 150, 420, 300), 24, 24)
    red = QColor("#ff1744")
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for radius, width in ((80, 12), (40, 8)):
        painter.setPen(QPen(red, width))
        painter.drawEllipse(QPointF(cx, cy), radius, radius)
    painter.setPen(QPen(QColor("white"), 6))
    painter.drawLine(QLineF(cx - 190, cy, cx - 20, cy))
    painter.drawLine(QLineF(cx + 20, cy, cx + 190, cy))
    painter.drawLine(QLineF(cx, cy - 90, cx, cy - 20))
    painter.drawLine(QLineF(cx, cy + 20, cx, cy + 90))
    _outlined(painter, cx, cy - 112, "HOME ⌂ 看守位", 56, "#ff5252", 8)
    _outlined(painter, cx, cy + 120, code, 36, "white", 6)


def main(argv: list[str] | None = None) -> int:
    """``python -m console.overlay.demo_panorama DIRECTORY CODE...``: draw the panoramas
    (the child process of ``ensure_panoramas``)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print("usage: python -m console.overlay.demo_panorama DIRECTORY CODE...", file=sys.stderr)
        return 2

    app = QGuiApplication.instance() or QGuiApplication(["panorama"])
    directory = Path(args[0])
    directory.mkdir(parents=True, exist_ok=True)
    for code in args[1:]:
        write_panorama(code, panorama_path(directory, code))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
