"""Sending a camera home and checking that it got there (R10).

``send_home`` makes one attempt: stop, go to the home preset (or the device home), then read
the status until the camera stands still at home or the travel time is up. A protocol that
reads no position back (GB/T 28181 through the platform) is checked by picture instead when
the caller gives a ``picture_check`` (console/ptz/home_picture.py on the centre): after
``PICTURE_SETTLE_S`` the camera's picture is compared with its reference at home, again
every ``PICTURE_POLL_S`` while it does not match (the camera may still be travelling) until
the travel time is up; no reference or no picture leaves the return commanded, not
verified. ``perform_return``
runs a ``ReturnJob`` to its end: attempts with the quick retries, each recorded by the
service (audited with the position read back); a fault is left to the sweeps' later tries.
Blocking; run off the GUI thread."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from console.ptz.driver import PtzDriver, PtzError, PtzStatus
from console.ptz.model import PictureMatch
from console.ptz.rules import (
    HomeTarget,
    PictureVerdict,
    ReturnResult,
    home_target,
    judge_by_picture,
    judge_return,
)
from console.ptz.service import PtzService, ReturnJob

log = logging.getLogger(__name__)

TRAVEL_TIMEOUT_S = 20.0
POLL_S = 0.2
SETTLE_S = 0.6  # a camera still reporting its old place this long after a goto has not moved
PICTURE_SETTLE_S = 3.0  # a dome's preset travel is 1-3 s; its encoder settles after it
PICTURE_POLL_S = 2.0

PictureCheck = Callable[[], PictureMatch]


@dataclass(frozen=True, slots=True)
class Attempt:
    result: ReturnResult
    status: PtzStatus | None
    detail: str = ""
    picture: PictureMatch | None = None     # the picture's verdict, where it was judged


def resolve_home(driver: PtzDriver, home_preset: int | None) -> HomeTarget:
    return home_target(home_preset, driver.presets())


def _always() -> bool:
    return True


def send_home(driver: PtzDriver, home: HomeTarget, *, keepalive: Callable[[], bool] = _always,
              travel_timeout_s: float = TRAVEL_TIMEOUT_S, poll_s: float = POLL_S,
              sleep: Callable[[float], None] = time.sleep,
              monotonic: Callable[[], float] = time.monotonic,
              picture_check: PictureCheck | None = None,
              picture_settle_s: float = PICTURE_SETTLE_S,
              picture_poll_s: float = PICTURE_POLL_S) -> Attempt:
    """One attempt. ``keepalive`` is called while waiting; False from it (another console
    took the job) ends the wait."""
    try:
        driver.stop()
        if home.token is not None:
            driver.goto_preset(home.token)
        else:
            driver.goto_home()
        if not driver.position_feedback:
            if picture_check is None:
                return Attempt(ReturnResult.UNVERIFIED, None,
                               "the protocol reports no position")
            return _by_picture(picture_check, keepalive, sleep, monotonic,
                               travel_timeout_s, picture_settle_s, picture_poll_s)
        started = monotonic()
        status: PtzStatus | None = None
        while True:
            status = driver.status()
            waited = monotonic() - started
            at_home = home.position is not None and status.position is not None \
                and status.position.near(home.position)
            unknown = home.position is None or status.position is None
            if not status.moving and (at_home or (unknown and waited >= SETTLE_S)):
                break
            if waited >= travel_timeout_s:
                break
            if not keepalive():
                return Attempt(ReturnResult.FAILED, status, "another console took the return")
            sleep(poll_s)
        result = judge_return(home, status, driver.position_feedback)
        detail = "" if result != ReturnResult.FAILED else (
            "still moving after the travel time" if status.moving
            else "stopped away from home")
        return Attempt(result, status, detail)
    except PtzError as exc:
        return Attempt(ReturnResult.FAILED, None, str(exc))


def _by_picture(check: PictureCheck, keepalive: Callable[[], bool],
                sleep: Callable[[float], None], monotonic: Callable[[], float],
                travel_timeout_s: float, settle_s: float, poll_s: float) -> Attempt:
    """Wait for the camera to settle, then compare its picture with the reference at home
    until it matches or the travel time is up."""
    started = monotonic()
    sleep(settle_s)
    while True:
        match = check()
        if match.verdict != PictureVerdict.NOT_AT_HOME \
                or monotonic() - started + poll_s > travel_timeout_s + settle_s:
            break
        if not keepalive():
            return Attempt(ReturnResult.FAILED, None, "another console took the return",
                           match)
        sleep(poll_s)
    result = judge_by_picture(match.verdict)
    detail = match.describe()
    if result == ReturnResult.UNVERIFIED:
        detail = f"commanded, not verified: {detail}"
    return Attempt(result, None, detail, match)


def perform_return(service: PtzService, job: ReturnJob,
                   open_driver: Callable[[ReturnJob], PtzDriver], *,
                   sleep: Callable[[float], None] = time.sleep,
                   stop: Callable[[], bool] = lambda: False,
                   travel_timeout_s: float = TRAVEL_TIMEOUT_S,
                   picture_check: Callable[[ReturnJob], PictureMatch] | None = None
                   ) -> Attempt:
    """Attempt until verified (or unverified: no feedback), or until the quick retries are
    used up (then a fault is raised and later sweeps try again). Returns the last attempt."""
    driver: PtzDriver | None = None
    attempt = Attempt(ReturnResult.FAILED, None, "not attempted")
    try:
        home = job.home
        while True:
            try:
                if driver is None:
                    driver = open_driver(job)
                if home is None:
                    home = resolve_home(driver, job.camera.home_preset)
                check = None if picture_check is None else partial(picture_check, job)
                attempt = send_home(driver, home, keepalive=lambda: service.keep_claim(job),
                                    travel_timeout_s=travel_timeout_s, sleep=sleep,
                                    picture_check=check)
            except PtzError as exc:
                attempt = Attempt(ReturnResult.FAILED, None, str(exc))
            result, detail = attempt.result, attempt.detail
            if home is not None and home.note:
                detail = f"{home.note}; {detail}" if detail else home.note
            position = attempt.status.position if attempt.status else None
            outcome = service.return_attempted(job, result, position, detail, home,
                                               picture=attempt.picture)
            log.info("PTZ return of %s: %s %s", job.camera.code, result, detail)
            if outcome.final or outcome.fault or outcome.retry_at is None or stop():
                return attempt
            delay = max(0.0, (outcome.retry_at - service.now()).total_seconds())
            waited = 0.0
            while waited < delay:
                if stop() or not service.keep_claim(job):
                    return attempt
                step = min(1.0, delay - waited)
                sleep(step)
                waited += step
    finally:
        if driver is not None:
            driver.close()
