"""Wall presets: what a video wall shows, by name — per wall output its grid layout and the
camera code of each tile (or none). Plain data with a strict JSON form.

A preset carries no rights and no purpose. Recalling it opens every camera again through the
access service, which checks the rights of the person recalling it *now* and registers each
view (R6, R11); a purpose belongs to one use, not to a layout, so it is asked again when the
preset is recalled (R15).

JSON (``version`` 1)::

    {"version": 1, "name": "春节安保",
     "outputs": [{"name": "HDMI-1", "layout": 4,
                  "tiles": ["32050801001310000001", null, null, "32050801001310000002"]}]}
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from console.live.layouts import LAYOUTS

FORMAT_VERSION = 1
MAX_NAME = 100            # a preset's name
MAX_OUTPUT_NAME = 64      # a wall output's name ("HDMI-1", "test")
MAX_CODE = 20             # a camera code (GB/T 28181: 20 digits)
MAX_OUTPUTS = 32

_OUTPUT_NAME = re.compile(r"^[A-Za-z0-9_.:-]+$")


class PresetError(ValueError):
    """A preset that cannot be read or is not valid; ``field`` says where (for example
    ``outputs[1].tiles[3]``)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class OutputPreset:
    """One wall output: its layout (tile count) and the camera of each tile."""

    name: str
    layout: int
    tiles: tuple[str | None, ...]

    def __post_init__(self) -> None:
        _check_output(self.name, self.layout, self.tiles, "output")

    @property
    def cameras(self) -> list[str]:
        return [code for code in self.tiles if code is not None]


@dataclass(frozen=True, slots=True)
class WallPreset:
    name: str
    outputs: tuple[OutputPreset, ...]

    def __post_init__(self) -> None:
        check_name(self.name)
        if not self.outputs:
            raise PresetError("outputs", "a preset needs at least one wall output")
        if len(self.outputs) > MAX_OUTPUTS:
            raise PresetError("outputs", f"at most {MAX_OUTPUTS} wall outputs")
        names = [o.name for o in self.outputs]
        for i, name in enumerate(names):
            if name in names[:i]:
                raise PresetError(f"outputs[{i}].name", f"{name!r} appears twice")

    def output(self, name: str) -> OutputPreset | None:
        return next((o for o in self.outputs if o.name == name), None)

    @property
    def cameras(self) -> list[str]:
        return [code for o in self.outputs for code in o.cameras]


def check_name(name: str) -> str:
    """A preset name: 1-100 printable characters, no leading or trailing blanks."""
    if not isinstance(name, str):
        raise PresetError("name", "must be text")
    if not name or name != name.strip():
        raise PresetError("name", "must not be empty or start or end with blanks")
    if len(name) > MAX_NAME:
        raise PresetError("name", f"at most {MAX_NAME} characters")
    if not name.isprintable():
        raise PresetError("name", "must not contain control characters")
    return name


def _check_output(name: object, layout: object, tiles: Sequence[object],
                  where: str) -> tuple[str, int, tuple[str | None, ...]]:
    if not isinstance(name, str) or not name or len(name) > MAX_OUTPUT_NAME \
            or not _OUTPUT_NAME.match(name):
        raise PresetError(f"{where}.name", f"{name!r} must be 1-{MAX_OUTPUT_NAME} letters, "
                          "digits, '.', '_', ':' or '-'")
    if isinstance(layout, bool) or not isinstance(layout, int) or layout not in LAYOUTS:
        choices = ", ".join(str(c) for c in LAYOUTS)
        raise PresetError(f"{where}.layout", f"{layout!r} is not one of {choices}")
    if len(tiles) != layout:
        raise PresetError(f"{where}.tiles",
                          f"{len(tiles)} tiles given for a {layout}-tile layout")
    for i, code in enumerate(tiles):
        if code is None:
            continue
        if not isinstance(code, str) or not code or code != code.strip() \
                or len(code) > MAX_CODE:
            raise PresetError(f"{where}.tiles[{i}]",
                              f"{code!r} is not a camera code (1-{MAX_CODE} characters) "
                              "or null")
    return name, layout, tuple(code if isinstance(code, str) else None for code in tiles)


# -- JSON ----------------------------------------------------------------------------------------


def preset_to_dict(preset: WallPreset) -> dict[str, Any]:
    return {"version": FORMAT_VERSION, "name": preset.name,
            "outputs": [{"name": o.name, "layout": o.layout, "tiles": list(o.tiles)}
                        for o in preset.outputs]}


def preset_to_json(preset: WallPreset) -> str:
    return json.dumps(preset_to_dict(preset), ensure_ascii=False, separators=(",", ":"))


def preset_from_json(text: str) -> WallPreset:
    """The preset in ``text``; ``PresetError`` names the first thing wrong with it."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, TypeError) as exc:
        raise PresetError("preset", f"not JSON ({exc})") from None
    return preset_from_dict(data)


def preset_from_dict(data: object) -> WallPreset:
    if not isinstance(data, dict):
        raise PresetError("preset", "must be a JSON object")
    version = data.get("version")
    if version != FORMAT_VERSION:
        raise PresetError("version", f"{version!r} is not a known preset format "
                          f"(this console reads version {FORMAT_VERSION})")
    unknown = sorted(set(data) - {"version", "name", "outputs"})
    if unknown:
        raise PresetError(unknown[0], "is not a preset field")
    name = data.get("name")
    if not isinstance(name, str):
        raise PresetError("name", "missing or not text")
    outputs = data.get("outputs")
    if not isinstance(outputs, list):
        raise PresetError("outputs", "missing or not a list")
    return WallPreset(check_name(name),
                      tuple(_output_from_dict(o, f"outputs[{i}]")
                            for i, o in enumerate(outputs)))


def output_from_dict(data: object, where: str) -> OutputPreset:
    """One output in its JSON form (``PresetError`` names what is wrong, at ``where``)."""
    return _output_from_dict(data, where)


def _output_from_dict(data: object, where: str) -> OutputPreset:
    if not isinstance(data, dict):
        raise PresetError(where, "must be a JSON object")
    unknown = sorted(set(data) - {"name", "layout", "tiles"})
    if unknown:
        raise PresetError(f"{where}.{unknown[0]}", "is not a wall output field")
    tiles = data.get("tiles")
    if not isinstance(tiles, list):
        raise PresetError(f"{where}.tiles", "missing or not a list")
    return OutputPreset(*_check_output(data.get("name"), data.get("layout"), tiles, where))
