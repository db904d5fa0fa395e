"""The centre server's data directory: everything the server holds that the database must not.

    DIR/ca.key, ca.pem                      the centre's certificate authority (R2)
    DIR/server.key, server.pem              the server's TLS certificate, signed by the CA
    DIR/audit-signing.key, .pub             Ed25519 key of the signed audit checkpoints
    DIR/secrets.json                        database passwords, camera and platform
                                            credentials (console/secrets.py FileSecretStore)
    DIR/server.toml                         database URL (no password), server names, the
                                            media gateway nodes (console/gateway/)

Private keys and the secret store are 0600; the directory is 0700. ``main.py server init``
creates it; ``server run`` refuses to start on a directory that is missing a part or is
readable by others.
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path

from console.files import write_private
from console.gateway.routes import GatewayNode
from console.secrets import FileSecretStore

CONFIG_KEYS = {"database_url", "names", "centre_name", "owner_database_url", "gateway_nodes",
               "gateway_node", "gateway_address", "direct_camera_streams",
               "gateway_keyframe_cache"}


class DataDirError(ValueError):
    pass


@dataclass(frozen=True)
class ServerConfig:
    database_url: str          # the runtime role's (what ``server run`` connects as)
    names: tuple[str, ...]     # DNS names and IPs in the server certificate
    centre_name: str
    owner_database_url: str = ""  # PostgreSQL: the owner role's, for ``server migrate``
    # The media gateway nodes terminals get their views' streams from, "NAME=HOST:PORT"
    # (HOST:PORT as terminals reach it; console/gateway/routes.py chooses one per camera).
    gateway_nodes: tuple[str, ...] = ()
    gateway_node: str = ""             # the node this instance runs ("": none)
    gateway_address: str = "0.0.0.0"   # noqa: S104 - where that node listens
    # The old direct path: terminals are handed each camera's own address and credentials
    # (no gateway). Also what a centre without gateway_nodes does, with a warning.
    direct_camera_streams: bool = False
    # The hosted node keeps each camera's frames since its last keyframe and starts a
    # joining viewer with them (console/gateway/gateway_server.py --gop-cache).
    gateway_keyframe_cache: bool = False

    def nodes(self) -> tuple[GatewayNode, ...]:
        """The gateway nodes to route views through (none: the direct path)."""
        if self.direct_camera_streams:
            return ()
        return tuple(GatewayNode.parse(n) for n in self.gateway_nodes)

    def hosted_node(self) -> GatewayNode | None:
        return next((n for n in self.nodes() if n.name == self.gateway_node), None)


@dataclass(frozen=True)
class DataDir:
    root: Path

    @property
    def ca_key(self) -> Path:
        return self.root / "ca.key"

    @property
    def ca_cert(self) -> Path:
        return self.root / "ca.pem"

    @property
    def server_key(self) -> Path:
        return self.root / "server.key"

    @property
    def server_cert(self) -> Path:
        return self.root / "server.pem"

    @property
    def signing_key(self) -> Path:
        return self.root / "audit-signing.key"

    @property
    def signing_public(self) -> Path:
        return self.root / "audit-signing.pub"

    @property
    def config(self) -> Path:
        return self.root / "server.toml"

    def secrets(self) -> FileSecretStore:
        return FileSecretStore(self.root / "secrets.json")

    def exists(self) -> bool:
        return self.ca_key.exists() and self.config.exists()

    def make(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        os.chmod(self.root, 0o700)

    def check(self) -> None:
        """Refuse a directory that lacks a part or lets others read private keys."""
        for path in (self.ca_key, self.ca_cert, self.server_key, self.server_cert,
                     self.signing_key, self.signing_public, self.config):
            if not path.exists():
                raise DataDirError(f"data directory {self.root}: {path.name} is missing "
                                   "(run 'main.py server init' first)")
        for path in (self.ca_key, self.server_key, self.signing_key,
                     self.root / "secrets.json"):
            if path.exists() and path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise DataDirError(f"data directory {self.root}: {path.name} is readable by "
                                   f"others (chmod 600 {path})")

    def read_config(self) -> ServerConfig:
        try:
            values = tomllib.loads(self.config.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise DataDirError(f"{self.config} is missing (run 'main.py server init')") from None
        except tomllib.TOMLDecodeError as exc:
            raise DataDirError(f"{self.config}: {exc}") from None
        unknown = sorted(set(values) - CONFIG_KEYS)
        if unknown:
            raise DataDirError(f"{self.config}: unknown setting {unknown[0]!r}")
        url = values.get("database_url")
        names = values.get("names", [])
        if not isinstance(url, str) or not url:
            raise DataDirError(f"{self.config}: database_url is missing")
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise DataDirError(f"{self.config}: names must be a list of strings")
        nodes = values.get("gateway_nodes", [])
        if not isinstance(nodes, list) or not all(isinstance(n, str) for n in nodes):
            raise DataDirError(f"{self.config}: gateway_nodes must be a list of strings")
        config = ServerConfig(url, tuple(names), str(values.get("centre_name", "")),
                              str(values.get("owner_database_url", "")), tuple(nodes),
                              str(values.get("gateway_node", "")),
                              str(values.get("gateway_address", "0.0.0.0")),  # noqa: S104
                              values.get("direct_camera_streams", False) is True,
                              values.get("gateway_keyframe_cache", False) is True)
        try:
            names_of_nodes = {n.name for n in config.nodes()}
        except ValueError as exc:
            raise DataDirError(f"{self.config}: {exc}") from None
        if len(names_of_nodes) != len(config.nodes()):
            raise DataDirError(f"{self.config}: two gateway_nodes of one name")
        if config.gateway_node and not config.direct_camera_streams \
                and config.gateway_node not in names_of_nodes:
            raise DataDirError(f"{self.config}: gateway_node {config.gateway_node!r} is not "
                               "one of gateway_nodes")
        return config

    def write_config(self, config: ServerConfig) -> None:
        names = ", ".join(_toml_string(n) for n in config.names)
        nodes = ", ".join(_toml_string(n) for n in config.gateway_nodes)
        write_private(self.config, (
            "# The centre server (main.py server run). No password here: those are in\n"
            "# secrets.json beside this file.\n"
            f"database_url = {_toml_string(config.database_url)}\n"
            f"names = [{names}]\n"
            f"centre_name = {_toml_string(config.centre_name)}\n"
            f"owner_database_url = {_toml_string(config.owner_database_url)}\n"
            "# Media gateway nodes (NAME=HOST:PORT as terminals reach them), the one this\n"
            "# instance runs, and the old direct path (terminals get camera addresses).\n"
            f"gateway_nodes = [{nodes}]\n"
            f"gateway_node = {_toml_string(config.gateway_node)}\n"
            f"gateway_address = {_toml_string(config.gateway_address)}\n"
            f"direct_camera_streams = {'true' if config.direct_camera_streams else 'false'}\n"
            "# The hosted node starts a joining viewer at the camera's last keyframe.\n"
            f"gateway_keyframe_cache = {'true' if config.gateway_keyframe_cache else 'false'}\n"
            ).encode(), mode=0o644)


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
