"""Secrets (database password, platform and camera credentials) live in the operating
system's keyring, never in a config file, the database or a log line."""

from __future__ import annotations

import contextlib
from urllib.parse import urlsplit, urlunsplit

import keyring
import keyring.errors

from console import APP_ID


class SecretError(RuntimeError):
    pass


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
