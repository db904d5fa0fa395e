"""The watermark of the person logged in, as a function the painters call: the content is
computed by the core (console/watermark.py) from the session, the centre's policy and the
clock; the views only pass it on, with the word "session" in the operator's language."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QCoreApplication

from console.auth.results import SessionInfo
from console.clock import Clock
from console.policy import Policy
from console.watermark import WatermarkIdentity, WatermarkSpec, WatermarkStyle, watermark_spec

T = TypeVar("T")


def watermark_provider(session: SessionInfo, policy: Policy,
                       clock: Clock) -> Callable[[], WatermarkSpec]:
    identity = WatermarkIdentity.from_session(session)
    style = WatermarkStyle.from_policy(policy)
    label = QCoreApplication.translate("Watermark", "Session")
    return once_per_second(clock, lambda now: watermark_spec(identity, style, now,
                                                             session_label=label))


def clock_text_provider(clock: Clock) -> Callable[[], str]:
    """The OSD clock (local time to the second), made once per second of the clock."""
    return once_per_second(clock, lambda now: now.astimezone().strftime("%H:%M:%S"))


def once_per_second(clock: Clock, make: Callable[[datetime], T]) -> Callable[[], T]:
    """``make(now)``, made again only when the clock's second changes: every painted
    picture asks (hundreds a second with a full grid) for what changes once a second."""
    last: dict[int, T] = {}

    def current() -> T:
        now = clock.now()
        second = math.floor(now.timestamp())
        value = last.get(second)
        if value is None:
            value = make(now)
            last.clear()
            last[second] = value
        return value

    return current
