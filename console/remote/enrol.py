"""``main.py enroll https://CENTRE:PORT CODE``: this terminal makes its key pair, asks the
centre to sign it, and keeps what it needs to talk to the centre from now on.

Before enrolment the terminal cannot check the centre's TLS certificate (it does not know the
CA yet). It does not need to: the code is a shared secret, and the centre's answer carries an
HMAC keyed by it over the CA and the certificate. An impostor cannot make that HMAC, so the
terminal trusts nothing it did not get from the real centre; and the code itself never
travels, so an impostor learns nothing it could use. Then the terminal pins the CA and checks
that the centre's own TLS certificate chains to it.
"""

from __future__ import annotations

import hmac
import warnings
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests
from urllib3.exceptions import InsecureRequestWarning

from console.api.wire import API_PREFIX
from console.enrolment_code import answer_proof, code_key, normalize_code, request_proof
from console.identity import TerminalIdentity
from console.pki import (
    PkiError,
    key_pem,
    load_cert,
    make_csr,
    new_key,
    public_key_fingerprint,
)
from console.remote.terminal_files import TerminalFiles


class EnrolError(RuntimeError):
    pass


@dataclass(frozen=True, slots=True)
class EnrolResult:
    terminal: str
    centre_url: str
    identity: TerminalIdentity


def check_centre_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise EnrolError(f"centre address {url!r} must look like https://HOST:PORT")
    if parts.path not in ("", "/") or parts.query or parts.username:
        raise EnrolError(f"centre address {url!r}: give only https://HOST:PORT")
    return f"https://{parts.netloc}"


def enrol(url: str, code: str, identity: TerminalIdentity, files: TerminalFiles, *,
          source_ip: str | None = None, timeout: float = 15.0) -> EnrolResult:
    base = check_centre_url(url)
    try:
        code = normalize_code(code)
    except ValueError as exc:
        raise EnrolError(f"enrolment code: {exc}") from None
    key = code_key(code)
    code_id = code.split("-", 1)[0]
    private = new_key()
    csr = make_csr(private, code_id).decode()
    body = {"code_id": code_id, "csr_pem": csr, "mac": identity.mac,
            "proof": request_proof(key, code_id, identity.mac, csr)}
    http = requests.Session()
    http.trust_env = False
    if source_ip:
        from console.remote.client import _SourceAddressAdapter  # noqa: PLC0415

        http.mount("https://", _SourceAddressAdapter(source_ip))
    try:
        # not verified yet: the answer proves itself (see the module's docstring)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InsecureRequestWarning)
            response = http.post(f"{base}{API_PREFIX}/enrol", json=body, timeout=timeout,
                                 verify=False)
    except requests.RequestException as exc:
        raise EnrolError(f"centre {base} unreachable: {exc}") from None
    if response.status_code != 200:
        try:
            refusal = response.json()
            why = f"{refusal.get('reason')}: {refusal.get('message')}"
        except ValueError:
            why = f"HTTP {response.status_code}"
        raise EnrolError(f"the centre refused the enrolment ({why})")
    try:
        answer = response.json()
        ca_pem, cert_pem = str(answer["ca_pem"]), str(answer["certificate_pem"])
        proof, terminal = str(answer["proof"]), str(answer["terminal"])
    except (ValueError, KeyError, TypeError):
        raise EnrolError("the centre's answer is not an enrolment answer") from None
    if not hmac.compare_digest(answer_proof(key, ca_pem, cert_pem), proof):
        raise EnrolError("the answer does not prove knowledge of the code: this is not the "
                         "centre that issued it (nothing was saved)")
    try:
        ca, cert = load_cert(ca_pem.encode()), load_cert(cert_pem.encode())
    except PkiError as exc:
        raise EnrolError(f"the centre's certificate: {exc}") from None
    public = cert.public_key()
    if public_key_fingerprint(public) != public_key_fingerprint(private):  # type: ignore[arg-type]
        raise EnrolError("the certificate is not for this terminal's key (nothing was saved)")
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, Exception) as exc:  # InvalidSignature
        raise EnrolError(f"the certificate is not signed by the centre's CA: {exc}") from None
    files.save(key_pem(private), cert_pem.encode(), ca_pem.encode(), base)
    # from now on the centre's own certificate must chain to the CA just pinned
    try:
        http.get(f"{base}{API_PREFIX}/health", timeout=timeout, verify=str(files.ca))
    except requests.exceptions.SSLError as exc:
        for path in (files.key, files.cert, files.ca, files.centre):
            path.unlink(missing_ok=True)
        raise EnrolError(f"the centre's TLS certificate does not chain to its CA ({exc}); "
                         "nothing was kept") from None
    except requests.RequestException:
        pass  # enrolled; the link is checked again at the next start
    return EnrolResult(terminal, base, identity)
