"""The console's second layer against capture (R9), everywhere and alone where the OS has no
capture exclusion (Linux/X11):

- **Keys.** While the console has focus it consumes PrintScreen (with any modifier) and the
  desktops' screenshot and recording shortcuts (Windows Snipping Tool and Game Bar, macOS
  Cmd+Shift+3/4/5/6, GNOME's screencast key), and says each attempt once (``key_blocked``:
  the main window registers it in the audit trail).
- **Clipboard.** Should anything of the console's ever put image data on the clipboard, it is
  cleared at once: the clipboard never carries a picture out of the console.
- **Capture programs.** ``set_detections`` takes what the capture watch found running
  (console/capture/detector.py); while anything is, ``notice()`` is the text every video
  output shows instead of its picture (tiles and wall outputs ask it on every paint), and
  ``changed`` tells the outputs to repaint now.

Desktop shortcuts grabbed by the window system (X11 passive grabs, Windows hotkeys) never
reach the console; those are what the capture exclusion and the detection are for."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QClipboard, QGuiApplication, QKeyEvent

from console.views.reason_text import QT_TRANSLATE_NOOP

_MOD = Qt.KeyboardModifier
_ANY = None
# (key, exact modifiers or None for any) the console consumes while focused
SCREENSHOT_KEYS: tuple[tuple[Qt.Key, Qt.KeyboardModifier | None], ...] = (
    (Qt.Key.Key_Print, _ANY),                                     # every desktop
    (Qt.Key.Key_SysReq, _ANY),                                    # Alt+Print on some keyboards
    (Qt.Key.Key_S, _MOD.MetaModifier | _MOD.ShiftModifier),       # Windows Snipping Tool
    (Qt.Key.Key_R, _MOD.MetaModifier | _MOD.ShiftModifier),       # Windows 11 screen recording
    (Qt.Key.Key_R, _MOD.MetaModifier | _MOD.AltModifier),         # Windows Game Bar: record
    (Qt.Key.Key_G, _MOD.MetaModifier),                            # Windows Game Bar
    (Qt.Key.Key_R, _MOD.ControlModifier | _MOD.AltModifier | _MOD.ShiftModifier),  # GNOME
    # macOS Cmd+Shift+3/4/5/6 (Qt maps Cmd to Control there)
    (Qt.Key.Key_3, _MOD.ControlModifier | _MOD.ShiftModifier),
    (Qt.Key.Key_4, _MOD.ControlModifier | _MOD.ShiftModifier),
    (Qt.Key.Key_5, _MOD.ControlModifier | _MOD.ShiftModifier),
    (Qt.Key.Key_6, _MOD.ControlModifier | _MOD.ShiftModifier),
    (Qt.Key.Key_NumberSign, _MOD.ControlModifier | _MOD.ShiftModifier),  # Shift+3 on some
    (Qt.Key.Key_Dollar, _MOD.ControlModifier | _MOD.ShiftModifier),      # Shift+4
    (Qt.Key.Key_Percent, _MOD.ControlModifier | _MOD.ShiftModifier),     # Shift+5
)
_RELEVANT = _MOD.ControlModifier | _MOD.ShiftModifier | _MOD.AltModifier | _MOD.MetaModifier


def is_screenshot_key(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    wanted = modifiers & _RELEVANT
    for screenshot_key, mods in SCREENSHOT_KEYS:
        if key == screenshot_key and (mods is None or wanted == mods):
            return True
    return False


def key_name(key: int, modifiers: Qt.KeyboardModifier) -> str:
    from PySide6.QtGui import QKeySequence  # noqa: PLC0415 - only when one is blocked

    combined = int(key) | int((modifiers & _RELEVANT).value)
    return QKeySequence(combined).toString(QKeySequence.SequenceFormat.PortableText) \
        or f"key {int(key)}"


class CaptureGuard(QObject):
    key_blocked = Signal(str)     # a screenshot shortcut was consumed (its name)
    changed = Signal()            # capture programs started or ended: repaint the outputs
    clipboard_cleared = Signal()  # image data of the console's was taken off the clipboard

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._names: tuple[str, ...] = ()
        self._held: set[int] = set()
        app = QCoreApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        if isinstance(app, QGuiApplication):
            app.clipboard().dataChanged.connect(self._on_clipboard_changed)
            app.clipboard().selectionChanged.connect(self._on_selection_changed)

    def shutdown(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if isinstance(app, QGuiApplication):
            app.clipboard().dataChanged.disconnect(self._on_clipboard_changed)
            app.clipboard().selectionChanged.disconnect(self._on_selection_changed)

    # -- capture programs ----------------------------------------------------------------

    def set_detections(self, found: Sequence[str]) -> None:
        """The display names of the capture programs running now (none: video shown)."""
        names = tuple(sorted(set(found)))
        if names != self._names:
            self._names = names
            self.changed.emit()

    @property
    def detected(self) -> tuple[str, ...]:
        return self._names

    def notice(self) -> str:
        """What every video output shows instead of the picture ("" when nothing runs)."""
        if not self._names:
            return ""
        return self.tr("Video hidden: a screen capture or remote-desktop program is "
                       "running ({names}). Close it to see video again; this has been "
                       "recorded.").format(names=", ".join(self._names))

    # -- keys ----------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress,
                    QEvent.Type.KeyRelease) and isinstance(event, QKeyEvent) \
                and is_screenshot_key(event.key(), event.modifiers()):
            if kind == QEvent.Type.KeyPress and not event.isAutoRepeat() \
                    and event.key() not in self._held:
                self._held.add(event.key())
                self.key_blocked.emit(key_name(event.key(), event.modifiers()))
            elif kind == QEvent.Type.KeyRelease and not event.isAutoRepeat():
                self._held.discard(event.key())
            event.accept()
            return True
        return False

    # -- clipboard -----------------------------------------------------------------------

    @Slot()
    def _on_clipboard_changed(self) -> None:
        self._guard(QClipboard.Mode.Clipboard)

    @Slot()
    def _on_selection_changed(self) -> None:
        self._guard(QClipboard.Mode.Selection)

    def _guard(self, mode: QClipboard.Mode) -> None:
        app = QCoreApplication.instance()
        if not isinstance(app, QGuiApplication):
            return
        clipboard = app.clipboard()
        owns = clipboard.ownsClipboard() if mode == QClipboard.Mode.Clipboard \
            else clipboard.ownsSelection()
        data = clipboard.mimeData(mode)
        if owns and data is not None and (data.hasImage() or any(
                f.startswith("image/") for f in data.formats())):
            clipboard.clear(mode)
            self.clipboard_cleared.emit()


_EXCLUSION_TEXTS = {
    "excluded": QT_TRANSLATE_NOOP(
        "CaptureGuard", "excluded (video windows are left out of screenshots and recordings); "
                        "capture programs are also detected"),
    "monitor-only": QT_TRANSLATE_NOOP(
        "CaptureGuard", "monitor only (video windows show black in screenshots and "
                        "recordings); capture programs are also detected"),
    "detection-only": QT_TRANSLATE_NOOP(
        "CaptureGuard", "detection only (this system offers no exclusion: video is hidden "
                        "while a capture program runs)"),
}


def exclusion_text(level: str) -> str:
    """The capture exclusion in force, as the About dialog says it."""
    return QCoreApplication.translate("CaptureGuard", _EXCLUSION_TEXTS.get(level, level))
