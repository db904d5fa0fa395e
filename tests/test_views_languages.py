"""Every dialog and window opens in every shipped language with nothing left untranslated:
in Chinese no English source string (nor Qt's own strings: OK/Cancel, the file dialog's
"Look in"), no English phrase and no all-ASCII message remains — a tile whose stream fails
says why in Chinese, not in FFmpeg's words; in English no Chinese text remains except the
data (names, units, places), the window titles carry no Chinese suffix. In both, no text is
wider than the widget that shows it (the PTZ panel's buttons in every state)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QToolButton,
    QWidget,
)
from sqlalchemy import update

from console.demo.accounts import DEMO_ACCOUNTS
from console.live.state import StreamState
from console.storage.models import Camera
from console.views.login_dialog import LoginDialog
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import INSTALLER, PASSWORD, T43
from tests.support.catalog import CAMERAS, add_cameras
from tests.views_support import (
    logged_in,
    open_first_view,
    prepare_app,
    services_for,
    visible_texts,
)

I18N = Path(__file__).resolve().parents[1] / "resources" / "i18n"
QT_ENGLISH = {"OK", "&OK", "Cancel", "&Cancel", "Close", "&Close", "Yes", "&Yes", "No", "&No",
              # Qt's file dialog (its shipped zh_CN catalogue lacks the first two)
              "&Look in:", "Look in:", "Files of &type:", "Files of type:", "File &name:",
              "&Open", "&Choose", "Back", "Forward", "Parent Directory", "Create New Folder",
              "List View", "Detail View", "Name", "Size", "Type", "Date Modified"}
ASCII_WORDS = re.compile(r"^[\x00-\x7f]*[A-Za-z]{3,}[\x00-\x7f]*$")  # an English message
REFUSED_URL = "rtsp://127.0.0.1:9/refused"   # nothing listens: the stream fails at once
ENGLISH_PHRASE = re.compile(r"[A-Za-z]{2,}[ ,.:;'-]+[A-Za-z]{2,}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _sources() -> set[str]:
    root = ET.parse(I18N / "console_en.ts").getroot()  # noqa: S314 - our own file
    return {m.findtext("source", "") for m in root.iter("message")}


def clipped(root: QWidget) -> list[str]:
    """Texts of ``root``'s visible labels and buttons wider than the room the widget gives
    them (measured with the widget's own font), as "objectName: text"."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 0:
            continue
        if isinstance(widget, QLabel):
            text = widget.text()
            if widget.wordWrap() or not text or "<" in text or text.endswith("…"):
                continue  # wrapped, rich or elided on purpose (the tip has the whole text)
            room = widget.contentsRect().width() - 2 * widget.margin() - max(0, widget.indent())
        elif isinstance(widget, QPushButton | QToolButton | QCheckBox | QRadioButton):
            text = widget.text()
            if not text or (isinstance(widget, QToolButton) and widget.toolButtonStyle()
                            == widget.toolButtonStyle().ToolButtonIconOnly):
                continue
            # the style's padding: what the button wants beyond its text
            padding = widget.sizeHint().width() - widget.fontMetrics().horizontalAdvance(
                text.replace("&", ""))
            room = widget.width() - padding
        else:
            continue
        plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        needed = max(widget.fontMetrics().horizontalAdvance(line) for line in plain.split("\n"))
        if needed > room + 1:
            found.append(f"{widget.objectName() or type(widget).__name__}: {text}")
    return found


def _texts(qtbot, world, problems: list[str] | None = None) -> list[str]:
    """The texts of every dialog and window, each in a state that shows its messages;
    ``problems`` gets every clipped text."""
    runner = TaskRunner(synchronous=True)
    texts: list[str] = []
    problems = problems if problems is not None else []

    def collect(widget: QWidget | None) -> None:
        assert widget is not None and widget.isVisible()
        texts.extend(visible_texts(widget))
        problems.extend(clipped(widget))
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

    add_cameras(world.db, world.clock)
    with world.db.transaction() as s:  # every stream fails: the tile says why
        s.execute(update(Camera).values(main_stream=REFUSED_URL, sub_stream=REFUSED_URL))
    services = services_for(world)
    session, policy = logged_in(services)
    window = MainWindow(services, runner, session, policy, heartbeat_ms=20)
    qtbot.addWidget(window)
    window.show()
    open_first_view(window, services, session)
    tile = window.view_grid.tiles[0]
    qtbot.waitUntil(lambda: tile.stream_state == StreamState.OFFLINE
                    and tile.player is not None and tile.player.failure is not None,
                    timeout=10_000)
    spec = tile.osd_spec()
    texts.extend([spec.title, spec.state_text, spec.notice, spec.footer])
    collect(window)  # menus, dock, video area, status bar
    # the PTZ panel in each of its states: nothing selected, a camera, steering one
    panel, desk = window.ptz_panel, window.ptz
    stand_in: Any = SimpleNamespace(camera_name="人民路与干将路交叉口", id="stand-in")
    for control, steerable in ((None, False), (None, True), (object(), True)):
        desk.control, desk.ticket, desk.ready = control, stand_in if control else None, True
        panel.set_selection("32050801001310000001", stand_in.camera_name, steerable)
        collect(panel)
    desk.control, desk.ticket, desk.ready = None, None, False
    panel.refresh()
    # Qt's own file dialog, as the catalogue dialog opens it
    files = QFileDialog(window, "", "", "Spreadsheets (*.xlsx *.csv)")
    files.setOption(QFileDialog.Option.DontUseNativeDialog)
    files.show()
    texts.extend(a.text() for a in files.findChildren(QAbstractButton))
    collect(files)
    files.reject()
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
    problems: list[str] = []
    texts = _texts(qtbot, world, problems)
    assert "视频共享调阅终端 — 登录" in texts
    assert QGuiApplication.applicationDisplayName() == "视频共享调阅终端"
    data = {"zhangsan", "wangwu", "T-0042", "T-0043", *(a for a, _, _ in DEMO_ACCOUNTS)}
    leftovers = [t for t in texts if t in sources or t in QT_ENGLISH
                 or ENGLISH_PHRASE.search(t)
                 or (ASCII_WORDS.match(t) and t not in data and not re.fullmatch(
                     r"[A-Z2-9]{6}|[\d.:]+|Home {2}\(home\)", t))]
    assert leftovers == []
    assert problems == []


def test_english_leaves_no_chinese_but_the_data(qtbot, world):
    prepare_app("en")
    problems: list[str] = []
    try:
        texts = _texts(qtbot, world, problems)
        # the window manager shows it after every window title
        assert QGuiApplication.applicationDisplayName() == "Video Sharing Console"
    finally:
        prepare_app("zh_CN")
    assert problems == []
    assert "Video Sharing Console — Log in" in texts
    assert "Screen locked — 张三 (zhangsan)" in texts
    data = sorted({"张三", "市城运中心", "指挥大厅 A 区 2 号席", "指挥大厅 A 区 3 号席",
                   "人民路与干将路交叉口", *(name for name, _, _, _ in CAMERAS.values()),
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
