"""How an audit record is hashed. One function, used by the writer and by verify."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_params(params: dict[str, Any]) -> str:
    """Parameters as canonical JSON (sorted keys, no spaces): codes and values, never prose."""
    return json.dumps(params, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=_json_default)


def _json_default(value: Any) -> str:
    if isinstance(value, datetime):
        return format_time(value)
    raise TypeError(f"audit parameter of type {type(value).__name__} is not allowed")


def format_time(value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError("audit times must be timezone-aware")
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class RecordContent:
    """Everything a record's hash covers (all columns except the hash itself)."""

    seq: int
    at: datetime
    actor: str
    session_id: str | None
    terminal: str | None
    ip: str | None
    mac: str | None
    action: str
    target: str
    outcome: str
    reason: str
    params: str
    prev_hash: str

    def digest(self) -> str:
        fields = [
            str(self.seq),
            format_time(self.at),
            self.actor,
            self.session_id or "",
            self.terminal or "",
            self.ip or "",
            self.mac or "",
            self.action,
            self.target,
            self.outcome,
            self.reason,
            self.params,
            self.prev_hash,
        ]
        # JSON array: unambiguous field boundaries whatever the fields contain.
        payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()
