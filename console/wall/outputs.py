"""Wall outputs without Qt: what an output is called, how it appears in the usage register,
and which tile of its layout lies under a point of its miniature.

An output is named after its screen's connector ("HDMI-1", "DP-2"), which stays the same
from one start to the next on the same terminal — the key a preset stores. A screen without
a usable name falls back to its serial number, then to "wall"; a name already taken gets
"-2", "-3"… The single-screen test output is called "test".
"""

from __future__ import annotations

import re
from collections.abc import Collection

from console.codes import Role
from console.live.layouts import GridLayout
from console.wall.presets import MAX_OUTPUT_NAME

# Who may drive the video wall (open views on wall outputs, save and recall presets).
WALL_ROLES = frozenset({Role.WALL_OPERATOR, Role.SUPERVISOR, Role.ADMINISTRATOR})

TEST_OUTPUT = "test"
OUTPUT_PREFIX = "wall:"           # the ``output`` of a wall view in the usage register

_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def output_name(screen_name: str, serial: str, taken: Collection[str]) -> str:
    """A stable name for the output on a screen called ``screen_name`` with ``serial``."""
    base = ""
    for candidate in (screen_name, serial):
        base = _UNSAFE.sub("-", candidate).strip("-.")[:MAX_OUTPUT_NAME - 3]
        if base:
            break
    base = base or "wall"
    if base == TEST_OUTPUT:
        base = "wall-test"
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    return name


def register_output(name: str) -> str:
    """How a view on this wall output is registered: ``wall:<name>``."""
    return OUTPUT_PREFIX + name


def tile_at(layout: GridLayout, x: float, y: float) -> int:
    """The index of the tile under the point (``x``, ``y``) given as fractions (0..1) of the
    output's width and height; a point outside is taken to the nearest edge."""
    size = layout.size
    col = min(size - 1, max(0, int(x * size)))
    row = min(size - 1, max(0, int(y * size)))
    for index, cell in enumerate(layout.cells):
        if cell.row <= row < cell.row + cell.span and cell.col <= col < cell.col + cell.span:
            return index
    return 0


def may_drive_wall(role: str) -> bool:
    """Whether a role drives the video wall (the centre checks again on every command)."""
    return role in WALL_ROLES
