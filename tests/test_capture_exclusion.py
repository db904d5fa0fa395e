"""Capture exclusion without Qt (R9): which excluder and level each platform/build gets, the
Windows affinities and their fallback through injected user32 functions, the Objective-C
messages of the macOS path through injected runtime functions, and — when a C compiler is
at hand — the real ctypes bindings against small fake libraries built here."""

from __future__ import annotations

import ctypes
import logging
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from console.capture.exclusion import (
    AFFINITY,
    WDA_EXCLUDEFROMCAPTURE,
    WDA_MONITOR,
    WDA_NONE,
    ExclusionLevel,
    MacExcluder,
    NoExcluder,
    ObjcRuntime,
    RecordingExcluder,
    User32,
    WindowsExcluder,
    bind_set_window_display_affinity,
    excluder_for_platform,
    load_objc_runtime,
    weakest,
)

EXCLUDED = ExclusionLevel.EXCLUDED
MONITOR_ONLY = ExclusionLevel.MONITOR_ONLY
DETECTION_ONLY = ExclusionLevel.DETECTION_ONLY
ERROR_INVALID_PARAMETER = 87
HWND = 0x0003_05A2


def test_constants_are_the_win32_values() -> None:
    assert (WDA_NONE, WDA_MONITOR, WDA_EXCLUDEFROMCAPTURE) == (0x0, 0x1, 0x11)
    assert [level.value for level in ExclusionLevel] == [
        "excluded", "monitor-only", "detection-only"]


@pytest.mark.parametrize(("platform", "build", "kind", "level", "affinities"), [
    ("win32", 19041, WindowsExcluder, EXCLUDED, [0x11, 0x1]),      # Windows 10 2004
    ("win32", 22631, WindowsExcluder, EXCLUDED, [0x11, 0x1]),      # Windows 11 23H2
    ("win32", 19040, WindowsExcluder, MONITOR_ONLY, [0x1]),
    ("win32", 18363, WindowsExcluder, MONITOR_ONLY, [0x1]),        # Windows 10 1909
    ("win32", 9600, WindowsExcluder, MONITOR_ONLY, [0x1]),         # Windows 8.1
    ("darwin", None, MacExcluder, EXCLUDED, None),
    ("linux", None, NoExcluder, DETECTION_ONLY, None),
    ("freebsd14", None, NoExcluder, DETECTION_ONLY, None),
    ("cygwin", None, NoExcluder, DETECTION_ONLY, None),
])
def test_platform_and_build_choose_excluder_and_level(
        platform: str, build: int | None, kind: type, level: ExclusionLevel,
        affinities: list[int] | None) -> None:
    excluder = excluder_for_platform(platform, windows_build=build)
    assert type(excluder) is kind
    assert excluder.level is level
    if isinstance(excluder, WindowsExcluder):
        assert excluder.build == build
        assert [a for a, _ in excluder.attempts()] == affinities


class FakeUser32:
    """SetWindowDisplayAffinity and GetLastError as injected functions: records every call,
    refuses the affinities in ``refuse`` (returns 0, last error 87) or raises."""

    def __init__(self, refuse: tuple[int, ...] = (), raises: bool = False) -> None:
        self.refuse = refuse
        self.raises = raises
        self.calls: list[tuple[int, int]] = []
        self.error = 0

    def set_window_display_affinity(self, hwnd: int, affinity: int) -> int:
        self.calls.append((hwnd, affinity))
        if self.raises:
            raise ctypes.ArgumentError("argument 1: OverflowError")
        if affinity in self.refuse:
            self.error = ERROR_INVALID_PARAMETER
            return 0
        return 1

    def functions(self) -> User32:
        return User32(self.set_window_display_affinity, lambda: self.error)


@pytest.mark.parametrize(("build", "refuse", "achieved", "calls", "warnings"), [
    (19041, (), EXCLUDED, [0x11], 0),
    (18363, (), MONITOR_ONLY, [0x1], 0),
    (19041, (0x11,), MONITOR_ONLY, [0x11, 0x1], 1),       # falls back to WDA_MONITOR
    (19041, (0x11, 0x1), DETECTION_ONLY, [0x11, 0x1], 2),
    (18363, (0x1,), DETECTION_ONLY, [0x1], 1),
])
def test_windows_affinity_and_fallback(caplog: pytest.LogCaptureFixture, build: int,
                                       refuse: tuple[int, ...], achieved: ExclusionLevel,
                                       calls: list[int], warnings: int) -> None:
    user32 = FakeUser32(refuse)
    excluder = WindowsExcluder(build, user32.functions())
    with caplog.at_level(logging.WARNING, "console.capture.exclusion"):
        assert excluder.apply(HWND) is achieved
    assert user32.calls == [(HWND, affinity) for affinity in calls]
    failures = [r.getMessage() for r in caplog.records]
    assert len(failures) == warnings
    for message, affinity in zip(failures, calls, strict=False):
        assert f"SetWindowDisplayAffinity({HWND:#x}, {affinity:#x}) failed" in message
        assert f"error {ERROR_INVALID_PARAMETER}" in message


def test_windows_call_that_raises_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    user32 = FakeUser32(raises=True)
    with caplog.at_level(logging.WARNING, "console.capture.exclusion"):
        assert WindowsExcluder(19041, user32.functions()).apply(HWND) is DETECTION_ONLY
    assert user32.calls == [(HWND, 0x11), (HWND, 0x1)]
    assert len(caplog.records) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="user32 loads on Windows")
def test_windows_excluder_without_user32_reports_detection_only(
        caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "console.capture.exclusion"):
        assert WindowsExcluder(19041).apply(HWND) is DETECTION_ONLY
    assert "cannot load SetWindowDisplayAffinity" in caplog.text


# -- macOS -------------------------------------------------------------------------------------

NS_VIEW_CLASS, VIEW, WINDOW = 0x1_0000, 0x7F00_1000, 0x7F00_2000


class FakeObjc:
    """The runtime functions as injected fakes: a view ``VIEW`` in window ``WINDOW``; every
    message is recorded as (receiver, selector name, *arguments)."""

    def __init__(self, *, in_window: bool = True, is_view: bool = True,
                 keeps_sharing: bool = False) -> None:
        self.in_window, self.is_view, self.keeps_sharing = in_window, is_view, keeps_sharing
        self.sharing = 1                      # NSWindowSharingReadOnly, the default
        self.selectors: dict[int, bytes] = {}
        self.messages: list[tuple[int, bytes, *tuple[int, ...]]] = []

    def get_class(self, name: bytes) -> int | None:
        return NS_VIEW_CLASS if name == b"NSView" else None

    def register_selector(self, name: bytes) -> int:
        selector = 0x5000 + len(self.selectors)
        self.selectors[selector] = name
        return selector

    def send_returning_id(self, receiver: int, selector: int) -> int | None:
        self.messages.append((receiver, self.selectors[selector]))
        return WINDOW if receiver == VIEW and self.in_window else None

    def send_id_returning_bool(self, receiver: int, selector: int, argument: int) -> bool:
        self.messages.append((receiver, self.selectors[selector], argument))
        return self.is_view and receiver == VIEW and argument == NS_VIEW_CLASS

    def send_uint(self, receiver: int, selector: int, value: int) -> None:
        self.messages.append((receiver, self.selectors[selector], value))
        if receiver == WINDOW and not self.keeps_sharing:
            self.sharing = value

    def send_returning_uint(self, receiver: int, selector: int) -> int:
        self.messages.append((receiver, self.selectors[selector]))
        return self.sharing

    def runtime(self) -> ObjcRuntime:
        return ObjcRuntime(self.get_class, self.register_selector, self.send_returning_id,
                           self.send_id_returning_bool, self.send_uint,
                           self.send_returning_uint)


def test_mac_sets_sharing_type_none_on_the_views_window() -> None:
    objc = FakeObjc()
    assert MacExcluder(objc.runtime()).apply(VIEW) is EXCLUDED
    assert objc.messages == [
        (VIEW, b"isKindOfClass:", NS_VIEW_CLASS),
        (VIEW, b"window"),
        (WINDOW, b"setSharingType:", 0),              # NSWindowSharingNone
        (WINDOW, b"sharingType"),                     # read back
    ]
    assert objc.sharing == 0


@pytest.mark.parametrize(("objc", "view", "messages"), [
    (FakeObjc(in_window=False), VIEW, [b"isKindOfClass:", b"window"]),
    (FakeObjc(is_view=False), VIEW, [b"isKindOfClass:"]),
    (FakeObjc(keeps_sharing=True), VIEW,
     [b"isKindOfClass:", b"window", b"setSharingType:", b"sharingType"]),
    (FakeObjc(), 0, []),                              # no native window at all
], ids=["no-window-yet", "not-a-view", "sharing-refused", "null-view"])
def test_mac_failures_report_detection_only(caplog: pytest.LogCaptureFixture, objc: FakeObjc,
                                            view: int, messages: list[bytes]) -> None:
    with caplog.at_level(logging.WARNING, "console.capture.exclusion"):
        assert MacExcluder(objc.runtime()).apply(view) is DETECTION_ONLY
    assert [m[1] for m in objc.messages] == messages
    assert len(caplog.records) == 1


def test_mac_runtime_that_raises_is_logged_not_raised(caplog: pytest.LogCaptureFixture) -> None:
    def broken(name: bytes) -> int:
        raise OSError("no libobjc")

    objc = FakeObjc()
    runtime = ObjcRuntime(objc.get_class, broken, objc.send_returning_id,
                          objc.send_id_returning_bool, objc.send_uint,
                          objc.send_returning_uint)
    with caplog.at_level(logging.WARNING, "console.capture.exclusion"):
        assert MacExcluder(runtime).apply(VIEW) is DETECTION_ONLY
    assert "setSharingType failed" in caplog.text


def test_mac_excluder_without_libobjc_reports_detection_only(
        caplog: pytest.LogCaptureFixture, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("console.capture.exclusion.LIBOBJC", str(tmp_path / "none.dylib"))
    with caplog.at_level(logging.WARNING, "console.capture.exclusion"):
        assert MacExcluder().apply(VIEW) is DETECTION_ONLY
    assert caplog.records


# -- elsewhere, the seam, the ordering ---------------------------------------------------------

def test_no_excluder_is_detection_only() -> None:
    excluder = NoExcluder()
    assert excluder.level is DETECTION_ONLY
    assert excluder.apply(HWND) is DETECTION_ONLY


def test_recording_excluder_records_window_and_affinity() -> None:
    excluder = RecordingExcluder()
    excluder.outcomes[2] = MONITOR_ONLY
    excluder.outcomes[3] = DETECTION_ONLY
    assert [excluder.apply(i) for i in (1, 2, 3)] == [EXCLUDED, MONITOR_ONLY, DETECTION_ONLY]
    assert excluder.calls == [(1, 0x11), (2, 0x1), (3, 0x0)]
    assert excluder.window_ids == [1, 2, 3]
    assert RecordingExcluder(MONITOR_ONLY).level is MONITOR_ONLY
    assert AFFINITY[EXCLUDED] == WDA_EXCLUDEFROMCAPTURE


def test_weakest_level() -> None:
    assert weakest([], EXCLUDED) is EXCLUDED
    assert weakest([EXCLUDED, MONITOR_ONLY, EXCLUDED], EXCLUDED) is MONITOR_ONLY
    assert weakest([MONITOR_ONLY, DETECTION_ONLY], EXCLUDED) is DETECTION_ONLY


# -- the real ctypes bindings against fake libraries -------------------------------------------

FAKE_USER32 = r"""
static void *last_hwnd; static unsigned long last_affinity;
long SetWindowDisplayAffinity(void *hwnd, unsigned long affinity) {
    last_hwnd = hwnd; last_affinity = affinity;
    return affinity == 0x11 || affinity == 0x1;
}
void *fake_last_hwnd(void) { return last_hwnd; }
unsigned long fake_last_affinity(void) { return last_affinity; }
"""

FAKE_LIBOBJC = r"""
#include <stdint.h>
#include <string.h>
#define VIEW 0x7F001000u
#define WINDOW 0x7F002000u
static uintptr_t sharing = 1;
const char *selectors[] = {"isKindOfClass:", "window", "setSharingType:", "sharingType"};
void *objc_getClass(const char *name) {
    return strcmp(name, "NSView") == 0 ? (void *)0x10000 : 0;
}
void *sel_registerName(const char *name) {
    for (uintptr_t i = 0; i < 4; i++)
        if (strcmp(name, selectors[i]) == 0) return (void *)(0x5000 + i);
    return (void *)0x5fff;
}
uintptr_t objc_msgSend(uintptr_t self, uintptr_t sel, uintptr_t arg) {
    switch (sel) {
    case 0x5000: return self == VIEW && arg == 0x10000;
    case 0x5001: return self == VIEW ? WINDOW : 0;
    case 0x5002: if (self == WINDOW) sharing = arg; return 0;
    case 0x5003: return self == WINDOW ? sharing : 99;
    }
    return 0;
}
"""


@pytest.fixture(scope="module")
def build_library(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Path]:
    compiler = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
    if compiler is None:
        pytest.skip("no C compiler for the fake libraries")
    folder = tmp_path_factory.mktemp("fakelibs")

    def build(name: str, source: str) -> Path:
        (folder / f"{name}.c").write_text(source)
        library = folder / f"lib{name}.so"
        subprocess.run([compiler, "-shared", "-fPIC", "-o", str(library),
                        str(folder / f"{name}.c")], check=True, capture_output=True)
        return library

    return build


def test_real_set_window_display_affinity_binding(
        build_library: Callable[[str, str], Path]) -> None:
    library = ctypes.CDLL(str(build_library("user32", FAKE_USER32)))
    library.fake_last_hwnd.restype = ctypes.c_void_p
    library.fake_last_affinity.restype = ctypes.c_ulong
    set_affinity = bind_set_window_display_affinity(library)
    big_hwnd = 0x7FFF_1234_5678                        # a 64-bit handle passes intact
    assert set_affinity(big_hwnd, WDA_EXCLUDEFROMCAPTURE) == 1
    assert (library.fake_last_hwnd(), library.fake_last_affinity()) == (big_hwnd, 0x11)
    assert set_affinity(HWND, 0x7) == 0                # refused: FALSE
    excluder = WindowsExcluder(19041, User32(set_affinity, lambda: ERROR_INVALID_PARAMETER))
    assert excluder.apply(HWND) is EXCLUDED
    assert (library.fake_last_hwnd(), library.fake_last_affinity()) == (HWND, 0x11)


def test_real_objc_runtime_binding(build_library: Callable[[str, str], Path]) -> None:
    runtime = load_objc_runtime(str(build_library("objc", FAKE_LIBOBJC)))
    assert runtime.get_class(b"NSView") == NS_VIEW_CLASS
    assert runtime.get_class(b"NSNothing") is None
    excluder = MacExcluder(runtime)
    window_sharing = runtime.register_selector(b"sharingType")
    assert window_sharing is not None
    assert runtime.send_returning_uint(WINDOW, window_sharing) == 1
    assert excluder.apply(VIEW) is EXCLUDED
    assert runtime.send_returning_uint(WINDOW, window_sharing) == 0
    assert excluder.apply(0x1234) is DETECTION_ONLY     # not a view


@pytest.mark.parametrize(("major", "level"), [(0, "excluded"), (14, "excluded"),
                                              (15, "detection-only"), (26, "detection-only")])
def test_macos_from_15_claims_detection_only(major: int, level: str) -> None:
    """ScreenCaptureKit recorders ignore sharingType there: the call is made, the level
    recorded does not overstate it."""
    from console.capture.exclusion import MacExcluder

    assert MacExcluder(runtime=None, major=major).level == level


def test_every_login_records_the_exclusion_in_force(world) -> None:  # type: ignore[no-untyped-def]
    import json

    from sqlalchemy import select

    from console.storage.models import AuditRecord
    from tests.conftest import PASSWORD
    from tests.views_support import services_for

    services = services_for(world)       # the terminal reports its level at each login
    assert services.capture_excluder.level == "detection-only"   # Linux: no exclusion
    assert services.auth.login("zhangsan", PASSWORD).ok
    with world.db.transaction() as s:
        record = s.execute(select(AuditRecord).where(AuditRecord.action == "LOGIN",
                                                     AuditRecord.outcome == "ok")
                           .order_by(AuditRecord.seq.desc())).scalars().first()
    assert record is not None
    assert json.loads(record.params)["capture_exclusion"] == "detection-only"
