"""Opening a view on a tile, without Qt: the one flow the desk and the wall share.

The steps: ask the purpose first when the camera needs one (R15; the grant's purpose and
this session's earlier ones offered), show that the tile is opening, submit the open to the
access service off the GUI thread (which checks and registers it, R6, R11), and when the
answer comes:

- opened, and the tile still waits for this camera: it shows the view (and closes the one
  it replaces); the purpose is remembered for the next question;
- opened, but the tile was cleared, given another camera or removed meanwhile: the view is
  closed again at once;
- refused or failed: the tile (if it still waits) goes back to what it showed, with why,
  and the operator is told; a refusal because a purpose is needed asks for one.

A batch (the wall's preset recall) passes ``done``: its answers are collected by the caller
instead of being reported one by one, and nothing is asked again.

Everything the flow needs from the console comes in as plain callables and a small
``OpenTarget`` per tile, so a test drives it without Qt (tests/test_live_view_opening.py);
console/views/view_opening.py is the thin Qt part (the purpose dialog, the task runner,
the translated texts).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, Protocol, TypeVar

from console.access.model import CameraEntry, ViewResult, ViewTicket
from console.codes import Reason

RECENT_PURPOSES = 10       # purposes offered again in this session


class OpenTarget(Protocol):
    """The tile a view is being opened in."""

    def begin(self, entry: CameraEntry | None) -> bool:
        """Show that the view is being opened; False: the tile is gone (nothing opens)."""

    def waiting(self) -> bool:
        """Whether the tile still waits for this camera (not cleared, replaced, removed)."""

    def show(self, ticket: ViewTicket) -> None:
        """Show the opened view (closing the view it replaces)."""

    def refuse(self, message: str) -> None:
        """The open was refused or failed (called only while the tile waits)."""


class OpeningTexts(Protocol):
    """The sentences the flow reports (translated by the Qt part)."""

    def refused(self, camera: str, reason: Reason, details: dict[str, Any]) -> str: ...

    def failed(self, camera: str, error: BaseException) -> str: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    """How one open of a batch ended: a ticket, or the message why not."""

    ticket: ViewTicket | None = None
    message: str = ""
    reason: Reason | None = None

    @property
    def opened(self) -> bool:
        return self.ticket is not None


T = TypeVar("T", bound=OpenTarget)
Run = Callable[[Callable[[], ViewResult], Callable[[ViewResult], None],
                Callable[[BaseException], None]], None]
AskPurpose = Callable[[CameraEntry, Sequence[str], Callable[[str], None]], None]


class ViewOpening(Generic[T]):
    def __init__(self, *, open_view: Callable[[T, str, str], ViewResult], run: Run,
                 ask_purpose: AskPurpose, close_view: Callable[[ViewTicket], None],
                 report: Callable[[str], None], texts: OpeningTexts,
                 may_open: Callable[[], bool] = lambda: True,
                 other_recent: Callable[[], Sequence[str]] = tuple,
                 keep: int = RECENT_PURPOSES) -> None:
        """``open_view(target, code, purpose)`` runs off the GUI thread through ``run(work, done,
        failed)``; ``may_open`` is False once the console stops opening views (locked,
        session over); ``other_recent`` adds purposes given elsewhere in this session."""
        self._open_view, self._run, self._ask = open_view, run, ask_purpose
        self._close_view, self._report, self._texts = close_view, report, texts
        self._may_open, self._other_recent, self._keep = may_open, other_recent, keep
        self.recent_purposes: list[str] = []
        self.stopped = False       # after stop(): answers are ignored

    def stop(self) -> None:
        """The session is over: later answers change nothing (the centre ends the views)."""
        self.stopped = True

    def offered(self) -> list[str]:
        """The purposes offered again: this flow's, then the others', newest first."""
        merged: list[str] = []
        for purpose in (*self.recent_purposes, *self._other_recent()):
            if purpose not in merged:
                merged.append(purpose)
        return merged[:self._keep]

    def request(self, entry: CameraEntry, target: T, *,
                purpose_refused: bool = False) -> None:
        """Open ``entry`` on ``target``: ask the purpose first when the camera needs one
        (or the centre said it does)."""
        if self.stopped or not self._may_open():
            return
        if entry.needs_purpose or purpose_refused:
            self._ask(entry, self.offered(), partial(self._purpose_given, entry, target))
        else:
            self.open(entry.code, entry, target, "")

    def _purpose_given(self, entry: CameraEntry, target: T, purpose: str) -> None:
        self.open(entry.code, entry, target, purpose)

    def open(self, code: str, entry: CameraEntry | None, target: T, purpose: str,
             *, done: Callable[[Outcome], None] | None = None) -> bool:
        """Submit the open (no question asked); False when nothing was submitted. ``entry``
        None: a camera the tree does not know (the centre decides). ``done``: a batch's
        collector (see the module docstring)."""
        if self.stopped or not target.begin(entry):
            return False
        name = entry.name if entry is not None else code
        self._run(lambda: self._open_view(target, code, purpose),
                  lambda result: self._on_answer(name, entry, target, purpose, done, result),
                  lambda error: self.failed(name, target, error, done))
        return True

    def remember(self, purpose: str) -> None:
        rest = [p for p in self.recent_purposes if p != purpose]
        self.recent_purposes = [purpose, *rest][:self._keep]

    def _on_answer(self, name: str, entry: CameraEntry | None, target: T,
                   purpose: str, done: Callable[[Outcome], None] | None,
                   result: ViewResult) -> None:
        if self.stopped:
            return
        ticket = result.ticket
        if result.ok and ticket is not None:
            if target.waiting():
                target.show(ticket)
                if purpose:
                    self.remember(purpose)
            else:                  # cleared, replaced or gone meanwhile
                self._close_view(ticket)
                ticket = None
            if done is not None:
                done(Outcome(ticket=ticket))
            return
        message = self._texts.refused(name, result.reason, result.details)
        self._refused(target, message, result.reason, done)
        if done is None and result.reason == Reason.PURPOSE_REQUIRED and entry is not None:
            self.request(entry, target, purpose_refused=True)

    def failed(self, name: str, target: OpenTarget, error: BaseException,
               done: Callable[[Outcome], None] | None = None) -> None:
        """The open of camera ``name`` on ``target`` raised ``error`` (the centre was not
        reached, or something unexpected): the tile goes back, the operator is told."""
        if self.stopped:
            return
        self._refused(target, self._texts.failed(name, error), None, done)

    def _refused(self, target: OpenTarget, message: str, reason: Reason | None,
                 done: Callable[[Outcome], None] | None) -> None:
        if target.waiting():
            target.refuse(message)
        if done is not None:
            done(Outcome(message=message, reason=reason))
        else:
            self._report(message)
