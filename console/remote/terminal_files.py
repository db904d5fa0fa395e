"""What an enrolled terminal keeps: its private key (its one secret), the certificate the
centre signed for it, the centre's CA and the centre's address.

    ~/.config/city-video-console/terminal/key.pem      0600, made here, never sent anywhere
    ~/.config/city-video-console/terminal/cert.pem     the terminal's certificate
    ~/.config/city-video-console/terminal/ca.pem       the centre's CA (pinned at enrolment)
    ~/.config/city-video-console/terminal/centre.txt   https://host:port of the centre

The key is a file (OpenSSL loads client keys from files) readable by the console's user
only; the directory is 0700. No keyring is needed: a kiosk or headless terminal starts.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from console import APP_ID
from console.files import write_private


class TerminalFilesError(ValueError):
    pass


def default_terminal_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / "terminal"


@dataclass(frozen=True)
class TerminalFiles:
    root: Path

    @property
    def key(self) -> Path:
        return self.root / "key.pem"

    @property
    def cert(self) -> Path:
        return self.root / "cert.pem"

    @property
    def ca(self) -> Path:
        return self.root / "ca.pem"

    @property
    def centre(self) -> Path:
        return self.root / "centre.txt"

    def enrolled(self) -> bool:
        return all(p.exists() for p in (self.key, self.cert, self.ca, self.centre))

    def centre_url(self) -> str:
        try:
            return self.centre.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise TerminalFilesError(
                f"this terminal is not enrolled ({self.centre} is missing): run "
                "'main.py enroll https://CENTRE:PORT CODE' with the code from the "
                "administrator") from None

    def check(self) -> None:
        if not self.enrolled():
            missing = [p.name for p in (self.key, self.cert, self.ca, self.centre)
                       if not p.exists()]
            raise TerminalFilesError(
                f"this terminal is not enrolled ({', '.join(missing)} missing in {self.root}): "
                "run 'main.py enroll https://CENTRE:PORT CODE'")
        if self.key.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise TerminalFilesError(f"{self.key} is readable by others: chmod 600 {self.key}")

    def save(self, key_pem: bytes, cert_pem: bytes, ca_pem: bytes, centre_url: str) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)
        write_private(self.key, key_pem, 0o600)
        write_private(self.cert, cert_pem, 0o644)
        write_private(self.ca, ca_pem, 0o644)
        write_private(self.centre, (centre_url.rstrip("/") + "\n").encode(), 0o644)
