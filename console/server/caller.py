"""Who is calling, from where (R2 on the server), checked on every request.

A request is accepted only when all of these hold, each refusal audited with what was seen:

1. mutual TLS gave a client certificate (``NO_CLIENT_CERTIFICATE``);
2. a terminal holds that certificate (SHA-256 fingerprint) (``CERTIFICATE_UNKNOWN``) and
   is not revoked (``TERMINAL_REVOKED``);
3. the TCP connection's source address is the terminal's registered IP
   (``WRONG_SOURCE_IP``) — a certificate copied to another machine is useless;
4. the MAC the terminal reports is its registered MAC, and where the terminal shares a
   network segment with the server, so is the MAC in the server's neighbour table for that
   IP (``WRONG_MAC``). What is and is not verifiable: the source IP always (TCP); the MAC
   only on the same segment (a router rewrites it) — elsewhere the reported MAC is recorded
   as reported, and the certificate and IP carry the proof;
5. with a session token: the session was opened on this very terminal
   (``SESSION_OF_ANOTHER_TERMINAL``), and its person is still active and still bound to it —
   if not, the session ends here, before the request reaches a service.

The source address is the socket's peer address: the server runs without proxy headers, so
an ``X-Forwarded-For`` cannot change it.
"""

from __future__ import annotations

import functools
import hashlib
import os
import ssl
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol, cast

from sqlalchemy import Table, bindparam, select, update

from console.api.errors import KIND_CALLER, Refused
from console.audit.writer import Actor, AuditTrail
from console.auth.service import token_hash
from console.clock import Clock
from console.codes import Action, Outcome, Reason, UserState
from console.identity import IdentityError, TerminalIdentity, normalize_ip, normalize_mac
from console.storage.database import Database
from console.storage.models import ConsoleSession, Terminal, TerminalBinding, Unit, User

MAC_HEADER = "x-terminal-mac"
VERSION_HEADER = "x-terminal-version"
SEEN_EVERY_S = 30           # how often a terminal's last_seen_at is written
REFUSAL_AUDIT_EVERY_S = 60  # the same refusal from the same place is registered once a minute

NeighbourTable = Callable[[], Mapping[str, str]]


def proc_neighbours(path: Path = Path("/proc/net/arp")) -> Mapping[str, str]:
    """IPv4 address → MAC from the kernel's ARP table (Linux; empty elsewhere). Read on
    every request (the wire's MAC is no database fact); parsed again only when the table's
    text changed (the last text and its table are kept: read-only to the callers)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return {}
    try:
        chunks = []
        while chunk := os.read(fd, 65536):
            chunks.append(chunk)
    except OSError:
        return {}
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    kept = _neighbours_kept.get(path)
    if kept is not None and kept[0] == raw:
        return kept[1]
    table: dict[str, str] = {}
    for line in raw.decode("ascii", "replace").splitlines()[1:]:
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "00:00:00:00:00:00":
            table[parts[0]] = parts[3].lower()
    frozen = MappingProxyType(table)
    _neighbours_kept[path] = (raw, frozen)
    return frozen


_neighbours_kept: dict[Path, tuple[bytes, Mapping[str, str]]] = {}


@dataclass(frozen=True, slots=True)
class Caller:
    """An accepted caller: the terminal and the identity the centre established for it."""

    terminal_id: int
    terminal_name: str
    terminal_location: str
    unit_code: str
    identity: TerminalIdentity
    mac_check: str                   # "neighbour" or "reported"
    fingerprint: str
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class Seen:
    """What arrived: the raw facts a refusal is registered with."""

    ip: str
    mac: str
    fingerprint: str | None
    version: str


def seen_of(scope: Mapping[str, Any], headers: Mapping[str, str]) -> Seen:
    client = scope.get("client") or ("?", 0)
    chain = ((scope.get("extensions") or {}).get("tls") or {}).get("client_cert_chain") or []
    fp = _fingerprint(chain[0]) if chain else None
    return Seen(ip=str(client[0]), mac=headers.get(MAC_HEADER, "")[:40],
                fingerprint=fp, version=headers.get(VERSION_HEADER, "")[:40])


_TERMINAL = (select(Terminal.id, Terminal.name, Terminal.location, Terminal.ip, Terminal.mac,
                    Terminal.revoked_at, Terminal.last_seen_at, Unit.code.label("unit_code"))
             .join(Unit, Unit.id == Terminal.unit_id)
             .where(Terminal.cert_fingerprint == bindparam("fingerprint")))
@functools.lru_cache(maxsize=4096)
def _fingerprint(pem: str) -> str:
    """The SHA-256 of a certificate (the same PEM text for every request of a connection:
    computed once, not per request)."""
    return hashlib.sha256(ssl.PEM_cert_to_DER_cert(pem)).hexdigest()


_TERMINALS = cast(Table, Terminal.__table__)
_SEEN = (update(_TERMINALS).where(_TERMINALS.c.id == bindparam("terminal"))
         .values(last_seen_at=bindparam("at"), software_version=bindparam("version")))
# the session of a token, and whether its person may still use it from its terminal (the
# binding and the account's state are checked on every request, not only by the heartbeat)
_SESSION = (select(ConsoleSession.id, ConsoleSession.terminal_id, ConsoleSession.ended_at,
                   User.state, TerminalBinding.user_id)
            .join(User, User.id == ConsoleSession.user_id)
            .outerjoin(TerminalBinding, (TerminalBinding.user_id == ConsoleSession.user_id)
                       & (TerminalBinding.terminal_id == ConsoleSession.terminal_id))
            .where(ConsoleSession.token_hash == bindparam("token_hash")))


class AccessState(Protocol):
    """The access state revision (console/access/service.py): bumped with any change of
    terminals, users, bindings or a session's state, among others."""

    def kept_state(self) -> str: ...

    def peek_state(self) -> str | None: ...


class CallerCheck:
    def __init__(self, db: Database, clock: Clock,
                 neighbours: NeighbourTable = proc_neighbours, *,
                 enforce: Callable[[str], object] | None = None,
                 state: AccessState | None = None) -> None:
        self._db, self._clock, self._neighbours = db, clock, neighbours
        # ends a live session whose person was disabled or unbound (AuthService.enforce)
        self._enforce = enforce
        self._audit = AuditTrail(clock)
        self._refusals: dict[tuple[str, ...], float] = {}
        self._lock = threading.Lock()
        # callers accepted, by what arrived: (revision, good until (monotonic), caller)
        self._state = state
        self._accepted: dict[tuple[str, ...], tuple[str, float, Caller]] = {}

    def kept(self, seen: Seen, token: str | None = None) -> Caller | None:
        """The caller accepted earlier for exactly what arrived now, if nothing it was
        checked against changed since (the access state revision this process read less
        than a second ago is the same) and the terminal's last_seen_at is not due; else
        None (``check`` it). No database: the event loop's check of the hottest requests."""
        if self._state is None or seen.fingerprint is None:
            return None
        revision = self._state.peek_state()
        if revision is None:
            return None
        with self._lock:
            entry = self._accepted.get((seen.fingerprint, seen.ip, seen.mac, token or ""))
        if entry is None or entry[0] != revision or time.monotonic() >= entry[1]:
            return None
        caller = entry[2]
        table = self._neighbours()      # the wire's MAC is no database fact: read again
        wire = table.get(caller.identity.ip)
        if (wire is not None and wire != caller.identity.mac) or caller.mac_check != (
                "neighbour" if caller.identity.ip in table else "reported"):
            return None
        return caller

    def check(self, seen: Seen, token: str | None = None) -> Caller:
        """The caller, or ``Refused`` (registered) saying why not."""
        if seen.fingerprint is None:
            raise self._refuse(seen, None, Reason.NO_CLIENT_CERTIFICATE, 401)
        # the revision before the facts: an answer kept under it is never newer than them
        revision = self._state.kept_state() if self._state is not None else None
        now = self._clock.now()
        seen_due = False
        # a read: on SQLite it waits for no writer (most requests pass here and write
        # nothing); plain rows, no ORM objects: this runs before every request
        with self._db.read() as s:
            connection = s.connection()     # (plain statements: no ORM processing)
            terminal = connection.execute(_TERMINAL, {"fingerprint": seen.fingerprint}
                                          ).first()
            if terminal is None:
                refusal: tuple[Reason, int, Any] | None = (
                    Reason.CERTIFICATE_UNKNOWN, 401, None)
            elif terminal.revoked_at is not None:
                refusal = (Reason.TERMINAL_REVOKED, 403, terminal)
            else:
                refusal = self._address_refusal(seen, terminal)
            if refusal is not None:
                name = refusal[2].name if refusal[2] is not None else None
                registered = (refusal[2].ip, refusal[2].mac) if refusal[2] else None
            else:
                assert terminal is not None  # noqa: S101 - narrowed above
                caller = Caller(terminal.id, terminal.name, terminal.location,
                                terminal.unit_code, TerminalIdentity(seen.ip, terminal.mac),
                                self._mac_check(seen.ip), seen.fingerprint)
                session_id, session_terminal, unallowed = None, None, False
                if token:
                    row = connection.execute(_SESSION, {"token_hash": token_hash(token)}
                                             ).first()
                    if row is not None:
                        session_id, session_terminal = row[0], row[1]
                        unallowed = row[2] is None and (row[3] != UserState.ACTIVE
                                                        or row[4] is None)
                seen_due = (terminal.last_seen_at is None
                            or (now - terminal.last_seen_at).total_seconds() > SEEN_EVERY_S)
        if seen_due:
            with self._db.transaction() as s:
                s.connection().execute(_SEEN, {"terminal": caller.terminal_id, "at": now,
                                               "version": seen.version or None})
        if refusal is not None:
            raise self._refuse(seen, name, refusal[0], refusal[1], registered)
        if token:
            if session_id is None:
                raise Refused(Reason.NOT_AUTHENTICATED, "unknown session token",
                              field=FIELD_AUTHORIZATION, status=401, kind=KIND_CALLER)
            if session_terminal != caller.terminal_id:
                raise self._refuse(seen, caller.terminal_name,
                                   Reason.SESSION_OF_ANOTHER_TERMINAL, 403)
            if unallowed and self._enforce is not None:
                # the session ends here (registered); the request then meets an ended one
                self._enforce(session_id)
            caller = Caller(**{**_fields(caller), "session_id": session_id})
        if revision is not None and not unallowed:
            assert terminal is not None  # noqa: S101 - refused above otherwise
            last = now if seen_due or terminal.last_seen_at is None else terminal.last_seen_at
            fresh_for = SEEN_EVERY_S - max(0.0, (now - last).total_seconds())
            key = (seen.fingerprint, seen.ip, seen.mac, token or "")
            with self._lock:
                if len(self._accepted) > 20_000:
                    self._accepted.clear()
                self._accepted[key] = (revision, time.monotonic() + fresh_for, caller)
        return caller

    def _address_refusal(self, seen: Seen, terminal: Any) -> tuple[Reason, int, Any] | None:
        try:
            ip = normalize_ip(seen.ip)
        except IdentityError:
            return Reason.WRONG_SOURCE_IP, 403, terminal
        if ip != terminal.ip:
            return Reason.WRONG_SOURCE_IP, 403, terminal
        try:
            mac = normalize_mac(seen.mac)
        except IdentityError:
            return Reason.WRONG_MAC, 403, terminal
        wire = self._neighbours().get(ip)
        if mac != terminal.mac or (wire is not None and wire != terminal.mac):
            return Reason.WRONG_MAC, 403, terminal
        return None

    def neighbour_mac(self, ip: str) -> str | None:
        """The MAC the server's neighbour table holds for ``ip`` (same segment only)."""
        return self._neighbours().get(ip)

    def _mac_check(self, ip: str) -> str:
        return "neighbour" if ip in self._neighbours() else "reported"

    def _refuse(self, seen: Seen, terminal: str | None, reason: Reason, status: int,
                registered: tuple[str, str] | None = None) -> Refused:
        key = (str(reason), seen.ip, seen.fingerprint or "", seen.mac)
        now = time.monotonic()
        with self._lock:
            last = self._refusals.get(key)
            fresh = last is None or now - last >= REFUSAL_AUDIT_EVERY_S
            if fresh:
                self._refusals[key] = now
                if len(self._refusals) > 10_000:
                    self._refusals.clear()
        if fresh:
            params: dict[str, Any] = {"ip": seen.ip, "mac": seen.mac,
                                      "certificate": seen.fingerprint or "",
                                      "version": seen.version}
            if registered is not None:
                params.update(registered_ip=registered[0], registered_mac=registered[1])
            try:
                identity: TerminalIdentity | None = TerminalIdentity(
                    normalize_ip(seen.ip), normalize_mac(seen.mac))
            except IdentityError:
                identity = None
            with self._db.transaction() as s:
                self._audit.append(s, Actor(account=f"terminal:{terminal or '?'}",
                                            identity=identity, terminal_name=terminal),
                                   Action.CALLER_REFUSED, target=terminal or seen.ip,
                                   outcome=Outcome.DENIED, reason=reason, params=params)
        # what the centre saw, for the operator to give the administrator
        return Refused(reason, _MESSAGES[reason], field=_FIELDS[reason], status=status,
                       kind=KIND_CALLER, details={"ip": seen.ip, "mac": seen.mac})


def _fields(caller: Caller) -> dict[str, Any]:
    return {name: getattr(caller, name) for name in Caller.__slots__}


# what each refusal names as the offending input: the TLS client certificate, the
# connection's source address, the reported MAC (its header), the session token (its header)
FIELD_CERTIFICATE = "client_certificate"
FIELD_SOURCE_IP = "source_ip"
FIELD_AUTHORIZATION = "authorization"
_FIELDS = {
    Reason.NO_CLIENT_CERTIFICATE: FIELD_CERTIFICATE,
    Reason.CERTIFICATE_UNKNOWN: FIELD_CERTIFICATE,
    Reason.TERMINAL_REVOKED: FIELD_CERTIFICATE,
    Reason.WRONG_SOURCE_IP: FIELD_SOURCE_IP,
    Reason.WRONG_MAC: MAC_HEADER,
    Reason.SESSION_OF_ANOTHER_TERMINAL: FIELD_AUTHORIZATION,
}

_MESSAGES = {
    Reason.NO_CLIENT_CERTIFICATE: "this terminal presented no certificate: enrol it first",
    Reason.CERTIFICATE_UNKNOWN: "no terminal holds this certificate (enrol again)",
    Reason.TERMINAL_REVOKED: "this terminal's enrolment was revoked",
    Reason.WRONG_SOURCE_IP: "the request does not come from the terminal's registered IP",
    Reason.WRONG_MAC: "the MAC does not match the terminal's registered MAC",
    Reason.SESSION_OF_ANOTHER_TERMINAL: "the session belongs to another terminal",
}
