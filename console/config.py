"""The terminal's configuration: a TOML file the installer writes (user interface and live
view only).

Example (packaging/console.example.toml):

    language = "zh_CN"
    network_caching_ms = 300        # live view: stream buffer, 0..5000 ms (default 300)
    rtsp_transport = "tcp"          # "tcp" or "udp"
    video_decoder = "auto"          # "auto", "pyav" (bundled FFmpeg) or "vlc" (libvlc)
    video_decoding = "process"      # PyAV in a process per stream, or "thread" (in-process)

A terminal names no database and holds no secret: the centre it was enrolled with
(``main.py enroll``) is in its terminal directory with its key and certificate
(console/remote/terminal_files.py); everything else is the centre's.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import platformdirs

from console import APP_ID
from console.live.state import LiveTuning

LANGUAGES = ("zh_CN", "en")
DECODINGS = ("process", "thread")
# the terminal decodes in processes unless told otherwise (issue 15: in-process decoding
# starves the GUI thread from about 20 streams on); LiveTuning's own default stays "thread"
DEFAULT_DECODING = "process"


class ConfigError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class TerminalConfig:
    language: str | None = None
    source: Path | None = None
    tuning: LiveTuning = field(default_factory=lambda: LiveTuning(decoding=DEFAULT_DECODING))


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_ID, appauthor=False)) / "console.toml"


_KEYS = {"language", "network_caching_ms", "rtsp_transport", "video_decoder",
         "video_decoding"}
# settings of the time when every terminal opened the database itself
_MOVED = {
    "database_url": "the centre server holds the database now: remove it, and enrol this "
                    "terminal with 'main.py enroll https://CENTRE:PORT CODE'",
    "platform_host": "the terminal's identity is the route to its centre now: remove it",
}
_INT_KEYS = {"network_caching_ms"}
MAX_NETWORK_CACHING_MS = 5000
TRANSPORTS = ("tcp", "udp")
DECODERS = ("auto", "pyav", "vlc")


def load_config(path: Path | None = None, *, language: str | None = None) -> TerminalConfig:
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
        moved = sorted(set(values) & set(_MOVED))
        if moved:
            raise ConfigError(f"config file {path}: {moved[0]} is not a terminal setting any "
                              f"more: {_MOVED[moved[0]]}")
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
    lang = language or values.get("language")
    if lang is not None and lang not in LANGUAGES:
        origin = "--lang: " if language else in_file
        raise ConfigError(f"{origin}language {lang!r} is not one of {', '.join(LANGUAGES)}")
    return TerminalConfig(
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
    decoding = str(values.get("video_decoding", DEFAULT_DECODING))
    if decoding not in DECODINGS:
        raise ConfigError(f"{in_file}video_decoding {decoding!r} is not one of "
                          f"{', '.join(DECODINGS)}")
    return replace(default, network_caching_ms=caching, rtsp_transport=transport,
                   decoder=decoder, decoding=decoding)
