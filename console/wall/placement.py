"""Where the wall's *test output* window goes, without Qt: somewhere it hides none of the
console's controls (the wall dock with its miniatures, the PTZ dock, the camera tree).

In order of preference:

1. where the operator last put it, if that place is still on a screen;
2. centred on another screen than the console's, if there is one;
3. beside the console's window, in the free room of its screen (right, left, below, above),
   shrunk (keeping its aspect) down to a minimum size if need be;
4. over the console's video area (the central grid, which holds no control), in its
   bottom-right corner — the console fills its screen.

Rectangles are (x, y, width, height) in the desktop's coordinates; screens are their
available areas (without task bars)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MARGIN = 12                  # between the window and what it keeps clear of
MIN_SIZE = (320, 180)        # smaller than this, a test output shows nothing useful
MIN_VISIBLE = (120, 40)      # how much of a remembered place must be on a screen


@dataclass(frozen=True, slots=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    @property
    def right(self) -> int:
        return self.x + self.width

    @property
    def bottom(self) -> int:
        return self.y + self.height

    def intersection(self, other: Rect) -> Rect | None:
        x, y = max(self.x, other.x), max(self.y, other.y)
        right, bottom = min(self.right, other.right), min(self.bottom, other.bottom)
        if right <= x or bottom <= y:
            return None
        return Rect(x, y, right - x, bottom - y)

    def contains_point(self, x: int, y: int) -> bool:
        return self.x <= x < self.right and self.y <= y < self.bottom


def _fit(size: tuple[int, int], room: tuple[int, int]) -> tuple[int, int] | None:
    """``size`` shrunk (keeping its aspect) to fit ``room``; None below the minimum."""
    width, height = size
    scale = min(1.0, room[0] / width, room[1] / height) if width and height else 0.0
    fitted = (int(width * scale), int(height * scale))
    if fitted[0] < MIN_SIZE[0] or fitted[1] < MIN_SIZE[1]:
        return None
    return fitted


def _screen_of(window: Rect, screens: Sequence[Rect]) -> Rect | None:
    """The screen holding most of ``window`` (None when it is on none)."""
    best, area = None, 0
    for screen in screens:
        common = window.intersection(screen)
        if common is not None and common.width * common.height > area:
            best, area = screen, common.width * common.height
    return best


def _on_a_screen(place: Rect, screens: Sequence[Rect]) -> bool:
    """Enough of ``place``'s top (where it is grabbed to move it) lies on a screen."""
    top = Rect(place.x, place.y, place.width, min(place.height, MIN_VISIBLE[1]))
    return any((common := top.intersection(s)) is not None
               and common.width >= min(MIN_VISIBLE[0], place.width)
               and common.height >= min(MIN_VISIBLE[1], place.height) for s in screens)


def place_test_output(size: tuple[int, int], console: Rect, screens: Sequence[Rect],
                      *, video_area: Rect | None = None, saved: Rect | None = None) -> Rect:
    """Where the test output of ``size`` (its wished width and height) goes, given the
    console's window ``console``, the ``screens``, the console's ``video_area`` (its central
    grid) and the place the operator ``saved`` last time (see the module docstring)."""
    if saved is not None and saved.width > 0 and saved.height > 0 \
            and _on_a_screen(saved, screens):
        return saved
    home = _screen_of(console, screens) or (screens[0] if screens else console)
    for screen in screens:
        if screen == home:
            continue
        fitted = _fit(size, (screen.width - 2 * MARGIN, screen.height - 2 * MARGIN))
        if fitted is not None:
            return Rect(screen.x + (screen.width - fitted[0]) // 2,
                        screen.y + (screen.height - fitted[1]) // 2, *fitted)
    beside = _beside(size, console, home)
    if beside is not None:
        return beside
    area = video_area or console
    fitted = _fit(size, (area.width * 2 // 3, area.height * 2 // 3)) or MIN_SIZE
    width, height = min(fitted[0], area.width), min(fitted[1], area.height)
    return Rect(area.right - width - MARGIN if area.width > width + MARGIN else area.x,
                area.bottom - height - MARGIN if area.height > height + MARGIN else area.y,
                width, height)


def _beside(size: tuple[int, int], console: Rect, screen: Rect) -> Rect | None:
    """The largest fit in the room the console leaves on its screen (right first)."""
    rooms = [  # (room width, room height, where the room starts)
        (screen.right - console.right - 2 * MARGIN, screen.height - 2 * MARGIN,
         console.right + MARGIN, screen.y + MARGIN),
        (console.x - screen.x - 2 * MARGIN, screen.height - 2 * MARGIN,
         screen.x + MARGIN, screen.y + MARGIN),
        (screen.width - 2 * MARGIN, screen.bottom - console.bottom - 2 * MARGIN,
         screen.x + MARGIN, console.bottom + MARGIN),
        (screen.width - 2 * MARGIN, console.y - screen.y - 2 * MARGIN,
         screen.x + MARGIN, screen.y + MARGIN),
    ]
    best: Rect | None = None
    for width, height, x, y in rooms:
        if width <= 0 or height <= 0:
            continue
        fitted = _fit(size, (width, height))
        if fitted is not None and (best is None or fitted[0] > best.width):
            best = Rect(x, y, *fitted)
    return best
