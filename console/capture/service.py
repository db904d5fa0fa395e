"""The centre's extra capture programs (R9), in addition to the built-in list.

Only administrators (and the installer's command line) add or remove entries; every change
and every refusal is audited, and every change bumps the access revision so running consoles
read the list again (``all_tools``) within seconds. An entry is stored in its canonical form
(``console/capture/tools.py``: ``format_entry``), so two spellings of one rule are one entry.

A stored entry that cannot be parsed any more (written by a newer console) is logged and
left out: the built-in list and every other entry still apply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.admin.command import administrators_only, run_access_change
from console.admin.validation import AdminError
from console.audit.writer import Actor, AuditTrail
from console.capture.tools import (
    BUILT_IN,
    CaptureProgram,
    EntryError,
    ToolIndex,
    format_entry,
    parse_entry,
)
from console.clock import Clock
from console.codes import Action, Reason
from console.storage.database import Database
from console.storage.models import CaptureTool

log = logging.getLogger(__name__)

T = TypeVar("T")


class CaptureToolError(AdminError):
    """A refused change of the capture program list; ``field`` names the offending input."""


@dataclass(frozen=True, slots=True)
class ExtraTool:
    """One stored extra entry and the program it describes."""

    entry: str
    program: CaptureProgram
    added_by: str
    added_at: datetime


class CaptureToolService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock
        self._audit = AuditTrail(clock)

    def _run(self, actor: Actor, action: Action, target: str, params: dict[str, Any],
             body: Callable[[Session, datetime], T]) -> T:
        refusal = administrators_only(actor, CaptureToolError, "the capture program list")
        return run_access_change(self._db, self._clock, self._audit, actor, action, target,
                                 params, refusal, body)

    # -- commands ----------------------------------------------------------------------------

    def add(self, actor: Actor, entry: str) -> ExtraTool:
        """List one more program (``parse_entry`` syntax). Refused: a bad entry, one
        already listed, or one the built-in list already recognises by name alone."""
        given = entry.strip()
        params: dict[str, Any] = {"entry": given[:300]}

        def body(s: Session, now: datetime) -> ExtraTool:
            program = _parse(given)
            canonical = format_entry(program)
            params.update(entry=canonical, name=program.name, kind=program.kind.value)
            known = s.execute(select(CaptureTool).where(CaptureTool.entry == canonical)
                              .with_for_update()).scalar_one_or_none()
            if known is not None:
                raise CaptureToolError("entry", f"{canonical!r} is listed already",
                                       Reason.DUPLICATE)
            built_in = _covered_by_built_in(program)
            if built_in is not None:
                raise CaptureToolError("entry", f"{canonical!r} is recognised already "
                                       f"(built in: {built_in})", Reason.DUPLICATE)
            row = CaptureTool(entry=canonical, added_by=actor.account[:120], added_at=now)
            s.add(row)
            s.flush()
            return ExtraTool(canonical, program, row.added_by, now)

        return self._run(actor, Action.CAPTURE_TOOL_ADD, given, params, body)

    def remove(self, actor: Actor, entry: str) -> str:
        """Take an extra entry off the list: given as listed (any spelling of the same
        rule) or by the program's name when one extra entry has it. Returns the entry."""
        given = entry.strip()
        params: dict[str, Any] = {"entry": given[:300]}

        def body(s: Session, now: datetime) -> str:
            rows = list(s.execute(select(CaptureTool).with_for_update()).scalars())
            row = _find(rows, given)
            params["entry"] = row.entry
            s.delete(row)
            return row.entry

        return self._run(actor, Action.CAPTURE_TOOL_REMOVE, given, params, body)

    # -- reading -----------------------------------------------------------------------------

    def list_extra(self) -> list[ExtraTool]:
        """The extra entries in the order they were added (unreadable ones left out)."""
        with self._db.transaction() as s:
            rows = list(s.execute(select(CaptureTool).order_by(CaptureTool.id)).scalars())
        extra: list[ExtraTool] = []
        for row in rows:
            try:
                program = parse_entry(row.entry)
            except EntryError as exc:
                log.error("capture program entry %r unreadable (%s): left out", row.entry, exc)
                continue
            extra.append(ExtraTool(row.entry, program, row.added_by, row.added_at))
        return extra

    def all_tools(self) -> tuple[CaptureProgram, ...]:
        """Every program to look for: the built-in list, then the centre's extra entries."""
        return BUILT_IN + tuple(tool.program for tool in self.list_extra())


def _parse(text: str) -> CaptureProgram:
    try:
        return parse_entry(text)
    except EntryError as exc:
        raise CaptureToolError("entry", str(exc)) from None


def _covered_by_built_in(program: CaptureProgram) -> str | None:
    """The built-in program that already finds every process of this entry by name alone
    (then the entry would change nothing), or None."""
    if program.needs_cmdline:
        return None
    index = ToolIndex(BUILT_IN)
    names: list[str] = []
    for process in program.processes:
        plain = [p.name for p in index.by_name(process) if not p.needs_cmdline]
        if not plain:
            return None
        names.append(plain[0])
    return ", ".join(dict.fromkeys(names))


def _find(rows: list[CaptureTool], given: str) -> CaptureTool:
    try:
        canonical: str | None = format_entry(parse_entry(given))
    except EntryError:
        canonical = None
    for row in rows:
        if row.entry in (given, canonical):
            return row
    named = []
    for row in rows:
        try:
            if parse_entry(row.entry).name.lower() == given.lower():
                named.append(row)
        except EntryError:
            continue
    if len(named) == 1:
        return named[0]
    if named:
        raise CaptureToolError("entry", f"{len(named)} entries are named {given!r}: give "
                               "the whole entry", Reason.INVALID_INPUT)
    raise CaptureToolError("entry", f"{given!r} is not an extra entry (built-in programs "
                           "cannot be removed)", Reason.NOT_FOUND)
