"""A terminal process steering a dome through the centre, for the crash tests: it logs in with
its enrolled certificate (console.remote, as the console does), beats for its session,
takes PTZ control, starts a move and keeps confirming it (every 250 ms, as the desk does
while a key is held) until it is killed. It holds no camera credential and no database.

    python -m tests.support.ptz_terminal CENTRE_URL TERMINAL_DIR SOURCE_IP MAC ACCOUNT \
        PASSWORD CAMERA_CODE

Prints ``moving LEASE_ID`` once the move is under way, or ``failed WHY``.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

from console.auth.results import Accepted
from console.identity import StaticIdentity
from console.ptz.driver import Velocity
from console.ptz.model import EventKind, PtzEvent
from console.remote.auth import RemoteAuth
from console.remote.client import CentreClient
from console.remote.ptz import RemotePtz
from console.remote.terminal_files import TerminalFiles


def main(url: str, directory: str, ip: str, mac: str, account: str, password: str,
         code: str) -> int:
    files = TerminalFiles(Path(directory))
    client = CentreClient(url, mac=mac, cert=(files.cert, files.key), ca=files.ca,
                          source_ip=ip)
    auth = RemoteAuth(client, StaticIdentity(ip, mac))
    result = auth.login(account, password)
    if not isinstance(result, Accepted):
        print(f"failed login {result}", flush=True)
        return 1
    session = result.session.session_id
    policy = auth.last_policy
    assert policy is not None

    def beat() -> None:
        while True:
            auth.heartbeat(session)
            time.sleep(policy.heartbeat_seconds)

    threading.Thread(target=beat, daemon=True).start()
    ptz = RemotePtz(client)
    taken = ptz.take(session, code, tile="crash")
    if not taken.ok or taken.lease is None:
        print(f"failed take {taken.reason}", flush=True)
        return 1
    ready = threading.Event()

    def on_event(event: PtzEvent) -> None:
        if event.kind == EventKind.READY:
            ready.set()

    control = ptz.open_control(session, taken.lease, on_event,
                               heartbeat_s=policy.ptz_heartbeat_seconds,
                               idle_s=policy.ptz_idle_seconds)
    control.start()
    if not ready.wait(15):
        print("failed camera not ready", flush=True)
        return 1
    control.move(Velocity(pan=0.3, tilt=0.2))
    print(f"moving {taken.lease.id}", flush=True)
    while True:          # the operator holds the key until the process is killed
        time.sleep(0.25)
        control.keepalive()


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:8]))
