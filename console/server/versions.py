"""Comparing terminal software versions (``0.1.0``, ``0.2.0rc1``) with the centre's minimum."""

from __future__ import annotations

import re

_PART = re.compile(r"\d+")


def version_key(version: str) -> tuple[int, ...]:
    """The numeric parts, in order: ``0.10.2rc1`` → (0, 10, 2, 1). Unparsable: (0,)."""
    parts = tuple(int(p) for p in _PART.findall(version.split("+", 1)[0])[:4])
    return parts or (0,)


def older_than(version: str, minimum: str) -> bool:
    return version_key(version) < version_key(minimum)
