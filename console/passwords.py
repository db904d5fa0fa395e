"""Password hashing (Argon2id, slow and salted) and the password quality rule (R3)."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from console.codes import Reason


@dataclass(frozen=True, slots=True)
class HashCost:
    """Argon2id cost. The default is RFC 9106's second recommended profile."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 4


class PasswordHashing:
    def __init__(self, cost: HashCost | None = None) -> None:
        c = cost or HashCost()
        self._hasher = PasswordHasher(
            time_cost=c.time_cost, memory_cost=c.memory_kib, parallelism=c.parallelism
        )
        # Verified against when the account does not exist, so that an unknown account takes
        # as long to refuse as a wrong password.
        self._dummy = self._hasher.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored or self._dummy, password) and stored is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored: str) -> bool:
        return self._hasher.check_needs_rehash(stored)


@dataclass(frozen=True, slots=True)
class PasswordVerdict:
    ok: bool
    reason: Reason = Reason.OK
    detail: str = ""  # a code: too_short, classes, contains_account


def check_password_quality(password: str, *, account: str, min_length: int) -> PasswordVerdict:
    """At least ``min_length`` characters from three of: lower, upper, digit, symbol;
    must not contain the account name."""
    if len(password) < min_length:
        return PasswordVerdict(False, Reason.PASSWORD_TOO_WEAK, "too_short")
    classes = sum(
        any(ch in group for ch in password)
        for group in (string.ascii_lowercase, string.ascii_uppercase, string.digits)
    ) + any(not ch.isalnum() for ch in password)
    if classes < 3:
        return PasswordVerdict(False, Reason.PASSWORD_TOO_WEAK, "classes")
    if account and account.lower() in password.lower():
        return PasswordVerdict(False, Reason.PASSWORD_TOO_WEAK, "contains_account")
    return PasswordVerdict(True)


def generate_temporary_password(length: int = 14) -> str:
    """A random password that passes the quality rule, for resets and new accounts."""
    alphabet = string.ascii_letters + string.digits + "#%+=@"
    while True:
        candidate = "".join(secrets.choice(alphabet) for _ in range(length))
        if check_password_quality(candidate, account="", min_length=length).ok and any(
            ch in "#%+=@" for ch in candidate
        ):
            return candidate
