"""What the catalogue commands list (cameras, groups): plain data, no database."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GroupInfo:
    name: str
    description: str
    codes: list[str]


@dataclass(frozen=True, slots=True)
class CameraListing:
    code: str
    name: str
    location: str
    region_code: str
    category: str
    owner_unit: str
    share_type: str
    online: bool
    has_credentials: bool
