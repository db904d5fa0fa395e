"""Enrolling a terminal (R2 on the server): a one-time code, a key pair made on the terminal,
and a certificate signed by the centre's CA only for a request from the registered address.

    admin:     terminal-add T-0042 --ip … --mac …   → prints  K7QF-9XW4-M2PD-HF6R-3TJA
    terminal:  main.py enroll https://centre:8443 K7QF-9XW4-M2PD-HF6R-3TJA

The code never travels. Its first group names it; the rest is the secret. Both sides derive
a key from the whole code: the terminal proves it holds the code with an HMAC over its
certificate request (and the MAC it reports), the server proves it with an HMAC over the CA
and the certificate it returns, so a terminal that reached an impostor notices before it
trusts anything. The server signs only when the request also comes from the terminal's
registered IP and reports its registered MAC; the code is then spent. Every refusal is
audited with what was seen.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Outcome, Reason
from console.enrolment_code import (
    CODE_ALPHABET,
    CODE_GROUPS,
    CODE_HOURS,
    GROUP,
    EnrolmentError,
    answer_proof,
    code_key,
    request_proof,
)
from console.identity import IdentityError, TerminalIdentity, normalize_mac
from console.pki import CertificateAuthority, PkiError, cert_pem, fingerprint
from console.storage.database import Database
from console.storage.models import Terminal, TerminalEnrolment


@dataclass(frozen=True, slots=True)
class IssuedCode:
    terminal: str
    code: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class Enrolled:
    terminal: str
    certificate_pem: str
    ca_pem: str
    proof: str


class EnrolmentService:
    def __init__(self, db: Database, clock: Clock, ca: CertificateAuthority) -> None:
        self._db, self._clock, self._ca = db, clock, ca
        self._audit = AuditTrail(clock)

    def issue_code(self, actor: Actor, terminal_name: str, hours: int = CODE_HOURS
                   ) -> IssuedCode:
        """A new one-time code for ``terminal_name`` (earlier unused codes stay valid until
        they expire). Audited without the code."""
        if not (actor.is_installer or actor.role == "administrator"):
            raise self._refused(actor, Action.TERMINAL_ENROL_CODE, terminal_name, EnrolmentError(
                "actor", f"{actor.account} may not enrol terminals", Reason.NOT_PERMITTED))
        now = self._clock.now()
        with self._db.transaction() as s:
            self._audit.lock(s)
            terminal = s.execute(select(Terminal).where(
                Terminal.name == terminal_name)).scalar_one_or_none()
            if terminal is not None:
                return self._issue(s, actor, terminal, now, hours)
        raise self._refused(actor, Action.TERMINAL_ENROL_CODE, terminal_name, EnrolmentError(
            "terminal", f"no terminal named {terminal_name!r}", Reason.NOT_FOUND))

    def _issue(self, s: Session, actor: Actor, terminal: Terminal, now: datetime,
               hours: int) -> IssuedCode:
        while True:
            groups = ["".join(secrets.choice(CODE_ALPHABET) for _ in range(GROUP))
                      for _ in range(CODE_GROUPS)]
            if s.get(TerminalEnrolment, groups[0]) is None:
                break
        code = "-".join(groups)
        expires = now + timedelta(hours=hours)
        s.add(TerminalEnrolment(id=groups[0], terminal_id=terminal.id,
                                key_hash=code_key(code).hex(), created_at=now,
                                expires_at=expires, created_by=actor.account))
        self._audit.append(s, actor, Action.TERMINAL_ENROL_CODE, target=terminal.name,
                           params={"code_id": groups[0], "expires": expires})
        return IssuedCode(terminal.name, code, expires)

    def enrol(self, seen: TerminalIdentity, code_id: str, csr_pem: str, proof: str, *,
              wire_mac: str | None = None) -> Enrolled:
        """Sign the certificate request of the terminal at ``seen`` (source IP of the
        connection, MAC it reports) if it proves the code. A refusal is registered (its own
        transaction commits) and then raised as ``EnrolmentError``."""
        with self._db.transaction() as s:
            self._audit.lock(s)
            outcome = self._enrol(s, seen, code_id, csr_pem, proof, wire_mac)
        if isinstance(outcome, EnrolmentError):
            raise outcome
        return outcome

    def _enrol(self, s: Session, seen: TerminalIdentity, code_id: str, csr_pem: str,
               proof: str, wire_mac: str | None) -> Enrolled | EnrolmentError:
        now = self._clock.now()
        row = s.get(TerminalEnrolment, code_id.strip().upper()[:GROUP])
        terminal = s.get(Terminal, row.terminal_id) if row is not None else None
        if row is None or terminal is None or row.used_at is not None or row.expires_at <= now:
            state = "unknown" if row is None else ("used" if row.used_at is not None
                                                   else "expired")
            return self._refuse(s, seen, terminal, Reason.ENROLMENT_CODE_INVALID,
                                {"code_id": code_id[:8], "code": state})
        key = bytes.fromhex(row.key_hash)
        expected = request_proof(key, row.id, seen.mac, csr_pem)
        if not hmac.compare_digest(expected, proof.strip().lower()):
            return self._refuse(s, seen, terminal, Reason.ENROLMENT_CODE_INVALID,
                                {"code_id": row.id, "code": "wrong"})
        if seen.ip != terminal.ip:
            return self._refuse(s, seen, terminal, Reason.WRONG_SOURCE_IP,
                                {"code_id": row.id, "registered_ip": terminal.ip})
        if seen.mac != terminal.mac or (wire_mac is not None and wire_mac != terminal.mac):
            return self._refuse(s, seen, terminal, Reason.WRONG_MAC,
                                {"code_id": row.id, "registered_mac": terminal.mac,
                                 "wire_mac": wire_mac})
        try:
            cert = self._ca.issue_terminal(csr_pem.encode(), terminal.name, now)
        except PkiError as exc:
            return self._refuse(s, seen, terminal, Reason.INVALID_INPUT,
                                {"code_id": row.id, "error": str(exc)[:200]}, field="csr")
        row.used_at = now
        terminal.cert_fingerprint = fingerprint(cert)
        terminal.cert_not_after = cert.not_valid_after_utc
        terminal.enrolled_at = now
        terminal.revoked_at = None
        self._audit.append(s, _actor(seen, terminal), Action.TERMINAL_ENROL,
                           target=terminal.name,
                           params={"code_id": row.id, "fingerprint": terminal.cert_fingerprint,
                                   "not_after": cert.not_valid_after_utc})
        certificate = cert_pem(cert).decode()
        ca = cert_pem(self._ca.cert).decode()
        return Enrolled(terminal.name, certificate, ca, answer_proof(key, ca, certificate))

    def revoke(self, actor: Actor, terminal_name: str) -> None:
        """Withdraw a terminal's certificate: its next request is refused."""
        if not (actor.is_installer or actor.role == "administrator"):
            raise self._refused(actor, Action.TERMINAL_REVOKE, terminal_name, EnrolmentError(
                "actor", f"{actor.account} may not revoke terminals", Reason.NOT_PERMITTED))
        with self._db.transaction() as s:
            self._audit.lock(s)
            terminal = s.execute(select(Terminal).where(
                Terminal.name == terminal_name)).scalar_one_or_none()
            if terminal is not None:
                terminal.revoked_at = self._clock.now()
                self._audit.append(s, actor, Action.TERMINAL_REVOKE, target=terminal.name,
                                   params={"fingerprint": terminal.cert_fingerprint})
                return
        raise self._refused(actor, Action.TERMINAL_REVOKE, terminal_name, EnrolmentError(
            "terminal", f"no terminal named {terminal_name!r}", Reason.NOT_FOUND))

    def _refused(self, actor: Actor, action: Action, target: str,
                 error: EnrolmentError) -> EnrolmentError:
        """Register a refused command (in a transaction of its own); returns the error."""
        with self._db.transaction() as s:
            self._audit.append(s, actor, action, target=target[:200], outcome=Outcome.DENIED,
                               reason=error.reason, params={"field": error.field})
        return error

    def open_codes(self) -> dict[int, datetime]:
        """Terminal id → when its last unused enrolment code expires (codes still valid
        only), for the administrator's list of terminals."""
        now = self._clock.now()
        found: dict[int, datetime] = {}
        with self._db.transaction() as s:
            for terminal_id, expires in s.execute(
                    select(TerminalEnrolment.terminal_id, TerminalEnrolment.expires_at).where(
                        TerminalEnrolment.used_at.is_(None),
                        TerminalEnrolment.expires_at > now)).all():
                found[terminal_id] = max(expires, found.get(terminal_id, expires))
        return found

    def _refuse(self, s: Session, seen: TerminalIdentity, terminal: Terminal | None,
                reason: Reason, params: dict[str, object], field: str = "code"
                ) -> EnrolmentError:
        params = {"ip": seen.ip, "mac": seen.mac, **params}
        self._audit.append(s, _actor(seen, terminal), Action.TERMINAL_ENROL,
                           target=terminal.name if terminal else "?", outcome=Outcome.DENIED,
                           reason=reason, params=params)
        return EnrolmentError(field, _MESSAGES.get(reason, str(reason)), reason)


_MESSAGES = {
    Reason.ENROLMENT_CODE_INVALID: "the enrolment code is unknown, used, expired or wrong",
    Reason.WRONG_SOURCE_IP: "the request does not come from the terminal's registered IP",
    Reason.WRONG_MAC: "the reported MAC is not the terminal's registered MAC",
    Reason.INVALID_INPUT: "the certificate request is not acceptable",
}


def _actor(seen: TerminalIdentity, terminal: Terminal | None) -> Actor:
    try:
        mac = normalize_mac(seen.mac)
    except IdentityError:
        mac = "00:00:00:00:00:00"
    return Actor(account=f"terminal:{terminal.name if terminal else '?'}",
                 identity=TerminalIdentity(seen.ip, mac),
                 terminal_name=terminal.name if terminal else None)
