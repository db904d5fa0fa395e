"""Work the centre does on a schedule is claimed through the database: two server instances
on one database (SQLite and the real PostgreSQL) end each stale session, close each lost view
lease, register each grant's end and claim each PTZ return exactly once."""

from __future__ import annotations

import threading
from datetime import timedelta
from pathlib import Path

from sqlalchemy import func, select

from console.access.model import ViewResult
from console.codes import Action, Reason
from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from console.pki import CertificateAuthority
from console.secrets import NoSecrets
from console.server.centre import Centre
from console.server.jobs import Job, JobRunner
from console.storage.models import AuditRecord, ScheduledJob
from tests.conftest import INSTALLER, PASSWORD, T42, World
from tests.support.catalog import COND, UNCOND, add_cameras


def _count(world: World, action: Action, reason: Reason | None = None) -> int:
    with world.db.transaction() as s:
        query = select(func.count()).select_from(AuditRecord).where(
            AuditRecord.action == action)
        if reason is not None:
            query = query.where(AuditRecord.reason == reason)
        return int(s.execute(query).scalar_one())


def _instances(world: World) -> list[JobRunner]:
    ca = CertificateAuthority.create("t", world.clock.now())
    runners = []
    for name in ("centre-a", "centre-b"):
        centre = Centre.build(world.db, world.clock, NoSecrets(), ca, hashing=world.hashing,
                              instance=name)

        def grant_ends(c: Centre = centre) -> None:
            c.grants.note_ended_grants(c.instance)
            c.access.close_ended_grant_views()

        runners.append(JobRunner(world.db, world.clock, name, [
            Job("stale_sessions", lambda: 5.0, centre.auth.end_stale_sessions,
                settle=lambda: 30.0),
            Job("view_leases", lambda: 2.0, centre.access.close_lost_leases,
                settle=lambda: 15.0),
            Job("grant_ends", lambda: 5.0, grant_ends),
        ]))
    return runners


def _rounds(runners: list[JobRunner], rounds: int, world: World) -> None:
    """Both instances run every round at the same moment, on their own threads."""
    for _ in range(rounds):
        barrier = threading.Barrier(len(runners))

        def run(r: JobRunner, barrier: threading.Barrier = barrier) -> None:
            barrier.wait()
            r.run_due()

        threads = [threading.Thread(target=run, args=(r,)) for r in runners]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        world.clock.advance(timedelta(seconds=6))


def test_each_scheduled_job_runs_once_per_round_across_instances(world: World) -> None:
    runners = _instances(world)
    _rounds(runners, 8, world)                  # 6 s apart: awake 0, 6, … 42 s
    runs = {job: sum(r.runs[job] for r in runners)
            for job in ("stale_sessions", "view_leases", "grant_ends")}
    # each round once; judging silence only once awake for the settle time (30 s, 15 s)
    assert runs == {"stale_sessions": 3, "view_leases": 5, "grant_ends": 8}
    with world.db.transaction() as s:
        rows = s.execute(select(ScheduledJob.name)).scalars().all()
    assert sorted(rows) == ["grant_ends", "stale_sessions", "view_leases"]


def test_two_instances_end_sessions_leases_and_grants_exactly_once(
        world: World, tmp_path: Path) -> None:
    add_cameras(world.db, world.clock)
    now = world.clock.now()
    grants = GrantService(world.db, world.clock)
    grant = grants.issue(INSTALLER, Grantee(user="zhangsan"), Scope("camera", COND), ["live"],
                         now, now + timedelta(seconds=20), purpose="巡查", approver="刘主任",
                         reference="SP-1")
    emergency = grants.issue_emergency(INSTALLER, Grantee(user="lisi"),
                                       Scope("camera", UNCOND), ["ptz"], reason="救援",
                                       hours=0.005)      # 18 s
    auth = world.auth(T42)
    session = auth.login("zhangsan", PASSWORD).session  # type: ignore[union-attr]
    from console.access.service import AccessService

    access = AccessService(world.db, world.clock, NoSecrets())
    opened: list[ViewResult] = [access.open_view(session.session_id, UNCOND, ""),
                                access.open_view(session.session_id, COND, "巡查")]
    assert all(r.ok for r in opened)
    # the terminal goes quiet: no heartbeat, no lease renewal
    runners = _instances(world)
    _rounds(runners, 8, world)                 # 48 s of centre time
    assert _count(world, Action.GRANT_END) == 2          # the grant and the emergency grant
    closed = _count(world, Action.VIEW_CLOSE)
    assert closed == 2                                    # each view once, whoever got there
    assert _count(world, Action.SESSION_END, Reason.SESSION_STALE) == 1
    with world.db.transaction() as s:
        reasons = sorted(s.execute(select(AuditRecord.reason).where(
            AuditRecord.action == Action.VIEW_CLOSE)).scalars())
    # the grant's view: lease or grant end, whichever came first; the other: lease lost
    assert set(reasons) <= {Reason.VIEW_LEASE_LOST, Reason.GRANT_EXPIRED}
    assert grant and emergency


def test_silence_is_judged_only_after_the_centre_listened(world: World) -> None:
    """A centre that was not running (stopped, suspended) does not take the terminals that
    could not reach it for dead: after a gap in its rounds it waits the settle time."""
    auth = world.auth(T42)
    auth.login("zhangsan", PASSWORD)
    runners = _instances(world)[:1]
    _rounds(runners, 1, world)
    world.clock.advance(timedelta(minutes=10))          # the centre was down
    _rounds(runners, 4, world)                          # awake 0, 6, 12, 18 s
    assert _count(world, Action.SESSION_END, Reason.SESSION_STALE) == 0
    _rounds(runners, 3, world)                          # awake 24, 30, 36 s
    assert _count(world, Action.SESSION_END, Reason.SESSION_STALE) == 1


def test_a_round_not_yet_due_costs_no_database_statement(world: World) -> None:
    """Every instance looks at every job twice a second: a job whose next round (as this
    instance last saw it in the database) has not come asks the database nothing (it was a
    write transaction each time, on SQLite the one writer's lock); once due, the claim goes
    to the database as before, and a round another instance took is seen there."""
    from sqlalchemy import event

    ran: list[str] = []
    runners = [JobRunner(world.db, world.clock, name, [
        Job("tick", lambda: 5.0, lambda name=name: ran.append(name))])
        for name in ("centre-a", "centre-b")]
    first, second = runners
    statements: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        statements.append(statement)

    assert first.run_due() == ["tick"]
    assert second.run_due() == []               # taken: it reads when the next round is
    event.listen(world.db.engine, "before_cursor_execute", seen)
    try:
        world.clock.advance(timedelta(seconds=2))
        assert first.run_due() == [] and second.run_due() == []
        assert statements == [], statements
        world.clock.advance(timedelta(seconds=4))   # due again: claimed through the database
        assert second.run_due() == ["tick"] and first.run_due() == []
        assert any(sql.startswith("UPDATE scheduled_jobs") for sql in statements)
    finally:
        event.remove(world.db.engine, "before_cursor_execute", seen)
    assert ran == ["centre-a", "centre-b"]
