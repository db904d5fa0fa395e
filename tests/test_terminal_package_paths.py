"""The paths the terminal package takes where a checkout would use the centre's code
(console/install.py): without console.server, 'server …' says where the centre is installed
and a machine not enrolled is told how to enrol — no embedded demo centre is started. And
'selftest' (the installer's check) logs a person in through the console's own login window
and out again against a real centre, printing the timings; a wrong password fails it."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import console.cli.parser
import console.cli.session
import main
from console.install import centre_installed
from tests.conftest import INSTALLER, PASSWORD, World
from tests.support.centre import CentreHarness

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def terminal_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """This process as the terminal package sees itself: no centre code, nobody enrolled."""
    for module in (main, console.cli.parser, console.cli.session):
        monkeypatch.setattr(module, "centre_installed", lambda: False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path


def test_a_checkout_has_the_centre() -> None:
    assert centre_installed()


def test_the_terminal_package_sends_server_commands_to_the_centre_package(
        terminal_package: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["server", "init", "--database-url", "sqlite:///x.db"]) == 2
    assert "not part of the terminal package" in capsys.readouterr().err


def test_the_terminal_package_not_enrolled_says_how_to_enrol(
        terminal_package: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert main.main([]) == 1                                    # the console
    assert "enroll https://CENTRE:PORT CODE" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO("a password\n"))
    assert main.main(["audit", "verify", "--login", "x",         # a command through a centre
                      "--login-password-stdin"]) == 1
    assert "not enrolled" in capsys.readouterr().err
    assert not (terminal_package / "data").exists()              # no embedded centre made


def _selftest(files_root: Path, password: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "main.py", "selftest", "--login", "zhangsan",
         "--login-password-stdin", "--terminal-dir", str(files_root)],
        cwd=ROOT, env=env, input=password + "\n", capture_output=True, text=True,
        timeout=240, check=False)


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)
def test_selftest_logs_in_through_the_login_window_and_out(world: World,
                                                            tmp_path: Path) -> None:
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    try:
        files = centre.enrol("T-SELF", unit="CENTRE")
        world.admin.bind(INSTALLER, "zhangsan", "T-SELF")
        run = _selftest(files.root, PASSWORD)
        assert run.returncode == 0, run.stderr[-3000:]
        result = json.loads(run.stdout.strip().splitlines()[-1])
        assert result["ok"] and 0 < result["login_window_s"] < result["main_window_s"]
        run = _selftest(files.root, "wrong password")
        assert run.returncode == 1
        assert json.loads(run.stdout.strip().splitlines()[-1])["error"]
    finally:
        centre.stop()
