"""The stamp of a recheck: the centre's signed note that, at access state revision R, the
views V of session S were all still permitted, good until T.

Every console rechecks its open views every 2 s (console/views/permission_watch.py); nearly
always nothing has changed. The full recheck hands back a stamp; the terminal sends it with
its next recheck, and while the access state revision (console/settings_store.py: bumped in
the transaction of any change to grants, cameras, camera groups, users, bindings, terminals,
a session's state or the policy) is still R, the views sent are among V and T has not
passed, the answer is "nothing closed" without reading a view. T is no later than the first
moment a grant of the viewer starts or ends or a view's own ``until`` passes (time changes
rights without any write), than the leases the full recheck renewed (a view is closed for a
lost lease only after its lease ran out — the scheduled jobs that close views for a lost
lease or an ended grant therefore need not change the revision, which would send every
console to a full recheck at once), and at most ``STAMP_TTL`` away.

The stamp is an HMAC-SHA256 with a key only the centre has (derived from a key of its data
directory, so every instance of one centre accepts the others' stamps); a stamp forged,
altered, of another session or of other views is simply not honoured: the recheck is then
made in full. The terminal cannot learn anything from it it did not know (its session, its
views, an opaque revision)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

STAMP_TTL = timedelta(seconds=60)
_LABEL = b"console recheck stamp v1"
MAX_STAMP_LENGTH = 2048


@dataclass(frozen=True, slots=True)
class Stamp:
    session_id: str
    views: frozenset[str]
    revision: str
    expires: datetime


class Stamper:
    def __init__(self, key: bytes) -> None:
        self._key = hmac.new(key, _LABEL, hashlib.sha256).digest()

    @classmethod
    def from_key_file(cls, path: Path | None) -> Stamper:
        """Keyed by the secret in ``path`` (the centre's audit signing key: a different
        purpose through its own label); a process-own random key without one."""
        if path is not None and path.exists():
            return cls(path.read_bytes())
        return cls(secrets.token_bytes(32))

    def issue(self, session_id: str, views: Iterable[str], revision: str,
              expires: datetime) -> str:
        ids = sorted(set(views))
        seconds = int(expires.timestamp())
        body = "\n".join([session_id, revision, str(seconds), ",".join(ids)]).encode()
        mac = hmac.new(self._key, body, hashlib.sha256).digest()[:16]
        return (base64.urlsafe_b64encode(body).decode().rstrip("=") + "."
                + base64.urlsafe_b64encode(mac).decode().rstrip("="))

    def read(self, stamp: str | None, session_id: str) -> Stamp | None:
        """The stamp's content if the centre made it for ``session_id``; else None."""
        if not stamp or len(stamp) > MAX_STAMP_LENGTH or stamp.count(".") != 1:
            return None
        body_text, mac_text = stamp.split(".")
        try:
            body = base64.urlsafe_b64decode(body_text + "=" * (-len(body_text) % 4))
            mac = base64.urlsafe_b64decode(mac_text + "=" * (-len(mac_text) % 4))
        except ValueError:
            return None
        if not hmac.compare_digest(hmac.new(self._key, body, hashlib.sha256).digest()[:16],
                                   mac):
            return None
        try:
            sid, revision, seconds, ids = body.decode().split("\n")
            expires = datetime.fromtimestamp(int(seconds), UTC)
        except (ValueError, OverflowError, OSError):
            return None
        if sid != session_id:
            return None
        return Stamp(sid, frozenset(ids.split(",")) if ids else frozenset(), revision, expires)

    def honoured(self, stamp: str | None, session_id: str, views: Iterable[str],
                 revision: str, now: datetime) -> bool:
        """Whether ``stamp`` says that all of ``views`` were permitted at ``revision`` and
        has not expired: then nothing needs closing."""
        found = self.read(stamp, session_id)
        return (found is not None and found.revision == revision and now < found.expires
                and found.views.issuperset(views))
