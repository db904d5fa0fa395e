"""The 值班 menu in the console (R12), offscreen against a real centre: a supervisor puts
shifts on the roster; a duty officer writes an on-duty log entry from a tile's menu (the
entry names that view); hands the shift over; the next officer refuses (a reason is
needed), the first signs again, the second accepts; the supervisor returns the shift, then
approves it (locked) and saves the PDF report — in Chinese with nothing left untranslated,
and in English with no Chinese but the data."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, QPoint
from sqlalchemy import delete, select, update

from console.admin.service import AdminService
from console.auth.results import SessionInfo
from console.clock import FixedClock
from console.demo.accounts import DEMO_PASSWORD
from console.demo.seed import DEMO_TERMINAL
from console.duty.rules import HandoverState, ReviewState
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import DutyLogEntry, DutyShift, DutyShiftPerson, User
from console.views.duty_dialogs import DutyLogDialog, DutyReviewDialog, HandoverDialog
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER, SHANGHAI
from tests.test_views_languages import CJK, ENGLISH_PHRASE, QT_ENGLISH, _sources, clipped
from tests.views_support import (
    demo_login,
    demo_services,
    open_first_view,
    prepare_app,
    visible_texts,
)


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


def _h(hour: float) -> datetime:
    return datetime(2026, 1, 1, tzinfo=SHANGHAI) + timedelta(hours=hour)


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    found = demo_services(sqlite_db, clock, hashing)
    admin = AdminService(sqlite_db, clock, hashing)     # duty02 is a demo account
    admin.create_user(INSTALLER, "super02", "周静", "GUSU-PSB", "supervisor",
                      password=DEMO_PASSWORD)
    admin.bind(INSTALLER, "super02", DEMO_TERMINAL)
    with sqlite_db.transaction() as s:
        s.execute(update(User).values(must_change_password=False))
        # the roster starts empty here (the demo's own shifts: tests/test_demo_seed.py)
        s.execute(delete(DutyShiftPerson))
        s.execute(delete(DutyShift))
    return found


def window_for(qtbot, services: Services, session: SessionInfo) -> MainWindow:
    window = MainWindow(services, TaskRunner(synchronous=True), session,
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    return window


def _no_english(texts: list[str]) -> list[str]:
    sources = _sources()
    return [t for t in texts if t in sources or t in QT_ENGLISH or ENGLISH_PHRASE.search(t)]


def _supervisor_sets_the_roster(qtbot, services: Services) -> None:
    window = window_for(qtbot, services, demo_login(services, "super02"))
    duty = window.duty
    assert [a.text() for a in duty.actions] == ["值班日志…", "交接班…", "值班审核与排班…"]
    duty.review_action.trigger()
    review = duty.dialog
    assert isinstance(review, DutyReviewDialog)
    review.new_title.setText("白班")
    review.new_start.setDateTime(QDateTime.fromSecsSinceEpoch(int(_h(7).timestamp())))
    review.new_end.setDateTime(QDateTime.fromSecsSinceEpoch(int(_h(12).timestamp())))
    review.add_shift_button.click()                    # nobody named
    assert review.error_label.isVisibleTo(review)
    review.new_people.setText("duty01")
    review.add_shift_button.click()
    review.new_title.setText("中班")
    review.new_start.setDateTime(QDateTime.fromSecsSinceEpoch(int(_h(12).timestamp())))
    review.new_end.setDateTime(QDateTime.fromSecsSinceEpoch(int(_h(20).timestamp())))
    review.new_people.setText("duty02")
    review.add_shift_button.click()
    assert [r.title for r in review.model.rows] == ["中班", "白班"]
    assert _no_english(visible_texts(review)) == []
    assert clipped(review) == []
    window.close()


def test_log_handover_refused_and_redone_review_and_report(
        qtbot, services: Services, sqlite_db: Database, clock: FixedClock,
        tmp_path: Path) -> None:
    _supervisor_sets_the_roster(qtbot, services)

    # duty01 writes an entry from a tile: the entry names that view
    session = demo_login(services, "duty01")
    window = window_for(qtbot, services, session)
    assert window.management.actions == []
    open_first_view(window, services, session)
    ticket = window.view_grid.tiles[0].ticket
    assert ticket is not None
    window.desk._on_menu_requested(0, QPoint(5, 5))
    menu = window.desk.menu
    assert menu is not None
    (action,) = [a for a in menu.actions() if a.objectName() == "dutyLogAction"]
    assert action.text() == "记入值班日志…"
    menu.close()
    action.trigger()
    log = window.duty.dialog
    assert isinstance(log, DutyLogDialog) and log.isVisible()
    assert log.cameras_edit.text() == ticket.camera_code
    assert ticket.camera_name in log.view_label.text()
    assert log.shift_combo.count() == 1 and "白班" in log.shift_combo.currentText()
    log.add_button.click()                             # nothing seen
    assert log.error_label.isVisibleTo(log)
    # another camera picked in the tree while the log stays open
    assert not log.isModal()
    tree = window.camera_dock
    other = next(e for e in tree.model.tree.entries  # type: ignore[union-attr]
                 if e.code != ticket.camera_code)
    assert tree.select_camera(other.code)
    log.tree_button.click()
    assert log.cameras_edit.text() == f"{ticket.camera_code}, {other.code}"
    log.seen_edit.setPlainText("路口有车辆违停，影响通行")
    log.follow_edit.setText("通知交警")
    log.add_button.click()
    assert [r.seen for r in log.model.rows] == ["路口有车辆违停，影响通行"]
    assert [c.code for c in log.model.rows[0].cameras] == [ticket.camera_code, other.code]
    with sqlite_db.transaction() as s:
        entry = s.execute(select(DutyLogEntry)).scalar_one()
        assert (entry.view_id, entry.author) == (ticket.id, "duty01")
    # a correction, never an edit
    log.table.selectRow(0)
    log.correct_button.click()
    assert log.mode_label.text() == f"正在更正记录 #{entry.id}"
    log.location_edit.setText("人民路干将路口东侧")
    log.add_button.click()
    assert [r.corrects for r in log.model.rows] == [None, entry.id], log.error_label.text()
    assert log.model.index(0, 8).data() == f"已由 #{log.model.rows[1].id} 更正"
    assert _no_english(visible_texts(log)) == []
    assert clipped(log) == []

    # the handover: the centre's snapshot, the signature
    clock.set(_h(11.9))
    window.duty.handover_action.trigger()
    handover = window.duty.dialog
    assert isinstance(handover, HandoverDialog)
    assert "未结事项：1" in handover.content_view.toPlainText()
    assert "在线率（时点）" in handover.content_view.toPlainText()
    assert "当日在线率（时间加权）" in handover.content_view.toPlainText()
    assert "时点占比" not in handover.content_view.toPlainText()
    handover.note_edit.setText("违停车辆待交警处理")
    handover.sign_button.click()
    assert [r.state for r in handover.model.rows] == [HandoverState.SIGNED]
    assert _no_english(visible_texts(handover)) == []
    assert clipped(handover) == []
    window.close()

    # duty02 refuses it (a reason is needed), duty01 signs again, duty02 accepts
    clock.set(_h(12.1))
    window = window_for(qtbot, services, demo_login(services, "duty02"))
    window.duty.handover_action.trigger()
    incoming = window.duty.dialog
    assert isinstance(incoming, HandoverDialog)
    incoming.table.selectRow(0)
    assert incoming.accept_button.isEnabled()
    incoming.refuse_button.click()
    assert incoming.error_label.isVisibleTo(incoming)
    incoming.reason_edit.setText("未说明违停车辆位置")
    incoming.refuse_button.click()
    assert [r.state for r in incoming.model.rows] == [HandoverState.REFUSED]
    assert "已拒收" in incoming.info_label.text()
    window.close()
    window = window_for(qtbot, services, demo_login(services, "duty01"))
    window.duty.handover_action.trigger()
    again = window.duty.dialog
    assert isinstance(again, HandoverDialog)
    again.note_edit.setText("违停车辆在人民路干将路口东侧，交警已在途")
    again.sign_button.click()
    assert [r.state for r in again.model.rows] == [HandoverState.SIGNED,
                                                   HandoverState.REFUSED]
    window.close()
    window = window_for(qtbot, services, demo_login(services, "duty02"))
    window.duty.handover_action.trigger()
    incoming = window.duty.dialog
    assert isinstance(incoming, HandoverDialog)
    incoming.table.selectRow(0)
    incoming.accept_button.click()
    assert incoming.model.rows[0].state == HandoverState.ACCEPTED
    window.close()

    # the supervisor returns the shift (a comment is needed), then approves it; the report
    clock.set(_h(12.5))
    window = window_for(qtbot, services, demo_login(services, "super02"))
    window.duty.review_action.trigger()
    review = window.duty.dialog
    assert isinstance(review, DutyReviewDialog)
    row = next(n for n, r in enumerate(review.model.rows) if r.title == "白班")
    review.table.selectRow(row)
    assert review.model.index(row, 6).data() in ("全员到岗", "迟到：1", "迟到：1，空岗：1")
    text = review.detail_view.toPlainText()
    assert "到岗情况" in text and "路口有车辆违停" in text and "已拒收" in text
    review.return_button.click()
    assert review.error_label.isVisibleTo(review)
    review.comment_edit.setText("请补记交警到场时间")
    review.return_button.click()
    review.table.selectRow(row)
    assert review.model.rows[row].review == ReviewState.RETURNED
    review.approve_button.click()
    review.table.selectRow(row)
    assert review.model.rows[row].review == ReviewState.APPROVED
    assert not review.approve_button.isEnabled()
    assert _no_english(visible_texts(review)) == []
    target = tmp_path / "shift.pdf"
    review.save_report(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert review.info_label.text() == f"报告已保存：{target}"
    window.close()

    # locked: the officer's next entry is refused with the centre's reason
    window = window_for(qtbot, services, demo_login(services, "duty01"))
    log = window.duty.open_log()
    log.seen_edit.setPlainText("补记")
    log.add_button.click()
    assert "锁定" in log.error_label.text()


def test_english_leaves_no_chinese_but_the_data(qtbot, services: Services) -> None:
    prepare_app("en")
    try:
        session = demo_login(services, "super02")
        services.duty.set_shift(session.session_id, "GUSU-PSB", "白班", _h(7), _h(12),
                                ["super02"])
        services.duty.set_shift(session.session_id, "GUSU-PSB", "中班", _h(12), _h(20),
                                ["duty02"])
        window = window_for(qtbot, services, session)
        texts = [a.text() for a in window.duty.actions]
        window.duty.review_action.trigger()
        review = window.duty.dialog
        assert isinstance(review, DutyReviewDialog)
        review.table.selectRow(1)
        texts += visible_texts(review) + review.detail_view.toPlainText().splitlines()
        texts += [str(review.model.index(r, c).data()) for r in range(2) for c in range(10)]
        problems = clipped(review)
        window.duty.log_action.trigger()
        log = window.duty.dialog
        assert isinstance(log, DutyLogDialog)
        texts += visible_texts(log)
        texts += [log.category_combo.itemText(i) for i in range(log.category_combo.count())]
        texts += [log.shift_combo.itemText(i) for i in range(log.shift_combo.count())]
        problems += clipped(log)
        window.duty.handover_action.trigger()
        handover = window.duty.dialog
        assert isinstance(handover, HandoverDialog)
        texts += visible_texts(handover) + handover.content_view.toPlainText().splitlines()
        problems += clipped(handover)
    finally:
        prepare_app("zh_CN")
    assert "Duty review and roster…" in texts and "On-duty log" in texts
    assert any("(point in time)" in t for t in texts)
    assert any("(time weighted)" in t for t in texts)
    assert problems == []
    data = {"周静", "姑苏区公安分局", "白班", "中班", "刘洋", DEMO_TERMINAL,   # data
            "沪宁城际阳澄湖站", "阳澄湖站大客流应急疏导（演示）"}
    leftovers = []
    for text in texts:
        stripped = text
        for value in data:
            stripped = stripped.replace(value, "")
        if CJK.search(stripped):
            leftovers.append(text)
    assert leftovers == [], leftovers


def test_the_supervisor_changes_a_shift_on_the_roster(
        qtbot, services: Services, sqlite_db: Database) -> None:
    """The roster dialog changes an existing shift (as ``duty shift-change`` does): the
    selected one is loaded into the fields, edited and saved onto that shift; a person of
    another unit is refused by the centre, and the shift stays as it was."""
    from console.storage.models import AuditRecord

    _supervisor_sets_the_roster(qtbot, services)
    window = window_for(qtbot, services, demo_login(services, "super02"))
    window.duty.review_action.trigger()
    review = window.duty.dialog
    assert isinstance(review, DutyReviewDialog)
    review.search()
    assert not review.change_shift_button.isEnabled()       # nothing loaded
    row = [r.title for r in review.model.rows].index("中班")
    review.table.selectRow(row)
    assert review.edit_shift_button.isEnabled()
    review.edit_shift_button.click()
    shift_id = review.model.rows[row].id
    assert (review.new_title.text(), review.new_people.text()) == ("中班", "duty02")
    assert f"#{shift_id}" in review.editing_label.text()
    assert review.change_shift_button.isEnabled()

    review.new_people.setText("duty02, wall01")               # wall01 is of CITY-OPS
    review.change_shift_button.click()
    assert review.error_label.isVisibleTo(review)
    assert "wall01" in review.error_label.text()

    review.new_title.setText("晚班")
    review.new_end.setDateTime(QDateTime.fromSecsSinceEpoch(int(_h(21).timestamp())))
    review.new_people.setText("duty02，duty01")
    review.change_shift_button.click()
    assert not review.error_label.isVisibleTo(review)
    assert review.info_label.text() == f"班次 #{shift_id} 已修改。"
    changed = next(r for r in review.model.rows if r.id == shift_id)
    assert (changed.title, changed.ends_at, [p.account for p in changed.people]) == (
        "晚班", _h(21), ["duty02", "duty01"])
    assert len(review.model.rows) == 2                      # changed, not added
    assert not review.change_shift_button.isEnabled()
    with sqlite_db.transaction() as s:
        last = s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)
                         ).scalar_one()
    assert (last.action, last.actor, last.outcome) == ("DUTY_SHIFT_CHANGE", "super02", "ok")
    assert _no_english(visible_texts(review)) == []
    assert clipped(review) == []


def test_a_handover_signed_before_online_rates_keeps_its_label() -> None:
    """Handovers stored before the centre recorded online rates carry the catalogue's share
    (``point_in_time``): they still read, labelled as that share, with no weighted rate;
    new ones show both rates."""
    import json as json_

    from console.api.duty_wire import HandoverContent
    from console.views.duty_dialogs import content_text

    old = HandoverContent.model_validate(json_.loads(json_.dumps({
        "open_items": [], "open_faults": [], "ptz_faults": [], "emergency_grants": [],
        "online": {"kind": "point_in_time", "online": 9, "total": 10,
                   "at": "2026-01-01T08:00:00+00:00"}})))
    assert old.online.weighted_rate is None and old.online.point_rate == 0.9
    text = content_text(old)
    assert "目录时点占比" in text and "9/10 = 90.0 %" in text and "时间加权" not in text
    new = old.model_copy(update={"online": old.online.model_copy(update={
        "kind": "online_rates", "online_hours": 76.0, "expected_hours": 80.0,
        "since": _h(0)})})
    text = content_text(new)
    assert "在线率（时点）" in text and "76.0/80.0 摄像机小时 = 95.0 %" in text
