"""A gateway node process: ``gateway_server.py`` run by the system python (python3-gi and
gst-rtsp-server; the venv has no gi), started by the centre instance that hosts the node.

The link key goes to the process on its stdin, never in argv, a file or a log. A node that
dies without ``stop()`` (gst-rtsp-server 1.22 aborts on a few assertions, see
console/demo/rtsp_spec.py) is started again on the same port; the players reconnect and are
checked again.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from console.child_process import SYSTEM_PYTHON, free_port, read_line

log = logging.getLogger(__name__)

SCRIPT = Path(__file__).with_name("gateway_server.py")
QUICK_DEATH_S = 2.0
QUICK_DEATHS_MAX = 5


class GatewayError(RuntimeError):
    """The gateway node did not start."""


class GatewayProcess:
    def __init__(self, link_url: str, key: str, *, port: int | None = None,
                 address: str = "127.0.0.1", linger_s: float = 10.0, poll_s: float = 0.5,
                 python: str = SYSTEM_PYTHON, ready_timeout_s: float = 10.0,
                 gop_cache: bool = False) -> None:
        self.link_url, self._key = link_url, key
        self.port = port if port is not None else free_port()
        self.address, self.linger_s, self.poll_s = address, linger_s, poll_s
        self._python, self._ready_timeout_s = python, ready_timeout_s
        self.gop_cache = gop_cache
        self._dir = tempfile.TemporaryDirectory(prefix="gateway-")
        self.log_path = Path(self._dir.name) / "gateway.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._lock = threading.RLock()
        self._quick_deaths = 0
        self.restarts = 0

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None and self.running else None

    def start(self) -> GatewayProcess:
        with self._lock:
            self._start()
        return self

    def _start(self) -> None:
        if self.running:
            return
        if not Path(self._python).exists():
            raise GatewayError(f"{self._python} not found: the gateway needs the system "
                               f"Python 3 with GStreamer's RTSP server")
        args = [self._python, str(SCRIPT), "--port", str(self.port), "--address",
                self.address, "--centre", self.link_url, "--linger", f"{self.linger_s:g}",
                "--poll", f"{self.poll_s:g}", "--watch-parent"]
        if self.gop_cache:
            args.append("--gop-cache")
        with self.log_path.open("ab") as err:
            process = subprocess.Popen(  # noqa: S603 - fixed interpreter and script
                args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                env={**os.environ, "GST_DEBUG": os.environ.get("GST_DEBUG", "0")})
        if process.stdin is None or process.stdout is None:  # pragma: no cover - PIPE given
            raise GatewayError("gateway node started without pipes")
        process.stdin.write(self._key.encode() + b"\n")
        process.stdin.close()
        self._process = process
        line = read_line(process.stdout, time.monotonic() + self._ready_timeout_s)
        if line.strip() != f"ready {self.port}":
            self.stop()
            raise GatewayError(f"gateway node on port {self.port} did not start: "
                               f"{self.log_tail()}")
        threading.Thread(target=self._watch, args=(process, time.monotonic()), daemon=True,
                         name=f"gateway-{self.port}").start()

    def _watch(self, process: subprocess.Popen[bytes], started_at: float) -> None:
        for _line in process.stdout or ():   # drained: the node's events ("dropped ...")
            pass
        process.wait()
        with self._lock:
            if self._process is not process:
                return
            self._process = None
            quick = time.monotonic() - started_at < QUICK_DEATH_S
            self._quick_deaths = self._quick_deaths + 1 if quick else 0
            if self._quick_deaths >= QUICK_DEATHS_MAX:
                log.error("the gateway node on port %d keeps exiting: %s", self.port,
                          self.log_tail())
                return
            log.warning("the gateway node on port %d exited (%s): %s; starting it again",
                        self.port, process.returncode, self.log_tail())
            try:
                self._start()
            except GatewayError:
                log.exception("the gateway node could not be started again")
                return
            self.restarts += 1

    def log_tail(self, lines: int = 5) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return " | ".join(text[-lines:]) or "(no output)"

    def stop(self) -> None:
        with self._lock:
            process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=3)
        if process.stdout is not None:
            with contextlib.suppress(OSError):
                process.stdout.close()

    def close(self) -> None:
        self.stop()
        self._dir.cleanup()
