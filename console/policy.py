"""Centre-wide security policy, stored in the shared database (settings table).

Each setting has a default and bounds; ``main.py admin policy set`` changes one, audited.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Bound:
    low: int
    high: int
    unit: str


BOUNDS: dict[str, Bound] = {
    "password_max_age_days": Bound(1, 3650, "days"),
    "password_min_length": Bound(8, 64, "characters"),
    "lockout_threshold": Bound(3, 20, "failures"),
    "lockout_minutes": Bound(1, 1440, "minutes"),
    "idle_lock_minutes": Bound(1, 240, "minutes"),
    "heartbeat_seconds": Bound(1, 60, "seconds"),
    "session_stale_seconds": Bound(3, 600, "seconds"),
    "emergency_grant_default_hours": Bound(1, 24, "hours"),
    "emergency_grant_max_hours": Bound(1, 24, "hours"),
    # R8: the watermark on every video output. The lower opacity bound keeps it visible:
    # nobody can turn it off. Size: text height as a percentage of the output's shorter side.
    "watermark_opacity_percent": Bound(12, 60, "percent"),
    "watermark_size_percent": Bound(2, 10, "percent"),
    # R10: PTZ control ends after this long without a command, and the camera goes home;
    # a controlling console beats every ptz_heartbeat_seconds, is lost after
    # ptz_stale_seconds without a beat, and every console sweeps every ptz_sweep_seconds.
    # ptz_device_return_seconds: the camera's own idle return (where it has one).
    "ptz_idle_seconds": Bound(10, 3600, "seconds"),
    "ptz_heartbeat_seconds": Bound(1, 30, "seconds"),
    "ptz_stale_seconds": Bound(3, 300, "seconds"),
    "ptz_sweep_seconds": Bound(2, 300, "seconds"),
    "ptz_device_return_seconds": Bound(30, 3600, "seconds"),
    # Fail closed: a terminal that cannot reach the centre for this long blanks every video
    # output and ends PTZ control; a view whose lease the terminal has not renewed for this
    # long is closed by the centre. So is a terminal older than the minimum version.
    "server_grace_seconds": Bound(5, 120, "seconds"),
    # The city platform (WVP): the catalogue is synchronised from it every
    # platform_sync_minutes, the cameras' online state polled every platform_status_seconds
    # (the tree shows a change within one poll).
    "platform_sync_minutes": Bound(5, 1440, "minutes"),
    "platform_status_seconds": Bound(10, 3600, "seconds"),
    # Automatic video diagnosis on the centre (issue 14 item 7): at most this many cameras a
    # minute have a frame taken from their sub stream and checked (0: off), so the checks
    # never crowd out live viewing; a finding becomes a fault report only once it has been
    # seen in diagnosis_persist_checks consecutive checks of that camera.
    "diagnosis_cameras_per_minute": Bound(0, 600, "cameras"),
    "diagnosis_persist_checks": Bound(1, 100, "checks"),
}


# Settings that are text, each with the pattern a value must match and what it is.
# minimum_terminal_version: a terminal whose software is older may not log in (it is told
# to update); "0" lets every version in.
TEXT_SETTINGS: dict[str, tuple[re.Pattern[str], str]] = {
    "minimum_terminal_version": (re.compile(r"\d{1,4}(\.\d{1,4}){0,3}"), "version"),
}
KNOWN_SETTINGS: tuple[str, ...] = (*BOUNDS, *TEXT_SETTINGS)


def unit_of(key: str) -> str:
    """What a setting's value counts (seconds, percent …), or what it is (version)."""
    return BOUNDS[key].unit if key in BOUNDS else TEXT_SETTINGS[key][1]


class PolicyError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Policy:
    password_max_age_days: int = 90
    password_min_length: int = 10
    lockout_threshold: int = 5
    lockout_minutes: int = 15
    idle_lock_minutes: int = 10
    heartbeat_seconds: int = 5
    session_stale_seconds: int = 30
    emergency_grant_default_hours: int = 4
    emergency_grant_max_hours: int = 24
    watermark_opacity_percent: int = 30
    watermark_size_percent: int = 4
    ptz_idle_seconds: int = 60
    ptz_heartbeat_seconds: int = 3
    ptz_stale_seconds: int = 10
    ptz_sweep_seconds: int = 10
    ptz_device_return_seconds: int = 120
    server_grace_seconds: int = 15
    platform_sync_minutes: int = 60
    platform_status_seconds: int = 60
    diagnosis_cameras_per_minute: int = 30
    diagnosis_persist_checks: int = 3
    minimum_terminal_version: str = "0"

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in TEXT_SETTINGS:
                pattern, what = TEXT_SETTINGS[f.name]
                if not isinstance(value, str) or not pattern.fullmatch(value):
                    raise PolicyError(f"policy {f.name}={value!r} is not a {what} "
                                      "(digits and dots, e.g. 0.2.0)")
                continue
            bound = BOUNDS[f.name]
            if not bound.low <= value <= bound.high:
                raise PolicyError(
                    f"policy {f.name}={value} is outside {bound.low}..{bound.high} {bound.unit}"
                )
        if self.session_stale_seconds < 3 * self.heartbeat_seconds:
            raise PolicyError(
                "policy session_stale_seconds must be at least 3 × heartbeat_seconds "
                f"({3 * self.heartbeat_seconds})"
            )

        if self.ptz_stale_seconds < 3 * self.ptz_heartbeat_seconds:
            raise PolicyError(
                "policy ptz_stale_seconds must be at least 3 × ptz_heartbeat_seconds "
                f"({3 * self.ptz_heartbeat_seconds})"
            )
        if self.server_grace_seconds < 2 * self.heartbeat_seconds:
            raise PolicyError(
                "policy server_grace_seconds must be at least 2 × heartbeat_seconds "
                f"({2 * self.heartbeat_seconds})"
            )
        if self.emergency_grant_default_hours > self.emergency_grant_max_hours:
            raise PolicyError(
                "policy emergency_grant_default_hours must not exceed emergency_grant_max_hours "
                f"({self.emergency_grant_max_hours})"
            )

    @classmethod
    def from_settings(cls, settings: dict[str, str]) -> Policy:
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in settings:
                values[f.name] = _parse(f.name, settings[f.name])
        return cls(**values)

    def with_value(self, key: str, raw: str) -> Policy:
        if key not in KNOWN_SETTINGS:
            raise PolicyError(f"unknown policy setting {key!r}; "
                              f"known: {', '.join(KNOWN_SETTINGS)}")
        changes: dict[str, Any] = {key: _parse(key, raw)}
        return replace(self, **changes)

    def as_settings(self) -> dict[str, str]:
        return {f.name: str(getattr(self, f.name)) for f in fields(self)}


def _parse(key: str, raw: str) -> int | str:
    return raw.strip() if key in TEXT_SETTINGS else _parse_int(key, raw)


def _parse_int(key: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError:
        raise PolicyError(f"policy {key} must be a whole number, got {raw!r}") from None
