"""Every dialog and window opens in every shipped language with nothing left untranslated:
in Chinese no English source string (nor Qt's own OK/Cancel) remains; in English no Chinese
text remains except the data (names, units, places)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from console.demo.accounts import DEMO_ACCOUNTS
from console.views.login_dialog import LoginDialog
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER, PASSWORD, T43
from tests.views_support import logged_in, prepare_app, services_for, visible_texts

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"
QT_ENGLISH = {"OK", "&OK", "Cancel", "&Cancel", "Close", "&Close", "Yes", "&Yes", "No", "&No"}
ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,}[ ,.:;'-]+[A-Za-z]{2,}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _sources() -> set[str]:
    root = ET.parse(I18N / "console_en.ts").getroot()  # noqa: S314 - our own file
    return {m.findtext("source", "") for m in root.iter("message")}


def _texts(qtbot, world) -> list[str]:
    """The texts of every dialog and window, each in a state that shows its messages."""
    runner = TaskRunner(synchronous=True)
    texts: list[str] = []

    def collect(widget: QWidget | None) -> None:
        assert widget is not None and widget.isVisible()
        texts.extend(visible_texts(widget))
        if isinstance(widget, QMessageBox):
            texts.extend([widget.text(), widget.informativeText()])

    login = LoginDialog(services_for(world, is_demo=True), runner)
    qtbot.addWidget(login)
    login.show()
    login.account_edit.setText("zhangsan")
    login.password_edit.setText("wrong")
    login.login_button.click()
    collect(login)

    forced = LoginDialog(services_for(world, T43), runner)
    qtbot.addWidget(forced)
    forced.show()
    forced.account_edit.setText("wangwu")
    forced.password_edit.setText(PASSWORD)
    forced.login_button.click()
    pw = forced.password_dialog
    assert pw is not None
    pw.new_edit.setText("weak")
    pw.confirm_edit.setText("weak")
    pw.buttons.accepted.emit()
    collect(forced)
    collect(pw)

    services = services_for(world)
    session, policy = logged_in(services)
    window = MainWindow(services, runner, session, policy, heartbeat_ms=20)
    qtbot.addWidget(window)
    window.show()
    collect(window)  # menus, dock, video area, status bar
    window.about_action.trigger()
    collect(window.findChild(QMessageBox))
    window.change_password_action.trigger()
    collect(window.findChildren(QWidget, "passwordDialog")[-1])
    window.lock_action.trigger()  # closes the dialogs above
    window.lock_screen.password_edit.setText("wrong")
    window.lock_screen.unlock_button.click()
    collect(window.lock_screen)

    world.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)
    qtbot.waitUntil(lambda: window.end_notice is not None, timeout=3000)
    collect(window.end_notice)
    return texts


def test_chinese_leaves_no_english(qtbot, world):
    prepare_app("zh_CN")
    sources = _sources()
    texts = _texts(qtbot, world)
    assert "视频共享调阅终端 — 登录" in texts
    leftovers = [t for t in texts if t in sources or t in QT_ENGLISH
                 or ENGLISH_PHRASE.search(t)]
    assert leftovers == []


def test_english_leaves_no_chinese_but_the_data(qtbot, world):
    prepare_app("en")
    try:
        texts = _texts(qtbot, world)
    finally:
        prepare_app("zh_CN")
    assert "Video Sharing Console — Log in" in texts
    assert "Screen locked — 张三 (zhangsan)" in texts
    data = sorted({"张三", "市城运中心", "指挥大厅 A 区 2 号席", "指挥大厅 A 区 3 号席",
                   *(name for _, name, _ in DEMO_ACCOUNTS)}, key=len, reverse=True)
    leftovers = []
    for text in texts:
        stripped = text
        for value in data:
            stripped = stripped.replace(value, "")
        if CJK.search(stripped):
            leftovers.append(text)
    assert leftovers == []


@pytest.fixture(autouse=True)
def back_to_chinese(qapp):
    yield
    prepare_app("zh_CN")
