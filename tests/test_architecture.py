"""The rules stay Qt-free: nothing in console/ outside views/, player/ and overlay/ imports
PySide6 (or shiboken6), directly or through another module."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QT_PACKAGES = ("PySide6", "shiboken6", "PyQt5", "PyQt6")
QT_ALLOWED = ("views", "player", "overlay")


def core_modules() -> list[Path]:
    return [p for p in sorted((ROOT / "console").rglob("*.py"))
            if p.relative_to(ROOT / "console").parts[0] not in QT_ALLOWED]


def test_core_sources_do_not_import_qt() -> None:
    offenders = []
    for path in core_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.relative_to(ROOT)}: {n}" for n in names
                          if n.split(".")[0] in QT_PACKAGES]
    assert not offenders
    assert len(core_modules()) > 20  # the walk really found the core


def test_core_imports_with_qt_unavailable() -> None:
    """Import every core module in a fresh interpreter where PySide6 cannot be imported:
    catches a Qt import that arrives indirectly."""
    modules = [".".join(p.relative_to(ROOT).with_suffix("").parts) for p in core_modules()
               if "migrations" not in p.parts]
    script = (
        "import sys\n"
        f"for qt in {QT_PACKAGES!r}: sys.modules[qt] = None\n"
        "import importlib\n"
        f"for m in {modules!r}: importlib.import_module(m.removesuffix('.__init__'))\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_the_requested_layout_exists() -> None:
    for part in ("main.py", "console", "console/views", "console/player", "console/overlay",
                 "resources", "tests", "packaging", "benchmarks"):
        assert (ROOT / part).exists(), part
