"""Camera groups (业务分组) and camera credentials: audited, admin only, bump the access
revision; a group a grant names cannot be removed."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console.audit.writer import Actor
from console.catalog.credentials import load_camera_credentials
from console.catalog.errors import CatalogError
from console.catalog.service import CatalogService
from console.clock import FixedClock
from console.codes import Action, Reason
from console.secrets import SecretStore
from console.settings_store import access_revision
from console.storage.database import Database
from console.storage.models import CameraGroup, Grant, Unit
from tests.catalog_support import (
    C1,
    C2,
    C3,
    CAMERA_HEADER,
    audit_records,
    camera,
    good_rows,
    make_catalog,
    write_csv,
)
from tests.conftest import INSTALLER


@pytest.fixture
def catalog(db: Database, clock: FixedClock, hashing, tmp_path: Path) -> CatalogService:
    service = make_catalog(db, clock, hashing)
    rows = good_rows()
    rows[0][CAMERA_HEADER.index("项目名称")] = ""
    service.import_files(INSTALLER, [write_csv(tmp_path / "c.csv", [CAMERA_HEADER, *rows])])
    return service


def _revision(db: Database) -> str:
    with db.transaction() as s:
        return access_revision(s)


def test_set_replace_list_remove(db: Database, catalog: CatalogService) -> None:
    revision = _revision(db)
    info = catalog.set_group(INSTALLER, "观前商圈", [C2, C1, C1], description="节假日客流")
    assert (info.name, info.codes, info.description) == ("观前商圈", sorted([C1, C2]), "节假日客流")
    assert _revision(db) != revision

    catalog.set_group(INSTALLER, "观前商圈", [C2, C3])  # replace; description kept
    catalog.set_group(INSTALLER, "金鸡湖", [C3], description="")
    groups = {g.name: g for g in catalog.list_groups()}
    assert groups["观前商圈"].codes == sorted([C2, C3])
    assert groups["观前商圈"].description == "节假日客流"
    assert groups["金鸡湖"].codes == [C3]

    records = audit_records(db, Action.GROUP_SET)
    second = json.loads(records[1].params)
    assert (second["created"], second["added"], second["removed"]) == (False, [C3], [C1])

    catalog.remove_group(INSTALLER, "金鸡湖")
    assert [g.name for g in catalog.list_groups()] == ["观前商圈"]
    assert json.loads(audit_records(db, Action.GROUP_SET)[-1].params)["deleted"] is True


def test_unknown_codes_are_named_and_nothing_changes(db: Database,
                                                     catalog: CatalogService) -> None:
    with pytest.raises(CatalogError, match=r"code: unknown camera\(s\): 32050801001320009999"):
        catalog.set_group(INSTALLER, "新组", [C1, "32050801001320009999"])
    with pytest.raises(CatalogError, match="a group needs at least one camera"):
        catalog.set_group(INSTALLER, "新组", [" "])
    with pytest.raises(CatalogError, match="group: no group named '没有'"):
        catalog.remove_group(INSTALLER, "没有")
    assert catalog.list_groups() == []
    denied = audit_records(db, Action.GROUP_SET)
    assert [(r.outcome, r.reason) for r in denied] == [
        ("denied", Reason.NOT_FOUND), ("denied", Reason.INVALID_INPUT),
        ("denied", Reason.NOT_FOUND)]


def test_group_named_by_a_grant_is_not_removed(db: Database, catalog: CatalogService,
                                               clock: FixedClock) -> None:
    catalog.set_group(INSTALLER, "观前商圈", [C1, C2])
    now = clock.now()
    with db.transaction() as s:
        group_id = s.execute(select(CameraGroup.id)).scalar_one()
        unit_id = s.execute(select(Unit.id).where(Unit.code == "GUSU-PSB")).scalar_one()
        s.add(Grant(grantee_unit_id=unit_id, scope_kind="group", group_id=group_id, live=True,
                    ptz=False, playback=False, download=False, valid_from=now,
                    valid_to=now + timedelta(days=1), purpose="节假日安保", approver="李静",
                    reference="SP-2026-001", emergency=False, issued_by="test",
                    issued_at=now))
    with pytest.raises(CatalogError, match="is named by 1 grant"):
        catalog.remove_group(INSTALLER, "观前商圈")
    assert [g.name for g in catalog.list_groups()] == ["观前商圈"]


def test_groups_are_admin_only(db: Database, catalog: CatalogService) -> None:
    duty = Actor(account="zhangsan", role="duty_officer", user_id=1)
    with pytest.raises(CatalogError) as caught:
        catalog.set_group(duty, "私组", [C1])
    assert caught.value.reason == Reason.NOT_PERMITTED
    assert catalog.list_groups() == []
    (record,) = audit_records(db, Action.GROUP_SET)
    assert (record.actor, record.outcome) == ("zhangsan", "denied")


def test_set_camera_credentials(db: Database, catalog: CatalogService) -> None:
    revision = _revision(db)
    catalog.set_camera_credentials(INSTALLER, C2, "admin", "Hik@12345")
    assert camera(db, C2).has_credentials
    stored = load_camera_credentials(SecretStore(), C2)
    assert stored is not None and (stored.user, stored.password) == ("admin", "Hik@12345")
    assert "Hik@12345" not in repr(stored)
    assert _revision(db) != revision
    (record,) = audit_records(db, Action.SECRET_SET)
    assert record.target == f"camera:{C2}" and "Hik@12345" not in record.params

    with pytest.raises(CatalogError, match="code: unknown camera"):
        catalog.set_camera_credentials(INSTALLER, "32050801001320009999", "a", "b")
    with pytest.raises(CatalogError, match="password: must not be empty"):
        catalog.set_camera_credentials(INSTALLER, C1, "admin", "")
    assert not camera(db, C1).has_credentials
    assert load_camera_credentials(SecretStore(), C1) is None
