"""A decoder process: one stream decoded by PyAV outside the console's interpreter (and its
interpreter lock), pictures written into a shared-memory ring the console reads in place.

Started by ``process_backend.ProcessBackend`` as ``python -m console.player.decode_worker
CONTROL_FD MEMORY_FD`` — the two numbers are inherited file descriptors, nothing else is on
the command line: the stream's URL (which may carry the camera's credentials) comes over the
control socket, so it never shows in ``ps`` or ``/proc/*/cmdline``, and it is never logged
(``PyAvBackend`` logs the redacted ``display_url`` only).

The ring: ``slots`` slots of ``slot_bytes`` each in the memory the console made (memfd).
Messages are text lines on the control socket. Console → worker: the source (one JSON line,
first), ``size W H``, ``free SLOT`` (the console no longer shows that slot). Worker → console:
``frame SLOT W H STRIDE SOURCE_W SOURCE_H``, ``report EVENT DETAIL``. A slot is the worker's to
write only while it is free; when none is free the decoded picture is dropped before it is
scaled (a tile that falls behind drops pictures on its own, the newest one wins). End of file
on the control socket (the console stopped it, or the console is gone) ends the worker."""

from __future__ import annotations

import contextlib
import json
import logging
import mmap
import os
import signal
import socket
import sys
import threading

from console.live.state import LiveTuning, StreamKind, StreamSource
from console.player.backend import BackendReport
from console.player.frame_buffer import Picture
from console.player.pyav_backend import PyAvBackend

log = logging.getLogger(__name__)


class _RingSink:
    """The ``FrameSink`` of the worker's PyAV backend: copies each picture into a free slot."""

    def __init__(self, control: socket.socket, memory: mmap.mmap, slots: int,
                 slot_bytes: int) -> None:
        self._control = control
        self._memory = memory
        self._slot_bytes = slot_bytes
        self._free = list(range(slots))
        self._lock = threading.Lock()
        self.dropped = 0

    def release(self, slot: int) -> None:
        with self._lock:
            if slot not in self._free:
                self._free.append(slot)

    def has_room(self) -> bool:
        with self._lock:
            return bool(self._free)

    def publish(self, picture: Picture) -> None:
        size = picture.stride * picture.height
        if size > self._slot_bytes:
            return
        with self._lock:
            if not self._free:
                self.dropped += 1
                return
            slot = self._free.pop(0)
        start = slot * self._slot_bytes
        self._memory[start:start + size] = memoryview(picture.data).cast("B")[:size]
        self._send(f"frame {slot} {picture.width} {picture.height} {picture.stride} "
                   f"{picture.source_width} {picture.source_height}")

    def is_in_use(self, data: object) -> bool:
        return False   # PyAV gives every picture its own buffer

    def report(self, report: BackendReport) -> None:
        detail = " ".join(report.detail.split())
        self._send(f"report {report.event.value} {detail}")

    def _send(self, line: str) -> None:
        try:
            self._control.sendall(line.encode("utf-8") + b"\n")
        except OSError:
            os._exit(0)   # the console is gone


class _RoomyBackend(PyAvBackend):
    """PyAV, but a picture is not scaled when the ring has no free slot for it."""

    def __init__(self, sink: _RingSink) -> None:
        super().__init__()
        self._ring = sink

    def _publish(self, frame, reformatter, sink, interpolation):  # type: ignore[no-untyped-def]
        if not self._ring.has_room():
            self._ring.dropped += 1
            return
        super()._publish(frame, reformatter, sink, interpolation)


def _source(config: dict[str, object]) -> StreamSource:
    tuning = config.get("tuning")
    assert isinstance(tuning, dict)  # noqa: S101 - our own message
    return StreamSource(str(config["camera_code"]), StreamKind(str(config["kind"])),
                        str(config["url"]), str(config["display_url"]),
                        LiveTuning(**tuning))


def serve(control: socket.socket, memory_fd: int) -> None:
    # loaded before the stream is known, so a spare worker is ready when it is needed (if
    # PyAV is missing the backend reports it: UNSUPPORTED)
    with contextlib.suppress(ImportError):
        import av  # noqa: F401, PLC0415
    reader = control.makefile("rb")
    first = reader.readline()
    if not first:
        return
    config = json.loads(first)
    slots, slot_bytes = int(config["slots"]), int(config["slot_bytes"])
    memory = mmap.mmap(memory_fd, slots * slot_bytes)
    os.close(memory_fd)
    sink = _RingSink(control, memory, slots, slot_bytes)
    backend = _RoomyBackend(sink)
    width, height = int(config["width"]), int(config["height"])
    backend.start(_source(config), width, height, sink)
    del config   # the URL lives on only in the backend's source
    for raw in reader:
        words = raw.decode("utf-8", "replace").split()
        if not words:
            continue
        if words[0] == "free" and len(words) == 2:
            sink.release(int(words[1]))
        elif words[0] == "size" and len(words) == 3:
            backend.set_output_size(int(words[1]), int(words[2]))
    backend.stop()


def zygote(requests: socket.socket) -> None:
    """Fork a worker per request: each request carries a stream's control socket and ring
    memory (``SCM_RIGHTS``); the answer is the new worker's process id. Forked from a process
    that has PyAV loaded already, a worker starts in a millisecond and with no CPU to speak
    of, where a new interpreter takes 0.25 s of CPU (36 of them at once on a busy machine
    took seconds). Workers are reaped by the system (SIGCHLD ignored)."""
    with contextlib.suppress(ImportError):
        import av.video.reformatter  # noqa: F401, PLC0415
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    while True:
        message, fds, _flags, _address = socket.recv_fds(requests, 64, 2)
        if not message:
            return   # the console is gone
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            continue
        control_fd, memory_fd = fds
        pid = os.fork()
        if pid == 0:
            requests.close()
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                serve(socket.socket(fileno=control_fd), memory_fd)
            finally:
                os._exit(0)
        os.close(control_fd)
        os.close(memory_fd)
        requests.sendall(f"{pid}\n".encode("ascii"))


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr,
                        format="decode_worker %(levelname)s %(name)s: %(message)s")
    if argv[0] == "--zygote":
        try:
            zygote(socket.socket(fileno=int(argv[1])))
        finally:
            os._exit(0)
    control_fd, memory_fd = int(argv[0]), int(argv[1])
    control = socket.socket(fileno=control_fd)
    try:
        serve(control, memory_fd)
    finally:
        os._exit(0)   # do not wait for the decoding thread's native teardown
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
