"""The terminal's deployment configuration: a TOML file the installer writes.

Example (packaging/console.example.toml):

    database_url = "postgresql://console@10.20.0.5:5432/videoconsole"   # no password here
    platform_host = "10.20.0.10"
    language = "zh_CN"
    network_caching_ms = 300        # live view: stream buffer, 0..5000 ms (default 300)
    rtsp_transport = "tcp"          # "tcp" or "udp"
    video_decoder = "auto"          # "auto", "pyav" (bundled FFmpeg) or "vlc" (libvlc)

Secrets never appear here: the database password is read from keyring
(``main.py secret set-db-password``). A URL with a password inside is refused.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from console import APP_ID
from console.live.state import LiveTuning
from console.storage.database import DatabaseUrlError, parse_database_url, redact

LANGUAGES = ("zh_CN", "en")


class ConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class TerminalConfig:
    database_url: str
    platform_host: str | None = None
    language: str | None = None
    source: Path | None = None
    tuning: LiveTuning = field(default_factory=LiveTuning)

    @property
    def is_embedded_default(self) -> bool:
        return self.database_url == default_database_url()


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / "console.toml"


def default_database_url() -> str:
    return f"sqlite:///{data_dir() / 'console.db'}"


_KEYS = {"database_url", "platform_host", "language", "network_caching_ms", "rtsp_transport",
         "video_decoder"}
_INT_KEYS = {"network_caching_ms"}
MAX_NETWORK_CACHING_MS = 5000
TRANSPORTS = ("tcp", "udp")
DECODERS = ("auto", "pyav", "vlc")


def load_config(path: Path | None = None, *, database_url: str | None = None,
                language: str | None = None) -> TerminalConfig:
    """Read the config file (if any), then apply command-line overrides."""
    explicit = path is not None
    path = path or config_path()
    values: dict[str, object] = {}
    if path.exists():
        try:
            values = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {path}: cannot be read: {exc}") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path}: {exc}") from None
        unknown = sorted(set(values) - _KEYS)
        if unknown:
            raise ConfigError(f"config file {path}: unknown setting {unknown[0]!r}; "
                              f"known: {', '.join(sorted(_KEYS))}")
        for key, value in values.items():
            if key in _INT_KEYS:
                if not isinstance(value, int) or isinstance(value, bool):
                    raise ConfigError(f"config file {path}: {key} must be a whole number")
            elif not isinstance(value, str):
                raise ConfigError(f"config file {path}: {key} must be a string")
    elif explicit:
        raise ConfigError(f"config file {path} does not exist")
    in_file = f"config file {path}: "
    url = database_url or str(values.get("database_url") or default_database_url())
    url_origin = "--database-url: " if database_url else in_file
    try:
        parsed = parse_database_url(url)
    except DatabaseUrlError as exc:
        raise ConfigError(f"{url_origin}{exc}") from None
    if parsed.password:
        raise ConfigError(
            f"{url_origin}database URL {redact(url)} contains a password: remove it and store "
            "it with 'main.py secret set-db-password'"
        )
    lang = language or values.get("language")
    if lang is not None and lang not in LANGUAGES:
        origin = "--lang: " if language else in_file
        raise ConfigError(f"{origin}language {lang!r} is not one of {', '.join(LANGUAGES)}")
    platform_host = values.get("platform_host")
    return TerminalConfig(
        database_url=url,
        platform_host=str(platform_host) if platform_host else None,
        language=str(lang) if lang else None,
        source=path if path.exists() else None,
        tuning=_tuning(values, in_file),
    )


def _tuning(values: dict[str, object], in_file: str) -> LiveTuning:
    default = LiveTuning()
    caching = values.get("network_caching_ms", default.network_caching_ms)
    assert isinstance(caching, int)  # noqa: S101 - checked above
    if not 0 <= caching <= MAX_NETWORK_CACHING_MS:
        raise ConfigError(f"{in_file}network_caching_ms {caching} is outside "
                          f"0..{MAX_NETWORK_CACHING_MS}")
    transport = str(values.get("rtsp_transport", default.rtsp_transport))
    if transport not in TRANSPORTS:
        raise ConfigError(f"{in_file}rtsp_transport {transport!r} is not one of "
                          f"{', '.join(TRANSPORTS)}")
    decoder = str(values.get("video_decoder", default.decoder))
    if decoder not in DECODERS:
        raise ConfigError(f"{in_file}video_decoder {decoder!r} is not one of "
                          f"{', '.join(DECODERS)}")
    return replace(default, network_caching_ms=caching, rtsp_transport=transport,
                   decoder=decoder)
