"""The demo cameras really play: their catalogue addresses point at a GStreamer RTSP server
on 127.0.0.1:8554 that the console starts (run by the system python, see rtsp_server.py).
Each camera gets a moving picture with its code, name and a running clock burned in — a
sub stream (640×360, 15 fps) and a main stream (1280×720, 25 fps), encoded only while
someone watches and shared by every viewer.

The demo PTZ cameras (catalogue ``ptz_address`` ``onvif://127.0.0.1:PORT``) are steered for
real: one ONVIF peer process (onvif_peer.py, a virtual camera per PORT, named by the camera
code) moves them, and their streams are ``ptz`` mounts — a window onto the camera's own
panorama (panorama.py) that follows the position the peer writes to its state file, so
pan, tilt, zoom and the return home show in the picture. The panoramas are cached in the
user cache directory; the peer's state files live in a temporary directory removed on
close. Whatever cannot start is logged and left out: the console still runs."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from sqlalchemy import select

from console import APP_ID
from console.demo.onvif_peer_process import OnvifPeerError, OnvifPeerProcess
from console.demo.panorama import PanoramaError, ensure_panoramas
from console.demo.rtsp_spec import (
    LiveMount,
    Mount,
    PtzMount,
    RtspServerError,
    RtspServerProcess,
)
from console.storage.database import Database
from console.storage.models import Camera

DEMO_PORT = 8554
DEMO_PREFIX = f"rtsp://127.0.0.1:{DEMO_PORT}/demo/"
PTZ_PREFIX = "onvif://127.0.0.1:"
PTZ_TRAVEL_SECONDS = 1.0

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PtzPicture:
    """What a demo PTZ camera's streams show: a window onto ``panorama`` that follows the
    position in ``state_file``."""

    panorama: Path
    state_file: Path


def demo_mounts(cameras: Sequence[tuple[str, str]],
                ptz: Mapping[str, PtzPicture] | None = None) -> list[Mount]:
    """Sub and main mounts of each (code, name): ``ptz`` mounts for the codes in ``ptz``,
    live test pictures for the others."""
    pictures = ptz or {}
    mounts: list[Mount] = []
    for number, (code, name) in enumerate(cameras):
        label = f"{name}  {code}"
        picture = pictures.get(code)
        if picture is None:
            mounts.append(LiveMount(f"/demo/{code}/sub", 640, 360, 15, label, number))
            mounts.append(LiveMount(f"/demo/{code}/main", 1280, 720, 25, label, number))
        else:
            panorama, state = str(picture.panorama), str(picture.state_file)
            mounts.append(PtzMount(f"/demo/{code}/sub", 640, 360, 15, label, panorama, state))
            mounts.append(PtzMount(f"/demo/{code}/main", 1280, 720, 25, label, panorama,
                                   state))
    return mounts


def demo_cameras(db: Database) -> list[tuple[str, str]]:
    """The cameras whose streams the demo server serves (those pointing at it)."""
    with db.transaction() as s:
        rows = s.execute(select(Camera.code, Camera.name).where(
            Camera.main_stream.like(f"{DEMO_PREFIX}%")).order_by(Camera.code)).all()
    return [(code, name) for code, name in rows]


def demo_ptz_cameras(db: Database) -> list[tuple[str, str, int]]:
    """(code, name, port) of the cameras steered by the demo's ONVIF peer: those whose PTZ
    address is ``onvif://127.0.0.1:PORT``."""
    with db.transaction() as s:
        rows = s.execute(select(Camera.code, Camera.name, Camera.ptz_address).where(
            Camera.ptz_address.like(f"{PTZ_PREFIX}%")).order_by(Camera.code)).all()
    cameras = []
    for code, name, address in rows:
        try:
            port = urlsplit(address).port
        except ValueError:
            port = None
        if port:
            cameras.append((code, name, port))
        else:
            log.warning("demo camera %s: no port in PTZ address %r", code, address)
    return cameras


def panorama_cache_dir() -> Path:
    return Path(platformdirs.user_cache_dir(APP_ID, appauthor=False)) / "demo-panoramas"


class DemoStreams:
    """What the demo started: the RTSP server and, with PTZ cameras, the ONVIF peer and its
    runtime directory. ``close()`` ends both processes and removes the directory."""

    def __init__(self, server: RtspServerProcess | None, peer: OnvifPeerProcess | None,
                 runtime: tempfile.TemporaryDirectory[str] | None = None) -> None:
        self.server, self.peer, self._runtime = server, peer, runtime

    def close(self) -> None:
        if self.peer is not None:
            self.peer.close()
        if self.server is not None:
            self.server.close()
        if self._runtime is not None:
            self._runtime.cleanup()
            self._runtime = None


def start_demo_streams(db: Database, *, cache_dir: Path | None = None,
                       port: int = DEMO_PORT) -> DemoStreams | None:
    """Start the demo stream server and the ONVIF peer of the demo PTZ cameras; None (with
    the reason logged) when neither runs — the console still works, the demo tiles then say
    the camera cannot be reached."""
    cameras = demo_cameras(db)
    ptz_cameras = demo_ptz_cameras(db)
    if not cameras and not ptz_cameras:
        return None
    runtime: tempfile.TemporaryDirectory[str] | None = None
    peer: OnvifPeerProcess | None = None
    pictures: dict[str, PtzPicture] = {}
    if ptz_cameras:
        runtime = tempfile.TemporaryDirectory(prefix="console-demo-ptz-")
        peer, pictures = _start_ptz(ptz_cameras, Path(runtime.name),
                                    cache_dir or panorama_cache_dir())
    server: RtspServerProcess | None = None
    if cameras:
        server = RtspServerProcess(demo_mounts(cameras, ptz=pictures), port)
        try:
            server.start()
        except RtspServerError as exc:
            log.warning("demo cameras will not play: %s", exc)
            server.close()
            server = None
        else:
            log.info("demo cameras served on rtsp://127.0.0.1:%d/demo/", port)
    if server is None and peer is None:
        if runtime is not None:
            runtime.cleanup()
        return None
    return DemoStreams(server, peer, runtime)


def _start_ptz(cameras: list[tuple[str, str, int]], workdir: Path,
               cache_dir: Path) -> tuple[OnvifPeerProcess | None, dict[str, PtzPicture]]:
    """The started peer (None if it could not start) and each PTZ camera's picture (none
    when the panoramas cannot be drawn: those cameras then show live test pictures)."""
    peer = OnvifPeerProcess({code: port for code, _, port in cameras}, workdir,
                            credentials=None, travel_seconds=PTZ_TRAVEL_SECONDS,
                            demo_presets=True)
    try:
        peer.start()
    except (OnvifPeerError, OSError) as exc:
        log.warning("demo PTZ cameras cannot be steered: %s", exc)
        peer.close()
        return None, {}
    log.info("demo PTZ cameras steered at onvif://127.0.0.1:%s",
             ",".join(str(port) for _, _, port in cameras))
    try:
        panoramas = ensure_panoramas([code for code, _, _ in cameras], cache_dir)
    except (PanoramaError, OSError) as exc:
        log.warning("demo PTZ cameras show test pictures: %s", exc)
        return peer, {}
    return peer, {code: PtzPicture(panoramas[code], peer.state_file(code))
                  for code, _, _ in cameras}
