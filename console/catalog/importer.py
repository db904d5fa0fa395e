"""Applying a validated catalogue to the database in bulk: stored rows are loaded as tuples
keyed by code (or project name), compared in Python, and only added or changed rows are
written, with executemany INSERTs and UPDATEs. Cameras that are not in the files are left
alone. Called inside the caller's transaction, which also appends the audit record."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import Any, TypeVar

from sqlalchemy import bindparam, func, insert, select, update
from sqlalchemy.orm import Session

from console.catalog.camera_rows import CAMERA_FIELDS
from console.catalog.credentials import Credentials, camera_secret_name
from console.catalog.project_rows import PROJECT_FIELDS
from console.catalog.records import STANDARD_CATEGORIES
from console.catalog.summary import Counts
from console.catalog.validate import ValidCatalogue
from console.secrets import SecretStorage
from console.settings_store import bump_access_revision
from console.storage.models import Base

CAMERAS = Base.metadata.tables["cameras"]
PROJECTS = Base.metadata.tables["projects"]
REGIONS = Base.metadata.tables["regions"]
BATCH = 5000
_PROJECT = CAMERA_FIELDS.index("project")
_CATEGORY = CAMERA_FIELDS.index("category")
_ONLINE = CAMERA_FIELDS.index("online")
ONLINE_CHANGES = Base.metadata.tables["camera_online_changes"]
T = TypeVar("T")


@dataclass(slots=True)
class ImportPlan:
    camera_inserts: list[tuple[str, tuple[Any, ...], bool]] = field(default_factory=list)
    camera_updates: list[tuple[int, tuple[Any, ...], bool]] = field(default_factory=list)
    cameras: Counts = field(default_factory=Counts)
    added_codes: list[str] = field(default_factory=list)
    changed_codes: list[str] = field(default_factory=list)
    project_inserts: list[tuple[str, tuple[Any, ...]]] = field(default_factory=list)
    project_updates: list[tuple[int, tuple[Any, ...]]] = field(default_factory=list)
    projects: Counts = field(default_factory=Counts)
    region_inserts: dict[str, str] = field(default_factory=dict)
    region_updates: dict[str, str] = field(default_factory=dict)
    credentials: list[tuple[str, Credentials]] = field(default_factory=list)
    # stored cameras whose online state the files change: (id, online)
    online_flips: list[tuple[int, bool]] = field(default_factory=list)
    new_categories: list[str] = field(default_factory=list)
    cameras_stored: int = 0          # after the plan is carried out

    @property
    def changes_anything(self) -> bool:
        return bool(self.camera_inserts or self.camera_updates or self.project_inserts
                    or self.project_updates or self.region_inserts or self.region_updates
                    or self.credentials)


def plan_import(s: Session, valid: ValidCatalogue, secrets: SecretStorage) -> ImportPlan:
    plan = ImportPlan()
    _plan_regions(s, valid, plan)
    _plan_projects(s, valid, plan)
    _plan_cameras(s, valid, secrets, plan)
    return plan


def _plan_regions(s: Session, valid: ValidCatalogue, plan: ImportPlan) -> None:
    stored = dict(s.execute(select(REGIONS.c.code, REGIONS.c.name)).all())
    for code, name in valid.regions.items():
        if code not in stored:
            plan.region_inserts[code] = name
        elif stored[code] != name:
            plan.region_updates[code] = name


def _plan_projects(s: Session, valid: ValidCatalogue, plan: ImportPlan) -> None:
    columns = [PROJECTS.c[f] for f in PROJECT_FIELDS]
    stored = {name: (id_, tuple(values)) for name, id_, *values in
              s.execute(select(PROJECTS.c.name, PROJECTS.c.id, *columns))}
    unchanged = 0
    for project in valid.projects:
        old = stored.get(project.name)
        if old is None:
            plan.project_inserts.append((project.name, project.values))
            continue
        values = _merge(project.values, old[1], project.keep)
        if values == old[1]:
            unchanged += 1
        else:
            plan.project_updates.append((old[0], values))
    plan.projects = Counts(len(plan.project_inserts), len(plan.project_updates), unchanged)


def _plan_cameras(s: Session, valid: ValidCatalogue, secrets: SecretStorage,
                  plan: ImportPlan) -> None:
    project_names = dict(s.execute(select(PROJECTS.c.id, PROJECTS.c.name)).all())
    columns = [CAMERAS.c.project_id if f == "project" else CAMERAS.c[f] for f in CAMERA_FIELDS]
    stored: dict[str, tuple[int, bool, tuple[Any, ...]]] = {}
    for code, id_, has_credentials, *row in s.execute(
            select(CAMERAS.c.code, CAMERAS.c.id, CAMERAS.c.has_credentials, *columns)):
        row[_PROJECT] = project_names.get(row[_PROJECT])
        stored[code] = (id_, has_credentials, tuple(row))
    categories = set(s.execute(select(CAMERAS.c.category).distinct()).scalars())
    unchanged = 0
    for camera in valid.cameras:
        credentials = camera.credentials
        old = stored.get(camera.code)
        if old is None:
            plan.camera_inserts.append((camera.code, camera.values, credentials is not None))
            plan.added_codes.append(camera.code)
            if credentials is not None:
                plan.credentials.append((camera.code, credentials))
            continue
        id_, had_credentials, old_values = old
        values = _merge(camera.values, old_values, camera.keep)
        new_secret = credentials is not None and not (
            had_credentials and _stored_credentials(secrets, camera.code) == credentials)
        if new_secret:
            plan.credentials.append((camera.code, credentials))  # type: ignore[arg-type]
        if values == old_values and not new_secret:
            unchanged += 1
            continue
        plan.camera_updates.append((id_, values, had_credentials or credentials is not None))
        if bool(values[_ONLINE]) != bool(old_values[_ONLINE]):
            plan.online_flips.append((id_, bool(values[_ONLINE])))
        plan.changed_codes.append(camera.code)
    plan.cameras = Counts(len(plan.camera_inserts), len(plan.camera_updates), unchanged)
    plan.cameras_stored = len(stored) + len(plan.camera_inserts)
    new = {c.values[_CATEGORY] for c in valid.cameras} - categories - set(STANDARD_CATEGORIES)
    plan.new_categories = sorted(new)


def _merge(new: tuple[Any, ...], old: tuple[Any, ...], keep: frozenset[int]) -> tuple[Any, ...]:
    """The new values, except where the sheet lacks the column: there the stored value."""
    if not keep:
        return new
    return tuple(o if i in keep else n for i, (n, o) in enumerate(zip(new, old, strict=True)))


def _stored_credentials(secrets: SecretStorage, code: str) -> Credentials | None:
    value = secrets.get(camera_secret_name(code))
    try:
        return Credentials.from_secret(value) if value else None
    except ValueError:
        return None


# -- carrying the plan out -----------------------------------------------------------------

def write_plan(s: Session, plan: ImportPlan, now: datetime, secrets: SecretStorage) -> None:
    if not plan.changes_anything:
        return
    if plan.region_inserts:
        s.execute(insert(REGIONS), [{"code": c, "name": n} for c, n in plan.region_inserts.items()])
    if plan.region_updates:
        s.execute(update(REGIONS).where(REGIONS.c.code == bindparam("b_code")),
                  [{"b_code": c, "name": n} for c, n in plan.region_updates.items()])
    if plan.project_inserts:
        s.execute(insert(PROJECTS), [
            {"name": name, **dict(zip(PROJECT_FIELDS, values, strict=True)), "updated_at": now}
            for name, values in plan.project_inserts])
    if plan.project_updates:
        s.execute(update(PROJECTS).where(PROJECTS.c.id == bindparam("b_id")), [
            {"b_id": id_, **dict(zip(PROJECT_FIELDS, values, strict=True)), "updated_at": now}
            for id_, values in plan.project_updates])
    project_ids = dict(s.execute(select(PROJECTS.c.name, PROJECTS.c.id)).all())

    def row(values: tuple[Any, ...], has_credentials: bool) -> dict[str, Any]:
        data = dict(zip(CAMERA_FIELDS, values, strict=True))
        project = data.pop("project")
        data["project_id"] = project_ids[project] if project else None
        data["has_credentials"] = has_credentials
        data["updated_at"] = now
        return data

    for batch in _batches(plan.camera_inserts):
        s.execute(insert(CAMERAS), [{"code": code, **row(values, creds)}
                                    for code, values, creds in batch])
    for changes in _batches(plan.camera_updates):
        s.execute(update(CAMERAS).where(CAMERAS.c.id == bindparam("b_id")),
                  [{"b_id": id_, **row(values, creds)} for id_, values, creds in changes])
    _record_online_states(s, plan, now)
    bump_access_revision(s)
    # Last, so that a database error leaves the keyring untouched; a keyring error raises
    # and the transaction rolls back.
    for code, credentials in plan.credentials:
        secrets.set(camera_secret_name(code), credentials.to_secret())


def _record_online_states(s: Session, plan: ImportPlan, now: datetime) -> None:
    """The online rates' history (console/online/rates.py): a new camera's state from now
    on (it counts from when it was added), and each stored camera whose state changed."""
    rows = [{"camera_id": id_, "at": now, "online": online} for id_, online in plan.online_flips]
    added = {code: bool(values[_ONLINE]) for code, values, _creds in plan.camera_inserts}
    for codes in _batches(list(added)):
        for id_, code in s.execute(select(CAMERAS.c.id, CAMERAS.c.code)
                                   .where(CAMERAS.c.code.in_(codes))):
            rows.append({"camera_id": id_, "at": now, "online": added[code]})
    for batch in _batches(rows):
        s.execute(insert(ONLINE_CHANGES), list(batch))


def _batches(items: Sequence[T]) -> Iterator[Sequence[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, BATCH)):
        yield batch


def stored_camera_count(s: Session) -> int:
    return int(s.execute(select(func.count()).select_from(CAMERAS)).scalar_one())
