"""Choosing the UI language and installing its translators."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialogButtonBox

from console.views.i18n import LanguageError, choose_language, normalize_language, use_language


@pytest.mark.parametrize(("name", "expected"), [
    ("zh_CN", "zh_CN"), ("zh_CN.UTF-8", "zh_CN"), ("zh-TW", "zh_CN"), ("zh", "zh_CN"),
    ("en", "en"), ("en_US.UTF-8", "en"), ("en_GB", "en"),
    ("de_DE.UTF-8", None), ("C", None), ("POSIX", None), ("", None),
])
def test_locale_names_map_onto_shipped_languages(name, expected):
    assert normalize_language(name) == expected


def test_explicit_choice_wins_over_the_system_locale():
    assert choose_language("en", "zh_CN.UTF-8") == "en"
    assert choose_language("zh_CN", "en_US.UTF-8") == "zh_CN"


def test_system_locale_when_english_or_chinese_else_chinese():
    assert choose_language(None, "en_US.UTF-8") == "en"
    assert choose_language(None, "zh_TW.UTF-8") == "zh_CN"
    assert choose_language(None, "fr_FR.UTF-8") == "zh_CN"
    assert choose_language(None, "C") == "zh_CN"


def test_the_environment_is_the_system_locale(monkeypatch):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert choose_language(None) == "en"
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert choose_language(None) == "zh_CN"


def test_an_unshipped_explicit_language_is_an_error():
    with pytest.raises(LanguageError, match="not shipped"):
        choose_language("fr")


def test_installing_a_language_translates_ours_and_qts_own_buttons(qapp):
    try:
        use_language("en")
        assert QCoreApplication.translate("SystemDialogs", "Lock screen") == "Lock screen"
        use_language("zh_CN")
        assert QCoreApplication.translate("SystemDialogs", "Lock screen") == "锁定屏幕"
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    finally:
        use_language("zh_CN")
