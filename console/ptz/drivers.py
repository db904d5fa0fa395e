"""Open the driver that speaks a camera's PTZ protocol (``PtzEndpoint.protocol``).

ONVIF talks to the camera itself; GB/T 28181 goes through the city platform
(console/ptz/gb28181_driver.py, opened by console/ptz/connect.py with the platform account
of the centre's secret store); Hikvision ISAPI addresses are recognised by
``console.ptz.endpoint`` so the catalogue can hold them, but have no driver in this version.
Opening does no network I/O: a driver connects on its first call."""

from __future__ import annotations

from console.catalog.credentials import Credentials
from console.ptz.driver import PtzDriver, PtzError
from console.ptz.endpoint import PtzEndpoint
from console.ptz.onvif_driver import DEFAULT_TIMEOUT_S, OnvifDriver

_NOT_YET = {"isapi": "Hikvision ISAPI"}


def open_driver(endpoint: PtzEndpoint, credentials: Credentials | None,
                timeout_s: float = DEFAULT_TIMEOUT_S) -> PtzDriver:
    """The driver for ``endpoint``; ``PtzError`` for a protocol without one yet."""
    if endpoint.protocol == "onvif":
        return OnvifDriver(endpoint, credentials, timeout_s=timeout_s)
    if endpoint.protocol == "gb28181":
        raise PtzError(f"GB/T 28181 PTZ goes through the city platform with the centre's "
                       f"platform account, not straight to the camera ({endpoint.display})")
    name = _NOT_YET.get(endpoint.protocol, endpoint.protocol)
    raise PtzError(f"{name} PTZ driver not available in this version ({endpoint.display})")
