"""The embedded default: a centre server for this one machine, on loopback, with SQLite and
the demo data — the same server, the same API and the same mutual TLS as a city's centre.

``./run-console.sh`` starts it as a child process (console/embedded.py) and enrols the
console as its terminal: loopback is the route to the centre, so the demo terminal is
127.0.0.1 with the loopback MAC. The demo cameras (RTSP server, ONVIF peer for the domes)
are the centre's side too: the console only ever gets a stream address from the server.

When the console goes away (even killed), this centre outlives it until every PTZ camera it
was steering has been sent home and verified (R10), then it stops.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import threading
import time
from pathlib import Path

from filelock import FileLock, Timeout
from sqlalchemy import select

from console.child_process import free_port
from console.clock import SystemClock
from console.demo.seed import DEMO_SEEDER, DEMO_TERMINAL, ensure_demo
from console.demo.streams import start_demo_streams
from console.embedded import lock_path, running_path
from console.files import write_private
from console.gateway.process import GatewayError
from console.gateway.routes import GatewayNode
from console.identity import LOOPBACK
from console.server.app import create_app
from console.server.centre import Centre
from console.server.data_dir import DataDir, ServerConfig
from console.server.gateway_link import HostedGateway
from console.server.host import CentreWork, centre_jobs, open_centre
from console.server.runner import ServerThread, server_tls
from console.server.setup import create_keys
from console.storage.models import PtzSession

log = logging.getLogger(__name__)


PTZ_WAIT_S = 120.0          # at most this long after the console left, for cameras to go home
PARENT_POLL_S = 1.0


def embedded_url(data: DataDir) -> str:
    return f"sqlite:///{data.root / 'console.db'}"


class AlreadyRunningError(RuntimeError):
    pass


class EmbeddedCentre:
    def __init__(self, data: DataDir, host: str, port: int, ready_file: Path | None,
                 parent_pid: int | None) -> None:
        self.data, self.host, self.port = data, host, port
        self.ready_file, self.parent_pid = ready_file, parent_pid
        self._stop = threading.Event()

    def run(self) -> int:
        self.data.make()
        lock = FileLock(lock_path(self.data.root))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise AlreadyRunningError(f"another embedded centre runs on {self.data.root}") from None
        try:
            return self._run()
        finally:
            running_path(self.data.root).unlink(missing_ok=True)
            lock.release()

    def _run(self) -> int:
        clock = SystemClock()
        if not self.data.exists():
            create_keys(self.data, ServerConfig(embedded_url(self.data),
                                                ("127.0.0.1", "localhost"), "本机演示中心"),
                        clock.now())
        # the views' streams go through a gateway node of this centre, on loopback
        gateway_port = free_port()
        direct = self.data.read_config().direct_camera_streams
        centre = open_centre(self.data, clock=clock, gateway_nodes=() if direct else (
            GatewayNode("local", "127.0.0.1", gateway_port),))
        centre.db.migrate()
        outcome = ensure_demo(centre.db, centre.admin, clock, LOOPBACK,
                              secrets=centre.secrets)
        log.info("embedded centre: demo data %s", outcome)
        code = centre.enrolment.issue_code(DEMO_SEEDER, DEMO_TERMINAL, hours=1).code
        streams = start_demo_streams(centre.db)
        gateway = None
        if not direct:
            try:
                gateway = HostedGateway(
                    centre.access, gateway_port, keyframe_cache=self.data.read_config(
                        ).gateway_keyframe_cache).start()
            except GatewayError as exc:
                log.error("embedded centre: the media gateway did not start (%s); views "
                          "will not play (direct_camera_streams = true in %s hands the "
                          "console the cameras' addresses instead)", exc, self.data.config)
        # No automatic diagnosis on the demo machine: its checks would start the demo
        # encoders one after another on a desktop (a centre server runs it by default).
        work = CentreWork.build(centre, centre_jobs(self.data, centre, diagnosis=False))
        work.start()
        server = ServerThread(create_app(centre),
                              server_tls(self.data.server_cert, self.data.server_key,
                                         self.data.ca_cert), self.host, self.port).start()
        signal.signal(signal.SIGTERM, lambda *_: self._stop.set())
        signal.signal(signal.SIGINT, lambda *_: self._stop.set())
        try:
            write_private(running_path(self.data.root), json.dumps(
                {"url": server.url, "pid": os.getpid()}).encode())
            if self.ready_file is not None:
                write_private(self.ready_file, json.dumps(
                    {"url": server.url, "code": code, "terminal": DEMO_TERMINAL}).encode())
            self._wait_for_parent()
            # no new console joins a centre that is only finishing its PTZ returns
            running_path(self.data.root).unlink(missing_ok=True)
            self._wait_for_ptz(centre)
        finally:
            centre.ptz_controls.close()     # cameras still steered go home before the end
            server.stop()
            work.stop()
            if streams is not None:
                streams.close()
            if gateway is not None:
                gateway.stop()
            centre.db.dispose()
        return 0

    def _wait_for_parent(self) -> None:
        while not self._stop.wait(PARENT_POLL_S):
            if self.parent_pid is not None and not _alive(self.parent_pid):
                log.info("embedded centre: the console (pid %d) is gone", self.parent_pid)
                return

    def _wait_for_ptz(self, centre: Centre) -> None:
        """Keep serving (the PTZ sweep runs) until no camera is under control or on its way
        home; a console that died leaves its cameras to this."""
        deadline = time.monotonic() + PTZ_WAIT_S
        while time.monotonic() < deadline:
            with centre.db.transaction() as s:
                busy = s.execute(select(PtzSession.id).where(
                    PtzSession.state.in_(("active", "returning")))).first()
            if busy is None:
                return
            time.sleep(1.0)
        log.warning("embedded centre: PTZ cameras still not home after %.0f s", PTZ_WAIT_S)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
