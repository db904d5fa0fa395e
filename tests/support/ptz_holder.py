"""A console process that holds PTZ control, for the crash-recovery test: it takes control
of a camera through the real services (as the console's PTZ desk does), steers it away from
home, says ``away`` and then keeps beating until it is killed.

    python -m tests.support.ptz_holder DATABASE_URL SESSION_ID CAMERA_CODE
"""

from __future__ import annotations

import sys
import threading
import time

from console.clock import SystemClock
from console.ptz.connect import camera_driver
from console.ptz.controller import CameraControl, EventKind, PtzEvent
from console.ptz.driver import Velocity
from console.ptz.service import PtzService
from console.secrets import SecretStore
from console.storage.database import Database


def main(url: str, session_id: str, code: str) -> int:
    service = PtzService(Database(url), SystemClock())
    result = service.take(session_id, code, tile="holder")
    if not result.ok or result.lease is None:
        print(f"refused {result.reason}", flush=True)
        return 1
    policy = service.policy()
    ready = threading.Event()

    def on_event(event: PtzEvent) -> None:
        if event.kind == EventKind.READY:
            ready.set()

    control = CameraControl(service, result.lease, camera_driver(SecretStore()), on_event,
                            heartbeat_s=policy.ptz_heartbeat_seconds, idle_s=3600)
    control.start()
    if not ready.wait(10):
        print("camera not ready", flush=True)
        return 1
    control.move(Velocity(pan=0.8, tilt=0.4))
    for _ in range(6):
        time.sleep(0.1)
        control.keepalive()
    control.stop()
    time.sleep(0.3)
    print(f"away {result.lease.id}", flush=True)
    while True:  # beat (on the control's thread) until killed
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
