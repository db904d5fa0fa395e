"""The terminal package, built from a clean tree (issue 16): packaging/build-terminal.sh turns
the checkout's tracked files — nothing else: no .venv, no caches, no build leftovers — into
the PyInstaller bundle and its two .deb files. The bundle starts (``--version``), enrols with
a real centre on loopback and logs a person in through its own login window offscreen
(``selftest``); it holds no test code, no demo credentials and no database driver; the
packages install into and remove from a throwaway root cleanly, their maintainer scripts
twice over; and under the kiosk compositor cage a screen grabber started in the session gets
no picture of the console (and, unsealed, does).

Slow (a PyInstaller build: about a minute alone, several on a busy machine); the build runs
once per module."""

from __future__ import annotations

import json
import mmap
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest

from console import __version__
from console.live.state import LiveTuning
from console.passwords import PasswordHashing
from console.storage.database import Database
from tests.conftest import INSTALLER, PASSWORD, FixedClock, seed_world
from tests.support.centre import CentreHarness
from tests.support.packaging import (
    DEMO_PASSWORD,
    NOBODY,
    DpkgRoot,
    bundle_code_mentions,
    bundle_modules,
    clean_tree,
    dpkg_available,
    run_as_unprivileged,
)
from tests.support.rtsp import MediaClips

ROOT = Path(__file__).resolve().parents[1]
KIOSK_SESSION = ROOT / "packaging" / "linux" / "kiosk" / "kiosk-session"
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]

# what a terminal must not carry (module names in the bundle's archive)
FORBIDDEN_MODULES = ("tests", "benchmarks", "pytest", "_pytest", "pytestqt", "sqlalchemy",
                     "alembic", "psycopg", "psycopg_binary", "psycopg2", "console.server",
                     "console.storage", "console.demo", "argon2", "uvicorn", "fastapi")


@dataclass
class Built:
    out: Path
    bundle: Path
    terminal_deb: Path
    kiosk_deb: Path
    log: str

    @property
    def program(self) -> Path:
        return self.bundle / "city-video-console"


@pytest.fixture(scope="module")
def built() -> Iterator[Built]:
    # outside pytest's own temporary directory (0700): the kiosk test's unprivileged user
    # runs the bundle
    top = Path(tempfile.mkdtemp(prefix="city-video-terminal-test-"))
    top.chmod(0o755)
    try:
        source = top / "source"
        clean_tree(source)
        out = top / "out"
        env = {**os.environ, "CITY_VIDEO_VENV": str(ROOT / ".venv")}
        run = subprocess.run(["packaging/build-terminal.sh", str(out)], cwd=source, env=env,
                             capture_output=True, text=True, timeout=1500, check=False)
        assert run.returncode == 0, (run.stdout[-3000:], run.stderr[-3000:])
        # nothing cached in the tree it was built from
        assert not (source / "build").exists() and not (source / "dist").exists()
        yield Built(out, out / "city-video-console",
                    out / f"city-video-console_{__version__}_amd64.deb",
                    out / f"city-video-console-kiosk_{__version__}_all.deb", run.stdout)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_the_build_prints_its_figures(built: Built) -> None:
    for line in ("bundle:", "terminal package:", "kiosk package:", "start-up (--version):"):
        assert f"[build] {line}" in built.log
    print(built.log[built.log.index("[build] bundle:"):])


def test_the_bundle_starts_and_says_its_version(built: Built) -> None:
    started = time.monotonic()
    run = subprocess.run([str(built.program), "--version"], capture_output=True, text=True,
                         timeout=60, check=False)
    took = time.monotonic() - started
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == f"city-video-console {__version__}"
    print(f"--version in {took:.2f} s")


def test_the_bundle_holds_no_tests_no_demo_credentials_no_database_driver(
        built: Built) -> None:
    modules = bundle_modules(built.program)
    assert "console.views.login_dialog" in modules and "console.remote.client" in modules
    carried = sorted(m for m in modules if m.split(".")[0] in FORBIDDEN_MODULES
                     or m.startswith(FORBIDDEN_MODULES))
    assert carried == []
    for path in built.bundle.rglob("*"):
        rel = path.relative_to(built.bundle).as_posix()
        assert not rel.startswith(("_internal/tests", "_internal/resources/demo")), rel
        assert "libpq" not in path.name and "sqlalchemy" not in rel and "psycopg" not in rel
        assert not path.name.startswith(("libvlc.", "libvlccore.")), rel  # the system's
        if path.is_file() and not path.is_symlink():
            assert DEMO_PASSWORD not in path.read_bytes(), rel
    # the module archive's code too (compressed inside the program)
    assert bundle_code_mentions(built.program, DEMO_PASSWORD.decode()) == []


def test_the_bundle_decodes_in_a_worker_process_of_its_own(built: Built,
                                                          media_clips: MediaClips) -> None:
    """The bundle's program as a decoder worker (``--decode-worker CONTROL_FD MEMORY_FD``,
    what console/player/process_backend.py starts when frozen): it takes a source over its
    control socket and writes a scaled picture into the shared ring."""
    width, height, slots = 320, 180, 4
    slot_bytes = width * height * 4
    mine, theirs = socket.socketpair()
    memory_fd = os.memfd_create("test-ring")
    os.ftruncate(memory_fd, slots * slot_bytes)
    memory = mmap.mmap(memory_fd, slots * slot_bytes)
    worker = subprocess.Popen([str(built.program), "--decode-worker", str(theirs.fileno()),
                               str(memory_fd)], pass_fds=(theirs.fileno(), memory_fd),
                              stdin=subprocess.DEVNULL, stderr=subprocess.PIPE)
    theirs.close()
    os.close(memory_fd)
    try:
        config = {"camera_code": "32050800131000000001", "kind": "sub",
                  "url": str(media_clips.clip360), "display_url": "clip360",
                  "tuning": asdict(LiveTuning()), "width": width, "height": height,
                  "slots": slots, "slot_bytes": slot_bytes}
        mine.sendall(json.dumps(config).encode() + b"\n")
        mine.settimeout(60)
        lines = mine.makefile("rb")
        line = lines.readline().decode()
        assert line.startswith("frame "), (line, worker.stderr.read() if worker.stderr else "")
        slot, w, h, stride = (int(x) for x in line.split()[1:5])
        assert (w, h) == (width, height)
        picture = memory[slot * slot_bytes:slot * slot_bytes + stride * h]
        assert picture.count(0) < len(picture) // 2   # a picture, not an empty slot
    finally:
        mine.shutdown(socket.SHUT_RDWR)   # end of file (the reader holds the socket open)
        mine.close()
        try:
            assert worker.wait(timeout=10) == 0   # the worker ends at the end of its socket
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
            memory.close()


@pytest.fixture
def enrolled(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing,
             built: Built) -> Iterator[tuple[CentreHarness, Path, dict[str, str]]]:
    """A real centre on loopback, and the bundle enrolled with it by its own 'enroll'."""
    world = seed_world(sqlite_db, clock, hashing)
    home = Path(tempfile.mkdtemp(prefix="city-video-terminal-home-"))
    centre = CentreHarness(world.db, world.clock, home, world.hashing).start()
    try:
        code = centre.register("T-BUNDLE", unit="CENTRE")
        world.admin.bind(INSTALLER, "zhangsan", "T-BUNDLE")
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
               "XDG_DATA_HOME": str(home / ".local" / "share"), "QT_QPA_PLATFORM": "offscreen"}
        run = subprocess.run([str(built.program), "enroll", centre.url, code], env=env,
                             capture_output=True, text=True, timeout=120, check=False)
        assert run.returncode == 0, run.stderr
        assert "is now terminal T-BUNDLE" in run.stdout
        yield centre, home, env
    finally:
        centre.stop()
        shutil.rmtree(home, ignore_errors=True)


def test_the_bundle_logs_in_through_its_login_window_offscreen(
        built: Built, enrolled: tuple[CentreHarness, Path, dict[str, str]]) -> None:
    _centre, _home, env = enrolled
    run = subprocess.run([str(built.program), "selftest", "--login", "zhangsan",
                          "--login-password-stdin"], env=env, input=PASSWORD + "\n",
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, (run.stdout[-2000:], run.stderr[-3000:])
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["ok"] and result["version"] == __version__
    assert 0 < result["login_window_s"] < result["main_window_s"]
    print(f"cold start to the login window {result['login_window_s']:.2f} s, "
          f"to the main window after login {result['main_window_s']:.2f} s")
    # a wrong password stays at the login window and says so
    run = subprocess.run([str(built.program), "selftest", "--login", "zhangsan",
                          "--login-password-stdin"], env=env, input="wrong\n",
                         capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 1
    assert json.loads(run.stdout.strip().splitlines()[-1])["error"]


def test_the_terminal_package_refuses_the_centre_and_the_embedded_demo(built: Built) -> None:
    home = Path(tempfile.mkdtemp(prefix="city-video-terminal-home-"))
    try:
        env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
               "XDG_DATA_HOME": str(home / ".local" / "share"), "QT_QPA_PLATFORM": "offscreen"}
        run = subprocess.run([str(built.program), "server", "init"], env=env,
                             capture_output=True, text=True, timeout=60, check=False)
        assert run.returncode == 2 and "not part of the terminal package" in run.stderr
        run = subprocess.run([str(built.program)], env=env, capture_output=True, text=True,
                             timeout=60, check=False)
        assert run.returncode == 1 and "not enrolled" in run.stderr
        assert not (home / ".local" / "share" / "city-video-console" / "centre").exists()
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.mark.skipif(not dpkg_available(), reason="needs dpkg and dpkg-deb (Debian/Ubuntu)")
def test_the_packages_install_and_remove_cleanly_in_a_throwaway_root(
        built: Built, tmp_path: Path) -> None:
    root = DpkgRoot(tmp_path / "root")
    for deb in (built.terminal_deb, built.kiosk_deb):
        fields = subprocess.run(["dpkg-deb", "-f", str(deb)], capture_output=True, text=True,
                                check=True).stdout
        assert "Installed-Size:" in fields
    root.install(built.terminal_deb, built.kiosk_deb)
    assert (root.path / "opt/city-video-console/city-video-console").is_file()
    assert (root.path / "usr/share/applications/city-video-console.desktop").is_file()
    run = subprocess.run([str(root.path / "opt/city-video-console/city-video-console"),
                          "--version"], capture_output=True, text=True, timeout=60,
                         check=False)
    assert run.stdout.strip() == f"city-video-console {__version__}"
    assert root.user("city-video-kiosk") is not None
    home = root.path / "var/lib/city-video-kiosk"
    assert home.is_dir() and (home.stat().st_mode & 0o777) == 0o700
    root.reconfigure("city-video-console-kiosk")          # the postinst again: no change
    assert root.passwd_lines("city-video-kiosk") == 1
    installed_kib = root.installed_size_kib("city-video-console")
    print(f"installed size {installed_kib / 1024:.0f} MiB")
    root.remove("city-video-console-kiosk", "city-video-console")
    root.purge("city-video-console-kiosk", "city-video-console")
    assert root.user("city-video-kiosk") is None
    assert root.leftovers() == [], root.leftovers()


@pytest.mark.skipif(shutil.which("cage") is None or shutil.which("grim") is None,
                    reason="needs the cage compositor and the grim screen grabber "
                           "(tools/bootstrap.sh tests installs them as root)")
def test_a_screen_grabber_in_the_kiosk_session_gets_no_picture(
        built: Built, enrolled: tuple[CentreHarness, Path, dict[str, str]]) -> None:
    _centre, home, _env = enrolled
    session = KioskSession(built.program, home)
    # unsealed (the console without --kiosk), the grabber copies the screen the console shows
    # (so the check can see a picture)
    with session.run(["cage", "-d", "--", str(built.program)]) as running:
        shot = running.grab_until_painted()
        assert shot.painted, "grim copied no picture of the unsealed console"
        # an X screen grabber through cage's Xwayland gets no picture of the (Wayland)
        # console either: rootless Xwayland refuses to read its root window (BadMatch)
        if shutil.which("xwd") is not None:
            displays = running.new_x_displays()
            assert displays, "cage started no Xwayland"
            for display in displays:
                x_shot = running.grab_x(display)
                assert x_shot.returncode != 0 and not x_shot.painted, x_shot
    # the kiosk session's own script (cage -d, the console with --kiosk): nothing else can
    # reach the compositor
    with session.run([str(KIOSK_SESSION)]) as running:
        running.wait_until_sealed()
        shot = running.grab()
        assert shot.returncode != 0 and not shot.painted, shot
        assert "failed to create display" in shot.stderr
        running.assert_alive()


# -- the kiosk session, headless ------------------------------------------------------------


@dataclass
class Shot:
    returncode: int
    painted: bool
    stderr: str


class KioskSession:
    """cage on wlroots' headless backend (pixman renderer, no input devices) running the
    bundled console as its one program, as the kiosk user would (root: as 'nobody', since
    cage refuses to run as root)."""

    def __init__(self, program: Path, home: Path) -> None:
        self.program, self.home = program, home

    def run(self, argv: list[str]) -> RunningKiosk:
        return RunningKiosk(self.program, self.home, argv)


class RunningKiosk:
    def __init__(self, program: Path, home: Path, argv: list[str]) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="city-video-kiosk-"))
        self.runtime = self.work / "runtime"
        self.user_home = self.work / "home"
        self.runtime.mkdir(mode=0o700)
        shutil.copytree(home / ".config", self.user_home / ".config")
        self.log = self.work / "cage.log"
        self.program, self.argv = program, argv

    def __enter__(self) -> RunningKiosk:
        self.work.chmod(0o755)
        self.x_before = _x_displays()
        env = {"PATH": "/usr/bin:/bin", "HOME": str(self.user_home),
               "XDG_CONFIG_HOME": str(self.user_home / ".config"),
               "XDG_DATA_HOME": str(self.user_home / ".local" / "share"),
               "XDG_RUNTIME_DIR": str(self.runtime), "WLR_BACKENDS": "headless",
               "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman",
               "WLR_HEADLESS_OUTPUTS": "1", "QT_QPA_PLATFORM": "wayland",
               "QT_WAYLAND_DISABLE_WINDOWDECORATION": "1", "LANG": "C.UTF-8",
               "CITY_VIDEO_CONSOLE": str(self.program)}
        self.env = env
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                run_as_unprivileged(self.argv, chown=[self.work]),
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        return self

    def __exit__(self, *exc: object) -> None:
        self.x_mine = self.new_x_displays()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        shutil.rmtree(self.work, ignore_errors=True)
        # cage's Xwayland sockets and lock (a killed cage leaves them behind)
        for display in self.x_mine:
            Path(f"/tmp/.X11-unix/X{display}").unlink(missing_ok=True)
            Path(f"/tmp/.X{display}-lock").unlink(missing_ok=True)

    def new_x_displays(self) -> set[int]:
        """The X displays cage's Xwayland listens on (new, and its user's: another test's
        Xvfb is neither)."""
        owner = NOBODY if os.geteuid() == 0 else os.geteuid()
        return {display for display in _x_displays() - self.x_before
                if Path(f"/tmp/.X11-unix/X{display}").stat().st_uid == owner}

    def grab_x(self, display: int) -> Shot:
        """xwd of the X root window of cage's Xwayland (what an X screen grabber gets)."""
        shot = self.work / "shot.xwd"
        shot.unlink(missing_ok=True)
        env = {**self.env, "DISPLAY": f":{display}"}
        with shot.open("wb") as out:
            run = subprocess.run(run_as_unprivileged(["xwd", "-root", "-silent"], chown=[]),
                                 env=env, stdout=out, stderr=subprocess.PIPE, text=False,
                                 timeout=60, check=False)
        return Shot(run.returncode, _xwd_painted(shot),
                    run.stderr.decode(errors="replace"))

    def _socket(self) -> Path:
        return self.runtime / "wayland-0"

    def grab(self) -> Shot:
        shot = self.work / "shot.png"
        shot.unlink(missing_ok=True)
        env = {**self.env, "WAYLAND_DISPLAY": "wayland-0"}
        run = subprocess.run(run_as_unprivileged(["grim", str(shot)], chown=[]), env=env,
                             capture_output=True, text=True, timeout=30, check=False)
        return Shot(run.returncode, _painted(shot), run.stderr)

    def grab_until_painted(self, timeout: float = 90.0) -> Shot:
        deadline = time.monotonic() + timeout
        shot = Shot(-1, False, "")
        while time.monotonic() < deadline:
            self.assert_alive()
            if self._socket().exists():
                shot = self.grab()
                if shot.painted:
                    return shot
            time.sleep(1.0)
        return shot

    def wait_until_sealed(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.assert_alive()
            if "is this console's alone" in self.log.read_text(errors="replace"):
                assert not self._socket().exists()
                time.sleep(3.0)     # the console is up and drawing its login window
                return
            time.sleep(0.2)
        raise AssertionError(f"the console did not seal the session: {self._log_tail()}")

    def assert_alive(self) -> None:
        assert self.process.poll() is None, f"cage stopped: {self._log_tail()}"

    def _log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:]


def _x_displays() -> set[int]:
    directory = Path("/tmp/.X11-unix")
    if not directory.is_dir():
        return set()
    return {int(p.name[1:]) for p in directory.iterdir() if p.name[1:].isdigit()}


def _xwd_painted(xwd: Path) -> bool:
    """True when an XWD dump holds more than a few colours (cage's black, Xwayland's
    empty root, never the console)."""
    if not xwd.exists() or xwd.stat().st_size < 100:
        return False
    data = xwd.read_bytes()
    header_size, ncolors = int.from_bytes(data[0:4], "big"), int.from_bytes(data[76:80], "big")
    pixels = data[header_size + 12 * ncolors:]
    samples = {pixels[i:i + 4] for i in range(0, len(pixels) - 4, 4 * 97)}
    return len(samples) > 4


def _painted(png: Path) -> bool:
    """True when the picture exists and is not one flat colour (cage's empty background)."""
    if not png.exists():
        return False
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    if image.isNull():
        return False
    colours = {image.pixel(x, y) for x in range(0, image.width(), 16)
               for y in range(0, image.height(), 16)}
    return len(colours) > 4

