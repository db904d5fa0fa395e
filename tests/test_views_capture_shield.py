"""The capture shield (R9) through the recording excluder: a protected window is excluded when
it is shown and again after Qt re-creates its native window, a main window and a wall output
stand-in are both excluded, the shield's level is the weakest achieved, and a deleted window
is forgotten."""

from __future__ import annotations

import gc

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

from console.capture.exclusion import ExclusionLevel, RecordingExcluder
from console.views.capture_shield import CaptureShield

EXCLUDED = ExclusionLevel.EXCLUDED
MONITOR_ONLY = ExclusionLevel.MONITOR_ONLY
DETECTION_ONLY = ExclusionLevel.DETECTION_ONLY
CREATED = Qt.WidgetAttribute.WA_WState_Created


@pytest.fixture
def excluder() -> RecordingExcluder:
    return RecordingExcluder(EXCLUDED)


@pytest.fixture
def shield(excluder: RecordingExcluder) -> CaptureShield:
    return CaptureShield(excluder)


@pytest.fixture
def levels(shield: CaptureShield) -> list[str]:
    seen: list[str] = []
    shield.level_changed.connect(seen.append)
    return seen


def main_window(qtbot) -> QMainWindow:
    window = QMainWindow()
    window.setCentralWidget(QLabel("video"))
    qtbot.addWidget(window)
    return window


def wall_stand_in(qtbot=None) -> QWidget:
    """What a wall output is to the shield: a frameless full-screen top-level window (left to
    the test to delete when no qtbot is given)."""
    wall = QWidget(None, Qt.WindowType.Window | Qt.WindowType.FramelessWindowHint)
    if qtbot is not None:
        qtbot.addWidget(wall)
    return wall


def delete_now(widget: QWidget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_window_is_excluded_when_shown_not_before(qtbot, shield, excluder):
    window = main_window(qtbot)
    shield.protect(window)
    assert excluder.calls == []
    assert not window.testAttribute(CREATED)        # protect did not create a native window
    window.show()
    handle = int(window.winId())
    assert excluder.calls
    assert set(excluder.calls) == {(handle, 0x11)}
    assert shield.level is EXCLUDED


def test_a_window_already_shown_is_excluded_at_once(qtbot, shield, excluder):
    window = main_window(qtbot)
    window.show()
    shield.protect(window)
    assert excluder.calls == [(int(window.winId()), 0x11)]


def test_each_show_applies_again(qtbot, shield, excluder):
    window = main_window(qtbot)
    window.show()
    shield.protect(window)
    window.hide()
    window.show()
    assert excluder.window_ids == [int(window.winId())] * 2


def test_native_recreation_is_excluded_again(qtbot, shield, excluder):
    window = main_window(qtbot)
    shield.protect(window)
    window.show()
    first = int(window.winId())
    before = len(excluder.calls)
    window.destroy()                                 # WinIdChange to 0: nothing to apply
    assert len(excluder.calls) == before
    window.create()                                  # WinIdChange to the new handle
    second = int(window.winId())
    assert second != first
    assert excluder.calls[before:] == [(second, 0x11)]
    assert 0 not in excluder.window_ids


def test_changing_window_flags_excludes_the_new_native_window(qtbot, shield, excluder):
    window = main_window(qtbot)
    shield.protect(window)
    window.show()
    before = len(excluder.calls)
    window.setWindowFlags(window.windowFlags() | Qt.WindowType.WindowStaysOnTopHint)
    assert not window.isVisible()                    # Qt re-creates it hidden
    window.show()
    assert len(excluder.calls) > before
    assert excluder.calls[-1] == (int(window.winId()), 0x11)


def test_desk_and_wall_windows_the_weakest_level_counts(qtbot, shield, excluder, levels):
    desk, wall = main_window(qtbot), wall_stand_in(qtbot)
    excluder.outcomes[int(wall.winId())] = MONITOR_ONLY   # winId() creates it natively
    assert shield.level is EXCLUDED                  # nothing applied yet: the excluder's
    shield.protect(desk)
    shield.protect(wall)                             # already created: applied at once
    desk.show()
    wall.showFullScreen()
    assert {int(desk.winId()), int(wall.winId())} == set(excluder.window_ids)
    assert shield.level is MONITOR_ONLY
    assert levels == ["monitor-only"]


def test_a_deleted_window_is_forgotten(qtbot, shield, excluder, levels):
    desk, wall = main_window(qtbot), wall_stand_in()
    excluder.outcomes[int(wall.winId())] = DETECTION_ONLY
    shield.protect(desk)
    shield.protect(wall)
    desk.show()
    wall.show()
    assert shield.level is DETECTION_ONLY
    delete_now(wall)
    assert shield.level is EXCLUDED
    assert levels == ["detection-only", "excluded"]
    desk.hide()
    desk.show()                                      # the shield still works for the others
    assert excluder.window_ids[-1] == int(desk.winId())


def test_a_window_collected_by_python_is_forgotten(qtbot, shield, excluder, levels):
    window = QWidget()
    excluder.outcomes[int(window.winId())] = MONITOR_ONLY
    shield.protect(window)
    assert shield.level is MONITOR_ONLY
    del window
    gc.collect()
    assert shield.level is EXCLUDED
    assert levels == ["monitor-only", "excluded"]


def test_protecting_a_child_protects_its_window_once(qtbot, shield, excluder):
    window = main_window(qtbot)
    shield.protect(window.centralWidget())
    shield.protect(window)
    window.show()
    handle = int(window.winId())
    shield.protect(window)
    assert excluder.window_ids == [handle] * len(excluder.window_ids)
    calls = len(excluder.calls)
    window.hide()
    window.show()
    assert len(excluder.calls) == calls + 1          # one filter, one call per Show


def test_level_without_windows_is_the_excluders(qtbot):
    assert CaptureShield(RecordingExcluder(MONITOR_ONLY)).level is MONITOR_ONLY


def test_two_shields_on_one_window_both_keep_it(qtbot):
    first, second = RecordingExcluder(), RecordingExcluder(MONITOR_ONLY)
    window = main_window(qtbot)
    kept, shield = CaptureShield(first), CaptureShield(second)
    kept.protect(window)
    shield.protect(window)
    window.show()
    handle = int(window.winId())
    assert handle in first.window_ids and handle in second.window_ids
    assert shield.level is MONITOR_ONLY
    assert kept.level is EXCLUDED
