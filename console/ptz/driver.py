"""The one interface every PTZ driver (ONVIF now; the platform's GB/T 28181 API and
Hikvision ISAPI next) offers the console, and the values it speaks in.

Positions and velocities use ONVIF's generic spaces, which the other protocols map onto:
pan and tilt -1..1, zoom 0..1 for a position; every axis -1..1 for a velocity. A driver
call blocks (network I/O) and is made off the GUI thread, one camera's calls in order
(``console.ptz.command_queue``). Failures raise ``PtzError`` with a one-line message that
names the operation and never a credential."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

POSITION_TOLERANCE = 0.02  # generic-space units: "at home" when every axis is this close


class PtzError(RuntimeError):
    """A PTZ call failed; the message is one line, safe to show and to audit."""


class PtzAuthError(PtzError):
    """The camera refused the credentials."""


class PtzUnreachableError(PtzError):
    """No answer (connection refused, timeout, DNS)."""


class PtzProtocolError(PtzError):
    """The camera answered with a fault or with something that is not a valid reply."""


@dataclass(frozen=True, slots=True)
class PtzPosition:
    pan: float
    tilt: float
    zoom: float

    def distance(self, other: PtzPosition) -> float:
        """The largest difference on any axis."""
        return max(abs(self.pan - other.pan), abs(self.tilt - other.tilt),
                   abs(self.zoom - other.zoom))

    def near(self, other: PtzPosition, tolerance: float = POSITION_TOLERANCE) -> bool:
        return self.distance(other) <= tolerance

    def as_dict(self) -> dict[str, float]:
        return {"pan": round(self.pan, 4), "tilt": round(self.tilt, 4),
                "zoom": round(self.zoom, 4)}


@dataclass(frozen=True, slots=True)
class PtzStatus:
    """What GetStatus says: the position (None where the protocol reports none) and
    whether any axis is still moving."""

    position: PtzPosition | None
    moving: bool


@dataclass(frozen=True, slots=True)
class Preset:
    token: str
    name: str
    position: PtzPosition | None = None


@dataclass(frozen=True, slots=True)
class Velocity:
    pan: float = 0.0
    tilt: float = 0.0
    zoom: float = 0.0

    def __post_init__(self) -> None:
        for axis in (self.pan, self.tilt, self.zoom):
            if not -1.0 <= axis <= 1.0:
                raise ValueError(f"velocity out of -1..1: {self}")

    @property
    def still(self) -> bool:
        return self.pan == 0.0 and self.tilt == 0.0 and self.zoom == 0.0


@dataclass(frozen=True, slots=True)
class DeviceReturn:
    """Whether the camera itself was told to go home after being idle (the backstop that
    works when every console is gone), and what was set or why not."""

    enabled: bool
    detail: str


class PtzDriver(Protocol):
    protocol: str            # "onvif", "gb28181", "isapi"
    position_feedback: bool  # True when status() reports a position (ONVIF, ISAPI)

    def presets(self) -> list[Preset]: ...

    def continuous_move(self, velocity: Velocity, timeout_s: float) -> None:
        """Start moving; the camera stops by itself after ``timeout_s`` where the protocol
        carries a timeout (ONVIF ``Timeout``), whatever the console does next."""

    def stop(self) -> None: ...

    def goto_preset(self, token: str) -> None: ...

    def goto_home(self) -> None:
        """The device's own home position (ONVIF GotoHomePosition)."""

    def status(self) -> PtzStatus: ...

    def enable_device_return(self, preset_token: str, after_s: int) -> DeviceReturn:
        """Ask the camera to return to ``preset_token`` by itself after ``after_s`` idle
        seconds; ``DeviceReturn(False, why)`` where the protocol or camera cannot."""

    def close(self) -> None: ...
