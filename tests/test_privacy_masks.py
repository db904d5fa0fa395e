"""Privacy-mask polygons (R14): the compact and JSON forms, the rules a polygon must meet,
and one-line errors that name the polygon and the point. No Qt, no database."""

from __future__ import annotations

import math
import re

import pytest

from console.privacy.masks import (
    MAX_POINTS,
    MAX_POLYGONS,
    MaskError,
    Polygon,
    format_polygons,
    parse_polygon,
    parse_polygons,
    polygon_area,
    polygons_from_json,
    polygons_to_json,
    validate_polygons,
)

TRIANGLE = ((0.1, 0.1), (0.4, 0.1), (0.4, 0.3))
SQUARE = ((0.6, 0.6), (0.9, 0.6), (0.9, 0.9), (0.6, 0.9))


@pytest.mark.parametrize(("text", "polygons"), [
    ("0.1,0.1 0.4,0.1 0.4,0.3", (TRIANGLE,)),
    ("  0.1,0.1   0.4,0.1\t0.4,0.3  ", (TRIANGLE,)),
    ("0.1,0.1 0.4,0.1 0.4,0.3; 0.6,0.6 0.9,0.6 0.9,0.9 0.6,0.9", (TRIANGLE, SQUARE)),
    ("0.1,0.1 0.4,0.1 0.4,0.3;0.6,0.6 0.9,0.6 0.9,0.9 0.6,0.9", (TRIANGLE, SQUARE)),
    ("0,0 1,0 1,1 0,1", (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)),)),
    ("1e-1,.1 0.4,0.1 0.4,0.3", (TRIANGLE,)),
    # rounded to 4 places; -0 becomes 0
    ("0.123456,0.1 0.4,0.1 0.4,0.3", (((0.1235, 0.1), (0.4, 0.1), (0.4, 0.3)),)),
    ("-0,0 0.5,0 0.5,0.5", (((0.0, 0.0), (0.5, 0.0), (0.5, 0.5)),)),
    ("", ()),
    ("   ", ()),
    ("[[[0.1,0.1],[0.4,0.1],[0.4,0.3]]]", (TRIANGLE,)),
    ("[]", ()),
])
def test_parse(text: str, polygons: tuple[Polygon, ...]) -> None:
    assert parse_polygons(text) == polygons


@pytest.mark.parametrize(("text", "message"), [
    ("0.1,0.1 0.4,0.1", "polygon 1: 2 point(s); a polygon needs at least 3"),
    ("0.1,0.1 0.4,0.1 0.4,0.3; 0.5,0.5", "polygon 2: 1 point(s); a polygon needs at least 3"),
    ("0.1,0.1 0.4;0.1 0.4,0.3", "polygon 1, point 2: '0.4' is not x,y"),
    ("0.1,0.1 0.4,0.1 0.4,0.3;", "polygon 2: no points"),
    ("0.1,0.1 0.4,0.1 0.4,0.3;; 0.6,0.6 0.9,0.6 0.9,0.9", "polygon 2: no points"),
    ("0.1,0.1 0.4,0.1,0.2 0.4,0.3", "polygon 1, point 2: '0.4,0.1,0.2' is not x,y"),
    ("0.1,0.1 0.4, 0.4,0.3", "polygon 1, point 2: '0.4,' is not x,y"),
    ("0.1,0.1 abc,0.1 0.4,0.3", "polygon 1, point 2: x 'abc' is not a number"),
    ("0.1,0.1 0.4,0.1 0.4,nan", "polygon 1, point 3: y nan is not a finite number"),
    ("0.1,0.1 0.4,0.1 inf,0.3", "polygon 1, point 3: x inf is not a finite number"),
    ("0.1,0.1 1.5,0.1 0.4,0.3", "polygon 1, point 2: x 1.5 is outside 0..1"),
    ("0.1,-0.2 0.4,0.1 0.4,0.3", "polygon 1, point 1: y -0.2 is outside 0..1"),
    ("0.1,0.1 0.2,0.2 0.3,0.3", "polygon 1: the points enclose no area"),
    ("0.1,0.1 0.1,0.1 0.1,0.1 0.1,0.1", "polygon 1: the points enclose no area"),
    ("0,0 1,1 1,0 0,1", "polygon 1: the points enclose no area"),      # a symmetric bow tie
    ("0.5,0.5 0.501,0.5 0.501,0.501", "polygon 1: the points enclose no area"),
    (" ".join(f"{0.5 + 0.4 * math.cos(i / 5)},{0.5 + 0.4 * math.sin(i / 5)}"
              for i in range(MAX_POINTS + 1)), f"polygon 1: more than {MAX_POINTS} points"),
    ("; ".join(["0.1,0.1 0.4,0.1 0.4,0.3"] * (MAX_POLYGONS + 1)),
     f"more than {MAX_POLYGONS} polygons"),
    ("[[[0.1,0.1],[0.4,0.1]]]", "polygon 1: 2 point(s)"),
    ("[[[0.1,0.1],[0.4,0.1],[0.4,\"x\"]]]", "polygon 1, point 3: y 'x' is not a number"),
    ("[[[0.1,0.1],[0.4,0.1],[0.4,true]]]", "polygon 1, point 3: y True is not a number"),
    ("[[[0.1,0.1],[0.4,0.1],[0.4]]]", "polygon 1, point 3: [0.4] is not an (x, y) pair"),
    ("[[[0.1,0.1],[0.4,0.1],\"0.4,0.3\"]]", "polygon 1, point 3: '0.4,0.3' is not an (x, y)"),
    ("[{\"x\": 1}]", "polygon 1: must be a list of [x, y] points"),
    ("[[[0.1,0.1],[0.4,0.1],[0.4,0.3]]", "not JSON"),
])
def test_bad_text_is_one_line_naming_polygon_and_point(text: str, message: str) -> None:
    with pytest.raises(MaskError) as info:
        parse_polygons(text)
    assert str(info.value).startswith(message), str(info.value)
    assert "\n" not in str(info.value)


def test_error_carries_the_place() -> None:
    with pytest.raises(MaskError) as info:
        parse_polygons("0.1,0.1 0.4,0.1 0.4,0.3; 0.1,0.1 2,0.1 0.4,0.3")
    assert (info.value.polygon, info.value.point) == (2, 2)


@pytest.mark.parametrize(("text", "number", "message"), [
    ("0.1,0.1 0.4,0.1 0.4,0.3", 3, None),
    ("0.1,0.1 0.4,0.1", 3, "polygon 3: 2 point(s)"),
    ("0.1,0.1 0.4,0.1 0.4,0.3; 0.5,0.5 0.6,0.5 0.6,0.6", 2, "polygon 2: ';' separates"),
    ("", 4, "polygon 4: no points"),
])
def test_parse_one_polygon(text: str, number: int, message: str | None) -> None:
    if message is None:
        assert parse_polygon(text, number) == TRIANGLE
        return
    with pytest.raises(MaskError, match=re.escape(message)):
        parse_polygon(text, number)


@pytest.mark.parametrize("polygons", [
    (TRIANGLE,), (TRIANGLE, SQUARE), (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0)),),
    (((0.1235, 0.0001), (0.9999, 0.5), (0.5, 0.9999)),),
])
def test_round_trips(polygons: tuple[Polygon, ...]) -> None:
    assert parse_polygons(format_polygons(polygons)) == polygons
    assert polygons_from_json(polygons_to_json(polygons)) == polygons
    assert parse_polygons(polygons_to_json(polygons)) == polygons


def test_forms() -> None:
    assert format_polygons((TRIANGLE, SQUARE)) == (
        "0.1,0.1 0.4,0.1 0.4,0.3; 0.6,0.6 0.9,0.6 0.9,0.9 0.6,0.9")
    assert format_polygons((((0.0, 0.0), (1.0, 0.0), (1.0, 1.0)),)) == "0,0 1,0 1,1"
    assert polygons_to_json((TRIANGLE,)) == "[[[0.1,0.1],[0.4,0.1],[0.4,0.3]]]"


def test_validate_takes_lists_and_tuples_and_rounds() -> None:
    assert validate_polygons([[[0.1, 0.1], (0.4, 0.1), [0.4, 0.30000001]]]) == (TRIANGLE,)
    assert validate_polygons([[(0, 0), (1, 0), (1, 1)]]) == (((0.0, 0.0), (1.0, 0.0),
                                                             (1.0, 1.0)),)
    assert polygon_area(SQUARE) == pytest.approx(0.09)
