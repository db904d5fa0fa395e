"""Secrets (database password, platform and camera credentials) never go into a config
file, the database or a log line.

The centre server keeps them in its data directory (``FileSecretStore``: one JSON file,
mode 0600, owned by the server's system user — a server host has no desktop keyring); a
desktop keeps its own (the terminal's private key) in the operating system's keyring when
one exists (``SecretStore``)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit, urlunsplit

import keyring
import keyring.errors

from console import APP_ID


class SecretError(RuntimeError):
    pass


class SecretStorage(Protocol):
    """Named secrets: ``db:…``, ``platform:<host>``, ``camera:<code>``."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class NoSecrets:
    """A store that holds nothing (the demo catalogue has no credentials)."""

    def get(self, name: str) -> str | None:
        return None

    def set(self, name: str, value: str) -> None:
        raise SecretError(f"no secret store here to keep {name}")

    def delete(self, name: str) -> None:
        return None


class FileSecretStore:
    """Named secrets in one JSON file readable only by its owner (0600), written atomically
    (a new file renamed over the old one, so a crash never leaves half a file)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def _read(self) -> dict[str, str]:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise SecretError(f"secret store {self.path}: {exc.strerror}") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SecretError(f"secret store {self.path}: not valid JSON ({exc.msg}, "
                              f"line {exc.lineno})") from None
        if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
            raise SecretError(f"secret store {self.path}: not an object of strings")
        return data

    def get(self, name: str) -> str | None:
        with self._lock:
            return self._read().get(name)

    def set(self, name: str, value: str) -> None:
        if not value:
            raise SecretError(f"refusing to store an empty secret for {name}")
        with self._lock:
            data = self._read()
            data[name] = value
            self._write(data)

    def delete(self, name: str) -> None:
        with self._lock:
            data = self._read()
            if data.pop(name, None) is not None:
                self._write(data)

    def _write(self, data: dict[str, str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".secrets-", dir=self.path.parent)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


class SecretStore:
    """Named secrets in the keyring under service ``city-video-console``.

    Names: ``db:<user>@<host>:<port>/<database>``, ``platform:<host>``, ``camera:<code>``.
    """

    def __init__(self, service: str = APP_ID) -> None:
        self.service = service

    def get(self, name: str) -> str | None:
        try:
            return keyring.get_password(self.service, name)
        except keyring.errors.KeyringError as exc:
            raise SecretError(f"keyring unavailable while reading {name}: {exc}") from None

    def set(self, name: str, value: str) -> None:
        if not value:
            raise SecretError(f"refusing to store an empty secret for {name}")
        try:
            keyring.set_password(self.service, name, value)
        except keyring.errors.KeyringError as exc:
            raise SecretError(f"keyring unavailable while storing {name}: {exc}") from None

    def delete(self, name: str) -> None:
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keyring.delete_password(self.service, name)


def database_secret_name(user: str | None, host: str | None, port: int | None,
                         database: str | None) -> str:
    return f"db:{user or ''}@{host or ''}:{port or 5432}/{database or ''}"


def redact_url(url: str) -> str:
    """Remove any user:password from a URL (stream URLs, platform URLs) for display and logs."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "<unparsable URL>"
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = f"***@{host}" + (f":{port}" if port else "")
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
