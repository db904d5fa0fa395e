"""Lists on the command line: a header line, then one row per item; ``--json`` gives the same
items as a JSON array of objects for programs.

On a terminal the columns are aligned for reading (a CJK character takes two columns, a
combining mark none); piped into a file or another program the cells are separated by tabs,
the header first, so ``cut -f`` and ``awk -F'\\t'`` work (as ``gh`` and ``kubectl`` do). An
empty list prints one line that says what is empty ("no PTZ faults"), never a bare header.
JSON carries times as ISO 8601 with their offset and lists as arrays."""

from __future__ import annotations

import argparse
import json
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TextIO

GAP = "  "      # between aligned columns


@dataclass(frozen=True, slots=True)
class Column:
    key: str                                     # the field in each row (and in JSON)
    title: str                                   # the header
    text: Callable[[Any], str] | None = None     # how a value reads (default: cell_text)


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true",
                        help="print the list as JSON (an array of objects) instead of a table")


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: East Asian wide and full-width characters two,
    combining marks and zero-width characters none, every other one."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def cell_text(value: Any) -> str:
    """A value as a cell: none is '-', a list is comma-separated, a time is local time; tabs
    and line breaks become spaces (one row stays one line)."""
    if value is None or value == "":
        return "-"
    if isinstance(value, datetime):
        return value.astimezone().strftime("%Y-%m-%d %H:%M")
    if isinstance(value, list | tuple):
        return ",".join(cell_text(v) for v in value) or "-"
    return " ".join(str(value).split()) if any(c in str(value) for c in "\t\r\n") \
        else str(value)


def json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): json_value(v) for k, v in value.items()}
    return value


def write_list(out: TextIO, columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], *,
               as_json: bool, empty: str, aligned: bool | None = None) -> None:
    """``rows`` as a table under ``columns`` (or as JSON); ``empty``: the line for none."""
    if as_json:
        out.write(json.dumps([{key: json_value(value) for key, value in row.items()}
                              for row in rows], ensure_ascii=False, indent=2) + "\n")
        return
    if not rows:
        out.write(empty + "\n")
        return
    table = [[c.title for c in columns]]
    table += [[(c.text or cell_text)(row.get(c.key)) for c in columns] for row in rows]
    if aligned is None:
        aligned = _is_terminal(out)
    if not aligned:
        out.writelines("\t".join(line) + "\n" for line in table)
        return
    widths = [max(display_width(line[i]) for line in table) for i in range(len(columns))]
    for line in table:
        cells = [cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(line)]
        out.write(GAP.join(cells).rstrip() + "\n")


def _is_terminal(out: TextIO) -> bool:
    try:
        return out.isatty()
    except (AttributeError, ValueError):
        return False
