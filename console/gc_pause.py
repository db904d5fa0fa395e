"""Pausing Python's cyclic garbage collector while a large batch of small objects is built.

Building 100k tree nodes or catalogue entries triggers the collector dozens of times for
nothing (the objects hold no cycles); pausing it saves about 30 % of a snapshot or a tree
build. Reference counting still frees everything as usual."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
