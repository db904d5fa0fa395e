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

from console import APP_ID
from console.identity import LOOPBACK
from console.remote.client import CentreClient
from console.remote.enrol import enrol
from console.remote.terminal_files import TerminalFiles

log = logging.getLogger(__name__)

START_TIMEOUT_S = 120.0        # the first start seeds the demo catalogue


class EmbeddedError(RuntimeError):
    pass


def embedded_root() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


@dataclass
class EmbeddedLink:
    process: subprocess.Popen[bytes]
    client: CentreClient
    files: TerminalFiles

    def stop(self, timeout: float = 150.0) -> None:
        """Ask the centre to stop (it finishes sending PTZ cameras home first)."""
        self.client.close()
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_embedded(root: Path | None = None) -> EmbeddedLink:
    root = root or embedded_root()
    data = root / "centre"
    ready = root / "centre-ready.json"
    ready.unlink(missing_ok=True)
    root.mkdir(parents=True, exist_ok=True)
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
    files = TerminalFiles(root / "terminal")
    ca = (data / "ca.pem").read_bytes()
    if not files.enrolled() or files.ca.read_bytes() != ca:
        enrol(info["url"], info["code"], LOOPBACK, files)
        log.info("this console enrolled as the embedded centre's terminal %s", info["terminal"])
    client = CentreClient(info["url"], mac=LOOPBACK.mac, cert=(files.cert, files.key),
                          ca=files.ca)
    return EmbeddedLink(process, client, files)
