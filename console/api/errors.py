"""The one refusal of the centre's API, on both sides of the wire.

Every 4xx answer has the same JSON body::

    {"reason": "NO_GRANT", "kind": "admin", "field": "code", "message": "…", "details": {}}

``reason`` is a ``console.codes.Reason`` (a code the views translate, never a sentence to
show), ``field`` names the offending input where there is one, ``kind`` says which
exception the terminal raises again so that the views handle a remote refusal exactly as
they handled a local one. A 5xx is never part of the contract: the fuzz tests fail on one.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from console.admin.validation import AdminError
from console.codes import Reason

# kinds of refusal, each raised again on the terminal as the matching exception
KIND_REFUSED = "refused"          # console.api.errors.Refused (an AdminError)
KIND_SESSION_GONE = "session_gone"  # console.access.model.SessionGone
KIND_VIEW_REFUSED = "view_refused"  # console.access.model.ViewRefused
KIND_CATALOG_IMPORT = "catalog_import"  # console.catalog.errors.CatalogImportError
KIND_CATALOG_FILE = "catalog_file"      # console.catalog.errors.CatalogFileError
KIND_CALLER = "caller"            # who or where the request came from (certificate, IP, MAC)


class Refused(AdminError):  # noqa: N818 - reads as an event, like SessionGone
    """A refusal from the centre (or of a request before it reached a service)."""

    def __init__(self, reason: Reason, message: str = "", *, field: str = "",
                 status: int = 400, kind: str = KIND_REFUSED,
                 details: dict[str, Any] | None = None) -> None:
        super().__init__(field or "request", message or str(reason), reason)
        self.status = status
        self.kind = kind
        self.details = details or {}
        self.message = message or str(reason)

    def body(self) -> dict[str, Any]:
        return {"reason": str(self.reason), "kind": self.kind, "field": self.field or None,
                "message": self.message, "details": self.details}


class Unreachable(StrEnum):
    """Why the centre could not be reached: what an operator or installer can act on."""

    REFUSED = "refused"    # nothing listens at the address (server down, firewall rejects)
    TIMEOUT = "timeout"    # no answer in time (network down, server hung, firewall drops)
    TLS = "tls"            # the handshake failed: not the enrolled centre, or not this terminal
    NOT_API = "not_api"    # something answered, but not the centre's API
    NETWORK = "network"    # any other network failure (no route, name not resolved, reset)


class CentreUnreachable(ConnectionError):  # noqa: N818 - reads as an event
    """The centre could not be reached (or answered with something that is not the API):
    the terminal counts this towards failing closed. ``cause`` says why, ``address`` where
    (host:port); the message is the technical text, for the log only."""

    def __init__(self, message: str, *, cause: Unreachable = Unreachable.NETWORK,
                 address: str = "") -> None:
        super().__init__(message)
        self.cause = cause
        self.address = address

    def as_details(self) -> dict[str, str]:
        """As a refusal's details, for the views' sentences."""
        return {"cause": str(self.cause), "address": self.address, "error": str(self)}


def revive_details(details: dict[str, Any]) -> dict[str, Any]:
    """Details as the services gave them: ISO times (JSON has no time type) back to
    ``datetime``, so that the views format them as they always did."""
    return {key: _revive(value) for key, value in details.items()}


def _revive(value: Any) -> Any:
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and value[10] == "T":
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
        return when if when.tzinfo is not None else value
    return value
