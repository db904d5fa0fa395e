"""What one tile paint costs the GUI thread (CPU time of this thread per paint, which a
busy neighbour disturbs less than a rate): a playing tile of 480×270 (and 320×180, a
36-tile grid on a 1920×1080 screen) repainted with a new picture each time — picture,
masks, watermark and OSD through the tile's own ``paintEvent`` — for a 16:9 stream (no
bars) and a D1 stream (704×576: bars left and right). No decoding: the picture is made once.

    .venv/bin/python benchmarks/tile_paint.py [--paints 2000]
Prints JSON with the load average."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import psutil
from PySide6.QtGui import QImage

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from benchmarks import _live
from console.live.state import StreamState
from console.overlay.picture_painter import DecodedFrame
from console.player.tile import VideoTile


class StillPlayer:
    """What the tile asks a player while painting, with a new frame object per paint."""

    def __init__(self, width: int, height: int, source: tuple[int, int]) -> None:
        image = QImage(width, height, QImage.Format.Format_RGB32)
        image.fill(0x336699)
        self._frames = [DecodedFrame(image.copy()) for _ in range(2)]
        self._n = 0
        self.state = StreamState.PLAYING
        self.source_size = source
        self.failure = None

    def current_frame(self) -> DecodedFrame:
        self._n += 1
        return self._frames[self._n % 2]


def paint_cost(tile_size: tuple[int, int], source: tuple[int, int], paints: int,
               repeat: int) -> float:
    tile = VideoTile(0, _live.context())
    tile.resize(*tile_size)
    tile.show()
    tile.show_view(_live.ticket(0))
    _live.spin(0.1)
    area = tile.video_rect()
    player = StillPlayer(area.width(), area.height(), source)
    tile.player = player  # type: ignore[assignment]
    _live.spin(0.05)
    area = tile.video_rect()   # with the stream's aspect known
    player._frames = [DecodedFrame(QImage(area.width(), area.height(),
                                          QImage.Format.Format_RGB32)) for _ in range(2)]
    for frame in player._frames:
        frame._sealed_image.fill(0x336699)
    costs = []
    for _ in range(repeat):
        start = time.thread_time()
        for _ in range(paints):
            tile.repaint()
        costs.append((time.thread_time() - start) / paints)
    tile.player = None
    tile.hide()
    tile.deleteLater()
    _live.spin(0.05)
    return 1000 * min(costs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paints", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    _live.app()
    result: dict[str, Any] = {"load_avg_at_start": [round(x, 2) for x in psutil.getloadavg()],
                              "cpu": "GUI thread CPU ms per paint, min of --repeat runs",
                              "ms_per_paint": {}}
    for tile_size in ((480, 270), (320, 180)):
        for name, source in (("16:9", (1280, 720)), ("d1", (704, 576))):
            key = f"{tile_size[0]}x{tile_size[1]} {name}"
            result["ms_per_paint"][key] = round(
                paint_cost(tile_size, source, args.paints, args.repeat), 4)
    result["median_ms"] = round(statistics.median(result["ms_per_paint"].values()), 4)
    result["load_avg_at_end"] = [round(x, 2) for x in psutil.getloadavg()]
    json.dump(result, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
