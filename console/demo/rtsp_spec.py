"""Start the loopback RTSP server (``rtsp_server.py``) from the venv: the mounts it serves
as dataclasses, and a process handle that starts, waits for ``ready``, stops and starts
again on the same port (the reconnect tests and the demo use it). No Qt.

Three kinds of mount: ``LiveMount`` (a moving test picture), ``FileMount`` (an MP4 from its
start, per client) and ``PtzMount`` (a PTZ camera's view: a window onto a panorama PNG that
follows the pan/tilt/zoom in a JSON state file, see rtsp_server.py)."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from console.child_process import SYSTEM_PYTHON, free_port, read_line

SERVER_SCRIPT = Path(__file__).with_name("rtsp_server.py")
DEBIAN_PACKAGES = (
    "python3-gi", "gir1.2-gst-rtsp-server-1.0", "gstreamer1.0-plugins-base",
    "gstreamer1.0-plugins-good", "gstreamer1.0-plugins-bad", "gstreamer1.0-plugins-ugly",
)
EXIT_NO_GSTREAMER = 2
EXIT_PORT_IN_USE = 3
# a server that dies is started again at once, unless it died this soon after its start
# this many times in a row (then something is wrong with it, not with a client; clients
# that reconnect together can crash a fresh server a few times running)
QUICK_DEATH_S = 2.0
QUICK_DEATHS_MAX = 10

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LiveMount:
    """An endless moving test picture, label and wall-clock burned in, shared by clients."""

    path: str
    width: int = 640
    height: int = 360
    fps: int = 15
    label: str = ""
    pattern: int = 0
    codec: Literal["h264", "h265", "mjpeg"] = "h264"   # the gateway's codec tests
    kind: Literal["live"] = field(default="live", init=False)


@dataclass(frozen=True, slots=True)
class FileMount:
    """An H.264 MP4 served as is, one pipeline per client, from its start to its end."""

    path: str
    file: str
    kind: Literal["file"] = field(default="file", init=False)


@dataclass(frozen=True, slots=True)
class PtzMount:
    """A PTZ camera's view, shared by clients: a window onto ``panorama`` (an absolute PNG
    path) moved by pan and tilt and narrowed by zoom as ``state_file`` (absolute; JSON
    ``{"pan": -1..1, "tilt": -1..1, "zoom": 0..1}``, missing = home) says, scaled to
    width×height, the label, wall-clock and position burned in."""

    path: str
    width: int
    height: int
    fps: int
    label: str
    panorama: str
    state_file: str
    kind: Literal["ptz"] = field(default="ptz", init=False)


Mount = LiveMount | FileMount | PtzMount


def spec_json(mounts: Sequence[Mount]) -> str:
    """The server's SPEC.json text for these mounts."""
    for mount in mounts:
        if not mount.path.startswith("/"):
            raise ValueError(f"mount path must start with '/': {mount.path!r}")
        if isinstance(mount, FileMount) and not Path(mount.file).is_absolute():
            raise ValueError(f"file mount needs an absolute path: {mount.file!r}")
        if isinstance(mount, PtzMount):
            for name in ("panorama", "state_file"):
                if not Path(getattr(mount, name)).is_absolute():
                    raise ValueError(f"PTZ mount needs an absolute {name}: "
                                     f"{getattr(mount, name)!r}")
    return json.dumps([asdict(m) for m in mounts], ensure_ascii=False, indent=1)


class RtspServerError(RuntimeError):
    """The server did not start (port in use, bad spec, did not become ready)."""


class RtspServerUnavailableError(RtspServerError):
    """The system python has no GStreamer RTSP server (python3-gi and friends)."""


def install_hint() -> str:
    return "sudo apt-get install " + " ".join(DEBIAN_PACKAGES)



class RtspServerProcess:
    """``rtsp_server.py`` run by the system python on 127.0.0.1:``port``.

    ``start()`` returns once the server printed ``ready`` (or raises); ``stop()`` ends it;
    ``start()`` again listens on the same port. ``pause()``/``resume()`` freeze the process
    (SIGSTOP/SIGCONT): its connections stay open but no data flows (a stalled camera).

    With ``restart`` (the default) a server that exits without ``stop()`` is started again
    on the same port and the death logged (``restarts`` counts them): gst-rtsp-server 1.22
    (Debian 12) aborts on an assertion in ``gst_rtsp_media_get_rates`` when several clients
    open one new shared live mount at once (measured: 3 of 20 fresh servers with 3
    simultaneous clients), and the console opens a camera on several outputs at once. The
    players reconnect by themselves; without the restart every demo camera stayed dark."""

    def __init__(self, mounts: Sequence[Mount], port: int | None = None, *,
                 python: str = SYSTEM_PYTHON, ready_timeout_s: float = 10.0,
                 watch_parent: bool = True, restart: bool = True) -> None:
        self._spec = spec_json(mounts)
        self._port = port if port is not None else free_port()
        self._python = python
        self._ready_timeout_s = ready_timeout_s
        self._watch_parent = watch_parent
        self._dir = tempfile.TemporaryDirectory(prefix="rtsp-server-")
        self._spec_path = Path(self._dir.name) / "spec.json"
        self._spec_path.write_text(self._spec, encoding="utf-8")
        self._log_path = Path(self._dir.name) / "server.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._restart = restart
        self._lock = threading.RLock()
        self._quick_deaths = 0
        self.restarts = 0

    @property
    def port(self) -> int:
        return self._port

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self.running and self._process else None

    def url(self, path: str, *, userinfo: str = "") -> str:
        """``rtsp://127.0.0.1:PORT/path``; ``userinfo`` ("user:pass") is put before the host
        (the server ignores it; tests use it to check that credentials are never shown)."""
        at = f"{userinfo}@" if userinfo else ""
        return f"rtsp://{at}127.0.0.1:{self._port}/{path.lstrip('/')}"

    def start(self) -> None:
        with self._lock:
            self._start()

    def _start(self) -> None:
        if self.running:
            return
        if not Path(self._python).exists():
            raise RtspServerUnavailableError(
                f"{self._python} not found: the RTSP server needs the system Python 3 with "
                f"GStreamer ({install_hint()})")
        args = [self._python, str(SERVER_SCRIPT), "--port", str(self._port),
                "--spec", str(self._spec_path)]
        if self._watch_parent:
            args.append("--watch-parent")
        with self._log_path.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: S603 - fixed interpreter and script
                args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                env={**os.environ, "GST_DEBUG": os.environ.get("GST_DEBUG", "0")})
        process = self._process
        self._wait_ready(process)
        if self._restart:
            threading.Thread(target=self._watch, args=(process, time.monotonic()),
                             daemon=True, name=f"rtsp-server-{self._port}").start()

    def _watch(self, process: subprocess.Popen[bytes], started_at: float) -> None:
        """Waits for ``process`` to end; starts the server again if nobody stopped it."""
        process.wait()
        with self._lock:
            if self._process is not process:
                return                      # stopped (or replaced) on purpose
            self._process = None
            if process.stdout is not None:
                process.stdout.close()
            quick = time.monotonic() - started_at < QUICK_DEATH_S
            self._quick_deaths = self._quick_deaths + 1 if quick else 0
            if self._quick_deaths >= QUICK_DEATHS_MAX:
                log.error("the RTSP server on port %d keeps exiting (exit %s): %s; "
                          "not starting it again", self._port, process.returncode,
                          self._log_tail())
                return
            log.warning("the RTSP server on port %d exited (exit %s): %s; starting it again",
                        self._port, process.returncode, self._log_tail())
            try:
                self._start()
            except RtspServerError:
                log.exception("the RTSP server on port %d could not be started again",
                              self._port)
                return
            self.restarts += 1   # counted once it is ready again

    def _wait_ready(self, process: subprocess.Popen[bytes]) -> None:
        if process.stdout is None:  # pragma: no cover - Popen was given stdout=PIPE
            raise RtspServerError("RTSP server started without a stdout pipe")
        line = read_line(process.stdout, time.monotonic() + self._ready_timeout_s)
        if line.strip() == f"ready {self._port}":
            return
        if line == "":  # end of output (it is exiting) or the deadline passed
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=1.0)
        hanging = process.poll() is None
        self.stop()  # reaps it and closes the pipe
        if hanging:
            raise RtspServerError(
                f"RTSP server on port {self._port} not ready after "
                f"{self._ready_timeout_s:g} s: {self._log_tail()}")
        if process.returncode == EXIT_NO_GSTREAMER:
            raise RtspServerUnavailableError(
                f"{self._python} has no GStreamer RTSP server; install the Debian packages: "
                f"{install_hint()}")
        if process.returncode == EXIT_PORT_IN_USE:
            raise RtspServerError(f"port {self._port} is in use: {self._log_tail()}")
        raise RtspServerError(
            f"RTSP server on port {self._port} did not start (exit {process.returncode}): "
            f"{self._log_tail()}")

    def _log_tail(self) -> str:
        try:
            lines = self._log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(lines[-5:]) or "(no output)"

    def stop(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGCONT)  # in case it was paused
            process.terminate()
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=3)
        if process.stdout is not None:
            process.stdout.close()

    def pause(self) -> None:
        if self._process is not None and self.running:
            self._process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        if self._process is not None and self.running:
            self._process.send_signal(signal.SIGCONT)

    def close(self) -> None:
        self.stop()
        self._dir.cleanup()

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
