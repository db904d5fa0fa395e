"""The centre's own certificate authority (R2 on the server): it signs the server's TLS
certificate and, at enrolment, each terminal's certificate. Built on ``cryptography``.

Keys are ECDSA P-256 (small, fast handshakes, supported by every TLS stack the terminals
use). The CA key never leaves the server's data directory; terminals make their own key pair
and send only a certificate request. A terminal certificate names the terminal (CN) and
carries no other authority: the server maps its SHA-256 fingerprint to the terminal row, so
revoking a terminal is one database update, checked on the next request.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA_YEARS = 20
SERVER_YEARS = 5
TERMINAL_YEARS = 5
ORGANISATION = "视频共享调阅 centre"


class PkiError(ValueError):
    """A malformed or unacceptable certificate request or certificate."""


def new_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption())


def load_key(pem: bytes) -> ec.EllipticCurvePrivateKey:
    key = serialization.load_pem_private_key(pem, password=None)
    if not isinstance(key, ec.EllipticCurvePrivateKey):
        raise PkiError("the key is not an EC key")
    return key


def cert_pem(cert: x509.Certificate) -> bytes:
    return cert.public_bytes(serialization.Encoding.PEM)


def load_cert(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes."""
    try:
        if data.lstrip().startswith(b"-----BEGIN"):
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise PkiError(f"not a certificate: {exc}") from None


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the DER certificate, lower-case hex: how the server knows a terminal."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def public_key_fingerprint(key: ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey) -> str:
    public = key.public_key() if isinstance(key, ec.EllipticCurvePrivateKey) else key
    der = public.public_bytes(serialization.Encoding.DER,
                              serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(der).hexdigest()


@dataclass(frozen=True)
class CertificateAuthority:
    key: ec.EllipticCurvePrivateKey
    cert: x509.Certificate

    @classmethod
    def create(cls, centre_name: str, now: datetime) -> CertificateAuthority:
        key = new_key()
        name = x509.Name([
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{centre_name[:40]} CA"),
        ])
        ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
        cert = (
            x509.CertificateBuilder()
            .subject_name(name).issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=365 * CA_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=True,
                crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(ski, critical=False)
            .sign(key, hashes.SHA256())
        )
        return cls(key, cert)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.cert)

    def issue_server(self, names: list[str], now: datetime,
                     key: ec.EllipticCurvePrivateKey | None = None,
                     ) -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
        """The server's TLS certificate for ``names`` (DNS names and IP addresses)."""
        if not names:
            raise PkiError("the server certificate needs at least one name")
        key = key or new_key()
        alt: list[x509.GeneralName] = []
        for name in dict.fromkeys(names):
            try:
                alt.append(x509.IPAddress(ipaddress.ip_address(name)))
            except ValueError:
                alt.append(x509.DNSName(name))
        cert = self._builder(names[0], key.public_key(), now, SERVER_YEARS) \
            .add_extension(x509.SubjectAlternativeName(alt), critical=False) \
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False) \
            .sign(self.key, hashes.SHA256())
        return key, cert

    def issue_terminal(self, csr_pem: bytes, terminal_name: str, now: datetime
                       ) -> x509.Certificate:
        """Sign a terminal's certificate request. The subject is set here (the terminal's
        registered name), whatever the request asked for; only its public key is used."""
        try:
            csr = x509.load_pem_x509_csr(csr_pem)
        except ValueError as exc:
            raise PkiError(f"certificate request: {exc}") from None
        if not csr.is_signature_valid:
            raise PkiError("certificate request: its signature does not match its key")
        public = csr.public_key()
        if not isinstance(public, ec.EllipticCurvePublicKey) or public.curve.name != "secp256r1":
            raise PkiError("certificate request: the key must be EC P-256")
        return self._builder(terminal_name, public, now, TERMINAL_YEARS) \
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]),
                           critical=False) \
            .sign(self.key, hashes.SHA256())

    def _builder(self, common_name: str, public: ec.EllipticCurvePublicKey, now: datetime,
                 years: int) -> x509.CertificateBuilder:
        aki = x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key())
        return (
            x509.CertificateBuilder()
            .subject_name(x509.Name([
                x509.NameAttribute(NameOID.ORGANIZATION_NAME, ORGANISATION),
                x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
            ]))
            .issuer_name(self.cert.subject)
            .public_key(public)
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=365 * years))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, content_commitment=False, key_encipherment=False,
                data_encipherment=False, key_agreement=False, key_cert_sign=False,
                crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(aki, critical=False)
        )

    def signed(self, cert: x509.Certificate) -> bool:
        """Whether ``cert`` was issued by this CA (signature checked)."""
        try:
            cert.verify_directly_issued_by(self.cert)
        except (ValueError, TypeError, Exception):  # InvalidSignature is not a ValueError
            return False
        return True


def make_csr(key: ec.EllipticCurvePrivateKey, name: str) -> bytes:
    """A terminal's certificate request (PEM) for its own key."""
    csr = (
        x509.CertificateSigningRequestBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name[:64] or "?")]))
        .sign(key, hashes.SHA256())
    )
    return csr.public_bytes(serialization.Encoding.PEM)


def common_name(cert: x509.Certificate) -> str:
    values = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else ""
