"""Camera credentials: taken out of stream URLs before anything is stored, kept in the
keyring as ``camera:<code>`` (JSON ``{"user": ..., "password": ...}``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from console.catalog.cells import CellError
from console.catalog.problems import Problem
from console.secrets import SecretStorage, redact_url

STREAM_SCHEMES = ("rtsp", "rtsps", "http", "https")
_WINDOWS_PATH = re.compile(r"^[A-Za-z]:[\\/]")


@dataclass(frozen=True, slots=True)
class Credentials:
    user: str
    password: str

    def __repr__(self) -> str:  # never print a password by accident
        return f"Credentials(user={self.user!r}, password=***)"

    def to_secret(self) -> str:
        return json.dumps({"user": self.user, "password": self.password}, ensure_ascii=False,
                          sort_keys=True)

    @classmethod
    def from_secret(cls, value: str) -> Credentials:
        """Read what ``to_secret`` wrote; a plain ``user:password`` is accepted too."""
        if value.startswith("{"):
            data = json.loads(value)
            return cls(str(data.get("user", "")), str(data.get("password", "")))
        user, _, password = value.partition(":")
        return cls(user, password)


def camera_secret_name(code: str) -> str:
    return f"camera:{code}"


def load_camera_credentials(secrets: SecretStorage, code: str) -> Credentials | None:
    """What the player needs to open a camera's stream (None: the URL needs none)."""
    value = secrets.get(camera_secret_name(code))
    return Credentials.from_secret(value) if value else None


def with_credentials(url: str, credentials: Credentials | None) -> str:
    """The stream address to hand to the decoder (never to a log): the user and password
    put back into a network URL; file paths and URLs without credentials are unchanged."""
    if credentials is None or not credentials.user:
        return url
    parts = urlsplit(url)
    if parts.scheme.lower() not in STREAM_SCHEMES or not parts.hostname:
        return url
    userinfo = quote(credentials.user, safe="")
    if credentials.password:
        userinfo += ":" + quote(credentials.password, safe="")
    return urlunsplit((parts.scheme, f"{userinfo}@{parts.netloc}", parts.path, parts.query,
                       parts.fragment))


def stream_url(raw: str) -> tuple[str, Credentials | None]:
    """Check a stream address and take any user:password out of it.

    rtsp://, rtsps://, http(s):// (HLS/FLV) need a host; file paths (/..., C:\\..., file:)
    are accepted as they are. Messages never repeat a password.
    """
    if not raw or raw.startswith("/") or _WINDOWS_PATH.match(raw):
        return raw, None
    try:
        parts = urlsplit(raw)
        port = parts.port
    except ValueError as exc:
        raise CellError(Problem.INVALID_URL, value=repr(redact_url(raw)), error=str(exc)) \
            from None
    scheme = parts.scheme.lower()
    if scheme == "file":
        return raw, None
    if scheme not in STREAM_SCHEMES:
        schemes = ", ".join(STREAM_SCHEMES)
        if scheme:
            raise CellError(Problem.NOT_STREAM_SCHEME, value=repr(scheme + "://"),
                            schemes=schemes)
        raise CellError(Problem.NOT_STREAM_ADDRESS, value=repr(redact_url(raw)), schemes=schemes)
    host = parts.hostname
    if not host:
        raise CellError(Problem.NO_HOST, value=repr(redact_url(raw)))
    if parts.username is None and parts.password is None:
        return raw, None
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    clean = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    return clean, Credentials(unquote(parts.username or ""), unquote(parts.password or ""))
