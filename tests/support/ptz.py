"""A scripted PTZ driver for the service and controller rules (the real ONVIF peer is used
by the driver, return and crash-recovery tests): it records every call in order and moves
its position the way a camera would."""

from __future__ import annotations

import threading

from console.ptz.driver import DeviceReturn, Preset, PtzError, PtzPosition, PtzStatus, Velocity

HOME = PtzPosition(0.0, 0.0, 0.0)


class ScriptedDriver:
    protocol = "scripted"

    def __init__(self, *, position_feedback: bool = True, ignore_goto: bool = False,
                 presets: list[Preset] | None = None, fail: bool = False) -> None:
        self.position_feedback = position_feedback
        self.ignore_goto = ignore_goto
        self.fail = fail
        self.calls: list[tuple[object, ...]] = []
        self.position = HOME
        self.closed = False
        self._presets = presets if presets is not None else [
            Preset("1", "看守位", HOME), Preset("7", "桥面", PtzPosition(0.5, 0.1, 0.2))]
        self._lock = threading.Lock()

    def _call(self, *call: object) -> None:
        with self._lock:
            self.calls.append(call)
        if self.fail:
            raise PtzError(f"{call[0]}: camera 127.0.0.1:1 did not answer")

    def kinds(self) -> list[str]:
        with self._lock:
            return [str(c[0]) for c in self.calls]

    def presets(self) -> list[Preset]:
        self._call("presets")
        return list(self._presets)

    def continuous_move(self, velocity: Velocity, timeout_s: float) -> None:
        self._call("move", velocity, timeout_s)
        self.position = PtzPosition(max(-1, min(1, self.position.pan + velocity.pan * 0.1)),
                                    max(-1, min(1, self.position.tilt + velocity.tilt * 0.1)),
                                    max(0, min(1, self.position.zoom + velocity.zoom * 0.1)))

    def stop(self) -> None:
        self._call("stop")

    def goto_preset(self, token: str) -> None:
        self._call("goto", token)
        if not self.ignore_goto:
            for preset in self._presets:
                if preset.token == token and preset.position is not None:
                    self.position = preset.position

    def goto_home(self) -> None:
        self._call("home")
        if not self.ignore_goto:
            self.position = HOME

    def status(self) -> PtzStatus:
        self._call("status")
        return PtzStatus(self.position, False)

    def enable_device_return(self, preset_token: str, after_s: int) -> DeviceReturn:
        self._call("device_return", preset_token, after_s)
        return DeviceReturn(False, "scripted")

    def close(self) -> None:
        self.closed = True
