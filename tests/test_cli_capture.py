"""``main.py capture …`` through the centre: an administrator lists the capture programs,
adds and removes the centre's extra ones, and checks a terminal with ``scan`` (exit 0: none
runs, 1: one runs) against the built-in list and the centre's; bad input gets one line naming
the problem and a non-zero exit, and nothing is written."""

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
from tests.conftest import World
from tests.support.cli import ADMINISTRATOR, CentreCli

SQLITE = pytest.mark.parametrize("db", ["sqlite"], indirect=True)


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


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


@SQLITE
def test_tools_add_remove(cli: CentreCli, world: World) -> None:
    run = cli("capture", "tools")
    header, *lines = run.out.splitlines()
    assert header == "SOURCE\tNAME\tKIND\tRULE"
    assert len(lines) == len(BUILT_IN)
    assert lines[0] == "built-in\tOBS Studio\trecorder\t" \
                       "process=obs,obs64,obs32,obs-studio,com.obsproject.studio"
    ffmpeg = next(line for line in lines if "\tFFmpeg screen grab\t" in line)
    assert ffmpeg.startswith("built-in\tFFmpeg screen grab\trecorder\tprocess=ffmpeg,avconv;"
                             "cmdline=\\b(?:x11grab|")

    assert cli("capture", "add", "MyRec.exe").out == "added: myrec\n"
    run = cli("capture", "add", "name=Grabber;kind=remote;process=grab;cmdline=--screen")
    assert run.out == "added: name=Grabber;kind=remote;process=grab;cmdline=--screen\n"
    # every role's console needs the list: a duty officer reads it too
    run = cli("capture", "tools", login="zhangsan")
    assert run.out.splitlines()[1 + len(BUILT_IN):] == [
        "extra\tmyrec\trecorder\tprocess=myrec",
        "extra\tGrabber\tremote\tprocess=grab;cmdline=--screen"]
    run = cli("capture", "remove", "Grabber")
    assert run.out == "removed: name=Grabber;kind=remote;process=grab;cmdline=--screen\n"
    assert entries(world.db) == 1
    with world.db.transaction() as s:
        audit = list(s.execute(select(AuditRecord.action, AuditRecord.actor, AuditRecord.params)
                               .where(AuditRecord.action.like("CAPTURE_%"))
                               .order_by(AuditRecord.seq)).all())
    assert [a for a, _, _ in audit] == ["CAPTURE_TOOL_ADD", "CAPTURE_TOOL_ADD",
                                        "CAPTURE_TOOL_REMOVE"]
    assert all(actor == ADMINISTRATOR for _, actor, _ in audit)
    assert json.loads(audit[0][2])["entry"] == "myrec"


@SQLITE
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="dummy programs: Linux")
def test_scan_exit_codes(cli: CentreCli, sleeper: Callable[[str], subprocess.Popen[bytes]],
                         capsys: pytest.CaptureFixture[str]) -> None:
    if CaptureDetector().scan():
        pytest.skip("a capture program runs on this machine")
    run = cli("capture", "scan", login="zhangsan")
    assert (run.code, run.out) == (0, "no capture program running\n")
    obs = sleeper("obs")
    assert main(["capture", "scan", "--built-in"]) == 1   # no login, no centre
    assert capsys.readouterr().out == ("PROGRAM\tKIND\tPID\tPROCESS\n"
                                       f"OBS Studio\trecorder\t{obs.pid}\tobs\n")
    mine = sleeper("myrec")
    assert cli("capture", "add", "myrec").code == 0
    run = cli("capture", "scan", login="zhangsan")       # with the centre's extra entries
    assert run.code == 1
    assert run.out.splitlines()[1:] == [
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
@SQLITE
def test_bad_input(cli: CentreCli, world: World, args: list[str], code: int,
                   message: str) -> None:
    run = cli("capture", *args)
    assert run.code == code
    assert message in run.err and run.err.count("\n") == 1, run.err
    assert entries(world.db) == 0


def test_help_explains_entries(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["capture", "add", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "name=NAME;kind=KIND;process=a,b;cmdline=REGEX with KIND recorder (default), " \
           "screenshot or remote" in out
