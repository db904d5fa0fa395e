"""Online rates in the console (issue 14 item 9): the Management menu's dialog for
administrators (every unit) and supervisors (their own unit's cameras), the figures the
centre computes from the recorded states, a bar chart with the 98 % line — in Chinese, and
in English with nothing Chinese but the data."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from sqlalchemy import select

from console.clock import FixedClock
from console.passwords import PasswordHashing
from console.services import Services
from console.storage.database import Database
from console.storage.models import Camera, CameraOnlineChange, Unit, User
from console.views.main_window import MainWindow
from console.views.online_rate_dialog import BELOW, GOOD, TARGET_LINE, OnlineRateDialog
from console.views.tasks import TaskRunner
from tests.test_views_languages import CJK
from tests.views_support import demo_login, demo_services, prepare_app, visible_texts


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


@pytest.fixture
def services(sqlite_db: Database, clock: FixedClock, hashing: PasswordHashing) -> Services:
    return demo_services(sqlite_db, clock, hashing)


def window_for(qtbot, services: Services, account: str) -> MainWindow:
    window = MainWindow(services, TaskRunner(synchronous=True), demo_login(services, account),
                        services.auth.policy(), permission_check_ms=100)
    qtbot.addWidget(window)
    window.show()
    return window


def _expected(db: Database, unit_code: str | None = None) -> dict[str, tuple[int, int]]:
    """(online, total) per owner unit code, from the catalogue."""
    with db.transaction() as s:
        rows = s.execute(select(Unit.code, Camera.online).join(
            Unit, Unit.id == Camera.owner_unit_id)).all()
    online, total = Counter[str](), Counter[str]()
    for code, is_online in rows:
        if unit_code is None or code == unit_code:
            total[code] += 1
            online[code] += int(is_online)
    return {code: (online[code], total[code]) for code in total}


def _colour_at(dialog: OnlineRateDialog, x: float, y: float) -> QColor:
    image = dialog.chart.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio))


def test_an_administrator_sees_every_unit_with_the_chart_and_the_98_line(
        qtbot, services: Services, sqlite_db: Database, clock: FixedClock) -> None:
    # Six hours after the demo catalogue arrived (its states recorded then); one online
    # camera went offline two hours ago.
    with sqlite_db.transaction() as s:
        camera = s.execute(select(Camera).where(Camera.online.is_(True))
                           .order_by(Camera.code).limit(1)).scalar_one()
        owner = s.get(Unit, camera.owner_unit_id)
        assert owner is not None
        dropped_unit = owner.code
        s.add(CameraOnlineChange(camera_id=camera.id, at=clock.now() + timedelta(hours=4),
                                 online=False))
    clock.advance(6 * 3600)
    expected = _expected(sqlite_db)
    window = window_for(qtbot, services, "admin01")
    management = window.management
    assert management.online_action in management.actions
    assert management.online_action.text() == "在线率…"
    management.online_action.trigger()
    dialog = management.online_dialog
    assert isinstance(dialog, OnlineRateDialog) and dialog.answer is not None
    rows = {r.key: r for r in dialog.model.rows}
    assert set(rows) == set(expected)
    for code, (online, total) in expected.items():
        now_online = online - (1 if code == dropped_unit else 0)
        row = rows[code]
        assert (row.online, row.total) == (now_online, total), code
        assert row.expected_hours == pytest.approx(6.0 * total)
        assert row.online_hours == pytest.approx(6.0 * online - (2.0 if code == dropped_unit
                                                                 else 0.0))
    assert dialog.model.index(0, 5).data().endswith(" %")
    assert "目标 98 %" in dialog.chart.target_label
    # the chart: a bar per unit, coloured by the target, and the dashed target line
    bars = dialog.chart.bar_rects()
    assert len(bars) == len(dialog.model.rows)
    for row, rect in zip(dialog.model.rows, bars, strict=True):
        assert row.weighted_rate is not None
        if rect.height() < 4:
            continue
        colour = _colour_at(dialog, rect.center().x(), rect.bottom() - 2)
        assert colour == (GOOD if row.weighted_rate >= 0.98 else BELOW), (row.key, colour)
    below = [r for r in dialog.model.rows if r.weighted_rate is not None
             and r.weighted_rate < 0.98]
    assert rows[dropped_unit] in below
    plot, line_y = dialog.chart.plot_rect(), dialog.chart.y_of(0.98)
    line = [_colour_at(dialog, plot.left() + dx, line_y) for dx in range(0, 40)]
    assert any(c.red() > 150 and c.green() < 90 and c.blue() < 90 for c in line), line
    assert TARGET_LINE.red() == 200
    # in Chinese: nothing left in English but the data
    texts = visible_texts(dialog)
    assert "统计周期" in texts and "分组" in texts
    assert (dialog.by_combo.currentText(), dialog.period_combo.currentText()) == ("按单位", "日")
    assert dialog.model.headerData(5, Qt.Orientation.Horizontal) == "时长在线率"
    assert "在线" in dialog.summary_label.text()
    # by region, and a whole month
    dialog.by_combo.setCurrentIndex(1)
    assert dialog.answer.by == "region"
    dialog.period_combo.setCurrentIndex(2)
    assert dialog.answer.period == "month"
    assert sum(r.total for r in dialog.model.rows) == sum(t for _o, t in expected.values())
    # a period that has not begun: the centre's refusal, said in the dialog
    dialog.date_edit.setDate(dialog.date_edit.date().addYears(2))
    assert dialog.error_label.isVisible() and dialog.error_label.text()


def test_a_supervisor_sees_their_own_unit_and_a_duty_officer_nothing(
        qtbot, services: Services, sqlite_db: Database) -> None:
    with sqlite_db.transaction() as s:
        unit = s.execute(select(Unit.code).join(User, User.unit_id == Unit.id)
                         .where(User.account == "super01")).scalar_one()
    window = window_for(qtbot, services, "super01")
    window.management.online_action.trigger()
    dialog = window.management.online_dialog
    assert dialog is not None and dialog.answer is not None
    assert [r.key for r in dialog.model.rows] == list(_expected(sqlite_db, unit)) or (
        dialog.model.rows == [] and _expected(sqlite_db, unit) == {})
    window.close()
    duty = window_for(qtbot, services, "duty01")
    assert duty.management.actions == []


def test_english_leaves_no_chinese_but_the_data(qtbot, services: Services,
                                                clock: FixedClock) -> None:
    clock.advance(3600)
    prepare_app("en")
    try:
        window = window_for(qtbot, services, "admin01")
        window.management.online_action.trigger()
        dialog = window.management.online_dialog
        assert dialog is not None and dialog.answer is not None
        texts = visible_texts(dialog)
        texts += [dialog.chart.target_label, dialog.summary_label.text()]
        for combo in (dialog.period_combo, dialog.by_combo):
            texts += [combo.itemText(i) for i in range(combo.count())]
        texts += [dialog.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
        data = [r.name for r in dialog.model.rows]
    finally:
        prepare_app("zh_CN")
    assert "Online rates" in texts and "Time-weighted rate" in texts and "Target 98 %" in texts
    leftovers = [t for t in texts if CJK.search(t) and t not in data]
    assert leftovers == []
