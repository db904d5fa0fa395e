"""PyAV decoding in a process of its own per stream: the picture path out of the console's
interpreter lock (issue 15).

In-process decoding (``PyAvBackend``) runs one thread per stream inside the console; they and
the GUI thread take turns on Python's interpreter lock, and from about 20 × 720p on two cores
painting starves. Here each stream is decoded by a worker process
(``console.player.decode_worker``, with its own interpreter) that writes pictures, already
scaled to the tile, into a ring of slots in shared memory (a memfd: no name, freed when both
ends are gone). The console reads the workers' control sockets on the GUI thread (a socket
notifier each, no Python thread of its own: with a reader thread per stream the threads
still took turns on the lock with the GUI thread), takes the newest ``frame`` line of what
arrived, and hands a ``Picture`` over its slot — no copy — to the player's sink as every
backend does, so the
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
import time
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QSocketNotifier

from console.live.state import StreamSource
from console.player.backend import BackendEvent, BackendReport, FrameSink
from console.player.frame_buffer import Picture
from console.player.pyav_backend import pyav_name

SLOTS = 4          # the latest, the one on screen, one being written, one in flight
# a slot holds a picture up to this size (a maximised tile on a 4K screen); the memory is
# only used as far as it is written (a 480x270 tile touches 0.5 MB per slot)
MAX_PICTURE = (3840, 2160)
STOP_GRACE_S = 2.0
ZYGOTE_ANSWER_S = 3.0


def available() -> bool:
    """Whether this terminal can run decoder processes (memfd: Linux)."""
    return hasattr(os, "memfd_create") and hasattr(socket, "socketpair")


# the bundle program's option that makes it a decoder worker (``main.py`` dispatches it
# before anything else; a frozen bundle has no ``-m``)
WORKER_OPTION = "--decode-worker"


def worker_command(*args: str) -> list[str]:
    """The command line of a decoder worker (or of the zygote, ``--zygote FD``): this
    interpreter with ``-m console.player.decode_worker``, or — in the frozen terminal bundle
    (PyInstaller), whose ``sys.executable`` is the bundle's own program — that program with
    ``--decode-worker``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_OPTION, *args]
    return [sys.executable, "-m", "console.player.decode_worker", *args]


def _fit(width: int, height: int) -> tuple[int, int]:
    """The output size clamped to what a slot holds, keeping the aspect."""
    max_w, max_h = MAX_PICTURE
    if width * height <= max_w * max_h:
        return max(2, width), max(2, height)
    scale = ((max_w * max_h) / (width * height)) ** 0.5
    return max(2, int(width * scale) & ~1), max(2, int(height * scale) & ~1)


class ProcessBackend:
    """A ``DecodingBackend`` whose decoding runs in a worker process. Used on the GUI thread
    (``start``, ``set_output_size`` and ``stop`` are the player's, the socket notifier's
    slot runs there too)."""

    def __init__(self) -> None:
        self._stopped = False
        self._control: socket.socket | None = None
        self._notifier: QSocketNotifier | None = None
        self._process: subprocess.Popen[bytes] | _Forked | None = None
        self._sink: FrameSink | None = None
        self._memory: memoryview | None = None
        self._pending = b""
        self._lent: dict[int, memoryview] = {}   # slot: the view the player was given
        self.slot_bytes = MAX_PICTURE[0] * MAX_PICTURE[1] * 4
        self.dropped = 0    # pictures that arrived together with a newer one: not shown

    @property
    def name(self) -> str:
        return f"{pyav_name()}, decoder process"

    @property
    def pid(self) -> int | None:
        """The worker's process id (tests, diagnostics); None before start."""
        return self._process.pid if self._process is not None else None

    def start(self, source: StreamSource, width: int, height: int, sink: FrameSink) -> None:
        if self._process is not None:
            raise RuntimeError("a backend plays one source once")
        width, height = _fit(width, height)
        process, mine, memory = _take_worker(self.slot_bytes)
        config = {"camera_code": source.camera_code, "kind": source.kind.value,
                  "url": source.url, "display_url": source.display_url,
                  "tuning": asdict(source.tuning), "width": width, "height": height,
                  "slots": SLOTS, "slot_bytes": self.slot_bytes}
        self._control, self._process, self._sink = mine, process, sink
        self._memory = memoryview(memory)   # unmapped when the last picture over it goes
        with contextlib.suppress(OSError):   # a worker already gone: reading says so
            mine.sendall(json.dumps(config).encode("utf-8") + b"\n")
        del config
        mine.setblocking(False)
        self._notifier = QSocketNotifier(mine.fileno(), QSocketNotifier.Type.Read)
        self._notifier.activated.connect(self._on_readable)

    def set_output_size(self, width: int, height: int) -> None:
        width, height = _fit(width, height)
        self._send(f"size {width} {height}")

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        self._close_control()
        if self._process is not None:
            threading.Thread(target=_reap, args=(self._process,), daemon=True,
                             name="decoder-reap").start()

    def join(self, timeout: float | None = None) -> bool:
        """Wait for the worker to end (tests, shutdown); True when it has."""
        if self._process is None:
            return True
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    def _close_control(self) -> None:
        notifier, self._notifier = self._notifier, None
        if notifier is not None:
            notifier.setEnabled(False)
            notifier.activated.disconnect(self._on_readable)
            notifier.deleteLater()
        control, self._control = self._control, None
        if control is not None:
            with contextlib.suppress(OSError):
                control.shutdown(socket.SHUT_RDWR)   # the worker reads end of file and ends
            control.close()
        self._sink = None

    def _send(self, line: str) -> None:
        if self._control is None:
            return
        with contextlib.suppress(OSError):
            self._control.sendall(line.encode("ascii") + b"\n")

    # -- reading the worker, on the GUI thread --------------------------------------------

    def _on_readable(self) -> None:
        control, sink = self._control, self._sink
        if control is None or sink is None:
            return
        chunks = []
        ended = False
        while True:
            try:
                chunk = control.recv(65536)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                ended = True
                break
            if not chunk:
                ended = True
                break
            chunks.append(chunk)
        data = self._pending + b"".join(chunks)
        *lines, self._pending = data.split(b"\n")
        newest: list[int] | None = None
        report: BackendReport | None = None
        for raw in lines:
            words = raw.decode("utf-8", "replace").split(" ", 2)
            try:
                if words[0] == "frame":
                    frame = [int(w) for w in raw.split()[1:7]]
                    if newest is not None:   # newest wins: the older one goes straight back
                        self.dropped += 1
                        self._send(f"free {newest[0]}")
                    newest = frame
                elif words[0] == "report" and len(words) >= 2:
                    report = BackendReport(BackendEvent(words[1]),
                                           words[2] if len(words) > 2 else "")
            except ValueError:
                report = BackendReport(BackendEvent.FAILED, "decoder process: bad message")
        if newest is not None and report is None:
            self._show(sink, *newest)
        if report is None and ended:
            report = BackendReport(BackendEvent.FAILED, self._ended())
        if report is not None and not self._stopped:
            self._stopped = True
            self._close_control()
            sink.report(report)

    def _show(self, sink: FrameSink, slot: int, width: int, height: int, stride: int,
              source_width: int, source_height: int) -> None:
        assert self._memory is not None  # noqa: S101 - set by start
        start = slot * self.slot_bytes
        view = self._memory[start:start + stride * height]
        self._lent[slot] = view
        sink.publish(Picture(view, width, height, stride, source_width, source_height))
        # slots the player no longer holds (as the latest or on screen) go back
        for other, given in list(self._lent.items()):
            if other != slot and not sink.is_in_use(given):
                del self._lent[other]
                self._send(f"free {other}")

    def _ended(self) -> str:
        process = self._process
        code = process.poll() if process is not None else None
        if code is None:
            return "decoder process ended the connection"
        if code < 0:
            with contextlib.suppress(ValueError):
                return f"decoder process ended by {signal.Signals(-code).name}"
        return f"decoder process ended ({code})"


class _Spare:
    """One worker started ahead, waiting for its stream: a Python interpreter and PyAV take
    0.2 s of CPU and up to a second on a busy machine to start, which a view would otherwise
    wait for before its first picture. Used on the GUI thread only."""

    worker: tuple[subprocess.Popen[bytes], socket.socket, mmap.mmap] | None = None


def _start_worker(slot_bytes: int) -> tuple[subprocess.Popen[bytes], socket.socket, mmap.mmap]:
    memory_fd = os.memfd_create("console-picture-ring", os.MFD_CLOEXEC)
    try:
        os.ftruncate(memory_fd, SLOTS * slot_bytes)
        memory = mmap.mmap(memory_fd, SLOTS * slot_bytes)
        mine, theirs = socket.socketpair()
        try:
            process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
                worker_command(str(theirs.fileno()), str(memory_fd)),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=_worker_env(),
                pass_fds=(theirs.fileno(), memory_fd), close_fds=True,
                start_new_session=True)   # a Ctrl-C at the console is the console's
        finally:
            theirs.close()
    finally:
        os.close(memory_fd)
    return process, mine, memory


class _Forked:
    """A worker forked by the zygote (not our child: the system reaps it), with the part of
    ``Popen`` the backend uses."""

    def __init__(self, pid: int) -> None:
        self.pid = pid

    def poll(self) -> int | None:
        return None   # its exit status is the zygote's to see

    def alive(self) -> bool:
        try:
            os.kill(self.pid, 0)
        except ProcessLookupError:
            return False
        except OSError:
            return True
        return True

    def wait(self, timeout: float | None = None) -> None:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.alive():
            if deadline is not None and time.monotonic() >= deadline:
                raise subprocess.TimeoutExpired("decode_worker", timeout or 0.0)
            time.sleep(0.02)

    def kill(self) -> None:
        with contextlib.suppress(OSError):
            os.kill(self.pid, signal.SIGKILL)


class _Zygote:
    """The process that forks the workers (``decode_worker --zygote``), started once."""

    process: subprocess.Popen[bytes] | None = None
    requests: socket.socket | None = None


def _fork_worker(slot_bytes: int) -> tuple[_Forked, socket.socket, mmap.mmap] | None:
    """A worker forked by the zygote; None when there is no working zygote."""
    if _Zygote.process is None or _Zygote.process.poll() is not None:
        mine, theirs = socket.socketpair()
        try:
            _Zygote.process = subprocess.Popen(  # noqa: S603 - our interpreter and module
                worker_command("--zygote", str(theirs.fileno())),
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, env=_worker_env(),
                pass_fds=(theirs.fileno(),), close_fds=True, start_new_session=True)
        finally:
            theirs.close()
        if _Zygote.requests is not None:
            _Zygote.requests.close()
        _Zygote.requests = mine
    requests = _Zygote.requests
    assert requests is not None  # noqa: S101 - set above
    memory_fd = os.memfd_create("console-picture-ring", os.MFD_CLOEXEC)
    try:
        os.ftruncate(memory_fd, SLOTS * slot_bytes)
        memory = mmap.mmap(memory_fd, SLOTS * slot_bytes)
        mine, theirs = socket.socketpair()
        try:
            socket.send_fds(requests, [b"fork"], [theirs.fileno(), memory_fd])
            requests.settimeout(ZYGOTE_ANSWER_S)
            answer = b""
            while not answer.endswith(b"\n"):
                chunk = requests.recv(32)
                if not chunk:
                    raise OSError("the zygote ended")
                answer += chunk
            pid = int(answer)
        finally:
            theirs.close()
    except (OSError, ValueError):
        if _Zygote.process is not None:
            _Zygote.process.kill()
        _Zygote.process = None
        return None
    finally:
        os.close(memory_fd)
    return _Forked(pid), mine, memory


def _take_worker(slot_bytes: int) -> tuple[subprocess.Popen[bytes] | _Forked, socket.socket,
                                           mmap.mmap]:
    """A worker forked by the zygote; failing that, the spare worker if it is still there,
    else a new one, and a new spare."""
    forked = _fork_worker(slot_bytes)
    if forked is not None:
        return forked
    spare, _Spare.worker = _Spare.worker, None
    if spare is not None and (spare[0].poll() is not None or len(spare[2]) != SLOTS * slot_bytes):
        spare[1].close()
        threading.Thread(target=_reap, args=(spare[0],), daemon=True,
                         name="decoder-reap").start()
        spare = None
    worker = spare or _start_worker(slot_bytes)
    _Spare.worker = _start_worker(slot_bytes)
    return worker


def _worker_env() -> dict[str, str]:
    """The console's environment, with the package importable wherever the worker starts."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def _reap(process: subprocess.Popen[bytes] | _Forked) -> None:
    try:
        process.wait(timeout=STOP_GRACE_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
