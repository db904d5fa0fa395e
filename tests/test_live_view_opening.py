"""The one view-opening flow of the desk and the wall, without Qt
(console/live/view_opening.py): table-driven over what the centre answers and what
happened to the tile meanwhile."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import pytest

from console.access.model import ViewResult, ViewTicket
from console.codes import Reason, Right
from console.live.view_opening import Outcome, ViewOpening


@dataclass(frozen=True)
class Entry:
    """What the flow reads of a camera entry."""

    code: str
    name: str
    needs_purpose: bool = False


def ticket(code: str) -> ViewTicket:
    return ViewTicket(f"v-{code}", 1, code, f"cam {code}", Right.LIVE, "", "desk", None, None,
                      datetime(2026, 1, 1, tzinfo=UTC))


@dataclass
class Tile:
    """A target that records what the flow did to it."""

    gone: bool = False             # removed before the open was submitted
    moved_on: bool = False         # cleared or given another camera while waiting
    log: list[str] = field(default_factory=list)

    def begin(self, entry: Any) -> bool:
        if self.gone:
            return False
        self.log.append("opening")
        return True

    def waiting(self) -> bool:
        return not self.moved_on

    def show(self, shown: ViewTicket) -> None:
        self.log.append(f"show {shown.camera_code}")

    def refuse(self, message: str) -> None:
        self.log.append(f"refuse {message}")


class Texts:
    def refused(self, camera: str, reason: Reason, details: dict[str, Any]) -> str:
        return f"{camera}: {reason.name}"

    def failed(self, camera: str, error: BaseException) -> str:
        return f"{camera}: failed"


class Console:
    """The flow with every port recorded; the centre answers from ``answers`` in turn."""

    def __init__(self, answers: Sequence[ViewResult | BaseException], *,
                 chosen: str | None = "巡查", may_open: bool = True,
                 other_recent: Sequence[str] = ()) -> None:
        self.answers = list(answers)
        self.chosen = chosen
        self.submitted: list[tuple[str, str]] = []
        self.asked: list[tuple[str, list[str]]] = []
        self.closed: list[str] = []
        self.reported: list[str] = []
        self.flow: ViewOpening[Tile] = ViewOpening(
            open_view=self._open_view, run=self._run, ask_purpose=self._ask,
            close_view=lambda t: self.closed.append(t.camera_code),
            report=self.reported.append, texts=Texts(), may_open=lambda: may_open,
            other_recent=lambda: other_recent)

    def _open_view(self, _target: Tile, code: str, purpose: str) -> ViewResult:
        self.submitted.append((code, purpose))
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    @staticmethod
    def _run(work: Callable[[], ViewResult], done: Callable[[ViewResult], None],
             failed: Callable[[BaseException], None]) -> None:
        try:
            result = work()
        except Exception as exc:     # the task runner hands errors to ``failed``
            failed(exc)
            return
        done(result)

    def _ask(self, entry: Any, recent: Sequence[str], chosen: Callable[[str], None]) -> None:
        self.asked.append((entry.code, list(recent)))
        if self.chosen is not None and len(self.asked) < 3:
            chosen(self.chosen)


OK = ViewResult(True, Reason.OK, ticket("A"))
DENIED = ViewResult(False, Reason.GRANT_REVOKED)
NEEDS = ViewResult(False, Reason.PURPOSE_REQUIRED)

CASES = [
    # name, needs purpose, answers, tile moved on, submitted, tile log, closed, reported, asks
    ("opened", False, [OK], False, [("A", "")], ["opening", "show A"], [], [], 0),
    ("purpose asked first", True, [OK], False, [("A", "巡查")], ["opening", "show A"], [], [],
     1),
    ("the tile moved on: closed again", False, [OK], True, [("A", "")], ["opening"], ["A"], [],
     0),
    ("refused", False, [DENIED], False, [("A", "")],
     ["opening", "refuse cam A: GRANT_REVOKED"], [], ["cam A: GRANT_REVOKED"], 0),
    ("refused, tile moved on: only told", False, [DENIED], True, [("A", "")], ["opening"],
     [], ["cam A: GRANT_REVOKED"], 0),
    ("the centre wants a purpose: asked, opened", False, [NEEDS, OK], False,
     [("A", ""), ("A", "巡查")],
     ["opening", "refuse cam A: PURPOSE_REQUIRED", "opening", "show A"], [],
     ["cam A: PURPOSE_REQUIRED"], 1),
    ("failed", False, [RuntimeError("boom")], False, [("A", "")],
     ["opening", "refuse cam A: failed"], [], ["cam A: failed"], 0),
]


@pytest.mark.parametrize(("needs", "answers", "moved_on", "submitted", "log", "closed",
                          "reported", "asks"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_one_open(needs: bool, answers: list[ViewResult | BaseException], moved_on: bool,
                  submitted: list[tuple[str, str]], log: list[str], closed: list[str],
                  reported: list[str], asks: int) -> None:
    console = Console(answers)
    tile = Tile(moved_on=moved_on)
    console.flow.request(Entry("A", "cam A", needs_purpose=needs), tile)  # type: ignore[arg-type]
    assert console.submitted == submitted
    assert tile.log == log
    assert console.closed == closed
    assert console.reported == reported
    assert len(console.asked) == asks


def test_purpose_remembered_and_offered_first() -> None:
    console = Console([OK, OK], other_recent=["夜查", "巡查"])
    entry = Entry("A", "cam A", needs_purpose=True)
    console.flow.request(entry, Tile())  # type: ignore[arg-type]
    assert console.flow.recent_purposes == ["巡查"]
    console.flow.request(entry, Tile())  # type: ignore[arg-type]
    assert console.asked[1] == ("A", ["巡查", "夜查"])    # own first, no repeats


def test_no_purpose_given_opens_nothing() -> None:
    console = Console([OK], chosen=None)
    tile = Tile()
    console.flow.request(Entry("A", "cam A", needs_purpose=True), tile)  # type: ignore[arg-type]
    assert console.submitted == [] and tile.log == []


@pytest.mark.parametrize(("may_open", "gone", "stopped", "submitted"), [
    (False, False, False, 0),     # locked or over: nothing asked, nothing opened
    (True, True, False, 0),       # the tile is gone
    (True, False, True, 0),       # the session ended
    (True, False, False, 1),
])
def test_nothing_opens_when_it_may_not(may_open: bool, gone: bool, stopped: bool,
                                       submitted: int) -> None:
    console = Console([OK], may_open=may_open)
    if stopped:
        console.flow.stop()
    console.flow.request(Entry("A", "cam A"), Tile(gone=gone))  # type: ignore[arg-type]
    assert len(console.submitted) == submitted


@pytest.mark.parametrize(("answer", "moved_on", "outcome"), [
    (OK, False, Outcome(ticket=ticket("A"))),
    (OK, True, Outcome()),                                  # closed again, not counted
    (DENIED, False, Outcome(message="A: GRANT_REVOKED", reason=Reason.GRANT_REVOKED)),
    (NEEDS, False, Outcome(message="A: PURPOSE_REQUIRED", reason=Reason.PURPOSE_REQUIRED)),
    (RuntimeError("x"), False, Outcome(message="A: failed")),
])
def test_a_batch_collects_outcomes_without_telling_or_asking(
        answer: ViewResult | BaseException, moved_on: bool, outcome: Outcome) -> None:
    console = Console([answer])
    outcomes: list[Outcome] = []
    # a camera the tree does not know: its code stands for its name
    assert console.flow.open("A", None, Tile(moved_on=moved_on), "", done=outcomes.append)
    assert outcomes == [outcome]
    assert console.reported == [] and console.asked == []


def test_answers_after_stop_change_nothing() -> None:
    console = Console([OK])
    later: list[Callable[[], None]] = []
    console.flow._run = lambda work, done, failed: later.append(lambda: done(work()))
    tile = Tile()
    console.flow.request(Entry("A", "cam A"), tile)  # type: ignore[arg-type]
    console.flow.stop()
    later[0]()
    assert tile.log == ["opening"] and console.closed == []
