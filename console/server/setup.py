"""Making and loading the centre's keys: the CA, the server's TLS certificate and the key
that signs audit checkpoints (``main.py server init``), and what ``server run`` loads."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import datetime

import psutil
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from console.files import write_private
from console.pki import CertificateAuthority, cert_pem, key_pem, load_cert, load_key
from console.server.data_dir import DataDir, DataDirError, ServerConfig


def default_names() -> list[str]:
    """The names a terminal may use to reach this host: its host name, every address of
    its interfaces, and loopback."""
    names = [socket.gethostname(), "localhost"]
    for addresses in psutil.net_if_addrs().values():
        for a in addresses:
            if a.family in (socket.AF_INET, socket.AF_INET6):
                names.append(a.address.split("%", 1)[0])
    return list(dict.fromkeys(names))


def create_keys(data: DataDir, config: ServerConfig, now: datetime) -> CertificateAuthority:
    """A new CA, server certificate and signing key in ``data`` (refuses to overwrite a CA:
    every enrolled terminal trusts it)."""
    if data.ca_key.exists():
        raise DataDirError(f"{data.ca_key} exists: this data directory is initialised "
                           "already (its CA signs every enrolled terminal)")
    data.make()
    ca = CertificateAuthority.create(config.centre_name or "centre", now)
    write_private(data.ca_key, key_pem(ca.key))
    write_private(data.ca_cert, cert_pem(ca.cert), 0o644)
    issue_server_certificate(data, ca, list(config.names), now)
    signing = Ed25519PrivateKey.generate()
    write_private(data.signing_key, signing.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    write_private(data.signing_public, signing.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo), 0o644)
    data.write_config(config)
    return ca


def issue_server_certificate(data: DataDir, ca: CertificateAuthority, names: list[str],
                             now: datetime) -> None:
    key, cert = ca.issue_server(names, now)
    write_private(data.server_key, key_pem(key))
    write_private(data.server_cert, cert_pem(cert), 0o644)


@dataclass(frozen=True)
class LoadedKeys:
    ca: CertificateAuthority
    signing: Ed25519PrivateKey


def load_keys(data: DataDir) -> LoadedKeys:
    data.check()
    ca = CertificateAuthority(load_key(data.ca_key.read_bytes()),
                              load_cert(data.ca_cert.read_bytes()))
    signing = serialization.load_pem_private_key(data.signing_key.read_bytes(), password=None)
    if not isinstance(signing, Ed25519PrivateKey):
        raise DataDirError(f"{data.signing_key} is not an Ed25519 key")
    return LoadedKeys(ca, signing)
