"""Small helpers of the command line's input and output."""

from __future__ import annotations

from datetime import datetime

from console.cli.errors import CliUsageError


def local_time(moment: datetime | None, seconds: bool = False) -> str:
    """A moment in this terminal's local time ('-' for none)."""
    if moment is None:
        return "-"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")


def check_camera_code(text: str, option: str = "code") -> str:
    """A camera code as given on the command line: letters and digits, at most 20."""
    code = text.strip()
    if not (code.isascii() and code.isalnum() and 1 <= len(code) <= 20):
        raise CliUsageError(f"error: {option}: {text!r} is not a camera code (20 digits, "
                            "GB/T 28181)")
    return code
