"""ruff, mypy and the import contract are part of the test suite, so CI fails when one is
unhappy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600,
                          check=False)


def test_ruff_clean() -> None:
    result = _run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_clean() -> None:
    result = _run(str(BIN / "mypy"), "console", "main.py", "tools", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_terminal_imports_no_database_code() -> None:
    """The import-linter contract in pyproject.toml: no terminal package reaches SQLAlchemy,
    Alembic, psycopg, console.storage or console.server, directly or through another."""
    result = _run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout
