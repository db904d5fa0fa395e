"""What a console shows, kept so that it comes back after a restart: per person and terminal,
the desk's layout and the camera of each tile, and the same for each wall output. Plain data
with a small JSON form; no Qt.

Only what is needed to open the views again is kept: layouts, tile positions and camera
codes. No view id, no stream address, no purpose, no right: reopening goes through the normal
view-opening flow, so the centre checks the person's rights *now* and registers each view
(R6, R11), and a purpose is asked again where a grant needs one (R15). A camera no longer
permitted is not reopened (``split_permitted``).

JSON (``version`` 1)::

    {"version": 1,
     "desk": {"name": "desk", "layout": 4, "tiles": ["3205…01", null, null, "3205…02"]},
     "wall": [{"name": "HDMI-1", "layout": 1, "tiles": ["3205…03"]}]}
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from console.wall.presets import OutputPreset, PresetError, output_from_dict

FORMAT_VERSION = 1
DESK = "desk"
SETTINGS_KEY = "views/last/{account}@{terminal}"


def settings_key(account: str, terminal: str) -> str:
    """Where a person's last views on a terminal are kept (per-user UI state)."""
    return SETTINGS_KEY.format(account=account, terminal=terminal)


@dataclass(frozen=True, slots=True)
class LastViews:
    desk: OutputPreset | None
    wall: tuple[OutputPreset, ...] = ()

    @property
    def cameras(self) -> list[str]:
        outputs = ([self.desk] if self.desk is not None else []) + list(self.wall)
        return [code for output in outputs for code in output.cameras]


def to_json(views: LastViews) -> str:
    def output(o: OutputPreset) -> dict[str, Any]:
        return {"name": o.name, "layout": o.layout, "tiles": list(o.tiles)}

    return json.dumps({"version": FORMAT_VERSION,
                       "desk": output(views.desk) if views.desk is not None else None,
                       "wall": [output(o) for o in views.wall]},
                      ensure_ascii=False, separators=(",", ":"))


def from_json(text: object) -> LastViews | None:
    """The views kept in ``text``; None when there are none or they cannot be read (an
    older or damaged entry is ignored, never an error at login)."""
    if not isinstance(text, str) or not text:
        return None
    try:
        data = json.loads(text)
        if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
            return None
        desk = data.get("desk")
        wall = data.get("wall", [])
        if not isinstance(wall, list) or (desk is None and not wall):
            return None
        return LastViews(
            output_from_dict(desk, "desk") if desk is not None else None,
            tuple(output_from_dict(o, f"wall[{i}]") for i, o in enumerate(wall)))
    except (json.JSONDecodeError, PresetError, TypeError):
        return None


def split_permitted(output: OutputPreset, permitted: Callable[[str], bool]
                    ) -> tuple[OutputPreset, list[str]]:
    """``output`` with only the cameras still permitted (the others' tiles left free), and
    the codes left out."""
    skipped = [code for code in output.cameras if not permitted(code)]
    kept = tuple(code if code is not None and code not in skipped else None
                 for code in output.tiles)
    return OutputPreset(output.name, output.layout, kept), skipped
