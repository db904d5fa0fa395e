"""Finding the capture programs that run now (R9), cheaply enough to do every two seconds.

On Linux a scan reads ``/proc/PID/comm`` of every process (one small read each) and the
command line (``/proc/PID/cmdline``) only of the few processes that need it: those whose name
belongs to a program with a command-line rule (ffmpeg, gst-launch-1.0, vlc) and script
interpreters (python, perl, sh…, whose script names the program). A matched process that is
already a zombie (ended, not yet reaped) does not count. Elsewhere psutil lists the process
names and reads a command line only when needed. Processes that end during the scan, or
whose details the OS refuses, are skipped.

The console's own process is skipped (it is never a capture program, and as a Python
interpreter it would otherwise cost a command-line read every scan). Its children are *not*
exempt: the console never grabs the screen itself, and a screen grab it started (a plug-in,
a launched helper) is just as much a capture — exempting them would be a way round R9.

``CaptureWatch`` scans on a daemon thread every ``interval_s`` and reports only changes of
the set of programs found; the views blank every video output while it is non-empty.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from console.capture.tools import BUILT_IN, CaptureProgram, Kind, ToolIndex

log = logging.getLogger(__name__)

DEFAULT_INTERVAL_S = 2.0
PROC = "/proc"


@dataclass(frozen=True, slots=True, order=True)
class Detection:
    """A capture program found running: its display name and kind, and one of its
    processes (the lowest pid) by pid and name as the OS reports it."""

    tool: str
    kind: Kind
    pid: int
    process: str

    def as_params(self) -> dict[str, Any]:
        """For an audit record's params."""
        return {"tool": self.tool, "kind": self.kind.value, "pid": self.pid,
                "process": self.process}


class CaptureDetector:
    """Scans the running processes for capture programs.

    ``backend``: ``"proc"`` (Linux /proc), ``"psutil"``, or None to choose (/proc when it
    is there). ``programs`` may be replaced while scans run (``set_programs``)."""

    def __init__(self, programs: Iterable[CaptureProgram] = BUILT_IN, *,
                 backend: str | None = None, proc_root: str = PROC) -> None:
        if backend is None:
            backend = "proc" if sys.platform.startswith("linux") and os.path.isdir(
                os.path.join(proc_root, "self")) else "psutil"
        if backend not in ("proc", "psutil"):
            raise ValueError(f"backend: {backend!r} is not 'proc' or 'psutil'")
        self.backend = backend
        self._proc = proc_root
        self._index = ToolIndex(programs)
        self._own_pid = os.getpid()
        self.processes_seen = 0   # in the last scan

    @property
    def programs(self) -> tuple[CaptureProgram, ...]:
        return self._index.programs

    def set_programs(self, programs: Iterable[CaptureProgram]) -> None:
        """Use these programs from the next scan on (e.g. after the centre's list changed)."""
        self._index = ToolIndex(programs)

    def scan(self) -> list[Detection]:
        """The capture programs running now, one Detection per program, sorted by name."""
        index = self._index
        found: dict[str, Detection] = {}
        seen = 0
        rows = self._scan_proc(index) if self.backend == "proc" else self._scan_psutil(index)
        for pid, name, programs in rows:
            seen += 1
            for program in programs:
                current = found.get(program.name)
                if current is None or pid < current.pid:
                    found[program.name] = Detection(program.name, program.kind, pid, name)
        self.processes_seen = seen
        return sorted(found.values())

    # -- Linux: /proc ------------------------------------------------------------------------

    def _scan_proc(self, index: ToolIndex) -> Iterator[
            tuple[int, str, tuple[CaptureProgram, ...]]]:
        try:
            entries = os.listdir(self._proc)
        except OSError:
            log.exception("cannot list %s: no capture programs can be seen", self._proc)
            return
        for entry in entries:
            if not entry.isdigit():
                continue
            pid = int(entry)
            if pid == self._own_pid:
                yield pid, "", ()
                continue
            comm = _read(f"{self._proc}/{entry}/comm")
            if comm is None:
                continue                    # ended meanwhile
            name = comm.decode("utf-8", "replace").rstrip("\n")
            programs: tuple[CaptureProgram, ...] = ()
            if index.could_match(name):
                argv = None
                if index.needs_cmdline(name):
                    raw = _read(f"{self._proc}/{entry}/cmdline")
                    argv = _split_cmdline(raw) if raw else None
                programs = index.match(name, argv)
                if programs and _is_zombie(f"{self._proc}/{entry}/stat"):
                    programs = ()
            yield pid, name, programs

    # -- other systems: psutil ---------------------------------------------------------------

    def _scan_psutil(self, index: ToolIndex) -> Iterator[
            tuple[int, str, tuple[CaptureProgram, ...]]]:
        import psutil  # noqa: PLC0415 - only where /proc is missing

        for proc in psutil.process_iter(["name"]):
            try:
                pid = proc.pid
                name = proc.info.get("name") or ""
                if pid == self._own_pid or not name:
                    yield pid, name, ()
                    continue
                programs: tuple[CaptureProgram, ...] = ()
                if index.could_match(name):
                    argv = proc.cmdline() if index.needs_cmdline(name) else None
                    programs = index.match(name, argv)
                    if programs and proc.status() == psutil.STATUS_ZOMBIE:
                        programs = ()
                yield pid, name, programs
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue


def _read(path: str) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        return os.read(fd, 65536)
    except OSError:
        return None
    finally:
        os.close(fd)


def _split_cmdline(raw: bytes) -> list[str]:
    return [a.decode("utf-8", "replace") for a in raw.rstrip(b"\0").split(b"\0")]


def _is_zombie(stat_path: str) -> bool:
    """True when the process has ended (zombie or dead) or is gone."""
    raw = _read(stat_path)
    if raw is None:
        return True
    # "pid (comm) S ...": the state follows the last ')', the name may hold anything
    state = raw[raw.rfind(b")") + 2:raw.rfind(b")") + 3]
    return state in (b"Z", b"X", b"x")


class CaptureWatch:
    """Scans every ``interval_s`` on a daemon thread and calls ``on_change(found)`` when the
    set of programs found changes (one started or ended) — on that thread: a GUI must hand
    it over to its own. Nothing found at start is no change (no call); something found at
    the first scan is. A scan that fails keeps the last answer (and is logged)."""

    def __init__(self, detector: CaptureDetector,
                 on_change: Callable[[list[Detection]], None],
                 interval_s: float = DEFAULT_INTERVAL_S) -> None:
        if interval_s <= 0:
            raise ValueError("interval_s must be positive")
        self.detector = detector
        self.on_change = on_change
        self.interval_s = interval_s
        self._found: list[Detection] = []
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def found(self) -> list[Detection]:
        """What the last scan found (empty before the first)."""
        return list(self._found)

    def scan_now(self) -> list[Detection]:
        """Scan at once on the calling thread (``on_change`` runs here if it changed)."""
        with self._lock:           # changes are reported in the order they were seen
            found = self.detector.scan()
            changed = {d.tool for d in found} != {d.tool for d in self._found}
            self._found = found
            if changed:
                self.on_change(list(found))
        return found

    def start(self) -> None:
        """Scan now, then every interval until ``stop``."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="capture-watch")
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.scan_now()
            except Exception:  # a surprise must not end the watch
                log.exception("capture scan failed; trying again next interval")
            self._stop.wait(self.interval_s)

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()
