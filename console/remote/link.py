"""Failing closed (the rule, without Qt): a terminal that has not heard from the centre for
``server_grace_seconds`` must show no video and steer no camera — revocation, disabling and
expiry are decided on the centre, and a terminal cut off from it cannot know them. It shows
video again only after the centre answered again and rechecked the views it shows."""

from __future__ import annotations

from enum import Enum


class LinkState(Enum):
    UP = "up"              # the centre answers
    LOST = "lost"          # silent for longer than the grace period: video blanked
    RESUMING = "resuming"  # it answers again; the views are being rechecked first


def next_state(state: LinkState, silent_for: float, grace_s: float) -> LinkState:
    """The link's state after ``silent_for`` seconds since the centre last answered."""
    if silent_for > grace_s:
        return LinkState.LOST
    if state == LinkState.LOST:
        return LinkState.RESUMING
    return state
