"""What the watermark says (R8): who is looking, from which terminal, at what moment.

Every pixel path that shows video carries a semi-transparent watermark with the logged-in
person, the terminal and the live time (Gusu rules §15), so that a photo of a screen or of
the video wall can be traced to one session. This module computes the *content* only — a
frozen, hashable ``WatermarkSpec`` — and knows no Qt; console/overlay/watermark_painter.py
draws it. The spec changes exactly when the displayed second changes, so a painter that
caches on the spec re-renders once per second.

The opacity and the text size come from the centre-wide policy (``watermark_opacity_percent``,
``watermark_size_percent``); the policy's lower bound on opacity means an operator cannot
switch the watermark off.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from datetime import datetime, tzinfo

from console.auth.results import SessionInfo
from console.policy import BOUNDS, Policy

DEFAULT_ANGLE = -30.0
DEFAULT_SESSION_LABEL = "会话"

# Longest text kept of each field (characters); longer values end in "…". An account and a
# session code are identifiers and get more room than a display name.
MAX_REAL_NAME = 16
MAX_ACCOUNT = 32
MAX_TERMINAL = 24
MAX_IP = 45          # the longest textual IPv6 address
MAX_SESSION_CODE = 12
MAX_LABEL = 12
ELLIPSIS = "…"
MISSING = "-"

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class WatermarkIdentity:
    """The session a watermark traces back to."""

    real_name: str
    account: str
    terminal_name: str
    ip: str
    session_code: str

    @classmethod
    def from_session(cls, session: SessionInfo) -> WatermarkIdentity:
        """From the login result; ``code`` is the session's short code, the one the LOGIN
        audit record stores as ``params.session_code``."""
        return cls(real_name=session.real_name, account=session.account,
                   terminal_name=session.terminal_name, ip=session.identity.ip,
                   session_code=session.code)


@dataclass(frozen=True, slots=True)
class WatermarkStyle:
    """How strongly and how large: whole percent values, within the policy's bounds (the
    minimum opacity is enforced here too, so no caller can make the watermark invisible)."""

    opacity_percent: int
    size_percent: int

    def __post_init__(self) -> None:
        for name in ("watermark_opacity_percent", "watermark_size_percent"):
            value = getattr(self, name.removeprefix("watermark_"))
            bound = BOUNDS[name]
            if not bound.low <= value <= bound.high:
                raise ValueError(f"{name}={value} is outside {bound.low}..{bound.high}")

    @classmethod
    def from_policy(cls, policy: Policy) -> WatermarkStyle:
        return cls(opacity_percent=policy.watermark_opacity_percent,
                   size_percent=policy.watermark_size_percent)


@dataclass(frozen=True, slots=True)
class WatermarkSpec:
    """Everything a painter needs, and nothing else: equal specs draw equal pixels.

    ``opacity`` (0..1) is the greatest alpha any watermark pixel may have; ``size_percent``
    is the text height as a percentage of the output's shorter side; ``angle`` is the
    rotation of the tiled text in degrees (negative: rising to the right)."""

    lines: tuple[str, ...]
    opacity: float
    size_percent: int
    angle: float = DEFAULT_ANGLE

    def __post_init__(self) -> None:
        if not self.lines:
            raise ValueError("a watermark needs at least one line")
        if not 0.0 < self.opacity <= 1.0:
            raise ValueError(f"watermark opacity {self.opacity} is outside 0 < opacity ≤ 1")
        if self.size_percent <= 0:
            raise ValueError("watermark size must be positive")


def watermark_spec(identity: WatermarkIdentity, style: WatermarkStyle, now: datetime, *,
                   tz: tzinfo | None = None, session_label: str = DEFAULT_SESSION_LABEL,
                   angle: float = DEFAULT_ANGLE) -> WatermarkSpec:
    """The watermark for ``identity`` at ``now`` (timezone-aware), shown in local time — the
    terminal's zone, or ``tz`` — to the second. Four lines::

        张三 (zhangsan)
        T-0042 10.20.0.42
        2026-01-01 08:00:00
        会话 ABC123

    ``session_label`` is the word before the session code; the views pass it translated.
    Missing values show as "-", control characters as spaces, over-long values are cut with
    "…", an IP address is shown in its canonical (for IPv6: compressed) form."""
    if now.tzinfo is None:
        raise ValueError("watermark time must be timezone-aware")
    name = _clean(identity.real_name, MAX_REAL_NAME)
    account = _clean(identity.account, MAX_ACCOUNT)
    who = f"{name} ({account})" if name and account else name or account or MISSING
    terminal = _clean(identity.terminal_name, MAX_TERMINAL) or MISSING
    where = f"{terminal} {_ip(identity.ip)}"
    local = now.astimezone(tz)
    when = local.strftime("%Y-%m-%d %H:%M:%S")
    label = _clean(session_label, MAX_LABEL)
    code = _clean(identity.session_code, MAX_SESSION_CODE) or MISSING
    session = f"{label} {code}" if label else code
    return WatermarkSpec(lines=(who, where, when, session),
                         opacity=style.opacity_percent / 100.0,
                         size_percent=style.size_percent, angle=angle)


def _clean(value: str, limit: int) -> str:
    """One line of printable text, at most ``limit`` characters."""
    text = _WHITESPACE.sub(" ", "".join(ch if ch.isprintable() else " " for ch in value))
    text = text.strip()
    if len(text) > limit:
        text = text[:limit - 1].rstrip() + ELLIPSIS
    return text


def _ip(value: str) -> str:
    text = _clean(value, MAX_IP)
    try:
        return ipaddress.ip_address(text).compressed
    except ValueError:
        return text or MISSING
