"""Start the loopback ONVIF cameras (``onvif_peer.py``) from the venv and look at them: a
process handle that starts, waits for ``ready``, reads each camera's state file, flips its
fault switch, kills (for crash tests) and stops. No Qt.

The password goes to the child through its environment, never on its command line. The
child watches this process and exits when it dies; its stderr is ``onvif_peer.log`` in the
work directory, where it writes everything else too."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from console.child_process import read_line
from console.demo.onvif_peer import EXIT_PORT_IN_USE, write_atomically

ROOT = Path(__file__).resolve().parents[2]
PASSWORD_ENV = "CONSOLE_ONVIF_PEER_PASSWORD"  # noqa: S105 - a variable name
HOST = "127.0.0.1"


class OnvifPeerError(RuntimeError):
    """The peer did not start (port in use, bad arguments, no ``ready`` in time)."""


class OnvifPeerProcess:
    """``python -m console.demo.onvif_peer`` serving ``cameras`` (name -> port, 0 = any
    free port) on 127.0.0.1. After ``start()`` the real ports are fixed: a later
    ``start()`` (after ``kill()`` or ``close()``) listens on the same ones."""

    def __init__(self, cameras: Mapping[str, int], workdir: Path,
                 credentials: tuple[str, str] | None = None, travel_seconds: float = 1.0,
                 ignore_goto: Sequence[str] = (), demo_presets: bool = False) -> None:
        if not cameras:
            raise ValueError("at least one camera")
        unknown = set(ignore_goto) - set(cameras)
        if unknown:
            raise ValueError(f"ignore_goto names no camera: {', '.join(sorted(unknown))}")
        self._ports = dict(cameras)
        self.workdir = Path(workdir)
        self._credentials = credentials
        self._travel_seconds = travel_seconds
        self._ignore_goto = tuple(ignore_goto)
        self._demo_presets = demo_presets
        self._log_path = self.workdir / "onvif_peer.log"
        self._process: subprocess.Popen[bytes] | None = None
        self.exit_code: int | None = None  # of the last process, once it was reaped

    @property
    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self.alive else None

    @property
    def ports(self) -> dict[str, int]:
        return dict(self._ports)

    def port(self, name: str) -> int:
        return self._ports[self._known(name)]

    def address(self, name: str) -> str:
        """The camera's PTZ address as the catalogue holds it: ``onvif://127.0.0.1:PORT``."""
        return f"onvif://{HOST}:{self.port(name)}"

    def state_file(self, name: str) -> Path:
        return self.workdir / f"{self._known(name)}.json"

    def control_file(self, name: str) -> Path:
        return self.workdir / f"{self._known(name)}.control"

    def read_state(self, name: str) -> dict[str, Any] | None:
        """``{"pan", "tilt", "zoom", "moving"}`` as last written; None before the first."""
        try:
            data = json.loads(self.state_file(name).read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        return data if isinstance(data, dict) else None

    def wait_state(self, name: str, predicate: Callable[[dict[str, Any]], bool],
                   timeout_s: float = 5.0) -> dict[str, Any]:
        """The first state that satisfies ``predicate``; ``TimeoutError`` with the last."""
        deadline = time.monotonic() + timeout_s
        while True:
            state = self.read_state(name)
            if state is not None and predicate(state):
                return state
            if time.monotonic() >= deadline:
                raise TimeoutError(f"camera {name}: state still {state} after {timeout_s:g} s")
            time.sleep(0.02)

    def set_ignore_goto(self, name: str, ignore: bool) -> None:
        """Flip the fault switch of a running camera: it answers GotoPreset and
        GotoHomePosition with OK and stays where it is. The next goto sees it."""
        write_atomically(self.control_file(name), json.dumps({"ignore_goto": ignore}))

    def start(self, timeout_s: float = 10.0) -> None:
        if self.alive:
            return
        self._reap()  # a previous process that died by itself
        self.workdir.mkdir(parents=True, exist_ok=True)
        args = [sys.executable, "-m", "console.demo.onvif_peer", "--workdir",
                str(self.workdir), "--travel-seconds", repr(self._travel_seconds),
                "--watch-parent"]
        for name, port in self._ports.items():
            args += ["--camera", f"{name}={port}"]
        for name in self._ignore_goto:
            args += ["--ignore-goto", name]
        if self._demo_presets:
            args.append("--demo-presets")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)}
        env.pop(PASSWORD_ENV, None)
        if self._credentials is not None:
            user, password = self._credentials
            args += ["--user", user, "--password-env", PASSWORD_ENV]
            env[PASSWORD_ENV] = password
        with self._log_path.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: S603 - this interpreter, our module
                args, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                env=env)
        self._wait_ready(self._process, timeout_s)

    def _wait_ready(self, process: subprocess.Popen[bytes], timeout_s: float) -> None:
        if process.stdout is None:  # pragma: no cover - Popen was given stdout=PIPE
            raise OnvifPeerError("ONVIF peer started without a stdout pipe")
        line = read_line(process.stdout, time.monotonic() + timeout_s).strip()
        if line.startswith("ready "):
            try:
                ports = json.loads(line.removeprefix("ready "))
            except ValueError:
                ports = None
            if isinstance(ports, dict) and set(ports) == set(self._ports):
                self._ports = {name: int(ports[name]) for name in self._ports}
                return
        if not line:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=1.0)
        hanging = process.poll() is None
        self.close()
        if hanging:
            raise OnvifPeerError(f"ONVIF peer not ready after {timeout_s:g} s: "
                                 f"{self._log_tail()}")
        if process.returncode == EXIT_PORT_IN_USE:
            raise OnvifPeerError(self._log_tail(1))
        raise OnvifPeerError(f"ONVIF peer did not start (exit {process.returncode}): "
                             f"{self._log_tail()}")

    def kill(self) -> None:
        """SIGKILL, as a crash: no clean-up in the child."""
        if self._process is not None and self.alive:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait(timeout=5)
        self._reap()

    def close(self) -> None:
        """SIGTERM and wait (SIGKILL after 3 s). The work directory stays."""
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=3)
        self._reap()

    def _reap(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return
        self.exit_code = process.returncode
        if process.stdout is not None:
            process.stdout.close()

    def _known(self, name: str) -> str:
        if name not in self._ports:
            raise KeyError(f"no camera named {name!r} (have {', '.join(self._ports)})")
        return name

    def _log_tail(self, count: int = 5) -> str:
        try:
            lines = self._log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(line for line in lines[-count:] if line.strip()) or "(no output)"

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
