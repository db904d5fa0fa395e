"""What this machine can decode with: PyAV importable, libvlc loadable, and whether that
libvlc can play RTSP (only with the live555 plugin, which Debian's VLC lacks). Probed once
per process."""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from console.live.backend_choice import BackendAvailability

LIVE555_PLUGIN = "liblive555_plugin.so"


@dataclass(frozen=True, slots=True)
class Capabilities:
    pyav: bool
    pyav_version: str | None      # the bundled FFmpeg's version
    libvlc: bool
    libvlc_version: str | None
    libvlc_rtsp: bool
    vlc_plugin_dirs: tuple[str, ...]

    def availability(self) -> BackendAvailability:
        return BackendAvailability(pyav=self.pyav, libvlc=self.libvlc,
                                   libvlc_rtsp=self.libvlc_rtsp)


@functools.cache
def load_vlc() -> ModuleType | None:
    """python-vlc with a loadable libvlc, or None."""
    try:
        import vlc  # noqa: PLC0415
    except Exception:  # python-vlc raises OSError/NotImplementedError without libvlc
        return None
    try:
        vlc.libvlc_get_version()
    except Exception:
        return None
    module: ModuleType = vlc
    return module


def libvlc_path() -> Path | None:
    """The libvlc shared library this process loaded (after ``load_vlc``)."""
    try:
        maps = Path("/proc/self/maps").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in maps.splitlines():
        fields = line.split(maxsplit=5)
        if len(fields) == 6 and Path(fields[5]).name.startswith("libvlc.so"):
            return Path(fields[5])
    return None


def vlc_plugin_dirs(library: Path | None, environ: dict[str, str] | None = None) -> list[Path]:
    """Where libvlc looks for plugins: VLC_PLUGIN_PATH first, then ``vlc/plugins`` next to
    the library (Debian: /usr/lib/<triplet>/vlc/plugins)."""
    env = os.environ if environ is None else environ
    dirs = [Path(p) for p in env.get("VLC_PLUGIN_PATH", "").split(os.pathsep) if p]
    if library is not None:
        dirs.append(library.parent / "vlc" / "plugins")
    return dirs


def has_live555(plugin_dirs: list[Path]) -> bool:
    for directory in plugin_dirs:
        if (directory / "access" / LIVE555_PLUGIN).is_file():
            return True
        if directory.is_dir() and any(directory.glob(f"*/{LIVE555_PLUGIN}")):
            return True
    return False


@functools.cache
def detect() -> Capabilities:
    try:
        import av  # noqa: PLC0415

        pyav_version: str | None = str(av.ffmpeg_version_info)
    except ImportError:
        pyav_version = None
    vlc = load_vlc()
    libvlc_version = None
    plugin_dirs: list[Path] = []
    if vlc is not None:
        libvlc_version = vlc.libvlc_get_version().decode("utf-8", "replace").split()[0]
        plugin_dirs = vlc_plugin_dirs(libvlc_path())
    return Capabilities(
        pyav=pyav_version is not None, pyav_version=pyav_version,
        libvlc=vlc is not None, libvlc_version=libvlc_version,
        libvlc_rtsp=vlc is not None and has_live555(plugin_dirs),
        vlc_plugin_dirs=tuple(str(d) for d in plugin_dirs),
    )
