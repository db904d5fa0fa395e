"""Guard for the PySide6 pin (<6.12): PySide6 6.12.0 on Python 3.11 drops one reference to
True on every Signal.emit(bool) and the process dies in bool_dealloc. A million emits with
a direct connection must leave sys.getrefcount(True) where it was."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Qt, Signal


class _Emitter(QObject):
    toggled = Signal(bool)


def test_emitting_a_bool_does_not_leak_or_steal_references_to_true():
    emitter = _Emitter()
    received = {True: 0, False: 0}

    def slot(value: bool) -> None:
        received[value] += 1

    emitter.toggled.connect(slot, Qt.ConnectionType.DirectConnection)
    before = sys.getrefcount(True)
    for _ in range(1_000_000):
        emitter.toggled.emit(True)
    after = sys.getrefcount(True)
    assert received == {True: 1_000_000, False: 0}
    # Immortal objects (3.12+) report a huge constant count; 3.11 counts for real.
    assert abs(after - before) <= 5, f"refcount of True moved from {before} to {after}"
