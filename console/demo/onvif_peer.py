"""Loopback ONVIF PTZ cameras for the demo and the tests: ``python -m console.demo.onvif_peer``.

Each ``--camera NAME=PORT`` is one ipycam ``IPCamera`` whose HTTP handler alone is served on
127.0.0.1:PORT (PORT 0 = any free port). ``IPCamera.start()`` is never called, so there is
no WS-Discovery, no multicast and no streaming. Everything written goes under ``--workdir``:
``NAME/ptz_presets.json`` (the camera's presets, with ``home`` at 0,0,0), ``NAME.json``
(``{"pan", "tilt", "zoom", "moving"}``, replaced atomically when it changes, checked 25 times
a second) and, read from there, ``NAME.control`` (``{"ignore_goto": bool}``, a fault switch
a test flips while the camera runs).

ipycam 1.3.0 is patched in memory (the package is not touched):

- its PTZ reply templates use ``ptz:``/``tptz:`` prefixes that the envelope never declares,
  so zeep clients (onvif-python) cannot parse GetPresets, GetStatus or SetPreset;
- GetStatus leaves ``{{pan_tilt_status}}``, ``{{zoom_status}}`` and ``{{utc_time}}`` unfilled;
- SetPreset ignores the PresetToken it is given; GotoPreset of an unknown token answers OK
  (now a fault, as a real camera answers); ContinuousMove ignores ``Timeout`` (now honoured).

Real domes travel; ipycam teleports. GotoPreset and GotoHomePosition here move the camera
over about ``--travel-seconds`` with MoveStatus MOVING until it arrives (0 = teleport).
``--ignore-goto NAME`` (or the control file) makes a camera answer those two calls with OK
and stay where it is. Prints ``ready {"NAME": PORT, ...}`` once every server listens; a port
in use is one line on stderr and exit 3. SIGTERM ends it cleanly."""

from __future__ import annotations

import argparse
import errno
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import FrameType
from typing import Any
from xml.sax.saxutils import escape

EXIT_USAGE = 2
EXIT_PORT_IN_USE = 3
TICK_S = 0.04  # 25 state checks a second
PTZ_NS = "http://www.onvif.org/ver20/ptz/wsdl"
HOME = "home"
# --demo-presets: what an installed dome has — preset 1 is the 看守位 (home, as the demo
# catalogue says), the others are views an operator calls during work
DEMO_PRESETS = (("1", "看守位", 0.0, 0.0, 0.0), ("2", "路口东侧", 0.55, -0.15, 0.4),
                ("3", "路口西侧", -0.6, -0.1, 0.5), ("4", "远景", 0.1, 0.35, 0.0))
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
_DURATION = re.compile(r"^PT(?:(\d+(?:\.\d*)?)H)?(?:(\d+(?:\.\d*)?)M)?(?:(\d+(?:\.\d*)?)S)?$")
_PRESET_TOKEN = re.compile(r"<(?:\w+:)?PresetToken>([^<]*)</(?:\w+:)?PresetToken>")
_TIMEOUT = re.compile(r"<(?:\w+:)?Timeout>([^<]*)</(?:\w+:)?Timeout>")

Position = tuple[float, float, float]


@dataclass
class _Travel:
    start: Position
    target: Position
    began: float
    seconds: float

    def at(self, now: float) -> tuple[Position, bool]:
        """Where the camera is ``now`` (eased in and out) and whether it has arrived."""
        frac = min(1.0, (now - self.began) / self.seconds)
        ease = frac * frac * (3.0 - 2.0 * frac)
        pos = tuple(a + (b - a) * ease for a, b in zip(self.start, self.target, strict=True))
        return (pos[0], pos[1], pos[2]), frac >= 1.0


def parse_duration(text: str) -> float | None:
    """Seconds of an ``xs:duration`` such as ``PT1.5S`` (days and beyond are not
    supported); None if it is not one."""
    match = _DURATION.match(text.strip())
    if not match or not any(match.groups()):
        return None
    hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return hours * 3600 + minutes * 60 + seconds


class PeerCamera:
    """One ipycam camera on loopback, with travel, the fault switch and its state file."""

    def __init__(self, name: str, port: int, workdir: Path, *, user: str, password: str,
                 travel_seconds: float, ignore_goto: bool, demo_presets: bool = False) -> None:
        # ipycam (with numpy and cv2) is imported by the peer only, not by its importers
        from ipycam.camera import IPCamera  # type: ignore[import-untyped]  # noqa: PLC0415
        from ipycam.config import CameraConfig  # type: ignore[import-untyped]  # noqa: PLC0415
        from ipycam.ptz import PTZPreset  # type: ignore[import-untyped]  # noqa: PLC0415

        self.name = name
        self.port = port
        self.travel_seconds = travel_seconds
        self.demo_presets = demo_presets
        self.default_ignore_goto = ignore_goto
        self.ignore_goto = ignore_goto
        self.state_path = workdir / f"{name}.json"
        self.control_path = workdir / f"{name}.control"
        home_dir = workdir / name
        home_dir.mkdir(parents=True, exist_ok=True)
        self._presets_path = home_dir / "ptz_presets.json"
        self._preset_type = PTZPreset
        config = CameraConfig(name=name, local_ip="127.0.0.1", onvif_port=port,
                              username=user, password=password,
                              recording_path=str(home_dir / "recordings"))
        config._config_path = str(home_dir / "camera_config.json")
        self.camera: Any = IPCamera(config)
        self._lock = threading.Lock()
        self._travel: _Travel | None = None
        self._stop_at: float | None = None  # ContinuousMove Timeout deadline
        self._control_lock = threading.Lock()
        self._control_seen: tuple[int, int, int] | None = None
        self._written: dict[str, Any] | None = None
        self._patch_templates()
        self._patch_ptz()
        self._load_presets()

    # --- ipycam fixes -------------------------------------------------------------------

    def _patch_templates(self) -> None:
        onvif = self.camera.onvif
        templates: dict[str, str] = onvif._templates
        templates["envelope"] = templates["envelope"].replace(
            'xmlns:trt="http://www.onvif.org/ver10/media/wsdl"',
            f'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:ptz="{PTZ_NS}" '
            f'xmlns:tptz="{PTZ_NS}"', 1)
        if f'xmlns:ptz="{PTZ_NS}"' not in templates["envelope"]:
            raise RuntimeError("ipycam envelope template changed; cannot declare ptz:")
        onvif.ptz_get_status = self._reply_status
        onvif.ptz_set_preset = self._reply_set_preset
        onvif.ptz_goto_preset = self._reply_goto_preset
        onvif.ptz_continuous_move = self._wrap_continuous_move(onvif.ptz_continuous_move)

    def _reply_status(self, body: str) -> str:
        status = self.status()
        move = "MOVING" if status["moving"] else "IDLE"
        onvif = self.camera.onvif
        reply: str = onvif._wrap_envelope(onvif._render(
            "ptz_get_status", pan=status["pan"], tilt=status["tilt"], zoom=status["zoom"],
            pan_tilt_status=move, zoom_status=move,
            utc_time=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")))
        return reply

    def _reply_set_preset(self, body: str) -> str:
        onvif = self.camera.onvif
        name = onvif._extract_xml_value(body, "PresetName") or "Preset"
        match = _PRESET_TOKEN.search(body)
        token = match.group(1).strip() if match and match.group(1).strip() else (
            f"preset_{os.urandom(4).hex()}")
        self.camera.ptz.set_preset(token, name)
        reply: str = onvif._wrap_envelope(onvif._render("ptz_set_preset",
                                                        preset_token=escape(token)))
        return reply

    def _reply_goto_preset(self, body: str) -> str:
        onvif = self.camera.onvif
        match = _PRESET_TOKEN.search(body)
        token = match.group(1).strip() if match else ""
        self.read_control()  # a switch flipped just before this request applies to it
        if not self.ignore_goto and token not in self.camera.ptz.get_presets():
            fault: str = onvif.fault(f"No such PresetToken: {token}")
            return fault
        self.camera.ptz.goto_preset(token)
        reply: str = onvif._wrap_envelope(onvif._render("ptz_goto_preset"))
        return reply

    def _wrap_continuous_move(self, original: Callable[[str], str]) -> Callable[[str], str]:
        def continuous_move(body: str) -> str:
            reply = original(body)  # sets the velocity (and cancels any travel)
            match = _TIMEOUT.search(body)
            seconds = parse_duration(match.group(1)) if match else None
            with self._lock:
                self._stop_at = time.monotonic() + seconds if seconds else None
            return reply
        return continuous_move

    def _patch_ptz(self) -> None:
        ptz = self.camera.ptz
        base_move, base_stop = ptz.continuous_move, ptz.stop_movement
        base_absolute, base_relative = ptz.absolute_move, ptz.relative_move
        base_status = ptz.get_status
        base_save = ptz._save_presets

        def cancelling(call: Callable[..., Any]) -> Callable[..., Any]:
            def wrapped(*args: Any, **kwargs: Any) -> Any:
                with self._lock:
                    self._travel = None
                    self._stop_at = None
                return call(*args, **kwargs)
            return wrapped

        def goto_preset(token: str) -> bool:
            presets = ptz.get_presets()
            if token not in presets:
                return False
            preset = presets[token]
            self.goto((preset.pan, preset.tilt, preset.zoom))
            return True

        def get_status() -> dict[str, Any]:
            status: dict[str, Any] = base_status()
            with self._lock:
                status["moving"] = bool(status["moving"] or self._travel is not None)
            return status

        ptz.continuous_move = cancelling(base_move)
        ptz.stop_movement = cancelling(base_stop)
        ptz.absolute_move = cancelling(base_absolute)
        ptz.relative_move = cancelling(base_relative)
        ptz.goto_preset = goto_preset
        ptz.goto_home = lambda: self.goto((0.0, 0.0, 0.0))
        ptz.get_status = get_status
        ptz._save_presets = lambda filepath=None: base_save(str(self._presets_path))

    def _load_presets(self) -> None:
        ptz = self.camera.ptz
        with ptz._lock:
            ptz.presets.clear()
        ptz._load_presets(str(self._presets_path))
        home = ptz.presets.get(HOME)
        if home is None or (home.pan, home.tilt, home.zoom) != (0.0, 0.0, 0.0):
            with ptz._lock:
                ptz.presets[HOME] = self._preset_type(HOME, "Home", 0.0, 0.0, 0.0)
        if self.demo_presets:  # a dome as installed: 看守位 1 (the catalogue's) and work views
            with ptz._lock:
                for token, label, pan, tilt, zoom in DEMO_PRESETS:
                    ptz.presets[token] = self._preset_type(token, label, pan, tilt, zoom)
        ptz._save_presets()

    # --- motion ------------------------------------------------------------------------

    def goto(self, target: Position) -> None:
        """GotoPreset/GotoHomePosition: travel there, teleport, or (fault) do nothing."""
        self.read_control()
        if self.ignore_goto:
            return
        ptz = self.camera.ptz
        with self._lock, ptz._lock:
            start = (ptz.state.pan, ptz.state.tilt, ptz.state.zoom)
            ptz.velocity.pan_speed = ptz.velocity.tilt_speed = ptz.velocity.zoom_speed = 0.0
            self._stop_at = None
            far = max(abs(a - b) for a, b in zip(start, target, strict=True)) > 1e-6
            if self.travel_seconds > 0 and far:
                self._travel = _Travel(start, target, time.monotonic(), self.travel_seconds)
            else:
                self._travel = None
                self._place(target)

    def _place(self, pos: Position) -> None:
        """Set the position; the caller holds ``ptz._lock``."""
        state = self.camera.ptz.state
        state.pan, state.tilt, state.zoom = pos
        self.camera.ptz._is_default = all(abs(v) < 0.001 for v in pos)

    def status(self) -> dict[str, Any]:
        status: dict[str, Any] = self.camera.ptz.get_status()
        return status

    def tick(self, now: float) -> None:
        """Advance travel, apply a ContinuousMove timeout, read the control file, write
        the state file if it changed."""
        ptz = self.camera.ptz
        stop = False
        with self._lock:
            if self._travel is not None:
                pos, arrived = self._travel.at(now)
                with ptz._lock:
                    self._place(self._travel.target if arrived else pos)
                if arrived:
                    self._travel = None
            if self._stop_at is not None and now >= self._stop_at:
                self._stop_at = None
                stop = True
        if stop:
            ptz.stop_movement()
        self.read_control()
        self._write_state()

    def read_control(self) -> None:
        """Apply ``NAME.control`` if it changed (every tick, and before each goto)."""
        with self._control_lock:
            self._read_control()

    def _read_control(self) -> None:
        try:
            st = self.control_path.stat()
        except FileNotFoundError:
            if self._control_seen is not None:
                self._control_seen = None
                self.ignore_goto = self.default_ignore_goto
            return
        seen = (st.st_ino, st.st_mtime_ns, st.st_size)
        if seen == self._control_seen:
            return
        self._control_seen = seen
        try:
            data = json.loads(self.control_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            print(f"{self.name}: unreadable control file ignored", file=sys.stderr, flush=True)
            return
        if isinstance(data, dict) and isinstance(data.get("ignore_goto"), bool):
            self.ignore_goto = data["ignore_goto"]

    def _write_state(self) -> None:
        status = self.status()
        state = {"pan": round(float(status["pan"]), 6), "tilt": round(float(status["tilt"]), 6),
                 "zoom": round(float(status["zoom"]), 6), "moving": bool(status["moving"])}
        if state == self._written:
            return
        write_atomically(self.state_path, json.dumps(state))
        self._written = state


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and ``os.replace``."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def _serve(camera: PeerCamera) -> Any:
    """Bind 127.0.0.1:port with a handler class of this camera's own (``camera`` is a class
    attribute of ipycam's handler) that answers ONVIF POSTs only."""
    from ipycam.camera import ReusableThreadingTCPServer  # noqa: PLC0415
    from ipycam.http import IPCameraHTTPHandler  # type: ignore[import-untyped]  # noqa: PLC0415

    def do_get(handler: Any) -> None:
        handler.send_error(404)

    def do_post(handler: Any) -> None:
        if handler.path.split("?", 1)[0].startswith("/onvif/"):
            handler.handle_onvif()
        else:
            handler.send_error(404)

    handler_class = type(f"OnvifPeerHandler_{camera.name}", (IPCameraHTTPHandler,),
                         {"camera": camera.camera, "do_GET": do_get, "do_POST": do_post})
    return ReusableThreadingTCPServer(("127.0.0.1", camera.port), handler_class)


def _camera_spec(text: str) -> tuple[str, int]:
    name, sep, port = text.partition("=")
    if not sep or not _NAME.match(name) or not port.isdigit() or int(port) > 65535:
        raise argparse.ArgumentTypeError(f"expected NAME=PORT, got {text!r}")
    return name, int(port)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m console.demo.onvif_peer",
                                     description="Loopback ONVIF PTZ cameras (ipycam).")
    parser.add_argument("--workdir", required=True, type=Path)
    parser.add_argument("--camera", action="append", type=_camera_spec, required=True,
                        metavar="NAME=PORT", help="repeatable; PORT 0 = any free port")
    parser.add_argument("--user", default="")
    parser.add_argument("--password-env", default="", metavar="VAR",
                        help="environment variable holding the password")
    parser.add_argument("--travel-seconds", type=float, default=1.0)
    parser.add_argument("--ignore-goto", action="append", default=[], metavar="NAME")
    parser.add_argument("--watch-parent", action="store_true")
    parser.add_argument("--demo-presets", action="store_true",
                        help="also presets 1 (看守位, home) to 4, as an installed dome")
    args = parser.parse_args(argv)
    names = [name for name, _ in args.camera]
    if len(set(names)) != len(names):
        parser.error("camera names must be distinct")
    if unknown := set(args.ignore_goto) - set(names):
        parser.error(f"--ignore-goto names no camera: {', '.join(sorted(unknown))}")
    if args.travel_seconds < 0:
        parser.error("--travel-seconds must be >= 0")
    if args.user and not (args.password_env and os.environ.get(args.password_env)):
        parser.error("--user needs --password-env naming a set environment variable")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    workdir: Path = args.workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    os.chdir(workdir)  # whatever ipycam writes relative to the cwd lands here too
    password = os.environ.get(args.password_env, "") if args.user else ""
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    parent = os.getppid()
    cameras = [PeerCamera(name, port, workdir, user=args.user, password=password,
                          travel_seconds=args.travel_seconds,
                          ignore_goto=name in args.ignore_goto,
                          demo_presets=args.demo_presets)
               for name, port in args.camera]
    servers: list[Any] = []
    serving: list[Any] = []
    try:
        for camera in cameras:
            try:
                server = _serve(camera)
            except OSError as exc:
                if exc.errno == errno.EADDRINUSE:
                    print(f"port {camera.port} is in use (camera {camera.name})",
                          file=sys.stderr, flush=True)
                    return EXIT_PORT_IN_USE
                raise
            servers.append(server)
            camera.port = camera.camera.config.onvif_port = server.server_address[1]
        for camera in cameras:
            camera.tick(time.monotonic())  # the first state file exists before "ready"
        for camera, server in zip(cameras, servers, strict=True):
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                             name=f"onvif-{camera.name}", daemon=True).start()
            serving.append(server)
        print("ready " + json.dumps({c.name: c.port for c in cameras}), flush=True)
        while not stop.wait(TICK_S):
            if args.watch_parent and os.getppid() != parent:
                break
            now = time.monotonic()
            for camera in cameras:
                camera.tick(now)
        return 0
    finally:
        for server in serving:  # shutdown() waits for serve_forever(): only where it runs
            server.shutdown()
        for server in servers:
            server.server_close()
        for camera in cameras:
            camera.camera.ptz.stop()


if __name__ == "__main__":
    sys.exit(main())
