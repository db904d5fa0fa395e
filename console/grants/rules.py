"""The access rules, as pure functions of a camera, a viewer, grants and a time.

- Unconditional cameras (无条件共享) give live view to every unit.
- Conditional cameras (有条件共享) need a grant for live view.
- Not-shared cameras (不予共享) are for the owner unit only: an ordinary grant to anyone
  else does not open them; only an emergency grant (特别授权、限时共享, Zunyi §20) does.
- The owner unit has live view of its own cameras.
- PTZ, playback and download always need a grant, even on unconditional cameras.
- A grant counts from ``valid_from`` (inclusive) to ``valid_to`` (exclusive) unless revoked.

``decide`` answers one question; ``permitted`` answers it for a whole catalogue at once (the
camera tree). Both are built from the same three predicates, and the tests check that they
agree on every case.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import IntFlag

from console.codes import Reason, Right, ShareType


class Rights(IntFlag):
    NONE = 0
    LIVE = 1
    PTZ = 2
    PLAYBACK = 4
    DOWNLOAD = 8

    @classmethod
    def of(cls, right: Right) -> Rights:
        return _FLAG[right]

    @classmethod
    def from_names(cls, names: Iterable[Right | str]) -> Rights:
        result = cls.NONE
        for name in names:
            result |= _FLAG[Right(name)]
        return result

    def names(self) -> list[Right]:
        return [right for right, flag in _FLAG.items() if flag in self]


_FLAG = {Right.LIVE: Rights.LIVE, Right.PTZ: Rights.PTZ, Right.PLAYBACK: Rights.PLAYBACK,
         Right.DOWNLOAD: Rights.DOWNLOAD}


@dataclass(frozen=True, slots=True)
class Viewer:
    user_id: int
    unit_id: int


@dataclass(frozen=True, slots=True)
class CameraFacts:
    id: int
    share_type: ShareType
    owner_unit_id: int
    region_code: str
    group_ids: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class GrantFacts:
    id: int
    unit_id: int | None
    user_id: int | None
    scope_kind: str                   # "camera" | "group" | "region"
    rights: Rights
    valid_from: datetime
    valid_to: datetime
    camera_id: int | None = None
    group_id: int | None = None
    region_code: str | None = None
    revoked_at: datetime | None = None
    emergency: bool = False
    purpose: str = ""
    approver: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Decision:
    allowed: bool
    reason: Reason
    grant: GrantFacts | None = None   # the grant that allows it; None: share type or owner
    until: datetime | None = None     # when the allowing grant ends


# -- the three predicates --------------------------------------------------------------------

def base_rights(camera: CameraFacts, viewer: Viewer) -> Rights:
    """What a viewer has without any grant."""
    if camera.share_type == ShareType.UNCONDITIONAL or camera.owner_unit_id == viewer.unit_id:
        return Rights.LIVE
    return Rights.NONE


def applies_to(grant: GrantFacts, viewer: Viewer) -> bool:
    return grant.user_id == viewer.user_id if grant.user_id is not None \
        else grant.unit_id == viewer.unit_id


def covers(grant: GrantFacts, camera: CameraFacts, viewer: Viewer) -> bool:
    """The grant names the camera and may open it for this viewer."""
    return _names(grant, camera) and not blocked_by_share_type(grant, camera, viewer)


def _names(grant: GrantFacts, camera: CameraFacts) -> bool:
    """The grant's scope (a camera, a group, a region) includes the camera."""
    if grant.scope_kind == "camera":
        return grant.camera_id == camera.id
    if grant.scope_kind == "group":
        return grant.group_id in camera.group_ids
    return grant.region_code is not None and camera.region_code.startswith(grant.region_code)


def blocked_by_share_type(grant: GrantFacts, camera: CameraFacts, viewer: Viewer) -> bool:
    return (camera.share_type == ShareType.NOT_SHARED and camera.owner_unit_id != viewer.unit_id
            and not grant.emergency)


def state_at(grant: GrantFacts, now: datetime) -> Reason:
    if grant.revoked_at is not None and grant.revoked_at <= now:
        return Reason.GRANT_REVOKED
    if now < grant.valid_from:
        return Reason.GRANT_NOT_YET_VALID
    if now >= grant.valid_to:
        return Reason.GRANT_EXPIRED
    return Reason.OK


# -- one question ------------------------------------------------------------------------------

def decide(camera: CameraFacts, viewer: Viewer, right: Right, grants: Iterable[GrantFacts],
           now: datetime) -> Decision:
    flag = Rights.of(right)
    if flag in base_rights(camera, viewer):
        return Decision(True, Reason.OK)
    valid: list[GrantFacts] = []
    failed: list[tuple[datetime, Reason]] = []
    for grant in grants:
        if flag not in grant.rights or not applies_to(grant, viewer) \
                or not covers(grant, camera, viewer):
            continue
        state = state_at(grant, now)
        if state == Reason.OK:
            valid.append(grant)
        else:
            failed.append((grant.revoked_at or grant.valid_to, state))
    if valid:
        best = max(valid, key=_end)
        return Decision(True, Reason.OK, best, _end(best))
    if failed:
        return Decision(False, max(failed)[1])
    if camera.share_type == ShareType.NOT_SHARED and camera.owner_unit_id != viewer.unit_id:
        return Decision(False, Reason.NOT_SHARED)
    return Decision(False, Reason.NO_GRANT)


def _end(grant: GrantFacts) -> datetime:
    return grant.valid_to if grant.revoked_at is None else min(grant.valid_to, grant.revoked_at)


# -- the whole catalogue -------------------------------------------------------------------

@dataclass(slots=True)
class Access:
    """What one viewer holds on one camera right now."""

    base: Rights                      # from the share type or ownership, never ends
    rights: Rights                    # base plus every active grant
    grants: list[GrantFacts] = field(default_factory=list)

    def until(self, right: Right) -> datetime | None:
        """When ``right`` ends; None when it does not end (share type, ownership) or is
        not held."""
        flag = Rights.of(right)
        ends = [_end(g) for g in self.grants if flag in g.rights]
        return None if not ends or flag in self.base else max(ends)

    def grant_for(self, right: Right) -> GrantFacts | None:
        """The longest-lasting grant giving ``right`` (its purpose preselects the dialog)."""
        flag = Rights.of(right)
        candidates = [g for g in self.grants if flag in g.rights]
        return max(candidates, key=_end) if candidates else None


def permitted(cameras: Sequence[CameraFacts], viewer: Viewer, grants: Iterable[GrantFacts],
              now: datetime, *, members: Mapping[int, Sequence[int]] | None = None
              ) -> dict[int, Access]:
    """camera id → Access for every camera the viewer holds at least one right on.

    ``members`` maps group id → camera ids (it spares a scan of every camera per group grant);
    without it the group ids on each CameraFacts are used."""
    result: dict[int, Access] = {}
    by_id: dict[int, CameraFacts] = {}
    for camera in cameras:
        by_id[camera.id] = camera
        base = base_rights(camera, viewer)
        if base:
            result[camera.id] = Access(base, base)
    active = [g for g in grants if applies_to(g, viewer) and state_at(g, now) == Reason.OK]
    if not active:
        return result
    by_region: dict[str, list[CameraFacts]] | None = None
    for grant in active:
        if grant.scope_kind == "camera":
            one = by_id.get(grant.camera_id or -1)
            named: Iterable[CameraFacts] = [one] if one is not None else []
        elif grant.scope_kind == "group":
            if members is not None:
                named = [by_id[i] for i in members.get(grant.group_id or -1, ()) if i in by_id]
            else:
                named = [c for c in cameras if grant.group_id in c.group_ids]
        else:
            if by_region is None:
                by_region = {}
                for camera in cameras:
                    by_region.setdefault(camera.region_code, []).append(camera)
            prefix = grant.region_code or "\0"
            named = [c for code, group in by_region.items() if code.startswith(prefix)
                     for c in group]
        for camera in named:
            if blocked_by_share_type(grant, camera, viewer):
                continue
            access = result.get(camera.id)
            if access is None:
                access = result[camera.id] = Access(Rights.NONE, Rights.NONE)
            access.rights |= grant.rights
            access.grants.append(grant)
    return result
