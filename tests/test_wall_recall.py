"""Planning a wall preset's recall without Qt (console/wall/recall.py): table-driven."""

from __future__ import annotations

import pytest

from console.live.grid_model import CellContent
from console.wall.presets import OutputPreset, WallPreset
from console.wall.recall import OutputNow, RecallPlan, Step, TileStep, plan_recall

K, OP, C = Step.KEEP, Step.OPEN, Step.CLOSE


def now(name: str, spec: str) -> OutputNow:
    """``"A . b"``: A shown, free, b being opened."""
    out = []
    for word in spec.split():
        if word == ".":
            out.append(CellContent())
        elif word.islower():
            out.append(CellContent(pending=word.upper()))
        else:
            out.append(CellContent(code=word))
    return OutputNow(name, tuple(out))


def stored(name: str, spec: str) -> OutputPreset:
    tiles = tuple(None if w == "." else w for w in spec.split())
    return OutputPreset(name, len(tiles), tiles)


def steps(plan: RecallPlan) -> list[tuple[str, int, Step, str | None]]:
    return [(s.output, s.tile, s.step, s.code) for s in plan.steps]


CASES = [
    # an empty wall: every stored camera opens
    ([stored("HDMI-1", "A B . .")], [now("HDMI-1", ". . . .")],
     [("HDMI-1", 4)], [("HDMI-1", 0, OP, "A"), ("HDMI-1", 1, OP, "B")], [], 2),
    # what is shown already stays; another camera replaces; an empty stored tile closes
    ([stored("HDMI-1", "A B . .")], [now("HDMI-1", "A C D .")],
     [("HDMI-1", 4)], [("HDMI-1", 0, K, "A"), ("HDMI-1", 1, OP, "B"), ("HDMI-1", 2, C, None)],
     [], 2),
    # an open still on its way in an empty stored tile is cancelled too
    ([stored("HDMI-1", "A . . .")], [now("HDMI-1", "A b . .")],
     [("HDMI-1", 4)], [("HDMI-1", 0, K, "A"), ("HDMI-1", 1, C, None)], [], 1),
    # a smaller stored layout: the view in a removed tile moves down first and is kept
    ([stored("HDMI-1", "D")], [now("HDMI-1", ". . . D")],
     [("HDMI-1", 1)], [("HDMI-1", 0, K, "D")], [], 1),
    # a larger stored layout: new tiles are free
    ([stored("HDMI-1", "A . . . . . . . E")], [now("HDMI-1", "A . . .")],
     [("HDMI-1", 9)], [("HDMI-1", 0, K, "A"), ("HDMI-1", 8, OP, "E")], [], 2),
    # matched by name first, the rest in order
    ([stored("DP-1", "A"), stored("HDMI-9", "B")], [now("HDMI-1", "."), now("DP-1", ".")],
     [("DP-1", 1), ("HDMI-1", 1)], [("DP-1", 0, OP, "A"), ("HDMI-1", 0, OP, "B")], [], 2),
    # more stored outputs than screens: the rest is missing, its cameras not shown
    ([stored("HDMI-1", "A"), stored("HDMI-2", "B C . .")], [now("test", ". . . .")],
     [("test", 1)], [("test", 0, OP, "A")], ["HDMI-2"], 3),
    # an output of this console the preset does not name is left alone
    ([stored("HDMI-1", "A")], [now("HDMI-1", "."), now("HDMI-2", "X")],
     [("HDMI-1", 1)], [("HDMI-1", 0, OP, "A")], [], 1),
]


@pytest.mark.parametrize(("outputs", "current", "layouts", "planned", "missing", "total"),
                         CASES)
def test_plan_recall(outputs: list[OutputPreset], current: list[OutputNow],
                     layouts: list[tuple[str, int]],
                     planned: list[tuple[str, int, Step, str | None]],
                     missing: list[str], total: int) -> None:
    plan = plan_recall(WallPreset("早高峰", tuple(outputs)), current)
    assert list(plan.layouts) == layouts
    assert steps(plan) == planned
    assert list(plan.missing) == missing
    assert plan.total == total


def test_of_selects_one_kind() -> None:
    plan = plan_recall(WallPreset("p", (stored("HDMI-1", "A B . ."),)),
                       [now("HDMI-1", "A . C .")])
    assert plan.of(Step.OPEN) == [TileStep("HDMI-1", 1, Step.OPEN, "B")]
    assert plan.of(Step.CLOSE) == [TileStep("HDMI-1", 2, Step.CLOSE)]
