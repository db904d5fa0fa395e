"""Errors of the command line."""

from __future__ import annotations


class CliUsageError(Exception):
    """Bad command-line input (exit code 2)."""


class CliFailedError(Exception):
    """Refused or failed (exit code 1); the message is the one line to show."""
