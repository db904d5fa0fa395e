"""What the wall service hands out and refuses with: plain data, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from console.admin.validation import AdminError


class WallError(AdminError):
    """A refused wall command; ``field`` names the offending input, ``reason`` the code."""


@dataclass(frozen=True, slots=True)
class PresetInfo:
    """A stored preset as the preset list shows it."""

    name: str
    saved_by: str
    saved_at: datetime
    outputs: int
    cameras: int
