"""The console's look: Qt's Fusion style with a dark neutral palette, as is usual for video
management software (video reads best on a dark surround), plus a small style sheet.
Widgets pick roles through object names and dynamic properties, never inline colours."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

WINDOW = "#1f2329"
PANEL = "#262b32"
BASE = "#16191d"
BORDER = "#3a424d"
TEXT = "#d9dee4"
MUTED = "#8b95a1"
ACCENT = "#2f80d0"
WARNING = "#e3a33b"
ERROR = "#ef6b62"
ONLINE = "#4cc38a"
OFFLINE = "#6b7480"
# One colour per right (the keys are console.codes.Right values): the tree's rights column.
RIGHT_COLOURS = {
    "live": "#4cc38a",
    "ptz": "#e3a33b",
    "playback": "#5aa9f0",
    "download": "#b58cf0",
}

CJK_FONTS = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
             "WenQuanYi Micro Hei", "Noto Sans SC")

STYLE_SHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog {{ background: {WINDOW}; }}
QToolTip {{ color: {TEXT}; background: {PANEL}; border: 1px solid {BORDER}; }}
QMenuBar {{ background: {PANEL}; border-bottom: 1px solid {BORDER}; }}
QMenuBar::item {{ padding: 4px 12px; background: transparent; }}
QMenuBar::item:selected {{ background: {BORDER}; }}
QMenu {{ background: {PANEL}; border: 1px solid {BORDER}; padding: 4px 0; }}
QMenu::item {{ padding: 5px 28px 5px 20px; }}
QMenu::item:selected {{ background: {ACCENT}; color: white; }}
QMenuBar::item:disabled, QMenu::item:disabled {{ color: {MUTED}; }}
QMenu::separator {{ height: 1px; background: {BORDER}; margin: 4px 8px; }}
QStatusBar {{ background: {PANEL}; border-top: 1px solid {BORDER}; }}
QStatusBar::item {{ border: none; }}
QStatusBar QLabel {{ padding: 0 10px; border-left: 1px solid {BORDER}; }}
QDockWidget::title {{ background: {PANEL}; padding: 6px 8px; border-bottom: 1px solid {BORDER}; }}
QLineEdit {{
    background: {BASE}; border: 1px solid {BORDER}; border-radius: 3px; padding: 5px 7px;
    selection-background-color: {ACCENT};
}}
QLineEdit:focus {{ border-color: {ACCENT}; }}
QLineEdit:disabled {{ color: {MUTED}; }}
QTreeView {{ background: {BASE}; border: 1px solid {BORDER}; }}
QPushButton {{
    background: {PANEL}; border: 1px solid {BORDER}; border-radius: 3px;
    padding: 6px 18px; min-width: 64px;
}}
QPushButton:hover {{ border-color: {ACCENT}; }}
QPushButton:pressed {{ background: {BASE}; }}
QPushButton:disabled {{ color: {MUTED}; }}
QPushButton:default, QPushButton[role="primary"] {{
    background: {ACCENT}; border-color: {ACCENT}; color: white;
}}
QPushButton:default:disabled, QPushButton[role="primary"]:disabled {{
    background: {BORDER}; border-color: {BORDER}; color: {MUTED};
}}
QGroupBox {{
    border: 1px solid {BORDER}; border-radius: 4px; margin-top: 14px; padding: 10px 8px 6px 8px;
}}
QGroupBox::title {{
    subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {MUTED};
}}
QLabel[role="title"] {{ font-size: 17pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ color: {MUTED}; }}
QLabel[role="heading"] {{ font-size: 12pt; font-weight: 600; }}
QDialog#passwordDialog {{ border: 1px solid {BORDER}; }}
QLabel[role="muted"], QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="warning"] {{ color: {WARNING}; font-weight: 600; }}
QLabel[role="error"] {{
    color: {ERROR}; background: #3a2326; border: 1px solid #6b3237; border-radius: 3px;
    padding: 6px 8px;
}}
QFrame#loginHeader {{ background: {PANEL}; border-bottom: 2px solid {ACCENT}; }}
QFrame#demoNote {{ border-top: 1px dashed {BORDER}; }}
QDialogButtonBox {{ dialogbuttonbox-buttons-have-icons: 0; }}
QFrame#videoTile {{ background: #0c0e10; border: 1px solid #2c333c; }}
QFrame#videoTile[tileState="showing"] {{ border-color: #35506b; }}
QFrame#videoTile[tileState="opening"] {{ border: 1px dashed {ACCENT}; }}
QFrame#videoTile[tileState="message"] {{ border-color: #6b4a25; }}
QFrame#videoTile[dropTarget="true"] {{ border: 2px solid {ACCENT}; }}
QLabel#tileHint {{ color: #5d6773; }}
QLabel#tileIndex {{ color: #4a535e; }}
QLabel#tileTitle {{ font-weight: 600; padding-left: 6px; }}
QLabel#tileCode {{ color: {MUTED}; }}
QLabel#tilePurpose, QLabel#tileUntil {{ color: {TEXT}; }}
QLabel#tileNotice {{ color: #5d6773; }}
QLabel#tileMessage {{ color: {WARNING}; padding: 6px 12px; }}
QToolButton#tileClose {{ color: {MUTED}; font-size: 13pt; padding: 0 4px; border: none; }}
QToolButton#tileClose:hover {{ color: white; background: #6b3237; }}
QLabel#cameraStatus {{ padding: 0 2px; }}
QTreeView#cameraTree::item {{ padding: 2px 0; }}
QComboBox {{
    background: {BASE}; border: 1px solid {BORDER}; border-radius: 3px; padding: 4px 7px;
}}
QComboBox:focus {{ border-color: {ACCENT}; }}
QComboBox QAbstractItemView {{
    background: {PANEL}; border: 1px solid {BORDER}; selection-background-color: {ACCENT};
}}
QWidget#cameraDetails {{ border-top: 1px solid {BORDER}; }}
QLabel[role="fieldLabel"] {{ color: {MUTED}; }}
QLabel[role="fieldValue"][state="online"] {{ color: {ONLINE}; }}
QLabel[role="fieldValue"][state="offline"] {{ color: {WARNING}; }}
QSplitter::handle {{ background: {WINDOW}; }}
QDialog#purposeDialog {{ border: 1px solid {BORDER}; }}
QFrame#lockScreen, QWidget#sessionEnded {{ background: #111418; }}
QMessageBox {{ background: {PANEL}; border: 1px solid {BORDER}; }}
QMessageBox QLabel#qt_msgbox_label {{ font-size: 12pt; font-weight: 600; }}
QMessageBox QLabel#qt_msgbox_informativelabel {{ min-width: 340px; padding-right: 12px; }}
QFrame#lockCard {{ background: {PANEL}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#lockTitle {{ font-size: 16pt; font-weight: 600; }}
"""


def palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: WINDOW,
        QPalette.ColorRole.WindowText: TEXT,
        QPalette.ColorRole.Base: BASE,
        QPalette.ColorRole.AlternateBase: PANEL,
        QPalette.ColorRole.Text: TEXT,
        QPalette.ColorRole.Button: PANEL,
        QPalette.ColorRole.ButtonText: TEXT,
        QPalette.ColorRole.Highlight: ACCENT,
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: PANEL,
        QPalette.ColorRole.ToolTipText: TEXT,
        QPalette.ColorRole.PlaceholderText: MUTED,
        QPalette.ColorRole.Link: ACCENT,
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(MUTED))
    return p


def cjk_font_family() -> str | None:
    """The first installed font family that renders Simplified Chinese well."""
    families = set(QFontDatabase.families())
    return next((f for f in CJK_FONTS if f in families), None)


def apply_theme(app: QApplication) -> None:
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setPalette(palette())
    family = cjk_font_family()
    if family is not None:
        font = QFont(family)
        font.setPointSize(10)
        app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
