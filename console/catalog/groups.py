"""Camera groups (业务分组): named sets of cameras that a grant can name at once. The bodies
of the group commands, run by CatalogService inside its audited transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from console.admin import validation as v
from console.admin.validation import AdminError
from console.catalog.errors import CatalogError
from console.catalog.listing import GroupInfo
from console.codes import Reason
from console.settings_store import bump_access_revision
from console.storage.models import Camera, CameraGroup, CameraGroupMember, Grant

AUDIT_CODE_LIMIT = 100
_IN_CHUNK = 900  # codes per IN (...) list: well under every backend's parameter limit


def set_group(s: Session, name: str, codes: Sequence[str], description: str | None,
              params: dict[str, Any]) -> GroupInfo:
    """Create the group or replace its members (and description, when given)."""
    name = _text("name", name, 100)
    wanted = list(dict.fromkeys(c.strip() for c in codes if c.strip()))
    if not wanted:
        raise CatalogError("codes", "a group needs at least one camera code")
    ids = camera_ids(s, wanted)
    unknown = [c for c in wanted if c not in ids]
    if unknown:
        shown = ", ".join(unknown[:10]) + (f" and {len(unknown) - 10} more"
                                           if len(unknown) > 10 else "")
        raise CatalogError("code", f"unknown camera(s): {shown}", Reason.NOT_FOUND)
    group = s.execute(select(CameraGroup).where(CameraGroup.name == name)).scalar_one_or_none()
    created = group is None
    if group is None:
        group = CameraGroup(name=name, description=_text("description", description or "", 300,
                                                         required=False))
        s.add(group)
        s.flush()
        before: set[str] = set()
    else:
        if description is not None:
            group.description = _text("description", description, 300, required=False)
        before = set(_member_codes(s, group.id))
    s.execute(delete(CameraGroupMember).where(CameraGroupMember.group_id == group.id))
    s.execute(insert(CameraGroupMember),
              [{"group_id": group.id, "camera_id": ids[c]} for c in wanted])
    bump_access_revision(s)
    added = [c for c in wanted if c not in before]
    removed = sorted(before - set(wanted))
    params.update(created=created, cameras=len(wanted), added=added[:AUDIT_CODE_LIMIT],
                  removed=removed[:AUDIT_CODE_LIMIT], description=group.description)
    return GroupInfo(group.name, group.description, sorted(wanted))


def remove_group(s: Session, name: str, params: dict[str, Any]) -> None:
    group = _group(s, name)
    grants = s.execute(select(func.count()).select_from(Grant)
                       .where(Grant.group_id == group.id)).scalar_one()
    if grants:
        raise CatalogError("group", f"{name!r} is named by {grants} grant(s), which stay in "
                           "the register; it cannot be removed")
    codes = _member_codes(s, group.id)
    s.execute(delete(CameraGroupMember).where(CameraGroupMember.group_id == group.id))
    s.delete(group)
    bump_access_revision(s)
    params.update(deleted=True, cameras=len(codes))


def list_groups(s: Session) -> list[GroupInfo]:
    members: dict[int, list[str]] = {}
    for group_id, code in s.execute(
            select(CameraGroupMember.group_id, Camera.code)
            .join(Camera, Camera.id == CameraGroupMember.camera_id)).all():
        members.setdefault(group_id, []).append(code)
    return [GroupInfo(g.name, g.description, sorted(members.get(g.id, [])))
            for g in s.execute(select(CameraGroup).order_by(CameraGroup.name)).scalars()]


def camera_ids(s: Session, codes: Iterable[str]) -> dict[str, int]:
    codes = list(codes)
    found: dict[str, int] = {}
    for start in range(0, len(codes), _IN_CHUNK):
        chunk = codes[start:start + _IN_CHUNK]
        found.update(s.execute(select(Camera.code, Camera.id)
                               .where(Camera.code.in_(chunk))).all())
    return found


def _group(s: Session, name: str) -> CameraGroup:
    group = s.execute(select(CameraGroup).where(CameraGroup.name == name.strip())
                      ).scalar_one_or_none()
    if group is None:
        raise CatalogError("group", f"no group named {name.strip()!r}", Reason.NOT_FOUND)
    return group


def _member_codes(s: Session, group_id: int) -> list[str]:
    return list(s.execute(select(Camera.code)
                          .join(CameraGroupMember, CameraGroupMember.camera_id == Camera.id)
                          .where(CameraGroupMember.group_id == group_id)).scalars())


def _text(field: str, value: str, max_length: int, *, required: bool = True) -> str:
    try:
        return v.text(field, value, max_length, required=required)
    except AdminError as exc:
        raise CatalogError(exc.field, str(exc).partition(": ")[2]) from None


PLATFORM_GROUP_MARK = "wvp:"   # the description of a group the platform sync keeps: wvp:<code>


def sync_platform_groups(s: Session, groups: dict[str, tuple[str, list[str]]]
                         ) -> tuple[list[str], list[str]]:
    """The city platform's business groups as camera groups (code -> (name, member camera
    codes)). A platform group is the camera group whose description is ``wvp:<code>``: its
    members are replaced with the platform's; a new one is named after it (with its code
    when the name is taken). Groups the platform no longer has are left (a grant may name
    them); groups an administrator made are never touched. Returns (added, changed) names."""
    stored = {g.description[len(PLATFORM_GROUP_MARK):]: g for g in s.execute(
        select(CameraGroup).where(CameraGroup.description.startswith(PLATFORM_GROUP_MARK)))
        .scalars()}
    taken = set(s.execute(select(CameraGroup.name)).scalars())
    added: list[str] = []
    changed: list[str] = []
    for code, (name, codes) in sorted(groups.items()):
        ids = camera_ids(s, codes)
        if not ids:
            continue
        group = stored.get(code)
        if group is None:
            title = (name or code)[:100]
            if title in taken:
                title = f"{name[:70]}（{code}）"
            group = CameraGroup(name=title, description=f"{PLATFORM_GROUP_MARK}{code}")
            s.add(group)
            s.flush()
            taken.add(title)
            added.append(title)
            before: set[int] = set()
        else:
            before = set(s.execute(select(CameraGroupMember.camera_id)
                                   .where(CameraGroupMember.group_id == group.id)).scalars())
            if before == set(ids.values()):
                continue
            changed.append(group.name)
            s.execute(delete(CameraGroupMember).where(CameraGroupMember.group_id == group.id))
        s.execute(insert(CameraGroupMember),
                  [{"group_id": group.id, "camera_id": i} for i in sorted(set(ids.values()))])
    if added or changed:
        bump_access_revision(s)
    return added, changed
