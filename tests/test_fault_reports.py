"""Fault reports (R13): the state flow new → sent → fixed → verified (reopen: fixed → sent) and
who may take which step, as a table; the centre's service over the demo catalogue — the
maintainer unit and contact come from the catalogue, a supervisor handles their own unit's
reports only, the one who marked it fixed does not verify it, every report and step (done
or refused) is registered; and the API round trip from a terminal."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from console.admin.service import AdminService
from console.admin.validation import AdminError
from console.audit.writer import Actor
from console.clock import FixedClock
from console.codes import Reason, Role
from console.demo.accounts import DEMO_PASSWORD
from console.demo.seed import DEMO_TERMINAL, ensure_demo
from console.faults.rules import FaultState, Step, decide_step, next_steps
from console.faults.service import FaultService
from console.passwords import PasswordHashing
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, User
from tests.conftest import INSTALLER, PASSWORD, T42
from tests.views_support import centre_for, terminal_services

CAMERA = "32050801011328000001"          # 平江路与白塔东路交叉口 (demo catalogue)
MAINTAINER, CONTACT = "姑苏区平江街道城管科", "0512-65181234"

NEW, SENT, FIXED, VERIFIED = (FaultState.NEW, FaultState.SENT, FaultState.FIXED,
                              FaultState.VERIFIED)
SUP, ADM, DUTY, WALL = (Role.SUPERVISOR, Role.ADMINISTRATOR, Role.DUTY_OFFICER,
                        Role.WALL_OPERATOR)
OK, NO, BAD = Reason.OK, Reason.NOT_PERMITTED, Reason.INVALID_INPUT

# (step, state, role, of the reporter's unit, marked it fixed itself) → reason (OK: allowed)
RULES = [
    (Step.SEND, NEW, SUP, True, False, OK),
    (Step.SEND, NEW, SUP, False, False, NO),         # another unit's report
    (Step.SEND, NEW, ADM, False, False, OK),         # administrators: every report
    (Step.SEND, NEW, DUTY, True, False, NO),         # duty officers report, they do not send
    (Step.SEND, NEW, WALL, True, False, NO),
    (Step.SEND, SENT, ADM, True, False, BAD),        # sent already
    (Step.FIX, SENT, SUP, True, False, OK),
    (Step.FIX, NEW, SUP, True, False, BAD),          # not sent yet
    (Step.FIX, SENT, DUTY, True, False, NO),
    (Step.VERIFY, FIXED, SUP, True, False, OK),
    (Step.VERIFY, FIXED, ADM, True, True, NO),       # a second pair of eyes verifies
    (Step.VERIFY, SENT, ADM, True, False, BAD),
    (Step.VERIFY, VERIFIED, ADM, True, False, BAD),  # closed
    (Step.REOPEN, FIXED, SUP, True, True, OK),       # the fixer may say it is not fixed
    (Step.REOPEN, VERIFIED, ADM, True, False, BAD),  # nothing reopens a verified report
    (Step.REOPEN, FIXED, SUP, False, False, NO),
]


@pytest.mark.parametrize(("step", "state", "role", "same_unit", "fixed_it", "reason"), RULES)
def test_who_may_take_which_step(step: Step, state: FaultState, role: Role, same_unit: bool,
                                 fixed_it: bool, reason: Reason) -> None:
    decision = decide_step(step, state, role=str(role), account="me", same_unit=same_unit,
                           fixed_by="me" if fixed_it else "someone")
    assert (decision.allowed, decision.reason) == (reason == OK, reason)


def test_the_steps_each_state_offers() -> None:
    assert next_steps(NEW) == [Step.SEND]
    assert next_steps(SENT) == [Step.FIX]
    assert next_steps(FIXED) == [Step.VERIFY, Step.REOPEN]
    assert next_steps(VERIFIED) == []


def _demo(db: Database, clock: FixedClock, hashing: PasswordHashing) -> AdminService:
    admin = AdminService(db, clock, hashing)
    ensure_demo(db, admin, clock, T42)
    admin.create_user(INSTALLER, "super02", "周静", "GUSU-PSB", "supervisor", password=PASSWORD)
    admin.create_user(INSTALLER, "admin02", "孙刚", "CITY-OPS", "administrator",
                      password=PASSWORD)
    return admin


def _actor(db: Database, account: str) -> Actor:
    with db.transaction() as s:
        user = s.execute(select(User).where(User.account == account)).scalar_one()
        return Actor(account, terminal_name=DEMO_TERMINAL, user_id=user.id, role=user.role)


def _last(db: Database) -> AuditRecord:
    with db.transaction() as s:
        return s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)
                         ).scalar_one()


# who takes which step on duty01's report (GUSU-PSB) → the refusal (None: done) and the
# state after it
FLOW: list[tuple[str, Step, Reason | None, FaultState]] = [
    ("duty01", Step.SEND, NO, NEW),          # the reporter does not forward it
    ("super01", Step.SEND, NO, NEW),         # a supervisor of another unit (CITY-OPS)
    ("admin01", Step.FIX, BAD, NEW),         # not sent yet
    ("super02", Step.SEND, None, SENT),      # the reporter's own supervisor
    ("super02", Step.FIX, None, FIXED),
    ("super02", Step.VERIFY, NO, FIXED),     # marked fixed by the same person
    ("admin01", Step.REOPEN, None, SENT),    # still blurred: back to the maintainer
    ("admin01", Step.FIX, None, FIXED),
    ("super02", Step.VERIFY, None, VERIFIED),
    ("admin02", Step.REOPEN, BAD, VERIFIED),  # closed
]


def test_a_report_goes_through_its_flow_and_every_step_is_registered(
        db: Database, clock: FixedClock, hashing: PasswordHashing) -> None:
    _demo(db, clock, hashing)
    faults = FaultService(db, clock)
    report = faults.report(_actor(db, "duty01"), CAMERA, "blur", "  画面 模糊，\n看不清车牌 ")
    assert (report.state, report.kind, report.comment) == (NEW, "blur", "画面 模糊， 看不清车牌")
    assert (report.maintainer, report.contact, report.camera_name) == (
        MAINTAINER, CONTACT, "平江路与白塔东路交叉口")
    record = _last(db)
    assert (record.actor, record.action, record.target, record.outcome) == (
        "duty01", "FAULT_REPORT", CAMERA, "ok")
    assert json.loads(record.params)["maintainer"] == MAINTAINER

    for account, step, refusal, after in FLOW:
        clock.advance(60)
        if refusal is None:
            row = faults.step(_actor(db, account), report.id, step, note=f"{step} by {account}")
            assert row.state == after
        else:
            with pytest.raises(AdminError) as refused:
                faults.step(_actor(db, account), report.id, step)
            assert refused.value.reason == refusal, (account, step)
        record = _last(db)
        assert (record.actor, record.action, record.target) == (
            account, f"FAULT_{step.upper()}", f"fault:{report.id}"), (account, step)
        assert (record.outcome, record.reason) == (
            ("ok", "OK") if refusal is None else ("denied", str(refusal))), (account, step)
        (now,) = [r for r in faults.list(_actor(db, "admin01")) if r.id == report.id]
        assert now.state == after, (account, step)
    assert (now.sent_by, now.fixed_by, now.verified_by) == ("super02", "admin01", "super02")
    assert now.note == "verify by super02"


def test_reports_refused_and_who_lists_them(db: Database, clock: FixedClock,
                                            hashing: PasswordHashing) -> None:
    _demo(db, clock, hashing)
    faults = FaultService(db, clock)
    for kind, camera, comment, field, reason in [
        ("other", CAMERA, " ", "comment", BAD),          # 'other' says what
        ("smoke", CAMERA, "", "kind", BAD),
        ("offline", "32059999999999999999", "", "camera", Reason.UNKNOWN_CAMERA),
    ]:
        with pytest.raises(AdminError) as refused:
            faults.report(_actor(db, "duty01"), camera, kind, comment)
        assert (refused.value.field, refused.value.reason) == (field, reason)
        record = _last(db)
        assert (record.action, record.outcome, record.reason) == (
            "FAULT_REPORT", "denied", str(reason))

    mine = faults.report(_actor(db, "duty01"), CAMERA, "occlusion")       # GUSU-PSB
    theirs = faults.report(_actor(db, "wall01"), CAMERA, "offline")       # CITY-OPS
    assert [r.id for r in faults.list(_actor(db, "super02"))] == [mine.id]
    assert [r.id for r in faults.list(_actor(db, "super01"))] == [theirs.id]
    assert [r.id for r in faults.list(_actor(db, "admin01"))] == [theirs.id, mine.id]
    with pytest.raises(AdminError) as refused:
        faults.list(_actor(db, "duty01"))
    assert refused.value.reason == NO
    assert (_last(db).actor, _last(db).action, _last(db).outcome) == (
        "duty01", "FAULT_LIST", "denied")


def test_through_the_centre(sqlite_db: Database, clock: FixedClock,
                            hashing: PasswordHashing) -> None:
    _demo(sqlite_db, clock, hashing)
    harness = centre_for(sqlite_db, clock, hashing)
    services = terminal_services(harness, clock, T42, DEMO_TERMINAL)
    duty = services.auth.login("duty01", DEMO_PASSWORD)
    assert duty.ok and duty.session is not None, duty
    row = services.faults.report(duty.session.session_id, CAMERA, "position_offset", "偏了")
    assert (row.state, row.maintainer) == (NEW, MAINTAINER)
    with pytest.raises(AdminError) as refused:
        services.faults.list(duty.session.session_id)
    assert refused.value.reason == NO
    with pytest.raises(AdminError) as refused:      # validated on the wire, naming the field
        services.client.post("/faults", session=duty.session.session_id,
                             json={"camera": CAMERA, "kind": "smoke"})
    assert refused.value.field.endswith("kind")
    # A camera the reporter may not see is refused as unknown (its existence and its
    # maintainer's contact are not the reporter's to learn), and the refusal is registered.
    visible = {e.code for e in services.access.snapshot(duty.session.session_id).entries}
    with sqlite_db.transaction() as s:
        hidden = next(code for code in s.execute(select(Camera.code)).scalars()
                      if code not in visible)
    with pytest.raises(AdminError) as refused:
        services.faults.report(duty.session.session_id, hidden, "blur")
    assert (refused.value.field, refused.value.reason) == ("camera", Reason.UNKNOWN_CAMERA)
    assert (_last(sqlite_db).actor, _last(sqlite_db).outcome,
            _last(sqlite_db).target) == ("duty01", "denied", hidden)
    supervisor = services.auth.login("admin01", DEMO_PASSWORD)
    assert supervisor.ok and supervisor.session is not None, supervisor
    sid = supervisor.session.session_id
    assert services.faults.step(sid, row.id, "send", "已电话通知").state == SENT
    (listed,) = services.faults.list(sid, open_only=True)
    assert (listed.id, listed.sent_by, listed.note) == (row.id, "admin01", "已电话通知")
