"""Turning one spreadsheet cell into a typed value. calamine gives str, float, int, bool,
date and datetime; csv gives str. Each parser raises CellError with a message that makes
sense after "FILE SHEET row N, FIELD: "."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from console.catalog.problems import Problem, english
from console.catalog.sheets import Cell

LOCAL_TIME = ZoneInfo("Asia/Shanghai")  # naive times in a catalogue are Beijing time
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2_958_465           # 9999-12-31
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class CellError(ValueError):
    """A cell that cannot be read: a problem code with its parameters (the English text is
    the exception's message)."""

    def __init__(self, code: Problem, **params: Any) -> None:
        super().__init__(english(code, params))
        self.code, self.params = code, params


def is_blank(cell: Cell) -> bool:
    return isinstance(cell, str) and not cell.strip()


def text(cell: Cell) -> str:
    """Any cell as text with runs of whitespace (line breaks too) folded to one space."""
    if isinstance(cell, str):
        return " ".join(cell.split())
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ")
    return str(cell)


def bounded_text(cell: Cell, max_length: int, *, required: bool = False) -> str:
    value = text(cell)
    if required and not value:
        raise CellError(Problem.EMPTY)
    if len(value) > max_length:
        raise CellError(Problem.TOO_LONG, length=len(value), limit=max_length)
    if _CONTROL.search(value):
        raise CellError(Problem.CONTROL_CHARACTERS)
    return value


def integer(cell: Cell, low: int, high: int | None = None, *, suffix: str = "") -> int:
    """A whole number in [low, high]; text may carry ``suffix`` (e.g. 路 in annex 1)."""
    if isinstance(cell, bool):
        raise CellError(Problem.NOT_WHOLE_NUMBER, value=repr(cell))
    if isinstance(cell, int):
        value = cell
    elif isinstance(cell, float):
        if not cell.is_integer():
            raise CellError(Problem.NOT_WHOLE_NUMBER, value=repr(cell))
        value = int(cell)
    else:
        raw = text(cell)
        digits = raw.removesuffix(suffix).strip() if suffix else raw
        if not re.fullmatch(r"[+-]?\d+", digits):
            raise CellError(Problem.NOT_WHOLE_NUMBER, value=repr(raw))
        value = int(digits)
    if value < low or (high is not None and value > high):
        if high is None:
            raise CellError(Problem.BELOW_MINIMUM, value=value, low=low)
        raise CellError(Problem.OUT_OF_RANGE, value=value, low=low, high=high)
    return value


def decimal(cell: Cell, low: float, high: float) -> float:
    if isinstance(cell, bool):
        raise CellError(Problem.NOT_A_NUMBER, value=repr(cell))
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        raw = text(cell)
        try:
            value = float(raw)
        except ValueError:
            raise CellError(Problem.NOT_A_NUMBER, value=repr(raw)) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise CellError(Problem.OUT_OF_RANGE, value=value, low=f"{low:g}", high=f"{high:g}")
    return value


def choice(cell: Cell, options: dict[str, str], problem: Problem) -> str:
    """One of the spellings in ``options`` (normalised key -> value); ``problem`` otherwise."""
    raw = text(cell)
    key = _choice_key(raw)
    if key not in options:
        raise CellError(problem, value=repr(raw))
    return options[key]


def choice_options(pairs: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """Build a lookup from value -> spellings (the value itself is accepted too)."""
    options: dict[str, str] = {}
    for value, spellings in pairs.items():
        for spelling in (value, *spellings):
            options[_choice_key(spelling)] = value
    return options


def _choice_key(raw: str) -> str:
    return re.sub(r"[\s_\-]+", "", raw).casefold()


_YES = {"是", "有", "y", "yes", "true", "1", "√", "✓"}
_NO = {"否", "无", "n", "no", "false", "0", "×"}


def yes_no(cell: Cell) -> bool:
    if isinstance(cell, bool):
        return cell
    raw = text(cell)
    key = raw.casefold()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellError(Problem.NOT_YES_NO, value=repr(raw))


_DATE_TEXT = re.compile(
    r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?")


def a_date(cell: Cell) -> date:
    """Excel dates, YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日."""
    if isinstance(cell, datetime):
        return cell.date()
    if isinstance(cell, date):
        return cell
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        return _excel_serial(cell).date()
    raw = text(cell)
    match = _DATE_TEXT.fullmatch(raw)
    if match is None:
        raise CellError(Problem.NOT_A_DATE, value=repr(raw))
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise CellError(Problem.INVALID_DATE, value=repr(raw), error=str(exc)) from None


def a_datetime(cell: Cell) -> datetime:
    """A time of day on a date; naive values are Beijing time. Returned in UTC, to the
    second (Excel stores times as fractions of a day)."""
    if isinstance(cell, datetime):
        value = cell
    elif isinstance(cell, date):
        value = datetime.combine(cell, time())
    elif isinstance(cell, int | float) and not isinstance(cell, bool):
        value = _excel_serial(cell)
    else:
        value = _datetime_text(text(cell))
    if value.tzinfo is None:
        value = value.replace(tzinfo=LOCAL_TIME)
    value = value.astimezone(UTC)
    if value.microsecond and not isinstance(cell, str):
        value = (value + timedelta(microseconds=500_000)).replace(microsecond=0)
    return value


def _datetime_text(raw: str) -> datetime:
    match = _DATE_TEXT.fullmatch(raw)
    if match is not None:
        try:
            return datetime(int(match[1]), int(match[2]), int(match[3]), int(match[4] or 0),
                            int(match[5] or 0), int(match[6] or 0),
                            int((match[7] or "0").ljust(6, "0")))
        except ValueError as exc:
            raise CellError(Problem.INVALID_DATETIME, value=repr(raw),
                            error=str(exc)) from None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise CellError(Problem.NOT_A_DATETIME, value=repr(raw)) from None


def _excel_serial(value: float) -> datetime:
    if not 1 <= value <= _EXCEL_MAX_SERIAL:
        raise CellError(Problem.NOT_A_DATE_SERIAL, value=repr(value))
    return _EXCEL_EPOCH + timedelta(days=float(value))
