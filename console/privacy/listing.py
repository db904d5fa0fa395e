"""A masked camera as listed: plain data, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from console.privacy.masks import Polygon


@dataclass(frozen=True, slots=True)
class MaskRow:
    """One masked camera, as listed by the CLI and dialogs."""

    camera_code: str
    camera_name: str
    polygons: tuple[Polygon, ...]
    updated_by: str
    updated_at: datetime
