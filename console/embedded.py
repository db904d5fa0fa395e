"""Starting the embedded centre for this machine and enrolling the console as its terminal
(the terminal's side of console/server/embedded.py). The console process itself never opens
the database: the centre is a separate process reached over HTTPS with mutual TLS."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs
from filelock import FileLock, Timeout

from console import APP_ID
from console.identity import LOOPBACK
from console.remote.client import CentreClient
from console.remote.enrol import enrol
from console.remote.terminal_files import TerminalFiles

log = logging.getLogger(__name__)

START_TIMEOUT_S = 120.0        # the first start seeds the demo catalogue
PREVIOUS_WAIT_S = 150.0        # a centre whose console left sends PTZ cameras home first


class EmbeddedError(RuntimeError):
    pass


def embedded_root() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def lock_path(data_root: Path) -> Path:
    """Held by the one embedded centre serving ``data_root`` for as long as it runs (also
    while it sends PTZ cameras home after its console left)."""
    return data_root / "embedded.lock"


def running_path(data_root: Path) -> Path:
    """The running centre's address ({"url", "pid"}), there while it takes new consoles."""
    return data_root / "embedded.json"


@dataclass
class EmbeddedLink:
    process: subprocess.Popen[bytes] | None   # None: joined a centre another console started
    client: CentreClient
    files: TerminalFiles

    def stop(self, timeout: float = 150.0) -> None:
        """Ask the centre to stop (it finishes sending PTZ cameras home first); a centre
        this process joined is left to the console that started it."""
        self.client.close()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_embedded(root: Path | None = None) -> EmbeddedLink:
    """This machine's embedded centre: the one already running (a console is open and this
    is a command line, or a second console), else a new one. Never two on one database:
    they would each seed, sweep PTZ and chain the audit on the same SQLite file."""
    root = root or embedded_root()
    data = root / "centre"
    root.mkdir(parents=True, exist_ok=True)
    data.mkdir(mode=0o700, exist_ok=True)
    with FileLock(root / "start.lock"):          # one starter at a time
        url = _running_url(data)
        if url is not None:
            log.info("joining the embedded centre already running at %s", url)
            return _link(None, url, root, data, None)
        return _start(root, data)


def _running_url(data: Path) -> str | None:
    """The running centre's URL; None when none runs (after waiting for one that is only
    finishing its PTZ returns to end)."""
    lock = FileLock(lock_path(data))
    deadline = time.monotonic() + PREVIOUS_WAIT_S
    while True:
        try:
            lock.acquire(timeout=0)
        except Timeout:
            try:
                info = json.loads(running_path(data).read_text(encoding="utf-8"))
                return str(info["url"])
            except (OSError, ValueError, KeyError, TypeError):
                pass                          # finishing its PTZ returns: wait for it
            if time.monotonic() > deadline:
                raise EmbeddedError(
                    f"the previous embedded centre did not stop within {PREVIOUS_WAIT_S:.0f}"
                    f" s (its log: {data.parent / 'centre.log'})") from None
            time.sleep(0.2)
            continue
        lock.release()
        return None


def _start(root: Path, data: Path) -> EmbeddedLink:
    ready = root / "centre-ready.json"
    ready.unlink(missing_ok=True)
    log_path = root / "centre.log"
    with log_path.open("ab") as log_file:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-m", "console.server", "run", "--embedded",
             "--data-dir", str(data), "--listen", "127.0.0.1:0", "--ready-file", str(ready),
             "--parent-pid", str(os.getpid())],
            stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file,
            cwd=Path(__file__).resolve().parents[1])
    deadline = time.monotonic() + START_TIMEOUT_S
    while not ready.exists():
        if process.poll() is not None:
            raise EmbeddedError(f"the embedded centre stopped at start (exit {process.returncode}"
                                f"; its log: {log_path})")
        if time.monotonic() > deadline:
            process.kill()
            raise EmbeddedError(f"the embedded centre did not start within "
                                f"{START_TIMEOUT_S:.0f} s (its log: {log_path})")
        time.sleep(0.1)
    info = json.loads(ready.read_text(encoding="utf-8"))
    ready.unlink(missing_ok=True)
    return _link(process, str(info["url"]), root, data, info)


def _link(process: subprocess.Popen[bytes] | None, url: str, root: Path, data: Path,
          info: dict[str, str] | None) -> EmbeddedLink:
    files = TerminalFiles(root / "terminal")
    ca = (data / "ca.pem").read_bytes()
    if not files.enrolled() or files.ca.read_bytes() != ca:
        if info is None:
            raise EmbeddedError(f"this machine is not enrolled with the embedded centre at "
                                f"{url}: close the console that started it and start again")
        enrol(url, info["code"], LOOPBACK, files)
        log.info("this console enrolled as the embedded centre's terminal %s", info["terminal"])
    client = CentreClient(url, mac=LOOPBACK.mac, cert=(files.cert, files.key), ca=files.ca)
    return EmbeddedLink(process, client, files)
