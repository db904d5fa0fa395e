"""``main.py capture …``: the installer lists the capture programs, adds and removes the
centre's extra ones, and checks a terminal with ``scan`` (exit 0: none runs, 1: one runs);
bad input gets one line naming the problem and a non-zero exit, and nothing is written."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from console.capture.detector import CaptureDetector
from console.capture.tools import BUILT_IN
from console.storage.database import Database
from console.storage.models import AuditRecord, CaptureTool
from main import main


@pytest.fixture
def url(sqlite_db: Database) -> str:
    return sqlite_db.url.render_as_string(hide_password=False)


def run(url: str, *args: str) -> int:
    return main(["capture", *args, "--database-url", url])


def entries(db: Database) -> int:
    with db.transaction() as s:
        return s.execute(select(func.count()).select_from(CaptureTool)).scalar_one()


@pytest.fixture
def sleeper(tmp_path: Path) -> Iterator[Callable[[str], subprocess.Popen[bytes]]]:
    """Starts a copy of sleep under a given name; kills it at the end."""
    started: list[subprocess.Popen[bytes]] = []

    def start(name: str) -> subprocess.Popen[bytes]:
        path = tmp_path / name
        shutil.copy(shutil.which("sleep") or "/bin/sleep", path)
        proc = subprocess.Popen([str(path), "60"])
        started.append(proc)
        deadline = time.monotonic() + 5
        while Path(f"/proc/{proc.pid}/comm").read_text().strip() != name[:15]:
            assert time.monotonic() < deadline, f"{name} did not start"
            time.sleep(0.01)
        return proc

    yield start
    for proc in started:
        proc.kill()
        proc.wait(5)


def test_tools_add_remove(sqlite_db: Database, url: str,
                          capsys: pytest.CaptureFixture[str]) -> None:
    assert run(url, "tools") == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(BUILT_IN)
    assert lines[0] == "built-in\tOBS Studio\trecorder\t" \
                       "process=obs,obs64,obs32,obs-studio,com.obsproject.studio"
    ffmpeg = next(line for line in lines if "\tFFmpeg screen grab\t" in line)
    assert ffmpeg.startswith("built-in\tFFmpeg screen grab\trecorder\tprocess=ffmpeg,avconv;"
                             "cmdline=\\b(?:x11grab|")

    assert run(url, "add", "MyRec.exe") == 0
    assert capsys.readouterr().out == "added: myrec\n"
    assert run(url, "add", "name=Grabber;kind=remote;process=grab;cmdline=--screen") == 0
    assert capsys.readouterr().out == \
        "added: name=Grabber;kind=remote;process=grab;cmdline=--screen\n"
    assert run(url, "tools") == 0
    assert capsys.readouterr().out.splitlines()[len(BUILT_IN):] == [
        "extra\tmyrec\trecorder\tprocess=myrec",
        "extra\tGrabber\tremote\tprocess=grab;cmdline=--screen"]
    assert run(url, "remove", "Grabber") == 0
    assert capsys.readouterr().out == \
        "removed: name=Grabber;kind=remote;process=grab;cmdline=--screen\n"
    assert entries(sqlite_db) == 1
    with sqlite_db.transaction() as s:
        audit = list(s.execute(select(AuditRecord.action, AuditRecord.actor, AuditRecord.params)
                               .where(AuditRecord.action.like("CAPTURE_%"))
                               .order_by(AuditRecord.seq)).all())
    assert [a for a, _, _ in audit] == ["CAPTURE_TOOL_ADD", "CAPTURE_TOOL_ADD",
                                        "CAPTURE_TOOL_REMOVE"]
    assert all(actor.startswith("cli:") for _, actor, _ in audit)
    assert json.loads(audit[0][2])["entry"] == "myrec"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dummy programs: Linux")
def test_scan_exit_codes(url: str, sleeper: Callable[[str], subprocess.Popen[bytes]],
                         capsys: pytest.CaptureFixture[str]) -> None:
    if CaptureDetector().scan():
        pytest.skip("a capture program runs on this machine")
    assert run(url, "scan") == 0
    assert capsys.readouterr().out == "no capture program running\n"
    obs = sleeper("obs")
    assert main(["capture", "scan", "--built-in"]) == 1
    assert capsys.readouterr().out == f"OBS Studio\trecorder\t{obs.pid}\tobs\n"
    mine = sleeper("myrec")
    assert run(url, "add", "myrec") == 0
    capsys.readouterr()
    assert run(url, "scan") == 1            # with the centre's extra entries
    assert capsys.readouterr().out.splitlines() == [
        f"OBS Studio\trecorder\t{obs.pid}\tobs", f"myrec\trecorder\t{mine.pid}\tmyrec"]
    obs.kill()
    obs.wait(5)
    assert main(["capture", "scan", "--built-in"]) == 0


@pytest.mark.parametrize(("args", "code", "message"), [
    (["add", "name=Rec"], 2, "error: entry: process= is missing"),
    (["add", "process=a;cmdline=("], 2, "error: entry: cmdline: not a regular expression"),
    (["add", "process=a;colour=red"], 2, "error: entry: unknown key 'colour'"),
    (["add", ""], 2, "error: entry: the entry is empty"),
    (["add", "obs"], 1, "error: entry: 'obs' is recognised already (built in: OBS Studio)"),
    (["remove", "obs"], 1, "error: entry: 'obs' is not an extra entry"),
    (["remove", " "], 2, "error: entry: give the entry as listed, or the program's name"),
    (["add"], 2, "the following arguments are required: entry"),
    (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
])
def test_bad_input(sqlite_db: Database, url: str, capsys: pytest.CaptureFixture[str],
                   args: list[str], code: int, message: str) -> None:
    assert run(url, *args) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1, err
    assert entries(sqlite_db) == 0


def test_help_explains_entries(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["capture", "add", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "name=NAME;kind=KIND;process=a,b;cmdline=REGEX with KIND recorder (default), " \
           "screenshot or remote" in out
