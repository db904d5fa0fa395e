"""The centre package (issue 16), built from a clean tree by packaging/build-centre-deb.sh:
the bundle holds the server without Qt, the demo or the tests; the .deb installs into a
throwaway root where its postinst makes the system user, runs 'server init' once (SQLite,
the first administrator's one-time password kept for root only), enables the unit, and the
installed server answers; its postinst run again changes nothing, an upgrade migrates once;
removal keeps the centre's data, purge deletes it and the user, and nothing else is left.

Slow (a PyInstaller build); the build runs once per module."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from console import __version__
from tests.support.packaging import (
    DEMO_PASSWORD,
    DpkgRoot,
    bundle_code_mentions,
    bundle_modules,
    clean_tree,
    dpkg_available,
)

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800),
              pytest.mark.skipif(not dpkg_available(),
                                 reason="needs dpkg and dpkg-deb (Debian/Ubuntu)")]
DATA = "var/lib/city-video-centre"


@dataclass
class BuiltCentre:
    bundle: Path
    deb: Path
    log: str

    @property
    def program(self) -> Path:
        return self.bundle / "city-video-centre"


@pytest.fixture(scope="module")
def built() -> Iterator[BuiltCentre]:
    top = Path(tempfile.mkdtemp(prefix="city-video-centre-test-"))
    try:
        source = top / "source"
        clean_tree(source)
        out = top / "out"
        env = {**os.environ, "CITY_VIDEO_VENV": str(ROOT / ".venv")}
        run = subprocess.run(["packaging/build-centre-deb.sh", str(out)], cwd=source, env=env,
                             capture_output=True, text=True, timeout=1500, check=False)
        assert run.returncode == 0, (run.stdout[-3000:], run.stderr[-3000:])
        assert not (source / "build").exists()
        yield BuiltCentre(out / "city-video-centre",
                          out / f"city-video-centre_{__version__}_amd64.deb", run.stdout)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def test_the_centre_bundle_holds_the_server_and_no_console_demo_or_tests(
        built: BuiltCentre) -> None:
    print(built.log[built.log.index("[build] bundle:"):])
    modules = bundle_modules(built.program)
    assert {"console.server.cli", "console.storage.database", "sqlalchemy", "uvicorn",
            "console.gateway.process", "console.diagnosis.service", "av", "fpdf"} <= modules
    assert (built.bundle / "_internal" / "cv2").is_dir()      # OpenCV ships as files
    carried = sorted(m for m in modules if m.split(".")[0] in ("PySide6", "tests", "pytest")
                     or m.startswith(("console.views", "console.demo", "console.player",
                                      "console.server.embedded")))
    assert carried == []
    assert bundle_code_mentions(built.program, DEMO_PASSWORD.decode()) == []
    migrations = built.bundle / "_internal" / "console" / "storage" / "migrations"
    assert (migrations / "env.py").is_file() and list((migrations / "versions").glob("0*.py"))
    # the media gateway node is run by the system python (python3-gi): shipped as a source file
    assert (built.bundle / "_internal" / "console" / "gateway" / "gateway_server.py").is_file()


def test_the_centre_package_installs_initialises_upgrades_and_purges_cleanly(
        built: BuiltCentre, tmp_path: Path) -> None:
    root = DpkgRoot(tmp_path / "root")
    output = root.install(built.deb)
    data = root.path / DATA
    assert "initialised" in output
    assert root.user("city-video-centre") is not None
    assert (data.stat().st_mode & 0o777) == 0o700
    uid = int(root.user("city-video-centre").split(":")[2])  # type: ignore[union-attr]
    assert data.stat().st_uid == uid and (data / "centre.db").stat().st_uid == uid
    initial = data / "initial-admin.txt"
    assert (initial.stat().st_mode & 0o777) == 0o600 and initial.stat().st_uid == 0
    assert "administrator admin created; one-time password" in initial.read_text()
    assert (root.path / "etc/systemd/system/multi-user.target.wants/"
            "city-video-centre.service").is_symlink()
    print(f"installed size {root.installed_size_kib('city-video-centre') / 1024:.0f} MiB")

    # the postinst again: no second init, no migration, nothing changed
    before = {p: p.stat().st_mtime_ns for p in data.iterdir()}
    again = root.reconfigure("city-video-centre")
    assert "initialised" not in again and "schema" not in again
    assert {p: p.stat().st_mtime_ns for p in data.iterdir()} == before

    # an upgrade from an older version migrates once, then not again
    (data / ".schema-version").write_text("0.1.0\n")
    upgraded = root.run_script("city-video-centre", "postinst", "configure", "0.1.0")
    assert "schema up to date" in upgraded
    assert (data / ".schema-version").read_text().strip() == __version__
    assert "schema" not in root.reconfigure("city-video-centre")

    _installed_server_answers(root)

    root.remove("city-video-centre")
    assert (data / "centre.db").exists()                  # removal keeps the centre's data
    assert not (root.path / "opt/city-video-centre").exists()
    root.purge("city-video-centre")
    assert not data.exists() and root.user("city-video-centre") is None
    assert root.leftovers() == [], root.leftovers()


def _installed_server_answers(root: DpkgRoot) -> None:
    """The installed program serves the initialised centre (HTTPS on loopback)."""
    ready = root.path / "ready.json"
    server = subprocess.Popen(
        [str(root.path / "opt/city-video-centre/city-video-centre"), "server", "run",
         "--data-dir", str(root.path / DATA), "--listen", "127.0.0.1:0",
         "--ready-file", str(ready)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert server.poll() is None, server.stdout.read()  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the installed centre did not start"
            time.sleep(0.2)
        url = json.loads(ready.read_text())["url"]
        assert url.startswith("https://127.0.0.1:")
    finally:
        server.terminate()
        server.wait(60)
        ready.unlink(missing_ok=True)


@pytest.mark.postgres
def test_the_centre_package_initialises_a_postgresql_centre(
        built: BuiltCentre, tmp_path: Path, postgres_server) -> None:  # type: ignore[no-untyped-def]
    """/etc/default/city-video-centre written before the install names a PostgreSQL
    superuser and a root-only password file: the postinst's 'server init' makes the owner and
    runtime roles, and the server runs as the runtime role."""
    admin_url = postgres_server.create_database(f"deb_{os.getpid()}")
    database = admin_url.rsplit("/", 1)[1]
    root = DpkgRoot(tmp_path / "root")
    password_file = root.path / "etc" / "city-video-centre-db-password"
    password_file.write_text("the superuser's password\n")
    password_file.chmod(0o600)
    default = root.path / "etc" / "default" / "city-video-centre"
    default.parent.mkdir(parents=True, exist_ok=True)
    default.write_text(f"CENTRE_DATABASE_URL={admin_url.replace('+psycopg', '')}\n"
                       "CENTRE_DATABASE_PASSWORD_FILE=/etc/city-video-centre-db-password\n"
                       "CENTRE_ADMIN=chen\n")
    output = root.install(built.deb, keep_conffiles=True)
    assert "initialised" in output
    config = (root.path / DATA / "server.toml").read_text()
    assert f"{database}_runtime@" in config and f"{database}_owner@" in config
    assert "administrator chen created" in (root.path / DATA / "initial-admin.txt").read_text()
    assert "initialised" not in root.reconfigure("city-video-centre")
    _installed_server_answers(root)
    root.purge("city-video-centre")
