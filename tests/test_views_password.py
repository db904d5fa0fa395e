"""Password changes: forced at login (first use, expiry) and voluntary from the main window.
Mismatch is caught locally; the service's refusals are shown in the dialog."""

from __future__ import annotations

from datetime import timedelta

import pytest

from console.codes import Reason
from console.views.login_dialog import LoginDialog
from console.views.main_window import MainWindow
from console.views.password_dialog import PasswordDialog
from console.views.tasks import TaskRunner
from tests.conftest import PASSWORD, T43
from tests.views_support import logged_in, prepare_app, services_for

NEW = "Fresh#Start2026"


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")


def _forced_change(qtbot, world, account="wangwu", identity=T43):
    services = services_for(world, identity)
    dialog = LoginDialog(services, TaskRunner(synchronous=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.account_edit.setText(account)
    dialog.password_edit.setText(PASSWORD)
    dialog.login_button.click()
    assert dialog.password_dialog is not None
    return services, dialog, dialog.password_dialog


def _choose(pw: PasswordDialog, new: str, confirm: str | None = None, old: str = "") -> None:
    pw.old_edit.setText(old)
    pw.new_edit.setText(new)
    pw.confirm_edit.setText(new if confirm is None else confirm)
    pw.buttons.accepted.emit()


def test_first_login_opens_the_change_dialog_with_the_rule(qtbot, world):
    _services, login, pw = _forced_change(qtbot, world)
    assert pw.isVisible()
    assert pw.windowTitle() == "修改密码"
    assert pw.explanation_label.text() == "首次登录或密码被重置后，须先修改密码。"
    assert pw.rule_label.text() == (
        "密码规则：至少 10 位，含大写字母、小写字母、数字、符号中的三类，不含账号名。")
    assert not pw.old_edit.isVisible()  # the login password is the old one
    assert login.error_label.text() == "首次登录或密码被重置后，须先修改密码。"


def test_mismatch_is_caught_without_asking_the_service(qtbot, world):
    _services, login, pw = _forced_change(qtbot, world)
    with qtbot.assertNotEmitted(login.login_succeeded):
        _choose(pw, NEW, confirm=NEW + "!")
    assert pw.error_label.text() == "两次输入的新密码不一致。"
    assert pw.isVisible()


def test_refusals_of_the_service_are_shown_in_the_dialog(qtbot, world):
    _services, _login, pw = _forced_change(qtbot, world)
    _choose(pw, "Short1!")
    assert pw.error_label.text() == "新密码强度不足。长度至少 10 位。"
    _choose(pw, "alllowercase123")
    assert pw.error_label.text() == (
        "新密码强度不足。须包含小写字母、大写字母、数字、符号中的至少三类。")
    _choose(pw, "Wangwu#2026abc")
    assert pw.error_label.text() == "新密码强度不足。不得包含账号名。"
    _choose(pw, PASSWORD)
    assert pw.error_label.text() == "新密码不能与当前密码相同。"
    assert pw.isVisible() and pw.new_edit.isEnabled()


def test_an_accepted_new_password_logs_in_and_works_next_time(qtbot, world):
    services, login, pw = _forced_change(qtbot, world)
    with qtbot.waitSignal(login.login_succeeded) as signal:
        _choose(pw, NEW)
    assert not pw.isVisible()
    session = signal.args[0]
    services.auth.logout(session.session_id)
    assert services.auth.login("wangwu", NEW).ok


def test_expired_password_is_changed_the_same_way(qtbot, world):
    world.clock.advance(timedelta(days=91))
    _services, login, pw = _forced_change(qtbot, world, account="zhangsan", identity=None)
    assert pw.explanation_label.text() == "密码已过期，须修改后方可登录。"
    with qtbot.waitSignal(login.login_succeeded):
        _choose(pw, NEW)


def test_cancelling_the_change_returns_to_the_login_form(qtbot, world):
    _services, login, pw = _forced_change(qtbot, world)
    pw.reject()
    assert login.password_dialog is None
    assert login.password_edit.text() == ""
    assert login.isVisible()


def test_voluntary_change_from_the_main_window(qtbot, world):
    services = services_for(world)
    session, policy = logged_in(services)
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(window)
    window.show()
    window.change_password_action.trigger()
    pw = window.findChild(PasswordDialog)
    assert pw is not None and pw.isVisible()
    assert pw.old_edit.isVisible()
    _choose(pw, NEW, old="")
    assert pw.error_label.text() == "请输入当前密码。"
    _choose(pw, NEW, old="wrong")
    assert pw.error_label.text() == "密码错误。再输错 4 次，账号将被锁定。"
    _choose(pw, NEW, old=PASSWORD)
    assert not pw.isVisible()
    assert window.notice_bar.text() == "密码已修改。"
    window.close()
    assert services.auth.login("zhangsan", NEW).ok
    assert services.auth.login("zhangsan", PASSWORD).reason == Reason.BAD_PASSWORD  # type: ignore[union-attr]
