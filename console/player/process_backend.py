"""PyAV decoding in a process of its own per stream: the picture path out of the console's
interpreter lock (issue 15).

In-process decoding (``PyAvBackend``) runs one thread per stream inside the console; they and
the GUI thread take turns on Python's interpreter lock, and from about 20 × 720p on two cores
painting starves. Here each stream is decoded by a worker process
(``console.player.decode_worker``, with its own interpreter) that writes pictures, already
scaled to the tile, into a ring of slots in shared memory (a memfd: no name, freed when both
ends are gone). A reader thread in the console turns each ``frame`` line into a ``Picture``
over the slot — no copy — and hands it to the player's sink as every backend does, so the
facade (states, stall, reconnect with backoff) and the one painting path (``PicturePainter``
with the watermark and the masks) are the same. A slot goes back to the worker once the
player neither holds it as the latest picture nor paints from it.

The stream's URL goes to the worker over the control socket, never on its command line. A
worker that dies (killed, crashed) ends its control socket: the attempt reports FAILED and
the player starts a new one — a new process — after its reconnect delay; the other streams
have processes of their own and do not notice."""

from __future__ import annotations

import contextlib
import json
import mmap
import os
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import asdict
from pathlib import Path

from console.live.state import StreamSource
from console.player.backend import BackendEvent, BackendReport, FrameSink
from console.player.frame_buffer import Picture
from console.player.pyav_backend import pyav_name

SLOTS = 4          # the latest, the one on screen, one being written, one in flight
# a slot holds a picture up to this size (a maximised tile on a 4K screen); the memory is
# only used as far as it is written (a 480x270 tile touches 0.5 MB per slot)
MAX_PICTURE = (3840, 2160)
STOP_GRACE_S = 2.0


def available() -> bool:
    """Whether this terminal can run decoder processes (memfd: Linux)."""
    return (hasattr(os, "memfd_create") and hasattr(socket, "socketpair")
            and not getattr(sys, "frozen", False))   # a frozen bundle has no ``-m``


def _fit(width: int, height: int) -> tuple[int, int]:
    """The output size clamped to what a slot holds, keeping the aspect."""
    max_w, max_h = MAX_PICTURE
    if width * height <= max_w * max_h:
        return max(2, width), max(2, height)
    scale = ((max_w * max_h) / (width * height)) ** 0.5
    return max(2, int(width * scale) & ~1), max(2, int(height * scale) & ~1)


class ProcessBackend:
    """A ``DecodingBackend`` whose decoding runs in a worker process."""

    def __init__(self) -> None:
        self._stopped = threading.Event()
        self._lock = threading.Lock()
        self._control: socket.socket | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self.slot_bytes = MAX_PICTURE[0] * MAX_PICTURE[1] * 4

    @property
    def name(self) -> str:
        return f"{pyav_name()}, decoder process"

    @property
    def pid(self) -> int | None:
        """The worker's process id (tests, diagnostics); None before start."""
        return self._process.pid if self._process is not None else None

    def start(self, source: StreamSource, width: int, height: int, sink: FrameSink) -> None:
        if self._thread is not None:
            raise RuntimeError("a backend plays one source once")
        width, height = _fit(width, height)
        memory_fd = os.memfd_create("console-picture-ring", os.MFD_CLOEXEC)
        try:
            os.ftruncate(memory_fd, SLOTS * self.slot_bytes)
            memory = mmap.mmap(memory_fd, SLOTS * self.slot_bytes)
            mine, theirs = socket.socketpair()
            try:
                process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                    [sys.executable, "-m", "console.player.decode_worker",
                     str(theirs.fileno()), str(memory_fd)],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=_worker_env(),
                    pass_fds=(theirs.fileno(), memory_fd), close_fds=True,
                    start_new_session=True)   # a Ctrl-C at the console is the console's
            finally:
                theirs.close()
        finally:
            os.close(memory_fd)
        config = {"camera_code": source.camera_code, "kind": source.kind.value,
                  "url": source.url, "display_url": source.display_url,
                  "tuning": asdict(source.tuning), "width": width, "height": height,
                  "slots": SLOTS, "slot_bytes": self.slot_bytes}
        with self._lock:
            self._control, self._process = mine, process
        with contextlib.suppress(OSError):   # a worker already gone: the reader reports it
            mine.sendall(json.dumps(config).encode("utf-8") + b"\n")
        del config
        self._thread = threading.Thread(target=self._read, args=(mine, memory, sink),
                                        daemon=True, name=f"decoder-{source.camera_code}")
        self._thread.start()

    def set_output_size(self, width: int, height: int) -> None:
        width, height = _fit(width, height)
        self._send(f"size {width} {height}")

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        with self._lock:
            control, process = self._control, self._process
        if control is not None:
            with contextlib.suppress(OSError):
                control.shutdown(socket.SHUT_RDWR)   # the worker reads end of file and ends
        if process is not None:
            threading.Thread(target=_reap, args=(process,), daemon=True,
                             name="decoder-reap").start()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the reader thread to end (tests, shutdown); True when it has."""
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def _send(self, line: str) -> None:
        with self._lock:
            control = self._control
            if control is None or self._stopped.is_set():
                return
            with contextlib.suppress(OSError):
                control.sendall(line.encode("ascii") + b"\n")

    # -- the reader thread --------------------------------------------------------------------

    def _read(self, control: socket.socket, memory: mmap.mmap, sink: FrameSink) -> None:
        whole = memoryview(memory)
        lent: dict[int, memoryview] = {}   # slot: the view the player was given over it
        report: BackendReport | None = None
        reader = control.makefile("rb")
        try:
            for raw in reader:
                if self._stopped.is_set():
                    return
                words = raw.decode("utf-8", "replace").rstrip("\n").split(" ", 2)
                if words[0] == "frame":
                    slot, width, height, stride, src_w, src_h = (int(w) for w in
                                                                 raw.split()[1:7])
                    start = slot * self.slot_bytes
                    view = whole[start:start + stride * height]
                    lent[slot] = view
                    sink.publish(Picture(view, width, height, stride, src_w, src_h))
                    # slots the player no longer holds (as the latest or on screen) go back
                    for other, given in list(lent.items()):
                        if other != slot and not sink.is_in_use(given):
                            del lent[other]
                            self._send(f"free {other}")
                elif words[0] == "report" and len(words) >= 2:
                    report = BackendReport(BackendEvent(words[1]),
                                           words[2] if len(words) > 2 else "")
                    break
        except (OSError, ValueError) as exc:
            report = BackendReport(BackendEvent.FAILED, f"decoder process: {type(exc).__name__}")
        finally:
            reader.close()
        if self._stopped.is_set():
            return
        if report is None:
            report = BackendReport(BackendEvent.FAILED, self._ended())
        sink.report(report)

    def _ended(self) -> str:
        process = self._process
        if process is None:
            return "decoder process ended"
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=1.0)
        code = process.returncode
        if code is not None and code < 0:
            with contextlib.suppress(ValueError):
                return f"decoder process ended by {signal.Signals(-code).name}"
        return f"decoder process ended ({code})"


def _worker_env() -> dict[str, str]:
    """The console's environment, with the package importable wherever the worker starts."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def _reap(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
