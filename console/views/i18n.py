"""Which language the console speaks, and the Qt translators that make it speak it.

zh_CN is the default: an explicit choice (terminal config) wins, then the system locale if
it is Chinese or English, then zh_CN. Qt's own qtbase catalogue is installed too, so the
standard buttons (确定, 取消) follow."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QGuiApplication

SUPPORTED = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"

_installed: list[QTranslator] = []


class LanguageError(ValueError):
    pass


def normalize_language(name: str) -> str | None:
    """Map a locale name (zh_CN, zh-TW, en_US.UTF-8, C) onto a shipped language, or None."""
    base = name.split(".", 1)[0].split("@", 1)[0].replace("-", "_").strip()
    if base.lower().startswith("zh"):
        return "zh_CN"
    if base.lower() == "en" or base.lower().startswith("en_"):
        return "en"
    return None


def system_locale_name() -> str:
    """The user's locale as the environment says it (LC_ALL > LC_MESSAGES > LANG), else Qt's."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            return value
    return QLocale.system().name()


def choose_language(explicit: str | None, system_locale: str | None = None) -> str:
    if explicit:
        chosen = normalize_language(explicit)
        if chosen is None:
            raise LanguageError(
                f"language {explicit!r} is not shipped; choose one of {', '.join(SUPPORTED)}")
        return chosen
    locale = system_locale if system_locale is not None else system_locale_name()
    return normalize_language(locale) or DEFAULT_LANGUAGE


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"console_{language}.qm"


def use_language(language: str) -> str:
    """Install the translators for ``language`` (replacing earlier ones); return it."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("use_language needs a QApplication")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = QTranslator(app)
    if not ours.load(str(qm_path(language))):
        raise LanguageError(f"translation file {qm_path(language)} is missing or unreadable")
    _installed.append(ours)
    if language != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load(f"qtbase_{language}", qt_dir):
            _installed.append(qtbase)
        # what that catalogue lacks ("&Look in:" of the file dialog…): installed after it,
        # so it is asked first
        extra = QTranslator(app)
        if extra.load(str(TRANSLATIONS_DIR / f"qtbase_extra_{language}.qm")):
            _installed.append(extra)
    for translator in _installed:
        app.installTranslator(translator)
    QLocale.setDefault(QLocale(language))
    if isinstance(app, QGuiApplication):  # window managers show it after every title
        app.setApplicationDisplayName(
            QCoreApplication.translate("Application", "Video Sharing Console"))
    return language
