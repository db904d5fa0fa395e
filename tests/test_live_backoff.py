"""Reconnect timing and the stall rule (console.live.backoff): no Qt, no clock."""

from __future__ import annotations

import pytest

from console.live.backoff import (
    Backoff,
    StallVerdict,
    is_stalled,
    retry_delay,
    stall_verdict,
)
from console.live.state import LiveTuning


@pytest.mark.parametrize(("failures", "start", "cap", "expected"), [
    (1, 1.0, 30.0, 1.0),
    (2, 1.0, 30.0, 2.0),
    (3, 1.0, 30.0, 4.0),
    (5, 1.0, 30.0, 16.0),
    (6, 1.0, 30.0, 30.0),     # 32 capped
    (7, 1.0, 30.0, 30.0),
    (500, 1.0, 30.0, 30.0),   # no overflow after a night of failures
    (1, 0.5, 2.0, 0.5),
    (3, 0.5, 2.0, 2.0),
    (4, 0.5, 2.0, 2.0),
])
def test_retry_delay_doubles_up_to_the_cap(failures, start, cap, expected):
    assert retry_delay(failures, start, cap) == expected


@pytest.mark.parametrize(("failures", "start", "cap"), [(0, 1.0, 30.0), (1, 0.0, 30.0),
                                                        (1, 5.0, 1.0)])
def test_retry_delay_refuses_nonsense(failures, start, cap):
    with pytest.raises(ValueError):
        retry_delay(failures, start, cap)


def test_backoff_counts_failures_and_resets_after_a_picture():
    backoff = Backoff.from_tuning(LiveTuning())
    assert [backoff.next_delay() for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    backoff.reset()
    assert backoff.next_delay() == 1.0
    assert backoff.failures == 1


def test_backoff_follows_the_terminal_tuning():
    backoff = Backoff.from_tuning(LiveTuning(backoff_start_s=0.25, backoff_max_s=1.0))
    assert [backoff.next_delay() for _ in range(4)] == [0.25, 0.5, 1.0, 1.0]


@pytest.mark.parametrize(("last", "now", "stall_after", "stalled"), [
    (None, 100.0, 3.0, False),    # no picture yet: connecting, not stalled
    (100.0, 100.0, 3.0, False),
    (100.0, 102.9, 3.0, False),
    (100.0, 103.0, 3.0, True),
    (100.0, 250.0, 3.0, True),
])
def test_is_stalled(last, now, stall_after, stalled):
    assert is_stalled(last, now, stall_after) is stalled


@pytest.mark.parametrize(("last", "now", "verdict"), [
    (None, 50.0, StallVerdict.FLOWING),
    (10.0, 12.0, StallVerdict.FLOWING),
    (10.0, 13.0, StallVerdict.STALLED),
    (10.0, 18.9, StallVerdict.STALLED),
    (10.0, 19.0, StallVerdict.REOPEN),     # 3 × stall_after_s
])
def test_stall_verdict(last, now, verdict):
    assert stall_verdict(last, now, 3.0) is verdict
