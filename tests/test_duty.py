"""Duty roster, on-duty log, handover and supervisor review (R12).

Rules as tables (who may write, correct, sign, answer, review; locked after approval;
corrections never edit); attendance from recorded sessions against the roster (late start,
gap, absent, not on the roster) by hand-computed cases; one day of a unit on the centre's
service — a log with a correction, a handover refused and redone, a shift returned and then
approved, after which everything is refused with SHIFT_LOCKED — on SQLite and PostgreSQL
(where the log's append-only trigger refuses an UPDATE); and the API from a terminal: a duty
officer cannot approve, nobody signs for another, an entry written from a tile names the
view in the usage register, and the PDF report holds the shift's text."""

from __future__ import annotations

import io
import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError

from console.admin.service import AdminService
from console.admin.validation import AdminError
from console.api.duty_wire import LogEntryBody
from console.api.errors import Refused
from console.audit.writer import Actor
from console.auth.service import AuthService, actor_for_session
from console.catalog.online import set_online_states
from console.clock import FixedClock
from console.codes import Reason, Role
from console.demo.accounts import DEMO_PASSWORD
from console.demo.seed import DEMO_TERMINAL, ensure_demo
from console.duty.attendance import Stint, attendance
from console.duty.rules import (
    Category,
    HandoverState,
    ReviewState,
    Verdict,
    decide_answer,
    decide_correction,
    decide_review,
    decide_roster,
    decide_sign,
    decide_write,
)
from console.duty.service import DutyService
from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from console.identity import StaticIdentity
from console.online.service import OnlineRateService
from console.passwords import PasswordHashing
from console.storage.database import Database
from console.storage.models import (
    AuditRecord,
    Camera,
    ConsoleSession,
    DutyLogEntry,
    DutyShift,
    DutyShiftPerson,
    Unit,
    User,
)
from tests.conftest import INSTALLER, SHANGHAI, T42
from tests.views_support import centre_for, terminal_services

CAMERA = "32050801011328000001"          # 平江路与白塔东路交叉口 (demo catalogue)
SUP, ADM, DUTY, WALL = (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.DUTY_OFFICER,
                        Role.WALL_OPERATOR)
PENDING, RETURNED, APPROVED = ReviewState.PENDING, ReviewState.RETURNED, ReviewState.APPROVED
OK, NO, BAD, LOCKED, OFF = (Reason.OK, Reason.NOT_PERMITTED, Reason.INVALID_INPUT,
                            Reason.SHIFT_LOCKED, Reason.NOT_ON_SHIFT)


def _is(decision: object, reason: Reason) -> bool:
    return (decision.allowed, decision.reason) == (reason == OK, reason)  # type: ignore[attr-defined]


# -- rules as tables ------------------------------------------------------------------------

# (role, on the shift, of its unit, review, begun) → reason
WRITE = [
    (DUTY, True, True, PENDING, True, OK),
    (DUTY, False, True, PENDING, True, OFF),       # a colleague not on this shift
    (SUP, False, True, PENDING, True, OK),         # the unit's supervisor
    (SUP, False, False, PENDING, True, OFF),       # another unit's supervisor
    (ADM, False, False, PENDING, True, OK),
    (WALL, True, True, PENDING, True, OK),
    (DUTY, True, True, RETURNED, True, OK),        # returned: corrections go in
    (DUTY, True, True, APPROVED, True, LOCKED),
    (ADM, False, False, APPROVED, True, LOCKED),   # administrators too
    (DUTY, True, True, PENDING, False, BAD),       # not begun
    ("installer", True, True, PENDING, True, NO),
]


@pytest.mark.parametrize(("role", "on_shift", "same_unit", "review", "begun", "reason"), WRITE)
def test_who_may_write_the_log(role: str, on_shift: bool, same_unit: bool,
                               review: ReviewState, begun: bool, reason: Reason) -> None:
    assert _is(decide_write(str(role), on_shift=on_shift, same_unit=same_unit, review=review,
                            started=begun), reason)


# (corrector, role, author, of the unit, already corrected, same shift) → reason
CORRECT = [
    ("duty01", DUTY, "duty01", True, False, True, OK),      # the author
    ("duty02", DUTY, "duty01", True, False, True, NO),      # a colleague's entry
    ("super02", SUP, "duty01", True, False, True, OK),      # the unit's supervisor
    ("super01", SUP, "duty01", False, False, True, NO),     # another unit's
    ("admin01", ADM, "duty01", False, False, True, OK),
    ("duty01", DUTY, "duty01", True, True, True, BAD),      # corrected already: the newest
    ("duty01", DUTY, "duty01", True, False, False, BAD),    # within its own shift only
]


@pytest.mark.parametrize(("account", "role", "author", "same_unit", "superseded", "same_shift",
                          "reason"), CORRECT)
def test_who_may_correct_an_entry(account: str, role: Role, author: str, same_unit: bool,
                                  superseded: bool, same_shift: bool, reason: Reason) -> None:
    assert _is(decide_correction(account=account, role=str(role), author=author,
                                 same_unit=same_unit, superseded=superseded,
                                 same_shift=same_shift), reason)


# (on the outgoing shift, review, a handover in force, begun) → reason
SIGN = [
    (True, PENDING, False, True, OK),
    (False, PENDING, False, True, OFF),        # not on the shift: whatever the role
    (True, APPROVED, False, True, LOCKED),
    (True, PENDING, True, True, Reason.DUPLICATE),  # signed or accepted already
    (True, RETURNED, False, True, OK),
    (True, PENDING, False, False, BAD),
]


@pytest.mark.parametrize(("on_shift", "review", "in_force", "begun", "reason"), SIGN)
def test_who_may_sign_a_handover(on_shift: bool, review: ReviewState, in_force: bool,
                                 begun: bool, reason: Reason) -> None:
    assert _is(decide_sign(on_shift=on_shift, review=review, in_force=in_force,
                           started=begun), reason)


# (state, answerer, on the incoming shift, outgoing shift's review) → reason
ANSWER = [
    (HandoverState.SIGNED, "duty02", True, PENDING, OK),
    (HandoverState.SIGNED, "duty01", True, PENDING, NO),       # never the signer
    (HandoverState.SIGNED, "duty03", False, PENDING, OFF),     # not on the incoming shift
    (HandoverState.ACCEPTED, "duty02", True, PENDING, BAD),
    (HandoverState.REFUSED, "duty02", True, PENDING, BAD),     # refused: signed again
    (HandoverState.SIGNED, "duty02", True, APPROVED, LOCKED),
]


@pytest.mark.parametrize(("state", "account", "on_incoming", "review", "reason"), ANSWER)
def test_who_may_answer_a_handover(state: HandoverState, account: str, on_incoming: bool,
                                   review: ReviewState, reason: Reason) -> None:
    assert _is(decide_answer(state, account=account, signed_by="duty01",
                             on_incoming=on_incoming, review=review), reason)


A, R = Verdict.APPROVE, Verdict.RETURN
# (verdict, role, of the unit, review, ended, handover waiting, comment) → reason
REVIEW = [
    (A, SUP, True, PENDING, True, False, "", OK),
    (A, DUTY, True, PENDING, True, False, "", NO),      # a duty officer cannot approve
    (A, WALL, True, PENDING, True, False, "", NO),
    (A, SUP, False, PENDING, True, False, "", NO),      # another unit's supervisor
    (A, ADM, False, PENDING, True, False, "", OK),
    (A, SUP, True, PENDING, False, False, "", BAD),     # still running
    (A, SUP, True, PENDING, True, True, "", BAD),       # a handover waits for its answer
    (R, SUP, True, PENDING, True, False, "", BAD),      # a return says why
    (R, SUP, True, PENDING, True, True, "补记事件处置结果", OK),
    (A, SUP, True, RETURNED, True, False, "", OK),
    (A, SUP, True, APPROVED, True, False, "", LOCKED),  # approved once, locked for good
    (R, ADM, True, APPROVED, True, False, "x", LOCKED),
]


@pytest.mark.parametrize(("verdict", "role", "same_unit", "review", "ended", "waiting",
                          "comment", "reason"), REVIEW)
def test_who_may_review_and_lock(verdict: Verdict, role: Role, same_unit: bool,
                                 review: ReviewState, ended: bool, waiting: bool, comment: str,
                                 reason: Reason) -> None:
    assert _is(decide_review(verdict, role=str(role), same_unit=same_unit, review=review,
                             ended=ended, handover_waiting=waiting, comment=comment), reason)


@pytest.mark.parametrize(("role", "same_unit", "review", "reason"), [
    (SUP, True, None, OK), (SUP, False, None, NO), (ADM, False, None, OK),
    (DUTY, True, None, NO), (SUP, True, PENDING, OK), (ADM, True, APPROVED, LOCKED)])
def test_who_may_set_the_roster(role: Role, same_unit: bool, review: ReviewState | None,
                                reason: Reason) -> None:
    assert _is(decide_roster(str(role), same_unit=same_unit, review=review), reason)


# -- attendance, hand-computed --------------------------------------------------------------

def _h(hour: float) -> datetime:
    return datetime(2026, 1, 1, tzinfo=SHANGHAI) + timedelta(hours=hour)


def _m(minutes: float) -> timedelta:
    return timedelta(minutes=minutes)


def test_attendance_late_gaps_absent_and_unplanned() -> None:
    stints = [
        Stint("zhang", "T-0042", _h(8.2), _h(10)),        # 12 min late
        Stint("zhang", "T-0042", _h(10.5), _h(12)),       # 30 min gap before
        Stint("zhang", "T-0043", _h(11.9), None),         # overlaps: no gap; still live
        Stint("li", "T-0043", _h(7.5), _h(16.5)),         # from before to after: on time
        Stint("zhao", "T-0044", _h(9), _h(9.5)),          # not on the roster
        Stint("li", "T-0043", _h(5), _h(6)),              # before the shift: not counted
    ]
    rows = attendance(["zhang", "li", "wang"], starts_at=_h(8), ends_at=_h(16), now=_h(13),
                      stints=stints)
    by = {r.account: r for r in rows}
    assert [r.account for r in rows] == ["zhang", "li", "wang", "zhao"]
    zhang = by["zhang"]
    assert (zhang.first_login, zhang.late_by, zhang.absent) == (_h(8.2), _m(12), False)
    assert zhang.gaps == ((_h(10), _h(10.5)),)
    assert [(s.terminal, s.start, s.end) for s in zhang.stints][-1] == ("T-0043", _h(11.9),
                                                                         _h(13))
    li = by["li"]
    assert (li.first_login, li.late_by, li.gaps, len(li.stints)) == (_h(8), None, (), 1)
    assert li.stints[0].end == _h(13)                  # clipped to now
    assert by["wang"].absent and by["wang"].first_login is None
    assert (by["zhao"].planned, by["zhao"].gaps) == (False, ((_h(9.5), _h(13)),))


def test_attendance_before_and_just_after_the_start() -> None:
    early = attendance(["zhang"], starts_at=_h(8), ends_at=_h(16), now=_h(7.9), stints=[])
    assert (early[0].absent, early[0].gaps) == (False, ())
    grace = attendance(["zhang"], starts_at=_h(8), ends_at=_h(16), now=_h(8) + _m(4),
                       stints=[])
    assert not grace[0].absent                          # 5 minutes' grace
    later = attendance(["zhang"], starts_at=_h(8), ends_at=_h(16), now=_h(8) + _m(6),
                       stints=[])
    assert later[0].absent
    # a short gap (under 10 minutes) is not reported; one at the end up to now is
    rows = attendance(["zhang"], starts_at=_h(8), ends_at=_h(16), now=_h(17), stints=[
        Stint("zhang", "T", _h(8), _h(9)), Stint("zhang", "T", _h(9) + _m(5), _h(15))])
    assert rows[0].gaps == ((_h(15), _h(16)),)
    # a console that logged in and went silent at once still logged in (first login, late)
    rows = attendance(["zhang"], starts_at=_h(8), ends_at=_h(16), now=_h(12), stints=[
        Stint("zhang", "T", _h(9), _h(9)), Stint("zhang", "T", _h(6), _h(8))])
    assert (rows[0].first_login, rows[0].late_by, rows[0].absent) == (_h(9), _m(60), False)
    assert rows[0].gaps == ((_h(9), _h(12)),)


# -- one day of a unit on the centre's service ---------------------------------------------

def _world(db: Database, clock: FixedClock, hashing: PasswordHashing) -> AdminService:
    clock.set(_h(7))
    admin = AdminService(db, clock, hashing)
    ensure_demo(db, admin, clock, T42)           # duty01 and duty02 of GUSU-PSB among them
    admin.create_user(INSTALLER, "super02", "周静", "GUSU-PSB", "supervisor",
                      password=DEMO_PASSWORD)
    admin.bind(INSTALLER, "super02", DEMO_TERMINAL)
    with db.transaction() as s:
        s.execute(update(User).values(must_change_password=False))
        # this day starts with an empty roster (the demo's own shifts: tests/test_demo_seed.py)
        s.execute(delete(DutyShiftPerson))
        s.execute(delete(DutyShift))
    return admin


def _actor(db: Database, account: str) -> Actor:
    with db.transaction() as s:
        user = s.execute(select(User).where(User.account == account)).scalar_one()
        return Actor(account, terminal_name=DEMO_TERMINAL, user_id=user.id, role=user.role)


def _last(db: Database) -> AuditRecord:
    with db.transaction() as s:
        return s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)
                         ).scalar_one()


def _refused(call: object, reason: Reason, field: str | None = None) -> AdminError:
    with pytest.raises(AdminError) as refused:
        call()  # type: ignore[operator]
    assert refused.value.reason == reason, refused.value
    if field is not None:
        assert refused.value.field == field, refused.value
    return refused.value


def _entry(shift: int, seen: str, **kw: object) -> LogEntryBody:
    return LogEntryBody.model_validate({"shift": shift, "category": "incident", "seen": seen,
                                        **kw})


def test_a_shift_from_roster_to_approval(db: Database, clock: FixedClock,
                                         hashing: PasswordHashing) -> None:
    _world(db, clock, hashing)
    duty = DutyService(db, clock)
    sup, duty01, duty02 = (_actor(db, a) for a in ("super02", "duty01", "duty02"))
    admin01, super01 = _actor(db, "admin01"), _actor(db, "super01")

    # roster: a supervisor of the unit sets it; a duty officer or another unit's may not
    _refused(lambda: duty.set_shift(duty01, "GUSU-PSB", "白班", _h(8), _h(16), ["duty01"]), NO)
    _refused(lambda: duty.set_shift(super01, "GUSU-PSB", "白班", _h(8), _h(16), ["duty01"]),
             NO)
    _refused(lambda: duty.set_shift(sup, "GUSU-PSB", "白班", _h(8), _h(16), ["wall01"]), BAD,
             "people")                                   # wall01 is of CITY-OPS
    day = duty.set_shift(sup, "GUSU-PSB", "白班", _h(8), _h(16), ["duty01"])
    night = duty.set_shift(sup, "GUSU-PSB", "夜班", _h(16), _h(24), ["duty02"])
    assert (_last(db).action, _last(db).actor) == ("DUTY_SHIFT_ADD", "super02")
    assert [p.account for p in day.people] == ["duty01"] and day.review == PENDING
    _refused(lambda: duty.set_shift(admin01, "CITY-OPS", "白班", _h(8), _h(16), ["wall01"],
                                    shift_id=day.id), BAD, "unit")   # no moving it

    # who was there: duty01 logs in 12 minutes late and is away 10:00-10:30
    auth = AuthService(db, clock, hashing, StaticIdentity(T42.ip, T42.mac))

    def session(start: float, end: float) -> None:
        clock.set(_h(start))
        result = auth.login("duty01", DEMO_PASSWORD)
        assert result.ok and result.session is not None, result
        clock.set(_h(end))
        auth.logout(result.session.session_id)

    session(8.2, 10)
    clock.set(_h(9))
    first = duty.write(duty01, _entry(day.id, "平江路口两车剐蹭，占用一条车道", cameras=[CAMERA],
                                      location="平江路白塔东路口", follow_up="通知交警到场处置"))
    assert (first.author, first.cameras[0].code, first.at) == ("duty01", CAMERA, _h(9))
    record = _last(db)
    assert (record.action, record.target) == ("DUTY_LOG_ADD", f"shift:{day.id}")
    assert json.loads(record.params)["cameras"] == [CAMERA]
    _refused(lambda: duty.write(duty02, _entry(day.id, "x")), OFF, "shift")
    _refused(lambda: duty.write(duty01, _entry(day.id, "x", at=_h(7).isoformat())), BAD, "at")
    _refused(lambda: duty.write(duty01, _entry(day.id, "x", cameras=["32059999999999999999"])),
             Reason.UNKNOWN_CAMERA, "cameras")
    assert (_last(db).action, _last(db).outcome) == ("DUTY_LOG_ADD", "denied")

    # a correction is a new entry; the old one stays as it was, and only the newest corrects
    clock.set(_h(9.5))
    fixed = duty.write(duty01, _entry(day.id, "平江路口两车剐蹭，占用一条车道", cameras=[CAMERA],
                                      location="平江路与白塔东路交叉口北侧",
                                      follow_up="通知交警到场处置", corrects=first.id,
                                      at=_h(9).isoformat()))
    assert (fixed.corrects, _last(db).action) == (first.id, "DUTY_LOG_CORRECT")
    _refused(lambda: duty.write(duty01, _entry(day.id, "y", corrects=first.id)), BAD,
             "corrects")
    _refused(lambda: duty.write(duty02, _entry(day.id, "y", corrects=fixed.id)), OFF)
    with db.transaction() as s:
        old = s.get(DutyLogEntry, first.id)
        assert old is not None and old.location == "平江路白塔东路口"
    with pytest.raises(DBAPIError), db.transaction() as s:   # the database refuses an edit
        s.execute(text("UPDATE duty_log_entries SET seen = 'edited' WHERE id = :id"),
                  {"id": first.id})
    with pytest.raises(DBAPIError), db.transaction() as s:
        s.execute(text("DELETE FROM duty_log_entries WHERE id = :id"), {"id": first.id})

    session(10.5, 16.1)

    # the unit's cameras were recorded online or offline by the demo import at 07:00; one of
    # them goes offline at 12:00 (the handover's online rates come from these records)
    with db.transaction() as s:
        own = s.execute(select(Camera.code, Camera.online).join(
            Unit, Unit.id == Camera.owner_unit_id).where(Unit.code == "GUSU-PSB")).all()
    total, online0 = len(own), sum(1 for _c, on in own if on)
    assert ("32050801001316000004", True) in own and total > online0 > 1
    clock.set(_h(12))
    with db.transaction() as s:
        set_online_states(s, {"32050801001316000004": False}, clock.now())

    # an emergency grant in force and the handover's snapshot
    clock.set(_h(15))
    GrantService(db, clock).issue_emergency(
        sup, Grantee(unit="GUSU-PSB"), Scope("camera", CAMERA), ["live"], reason="游客高峰")
    clock.set(_h(15.8))
    draft = duty.handover_draft(duty01, day.id)
    assert draft.to_shift == night.id
    assert [i.entry for i in draft.content.open_items] == [fixed.id]
    assert [g.reason for g in draft.content.emergency_grants] == ["游客高峰"]
    figure = draft.content.online      # hand-computed: 8.8 h since 07:00, one off 3.8 h
    assert (figure.kind, figure.online, figure.total, figure.since) == (
        "online_rates", online0 - 1, total, _h(0))
    assert figure.online_hours == pytest.approx(online0 * 8.8 - 3.8)
    assert figure.expected_hours == pytest.approx(total * 8.8)
    assert figure.weighted_rate == pytest.approx((online0 * 8.8 - 3.8) / (total * 8.8))
    rates = OnlineRateService(db, clock).rates(sup).rows           # the same as the rates
    gusu = next(r for r in rates if r.key == "GUSU-PSB")
    assert (gusu.online, gusu.total, gusu.point_rate) == (figure.online, figure.total,
                                                          figure.point_rate)
    assert gusu.weighted_rate == pytest.approx(figure.weighted_rate)

    # the handover: only the outgoing shift's people sign, and sign once
    _refused(lambda: duty.sign(duty02, day.id), OFF, "actor")
    _refused(lambda: duty.sign(sup, day.id), OFF, "actor")       # a supervisor not on it
    handover = duty.sign(duty01, day.id, note="平江路事件待交警反馈")
    assert (handover.state, handover.to_shift, handover.signed_by) == (
        HandoverState.SIGNED, night.id, "duty01")
    assert (_last(db).action, json.loads(_last(db).params)["open_items"]) == (
        "DUTY_HANDOVER_SIGN", 1)
    _refused(lambda: duty.sign(duty01, day.id), Reason.DUPLICATE, "handover")

    # refused by the incoming officer (with a reason), then redone and accepted
    clock.set(_h(16))
    _refused(lambda: duty.answer(duty02, handover.id, accept=False), BAD, "reason")
    _refused(lambda: duty.answer(duty01, handover.id, accept=True), OFF)  # not incoming
    refused = duty.answer(duty02, handover.id, accept=False, reason="未交代事件处置进展")
    assert (refused.state, refused.answered_by, refused.refusal) == (
        HandoverState.REFUSED, "duty02", "未交代事件处置进展")
    assert _last(db).action == "DUTY_HANDOVER_REFUSE"
    _refused(lambda: duty.answer(duty02, handover.id, accept=True), BAD, "state")
    clock.set(_h(16.05))
    again = duty.sign(duty01, day.id, note="交警已到场，等待定责结果")
    assert again.id != handover.id and again.state == HandoverState.SIGNED
    accepted = duty.answer(duty02, again.id, accept=True)
    assert (accepted.state, accepted.answered_by) == (HandoverState.ACCEPTED, "duty02")

    # review: not a duty officer, not another unit's supervisor; a return says why
    clock.set(_h(16.5))
    _refused(lambda: duty.review(duty01, day.id, "approve"), NO, "actor")
    assert (_last(db).action, _last(db).outcome, _last(db).actor) == (
        "DUTY_REVIEW_APPROVE", "denied", "duty01")
    _refused(lambda: duty.review(super01, day.id, "approve"), NO, "actor")
    _refused(lambda: duty.review(sup, night.id, "approve"), BAD, "shift")   # not ended
    returned = duty.review(sup, day.id, "return", "补记事件处置结果")
    assert (returned.review, returned.review_comment) == (RETURNED, "补记事件处置结果")
    clock.set(_h(16.6))
    settled = duty.write(duty01, _entry(day.id, "交警已处置完毕，车道恢复通行", closes=fixed.id,
                                        at=_h(15.9).isoformat()))
    assert settled.closes == fixed.id
    assert duty.handover_draft(duty02, night.id).content.open_items == []
    approved = duty.review(sup, day.id, "approve")
    assert (approved.review, approved.reviewed_by) == (APPROVED, "super02")
    assert _last(db).action == "DUTY_REVIEW_APPROVE"

    # locked: no entry, no correction, no roster change, no handover, no second review
    for call, field in [
        (lambda: duty.write(duty01, _entry(day.id, "z")), "shift"),
        (lambda: duty.write(admin01, _entry(day.id, "z", corrects=settled.id)), "shift"),
        (lambda: duty.set_shift(sup, "GUSU-PSB", "白班", _h(8), _h(16), ["duty01"],
                                shift_id=day.id), "shift"),
        (lambda: duty.review(admin01, day.id, "return", "again"), "shift"),
    ]:
        _refused(call, LOCKED, field)
        assert (_last(db).outcome, _last(db).reason) == ("denied", "SHIFT_LOCKED")

    # the supervisor's view of the shift: attendance, the whole log, both handovers
    detail = duty.detail(sup, day.id)
    (zhang,) = [p for p in detail.attendance if p.account == "duty01"]
    assert (zhang.late_minutes, zhang.absent, zhang.first_login) == (12, False, _h(8.2))
    assert zhang.gaps == [(_h(10), _h(10.5))]
    assert {s.terminal for s in zhang.stints} == {DEMO_TERMINAL}
    assert [e.id for e in detail.entries] == [first.id, fixed.id, settled.id]
    assert detail.entries[0].corrected_by == fixed.id
    assert detail.entries[1].closed_by == settled.id
    assert [h.state for h in detail.handovers] == [HandoverState.REFUSED,
                                                   HandoverState.ACCEPTED]
    _refused(lambda: duty.detail(super01, day.id), NO)
    (listed,) = duty.shifts(sup, person="duty01")
    assert (listed.id, listed.late, listed.absent, listed.gaps) == (day.id, 1, 0, 1)
    assert duty.shifts(duty01)[0].late is None          # not an overseer's list
    assert [s.id for s in duty.shifts(duty02)] == [night.id]          # their own
    assert [s.id for s in duty.shifts(admin01, unit="GUSU-PSB", day_from=_h(17))] == [night.id]
    assert duty.shifts(super01) == []                                  # another unit


def test_a_report_that_cannot_be_made_is_not_registered(
        db: Database, clock: FixedClock, hashing: PasswordHashing,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """DUTY_REPORT says a report was handed out: it is written with the PDF, never before."""
    import console.duty.report

    _world(db, clock, hashing)
    duty = DutyService(db, clock)
    sup = _actor(db, "super02")
    day = duty.set_shift(sup, "GUSU-PSB", "白班", _h(8), _h(16), ["duty01"])
    before = _last(db).seq

    def broken(*_args: object, **_kw: object) -> bytes:
        raise OSError("no font")

    monkeypatch.setattr(console.duty.report, "shift_report", broken)
    with pytest.raises(OSError):
        duty.report(sup, day.id)
    assert _last(db).seq == before
    monkeypatch.undo()
    assert duty.report(sup, day.id).startswith(b"%PDF")
    assert (_last(db).action, _last(db).seq) == ("DUTY_REPORT", before + 1)


# -- through the centre, from a terminal ------------------------------------------------------

def test_through_the_centre(sqlite_db: Database, clock: FixedClock,
                            hashing: PasswordHashing) -> None:
    from pypdf import PdfReader

    _world(sqlite_db, clock, hashing)
    harness = centre_for(sqlite_db, clock, hashing)
    services = terminal_services(harness, clock, T42, DEMO_TERMINAL)

    def login(account: str) -> str:
        result = services.auth.login(account, DEMO_PASSWORD)
        assert result.ok and result.session is not None, result
        return result.session.session_id

    sup, officer, colleague = login("super02"), login("duty01"), login("duty02")
    duty = services.duty
    clock.set(_h(8.5))
    day = duty.set_shift(sup, "GUSU-PSB", "白班", _h(8), _h(16), ["duty01"])
    night = duty.set_shift(sup, "GUSU-PSB", "夜班", _h(16), _h(24), ["duty02"])
    assert [s.id for s in duty.shifts(officer, mine=True)] == [day.id]

    # an entry picked from an open tile names that view: the register links them
    result = services.access.open_view(officer, CAMERA, "")
    assert result.ok and result.ticket is not None, result
    view = result.ticket.id
    entry = duty.write(officer, _entry(day.id, "北侧人行道有人摔倒，已报120", view=view))
    assert (entry.view, [c.code for c in entry.cameras]) == (view, [CAMERA])
    with sqlite_db.transaction() as s:
        records = s.execute(select(AuditRecord).where(AuditRecord.action.in_(
            ["VIEW_OPEN", "DUTY_LOG_ADD"])).order_by(AuditRecord.seq)).scalars().all()
        opened = [r for r in records if r.action == "VIEW_OPEN"][-1]
        written = [r for r in records if r.action == "DUTY_LOG_ADD"][-1]
        assert json.loads(opened.params)["view"] == json.loads(written.params)["view"] == view
        assert (written.actor, written.session_id) == ("duty01", officer)
        live = s.get(ConsoleSession, officer)
        assert live is not None and actor_for_session(live).account == "duty01"
    with pytest.raises(Refused) as refused:             # a time without its offset
        services.client.post("/duty/log", session=officer, json={
            "shift": day.id, "category": "other", "seen": "x", "at": "2026-01-01T08:40:00"})
    assert (refused.value.status, refused.value.field.endswith("at")) == (400, True)
    with pytest.raises(Refused) as refused:             # someone else's view
        duty.write(sup, _entry(day.id, "x", view=view))
    assert (refused.value.reason, refused.value.field) == (Reason.VIEW_UNKNOWN, "view")

    # a duty officer cannot approve; the refusal is the centre's, and registered
    clock.set(_h(16.2))
    with pytest.raises(Refused) as refused:
        duty.review(officer, day.id, "approve")
    assert (refused.value.reason, refused.value.status) == (Reason.NOT_PERMITTED, 403)
    # nobody signs for another: the body cannot name a signer, and the session's person
    # must be on the shift
    with pytest.raises(Refused) as refused:
        services.client.post(f"/duty/shifts/{day.id}/handover", session=colleague,
                             json={"note": "", "signed_by": "duty01"})
    assert refused.value.field.endswith("signed_by")
    with pytest.raises(Refused) as refused:
        duty.sign(colleague, day.id)
    assert (refused.value.reason, refused.value.field) == (Reason.NOT_ON_SHIFT, "actor")
    signed = duty.sign(officer, day.id, note="无遗留")
    assert signed.signed_by == "duty01" and signed.to_shift == night.id
    with pytest.raises(Refused) as refused:
        services.client.post(f"/duty/handovers/{signed.id}/answer", session=colleague,
                             json={"accept": True, "answered_by": "duty01"})
    assert refused.value.field.endswith("answered_by")
    assert duty.answer(colleague, signed.id, accept=True).answered_by == "duty02"
    assert duty.review(sup, day.id, "approve").review == APPROVED
    with pytest.raises(Refused) as refused:
        duty.write(officer, _entry(day.id, "补记"))
    assert refused.value.reason == Reason.SHIFT_LOCKED

    # the report: a PDF with the shift's text (and never a picture)
    data = duty.report(sup, day.id)
    assert data.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(data))
    content = "".join(page.extract_text() for page in reader.pages)
    # (pypdf puts a space or a NUL between CJK glyphs of fpdf2's subset font)
    flat = "".join(ch for ch in content if ch.isprintable() and not ch.isspace())
    for expected in ("北侧人行道有人摔倒，已报120", "白班", "duty01", "无遗留", "Approved",
                     "super02", CAMERA, "Onlinerate(pointintime)",
                     "Onlineratetoday(timeweighted)"):
        assert expected in flat, expected
    assert "point-intimeshare" not in flat
    assert all(not page.images for page in reader.pages)
    assert (_last(sqlite_db).action, _last(sqlite_db).actor) == ("DUTY_REPORT", "super02")
    with pytest.raises(Refused) as refused:
        login_other = login("super01")
        duty.report(login_other, day.id)
    assert refused.value.reason == Reason.NOT_PERMITTED
    assert entry.category == Category.INCIDENT
