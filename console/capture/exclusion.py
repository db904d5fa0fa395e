"""Excluding the console's video windows from screen capture, where the OS provides it (R9).

What each level means, per OS, for the desk windows and for the wall outputs (frameless
full-screen windows on the wall's physical displays):

- **Windows 10 2004+ (build >= 19041)** — ``SetWindowDisplayAffinity(hwnd,
  WDA_EXCLUDEFROMCAPTURE)``: the window is left out of what capture APIs see (screenshots,
  recorders, screen sharing: the desktop behind it shows instead). It only affects capture:
  every monitor, wall screens included, keeps showing the window, video and watermark. Level
  ``excluded``.
- **Older Windows builds** — ``WDA_MONITOR``: the window is shown only on a monitor; captures
  show it black. Wall screens are monitors, so they keep showing the video too. Level
  ``monitor-only``. On build >= 19041 it is also the fallback when ``WDA_EXCLUDEFROMCAPTURE``
  is refused.
- **macOS** — the NSWindow's ``sharingType`` set to ``NSWindowSharingNone``: the window is
  hidden from window capture and screen sharing; displays (wall screens too) keep showing
  it. Level ``excluded``. Caveat for the reviewer: recorders built on ScreenCaptureKit have
  been reported to ignore ``sharingType`` on macOS 15 and later (and QuickTime recordings on
  some older releases); the level reports what the API accepted, not a guarantee.
- **Linux (X11, Wayland) and anything else** — no exclusion exists: level
  ``detection-only`` (the capture watch, console/capture/detector.py, is then the defence).

``apply`` never raises: a refused or failing call is logged and reported as a lower level
for that window. The real Windows and macOS calls go through small ctypes bindings
(``load_user32``, ``load_objc_runtime``); tests inject fakes of the same functions.
"""

from __future__ import annotations

import ctypes
import logging
import platform
import sys
from collections.abc import Callable, Iterable
from ctypes import wintypes
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

log = logging.getLogger(__name__)

WDA_NONE = 0x0
WDA_MONITOR = 0x1
WDA_EXCLUDEFROMCAPTURE = 0x11
EXCLUDE_FROM_CAPTURE_BUILD = 19041    # Windows 10 2004: first build with WDA_EXCLUDEFROMCAPTURE
NS_WINDOW_SHARING_NONE = 0
LIBOBJC = "/usr/lib/libobjc.A.dylib"


class ExclusionLevel(StrEnum):
    EXCLUDED = "excluded"
    MONITOR_ONLY = "monitor-only"
    DETECTION_ONLY = "detection-only"


_STRENGTH = {ExclusionLevel.DETECTION_ONLY: 0, ExclusionLevel.MONITOR_ONLY: 1,
             ExclusionLevel.EXCLUDED: 2}
# the display affinity that stands for each level (RecordingExcluder records it)
AFFINITY = {ExclusionLevel.EXCLUDED: WDA_EXCLUDEFROMCAPTURE,
            ExclusionLevel.MONITOR_ONLY: WDA_MONITOR,
            ExclusionLevel.DETECTION_ONLY: WDA_NONE}


def weakest(levels: Iterable[ExclusionLevel], default: ExclusionLevel) -> ExclusionLevel:
    """The weakest of ``levels`` (``default`` when there are none)."""
    return min(levels, key=_STRENGTH.__getitem__, default=default)


class CaptureExcluder(Protocol):
    @property
    def level(self) -> ExclusionLevel:
        """The level this terminal's OS offers (what ``apply`` achieves when it succeeds)."""
        ...

    def apply(self, window_id: int) -> ExclusionLevel:
        """Exclude the native window ``window_id`` (Qt's ``winId()``: an HWND on Windows, an
        NSView pointer on macOS) and say what was achieved. Never raises."""
        ...


# -- Windows -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class User32:
    """The two Win32 functions the Windows excluder calls."""

    set_window_display_affinity: Callable[[int, int], int]   # BOOL (HWND, DWORD)
    get_last_error: Callable[[], int]


def bind_set_window_display_affinity(user32: ctypes.CDLL) -> Callable[[int, int], int]:
    """``BOOL SetWindowDisplayAffinity(HWND hWnd, DWORD dwAffinity)`` of ``user32``, typed."""
    function = user32.SetWindowDisplayAffinity
    function.argtypes = (wintypes.HWND, wintypes.DWORD)
    function.restype = wintypes.BOOL
    return function


def load_user32() -> User32:
    """The real functions: a private user32 handle that keeps the thread's last error."""
    if sys.platform != "win32":
        raise OSError("user32 exists on Windows only")
    user32 = ctypes.WinDLL("user32", use_last_error=True)
    return User32(bind_set_window_display_affinity(user32), ctypes.get_last_error)


def running_windows_build() -> int:
    if sys.platform == "win32":
        return sys.getwindowsversion().build
    return 0


class WindowsExcluder:
    def __init__(self, build: int, user32: User32 | None = None) -> None:
        self.build = build
        self._user32 = user32

    @property
    def level(self) -> ExclusionLevel:
        if self.build >= EXCLUDE_FROM_CAPTURE_BUILD:
            return ExclusionLevel.EXCLUDED
        return ExclusionLevel.MONITOR_ONLY

    def attempts(self) -> list[tuple[int, ExclusionLevel]]:
        """The affinities tried in turn, strongest first."""
        steps = [(WDA_MONITOR, ExclusionLevel.MONITOR_ONLY)]
        if self.build >= EXCLUDE_FROM_CAPTURE_BUILD:
            steps.insert(0, (WDA_EXCLUDEFROMCAPTURE, ExclusionLevel.EXCLUDED))
        return steps

    def apply(self, window_id: int) -> ExclusionLevel:
        try:
            if self._user32 is None:
                self._user32 = load_user32()
            user32 = self._user32
        except Exception:
            log.exception("capture exclusion: cannot load SetWindowDisplayAffinity")
            return ExclusionLevel.DETECTION_ONLY
        for affinity, level in self.attempts():
            try:
                if user32.set_window_display_affinity(window_id, affinity):
                    return level
                error = user32.get_last_error()
            except Exception:
                log.exception("capture exclusion: SetWindowDisplayAffinity(%#x, %#x) raised",
                              window_id, affinity)
                continue
            log.warning("capture exclusion: SetWindowDisplayAffinity(%#x, %#x) failed, "
                        "error %d", window_id, affinity, error)
        return ExclusionLevel.DETECTION_ONLY


# -- macOS -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ObjcRuntime:
    """The Objective-C runtime functions the macOS excluder calls; ``objc_msgSend`` appears
    once per signature it is called with (arm64 needs the exact prototype)."""

    get_class: Callable[[bytes], int | None]               # Class objc_getClass(const char*)
    register_selector: Callable[[bytes], int | None]       # SEL sel_registerName(const char*)
    send_returning_id: Callable[[int, int], int | None]    # id    (id, SEL)
    send_id_returning_bool: Callable[[int, int, int], bool]  # BOOL (id, SEL, id)
    send_uint: Callable[[int, int, int], None]             # void  (id, SEL, NSUInteger)
    send_returning_uint: Callable[[int, int], int]         # NSUInteger (id, SEL)


def load_objc_runtime(path: str | None = None) -> ObjcRuntime:
    library = ctypes.CDLL(path or LIBOBJC)
    p, s, size = ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t

    def bind(name: str, restype: type | None, *argtypes: type) -> Callable[..., Any]:
        prototype = ctypes.CFUNCTYPE(restype, *argtypes)
        return prototype((name, library))

    return ObjcRuntime(
        get_class=bind("objc_getClass", p, s),
        register_selector=bind("sel_registerName", p, s),
        send_returning_id=bind("objc_msgSend", p, p, p),
        send_id_returning_bool=bind("objc_msgSend", ctypes.c_bool, p, p, p),
        send_uint=bind("objc_msgSend", None, p, p, size),
        send_returning_uint=bind("objc_msgSend", size, p, p),
    )


MACOS_SCREENCAPTUREKIT_MAJOR = 15  # recorders on ScreenCaptureKit ignore sharingType from here


def macos_major() -> int:
    """The running macOS major version (0 elsewhere)."""
    release = platform.mac_ver()[0]
    return int(release.split(".")[0]) if release.split(".")[0].isdigit() else 0


class MacExcluder:
    """``[[view window] setSharingType:NSWindowSharingNone]`` on the NSView Qt's ``winId()``
    returns, then reads the sharing type back. From macOS 15 recorders built on
    ScreenCaptureKit are reported to ignore the sharing type, so there the call is still made
    but the level claimed is ``detection-only``: the audit never overstates the protection."""

    def __init__(self, runtime: ObjcRuntime | None = None, major: int | None = None) -> None:
        self._runtime = runtime
        self._major = macos_major() if major is None else major

    @property
    def level(self) -> ExclusionLevel:
        return ExclusionLevel.EXCLUDED if self._major < MACOS_SCREENCAPTUREKIT_MAJOR \
            else ExclusionLevel.DETECTION_ONLY

    def apply(self, window_id: int) -> ExclusionLevel:
        try:
            if self._runtime is None:
                self._runtime = load_objc_runtime()
            achieved = self._exclude(self._runtime, window_id)
            return achieved if achieved != ExclusionLevel.EXCLUDED else self.level
        except Exception:
            log.exception("capture exclusion: setSharingType failed for view %#x", window_id)
            return ExclusionLevel.DETECTION_ONLY

    @staticmethod
    def _exclude(rt: ObjcRuntime, view: int) -> ExclusionLevel:
        ns_view = rt.get_class(b"NSView")
        if not view or not ns_view or not rt.send_id_returning_bool(
                view, _selector(rt, b"isKindOfClass:"), ns_view):
            log.warning("capture exclusion: %#x is not an NSView", view)
            return ExclusionLevel.DETECTION_ONLY
        window = rt.send_returning_id(view, _selector(rt, b"window"))
        if not window:
            log.warning("capture exclusion: view %#x has no NSWindow yet", view)
            return ExclusionLevel.DETECTION_ONLY
        rt.send_uint(window, _selector(rt, b"setSharingType:"), NS_WINDOW_SHARING_NONE)
        sharing = rt.send_returning_uint(window, _selector(rt, b"sharingType"))
        if sharing != NS_WINDOW_SHARING_NONE:
            log.warning("capture exclusion: window of view %#x kept sharing type %d",
                        view, sharing)
            return ExclusionLevel.DETECTION_ONLY
        return ExclusionLevel.EXCLUDED


def _selector(rt: ObjcRuntime, name: bytes) -> int:
    selector = rt.register_selector(name)
    if not selector:
        raise OSError(f"no selector {name!r}")
    return selector


# -- elsewhere, and the test seam --------------------------------------------------------------

class NoExcluder:
    """Linux/X11/Wayland: nothing to apply; detection is the defence."""

    @property
    def level(self) -> ExclusionLevel:
        return ExclusionLevel.DETECTION_ONLY

    def apply(self, window_id: int) -> ExclusionLevel:
        return ExclusionLevel.DETECTION_ONLY


class RecordingExcluder:
    """Records ``(window_id, affinity)`` for every ``apply``; achieves ``level`` unless
    ``outcomes`` says otherwise for that window id."""

    def __init__(self, level: ExclusionLevel = ExclusionLevel.EXCLUDED) -> None:
        self.level = level
        self.outcomes: dict[int, ExclusionLevel] = {}
        self.calls: list[tuple[int, int]] = []

    def apply(self, window_id: int) -> ExclusionLevel:
        achieved = self.outcomes.get(window_id, self.level)
        self.calls.append((window_id, AFFINITY[achieved]))
        return achieved

    @property
    def window_ids(self) -> list[int]:
        return [window_id for window_id, _ in self.calls]


def excluder_for_platform(platform: str = sys.platform,
                          windows_build: int | None = None) -> CaptureExcluder:
    """The real excluder for ``platform``; nothing is loaded until the first ``apply``."""
    if platform == "win32":
        build = running_windows_build() if windows_build is None else windows_build
        return WindowsExcluder(build)
    if platform == "darwin":
        return MacExcluder()
    return NoExcluder()
