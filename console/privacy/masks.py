"""Privacy masks (R14): polygons over a camera's picture that every output fills opaque.

A polygon is a tuple of (x, y) points in normalised picture coordinates: (0, 0) is the top
left corner, (1, 1) the bottom right, whatever the stream's resolution. Between 3 and
``MAX_POINTS`` points, every coordinate finite and within 0..1, rounded to ``DECIMALS``
places (a tenth of a pixel at 1080p), enclosing at least ``MIN_AREA`` of the picture.

Two text forms:

- compact (command line, listings): points ``x,y`` separated by spaces, polygons by ``;``
  — ``0.1,0.1 0.4,0.1 0.4,0.3; 0.6,0.6 0.9,0.6 0.9,0.9``;
- JSON (storage): ``[[[0.1, 0.1], [0.4, 0.1], [0.4, 0.3]], ...]``.

Errors are one line naming the polygon and the point (both counted from 1).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from typing import Any

Point = tuple[float, float]
Polygon = tuple[Point, ...]

MIN_POINTS = 3
MAX_POINTS = 32
MAX_POLYGONS = 16
DECIMALS = 4
MIN_AREA = 1e-5      # of the picture: about 20 pixels at 1080p

FULL_FRAME: Polygon = ((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0))


class MaskError(ValueError):
    """Invalid polygons. ``polygon`` and ``point`` (from 1) say where, when known."""

    def __init__(self, message: str, polygon: int | None = None,
                 point: int | None = None) -> None:
        where = []
        if polygon is not None:
            where.append(f"polygon {polygon}")
        if point is not None:
            where.append(f"point {point}")
        super().__init__(f"{', '.join(where)}: {message}" if where else message)
        self.polygon = polygon
        self.point = point


def polygon_area(points: Sequence[Point]) -> float:
    """Area enclosed by the points (shoelace formula, absolute value)."""
    total = 0.0
    for (x1, y1), (x2, y2) in zip(points, [*points[1:], points[0]], strict=True):
        total += x1 * y2 - x2 * y1
    return abs(total) / 2.0


def validate_polygon(points: Iterable[Any], number: int = 1) -> Polygon:
    """One polygon as stored: checked and rounded. ``number`` (from 1) goes into errors."""
    cleaned: list[Point] = []
    for index, point in enumerate(points, start=1):
        if index > MAX_POINTS:
            raise MaskError(f"more than {MAX_POINTS} points", number)
        cleaned.append(_point(point, number, index))
    if len(cleaned) < MIN_POINTS:
        raise MaskError(f"{len(cleaned)} point(s); a polygon needs at least {MIN_POINTS}",
                        number)
    if polygon_area(cleaned) < MIN_AREA:
        raise MaskError("the points enclose no area (in a line, repeated, or crossing "
                        "over themselves)", number)
    return tuple(cleaned)


def validate_polygons(polygons: Iterable[Iterable[Any]]) -> tuple[Polygon, ...]:
    """Every polygon checked and rounded; at most ``MAX_POLYGONS``."""
    out: list[Polygon] = []
    for number, points in enumerate(polygons, start=1):
        if number > MAX_POLYGONS:
            raise MaskError(f"more than {MAX_POLYGONS} polygons for one camera")
        out.append(validate_polygon(points, number))
    return tuple(out)


def parse_polygons(text: str) -> tuple[Polygon, ...]:
    """Polygons from the compact form (``x,y x,y x,y; x,y …``) or, when the text starts
    with ``[``, from JSON. An empty text is no polygons."""
    stripped = text.strip()
    if stripped.startswith("["):
        return polygons_from_json(stripped)
    if not stripped:
        return ()
    chunks = stripped.split(";")
    if len(chunks) > MAX_POLYGONS:
        raise MaskError(f"more than {MAX_POLYGONS} polygons for one camera")
    return tuple(parse_polygon(chunk, number) for number, chunk in enumerate(chunks, start=1))


def parse_polygon(text: str, number: int = 1) -> Polygon:
    """One polygon in the compact form: points ``x,y`` separated by spaces. ``number`` (from
    1) goes into errors."""
    if ";" in text:
        raise MaskError("';' separates polygons; this takes one polygon", number)
    tokens = text.split()
    if not tokens:
        raise MaskError("no points (two ';' in a row, or a trailing ';'?)", number)
    points: list[Point] = []
    for index, token in enumerate(tokens, start=1):
        parts = token.split(",")
        if len(parts) != 2 or not all(parts):
            raise MaskError(f"{token!r} is not x,y (two numbers joined by a comma; points "
                            "are separated by spaces)", number, index)
        points.append((_number(parts[0], "x", number, index),
                       _number(parts[1], "y", number, index)))
    return validate_polygon(points, number)


def format_polygons(polygons: Iterable[Polygon]) -> str:
    """The compact form; ``parse_polygons`` reads it back to the same polygons."""
    return "; ".join(" ".join(f"{_num(x)},{_num(y)}" for x, y in polygon)
                     for polygon in polygons)


def polygons_to_json(polygons: Iterable[Polygon]) -> str:
    return json.dumps([[[x, y] for x, y in polygon] for polygon in polygons],
                      separators=(",", ":"))


def polygons_from_json(text: str) -> tuple[Polygon, ...]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise MaskError(f"not JSON ({exc})") from None
    if not isinstance(data, list):
        raise MaskError("JSON must be a list of polygons, each a list of [x, y] points")
    for number, polygon in enumerate(data, start=1):
        if not isinstance(polygon, list):
            raise MaskError("must be a list of [x, y] points", number)
    return validate_polygons(data)


def _point(value: Any, number: int, index: int) -> Point:
    if isinstance(value, str | bytes) or not isinstance(value, Sequence) or len(value) != 2:
        raise MaskError(f"{value!r} is not an (x, y) pair", number, index)
    x = _coordinate(value[0], "x", number, index)
    y = _coordinate(value[1], "y", number, index)
    return x, y


def _coordinate(value: Any, axis: str, number: int, index: int) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MaskError(f"{axis} {value!r} is not a number", number, index)
    number_ = float(value)
    if not math.isfinite(number_):
        raise MaskError(f"{axis} {value!r} is not a finite number", number, index)
    if not 0.0 <= number_ <= 1.0:
        raise MaskError(f"{axis} {number_:g} is outside 0..1 (coordinates are fractions of "
                        "the picture's width and height)", number, index)
    return round(number_, DECIMALS) + 0.0   # + 0.0: no negative zero


def _number(text: str, axis: str, number: int, index: int) -> float:
    try:
        return float(text)
    except ValueError:
        raise MaskError(f"{axis} {text!r} is not a number", number, index) from None


def _num(value: float) -> str:
    return f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".") or "0"
