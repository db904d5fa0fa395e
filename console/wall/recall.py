"""Recalling a wall preset, planned without Qt: given the preset and what each wall output
shows now, which output takes which stored output, which layout each gets, and per tile
which view closes, which opens and which stays.

- Stored outputs go to this console's outputs of the same name first, then the rest in
  order; a stored output left without one is *missing* (its cameras count as not shown).
- Each matched output takes the stored layout first (console/live/grid_model.py: views in
  removed tiles move into free ones, the rest close as LAYOUT_CHANGED — the caller does
  that with the grid).
- Then per tile: the stored camera already shown there stays (*keep*); another one is
  opened (*open*; the view shown meanwhile stays until the new one is open); an empty
  stored tile closes what the tile shows or is opening (*close*).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from console.live.grid_model import CellContent, relayout
from console.wall.presets import OutputPreset, WallPreset


class Step(Enum):
    KEEP = "keep"      # the stored camera is shown there already
    OPEN = "open"      # open the stored camera there
    CLOSE = "close"    # the stored tile is empty: close what the tile shows or opens


@dataclass(frozen=True, slots=True)
class OutputNow:
    """A wall output as it is now: its name and its cells."""

    name: str
    cells: tuple[CellContent, ...]


@dataclass(frozen=True, slots=True)
class TileStep:
    output: str
    tile: int
    step: Step
    code: str | None = None        # the camera to open or kept (None for CLOSE)


@dataclass(frozen=True, slots=True)
class RecallPlan:
    layouts: tuple[tuple[str, int], ...] = ()         # (output, tile count), in order
    steps: tuple[TileStep, ...] = ()
    missing: tuple[str, ...] = ()                     # stored outputs with no output here
    total: int = 0                                    # monitoring points in the preset

    def of(self, step: Step) -> list[TileStep]:
        return [s for s in self.steps if s.step == step]


def match_outputs(preset: WallPreset, names: Sequence[str]
                  ) -> tuple[list[tuple[OutputPreset, str]], list[OutputPreset]]:
    """Stored outputs to this console's outputs (``names``): by name, then the rest in
    order. Returns the pairs and the stored outputs left without one."""
    free = list(names)
    pairs: list[tuple[OutputPreset, str]] = []
    unmatched: list[OutputPreset] = []
    for stored in preset.outputs:
        if stored.name in free:
            free.remove(stored.name)
            pairs.append((stored, stored.name))
        else:
            unmatched.append(stored)
    missing: list[OutputPreset] = []
    for stored in unmatched:
        if free:
            pairs.append((stored, free.pop(0)))
        else:
            missing.append(stored)
    return pairs, missing


def plan_recall(preset: WallPreset, outputs: Sequence[OutputNow]) -> RecallPlan:
    """What recalling ``preset`` does to ``outputs`` (see the module docstring)."""
    now = {o.name: o for o in outputs}
    pairs, missing = match_outputs(preset, [o.name for o in outputs])
    layouts: list[tuple[str, int]] = []
    steps: list[TileStep] = []
    total = sum(len(stored.cameras) for stored in missing)
    for stored, name in pairs:
        layouts.append((name, stored.layout))
        cells, _dropped = relayout(now[name].cells, stored.layout)
        for index, code in enumerate(stored.tiles):
            cell = cells[index] if index < len(cells) else CellContent()
            if code is None:
                if not cell.is_free:
                    steps.append(TileStep(name, index, Step.CLOSE))
                continue
            total += 1
            step = Step.KEEP if cell.code == code else Step.OPEN
            steps.append(TileStep(name, index, step, code))
    return RecallPlan(tuple(layouts), tuple(steps), tuple(s.name for s in missing), total)
