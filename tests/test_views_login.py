"""The login dialog: the identity it presents, the accepted path, and each refusal shown as
its Chinese sentence with the service's details."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from console.auth.results import SessionInfo
from console.auth.service import AuthService
from console.identity import IdentityError, TerminalIdentity
from console.views.login_dialog import LoginDialog
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER, PASSWORD, ROGUE, START, T43
from tests.views_support import centre_for, prepare_app, services_for


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


def _dialog(qtbot, services, runner=None) -> LoginDialog:
    dialog = LoginDialog(services, runner or TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _log_in(dialog: LoginDialog, account: str, password: str) -> None:
    dialog.account_edit.setText(account)
    dialog.password_edit.setText(password)
    dialog.login_button.click()


def test_title_and_presented_identity_of_a_registered_terminal(qtbot, world):
    dialog = _dialog(qtbot, services_for(world))
    assert dialog.windowTitle() == "视频共享调阅终端 — 登录"
    assert dialog.terminal_value.text() == "T-0042"
    assert dialog.ip_value.text() == "127.0.0.42"
    assert dialog.mac_value.text() == "00:1a:2b:3c:4d:42"
    assert dialog.terminal_value.property("role") == ""


def test_an_unregistered_machine_is_named_so_in_warning_colour(qtbot, world):
    dialog = _dialog(qtbot, services_for(world, ROGUE))
    assert dialog.terminal_value.text() == "未登记终端"
    assert dialog.terminal_value.property("role") == "warning"
    assert dialog.ip_value.text() == ROGUE.ip


def test_identity_that_cannot_be_detected(qtbot, world):
    class Broken:
        def identity(self) -> TerminalIdentity:
            raise IdentityError("no route to host")

    services = replace(services_for(world),
                       auth=AuthService(world.db, world.clock, world.hashing, Broken()))
    dialog = _dialog(qtbot, services)
    assert dialog.terminal_value.text() == "无法获取网络身份"
    assert dialog.terminal_value.toolTip() == "no route to host"


def test_accepted_login_announces_the_session_and_closes(qtbot, world):
    dialog = _dialog(qtbot, services_for(world))
    with qtbot.waitSignal(dialog.login_succeeded) as signal:
        _log_in(dialog, "zhangsan", PASSWORD)
    session, policy = signal.args
    assert isinstance(session, SessionInfo)
    assert (session.account, session.real_name, session.terminal_name) == (
        "zhangsan", "张三", "T-0042")
    assert policy.heartbeat_seconds == 5
    assert dialog.result() == LoginDialog.DialogCode.Accepted


def test_wrong_password_says_how_many_attempts_are_left(qtbot, world):
    dialog = _dialog(qtbot, services_for(world))
    _log_in(dialog, "zhangsan", "wrong")
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "密码错误。再输错 4 次，账号将被锁定。"
    assert dialog.password_edit.text() == ""
    assert dialog.isVisible()


def test_locked_account_says_until_when_in_local_time(qtbot, world):
    dialog = _dialog(qtbot, services_for(world))
    for _ in range(5):
        _log_in(dialog, "zhangsan", "wrong")
    until = (START + timedelta(minutes=15)).astimezone().strftime("%Y-%m-%d %H:%M")
    assert dialog.error_label.text() == (
        f"密码连续输错次数过多，账号已被锁定。请于 {until} 后重试，或联系系统管理员重置密码。")


def test_unregistered_terminal_tells_what_to_give_the_administrator(qtbot, world):
    dialog = _dialog(qtbot, services_for(world, ROGUE))
    _log_in(dialog, "zhangsan", PASSWORD)
    assert dialog.error_label.text() == (
        "本机不是中心已登记注册的专用终端。请将本机 IP 地址 127.0.0.99 和 MAC 地址 "
        "00:1a:2b:3c:4d:99 提供给系统管理员进行登记，再用收到的注册码完成终端注册。")


def test_terminal_not_bound_to_the_user(qtbot, world):
    dialog = _dialog(qtbot, services_for(world, T43))
    _log_in(dialog, "zhangsan", PASSWORD)
    assert dialog.error_label.text().startswith("该账号未获准在本终端登录。当前终端：T-0043。")


def test_session_elsewhere_names_the_terminal_and_its_ip(qtbot, world):
    assert world.auth(T43).login("lisi", PASSWORD).ok
    dialog = _dialog(qtbot, services_for(world))
    _log_in(dialog, "lisi", PASSWORD)
    text = dialog.error_label.text()
    assert text.startswith("该账号已在其他终端登录。当前会话位于终端 T-0043（127.0.0.43）")
    assert text.endswith("请先在该终端注销。")


def test_disabled_user(qtbot, world):
    world.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)
    dialog = _dialog(qtbot, services_for(world))
    _log_in(dialog, "zhangsan", PASSWORD)
    assert dialog.error_label.text() == "该账号已被停用，如有疑问请联系系统管理员。"


def test_empty_fields_are_caught_before_asking_the_service(qtbot, world):
    calls = []
    services = services_for(world)
    runner = TaskRunner(synchronous=True)
    original = runner.submit
    runner.submit = lambda *a, **k: (calls.append(a), original(*a, **k))  # type: ignore[method-assign]
    dialog = _dialog(qtbot, services, runner)
    calls.clear()
    dialog.login_button.click()
    assert dialog.error_label.text() == "请输入账号。"
    dialog.account_edit.setText("zhangsan")
    dialog.login_button.click()
    assert dialog.error_label.text() == "请输入密码。"
    assert calls == []


def test_return_key_logs_in(qtbot, world):
    dialog = _dialog(qtbot, services_for(world))
    dialog.account_edit.setText("zhangsan")
    dialog.password_edit.setText(PASSWORD)
    with qtbot.waitSignal(dialog.login_succeeded):
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)


def test_demo_note_lists_the_demo_accounts(qtbot, world):
    from console.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

    plain = _dialog(qtbot, services_for(world))
    assert plain.demo_note is None
    dialog = _dialog(qtbot, services_for(world, is_demo=True))
    assert dialog.demo_note is not None
    texts = [label.text() for label in dialog.demo_note.findChildren(type(dialog.error_label))]
    assert any(DEMO_PASSWORD in t for t in texts)
    for account, name, _role in DEMO_ACCOUNTS:
        assert account in texts
        assert any(t.startswith(name) for t in texts)
    assert "张敏（值班员）" in texts
    assert "李静（值班长）" in texts


def test_with_the_threaded_runner(qtbot, world):
    dialog = _dialog(qtbot, services_for(world), TaskRunner())
    qtbot.waitUntil(lambda: dialog.ip_value.text() == "127.0.0.42", timeout=5000)
    _log_in(dialog, "zhangsan", "wrong")
    assert not dialog.login_button.isEnabled()  # busy while the worker verifies
    assert dialog.login_button.text() == "正在登录…"
    qtbot.waitUntil(dialog.error_label.isVisible, timeout=5000)
    assert dialog.error_label.text().startswith("密码错误。")
    assert dialog.login_button.isEnabled()
    with qtbot.waitSignal(dialog.login_succeeded, timeout=5000):
        _log_in(dialog, "zhangsan", PASSWORD)


def test_an_unreachable_centre_is_said_plainly(qtbot, world):
    services = services_for(world)
    dialog = _dialog(qtbot, services)
    centre_for(world.db, world.clock, world.hashing).stop()   # the centre goes away
    _log_in(dialog, "zhangsan", PASSWORD)
    text = dialog.error_label.text()
    assert text.startswith("无法连接中心。127.0.0.1:"), text
    assert "无应答" in text and "https" not in text
    assert dialog.login_button.isEnabled()
