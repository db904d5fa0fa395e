"""Input rules for administration commands. Each failure names its field."""

from __future__ import annotations

import re

from console.codes import Reason, Role


class AdminError(ValueError):
    """A refused administration command: ``field`` names the offending input."""

    def __init__(self, field: str, message: str, reason: Reason = Reason.INVALID_INPUT) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.reason = reason


_ACCOUNT = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
_CODE = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")


def account(value: str) -> str:
    value = value.strip()
    if not _ACCOUNT.match(value):
        raise AdminError("account", f"{value!r} must be 3–64 letters, digits, '.', '_' or '-'")
    return value


def unit_code(value: str) -> str:
    value = value.strip()
    if not _CODE.match(value):
        raise AdminError("unit", f"code {value!r} must be 1–64 letters, digits, '.', '_' or '-'")
    return value


def text(field: str, value: str, max_length: int, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise AdminError(field, "must not be empty")
    if len(value) > max_length:
        raise AdminError(field, f"is longer than {max_length} characters")
    if any(ord(ch) < 32 for ch in value):
        raise AdminError(field, "contains control characters")
    return value


def role(value: str) -> Role:
    try:
        return Role(value.strip())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise AdminError("role", f"{value!r} is not one of {choices}") from None
