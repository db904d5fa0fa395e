#!/usr/bin/env python3
"""Keep the Qt Linguist files of the console in step with the code.

    .venv/bin/python tools/update_translations.py           update .ts from the sources, compile .qm
    .venv/bin/python tools/update_translations.py --check   change nothing; exit 1 when a .ts is
                                                             out of date with the sources, a zh_CN
                                                             message is unfinished or empty, or a
                                                             .qm is stale

Sources are English (self.tr, QCoreApplication.translate, QT_TRANSLATE_NOOP) in the Qt
packages of ``console``. The English catalogue is the source language: its entries are
filled with the source text and count as finished. Chinese is translated by hand in
resources/i18n/console_zh_CN.ts (Qt Linguist, or a text editor) — then run this again.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "resources" / "i18n"
SOURCE_DIRS = ("console/views", "console/player", "console/overlay")
LANGUAGES = ("zh_CN", "en")
# Qt's own strings missing from the qtbase catalogue PySide6 ships: translated by hand,
# compiled only (no sources to scan)
QT_EXTRAS = ("qtbase_extra_zh_CN",)
SOURCE_LANGUAGE = "en"
BIN = Path(sys.executable).parent

_EMPTY_AFTER_SOURCE = re.compile(
    r"(<source>(?P<text>[^<]*)</source>\s*(?:<comment>[^<]*</comment>\s*)?)"
    r'<translation type="unfinished">[^<]*</translation>',
    re.DOTALL,
)


def tool(name: str) -> str:
    path = BIN / name
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found next to {sys.executable} or on PATH "
                         "(it ships with PySide6)")
    return found


def source_files() -> list[Path]:
    files: list[Path] = []
    for folder in SOURCE_DIRS:
        files.extend(sorted((ROOT / folder).rglob("*.py")))
    return files


def ts_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"console_{language}.ts"


def qm_path(language: str, folder: Path = I18N) -> Path:
    return folder / f"console_{language}.qm"


def run_lupdate(ts: Path, language: str) -> None:
    files = [str(f.relative_to(ROOT)) for f in source_files()]
    subprocess.run(
        [tool("pyside6-lupdate"), *files, "-ts", str(ts), "-no-obsolete", "-locations", "none",
         "-source-language", SOURCE_LANGUAGE, "-target-language", language, "-silent"],
        cwd=ROOT, check=True,
    )
    if language == SOURCE_LANGUAGE:
        text = ts.read_text(encoding="utf-8")
        ts.write_text(_EMPTY_AFTER_SOURCE.sub(r"\1<translation>\g<text></translation>", text),
                      encoding="utf-8")


def run_lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(qm)],
                   cwd=ROOT, check=True)


def messages(ts: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, translation type) of every live message."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "unfinished"
            if kind in ("vanished", "obsolete"):
                continue
            text = (translation.text or "") if translation is not None else ""
            forms = translation.findall("numerusform") if translation is not None else []
            if forms:  # a plural ("%n"): finished when every form is filled in
                text = "" if any(not (f.text or "").strip() for f in forms) \
                    else " | ".join(f.text or "" for f in forms)
            out.append((name, message.findtext("source", ""), text, kind))
    return out


def unfinished(ts: Path) -> list[str]:
    return [f"{context}: {source!r}" for context, source, text, kind in messages(ts)
            if kind == "unfinished" or not text.strip()]


def check() -> list[str]:
    """Every problem found, as sentences; empty when everything is in step."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for language in LANGUAGES:
            committed = ts_path(language)
            if not committed.exists():
                problems.append(f"{committed.relative_to(ROOT)} is missing")
                continue
            fresh = ts_path(language, scratch)
            shutil.copyfile(committed, fresh)
            run_lupdate(fresh, language)
            if fresh.read_bytes() != committed.read_bytes():
                problems.append(f"{committed.relative_to(ROOT)} is out of date with the sources "
                                "(run tools/update_translations.py)")
            problems.extend(f"{language} untranslated: {item}" for item in unfinished(fresh))
            compiled = qm_path(language, scratch)
            run_lrelease(committed, compiled)
            shipped = qm_path(language)
            if not shipped.exists() or shipped.read_bytes() != compiled.read_bytes():
                problems.append(f"{shipped.relative_to(ROOT)} is stale "
                                "(run tools/update_translations.py)")
        for name in QT_EXTRAS:
            compiled = scratch / f"{name}.qm"
            run_lrelease(I18N / f"{name}.ts", compiled)
            shipped = I18N / f"{name}.qm"
            if not shipped.exists() or shipped.read_bytes() != compiled.read_bytes():
                problems.append(f"{shipped.relative_to(ROOT)} is stale "
                                "(run tools/update_translations.py)")
    return problems


def update() -> list[str]:
    I18N.mkdir(parents=True, exist_ok=True)
    for language in LANGUAGES:
        run_lupdate(ts_path(language), language)
        run_lrelease(ts_path(language), qm_path(language))
    for name in QT_EXTRAS:
        run_lrelease(I18N / f"{name}.ts", I18N / f"{name}.qm")
    return [f"{language} untranslated: {item}"
            for language in LANGUAGES for item in unfinished(ts_path(language))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; fail when anything is out of date or unfinished")
    args = parser.parse_args(argv)
    problems = check() if args.check else update()
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print("translations are complete and up to date" if args.check else
          f"updated {', '.join(str(ts_path(lang).relative_to(ROOT)) for lang in LANGUAGES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
