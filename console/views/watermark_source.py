"""The watermark of the person logged in, as a function the painters call: the content is
computed by the core (console/watermark.py) from the session, the centre's policy and the
clock; the views only pass it on, with the word "session" in the operator's language."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from console.auth.results import SessionInfo
from console.clock import Clock
from console.policy import Policy
from console.watermark import WatermarkIdentity, WatermarkSpec, WatermarkStyle, watermark_spec


def watermark_provider(session: SessionInfo, policy: Policy,
                       clock: Clock) -> Callable[[], WatermarkSpec]:
    identity = WatermarkIdentity.from_session(session)
    style = WatermarkStyle.from_policy(policy)
    label = QCoreApplication.translate("Watermark", "Session")
    last: dict[int, WatermarkSpec] = {}

    def current() -> WatermarkSpec:
        # every painted picture asks (hundreds a second with a full grid); the content
        # changes with the clock's second only, so it is made once per second
        now = clock.now()
        second = math.floor(now.timestamp())
        spec = last.get(second)
        if spec is None:
            spec = watermark_spec(identity, style, now, session_label=label)
            last.clear()
            last[second] = spec
        return spec

    return current


def clock_text_provider(clock: Clock) -> Callable[[], str]:
    """The OSD clock (local time to the second), made once per second of the clock."""
    last: dict[int, str] = {}

    def current() -> str:
        now = clock.now()
        second = math.floor(now.timestamp())
        text = last.get(second)
        if text is None:
            text = now.astimezone().strftime("%H:%M:%S")
            last.clear()
            last[second] = text
        return text

    return current
