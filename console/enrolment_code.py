"""The one-time enrolment code and the proofs both sides make with it (the centre in
console/server/enrolment.py, the terminal in console/remote/enrol.py)."""

from __future__ import annotations

import hashlib
import hmac

from console.admin.validation import AdminError
from console.codes import Reason

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I
CODE_GROUPS = 5                                        # the first names the code
GROUP = 4
CODE_HOURS = 72


class EnrolmentError(AdminError):
    """A refused enrolment: ``reason`` says why (the code, the address, the request)."""


def normalize_code(code: str) -> str:
    text = "".join(c for c in code.upper() if c.isalnum())
    if len(text) != CODE_GROUPS * GROUP or any(c not in CODE_ALPHABET for c in text):
        raise EnrolmentError("code", "an enrolment code is 5 groups of 4 letters and digits",
                             Reason.ENROLMENT_CODE_INVALID)
    return "-".join(text[i:i + GROUP] for i in range(0, len(text), GROUP))


def code_key(code: str) -> bytes:
    """The key both sides derive from the code."""
    return hashlib.sha256(("enrolment:" + normalize_code(code)).encode()).digest()


def request_proof(key: bytes, code_id: str, mac: str, csr_pem: str) -> str:
    message = f"enrol\n{code_id}\n{mac}\n{csr_pem}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def answer_proof(key: bytes, ca_pem: str, certificate_pem: str) -> str:
    message = f"issued\n{ca_pem}\n{certificate_pem}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


