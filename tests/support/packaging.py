"""Helpers of the packaging tests: what a PyInstaller program carries, a throwaway dpkg root,
and running a command as an unprivileged user (cage refuses root)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from types import CodeType

NOBODY = 65534
ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = b"Demo@12345"   # the published demo password (README, console/demo/accounts.py)


def clean_tree(target: Path) -> None:
    """The checkout's tracked files as they are in the worktree (a clean clone of it: no
    .venv, no caches, no build leftovers)."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                           check=True).stdout.split(b"\0")
    for name in filter(None, files):
        src = ROOT / os.fsdecode(name)
        if not src.exists():      # deleted in the worktree, not yet committed
            continue
        dst = target / os.fsdecode(name)
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dst)


def _archive(program: Path):  # type: ignore[no-untyped-def]
    from PyInstaller.archive.readers import CArchiveReader

    return CArchiveReader(str(program)).open_embedded_archive("PYZ.pyz")


def bundle_modules(program: Path, _python: Path | None = None) -> set[str]:
    """The Python modules in the program's archive (PyInstaller one-folder or one-file)."""
    return set(_archive(program).toc)


def bundle_code_mentions(program: Path, text: str) -> list[str]:
    """The archive's modules whose code holds ``text`` in a string or bytes constant."""
    archive = _archive(program)
    found = []
    for name in sorted(archive.toc):
        code = archive.extract(name)
        if isinstance(code, CodeType) and _mentions(code, text):
            found.append(name)
    return found


def _mentions(code: CodeType, text: str) -> bool:
    for const in code.co_consts:
        if isinstance(const, str) and text in const:
            return True
        if isinstance(const, bytes) and text.encode() in const:
            return True
        if isinstance(const, CodeType) and _mentions(const, text):
            return True
    return False


def dpkg_available() -> bool:
    return shutil.which("dpkg") is not None and shutil.which("dpkg-deb") is not None


def run_as_unprivileged(argv: list[str], *, chown: list[Path]) -> list[str]:
    """``argv`` as it runs for an unprivileged user: unchanged for one, as 'nobody' for root
    (the given paths handed to 'nobody' first)."""
    if os.geteuid() != 0:
        return argv
    for path in chown:
        for dirpath, dirnames, filenames in os.walk(path):
            os.chown(dirpath, NOBODY, NOBODY)
            for name in dirnames + filenames:
                os.chown(os.path.join(dirpath, name), NOBODY, NOBODY, follow_symlinks=False)
    return ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *argv]


SKELETON = {
    "etc/passwd": "root:x:0:0:root:/root:/bin/sh\n",
    "etc/group": "root:x:0:\n",
    "etc/shadow": "root:*:19000:0:99999:7:::\n",
    "etc/gshadow": "root:*::\n",
}


class DpkgRoot:
    """A throwaway root for dpkg, without chroot: --instdir/--admindir and
    --force-script-chrootless, so the maintainer scripts run here with DPKG_ROOT set (they
    honour it). Dependencies are not installed into it (--force-depends)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.admin = path / "var" / "lib" / "dpkg"
        for sub in ("info", "updates", "triggers"):
            (self.admin / sub).mkdir(parents=True, exist_ok=True)
        (self.admin / "status").write_text("")
        (self.admin / "available").write_text("")
        for name, text in SKELETON.items():
            (path / name).parent.mkdir(parents=True, exist_ok=True)
            (path / name).write_text(text)
        # what every systemd machine has ('systemctl --root … enable' writes below it)
        for directory in ("var/log", "etc/systemd/system", "lib/systemd/system"):
            (path / directory).mkdir(parents=True, exist_ok=True)
        self._before = self._entries()

    def _dpkg(self, *args: str) -> str:
        run = subprocess.run(
            ["dpkg", f"--instdir={self.path}", f"--admindir={self.admin}",
             f"--log={self.path / 'var/log/dpkg.log'}", "--force-script-chrootless",
             "--force-depends", "--force-unsafe-io", *args],
            capture_output=True, text=True, timeout=600, check=False)
        assert run.returncode == 0, (args, run.stdout[-3000:], run.stderr[-3000:])
        return run.stdout + run.stderr

    def install(self, *debs: Path, keep_conffiles: bool = False) -> str:
        """``keep_conffiles``: configuration written before the install stays (as an
        administrator's /etc/default file would)."""
        confold = ["--force-confold"] if keep_conffiles else []
        return self._dpkg(*confold, "--install", *map(str, debs))

    def remove(self, *packages: str) -> str:
        return self._dpkg("--remove", *packages)

    def purge(self, *packages: str) -> str:
        return self._dpkg("--purge", *packages)

    def run_script(self, package: str, script: str, *args: str) -> str:
        """Run an installed package's maintainer script again, as dpkg would."""
        path = self.admin / "info" / f"{package}.{script}"
        run = subprocess.run(["sh", str(path), *args],
                             env={**os.environ, "DPKG_ROOT": str(self.path),
                                  "DPKG_MAINTSCRIPT_PACKAGE": package},
                             capture_output=True, text=True, timeout=600, check=False)
        assert run.returncode == 0, (script, run.stdout[-3000:], run.stderr[-3000:])
        return run.stdout + run.stderr

    def reconfigure(self, package: str) -> str:
        version = self.query(package, "Version")
        return self.run_script(package, "postinst", "configure", version)

    def query(self, package: str, field: str) -> str:
        return subprocess.run(
            ["dpkg-query", f"--admindir={self.admin}", "-W", f"-f=${{{field}}}", package],
            capture_output=True, text=True, check=True).stdout

    def installed_size_kib(self, package: str) -> int:
        return int(self.query(package, "Installed-Size"))

    def user(self, name: str) -> str | None:
        for line in (self.path / "etc" / "passwd").read_text().splitlines():
            if line.split(":", 1)[0] == name:
                return line
        return None

    def passwd_lines(self, name: str) -> int:
        return sum(1 for line in (self.path / "etc" / "passwd").read_text().splitlines()
                   if line.split(":", 1)[0] == name)

    def _entries(self) -> set[str]:
        found = set()
        for dirpath, dirnames, filenames in os.walk(self.path):
            rel = Path(dirpath).relative_to(self.path)
            if rel.parts[:3] == ("var", "lib", "dpkg") or rel.parts[:2] == ("var", "log"):
                continue
            for name in filenames + dirnames:
                found.add((rel / name).as_posix())
        return found

    def leftovers(self) -> list[str]:
        """What is here now that was not before the first install (the account files'
        backups, which useradd and userdel keep, aside)."""
        return sorted(entry for entry in self._entries() - self._before
                      if not entry.startswith(("etc/passwd-", "etc/group-", "etc/shadow-",
                                               "etc/gshadow-")))
