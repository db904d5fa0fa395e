"""Which gateway node relays a camera, and the address and credentials of one view.

A view's credentials are ``VIEW:TOKEN`` where TOKEN is an HMAC (a key only the centre's
instances share) over the view, its session, the terminal's address, the camera, the stream
and the node chosen for it: bound to that view, that user's session and that terminal's IP,
valid while the view is open, at that node, and nowhere else. Any centre instance can check
them without storing them.

The node is chosen per camera by weighted rendezvous hashing over the configured nodes that
are alive (console/gateway/health.py: a heartbeat row per node): every viewer of a camera
goes to the same node (one upstream pull per camera for the whole centre), cameras spread
in proportion to the nodes' weights (``NAME=HOST:PORT*WEIGHT``, default 1), and a node that
is added, removed, dies or comes back moves only its own share; a dead node's cameras go to
the node that comes next for each of them.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
import re
import secrets
from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path

_LABEL = b"console gateway view credentials v1"
_NODE = re.compile(r"^([A-Za-z0-9_.-]{1,40})=([A-Za-z0-9_.:-]{1,253}|\[[0-9A-Fa-f:.]+\]):"
                   r"([0-9]{1,5})(?:\*([0-9]{1,4}(?:\.[0-9]{1,3})?))?$")


@dataclass(frozen=True, slots=True)
class GatewayNode:
    """One gateway node as terminals reach it."""

    name: str
    host: str
    port: int
    weight: float = 1.0     # its share of the cameras, relative to the others'

    @classmethod
    def parse(cls, text: str) -> GatewayNode:
        """``NAME=HOST:PORT`` or ``NAME=HOST:PORT*WEIGHT`` (a config line)."""
        match = _NODE.match(text.strip())
        if match is None or not 0 < int(match[3]) < 65536 \
                or (match[4] is not None and float(match[4]) <= 0):
            raise ValueError(f"a gateway node is NAME=HOST:PORT[*WEIGHT], not {text!r}")
        return cls(match[1], match[2], int(match[3]),
                   float(match[4]) if match[4] is not None else 1.0)

    def __str__(self) -> str:
        weight = f"*{self.weight:g}" if self.weight != 1.0 else ""
        return f"{self.name}={self.host}:{self.port}{weight}"


def _score(node: GatewayNode, camera_id: int) -> float:
    """Weighted rendezvous score (-w / ln h, h uniform in (0, 1) from the hash): with equal
    weights the order of the plain hashes, so unweighted choices never moved."""
    digest = hashlib.sha256(f"{node.name}|{camera_id}".encode()).digest()
    h = (int.from_bytes(digest[:8], "big") + 0.5) / 2**64
    return -node.weight / math.log(h)


def choose_node(nodes: tuple[GatewayNode, ...], camera_id: int,
                alive: Collection[str] | None = None) -> GatewayNode:
    """The node that relays ``camera_id`` (highest weighted random score) among those
    ``alive`` (None: all); when none of them is alive, among all (the view then fails as
    it would have)."""
    if not nodes:
        raise ValueError("no gateway node")
    candidates = nodes if alive is None else tuple(n for n in nodes if n.name in alive)
    return max(candidates or nodes, key=lambda n: _score(n, camera_id))


@dataclass(frozen=True, slots=True)
class ViewAddress:
    url: str            # with the view's credentials: for the terminal's decoder only
    display_url: str    # without them: tile details, diagnostics, the register


class GatewayRoutes:
    """The centre's table of gateway nodes and the key its view credentials are made with."""

    def __init__(self, nodes: tuple[GatewayNode, ...], key: bytes,
                 alive: Callable[[], Collection[str]] | None = None) -> None:
        if not nodes:
            raise ValueError("no gateway node")
        if len({n.name for n in nodes}) != len(nodes):
            raise ValueError("two gateway nodes of one name")
        self.nodes = nodes
        self._key = hmac.new(key, _LABEL, hashlib.sha256).digest()
        self._alive = alive     # the nodes alive now (None: every node counts as alive)

    @classmethod
    def from_key_file(cls, nodes: tuple[GatewayNode, ...], path: Path | None,
                      alive: Callable[[], Collection[str]] | None = None) -> GatewayRoutes:
        """Keyed by the centre's signing key (its own label); a process-own random key
        without one (then only this instance can check them)."""
        key = path.read_bytes() if path is not None and path.exists() \
            else secrets.token_bytes(32)
        return cls(nodes, key, alive)

    def node_for(self, camera_id: int) -> GatewayNode:
        """The node a new view of ``camera_id`` goes to now (skipping dead nodes)."""
        alive = self._alive() if self._alive is not None and len(self.nodes) > 1 else None
        return choose_node(self.nodes, camera_id, alive)

    def token(self, view_id: str, session_id: str, ip: str, camera_id: int,
              kind: str, node: str | None = None) -> str:
        """The view's credentials at ``node`` (None: the camera's node now)."""
        node = node if node is not None else self.node_for(camera_id).name
        body = f"{view_id}|{session_id}|{ip}|{camera_id}|{kind}|{node}".encode()
        mac = hmac.new(self._key, body, hashlib.sha256).digest()[:18]
        return base64.urlsafe_b64encode(mac).decode()

    def verify(self, token: str, view_id: str, session_id: str, ip: str, camera_id: int,
               kind: str, node: str | None = None) -> bool:
        """Whether ``token`` is the view's, presented at ``node`` (None: at the camera's
        node now). A token names its node: one taken to another node is refused there. The
        node need not be the camera's choice at this instant (a node that died and came back
        moves its cameras back; views handed out meanwhile keep playing where they are)."""
        if node is not None and node not in {n.name for n in self.nodes}:
            return False
        return hmac.compare_digest(token.encode(), self.token(
            view_id, session_id, ip, camera_id, kind, node).encode())

    def address(self, view_id: str, session_id: str, ip: str, camera_id: int,
                kind: str) -> ViewAddress:
        node = self.node_for(camera_id)
        host = f"{node.host}:{node.port}"
        path = f"/v/{view_id}/c/{camera_id}/{kind}"
        token = self.token(view_id, session_id, ip, camera_id, kind, node.name)
        return ViewAddress(url=f"rtsp://{view_id}:{token}@{host}{path}",
                           display_url=f"rtsp://{host}{path}")
