"""The ``gb28181://device/channel`` PTZ driver: the camera steered through the city platform's
(WVP-GB28181-pro) front-end API (gb28181/controller/PtzController.java, DeviceControl.java):

- ``GET /api/front-end/ptz/{d}/{c}?command&horizonSpeed(0-255)&verticalSpeed(0-255)&
  zoomSpeed(0-15)``; zoomSpeed is always sent, because WVP's default when it is left out is
  16, outside the range it checks when one is given;
- ``/api/front-end/preset/query/{d}/{c}`` → ``[{presetId, presetName}]`` (the device may not
  answer: 3 s, then WVP's 100 "超时"), ``/api/front-end/preset/call/{d}/{c}?presetId=1-255``;
- ``/api/device/control/home_position?deviceId&channelId&enabled&resetTime&presetIndex``:
  the camera's own return to its home preset after ``resetTime`` idle seconds.

GB/T 28181 reads no position back and has no move timeout: ``position_feedback`` is False,
so a return home through WVP is recorded as commanded, not verified (ReturnResult
.UNVERIFIED, never VERIFIED), and a move runs until the console's stop (the console's idle
rule and the camera's own home_position return are the backstops). One command carries
either pan/tilt or zoom: when both are asked, pan/tilt wins."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from console.codes import Reason
from console.platforms.wvp import WvpClient, WvpError
from console.ptz.driver import (
    DeviceReturn,
    Preset,
    PtzAuthError,
    PtzError,
    PtzProtocolError,
    PtzStatus,
    PtzUnreachableError,
    Velocity,
)

_UNREACHABLE = {Reason.PLATFORM_UNREACHABLE, Reason.PLATFORM_SLOW,
                Reason.PLATFORM_DEVICE_TIMEOUT}


class GbPtzDriver:
    protocol = "gb28181"
    position_feedback = False

    def __init__(self, client: WvpClient, device_id: str, channel_id: str,
                 home_preset: int | None = None) -> None:
        self._client = client
        self.device_id, self.channel_id = device_id, channel_id
        self._home = home_preset
        self._where = f"/{device_id}/{channel_id}"

    def _call(self, what: str, path: str, params: dict[str, Any] | None = None) -> Any:
        try:
            return self._client.get(path, params)
        except WvpError as exc:
            kind: Callable[[str], PtzError] = PtzProtocolError
            if exc.reason in _UNREACHABLE:
                kind = PtzUnreachableError
            elif exc.reason == Reason.PLATFORM_LOGIN_FAILED:
                kind = PtzAuthError
            raise kind(f"GB/T 28181 {what} of {self.channel_id}: {exc}") from None

    # -- PtzDriver -------------------------------------------------------------------------

    def presets(self) -> list[Preset]:
        """The device's presets as WVP relays them. Many devices never answer the query
        (WVP issue #1635) or list only some (#1840): the catalogue's home preset (看守位) is
        then taken to exist, so the return home still calls it (and stays unverified)."""
        presets: list[Preset] = []
        try:
            data = self._call("preset query", f"/api/front-end/preset/query{self._where}")
        except PtzError:
            if self._home is None:
                raise
            data = None
        if data is not None and not isinstance(data, list):
            raise PtzProtocolError(f"GB/T 28181 preset query of {self.channel_id}: not a list")
        for item in data or []:
            if isinstance(item, dict) and str(item.get("presetId") or "").isdigit():
                presets.append(Preset(str(int(item["presetId"])),
                                      str(item.get("presetName") or "")))
        if self._home is not None and str(self._home) not in {p.token for p in presets}:
            presets.append(Preset(str(self._home), "看守位"))
        return presets

    def continuous_move(self, velocity: Velocity, timeout_s: float) -> None:
        command, pan, tilt, zoom = move_command(velocity)
        self._call("move", f"/api/front-end/ptz{self._where}", {
            "command": command, "horizonSpeed": pan, "verticalSpeed": tilt,
            "zoomSpeed": zoom})

    def stop(self) -> None:
        self._call("stop", f"/api/front-end/ptz{self._where}", {
            "command": "stop", "horizonSpeed": 0, "verticalSpeed": 0, "zoomSpeed": 0})

    def goto_preset(self, token: str) -> None:
        if not token.isdigit() or not 1 <= int(token) <= 255:
            raise PtzError(f"GB/T 28181 preset {token!r} is not 1-255")
        self._call("preset call", f"/api/front-end/preset/call{self._where}",
                   {"presetId": int(token)})

    def goto_home(self) -> None:
        if self._home is not None:
            self.goto_preset(str(self._home))
            return
        raise PtzError("GB/T 28181 has no 'go to the device home' command: give the camera "
                       "a home preset (看守位) in the catalogue")

    def status(self) -> PtzStatus:
        return PtzStatus(position=None, moving=False)

    def enable_device_return(self, preset_token: str, after_s: int) -> DeviceReturn:
        if not preset_token.isdigit():
            return DeviceReturn(False, f"preset {preset_token!r} is not a GB/T 28181 number")
        try:
            self._call("home position", "/api/device/control/home_position", {
                "deviceId": self.device_id, "channelId": self.channel_id, "enabled": "true",
                "resetTime": int(after_s), "presetIndex": int(preset_token)})
        except PtzError as exc:
            return DeviceReturn(False, str(exc))
        return DeviceReturn(True, f"home position: preset {preset_token} after {after_s} s "
                                  "(through the platform)")

    def close(self) -> None:
        return None


def move_command(velocity: Velocity) -> tuple[str, int, int, int]:
    """WVP's command and speeds for a generic velocity: (command, horizonSpeed 0-255,
    verticalSpeed 0-255, zoomSpeed 0-15)."""
    pan = round(abs(velocity.pan) * 255)
    tilt = round(abs(velocity.tilt) * 255)
    zoom = round(abs(velocity.zoom) * 15)
    vertical = "up" if velocity.tilt > 0 and tilt else "down" if velocity.tilt < 0 and tilt \
        else ""
    horizontal = "right" if velocity.pan > 0 and pan else "left" if velocity.pan < 0 and pan \
        else ""
    if vertical or horizontal:
        return vertical + horizontal, pan, tilt, zoom
    if zoom:
        return ("zoomin" if velocity.zoom > 0 else "zoomout"), 0, 0, zoom
    return "stop", 0, 0, 0
