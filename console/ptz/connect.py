"""How the console reaches a camera's PTZ: its catalogue control address parsed, its
credentials from this terminal's keyring (only for cameras imported with credentials), and
the protocol's driver. A bad address is a ``PtzError`` like any other PTZ failure."""

from __future__ import annotations

from collections.abc import Callable

from console.catalog.credentials import load_camera_credentials
from console.platforms.wvp import WvpAccount, WvpClient
from console.ptz.driver import PtzDriver, PtzError
from console.ptz.drivers import open_driver
from console.ptz.endpoint import PtzEndpoint, parse_ptz_address
from console.ptz.gb28181_driver import GbPtzDriver
from console.ptz.service import CameraLink, ReturnJob
from console.secrets import SecretError, SecretStorage


def camera_driver(secrets: SecretStorage, timeout_s: float = 3.0
                  ) -> Callable[[CameraLink], PtzDriver]:
    def open_for(link: CameraLink) -> PtzDriver:
        try:
            endpoint = parse_ptz_address(link.address)
        except ValueError as exc:
            raise PtzError(f"camera {link.code}: PTZ control address: {exc}") from None
        if endpoint.protocol == "gb28181":
            return _platform_driver(secrets, endpoint, link, timeout_s)
        try:
            credentials = load_camera_credentials(secrets, link.code) \
                if link.has_credentials else None
        except SecretError as exc:
            raise PtzError(f"camera {link.code}: {exc}") from None
        return open_driver(endpoint, credentials, timeout_s)
    return open_for


def _platform_driver(secrets: SecretStorage, endpoint: PtzEndpoint, link: CameraLink,
                     timeout_s: float) -> PtzDriver:
    """A GB/T 28181 channel through the city platform, with the platform account of the
    centre's secret store (the device answers WVP within its own 3 s: the call gets more)."""
    try:
        account = WvpAccount.stored(secrets)
    except (SecretError, ValueError) as exc:
        raise PtzError(f"camera {link.code}: city platform account: {exc}") from None
    if account is None:
        raise PtzError(f"camera {link.code}: {endpoint.display} is steered through the city "
                       "platform, and no platform is set up on the centre")
    client = WvpClient(account, timeout=max(timeout_s, 5.0))
    return GbPtzDriver(client, endpoint.host, endpoint.path.lstrip("/"), link.home_preset)


def job_driver(secrets: SecretStorage, timeout_s: float = 3.0
               ) -> Callable[[ReturnJob], PtzDriver]:
    open_for = camera_driver(secrets, timeout_s)
    return lambda job: open_for(job.camera)
