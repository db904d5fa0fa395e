"""The idle rule of the console lock (R3), without Qt."""

from __future__ import annotations

import pytest

from console.idle import IdleTimer


def test_idle_only_after_the_full_timeout_without_input():
    timer = IdleTimer(600, now=1000.0)
    assert not timer.is_idle(1599.9)
    assert timer.is_idle(1600.0)
    assert timer.remaining(1300.0) == 300.0


def test_input_restarts_the_wait():
    timer = IdleTimer(600, now=0.0)
    timer.touch(500.0)
    assert not timer.is_idle(1000.0)
    assert timer.is_idle(1100.0)
    assert timer.remaining(1200.0) == 0.0


def test_a_late_touch_with_an_older_time_does_not_move_the_clock_back():
    timer = IdleTimer(10, now=0.0)
    timer.touch(8.0)
    timer.touch(3.0)
    assert not timer.is_idle(17.0)


def test_timeout_must_be_positive():
    with pytest.raises(ValueError, match="positive"):
        IdleTimer(0, now=0.0)
