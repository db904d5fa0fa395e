"""The one place a camera's online state is written after an import: the platform's status
poll and its catalogue sync both call ``set_online_states``. A change moves the catalogue
revision, so every console reloads its tree on its next revision check (within 2 s).

Each change is also a row of the online-rate history (``camera_online_changes``, R13,
console/online/rates.py), like the changes a spreadsheet import makes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from console.settings_store import bump_access_revision
from console.storage.models import Base

CAMERAS = Base.metadata.tables["cameras"]
ONLINE_CHANGES = Base.metadata.tables["camera_online_changes"]


@dataclass(frozen=True, slots=True)
class OnlineChange:
    camera_id: int
    code: str
    online: bool            # the new state
    at: datetime


def set_online_states(s: Session, states: Mapping[str, bool], now: datetime
                      ) -> list[OnlineChange]:
    """Write the online state of the cameras named in ``states`` (code -> online) inside the
    caller's transaction; cameras not named, and codes the catalogue lacks, are left alone.
    ``last_seen`` becomes ``now`` on every change (the moment it was last seen, or was seen
    again). Returns the changes, in code order."""
    if not states:
        return []
    stored = s.execute(select(CAMERAS.c.code, CAMERAS.c.id, CAMERAS.c.online)).all()
    changes = [OnlineChange(id_, code, states[code], now)
               for code, id_, online in sorted(stored)
               if code in states and bool(online) != states[code]]
    if changes:
        s.execute(update(CAMERAS).where(CAMERAS.c.id == bindparam("b_id")),
                  [{"b_id": c.camera_id, "online": c.online, "last_seen": now}
                   for c in changes])
        s.execute(insert(ONLINE_CHANGES), [{"camera_id": c.camera_id, "at": now,
                                            "online": c.online} for c in changes])
        bump_access_revision(s)
    return changes
