"""Where the wall's test output window goes (console/wall/placement.py, no Qt): where the
operator left it, else on another screen, else beside the console, else over its video area —
never over the docks with the wall's miniatures and controls."""

from __future__ import annotations

import pytest

from console.wall.placement import MIN_SIZE, Rect, place_test_output

SIZE = (960, 540)
FULL_HD = Rect(0, 0, 1920, 1080)
SECOND = Rect(1920, 0, 1280, 1024)
CONSOLE_FULL = Rect(0, 0, 1920, 1080)        # the console fills its screen
VIDEO_FULL = Rect(400, 60, 1200, 960)        # its central grid (docks left and right)
CONSOLE_LEFT = Rect(0, 0, 900, 1000)         # a console on the left of its screen


@pytest.mark.parametrize(("case", "console", "screens", "video", "saved", "expected"), [
    ("remembered place wins", CONSOLE_FULL, [FULL_HD], VIDEO_FULL,
     Rect(100, 700, 640, 360), Rect(100, 700, 640, 360)),
    ("remembered place on a screen now gone is ignored", CONSOLE_FULL, [FULL_HD],
     VIDEO_FULL, Rect(2500, 100, 640, 360), Rect(1600 - 800 - 12, 1020 - 450 - 12, 800, 450)),
    ("another screen: centred there", CONSOLE_FULL, [FULL_HD, SECOND], VIDEO_FULL, None,
     Rect(1920 + 160, 242, 960, 540)),
    ("room to the right of the console", CONSOLE_LEFT, [FULL_HD], None, None,
     Rect(912, 12, 960, 540)),
    ("room to the left of the console", Rect(1000, 0, 920, 1080), [FULL_HD], None, None,
     Rect(12, 12, 960, 540)),
    ("little room beside: shrunk, keeping the aspect", Rect(0, 0, 1300, 1080), [FULL_HD],
     None, None, Rect(1312, 12, 596, 335)),
    ("too little room beside: over the video area, bottom right", Rect(0, 0, 1700, 1080),
     [FULL_HD], VIDEO_FULL, None, Rect(788, 558, 800, 450)),
    ("small screen: never below the minimum size", Rect(0, 0, 1024, 600),
     [Rect(0, 0, 1024, 600)], Rect(300, 40, 400, 400), None,
     Rect(300 + 400 - MIN_SIZE[0] - 12, 40 + 400 - MIN_SIZE[1] - 12, *MIN_SIZE)),
], ids=lambda v: v if isinstance(v, str) else "")
def test_placement(case, console, screens, video, saved, expected):
    assert place_test_output(SIZE, console, screens, video_area=video, saved=saved) \
        == expected, case
