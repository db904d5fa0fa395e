"""The centre's extra capture programs in storage (R9): administrators add and remove them,
every change and every refusal is audited, running consoles learn through the access
revision, and ``all_tools`` is the built-in list plus the extra entries. On SQLite and on
PostgreSQL."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from console.audit.writer import Actor
from console.capture.service import CaptureToolError, CaptureToolService
from console.capture.tools import BUILT_IN, Kind, Source
from console.clock import FixedClock
from console.codes import Action, Outcome, Reason, Role
from console.settings_store import access_revision
from console.storage.database import Database
from console.storage.models import AuditRecord, CaptureTool
from tests.conftest import INSTALLER

ADMIN = Actor(account="zhaoliu", role=Role.ADMINISTRATOR, user_id=4)
SUPERVISOR = Actor(account="wangwu", role=Role.SUPERVISOR, user_id=3)
DUTY = Actor(account="zhangsan", role=Role.DUTY_OFFICER, user_id=1)

GRABBER = "name=Grabber;kind=remote;process=grab,grab64;cmdline=--share\\s+screen"


@pytest.fixture
def capture(db: Database, clock: FixedClock) -> CaptureToolService:
    return CaptureToolService(db, clock)


def records(db: Database) -> list[AuditRecord]:
    with db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action.in_(
            [Action.CAPTURE_TOOL_ADD, Action.CAPTURE_TOOL_REMOVE]))
            .order_by(AuditRecord.seq)).scalars())


def revision(db: Database) -> str:
    with db.transaction() as s:
        return access_revision(s)


def rows(db: Database) -> int:
    with db.transaction() as s:
        return s.execute(select(func.count()).select_from(CaptureTool)).scalar_one()


def test_add_list_remove(capture: CaptureToolService, db: Database,
                         clock: FixedClock) -> None:
    assert capture.list_extra() == []
    assert capture.all_tools() == BUILT_IN
    before = revision(db)
    added = capture.add(ADMIN, " MyRec.exe ")
    assert (added.entry, added.program.name, added.program.processes, added.added_by) == (
        "myrec", "myrec", ("myrec",), "zhaoliu")
    assert revision(db) != before
    clock.advance(60)
    grabber = capture.add(INSTALLER, "process=grab, GRAB64.exe;kind=remote;name=Grabber;"
                                     "cmdline=--share\\s+screen")
    assert grabber.entry == GRABBER
    assert [(t.entry, t.added_by, t.added_at) for t in capture.list_extra()] == [
        ("myrec", "zhaoliu", added.added_at), (GRABBER, INSTALLER.account, clock.now())]
    extra = capture.all_tools()[len(BUILT_IN):]
    assert [(p.name, p.kind, p.source, p.cmdline) for p in extra] == [
        ("myrec", Kind.RECORDER, Source.EXTRA, None),
        ("Grabber", Kind.REMOTE, Source.EXTRA, "--share\\s+screen")]

    assert capture.remove(ADMIN, "Grabber") == GRABBER            # by name
    assert capture.remove(ADMIN, "process=MYREC") == "myrec"      # any spelling of the rule
    assert capture.list_extra() == [] and rows(db) == 0
    audit = records(db)
    assert [(r.action, r.outcome, r.actor) for r in audit] == [
        (Action.CAPTURE_TOOL_ADD, Outcome.OK, "zhaoliu"),
        (Action.CAPTURE_TOOL_ADD, Outcome.OK, INSTALLER.account),
        (Action.CAPTURE_TOOL_REMOVE, Outcome.OK, "zhaoliu"),
        (Action.CAPTURE_TOOL_REMOVE, Outcome.OK, "zhaoliu")]
    assert json.loads(audit[1].params) == {"entry": GRABBER, "name": "Grabber",
                                           "kind": "remote"}
    assert [json.loads(r.params)["entry"] for r in audit[2:]] == [GRABBER, "myrec"]


def test_only_administrators_change_the_list_refusals_audited(
        capture: CaptureToolService, db: Database) -> None:
    capture.add(ADMIN, "myrec")
    before = revision(db)
    actors = (SUPERVISOR, DUTY, Actor(account="nobody"))
    for actor in actors:
        for attempt in (lambda a=actor: capture.add(a, "otherrec"),
                        lambda a=actor: capture.remove(a, "myrec")):
            with pytest.raises(CaptureToolError) as info:
                attempt()
            assert info.value.reason == Reason.NOT_PERMITTED
    refused = [r for r in records(db) if r.outcome == Outcome.DENIED]
    assert [(r.action, r.reason, r.actor, json.loads(r.params)["entry"]) for r in refused] == [
        item for actor in actors for item in (
            (Action.CAPTURE_TOOL_ADD, Reason.NOT_PERMITTED, actor.account, "otherrec"),
            (Action.CAPTURE_TOOL_REMOVE, Reason.NOT_PERMITTED, actor.account, "myrec"))]
    assert [t.entry for t in capture.list_extra()] == ["myrec"]
    assert revision(db) == before


REFUSED_ENTRIES = [
    ("myrec", Reason.DUPLICATE, "entry: 'myrec' is listed already"),
    ("process=MyRec.exe", Reason.DUPLICATE, "entry: 'myrec' is listed already"),
    ("obs", Reason.DUPLICATE, "entry: 'obs' is recognised already (built in: OBS Studio)"),
    ("name=Shots;kind=screenshot;process=simplescreenrec,flameshot", Reason.DUPLICATE,
     "(built in: SimpleScreenRecorder, Flameshot)"),
    ("name=x", Reason.INVALID_INPUT, "entry: process= is missing"),
    ("process=a;cmdline=(", Reason.INVALID_INPUT, "entry: cmdline: not a regular expression"),
    ("", Reason.INVALID_INPUT, "entry: the entry is empty"),
]


def test_refused_entries(capture: CaptureToolService, db: Database) -> None:
    capture.add(ADMIN, "myrec")
    for entry, reason, message in REFUSED_ENTRIES:
        with pytest.raises(CaptureToolError) as info:
            capture.add(ADMIN, entry)
        assert info.value.reason == reason
        assert message in str(info.value), entry
    refused = [r for r in records(db) if r.outcome == Outcome.DENIED]
    assert [(r.action, r.reason) for r in refused] == [
        (Action.CAPTURE_TOOL_ADD, reason) for _, reason, _ in REFUSED_ENTRIES]
    assert rows(db) == 1


def test_a_rule_on_a_built_in_name_may_be_added(capture: CaptureToolService) -> None:
    """ffmpeg is built in only with its screen-grab rule: another rule for it adds."""
    added = capture.add(ADMIN, "name=FFmpeg to network;process=ffmpeg;cmdline=-f\\s+rtp\\b")
    assert added.program.cmdline == "-f\\s+rtp\\b"


def test_remove_refusals(capture: CaptureToolService, db: Database) -> None:
    capture.add(ADMIN, "name=Same;process=a")
    capture.add(ADMIN, "name=Same;process=b")
    cases = [
        ("obs", Reason.NOT_FOUND, "entry: 'obs' is not an extra entry (built-in programs "
                                  "cannot be removed)"),
        ("Same", Reason.INVALID_INPUT, "entry: 2 entries are named 'Same': give the whole "
                                       "entry"),
    ]
    for entry, reason, message in cases:
        with pytest.raises(CaptureToolError) as info:
            capture.remove(ADMIN, entry)
        assert (info.value.reason, str(info.value)) == (reason, message)
    assert [r.reason for r in records(db) if r.outcome == Outcome.DENIED] == [
        reason for _, reason, _ in cases]
    assert rows(db) == 2
    assert capture.remove(ADMIN, "name=Same;process=b") == "name=Same;kind=recorder;process=b"


def test_an_unreadable_stored_entry_is_left_out(capture: CaptureToolService, db: Database,
                                                clock: FixedClock) -> None:
    capture.add(ADMIN, "myrec")
    with db.transaction() as s:
        s.add(CaptureTool(entry="process=x;colour=red", added_by="future",
                          added_at=clock.now()))
    assert [t.entry for t in capture.list_extra()] == ["myrec"]
    assert len(capture.all_tools()) == len(BUILT_IN) + 1
    assert capture.remove(ADMIN, "process=x;colour=red") == "process=x;colour=red"
