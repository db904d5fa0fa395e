"""Which of a camera's streams a tile plays: the sub stream in small tiles, the main stream
when the tile is maximised or large enough (a wall output tile usually is) to show the
difference."""

from __future__ import annotations

from console.live.state import StreamKind

# A tile at least this wide (device pixels) plays the main stream: a D1/360p sub stream
# would be scaled up by more than about 1.5x.
MAIN_STREAM_MIN_WIDTH = 960


def choose_stream(width: int, *, maximised: bool, has_sub: bool,
                  has_main: bool = True) -> StreamKind:
    if not has_sub:
        return StreamKind.MAIN
    if not has_main:
        return StreamKind.SUB
    if maximised or width >= MAIN_STREAM_MIN_WIDTH:
        return StreamKind.MAIN
    return StreamKind.SUB
