"""The rules the code cites (R1, R2, …) are the project's own: each one is a heading of
docs/requirements.md, and no file points to a requirements document outside the
repository."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "requirements.md"
CITED_IN = ("console", "tests", "tools", "main.py", "README.md")
RULE = re.compile(r"(?<![\w-])R(\d{1,2})(?![\w-])")
HEADING = re.compile(r"^## (R\d{1,2}) — \S", re.MULTILINE)
OUTSIDE = re.compile(r"\.\./shared|/work/shared|REQUIREMENTS\.md|seeds/")


def _files() -> list[Path]:
    found: list[Path] = []
    for name in CITED_IN:
        path = ROOT / name
        if path.is_file():
            found.append(path)
        else:
            found += [p for p in path.rglob("*") if p.suffix in (".py", ".md", ".toml")
                      and "__pycache__" not in p.parts]
    return found


def _cited() -> dict[str, set[str]]:
    cited: dict[str, set[str]] = {}
    for path in _files():
        for number in RULE.findall(path.read_text(encoding="utf-8")):
            cited.setdefault(f"R{int(number)}", set()).add(str(path.relative_to(ROOT)))
    return cited


def test_every_cited_rule_is_a_heading_of_the_requirements() -> None:
    headings = HEADING.findall(DOC.read_text(encoding="utf-8"))
    assert headings == [f"R{n}" for n in range(1, 16)]           # R1 … R15, in order, once
    cited = _cited()
    assert {"R1", "R6", "R10", "R15"} <= set(cited)              # the scan does find them
    missing = {rule: sorted(paths) for rule, paths in cited.items() if rule not in headings}
    assert missing == {}


def test_no_reference_points_outside_the_repository() -> None:
    this = Path(__file__).resolve()
    outside = {str(p.relative_to(ROOT)): m.group(0) for p in _files() if p.resolve() != this
               for m in [OUTSIDE.search(p.read_text(encoding="utf-8"))] if m}
    assert outside == {}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/requirements.md" in readme
