"""Turning one spreadsheet cell into a typed value. calamine gives str, float, int, bool,
date and datetime; csv gives str. Each parser raises CellError with a message that makes
sense after "FILE SHEET row N, FIELD: "."""

from __future__ import annotations

import math
import re
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from console.catalog.sheets import Cell

LOCAL_TIME = ZoneInfo("Asia/Shanghai")  # naive times in a catalogue are Beijing time
_EXCEL_EPOCH = datetime(1899, 12, 30)
_EXCEL_MAX_SERIAL = 2_958_465           # 9999-12-31
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class CellError(ValueError):
    pass


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
        raise CellError("must not be empty")
    if len(value) > max_length:
        raise CellError(f"is {len(value)} characters long; at most {max_length}")
    if _CONTROL.search(value):
        raise CellError("contains control characters")
    return value


def integer(cell: Cell, low: int, high: int | None = None, *, suffix: str = "") -> int:
    """A whole number in [low, high]; text may carry ``suffix`` (e.g. 路 in annex 1)."""
    if isinstance(cell, bool):
        raise CellError(f"{cell!r} is not a whole number")
    if isinstance(cell, int):
        value = cell
    elif isinstance(cell, float):
        if not cell.is_integer():
            raise CellError(f"{cell!r} is not a whole number")
        value = int(cell)
    else:
        raw = text(cell)
        digits = raw.removesuffix(suffix).strip() if suffix else raw
        if not re.fullmatch(r"[+-]?\d+", digits):
            raise CellError(f"{raw!r} is not a whole number")
        value = int(digits)
    if value < low or (high is not None and value > high):
        bounds = f"{low}..{high}" if high is not None else f"at least {low}"
        raise CellError(f"{value} is outside {bounds}")
    return value


def decimal(cell: Cell, low: float, high: float) -> float:
    if isinstance(cell, bool):
        raise CellError(f"{cell!r} is not a number")
    if isinstance(cell, int | float):
        value = float(cell)
    else:
        raw = text(cell)
        try:
            value = float(raw)
        except ValueError:
            raise CellError(f"{raw!r} is not a number") from None
    if not math.isfinite(value) or not low <= value <= high:
        raise CellError(f"{value} is outside {low:g}..{high:g}")
    return value


def choice(cell: Cell, options: dict[str, str], what: str) -> str:
    """One of the spellings in ``options`` (normalised key -> value)."""
    raw = text(cell)
    key = _choice_key(raw)
    if key not in options:
        raise CellError(f"{raw!r} is not {what}")
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
    raise CellError(f"{raw!r} is not 是/否 (yes/no)")


_DATE_TEXT = re.compile(
    r"(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?"
    r"(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?")
_DATE_HELP = "is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)"


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
        raise CellError(f"{raw!r} {_DATE_HELP}")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError as exc:
        raise CellError(f"{raw!r} is not a valid date ({exc})") from None


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
            raise CellError(f"{raw!r} is not a valid date and time ({exc})") from None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise CellError(f"{raw!r} is not a date and time (YYYY-MM-DD HH:MM:SS)") from None


def _excel_serial(value: float) -> datetime:
    if not 1 <= value <= _EXCEL_MAX_SERIAL:
        raise CellError(f"{value!r} is not a date")
    return _EXCEL_EPOCH + timedelta(days=float(value))
