"""The translations are complete and in step with the code: every source string is in the
zh_CN catalogue and translated, English is complete, every reason code and role has a text,
placeholders survive translation, and the compiled .qm files are fresh."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QCoreApplication

from console.codes import Reason, Role
from console.views import reason_text
from console.views.i18n import use_language

ROOT = Path(__file__).resolve().parents[1]
_PLACEHOLDER = re.compile(r"\{(\w*)\}")


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "tools" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The committed .ts files run through lupdate again, in a scratch directory."""
    scratch = tmp_path_factory.mktemp("i18n")
    out = {}
    for language in tool.LANGUAGES:
        fresh = tool.ts_path(language, scratch)
        shutil.copyfile(tool.ts_path(language), fresh)
        tool.run_lupdate(fresh, language)
        out[language] = fresh
    return out


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_source_string_is_in_the_catalogue(fresh_catalogues, language):
    committed = {(c, s) for c, s, _, _ in tool.messages(tool.ts_path(language))}
    wanted = {(c, s) for c, s, _, _ in tool.messages(fresh_catalogues[language])}
    assert not wanted - committed, (
        f"strings missing from console_{language}.ts (run tools/update_translations.py): "
        f"{sorted(wanted - committed)}")
    assert not committed - wanted, f"strings no longer in the code: {sorted(committed - wanted)}"
    assert fresh_catalogues[language].read_bytes() == tool.ts_path(language).read_bytes(), (
        f"console_{language}.ts is out of date: run tools/update_translations.py")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_message_is_translated(fresh_catalogues, language):
    assert tool.unfinished(fresh_catalogues[language]) == []


def test_chinese_translations_are_chinese_and_keep_their_placeholders():
    for context, source, text, _ in tool.messages(tool.ts_path("zh_CN")):
        words = re.search(r"[A-Za-z]", _PLACEHOLDER.sub("", source))
        if words:
            assert re.search(r"[\u4e00-\u9fff]", text), f"{context}: {source!r} -> {text!r}"
        assert text != source, f"{context}: {source!r} left as it is"
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), (
            f"{context}: placeholders differ in {text!r}")


def test_compiled_catalogues_are_fresh(tmp_path):
    for language in tool.LANGUAGES:
        compiled = tool.qm_path(language, tmp_path)
        tool.run_lrelease(tool.ts_path(language), compiled)
        assert tool.qm_path(language).read_bytes() == compiled.read_bytes(), (
            f"console_{language}.qm is stale: run tools/update_translations.py")


def test_the_check_mode_agrees():
    assert tool.check() == []


def test_every_reason_code_and_role_has_a_text():
    assert set(reason_text.REASON_TEXTS) == set(Reason)
    assert set(reason_text.ROLE_TEXTS) == set(Role)


def test_reason_texts_are_translated_at_display_time(qapp):
    use_language("zh_CN")
    try:
        sources = [*reason_text.REASON_TEXTS.values(), *reason_text.DETAIL_TEXTS.values(),
                   *reason_text.PASSWORD_RULE_TEXTS.values(), *reason_text.ROLE_TEXTS.values()]
        for source in sources:
            translated = QCoreApplication.translate("ReasonText", source)
            assert translated != source, f"not translated at run time: {source!r}"
        assert reason_text.describe(Reason.USER_DISABLED).startswith("该账号已被停用")
        assert reason_text.role_text("supervisor") == "值班长"
    finally:
        use_language("zh_CN")
