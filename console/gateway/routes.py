"""Which gateway node relays a camera, and the address and credentials of one view.

A view's credentials are ``VIEW:TOKEN`` where TOKEN is an HMAC (a key only the centre's
instances share) over the view, its session, the terminal's address, the camera, the stream
and the node chosen for it: bound to that view, that user's session and that terminal's IP,
valid while the view is open, at that node, and nowhere else. Any centre instance can check
them without storing them.

The node is chosen per camera by rendezvous hashing over the configured nodes: every viewer
of a camera goes to the same node (one upstream pull per camera for the whole centre),
cameras spread evenly, and adding or removing a node moves only that node's share.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

_LABEL = b"console gateway view credentials v1"
_NODE = re.compile(r"^([A-Za-z0-9_.-]{1,40})=([A-Za-z0-9_.:-]{1,253}|\[[0-9A-Fa-f:.]+\]):"
                   r"([0-9]{1,5})$")


@dataclass(frozen=True, slots=True)
class GatewayNode:
    """One gateway node as terminals reach it."""

    name: str
    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> GatewayNode:
        """``NAME=HOST:PORT`` (a config line)."""
        match = _NODE.match(text.strip())
        if match is None or not 0 < int(match[3]) < 65536:
            raise ValueError(f"a gateway node is NAME=HOST:PORT, not {text!r}")
        return cls(match[1], match[2], int(match[3]))

    def __str__(self) -> str:
        return f"{self.name}={self.host}:{self.port}"


def choose_node(nodes: tuple[GatewayNode, ...], camera_id: int) -> GatewayNode:
    """The node that relays ``camera_id`` (highest random weight)."""
    if not nodes:
        raise ValueError("no gateway node")
    return max(nodes, key=lambda n: hashlib.sha256(
        f"{n.name}|{camera_id}".encode()).digest())


@dataclass(frozen=True, slots=True)
class ViewAddress:
    url: str            # with the view's credentials: for the terminal's decoder only
    display_url: str    # without them: tile details, diagnostics, the register


class GatewayRoutes:
    """The centre's table of gateway nodes and the key its view credentials are made with."""

    def __init__(self, nodes: tuple[GatewayNode, ...], key: bytes) -> None:
        if not nodes:
            raise ValueError("no gateway node")
        self.nodes = nodes
        self._key = hmac.new(key, _LABEL, hashlib.sha256).digest()

    @classmethod
    def from_key_file(cls, nodes: tuple[GatewayNode, ...], path: Path | None) -> GatewayRoutes:
        """Keyed by the centre's signing key (its own label); a process-own random key
        without one (then only this instance can check them)."""
        key = path.read_bytes() if path is not None and path.exists() \
            else secrets.token_bytes(32)
        return cls(nodes, key)

    def token(self, view_id: str, session_id: str, ip: str, camera_id: int,
              kind: str) -> str:
        node = choose_node(self.nodes, camera_id).name
        body = f"{view_id}|{session_id}|{ip}|{camera_id}|{kind}|{node}".encode()
        mac = hmac.new(self._key, body, hashlib.sha256).digest()[:18]
        return base64.urlsafe_b64encode(mac).decode()

    def verify(self, token: str, view_id: str, session_id: str, ip: str, camera_id: int,
               kind: str, node: str | None = None) -> bool:
        """Whether ``token`` is the view's, presented at ``node`` (None: at any)."""
        if node is not None and choose_node(self.nodes, camera_id).name != node:
            return False
        return hmac.compare_digest(token.encode(), self.token(
            view_id, session_id, ip, camera_id, kind).encode())

    def address(self, view_id: str, session_id: str, ip: str, camera_id: int,
                kind: str) -> ViewAddress:
        node = choose_node(self.nodes, camera_id)
        host = f"{node.host}:{node.port}"
        path = f"/v/{view_id}/c/{camera_id}/{kind}"
        token = self.token(view_id, session_id, ip, camera_id, kind)
        return ViewAddress(url=f"rtsp://{view_id}:{token}@{host}{path}",
                           display_url=f"rtsp://{host}{path}")
