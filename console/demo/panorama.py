"""The cached panorama PNGs behind the demo PTZ cameras (the RTSP server's ``ptz`` mounts show
a window of them, rtsp_server.py). ``ensure_panoramas`` keeps them in a cache directory keyed
by code and ``PANORAMA_VERSION`` and draws the missing ones in a child process of this
interpreter (``python -m console.overlay.demo_panorama``, offscreen Qt): the drawing is Qt
code and lives in console/overlay/demo_panorama.py; this module stays Qt-free, and the
console's own process never gets a second application."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

PANORAMA_VERSION = 1
RENDER_TIMEOUT_S = 120


class PanoramaError(RuntimeError):
    """A panorama could not be drawn or saved."""


def panorama_path(directory: Path, code: str) -> Path:
    return directory / f"panorama-{code}-v{PANORAMA_VERSION}.png"


def ensure_panoramas(codes: Iterable[str], directory: Path) -> dict[str, Path]:
    """Each code's cached panorama PNG, drawing the missing ones."""
    paths = {code: panorama_path(directory, code) for code in codes}
    missing = [code for code, path in paths.items() if not path.is_file()]
    if missing:
        directory.mkdir(parents=True, exist_ok=True)
        _draw_in_child(missing, directory)
    return paths


def ensure_panorama(code: str, directory: Path) -> Path:
    return ensure_panoramas([code], directory)[code]


def _draw_in_child(codes: list[str], directory: Path) -> None:
    args = [sys.executable, "-m", "console.overlay.demo_panorama", str(directory), *codes]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    root = Path(__file__).resolve().parents[2]
    try:
        result = subprocess.run(args, env=env, cwd=root, capture_output=True, text=True,  # noqa: S603
                                timeout=RENDER_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PanoramaError(f"cannot draw panoramas: {exc}") from exc
    if result.returncode != 0:
        tail = " | ".join(result.stderr.strip().splitlines()[-3:])
        raise PanoramaError(f"drawing panoramas failed (exit {result.returncode}): {tail}")
