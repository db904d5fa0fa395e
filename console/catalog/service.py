"""The catalogue service: import and export of the camera catalogue (一机一档), camera groups
and camera credentials. Installer and administrators only. Every command checks the actor,
takes the audit lock, acts and appends its audit record in the same transaction; a refusal
appends a denied record in a transaction of its own and changes nothing."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from console.audit.writer import Actor, AuditTrail
from console.catalog import groups
from console.catalog.columns import SheetKind
from console.catalog.credentials import Credentials, camera_secret_name
from console.catalog.errors import CatalogError, CatalogImportError
from console.catalog.exporter import EXPORT_SUFFIXES, ExportTable, load_tables, write_file
from console.catalog.importer import plan_import, write_plan
from console.catalog.listing import CameraListing, GroupInfo
from console.catalog.sheets import read_catalogue_file
from console.catalog.summary import ExportSummary, ImportSummary
from console.catalog.validate import References, validate
from console.clock import Clock
from console.codes import Action, Reason, Role
from console.command import CommandPath
from console.secrets import SecretError, SecretStorage
from console.settings_store import bump_access_revision
from console.storage.database import Database
from console.storage.models import Camera, Project, Unit

T = TypeVar("T")


class CatalogService:
    def __init__(self, db: Database, clock: Clock, secrets: SecretStorage) -> None:
        self._db = db
        self._clock = clock
        self._secrets = secrets
        self._audit = AuditTrail(clock)
        self._commands = CommandPath(db, clock, self._audit)

    # -- the one command path ----------------------------------------------------------------

    def _run(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
             body: Callable[[Session, datetime], T], *, audited: bool = True) -> T:
        """``audited=False`` (a dry run) writes no record, except for a refused actor."""
        def guarded(s: Session, now: datetime) -> T:
            try:
                return body(s, now)
            except SecretError as exc:   # the secret store is the centre's own
                raise CatalogError("secret_store", str(exc)) from exc

        return self._commands.run(
            actor, action, target, params, guarded, refusal=_actor_refusal(actor),
            audited=audited,
            refusal_params=lambda exc: {**getattr(exc, "params", {}), "field": exc.field})

    def _refused(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
                 exc: CatalogError) -> None:
        self._commands.refused(actor, action, target, exc,
                               {**params, **exc.params, "field": exc.field})

    # -- import ------------------------------------------------------------------------------

    def import_files(self, actor: Actor, paths: Sequence[Path], *,
                     dry_run: bool = False) -> ImportSummary:
        """One all-or-nothing import of one or more files. Any error: nothing is written and
        CatalogImportError lists every problem. A dry run validates and reports what would
        change, writes nothing and is not audited (a refused actor is, always)."""
        names = [p.name for p in paths]
        target = ", ".join(names)
        params: dict[str, Any] = {"files": names}
        try:
            _check_actor(actor)
            if not paths:
                raise CatalogError("file", "no file given", Reason.IMPORT_REJECTED)
            # Read before the transaction: the audit lock is not held while parsing.
            sources = [read_catalogue_file(path) for path in paths]
        except CatalogError as exc:
            if not dry_run or exc.reason == Reason.NOT_PERMITTED:
                self._refused(actor, Action.CATALOG_IMPORT, target, params, exc)
            raise
        params["sha256"] = [src.sha256 for src in sources]

        def body(s: Session, now: datetime) -> ImportSummary:
            valid = validate(sources, _references(s))
            if valid.errors:
                raise CatalogImportError(valid.errors, {
                    "error_count": len(valid.errors), "first_error": str(valid.errors[0])})
            plan = plan_import(s, valid, self._secrets)
            if not dry_run:
                write_plan(s, plan, now, self._secrets)
            summary = ImportSummary(
                files=names, cameras=plan.cameras, projects=plan.projects,
                regions_added=len(plan.region_inserts),
                regions_changed=len(plan.region_updates),
                new_categories=plan.new_categories, added_codes=plan.added_codes,
                changed_codes=plan.changed_codes, credentials_stored=len(plan.credentials),
                cameras_stored=plan.cameras_stored,
                ignored_columns=[f"{sheet.file} {sheet.sheet}: {h}" for src in sources
                                 for sheet in src.sheets for h in sheet.ignored_headers],
                ignored_sheets=[f"{src.name} {n}" for src in sources
                                for n in src.ignored_sheets],
                dry_run=dry_run)
            params.update(summary.audit_params())
            return summary

        return self._run(actor, Action.CATALOG_IMPORT, target, params, body,
                         audited=not dry_run)

    # -- export ------------------------------------------------------------------------------

    def export(self, actor: Actor, path: Path, kind: SheetKind | str | None = None
               ) -> ExportSummary:
        """Write the catalogue metadata to .xlsx (both sheets, or ``kind`` only) or .csv
        (one kind, cameras by default). Never any credential. The file is written under a
        temporary name outside the audit lock and moved into place with the audit record."""
        params: dict[str, Any] = {"file": path.name, "kind": str(kind or "all")}
        try:
            _check_actor(actor)
            kinds = _export_kinds(kind, path)
            with self._db.transaction() as s:
                tables = load_tables(s, kinds)
            temp = _write(path, tables)
        except CatalogError as exc:
            self._refused(actor, Action.CATALOG_EXPORT, path.name, params, exc)
            raise
        rows = {str(t.kind): len(t.rows) for t in tables}
        params.update(rows=rows, format=path.suffix.lower().lstrip("."))

        def body(s: Session, now: datetime) -> ExportSummary:
            try:
                os.replace(temp, path)
            except OSError as exc:
                raise CatalogError("file", f"cannot write {path.name}: "
                                   f"{exc.strerror or exc}") from None
            return ExportSummary(path.name, rows)

        try:
            return self._run(actor, Action.CATALOG_EXPORT, path.name, params, body)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)

    # -- groups ------------------------------------------------------------------------------

    def set_group(self, actor: Actor, name: str, codes: Sequence[str],
                  description: str | None = None) -> GroupInfo:
        """Create a group or replace its members; unknown codes are refused by name."""
        params: dict[str, Any] = {"codes": len(codes)}
        return self._run(actor, Action.GROUP_SET, name, params,
                         lambda s, now: groups.set_group(s, name, codes, description, params))

    def remove_group(self, actor: Actor, name: str) -> None:
        """Delete a group that no grant names (grants are kept, so it stays if any does)."""
        params: dict[str, Any] = {"deleted": True}
        self._run(actor, Action.GROUP_SET, name, params,
                  lambda s, now: groups.remove_group(s, name, params))

    def list_groups(self) -> list[GroupInfo]:
        with self._db.transaction() as s:
            return groups.list_groups(s)

    # -- credentials -------------------------------------------------------------------------

    def set_camera_credentials(self, actor: Actor, code: str, user: str, password: str) -> None:
        """Store a camera's user and password in the keyring (``camera:<code>``) and mark the
        camera. The audit record names the camera, never the secret."""
        code = code.strip()

        def body(s: Session, now: datetime) -> None:
            camera = s.execute(select(Camera).where(Camera.code == code)).scalar_one_or_none()
            if camera is None:
                raise CatalogError("code", f"unknown camera {code!r}", Reason.NOT_FOUND)
            for field, value in (("user", user), ("password", password)):
                if not value or any(ord(ch) < 32 for ch in value):
                    raise CatalogError(field, "must not be empty or contain control characters")
            camera.has_credentials = True
            camera.updated_at = now
            bump_access_revision(s)
            s.flush()
            self._secrets.set(camera_secret_name(code), Credentials(user, password).to_secret())

        self._run(actor, Action.SECRET_SET, camera_secret_name(code), {"camera": code}, body)

    # -- reading -----------------------------------------------------------------------------

    def list_cameras(self, search: str = "", limit: int = 100) -> list[CameraListing]:
        """Cameras by code; ``search`` matches code, name or location (any case)."""
        query = (select(Camera, Unit.code).join(Unit, Unit.id == Camera.owner_unit_id)
                 .order_by(Camera.code).limit(max(1, limit)))
        if search.strip():
            term = search.strip()
            query = query.where(or_(Camera.code.icontains(term, autoescape=True),
                                    Camera.name.icontains(term, autoescape=True),
                                    Camera.location.icontains(term, autoescape=True)))
        with self._db.transaction() as s:
            return [CameraListing(c.code, c.name, c.location, c.region_code, c.category, unit,
                                  c.share_type, c.online, c.has_credentials)
                    for c, unit in s.execute(query).all()]


def _actor_refusal(actor: Actor) -> CatalogError | None:
    if actor.is_installer or actor.role == Role.ADMINISTRATOR:
        return None
    return CatalogError("actor", f"{actor.account} may not manage the catalogue",
                        Reason.NOT_PERMITTED)


def _check_actor(actor: Actor) -> None:
    refusal = _actor_refusal(actor)
    if refusal is not None:
        raise refusal


def _references(s: Session) -> References:
    units = s.execute(select(Unit.id, Unit.code, Unit.name)).all()
    names: dict[str, int] = {}
    for id_, _code, name in units:
        names[name] = -1 if name in names else id_   # an ambiguous name matches nothing
    return References(unit_codes={code: id_ for id_, code, _ in units},
                      unit_names={n: i for n, i in names.items() if i != -1},
                      projects=frozenset(s.execute(select(Project.name)).scalars()))


def _export_kinds(kind: SheetKind | str | None, path: Path) -> list[SheetKind]:
    suffix = path.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise CatalogError("file", f"{path.name}: give a file name ending in .xlsx or .csv")
    if not path.parent.is_dir():
        raise CatalogError("file", f"{path.parent} is not a directory")
    if kind is None:
        return list(SheetKind) if suffix == ".xlsx" else [SheetKind.CAMERAS]
    try:
        return [SheetKind(kind)]
    except ValueError:
        raise CatalogError("kind", f"{kind!r} is not cameras or projects") from None


def _write(path: Path, tables: list[ExportTable]) -> Path:
    try:
        return write_file(path, tables)
    except OSError as exc:
        raise CatalogError("file", f"cannot write {path.name}: {exc.strerror or exc}") from None
