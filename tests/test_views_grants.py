"""Grants in the GUI over the real centre (Management → Grants…): a supervisor lists their own
unit's grants by phase, issues an emergency grant by picking cameras and a region in the
camera tree, revokes it with a reason; the centre refuses another unit's grant and an
ordinary grant's revocation whatever the dialog offers; an administrator records a grant from
an approved form (form number, period, purpose, approver, rights) for any unit; duty
officers have no such menu and the centre refuses them — in Chinese and in English with
nothing left untranslated."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QDateTime, QItemSelectionModel, Qt
from PySide6.QtWidgets import QLabel
from sqlalchemy import select

from console.api.errors import Refused
from console.auth.results import SessionInfo
from console.catalog.tree import NodeKind
from console.clock import FixedClock
from console.codes import Action, Outcome, Reason, Right
from console.grants.commands import Phase
from console.grants.model import Grantee, Scope
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import AuditRecord, Grant
from console.views.grant_dialogs import (
    EmergencyGrantDialog,
    GrantFormDialog,
    GrantScopePicker,
    GrantsDialog,
    RevokeDialog,
)
from console.views.main_window import MainWindow
from console.views.reason_text import describe, refusal_text
from console.views.tasks import TaskRunner
from tests.test_views_languages import CJK, ENGLISH_PHRASE, QT_ENGLISH, _sources
from tests.views_support import demo_login, demo_services, prepare_app, visible_texts

# 金鸡湖东岸: conditional, owned by the centre (demo catalogue)
LAKE = "32057103001328000001"
# 观前街北局: not shared, owned by GUSU-PSB
NORTH_BUREAU = "32050802001326000001"


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    return demo_services(sqlite_db, clock, hashing)


def window_for(qtbot, services: Services, session: SessionInfo) -> MainWindow:
    window = MainWindow(services, TaskRunner(synchronous=True), session,
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    return window


def open_grants(qtbot, services: Services, account: str) -> tuple[MainWindow, GrantsDialog]:
    window = window_for(qtbot, services, demo_login(services, account))
    management = window.management
    assert management.grants_action in management.actions
    management.grants_action.trigger()
    dialog = management.grants_dialog
    assert isinstance(dialog, GrantsDialog) and dialog.isVisible()
    return window, dialog


def grantees(dialog: GrantsDialog) -> set[str]:
    return {r.grantee for r in dialog.model.rows}


def select_node(picker: GrantScopePicker, kind: NodeKind, key: str) -> None:
    """Add the tree's ``kind`` node named ``key`` (a region code) to the selection."""
    tree = picker.tree_model.tree
    assert tree is not None
    for node in range(tree.group_count):
        group = tree.group(node)
        if group.kind == kind and group.key == key:
            index = picker.tree_model.index_for_node(node)
            assert index.isValid()
            picker.tree.selectionModel().select(
                index, QItemSelectionModel.SelectionFlag.Select
                | QItemSelectionModel.SelectionFlag.Rows)
            return
    raise AssertionError(f"no {kind} {key} in the tree")


def grant_rows(db: Database, ids: list[int]) -> list[Grant]:
    with db.transaction() as s:
        return [g for g in (s.get(Grant, i) for i in ids) if g is not None]


def test_a_supervisor_lists_issues_from_the_tree_and_revokes(
        qtbot, services: Services, sqlite_db: Database) -> None:
    window, dialog = open_grants(qtbot, services, "super01")            # CITY-OPS
    # the grants of their own unit and its people only (the demo's GUSU-PSB grants and
    # duty01's stay out, so does the demo emergency grant to GUSU-PSB)
    assert grantees(dialog) == {"unit:CITY-OPS", "user:wall01"}
    assert all(r.phase in (Phase.IN_FORCE, Phase.EXPIRING) for r in dialog.model.rows)
    assert not dialog.unit_combo.isEnabled() and not dialog.form_button.isVisibleTo(dialog)
    assert dialog.model.index(0, 1).data() in ("生效中", "即将到期")
    dialog.phase_combo.setCurrentIndex(4)                               # ended
    assert dialog.model.rows == []

    # an emergency grant: a camera picked in the tree, and a whole street (region node)
    dialog.emergency_button.click()
    grant_dialog = window.management.grants.dialog
    assert isinstance(grant_dialog, EmergencyGrantDialog) and grant_dialog.isVisible()
    # offered: their own unit and its people (the centre refuses the others regardless)
    units = [grant_dialog.grantee_combo.itemData(i)
             for i in range(grant_dialog.grantee_combo.count())]
    assert units == ["CITY-OPS"]
    assert grant_dialog.hours_spin.maximum() == 24                     # the policy's bound
    picker = grant_dialog.picker
    assert picker.select_code(LAKE)
    select_node(picker, NodeKind.REGION, "32050801")                   # 平江街道
    assert picker.scopes() == [Scope("region", "32050801"), Scope("camera", LAKE)] or \
        picker.scopes() == [Scope("camera", LAKE), Scope("region", "32050801")]
    assert "1" in picker.summary_label.text()
    assert not grant_dialog.ok_button_enabled                          # the reason
    grant_dialog.grantee_kind.setCurrentIndex(1)                        # a person
    grant_dialog.grantee_combo.setCurrentIndex(grant_dialog.grantee_combo.findData("wall01"))
    grant_dialog.right_boxes[Right.PTZ].setChecked(True)
    grant_dialog.hours_spin.setValue(2)
    grant_dialog.reason_edit.setPlainText("金鸡湖落水救援")
    assert grant_dialog.ok_button_enabled
    grant_dialog.buttons.accepted.emit()
    assert window.management.grants.dialog is None or not grant_dialog.isVisible()
    (record,) = _records(sqlite_db, Action.GRANT_EMERGENCY, "super01")
    ids = json.loads(record.params)["grants"]
    rows = grant_rows(sqlite_db, ids)
    assert len(rows) == 2 and all(g.emergency and g.live and g.ptz for g in rows)
    assert {g.scope_kind for g in rows} == {"camera", "region"}
    assert all(g.valid_to - g.valid_from == timedelta(hours=2) for g in rows)
    assert "#" in window.notice_bar.text()
    dialog.phase_combo.setCurrentIndex(0)                               # current
    assert set(ids) <= {r.id for r in dialog.model.rows}
    lake_row = next(n for n, r in enumerate(dialog.model.rows) if r.scope == f"camera:{LAKE}")
    assert dialog.model.index(lake_row, 4).data() == f"监控点 金鸡湖东岸 {LAKE}"

    # revoke one of them: a reason is required
    row = next(n for n, r in enumerate(dialog.model.rows) if r.id == ids[0])
    dialog.table.selectRow(row)
    assert dialog.revoke_button.isEnabled()
    dialog.revoke_button.click()
    revoke = dialog.revoke_dialog
    assert isinstance(revoke, RevokeDialog)
    ok = revoke.buttons.button(revoke.buttons.StandardButton.Ok)
    assert not ok.isEnabled()
    revoke.reason_edit.setPlainText("人员已救出")
    assert ok.isEnabled()
    ok.click()
    (revoked,) = grant_rows(sqlite_db, [ids[0]])
    assert revoked.revoked_by == "super01" and revoked.revoke_reason == "人员已救出"
    assert ids[0] not in {r.id for r in dialog.model.rows}              # current only
    assert f"#{ids[0]}" in dialog.notice_label.text()

    # an ordinary grant: the button stays off, and the centre refuses it anyway
    ordinary = next(r for r in dialog.model.rows if not r.emergency)
    dialog.table.selectRow(dialog.model.rows.index(ordinary))
    assert not dialog.revoke_button.isEnabled()
    dialog.revoke(ordinary.id, "试一试")
    assert dialog.error_label.isVisibleTo(dialog)
    assert grant_rows(sqlite_db, [ordinary.id])[0].revoked_at is None


def test_the_centre_refuses_a_supervisor_another_units_grants(
        qtbot, services: Services, sqlite_db: Database) -> None:
    session = demo_login(services, "super01")
    grants, sid = services.grants, session.session_id
    with sqlite_db.transaction() as s:
        other_emergency = s.execute(select(Grant.id).where(Grant.emergency)).scalar_one()
    for attempt in (
            lambda: grants.issue_emergency_set(sid, Grantee(unit="GUSU-PSB"),
                                               [Scope("camera", LAKE)], ["live"], reason="演练"),
            lambda: grants.issue_emergency_set(sid, Grantee(user="duty01"),
                                               [Scope("camera", LAKE)], ["live"], reason="演练"),
            lambda: grants.list_grants(sid, of_unit="GUSU-PSB"),
            lambda: grants.revoke(sid, other_emergency, "处置结束")):
        with pytest.raises(Refused) as caught:
            attempt()
        assert caught.value.reason == Reason.OTHER_UNIT
        assert caught.value.status == 403
    denied = [r for r in _all_records(sqlite_db, "super01") if r.outcome == Outcome.DENIED]
    assert [(r.action, r.reason) for r in denied] == [
        ("GRANT_EMERGENCY", "OTHER_UNIT"), ("GRANT_EMERGENCY", "OTHER_UNIT"),
        ("GRANT_LIST", "OTHER_UNIT"), ("GRANT_REVOKE", "OTHER_UNIT")]
    # the dialog would say so in a sentence
    assert refusal_text(caught.value).startswith("这属于其他单位：值班长只能处理本单位的授权。")


def test_an_administrator_records_a_grant_from_a_form(
        qtbot, services: Services, sqlite_db: Database) -> None:
    window, dialog = open_grants(qtbot, services, "admin01")
    assert {"unit:GUSU-PSB", "user:duty01", "unit:CITY-OPS"} <= grantees(dialog)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("GUSU-PSB"))
    assert grantees(dialog) == {"unit:GUSU-PSB", "user:duty01"}  # the unit and its people
    assert dialog.form_button.isVisibleTo(dialog)
    dialog.form_button.click()
    form = window.management.grants.dialog
    assert isinstance(form, GrantFormDialog) and form.isVisible()
    form.grantee_combo.setCurrentIndex(form.grantee_combo.findData("GUSU-PSB"))
    picker = form.picker
    # a not-shared camera of the grantee's own: the form says what it is, and that an
    # ordinary grant opens it only for its owner unit (which the grantee here is)
    assert picker.select_code(NORTH_BUREAU)
    assert "不予共享" in picker.details_label.text()
    assert "姑苏区公安分局" in picker.details_label.text()
    assert "其中 1 个不予共享" in picker.summary_label.text()
    select_node(picker, NodeKind.REGION, "320571")                      # 苏州工业园区
    (group_box,) = picker.group_boxes.values()
    group_box.setChecked(True)
    picker.codes_edit.setText("不是编码")
    assert not form.ok_button_enabled
    assert "不是编码" in picker.summary_label.text()
    picker.codes_edit.clear()
    form.right_boxes[Right.PLAYBACK].setChecked(True)
    start = datetime(2026, 7, 1, 8, 0, tzinfo=UTC)
    form.from_edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp())))
    form.to_edit.setDateTime(QDateTime.fromSecsSinceEpoch(
        int((start + timedelta(days=180)).timestamp())))
    form.purpose_edit.setText("园区治安巡查")
    form.approver_edit.setText("市城运中心 周主任")
    assert not form.ok_button_enabled                                   # no form number yet
    form.reference_edit.setText("GS-SQ-2026-099")
    assert form.ok_button_enabled
    form.buttons.accepted.emit()
    assert window.management.grants.dialog is None or not form.isVisible()
    (record,) = _records(sqlite_db, Action.GRANT_ISSUE, "admin01")
    params = json.loads(record.params)
    assert params["reference"] == "GS-SQ-2026-099" and params["rights"] == ["live", "playback"]
    rows = grant_rows(sqlite_db, params["grants"])
    assert sorted(g.scope_kind for g in rows) == ["camera", "group", "region"]
    assert all(g.valid_from == start and g.valid_to == start + timedelta(days=180)
               and g.approver == "市城运中心 周主任" and not g.emergency for g in rows)
    # not started yet: in the current list, filed as such
    assert set(params["grants"]) <= {r.id for r in dialog.model.rows
                                     if r.phase == Phase.PENDING}


def test_duty_officers_have_no_grants_and_the_centre_refuses_them(
        qtbot, services: Services, sqlite_db: Database) -> None:
    session = demo_login(services, "duty01")
    window = window_for(qtbot, services, session)
    assert window.management.actions == []
    with pytest.raises(Refused) as caught:
        services.grants.list_grants(session.session_id)
    assert caught.value.reason == Reason.NOT_PERMITTED
    with pytest.raises(Refused) as caught:
        services.grants.targets(session.session_id)
    assert caught.value.reason == Reason.NOT_PERMITTED
    assert [(r.action, r.outcome) for r in _all_records(sqlite_db, "duty01")
            if r.action == "GRANT_LIST"] == [("GRANT_LIST", "denied")] * 2


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_dialogs_are_translated(qtbot, services: Services, language: str) -> None:
    prepare_app(language)
    window, dialog = open_grants(qtbot, services, "admin01")
    texts = visible_texts(dialog)
    texts.extend(str(dialog.model.headerData(c, Qt.Orientation.Horizontal))
                 for c in range(dialog.model.columnCount()))
    texts.extend(dialog.phase_combo.itemText(i) for i in range(dialog.phase_combo.count()))
    for r in range(dialog.model.rowCount()):    # state, kind, rights; the scope's kind
        texts.extend(dialog.model.index(r, c).data() or "" for c in (1, 2, 5))
        texts.append(dialog.model.index(r, 4).data().split(" ")[0])
    data = set()                                # names and descriptions: data, not UI
    dialog.table.selectRow(0)
    dialog.revoke_button.click()
    assert dialog.revoke_dialog is not None
    texts.extend(visible_texts(dialog.revoke_dialog))
    data.update(w.text() for w in dialog.revoke_dialog.findChildren(QLabel))
    dialog.revoke_dialog.reject()
    for opener in (dialog.emergency_button, dialog.form_button):
        opener.click()
        grant_dialog = window.management.grants.dialog
        assert grant_dialog is not None
        grant_dialog.show_refusal(describe(Reason.OTHER_UNIT))   # the centre's line: English
        texts.extend(visible_texts(grant_dialog))
        texts.extend(grant_dialog.grantee_kind.itemText(i) for i in range(2))
        data.update(t for box in grant_dialog.picker.group_boxes.values()
                    for t in (box.text(), box.toolTip()))
        grant_dialog.reject()
    texts = [t for t in texts if t not in data]
    if language == "zh_CN":
        sources = _sources()
        leftovers = [t for t in texts if t in sources or t in QT_ENGLISH
                     or ENGLISH_PHRASE.search(t)]
    else:
        leftovers = [t for t in texts if CJK.search(t)]
    assert leftovers == []


def _records(db: Database, action: Action, actor: str) -> list[AuditRecord]:
    with db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(
            AuditRecord.action == str(action), AuditRecord.actor == actor,
            AuditRecord.outcome == str(Outcome.OK))).scalars())


def _all_records(db: Database, actor: str) -> list[AuditRecord]:
    with db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.actor == actor)
                              .order_by(AuditRecord.seq)).scalars())
