"""The watermark of the person logged in, as a function the painters call: the content is
computed by the core (console/watermark.py) from the session, the centre's policy and the
clock; the views only pass it on, with the word "session" in the operator's language."""

from __future__ import annotations

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
    return lambda: watermark_spec(identity, style, clock.now(), session_label=label)
