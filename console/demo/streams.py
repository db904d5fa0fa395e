"""The demo cameras really play: their catalogue addresses point at a GStreamer RTSP server
on 127.0.0.1:8554 that the console starts (run by the system python, see rtsp_server.py).
Each camera gets a moving picture with its code, name and a running clock burned in — a
sub stream (640×360, 15 fps) and a main stream (1280×720, 25 fps), encoded only while
someone watches and shared by every viewer."""

from __future__ import annotations

import logging

from sqlalchemy import select

from console.demo.rtsp_spec import LiveMount, RtspServerError, RtspServerProcess
from console.storage.database import Database
from console.storage.models import Camera

DEMO_PORT = 8554
DEMO_PREFIX = f"rtsp://127.0.0.1:{DEMO_PORT}/demo/"

log = logging.getLogger(__name__)


def demo_mounts(cameras: list[tuple[str, str]]) -> list[LiveMount]:
    mounts: list[LiveMount] = []
    for number, (code, name) in enumerate(cameras):
        label = f"{name}  {code}"
        mounts.append(LiveMount(f"/demo/{code}/sub", 640, 360, 15, label, number))
        mounts.append(LiveMount(f"/demo/{code}/main", 1280, 720, 25, label, number))
    return mounts


def demo_cameras(db: Database) -> list[tuple[str, str]]:
    """The cameras whose streams the demo server serves (those pointing at it)."""
    with db.transaction() as s:
        rows = s.execute(select(Camera.code, Camera.name).where(
            Camera.main_stream.like(f"{DEMO_PREFIX}%")).order_by(Camera.code)).all()
    return [(code, name) for code, name in rows]


def start_demo_streams(db: Database) -> RtspServerProcess | None:
    """Start the demo stream server; None (with the reason logged) when it cannot run —
    the console still works, the demo tiles then say the camera cannot be reached."""
    cameras = demo_cameras(db)
    if not cameras:
        return None
    server = RtspServerProcess(demo_mounts(cameras), DEMO_PORT)
    try:
        server.start()
    except RtspServerError as exc:
        log.warning("demo cameras will not play: %s", exc)
        server.close()
        return None
    log.info("demo cameras served on rtsp://127.0.0.1:%d/demo/", DEMO_PORT)
    return server
