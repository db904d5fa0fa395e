"""Wall presets as data: the JSON form round-trips, and every malformed preset is refused
with the field that is wrong. Output names and the tile under a miniature's point."""

from __future__ import annotations

import json

import pytest

from console.live.layouts import LAYOUTS
from console.wall.outputs import output_name, register_output, tile_at
from console.wall.presets import (
    OutputPreset,
    PresetError,
    WallPreset,
    preset_from_json,
    preset_to_json,
)

A, B = "32050801001310000001", "32050801001310000002"


def preset() -> WallPreset:
    return WallPreset("春节安保", (OutputPreset("HDMI-1", 4, (A, None, None, B)),
                                  OutputPreset("DP-2", 1, (None,))))


def test_a_preset_round_trips_through_json():
    text = preset_to_json(preset())
    assert json.loads(text) == {
        "version": 1, "name": "春节安保",
        "outputs": [{"name": "HDMI-1", "layout": 4, "tiles": [A, None, None, B]},
                    {"name": "DP-2", "layout": 1, "tiles": [None]}]}
    assert preset_from_json(text) == preset()
    assert preset().cameras == [A, B] and preset().output("DP-2") is not None


def _with(**changes: object) -> str:
    data: dict[str, object] = {"version": 1, "name": "p",
                               "outputs": [{"name": "HDMI-1", "layout": 4,
                                            "tiles": [A, None, None, None]}]}
    output = dict(data["outputs"][0])  # type: ignore[index]
    for key, value in changes.items():
        if key.startswith("o_"):
            output[key[2:]] = value
        else:
            data[key] = value
    if "outputs" not in changes:
        data["outputs"] = [output]
    return json.dumps(data)


@pytest.mark.parametrize(("text", "field", "words"), [
    ("{not json", "preset", "not JSON"),
    ("[]", "preset", "JSON object"),
    (_with(version=2), "version", "known preset format"),
    (_with(extra=1), "extra", "not a preset field"),
    (_with(name=""), "name", "empty"),
    (_with(name=" p"), "name", "blanks"),
    (_with(name="x" * 101), "name", "at most 100"),
    (_with(name="a\nb"), "name", "control characters"),
    (_with(name=7), "name", "not text"),
    (_with(outputs=[]), "outputs", "at least one"),
    (_with(outputs={}), "outputs", "not a list"),
    (_with(outputs=[1]), "outputs[0]", "JSON object"),
    (_with(o_layout=5), "outputs[0].layout", "not one of 1, 4, 6, 8, 9, 16, 25, 36"),
    (_with(o_layout=True), "outputs[0].layout", "not one of"),
    (_with(o_layout="4"), "outputs[0].layout", "not one of"),
    (_with(o_tiles=[A]), "outputs[0].tiles", "1 tiles given for a 4-tile layout"),
    (_with(o_tiles="A"), "outputs[0].tiles", "not a list"),
    (_with(o_tiles=[A, None, 3, None]), "outputs[0].tiles[2]", "not a camera code"),
    (_with(o_tiles=[A, None, "", None]), "outputs[0].tiles[2]", "not a camera code"),
    (_with(o_tiles=[A, None, "1" * 21, None]), "outputs[0].tiles[2]", "not a camera code"),
    (_with(o_name="HDMI 1"), "outputs[0].name", "letters, digits"),
    (_with(o_name=""), "outputs[0].name", "letters, digits"),
    (_with(o_colour="red"), "outputs[0].colour", "not a wall output field"),
    (_with(outputs=[{"name": "X", "layout": 1, "tiles": [None]},
                    {"name": "X", "layout": 1, "tiles": [None]}]),
     "outputs[1].name", "appears twice"),
])
def test_malformed_presets_name_the_field(text: str, field: str, words: str):
    with pytest.raises(PresetError) as caught:
        preset_from_json(text)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_output_names_follow_the_screen_and_stay_unique():
    assert output_name("HDMI-1", "SN123", set()) == "HDMI-1"
    assert output_name("HDMI-1", "", {"HDMI-1"}) == "HDMI-1-2"
    assert output_name("HDMI-1", "", {"HDMI-1", "HDMI-1-2"}) == "HDMI-1-3"
    assert output_name(r"\\.\DISPLAY2", "", set()) == "DISPLAY2"
    assert output_name("", "SN 42", set()) == "SN-42"
    assert output_name("", "", set()) == "wall"
    assert output_name("test", "", set()) == "wall-test"     # "test" is the test output
    assert register_output("HDMI-1") == "wall:HDMI-1"


@pytest.mark.parametrize(("count", "x", "y", "tile"), [
    (1, 0.9, 0.9, 0),
    (4, 0.1, 0.1, 0), (4, 0.9, 0.1, 1), (4, 0.1, 0.9, 2), (4, 0.9, 0.9, 3),
    (6, 0.5, 0.5, 0), (6, 0.9, 0.2, 1), (6, 0.9, 0.5, 2), (6, 0.1, 0.9, 3), (6, 0.9, 0.9, 5),
    (9, 0.5, 0.5, 4), (16, 0.99, 0.99, 15),
    (4, -0.5, 1.5, 2),      # outside: the nearest edge
])
def test_the_tile_under_a_point_follows_the_layout(count: int, x: float, y: float, tile: int):
    assert tile_at(LAYOUTS[count], x, y) == tile
