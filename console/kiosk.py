"""The kiosk session's seal: the console is the one program its compositor ever serves.

The kiosk session (packaging/linux/kiosk/) runs ``city-video-console --kiosk`` as the only
client of the ``cage`` Wayland compositor. cage 0.1.4 (Debian 12) offers every client the
wlr-screencopy and wlr-export-dmabuf protocols, so any program that reaches its socket —
``grim`` for one — can copy the screen. Nothing else is allowed to reach it: before Qt loads,
the console connects to the compositor's socket itself, removes the socket's name from the
file system (a program started later finds nothing to connect to) and hands the connected
socket to Qt through ``WAYLAND_SOCKET`` (libwayland takes it and clears the variable, so a
child process inherits no way in either). ``DISPLAY`` is dropped and Qt is told to use
Wayland, so the console never shows itself through Xwayland, whose X clients could read
X windows. tests/test_packaging_kiosk.py starts cage headless and shows that a screen grabber
started in the session then gets no picture (and, unsealed, does).

What this does not cover: a program of the kiosk user (or root) that connects in the moment
between the compositor's start and the seal; the kiosk user has no shell and no login."""

from __future__ import annotations

import os
import socket
from collections.abc import MutableMapping
from dataclasses import dataclass
from pathlib import Path


class KioskError(RuntimeError):
    pass


@dataclass(frozen=True)
class Sealed:
    socket_path: Path    # the name removed from the file system
    fd: int              # the connection handed to Qt (WAYLAND_SOCKET)


def seal_wayland_display(environ: MutableMapping[str, str] | None = None) -> Sealed:
    """Connect to the compositor named by WAYLAND_DISPLAY, unlink its socket and leave the
    connection in WAYLAND_SOCKET for Qt; raises KioskError when there is no compositor."""
    env = os.environ if environ is None else environ
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    if os.path.isabs(name):
        path = Path(name)
    else:
        runtime = env.get("XDG_RUNTIME_DIR")
        if not runtime:
            raise KioskError("XDG_RUNTIME_DIR is not set: no Wayland compositor to seal")
        path = Path(runtime) / name
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(str(path))
    except OSError as exc:
        conn.close()
        raise KioskError(f"cannot reach the Wayland compositor at {path}: {exc}") from None
    try:
        path.unlink()
    except OSError as exc:
        conn.close()
        raise KioskError(f"cannot remove the compositor's socket {path}: {exc}") from None
    fd = conn.detach()
    os.set_inheritable(fd, False)
    env["WAYLAND_SOCKET"] = str(fd)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("DISPLAY", None)
    env["QT_QPA_PLATFORM"] = "wayland"
    return Sealed(path, fd)
