"""No screenshots, no recording, no export (R9): libvlc runs with snapshots, recording and
stream output disabled by a constant no option can extend; no action, context menu or
shortcut of the main window, its tiles or the wall produces an image outside the console
(clipboard, file, print, drag); screenshot keys are consumed and said; image data of the
console is taken off the clipboard at once; while a capture program runs every video output
shows the notice and not one pixel of the picture."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QAction, QImage, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox, QWidget

from console.access.model import ViewTicket
from console.codes import Right
from console.live.state import StreamKind, StreamSource, StreamState
from console.player import vlc_backend
from console.player.tile import TILE_MIME_TYPE, TileContext, VideoTile
from console.views.capture_guard import CaptureGuard, is_screenshot_key
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner
from tests.conftest import T43, World
from tests.support.catalog import add_cameras
from tests.views_support import logged_in, open_first_view, prepare_app, services_for

# words of an export path; none may appear in what a tile or wall output offers
EXPORT_WORDS = re.compile(r"snapshot|screenshot|record|save|export|print|copy|download|"
                          r"截图|抓图|快照|录像|录制|保存|导出|打印|复制|下载", re.IGNORECASE)


# -- libvlc ------------------------------------------------------------------------------------


def test_libvlc_runs_with_snapshots_recording_and_stream_output_disabled(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    for arg in ("--sout=", "--no-sout-video", "--no-sout-audio", "--no-sout-spu",
                "--no-snapshot-preview", "--no-input-record-native"):
        assert arg in vlc_backend.VLC_ARGS
    assert any(a.startswith("--snapshot-path=/dev/null/") for a in vlc_backend.VLC_ARGS)
    assert any(a.startswith("--input-record-path=/dev/null/") for a in vlc_backend.VLC_ARGS)
    # the one instance of the process is made from the constant and the caching only
    made: list[list[str]] = []
    fake = SimpleNamespace(Instance=lambda args: made.append(list(args)) or object())
    monkeypatch.setattr(vlc_backend, "load_vlc", lambda: fake)
    monkeypatch.setattr(vlc_backend, "_instance", None)
    vlc_backend.shared_instance()
    assert len(made) == 1
    extra = [a for a in made[0] if a not in vlc_backend.VLC_ARGS]
    assert len(extra) == 1 and extra[0].startswith("--network-caching=")
    # and the real libvlc accepts every one of them (an unknown option makes it refuse)
    import vlc
    assert vlc.Instance(list(vlc_backend.VLC_ARGS)) is not None


def test_no_configuration_or_environment_reaches_the_libvlc_arguments() -> None:
    source = Path(vlc_backend.__file__).read_text(encoding="utf-8")
    assert "os.environ" not in source and "getenv" not in source
    config = (Path(vlc_backend.__file__).parents[1] / "config.py").read_text(encoding="utf-8")
    assert "vlc_args" not in config and "VLC_ARGS" not in config


# -- keys and clipboard ----------------------------------------------------------------------


M = Qt.KeyboardModifier


@pytest.mark.parametrize(("key", "mods", "blocked"), [
    (Qt.Key.Key_Print, M.NoModifier, True),
    (Qt.Key.Key_Print, M.AltModifier, True),
    (Qt.Key.Key_Print, M.ControlModifier | M.ShiftModifier, True),
    (Qt.Key.Key_SysReq, M.AltModifier, True),
    (Qt.Key.Key_S, M.MetaModifier | M.ShiftModifier, True),       # Windows Snipping Tool
    (Qt.Key.Key_R, M.MetaModifier | M.AltModifier, True),         # Game Bar recording
    (Qt.Key.Key_4, M.ControlModifier | M.ShiftModifier, True),    # macOS Cmd+Shift+4
    (Qt.Key.Key_S, M.ControlModifier, False),                     # nothing to save anyway
    (Qt.Key.Key_C, M.ControlModifier, False),
    (Qt.Key.Key_4, M.ControlModifier, False),
    (Qt.Key.Key_Left, M.NoModifier, False),
])
def test_screenshot_keys(key: Qt.Key, mods: Qt.KeyboardModifier, blocked: bool) -> None:
    assert is_screenshot_key(key, mods) is blocked


def test_image_data_of_the_console_never_stays_on_the_clipboard(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    prepare_app()
    clipboard = QApplication.clipboard()
    # the offscreen platform has no clipboard owner; on X11/Windows/macOS the console owns
    # what it put there: play that answer
    monkeypatch.setattr(type(clipboard), "ownsClipboard", lambda self: True)
    guard = CaptureGuard()
    with qtbot.waitSignal(guard.clipboard_cleared, timeout=2000):
        image = QImage(32, 32, QImage.Format.Format_RGB32)
        image.fill(Qt.GlobalColor.red)
        clipboard.setImage(image)
    assert not _clipboard_has_image()
    data = QMimeData()
    data.setData("image/png", b"\x89PNG")
    clipboard.setMimeData(data)
    qtbot.waitUntil(lambda: not _clipboard_has_image(), timeout=2000)
    clipboard.setText("32050801001310000001")   # a camera code may be copied
    qtbot.wait(50)
    assert clipboard.text() == "32050801001310000001"
    guard.shutdown()


# -- every action, context menu and shortcut -------------------------------------------------


def _clipboard_has_image() -> bool:
    data = QApplication.clipboard().mimeData()
    return data is not None and (data.hasImage() or any(
        f.startswith("image/") for f in data.formats()))


def _files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if p.is_file()}


def _actions(menu: QMenu) -> Iterator[QAction]:
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from _actions(sub)
        elif not action.isSeparator():
            yield action


def _close_dialogs(window: QWidget) -> None:
    for widget in QApplication.topLevelWidgets():
        if widget is not window and widget.isVisible() and isinstance(widget, QDialog):
            widget.reject() if not isinstance(widget, QMessageBox) else widget.close()


@pytest.fixture
def console(qtbot, world: World, tmp_path: Path, monkeypatch) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    """A supervisor's console (every menu: management, wall, PTZ) with a view open."""
    prepare_app("zh_CN")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    add_cameras(world.db, world.clock)
    from tests.conftest import _clear_must_change
    _clear_must_change(world.db, "wangwu")
    services = services_for(world, T43)
    session, policy = logged_in(services, "wangwu")
    window = MainWindow(services, TaskRunner(synchronous=True), session, policy)
    qtbot.addWidget(window)
    window.show()
    open_first_view(window, services, session)
    assert window.view_grid.tiles[0].ticket is not None
    yield window


def test_no_action_menu_or_shortcut_produces_an_image_outside_the_console(
        qtbot, console: MainWindow, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = console
    before = _files(tmp_path)
    tile = window.view_grid.tiles[0]
    window.desk._on_menu_requested(0, QPoint(5, 5))
    tile_menu = window.desk.menu
    assert isinstance(tile_menu, QMenu)
    tile_actions = list(_actions(tile_menu))
    tile_menu.close()
    assert tile_actions
    offered = [a.text() for a in tile_actions]
    assert not [t for t in offered if EXPORT_WORDS.search(t)], offered
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    bar_actions = [a for m in menus for a in _actions(m)]   # type: ignore[arg-type]
    ending = {window.logout_action, window.exit_action, window.lock_action}
    triggered = 0
    for action in [*tile_actions, *bar_actions]:
        if action in ending or not action.isEnabled():
            continue
        action.trigger()
        qtbot.wait(30)
        _close_dialogs(window)
        triggered += 1
        assert not _clipboard_has_image(), action.text()
        assert _files(tmp_path) == before, action.text()
    assert triggered >= 5
    # every shortcut of the window, and the usual copy/save/print/screenshot keys, on a tile
    sequences = {a.shortcut() for a in window.findChildren(QAction) if not a.shortcut().isEmpty()
                 and a not in ending}
    sequences |= {QKeySequence(k) for k in ("Ctrl+C", "Ctrl+S", "Ctrl+P", "Ctrl+Shift+S",
                                            "Ctrl+Insert", "Ctrl+A", "Ctrl+X")}
    for sequence in sequences:
        combo = sequence[0]
        qtbot.keyClick(tile, combo.key(), combo.keyboardModifiers())
        qtbot.wait(20)
        _close_dialogs(window)
        assert not _clipboard_has_image(), sequence.toString()
    assert _files(tmp_path) == before
    # the wall outputs (the single-screen test output here) offer no action at all, and the
    # same keys on their tiles leave nothing either
    assert window.wall is not None and window.wall.outputs
    for output in window.wall.outputs:
        assert not [a.text() for a in output.findChildren(QAction) if a.text()]
        for sequence in sequences:
            combo = sequence[0]
            qtbot.keyClick(output.grid.tiles[0], combo.key(), combo.keyboardModifiers())
            assert not _clipboard_has_image(), sequence.toString()
    assert _files(tmp_path) == before
    assert "PySide6.QtPrintSupport" not in sys.modules  # nothing can even open a printer
    # dragging a tile carries only its index for a swap inside the grid
    mime = tile.drag_mime()
    assert mime.formats() == [TILE_MIME_TYPE]
    assert not mime.hasImage() and not mime.hasUrls() and not mime.hasText()


def test_print_screen_is_consumed_and_said(qtbot, console: MainWindow) -> None:  # type: ignore[no-untyped-def]
    tile = console.view_grid.tiles[0]
    with qtbot.waitSignal(console.capture_guard.key_blocked, timeout=1000) as blocked:
        qtbot.keyClick(tile, Qt.Key.Key_Print)
    assert "Print" in blocked.args[0]
    assert "Print" in console.notice_bar.text()


# -- blanking ----------------------------------------------------------------------------------


def test_a_running_capture_program_blanks_the_picture_until_it_ends(  # type: ignore[no-untyped-def]
        qtbot, media_clips) -> None:
    clip = media_clips.clip360      # the session's 640×360 test clip
    prepare_app("en")
    guard = CaptureGuard()
    from console.watermark import WatermarkSpec
    spec = WatermarkSpec(lines=("张三 (zhangsan)",), opacity=0.3, size_percent=5)
    tile = VideoTile(0, TileContext(watermark=lambda: spec, clock_text=lambda: "08:00:00",
                                    blanked=guard.notice))
    qtbot.addWidget(tile)
    tile.resize(640, 360)
    tile.show()
    tile.show_view(ViewTicket(id="v1", camera_id=1, camera_code="32050801011328000001",
                              camera_name="平江路", right=Right.LIVE, purpose="",
                              output="desk", grant_id=None, until=None,
                              opened_at=datetime(2026, 1, 1, tzinfo=UTC)))
    tile.play("v1", StreamSource("32050801011328000001", StreamKind.SUB, url=str(clip),
                                 display_url=str(clip)), ())
    player = tile.player
    assert player is not None
    qtbot.waitUntil(lambda: player.state == StreamState.PLAYING
                    and player.current_frame() is not None, timeout=10_000)

    def grab() -> np.ndarray:
        image = tile.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
        array = np.frombuffer(image.constBits(), np.uint8).reshape(  # type: ignore[call-overload]
            image.height(), image.bytesPerLine())[:, :image.width() * 4]
        return array.reshape(image.height(), image.width(), 4)[:, :, :3].copy()

    shown = grab()
    assert shown.std() > 30 and tile.painted_blank == ""       # the colourful test picture
    guard.set_detections(["OBS Studio"])
    hidden = grab()
    assert "OBS Studio" in tile.painted_blank
    middle = hidden[60:300, 20:620]                              # between the OSD bars
    text_pixels = (middle.max(axis=2) > 40).mean()
    assert text_pixels < 0.08, text_pixels                       # black but for the notice
    assert tile.painted_watermark is None
    guard.set_detections([])
    again = grab()
    assert again.std() > 30 and tile.painted_blank == ""
    guard.shutdown()
    tile.stop_stream()

