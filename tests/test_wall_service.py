"""The wall service on both backends: who may drive the wall, saving, listing, recalling and
deleting presets, opening a camera on a wall output — each change and each refusal in the
usage register."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from console.access.model import SessionGone
from console.codes import Action, Outcome, Reason, Role
from console.storage.models import AuditRecord
from console.storage.models import WallPreset as WallPresetRow
from console.wall.presets import MAX_OUTPUT_NAME, OutputPreset, WallPreset
from console.wall.service import WallError, WallService
from tests.conftest import INSTALLER, PASSWORD, T42, World
from tests.support.catalog import COND, NOT_SHARED, UNCOND, add_cameras

# account -> role in the seeded world (zhaoliu is bound to T-0042 here)
ACCOUNTS = {"zhangsan": Role.DUTY_OFFICER, "lisi": Role.WALL_OPERATOR,
            "wangwu": Role.SUPERVISOR, "zhaoliu": Role.ADMINISTRATOR}


@pytest.fixture
def wall(world: World) -> WallService:
    add_cameras(world.db, world.clock)
    world.admin.bind(INSTALLER, "wangwu", "T-0042")
    world.admin.bind(INSTALLER, "zhaoliu", "T-0042")
    return WallService(world.db, world.clock)


def login(world: World, account: str) -> str:
    auth = world.auth(T42)
    result = auth.login(account, PASSWORD)
    if not result.ok:  # first login of wangwu / zhaoliu: the password must change
        result = auth.login(account, PASSWORD, new_password=PASSWORD + "!x")
    assert result.ok, result
    return result.session.session_id  # type: ignore[union-attr]


def records(world: World, *actions: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action.in_(actions))
                              .order_by(AuditRecord.seq)).scalars())


def preset(name: str = "春节安保") -> WallPreset:
    return WallPreset(name, (OutputPreset("HDMI-1", 4, (UNCOND, None, None, COND)),))


@pytest.mark.parametrize(("role", "allowed"), [
    (Role.DUTY_OFFICER, False), (Role.WALL_OPERATOR, True), (Role.SUPERVISOR, True),
    (Role.ADMINISTRATOR, True), ("somebody_else", False)])
def test_who_may_drive_the_wall(role: str, allowed: bool):
    assert WallService.may_drive_wall(role) is allowed


@pytest.mark.parametrize("account", ["lisi", "wangwu", "zhaoliu"])
def test_wall_roles_save_list_recall_and_delete_presets(wall: WallService, world: World,
                                                        account: str):
    session = login(world, account)
    assert wall.save_preset(session, "春节安保", preset("ignored")) is False
    [info] = wall.list_presets(session)
    assert (info.name, info.saved_by, info.outputs, info.cameras) == (
        "春节安保", account, 1, 2)
    assert info.saved_at == world.clock.now()
    assert wall.get_preset(session, "春节安保") == preset()
    wall.delete_preset(session, "春节安保")
    assert wall.list_presets(session) == []
    saved, recalled, deleted = records(world, Action.WALL_PRESET_SAVE,
                                       Action.WALL_PRESET_RECALL, Action.WALL_PRESET_DELETE)
    assert [r.action for r in (saved, recalled, deleted)] == [
        Action.WALL_PRESET_SAVE, Action.WALL_PRESET_RECALL, Action.WALL_PRESET_DELETE]
    assert all((r.actor, r.target, r.outcome) == (account, "春节安保", Outcome.OK)
               for r in (saved, recalled, deleted))
    assert json.loads(saved.params) == {
        "outputs": {"HDMI-1": {"layout": 4, "tiles": [UNCOND, None, None, COND]}},
        "replaced": False}
    assert json.loads(recalled.params) == {"cameras": [UNCOND, COND]}
    assert json.loads(deleted.params) == {"saved_by": account, "cameras": [UNCOND, COND]}
    assert saved.terminal == "T-0042" and saved.ip == T42.ip


def test_saving_under_a_taken_name_replaces_the_preset(wall: WallService, world: World):
    session = login(world, "lisi")
    wall.save_preset(session, "p", preset())
    other = WallPreset("p", (OutputPreset("DP-2", 1, (NOT_SHARED,)),))
    assert wall.save_preset(session, " p ", other) is True      # the name is trimmed
    assert wall.get_preset(session, "p") == other
    assert [i.name for i in wall.list_presets(session)] == ["p"]
    assert json.loads(records(world, Action.WALL_PRESET_SAVE)[-1].params)["replaced"] is True


@pytest.mark.parametrize(("command", "action"), [
    ("save", Action.WALL_PRESET_SAVE), ("list", Action.WALL_PRESET_RECALL),
    ("get", Action.WALL_PRESET_RECALL), ("delete", Action.WALL_PRESET_DELETE)])
def test_a_duty_officer_cannot_drive_the_wall(wall: WallService, world: World, command: str,
                                              action: Action):
    wall.save_preset(login(world, "lisi"), "p", preset())
    session = login(world, "zhangsan")
    calls = {"save": lambda: wall.save_preset(session, "p", preset()),
             "list": lambda: wall.list_presets(session),
             "get": lambda: wall.get_preset(session, "p"),
             "delete": lambda: wall.delete_preset(session, "p")}
    with pytest.raises(WallError) as caught:
        calls[command]()
    assert caught.value.reason == Reason.NOT_PERMITTED
    refused = records(world, action)[-1]
    assert (refused.actor, refused.outcome, refused.reason) == (
        "zhangsan", Outcome.DENIED, Reason.NOT_PERMITTED)
    assert refused.target == ("*" if command == "list" else "p")
    assert wall.get_preset(login(world, "lisi"), "p") == preset("p")   # nothing changed


@pytest.mark.parametrize(("command", "name", "reason", "field"), [
    ("save", "", Reason.INVALID_INPUT, "name"),
    ("save", "x" * 101, Reason.INVALID_INPUT, "name"),
    ("get", "missing", Reason.NOT_FOUND, "name"),
    ("delete", "missing", Reason.NOT_FOUND, "name"),
])
def test_bad_names_and_missing_presets_are_refused_and_registered(
        wall: WallService, world: World, command: str, name: str, reason: Reason, field: str):
    session = login(world, "lisi")
    calls = {"save": lambda: wall.save_preset(session, name, preset()),
             "get": lambda: wall.get_preset(session, name),
             "delete": lambda: wall.delete_preset(session, name)}
    with pytest.raises(WallError) as caught:
        calls[command]()
    assert (caught.value.reason, caught.value.field) == (reason, field)
    refused = records(world, Action.WALL_PRESET_SAVE, Action.WALL_PRESET_RECALL,
                      Action.WALL_PRESET_DELETE)[-1]
    assert (refused.outcome, refused.reason) == (Outcome.DENIED, reason)
    assert json.loads(refused.params)["field"] == field


def test_an_unreadable_stored_preset_is_listed_but_refused_on_recall(wall: WallService,
                                                                      world: World):
    session = login(world, "lisi")
    wall.save_preset(session, "p", preset())
    with world.db.transaction() as s:
        row = s.execute(select(WallPresetRow)).scalar_one()
        row.content = '{"version": 9}'
    [info] = wall.list_presets(session)
    assert (info.name, info.cameras) == ("p", 0)
    with pytest.raises(WallError) as caught:
        wall.get_preset(session, "p")
    assert caught.value.field == "preset.version"


def test_an_ended_session_gets_nothing(wall: WallService, world: World):
    session = login(world, "lisi")
    world.auth(T42).logout(session)
    with pytest.raises(SessionGone):
        wall.list_presets(session)
    assert wall.open_view(session, UNCOND, "", "HDMI-1").reason == Reason.SESSION_ENDED


def test_a_wall_view_is_registered_with_its_output(wall: WallService, world: World):
    session = login(world, "lisi")
    result = wall.open_view(session, UNCOND, "", "HDMI-1")
    assert result.ok and result.ticket is not None
    assert result.ticket.output == "wall:HDMI-1"
    opened = records(world, Action.VIEW_OPEN)[-1]
    assert (opened.actor, opened.target, opened.outcome) == ("lisi", UNCOND, Outcome.OK)
    assert json.loads(opened.params)["output"] == "wall:HDMI-1"


def test_a_wall_output_may_have_the_longest_name_a_preset_allows(wall: WallService,
                                                                 world: World):
    """open_views.output held 40 characters: PostgreSQL refused a longer output (a 500)."""
    session = login(world, "lisi")
    name = "DP-" + "7" * (MAX_OUTPUT_NAME - 3)
    result = wall.open_view(session, UNCOND, "", name)
    assert result.ok and result.ticket is not None
    assert result.ticket.output == f"wall:{name}"


def test_a_duty_officer_cannot_open_a_camera_on_the_wall(wall: WallService, world: World):
    session = login(world, "zhangsan")
    result = wall.open_view(session, UNCOND, " 巡查 ", "HDMI-1")
    assert (result.ok, result.reason) == (False, Reason.NOT_PERMITTED)
    refused = records(world, Action.VIEW_OPEN)[-1]
    assert (refused.actor, refused.outcome, refused.reason) == (
        "zhangsan", Outcome.DENIED, Reason.NOT_PERMITTED)
    assert json.loads(refused.params) == {"right": "live", "output": "wall:HDMI-1",
                                          "purpose": "巡查"}
