"""A real centre server for the tests: the API over HTTPS with mutual TLS on 127.0.0.1 (a
random port), on the test's database and clock, with terminals enrolled through the real
enrolment (key pair, code, HMAC proofs, CA signature).

    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    files = centre.enrol("T-LOCAL", unit="CENTRE")          # 127.0.0.1 / 00:00:00:00:00:00
    client = centre.client(files)                            # the terminal's CentreClient

Loopback addresses stand for other machines: ``centre.client(files, source_ip="127.0.0.2")``
connects from 127.0.0.2 (a certificate copied to another machine).

``CentreHarness(..., gateway=True)`` relays every view through a real media gateway node
(console/gateway/, gst-rtsp-server under the system python) on 127.0.0.1 (``gateway=2``: two
nodes, ``nodes``); ``gateway_linger`` is how long a node keeps a camera's pull after its
last viewer.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Any

from console.audit.writer import Actor
from console.clock import Clock
from console.demo.rtsp_spec import free_port
from console.gateway.routes import GatewayNode
from console.identity import TerminalIdentity
from console.passwords import PasswordHashing
from console.remote.client import CentreClient
from console.remote.enrol import enrol
from console.remote.terminal_files import TerminalFiles
from console.server.app import create_app
from console.server.centre import Centre
from console.server.data_dir import DataDir, ServerConfig
from console.server.gateway_link import HostedGateway
from console.server.runner import ServerThread, server_tls
from console.server.setup import create_keys, load_keys
from console.storage.database import Database

INSTALLER = Actor(account="cli:installer@test", is_installer=True)
LOOPBACK_MAC = "00:00:00:00:00:00"
# GATEWAY_KEYFRAME_CACHE=1 runs the harness's gateway nodes with their keyframe cache (the
# gateway tests then check that path: ./run-tests.sh tests/test_gateway.py with it set)
KEYFRAME_CACHE = os.environ.get("GATEWAY_KEYFRAME_CACHE") == "1"


class CentreHarness:
    def __init__(self, db: Database, clock: Clock, tmp_path: Path,
                 hashing: PasswordHashing, *, neighbours: dict[str, str] | None = None,
                 now: datetime | None = None, gateway: bool | int = False,
                 gateway_linger: float = 10.0) -> None:
        self.db, self.clock, self.tmp_path = db, clock, tmp_path
        self.data = DataDir(tmp_path / "centre")
        create_keys(self.data, ServerConfig(str(db.url), ("127.0.0.1", "localhost"), "测试中心"),
                    now or clock.now())
        keys = load_keys(self.data)
        count = int(gateway)        # True: one node; a number: that many
        self.nodes = tuple(GatewayNode("gw-test" if i == 0 else f"gw-test-{i + 1}",
                                       "127.0.0.1", free_port()) for i in range(count))
        self.gateway_port = self.nodes[0].port if self.nodes else None
        self.centre = Centre.build(db, clock, self.data.secrets(), keys.ca, hashing=hashing,
                                   instance="test-centre", data_dir=self.data,
                                   gateway_nodes=self.nodes)
        self.gateways = [HostedGateway(self.centre.access, node.port, node=node.name,
                                       linger_s=gateway_linger,
                                       health=self.centre.gateway_health,
                                       instance=f"test-host-{node.name}",
                                       keyframe_cache=KEYFRAME_CACHE)
                         for node in self.nodes]
        self.gateway: HostedGateway | None = self.gateways[0] if self.gateways else None
        table = neighbours or {}
        self.app = create_app(self.centre, neighbours=lambda: table)
        self.server: ServerThread | None = None

    def start(self) -> CentreHarness:
        for node in self.gateways:
            if not node.process.running:
                node.start()
        self.server = ServerThread(self.app, server_tls(self.data.server_cert,
                                                        self.data.server_key,
                                                        self.data.ca_cert)).start()
        return self

    def stop(self, *, force: bool = True) -> None:
        if self.server is not None:
            self.server.stop(force=force)

    def close(self) -> None:
        """Stop the server and the gateway node."""
        self.stop()
        for node in self.gateways:
            node.stop()

    def restart(self) -> CentreHarness:
        """Serve again on the same address (after ``stop``): terminals reconnect to it."""
        assert self.server is not None
        port = self.server.port_used
        self.server = ServerThread(self.app, server_tls(self.data.server_cert,
                                                        self.data.server_key,
                                                        self.data.ca_cert),
                                   port=port).start()
        return self

    @property
    def url(self) -> str:
        assert self.server is not None
        return self.server.url

    def register(self, name: str, *, unit: str, ip: str = "127.0.0.1",
                 mac: str = LOOPBACK_MAC, location: str = "测试席位") -> str:
        """Register a terminal and return a fresh enrolment code for it."""
        self.centre.admin.create_terminal(INSTALLER, name, location, unit, ip, mac)
        return self.centre.enrolment.issue_code(INSTALLER, name).code

    def enrol(self, name: str, *, unit: str, ip: str = "127.0.0.1",
              mac: str = LOOPBACK_MAC) -> TerminalFiles:
        code = self.register(name, unit=unit, ip=ip, mac=mac)
        files = TerminalFiles(self.tmp_path / f"terminal-{name}")
        enrol(self.url, code, TerminalIdentity(ip, mac), files, source_ip=ip)
        return files

    def enrol_existing(self, name: str, identity: TerminalIdentity) -> TerminalFiles:
        """Enrol a terminal the test's world registered already, from its own address."""
        code = self.centre.enrolment.issue_code(INSTALLER, name).code
        files = TerminalFiles(self.tmp_path / f"terminal-{name}")
        enrol(self.url, code, identity, files, source_ip=identity.ip)
        return files

    def client(self, files: TerminalFiles, *, source_ip: str | None = None,
               mac: str = LOOPBACK_MAC, **kw: Any) -> CentreClient:
        return CentreClient(self.url, mac=mac, cert=(files.cert, files.key), ca=files.ca,
                            source_ip=source_ip, **kw)
