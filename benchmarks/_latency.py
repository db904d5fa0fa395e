"""Input latency while a grid plays (``live_grid.py --latency``): the real camera dock (a
20,000-camera catalogue) beside the real grid in a window of a desk's screen (1920×1080),
N streams playing in decoder processes.

Each input is a real ``QKeyEvent``/``QMouseEvent`` posted to the widget's event queue, as the
window system's arrive (not sent synchronously, as ``QTest.keyClick`` would: the time it
waits behind the 36 decoders' socket notifiers and the tiles' paints is the point), and the
time runs from the post to the end of the paint pass that shows its effect (a zero timer
queued from the widget's ``Paint`` event fires once the pass is done):

- a tree keystroke (Down): to the tree's repaint showing the next camera current;
- a double-click on a playing tile: to the end of the first paint of the maximised tile with
  a picture in it (the one it had, drawn at the new size), and to the first picture decoded
  for the maximised size (after the tile's 250 ms resize settle, on the main stream: here
  the same URL, as the benchmark's centre hands it out); restore likewise;
- a layout switch (``VideoGrid.set_layout``, what the layout buttons call after the window
  has asked the centre to close the views that no longer fit; that network round trip is
  not in it): to the end of the paint pass in which every tile of the new layout painted.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from benchmarks import _live
from benchmarks.catalog_tree import generate_catalogue
from console.views.camera_dock import CameraDock

CATALOGUE_SIZE = 20_000
SCREEN = (1920, 1080)


class PaintWatch(QObject):
    """Calls ``done(t)`` once at the end of the first paint pass of ``widget`` that starts
    after ``armed_after`` and satisfies ``when()``."""

    def __init__(self, widget: QWidget, when: Callable[[], bool] = lambda: True) -> None:
        super().__init__()
        self.widget, self.when = widget, when
        self.ended_at: float | None = None
        self.armed = False
        widget.installEventFilter(self)

    def arm(self) -> None:
        self.ended_at, self.armed = None, True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.armed and event.type() == QEvent.Type.Paint and self.when():
            self.armed = False
            QTimer.singleShot(0, self._end)
        return False

    def _end(self) -> None:
        self.ended_at = time.perf_counter()

    def close(self) -> None:
        self.widget.removeEventFilter(self)


class Delivery(QObject):
    """When an event of ``kind`` reached ``widget`` last (the post's wait in the queue)."""

    def __init__(self, widget: QWidget, kind: QEvent.Type) -> None:
        super().__init__()
        self.widget, self.kind = widget, kind
        self.at: float | None = None
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind and self.at is None:
            self.at = time.perf_counter()
        return False

    def close(self) -> None:
        self.widget.removeEventFilter(self)


def _ended(watch: PaintWatch) -> bool:
    return watch.ended_at is not None


def _moved(view: Any, before: Any) -> bool:
    return bool(view.currentIndex() != before)


def _maximised_with_picture(tile: Any, wider_than: int) -> bool:
    return bool(tile.width() > wider_than and tile.player is not None
                and tile.player.current_frame() is not None)


def _picture_wider(tile: Any, wider_than: int) -> bool:
    frame = tile.player.current_frame() if tile.player is not None else None
    return frame is not None and frame.width() > wider_than


def _narrow(tile: Any, at_most: int) -> bool:
    return bool(tile.width() <= at_most)


def summary(values_ms: list[float], target_ms: float) -> dict[str, Any]:
    ordered = sorted(values_ms)
    if not ordered:   # e.g. a one-tile layout has nothing to maximise
        return {"n": 0, "target_ms": target_ms, "met": None}
    return {"n": len(ordered), "median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(_live.percentile(ordered, 0.95), 1),
            "max_ms": round(ordered[-1], 1), "target_ms": target_ms,
            "met": ordered[-1] < target_ms}


def post_key(widget: QWidget, key: Qt.Key) -> None:
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QCoreApplication.postEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier))


def post_double_click(widget: QWidget) -> None:
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    global_pos = QPointF(widget.mapToGlobal(QPoint(int(centre.x()), int(centre.y()))))
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    for kind, button, buttons in (
            (QEvent.Type.MouseButtonPress, left, left),
            (QEvent.Type.MouseButtonRelease, left, none),
            (QEvent.Type.MouseButtonDblClick, left, left),
            (QEvent.Type.MouseButtonRelease, left, none)):
        QCoreApplication.postEvent(widget, QMouseEvent(
            kind, centre, centre, global_pos, button, buttons,
            Qt.KeyboardModifier.NoModifier))


def measure(grid: Any, tiles: list[Any], samples: int, seed: int = 7) -> dict[str, Any]:
    """The three latencies on a grid whose ``tiles`` are playing; the grid is put in a window
    with the camera dock for the measurement (and left there)."""
    rnd = random.Random(seed)
    window = QMainWindow()
    dock = CameraDock(window)
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    window.setCentralWidget(grid)
    window.resize(*SCREEN)   # a desk's screen: 36 tiles of ~265x175, maximised ~1590x1075
    window.show()
    catalogue = generate_catalogue(CATALOGUE_SIZE)
    dock.set_catalogue(catalogue)
    _live.run_loop_until(lambda: dock.model.tree is not None, 30.0)
    dock.select_camera(catalogue.entries[0].code)
    dock.tree.setFocus()
    _live.spin(2.0)
    result: dict[str, Any] = {"catalogue_cameras": CATALOGUE_SIZE,
                              "window_size": f"{window.width()}x{window.height()}",
                              "tile": f"{tiles[0].width()}x{tiles[0].height()}",
                              "input": "events posted to the widget's queue"}

    # a tree keystroke
    view = dock.tree
    keys: list[float] = []
    waits: list[float] = []
    delivered = Delivery(view, QEvent.Type.KeyPress)
    painted_before = [t.new_frames for t in tiles]
    started = time.perf_counter()
    for _ in range(samples):
        before = view.currentIndex()
        watch = PaintWatch(view.viewport(), partial(_moved, view, before))
        watch.arm()
        delivered.at = None
        posted = time.perf_counter()
        post_key(view, Qt.Key.Key_Down)
        if _live.run_loop_until(partial(_ended, watch), 5.0, poll_ms=1) \
                and watch.ended_at is not None:
            keys.append(1000 * (watch.ended_at - posted))
            if delivered.at is not None:
                waits.append(1000 * (delivered.at - posted))
        watch.close()
        _live.spin(rnd.uniform(0.1, 0.3))
    elapsed = time.perf_counter() - started
    delivered.close()
    result["painted_new_fps_median_while_typing"] = round(statistics.median(
        t.new_frames - b for t, b in zip(tiles, painted_before, strict=True)) / elapsed, 2)
    result["tree_keystroke_queued_ms_median"] = round(statistics.median(waits), 1) \
        if waits else None
    result["tree_keystroke"] = summary(keys, 50.0)

    # a double-click to maximise, and again to restore
    first_paint: list[float] = []
    first_picture: list[float] = []
    restore: list[float] = []
    for n in range(max(3, samples // 4)):
        tile = tiles[rnd.randrange(len(tiles))]
        small = tile.size()
        watch = PaintWatch(tile, partial(_maximised_with_picture, tile, 2 * small.width()))
        watch.arm()
        posted = time.perf_counter()
        post_double_click(tile)
        if _live.run_loop_until(partial(_ended, watch), 5.0, poll_ms=1) \
                and watch.ended_at is not None:
            first_paint.append(1000 * (watch.ended_at - posted))
        watch.close()
        big = _live.run_loop_until(partial(_picture_wider, tile, 2 * small.width()), 10.0,
                                   poll_ms=1)
        if big:
            first_picture.append(1000 * (time.perf_counter() - posted))
        _live.spin(1.0)
        watch = PaintWatch(tile, partial(_narrow, tile, small.width() + 2))
        watch.arm()
        posted = time.perf_counter()
        post_double_click(tile)
        if _live.run_loop_until(partial(_ended, watch), 5.0, poll_ms=1) \
                and watch.ended_at is not None:
            restore.append(1000 * (watch.ended_at - posted))
        watch.close()
        _live.spin(1.5 + n % 2 * 0.5)
    result["double_click_maximise_first_paint"] = summary(first_paint, 100.0)
    result["double_click_maximise_first_picture_at_new_size"] = summary(first_picture, 100.0)
    result["double_click_restore_first_paint"] = summary(restore, 100.0)
    return result | {"window": window, "dock": dock}


def layout_switch(grid: Any, count: int) -> float | None:
    """Milliseconds from a queued ``set_layout(count)`` to the end of the paint pass in which
    every tile of the new layout has painted."""
    painted: set[int] = set()
    ended: list[float] = []
    switched: list[bool] = []

    class AllPainted(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if switched and not ended and event.type() == QEvent.Type.Paint:
                painted.add(id(watched))
                if all(id(t) in painted for t in grid.tiles):
                    ended.append(0.0)
                    QTimer.singleShot(0, lambda: ended.__setitem__(0, time.perf_counter()))
            return False

    def switch() -> None:
        grid.set_layout(count)
        switched.append(True)

    app = QCoreApplication.instance()
    assert app is not None
    watcher = AllPainted()
    app.installEventFilter(watcher)   # the tiles a bigger layout adds included
    posted = time.perf_counter()
    QTimer.singleShot(0, switch)
    done = _live.run_loop_until(lambda: bool(ended) and ended[0] > 0, 10.0, poll_ms=1)
    app.removeEventFilter(watcher)
    return 1000 * (ended[0] - posted) if done else None
