"""Finding capture programs among the real running processes (R9): dummy programs under a
capture tool's name (a copy of sleep, or a script), a real ffmpeg that does not grab the
screen, the watch that reports start and end."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from console.capture.detector import CaptureDetector, CaptureWatch, Detection
from console.capture.tools import BUILT_IN, Kind, parse_entry

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="dummy programs are built for Linux")

SLEEP = shutil.which("sleep") or "/bin/sleep"


class Programs:
    """Starts dummy programs; kills whatever is left at the end."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.started: list[subprocess.Popen[bytes]] = []

    def sleeper(self, name: str) -> subprocess.Popen[bytes]:
        """A copy of sleep named like a capture program."""
        path = self.directory / name
        if not path.exists():
            shutil.copy(SLEEP, path)
        return self.run([str(path), "60"], name[:15])

    def script(self, name: str, *args: str) -> subprocess.Popen[bytes]:
        """A Python script named ``name`` that sleeps, run with ``args`` (its comm is the
        script's name: the kernel names a process after the file it executes)."""
        path = self.directory / name
        path.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
        path.chmod(0o755)
        return self.run([str(path), *args], name[:15])

    def run(self, argv: list[str], comm: str) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        self.started.append(proc)
        # the name alone is not enough: a forked child not yet exec'd is named like its
        # parent (python, when the program is a script) and shows the parent's command line;
        # a script run through its #! line shows its interpreter in front of ``argv``
        wait_for(lambda: read_comm(proc.pid) == comm
                 and (read_argv(proc.pid) or [])[-len(argv):] == argv, f"{argv[0]} to start")
        return proc

    def end(self, proc: subprocess.Popen[bytes]) -> None:
        proc.kill()
        proc.wait(5)

    def close(self) -> None:
        for proc in self.started:
            if proc.poll() is None:
                proc.kill()
                proc.wait(5)


@pytest.fixture
def programs(tmp_path: Path) -> Iterator[Programs]:
    running = CaptureDetector().scan()
    if running:
        pytest.skip(f"a capture program runs on this machine: {running[0].tool}")
    started = Programs(tmp_path)
    yield started
    started.close()


def read_comm(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/comm").read_text().rstrip("\n")
    except OSError:
        return None


def read_argv(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [a.decode() for a in raw.rstrip(b"\0").split(b"\0")] if raw else None


def wait_for(condition: Callable[[], bool], what: str, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.01)


def tools(found: list[Detection]) -> list[str]:
    return [d.tool for d in found]


@pytest.mark.parametrize("backend", ["proc", "psutil"])
def test_detected_while_running(programs: Programs, backend: str) -> None:
    detector = CaptureDetector(backend=backend)
    assert tools(detector.scan()) == []
    obs = programs.sleeper("obs")
    ssr = programs.sleeper("simplescreenrecorder")     # comm: "simplescreenrec"
    vnc = programs.sleeper("x11vnc")
    found = detector.scan()
    assert found == [
        Detection("OBS Studio", Kind.RECORDER, obs.pid, "obs"),
        Detection("SimpleScreenRecorder", Kind.RECORDER, ssr.pid,
                  "simplescreenrec" if backend == "proc" else "simplescreenrecorder"),
        Detection("x11vnc", Kind.REMOTE, vnc.pid, "x11vnc"),
    ]
    assert detector.processes_seen >= 4
    programs.end(ssr)
    assert tools(detector.scan()) == ["OBS Studio", "x11vnc"]
    programs.end(obs)
    programs.end(vnc)
    assert detector.scan() == []


def test_one_detection_per_program(programs: Programs) -> None:
    first = programs.sleeper("obs")
    programs.sleeper("obs64")
    programs.sleeper("obs")
    found = CaptureDetector().scan()
    assert found == [Detection("OBS Studio", Kind.RECORDER, first.pid, "obs")]


def test_ffmpeg_counts_only_when_it_grabs_the_screen(programs: Programs) -> None:
    detector = CaptureDetector()
    quiet = programs.script("ffmpeg", "-nostdin", "-f", "lavfi", "-i", "testsrc", "-f",
                            "null", "-")
    assert detector.scan() == []
    grab = programs.script("ffmpeg", "-f", "x11grab", "-video_size", "1920x1080", "-i",
                           ":0.0", "out.mkv")
    assert detector.scan() == [Detection("FFmpeg screen grab", Kind.RECORDER, grab.pid,
                                         "ffmpeg")]
    assert grab.pid != quiet.pid
    programs.end(grab)
    assert detector.scan() == []


def test_a_real_ffmpeg_decoding_is_not_a_capture(programs: Programs) -> None:
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        pytest.skip("ffmpeg is not installed")
    proc = programs.run([ffmpeg, "-nostdin", "-loglevel", "quiet", "-re", "-f", "lavfi",
                         "-i", "testsrc=size=32x32:rate=5", "-t", "60", "-f", "null", "-"],
                        "ffmpeg")
    assert CaptureDetector().scan() == []
    # it was seen and its command line read: a rule on that command line finds it
    watcher = CaptureDetector((*BUILT_IN, parse_entry(
        "name=Test pattern;process=ffmpeg;cmdline=-i testsrc")))
    assert watcher.scan() == [Detection("Test pattern", Kind.RECORDER, proc.pid, "ffmpeg")]


def test_gstreamer_rule(programs: Programs) -> None:
    detector = CaptureDetector()
    programs.script("gst-launch-1.0", "videotestsrc", "!", "fakesink")
    assert detector.scan() == []
    grab = programs.script("gst-launch-1.0", "ximagesrc", "!", "videoconvert", "!",
                           "fakesink")
    assert tools(detector.scan()) == ["GStreamer screen grab"]
    assert detector.scan()[0].pid == grab.pid


def test_a_script_under_its_interpreter(programs: Programs, tmp_path: Path) -> None:
    script = tmp_path / "kazam"
    script.write_text("import time\ntime.sleep(60)\n")
    proc = programs.run([sys.executable, str(script)], Path(sys.executable).name[:15])
    assert CaptureDetector().scan() == [
        Detection("Kazam", Kind.RECORDER, proc.pid, Path(sys.executable).name[:15])]


def test_an_ended_but_unreaped_program_does_not_count(programs: Programs) -> None:
    detector = CaptureDetector()
    proc = programs.sleeper("flameshot")
    assert tools(detector.scan()) == ["Flameshot"]
    os.kill(proc.pid, signal.SIGKILL)
    wait_for(lambda: Path(f"/proc/{proc.pid}/stat").read_text().split(") ")[1][0] == "Z",
             "the zombie")
    assert detector.scan() == []
    proc.wait(5)


def test_vanished_and_unreadable_processes_are_skipped(tmp_path: Path) -> None:
    """A fake /proc: a process that ended between listing and reading, one whose command
    line cannot be read, a kernel thread."""
    root = tmp_path / "proc"

    def process(pid: int, comm: str | None, cmdline: bytes | None = None) -> None:
        directory = root / str(pid)
        directory.mkdir(parents=True)
        if comm is not None:
            (directory / "comm").write_text(comm + "\n")
            (directory / "stat").write_text(f"{pid} ({comm}) S 1 1 1 0 -1\n")
        if cmdline is not None:
            (directory / "cmdline").write_bytes(cmdline)

    process(10, "obs")
    process(11, None)                                     # gone
    process(12, "ffmpeg")                                 # command line unreadable
    process(13, "ffmpeg", b"ffmpeg\0-f\0x11grab\0-i\0:0\0")
    process(14, "kworker/0:1", b"")
    process(15, "ffmpeg", b"")                            # zombie: no command line
    (root / "self").mkdir()
    (root / "stat").write_text("cpu 0\n")
    detector = CaptureDetector(backend="proc", proc_root=str(root))
    assert detector.scan() == [
        Detection("FFmpeg screen grab", Kind.RECORDER, 13, "ffmpeg"),
        Detection("OBS Studio", Kind.RECORDER, 10, "obs"),
    ]
    assert detector.processes_seen == 5
    assert CaptureDetector(backend="proc", proc_root=str(tmp_path / "none")).scan() == []


def test_the_list_can_change_between_scans(programs: Programs) -> None:
    detector = CaptureDetector()
    proc = programs.sleeper("myrec")
    assert detector.scan() == []
    detector.set_programs((*BUILT_IN, parse_entry("name=My recorder;process=myrec")))
    assert detector.scan() == [Detection("My recorder", Kind.RECORDER, proc.pid, "myrec")]


def test_watch_reports_start_and_end(programs: Programs) -> None:
    calls: list[list[Detection]] = []
    changed = threading.Event()

    def on_change(found: list[Detection]) -> None:
        calls.append(found)
        changed.set()

    obs = programs.sleeper("obs")
    watch = CaptureWatch(CaptureDetector(), on_change, interval_s=0.05)
    watch.start()
    try:
        assert changed.wait(5)
        changed.clear()
        time.sleep(0.2)                    # a few more scans: nothing changed, no call
        assert len(calls) == 1 and tools(calls[0]) == ["OBS Studio"]
        assert tools(watch.found) == ["OBS Studio"]
        programs.sleeper("obs64")          # the same program again: no change
        time.sleep(0.2)
        assert len(calls) == 1
        for proc in programs.started:
            programs.end(proc)
        assert changed.wait(5)
        time.sleep(0.2)
        assert calls[1:] == [[]]
        assert obs.returncode is not None
    finally:
        watch.stop()
    assert not watch.running


def test_watch_scan_now_and_nothing_at_start(programs: Programs) -> None:
    calls: list[list[Detection]] = []
    watch = CaptureWatch(CaptureDetector(), calls.append)
    assert watch.scan_now() == [] and calls == []        # nothing found is no change
    proc = programs.sleeper("grim")
    assert tools(watch.scan_now()) == ["grim"]
    assert tools(watch.scan_now()) == ["grim"]
    programs.end(proc)
    watch.scan_now()
    assert [tools(c) for c in calls] == [["grim"], []]
    with pytest.raises(ValueError, match="interval_s"):
        CaptureWatch(CaptureDetector(), calls.append, interval_s=0)


def test_watch_survives_a_failing_scan() -> None:
    class Failing(CaptureDetector):
        scans = 0

        def scan(self) -> list[Detection]:
            Failing.scans += 1
            if Failing.scans == 1:
                raise OSError("boom")
            return [Detection("X", Kind.RECORDER, 1, "x")]

    seen = threading.Event()
    watch = CaptureWatch(Failing(), lambda found: seen.set(), interval_s=0.02)
    watch.start()
    try:
        assert seen.wait(5)
    finally:
        watch.stop()
