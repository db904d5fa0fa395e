"""Errors of the command line."""

from __future__ import annotations


class CliUsageError(Exception):
    """Bad command-line input (exit code 2)."""
