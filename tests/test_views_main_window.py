"""The main window frame: who and where in the status bar, a ticking clock, menus without
any capture or export, the empty camera dock and video grid, and logout on close."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from console.storage.models import ConsoleSession
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.support.catalog import add_cameras
from tests.views_support import logged_in, open_first_view, prepare_app, services_for


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


@pytest.fixture
def window(qtbot, world):
    services = services_for(world)
    session, policy = logged_in(services)
    win = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(win)
    win.show()
    return win


def _session_row(world, session_id: str) -> ConsoleSession:
    with world.db.transaction() as s:
        row = s.get(ConsoleSession, session_id)
        assert row is not None
        return row


def test_status_bar_says_who_where_and_which_session(window):
    labels = {key: label.text() for key, label in window.status_labels.items()}
    code = window.session.code
    assert labels["user"] == "操作员：张三 (zhangsan)"
    assert labels["role"] == "值班员"
    assert labels["unit"] == "市城运中心"
    assert labels["terminal"] == "终端：T-0042 · 127.0.0.42"
    assert labels["session"] == f"会话：{code}"
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    assert window.windowTitle() == "视频共享调阅终端 — 张三 (zhangsan)"


def test_clock_shows_local_time_and_ticks_every_second(qtbot, window, world):
    clock = window.status_labels["clock"]
    assert clock.text() == world.clock.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    world.clock.advance(7)
    expected = world.clock.now().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    qtbot.waitUntil(lambda: clock.text() == expected, timeout=2500)


def test_menus(window):
    menus = {a.text(): a.menu() for a in window.menuBar().actions()}
    assert list(menus) == ["系统", "值班", "帮助"]    # a duty officer: the Duty menu
    system = [a.text() for a in menus["系统"].actions() if not a.isSeparator()]
    assert system == ["修改密码…", "锁定屏幕", "注销", "退出"]
    assert window.lock_action.shortcut() == QKeySequence("Ctrl+L")
    assert [a.text() for a in menus["帮助"].actions()] == ["关于"]
    assert [a.text() for a in menus["值班"].actions()] == ["值班日志…", "交接班…"]


def test_no_capture_record_or_export_action_anywhere(window):
    forbidden = re.compile(r"截图|截屏|抓图|录像|录制|录屏|导出|下载|拷贝|snapshot|screenshot|"
                           r"record|export|download|capture", re.IGNORECASE)
    actions = [a.text() for a in window.findChildren(type(window.lock_action))]
    assert actions
    assert not [t for t in actions if forbidden.search(t)]


def test_camera_dock_and_empty_video_grid(window):
    assert window.camera_dock.windowTitle() == "监控点"
    assert window.camera_dock.search_edit.placeholderText() == "搜索监控点"
    assert window.camera_dock.empty_label.isVisible()
    assert window.camera_dock.empty_label.text().startswith("暂无监控点。")
    assert window.camera_dock.model.rowCount() == 0
    hints = [tile.osd_spec().notice for tile in window.view_grid.tiles]
    assert hints == ["拖入监控点以播放"] * 4


def test_about_names_the_version_and_terminal_identity(window):
    import console

    window.about_action.trigger()
    box = window.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "关于"
    info = box.informativeText()
    assert f"版本 {console.__version__}" in info
    assert "终端：T-0042（指挥大厅 A 区 2 号席）" in info
    assert "IP 地址：127.0.0.42" in info
    assert "MAC 地址：00:1a:2b:3c:4d:42" in info


def test_closing_the_window_logs_out(qtbot, window, world):
    with qtbot.waitSignal(window.exit_requested):
        window.close()
    row = _session_row(world, window.session.session_id)
    assert row.ended_at is not None
    assert row.end_reason == "LOGOUT"


def test_log_out_returns_to_login(qtbot, window, world):
    with qtbot.waitSignal(window.logged_out), qtbot.assertNotEmitted(window.exit_requested):
        window.logout_action.trigger()
    assert not window.isVisible()
    assert _session_row(world, window.session.session_id).end_reason == "LOGOUT"


def test_logout_runs_through_the_threaded_runner(qtbot, world):
    services = services_for(world)
    session, policy = logged_in(services)
    runner = TaskRunner()
    win = MainWindow(services, runner, session, policy)
    qtbot.addWidget(win)
    win.show()
    win.exit_action.trigger()
    assert runner.wait_for_done(5000)
    assert _session_row(world, session.session_id).end_reason == "LOGOUT"


def test_a_long_notice_is_elided_beside_the_fields_whole_in_its_tip_and_kept(qtbot, window):
    window.resize(1100, 700)
    long = "；".join(f"监控点{i}：授权已撤销，视图已关闭" for i in range(12))
    window.show_message(long)
    qtbot.wait(50)
    bar = window.notice_bar
    assert bar.text() == long
    assert bar.label.toolTip() == long
    shown = bar.label.text()
    assert shown != long and shown.endswith("…")
    assert bar.label.fontMetrics().horizontalAdvance(shown) <= bar.label.width()
    # the notice ends before the operator fields begin
    status = window.statusBar()
    right = bar.label.mapTo(status, bar.label.rect().topRight()).x()
    first_field = min(label.mapTo(status, label.rect().topLeft()).x()
                      for label in window.status_labels.values() if label.isVisible())
    assert right < first_field
    window.show_message("第二条")
    assert [text for _, text in bar.history] == [long, "第二条"]
    bar.history_menu.aboutToShow.emit()
    assert [a.toolTip() for a in bar.history_menu.actions()] == ["第二条", long]


def test_a_tile_notice_can_be_dismissed(qtbot, window):
    tile = window.view_grid.tiles[0]
    tile.show_free("平江路北口：授权已被撤销。")
    qtbot.mouseMove(tile)
    tile.enterEvent(None)   # offscreen: no pointer events from a window system
    assert tile.close_button.isVisible()
    assert tile.close_button.toolTip() == "关闭此提示"
    tile.close_button.click()
    assert tile.message == ""
    assert not tile.close_button.isVisible()


def test_logout_and_exit_ask_when_views_are_open_and_say_how_many(qtbot, world):
    add_cameras(world.db, world.clock)
    services = services_for(world)
    session, policy = logged_in(services)
    win = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(win)
    win.show()
    open_first_view(win, services, session)
    logged_out = []
    win.logged_out.connect(lambda: logged_out.append(True))
    win.logout_action.trigger()
    box = win.confirm_box
    assert box is not None and box.isVisible()
    assert box.text() == "将关闭 1 个打开的视图。"
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert win.confirm_box is None and not logged_out and win.isVisible()
    win.exit_action.trigger()
    box = win.confirm_box
    assert box is not None and box.windowTitle() == "退出"
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert win.isVisible()
    win.logout_action.trigger()
    assert win.confirm_box is not None
    win.confirm_box.button(QMessageBox.StandardButton.Yes).click()
    assert logged_out == [True]
    qtbot.waitUntil(lambda: _session_row(world, session.session_id).ended_at is not None)


def test_a_view_that_could_not_be_opened_is_told_without_the_exceptions_text(window):
    name = "人民路与干将路交叉口"
    entry = type("Entry", (), {"name": name, "code": "32050000000000000001"})()
    window._on_view_open_failed(entry, 0, RuntimeError("HTTPSConnectionPool: Max retries"))
    text = window.notice_bar.text()
    assert "Max retries" not in text, text
    assert text == f"{name}：无法打开视图。发生意外错误，已记录在控制台日志中。", text


def test_no_question_when_no_view_is_open(qtbot, window):
    window.logout_action.trigger()
    assert window.confirm_box is None
    assert not window.isVisible()
