"""Credentials never reach a player's texts; files are paced to their timestamps."""

from __future__ import annotations

import pytest

from console.live.pacing import RealTimePacer
from console.live.redaction import scrub_credentials

SECRET = "rtsp://admin:Pa%24s-9x@10.0.0.5:554/ch1"
SHOWN = "rtsp://***@10.0.0.5:554/ch1"


@pytest.mark.parametrize("text", [
    f"[Errno 111] Connection refused: '{SECRET}'",
    "Server returned 401 for rtsp://admin:Pa%24s-9x@10.0.0.5:554/ch1?x=1",
    "password Pa$s-9x rejected",
    "password Pa%24s-9x rejected",
    "other url http://bob:hunter22@host/x failed",
])
def test_scrub_credentials_removes_user_and_password(text):
    scrubbed = scrub_credentials(text, SECRET, SHOWN)
    for secret in ("Pa%24s-9x", "Pa$s-9x", "admin:", "hunter22", "bob:"):
        assert secret not in scrubbed


def test_scrub_credentials_keeps_the_rest():
    assert scrub_credentials(f"Connection refused: '{SECRET}'", SECRET, SHOWN) == (
        f"Connection refused: '{SHOWN}'")
    assert scrub_credentials("retry in 4 s", "rtsp://cam/x", "rtsp://cam/x") == "retry in 4 s"


def test_pacer_waits_for_each_timestamp_from_the_first_picture():
    pacer = RealTimePacer()
    assert pacer.wait_before(10.0, now=100.0) == 0.0           # first: show at once
    assert pacer.wait_before(10.04, now=100.0) == pytest.approx(0.04)
    assert pacer.wait_before(10.08, now=100.05) == pytest.approx(0.03)
    assert pacer.wait_before(10.12, now=100.2) == 0.0          # late: show now
    assert pacer.wait_before(None, now=100.2) == 0.0           # unstamped


def test_pacer_starts_over_after_a_long_delay_or_a_jump():
    pacer = RealTimePacer()
    pacer.wait_before(0.0, now=50.0)
    assert pacer.wait_before(0.04, now=52.0) == 0.0    # 2 s late (a paused process)
    assert pacer.wait_before(0.08, now=52.0) == pytest.approx(0.04)  # counted from there
    assert pacer.wait_before(900.0, now=52.0) == 0.0   # timestamps jumped ahead
    assert pacer.wait_before(900.04, now=52.0) == pytest.approx(0.04)
