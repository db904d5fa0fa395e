"""The task runner: blocking work off the GUI thread, results back on it, in order."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QObject

from console.views.tasks import TaskRunner


def test_synchronous_mode_answers_inline(qapp):
    runner = TaskRunner(synchronous=True)
    got: list[object] = []
    runner.submit(lambda: 6 * 7, got.append)
    runner.submit(lambda: 1 / 0, got.append, got.append)
    assert got[0] == 42
    assert isinstance(got[1], ZeroDivisionError)


def test_threaded_mode_works_off_the_gui_thread_and_answers_on_it(qtbot):
    runner = TaskRunner()
    gui = threading.current_thread()
    seen: dict[str, object] = {}

    def work() -> str:
        seen["worker"] = threading.current_thread()
        return "done"

    def on_done(result: str) -> None:
        seen["result"], seen["callback"] = result, threading.current_thread()

    runner.submit(work, on_done)
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["worker"] is not gui
    assert seen["callback"] is gui
    assert seen["result"] == "done"
    assert not runner.busy


def test_threaded_tasks_run_one_at_a_time_in_submission_order(qtbot):
    runner = TaskRunner()
    started: list[int] = []
    answered: list[int] = []

    def job(n: int) -> int:
        started.append(n)
        time.sleep(0.002 * (10 - n))  # early jobs are slower: order must hold anyway
        return n

    for n in range(10):
        runner.submit(lambda n=n: job(n), answered.append)
    qtbot.waitUntil(lambda: len(answered) == 10, timeout=5000)
    assert started == list(range(10))
    assert answered == list(range(10))


def test_threaded_errors_reach_the_error_callback(qtbot):
    runner = TaskRunner()
    errors: list[BaseException] = []

    def fail() -> None:
        raise RuntimeError("database is down")

    runner.submit(fail, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert str(errors[0]) == "database is down"


def test_answers_for_a_deleted_owner_are_dropped(qtbot):
    runner = TaskRunner()
    owner = QObject()
    gate = threading.Event()
    got: list[object] = []
    runner.submit(lambda: gate.wait(5), got.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(50)
    gate.set()
    assert runner.wait_for_done(5000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert got == []


@pytest.mark.parametrize("synchronous", [True, False])
def test_no_error_callback_logs_instead_of_raising(qtbot, caplog, synchronous):
    runner = TaskRunner(synchronous=synchronous)

    def fail() -> None:
        raise ValueError("boom")

    runner.submit(fail, lambda _: None)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)
    assert "background task failed" in caplog.text


def test_work_that_outlives_its_runner_is_dropped_quietly(qtbot) -> None:
    import time

    from PySide6.QtCore import QCoreApplication, QEvent

    from console.views.tasks import TaskRunner

    answers: list[object] = []
    runner = TaskRunner()
    runner.submit(lambda: time.sleep(0.3) or "late", answers.append)
    runner.deleteLater()      # its window closed: the pool waits for the job, the relay is gone
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(100)
    assert answers == []      # and no "Signal source has been deleted" escapes the worker
