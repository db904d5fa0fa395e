"""``--expect SEQ:SHA256``: a record's hash noted down elsewhere, checked by a verification
of the usage register (``main.py audit verify``, ``main.py server audit-verify``)."""

from __future__ import annotations

from console.cli.errors import CliUsageError


def parse_anchor(text: str) -> tuple[int, str]:
    seq, _, digest = text.strip().partition(":")
    digest = digest.removeprefix("sha256:").lower()
    if (not seq.isascii() or not seq.isdigit() or not 1 <= int(seq) <= 2**62
            or len(digest) != 64
            or any(c not in "0123456789abcdef" for c in digest)):
        raise CliUsageError(f"error: --expect {text!r} must be SEQ:SHA256 (a record number "
                            "and 64 hex digits)")
    return int(seq), digest
