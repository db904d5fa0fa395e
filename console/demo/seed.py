"""First-run demo data: units, the demo accounts, *this machine* registered as the demo
users' terminal, the demo catalogue (about 60 cameras in Suzhou) and grants that make the
demo users' trees differ. Only for the embedded default database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update

from console.admin.service import AdminService
from console.audit.writer import Actor, AuditTrail
from console.catalog.demo import DEMO_CATALOGUE_FILES
from console.catalog.service import CatalogService
from console.clock import Clock
from console.codes import Action, Role
from console.duty.service import DutyService
from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from console.identity import TerminalIdentity
from console.online.rates import LOCAL_TIME
from console.secrets import NoSecrets, SecretStorage
from console.settings_store import get_setting, put_setting
from console.storage.database import Database
from console.storage.models import Camera, DutyShift, Terminal, Unit, User

from .accounts import DEMO_ACCOUNTS, DEMO_PASSWORD

DEMO_TERMINAL = "本机演示终端"
DEMO_SEEDER = Actor(account="system:demo-seed", is_installer=True)

DEMO_UNITS = [
    # (code, name, parent)
    ("CITY-OPS", "市城市运行管理中心", None),
    ("GUSU-PSB", "姑苏区公安分局", "CITY-OPS"),
    ("CITY-TRAFFIC", "市交通运输局", "CITY-OPS"),
    ("GUSU-STREET", "姑苏区平江街道", "CITY-OPS"),
]
_UNIT_OF = {"duty01": "GUSU-PSB", "duty02": "GUSU-PSB", "wall01": "CITY-OPS",
            "super01": "CITY-OPS", "admin01": "CITY-OPS"}

# The demo roster: GUSU-PSB's two duty officers on 8-hour shifts (local time), the one
# that has just ended and the one in progress, so a handover can be signed and accepted.
DUTY_UNIT = "GUSU-PSB"
DUTY_PEOPLE = ["duty01", "duty02"]
SHIFT_HOURS = 8
SHIFT_TITLES = {0: "夜班", 8: "白班", 16: "晚班"}     # by the local start hour
# The roster is set by a supervisor or an administrator: the seeder acts as one.
ROSTER_SEEDER = Actor(account="system:demo-seed", role=Role.ADMINISTRATOR, is_installer=True)


def is_demo(db: Database) -> bool:
    with db.transaction() as s:
        return get_setting(s, "demo") == "1"


def ensure_demo(db: Database, admin: AdminService, clock: Clock,
                identity: TerminalIdentity, *, secrets: SecretStorage | None = None) -> str:
    """Seed the demo on an empty database, or move the demo terminal to this machine's
    current identity. Returns "seeded", "moved" or "unchanged"."""
    with db.transaction() as s:
        empty = s.execute(select(Unit.id).limit(1)).first() is None
        demo = get_setting(s, "demo") == "1"
    if empty:
        _seed(db, admin, clock, identity)
        seed_catalogue(db, clock, secrets)
        seed_roster(db, clock)
        return "seeded"
    if not demo:
        return "unchanged"
    with db.transaction() as s:
        no_cameras = s.execute(select(Camera.id).limit(1)).first() is None
    if no_cameras:   # a demo database from before the catalogue existed
        seed_catalogue(db, clock, secrets)
    _add_missing_accounts(db, admin, clock)   # a demo database from before duty02
    seed_roster(db, clock)                    # today's shifts, whenever the demo starts
    with db.transaction() as s:
        terminal = s.execute(
            select(Terminal).where(Terminal.name == DEMO_TERMINAL)
        ).scalar_one_or_none()
        same = terminal is not None and (terminal.ip, terminal.mac) == (identity.ip, identity.mac)
    if terminal is None or same:
        return "unchanged"
    admin.update_terminal_identity(DEMO_SEEDER, DEMO_TERMINAL, identity.ip, identity.mac)
    return "moved"


def _seed(db: Database, admin: AdminService, clock: Clock, identity: TerminalIdentity) -> None:
    for code, name, parent in DEMO_UNITS:
        admin.create_unit(DEMO_SEEDER, code, name, parent=parent)
    admin.create_terminal(DEMO_SEEDER, DEMO_TERMINAL, "演示环境", "CITY-OPS", identity.ip,
                          identity.mac)
    for account, real_name, role in DEMO_ACCOUNTS:
        admin.create_user(DEMO_SEEDER, account, real_name, _UNIT_OF[account], role,
                          password=DEMO_PASSWORD)
        admin.bind(DEMO_SEEDER, account, DEMO_TERMINAL)
    with db.transaction() as s:
        # Demo accounts skip the first-login change so a newcomer gets straight in.
        s.execute(update(User).where(User.account.in_([a for a, _, _ in DEMO_ACCOUNTS]))
                  .values(must_change_password=False))
        put_setting(s, "demo", "1")
        AuditTrail(clock).append(s, DEMO_SEEDER, Action.DEMO_SEED, target=DEMO_TERMINAL,
                                 params={"accounts": [a for a, _, _ in DEMO_ACCOUNTS],
                                         "first_login_change": False})


def _add_missing_accounts(db: Database, admin: AdminService, clock: Clock) -> None:
    with db.transaction() as s:
        have = set(s.execute(select(User.account)).scalars())
        terminal = s.execute(select(Terminal.id).where(Terminal.name == DEMO_TERMINAL)).first()
    missing = [a for a in DEMO_ACCOUNTS if a[0] not in have]
    if not missing or terminal is None:
        return
    for account, real_name, role in missing:
        admin.create_user(DEMO_SEEDER, account, real_name, _UNIT_OF[account], role,
                          password=DEMO_PASSWORD)
        admin.bind(DEMO_SEEDER, account, DEMO_TERMINAL)
    with db.transaction() as s:
        s.execute(update(User).where(User.account.in_([a for a, _, _ in missing]))
                  .values(must_change_password=False))
        AuditTrail(clock).append(s, DEMO_SEEDER, Action.DEMO_SEED, target=DEMO_TERMINAL,
                                 params={"accounts": [a for a, _, _ in missing],
                                         "first_login_change": False})


def demo_shift_slots(now: datetime) -> list[tuple[str, datetime, datetime]]:
    """(title, start, end) of the local 8-hour shift before the one containing ``now``, and
    of that one."""
    local = now.astimezone(LOCAL_TIME)
    start = local.replace(hour=local.hour - local.hour % SHIFT_HOURS, minute=0, second=0,
                          microsecond=0)
    slots = []
    for begin in (start - timedelta(hours=SHIFT_HOURS), start):
        slots.append((SHIFT_TITLES[begin.hour], begin, begin + timedelta(hours=SHIFT_HOURS)))
    return slots


def seed_roster(db: Database, clock: Clock) -> None:
    """Put the demo unit's previous and current shift on its roster (both officers on each)
    through the real duty service, unless a shift of the unit already starts then."""
    with db.transaction() as s:
        unit = s.execute(select(Unit.id).where(Unit.code == DUTY_UNIT)).scalar_one_or_none()
        people = set(s.execute(select(User.account).where(
            User.account.in_(DUTY_PEOPLE))).scalars())
        starts = set() if unit is None else {
            at.astimezone(UTC) for at in s.execute(select(DutyShift.starts_at).where(
                DutyShift.unit_id == unit)).scalars()}
    if unit is None or people != set(DUTY_PEOPLE):
        return
    duty = DutyService(db, clock)
    for title, start, end in demo_shift_slots(clock.now()):
        if start.astimezone(UTC) not in starts:
            duty.set_shift(ROSTER_SEEDER, DUTY_UNIT, title, start, end, DUTY_PEOPLE)


# The demo grants: (grantee, scope, rights, days, purpose, approver, reference)
DEMO_GROUP = ("重点商圈", ["32050802001326000001", "32050804001326000001",
                       "32057103001328000001"])
DEMO_GRANTS: list[tuple[Grantee, Scope, list[str], int, str, str, str]] = [
    (Grantee(unit="GUSU-PSB"), Scope("region", "320508"), ["live", "playback"], 365,
     "姑苏区辖区治安巡查", "市城运中心 周主任", "GS-SQ-2026-012"),
    (Grantee(user="duty01"), Scope("camera", "32050802041326000003"), ["live", "ptz"], 90,
     "人民路干将路路口交通秩序疏导", "市交通运输局 孙科长", "JT-SQ-2026-031"),
    (Grantee(user="duty01"), Scope("camera", "32050801011328000001"), ["ptz"], 90,
     "平江路游客高峰疏导", "姑苏区平江街道 吴主任", "PJ-SQ-2026-007"),
    (Grantee(unit="CITY-OPS"), Scope("region", "3205"), ["live"], 365,
     "城市运行综合监测", "市政府办公室 郑处长", "CY-SQ-2026-001"),
    (Grantee(unit="CITY-OPS"), Scope("group", DEMO_GROUP[0]), ["playback"], 180,
     "重点商圈客流研判", "市政府办公室 郑处长", "CY-SQ-2026-002"),
    (Grantee(user="wall01"), Scope("camera", "32057103001328000001"), ["ptz"], 30,
     "金鸡湖景区大屏巡视", "市城运中心 周主任", "CY-SQ-2026-015"),
    (Grantee(user="wall01"), Scope("camera", "32050000041326000001"), ["ptz"], 30,
     "苏州站北广场大屏巡视", "市交通运输局 孙科长", "JT-SQ-2026-040"),
]


def seed_catalogue(db: Database, clock: Clock, secrets: SecretStorage | None = None) -> None:
    """Import the demo catalogue through the real importer, make one camera group and issue
    the demo grants through the real grant service (all audited as the demo seeder)."""
    catalog = CatalogService(db, clock, secrets or NoSecrets())
    catalog.import_files(DEMO_SEEDER, DEMO_CATALOGUE_FILES)
    catalog.set_group(DEMO_SEEDER, DEMO_GROUP[0], DEMO_GROUP[1], description="观前、石路、金鸡湖")
    grants = GrantService(db, clock)
    now = clock.now()
    for grantee, scope, rights, days, purpose, approver, reference in DEMO_GRANTS:
        grants.issue(DEMO_SEEDER, grantee, scope, rights, now, now + timedelta(days=days),
                     purpose=purpose, approver=approver, reference=reference)
    # An emergency grant as a supervisor would issue it: it ends by itself after 4 hours.
    grants.issue_emergency(DEMO_SEEDER, Grantee(unit="GUSU-PSB"),
                           Scope("camera", "32057104041326000002"), ["live"],
                           reason="阳澄湖站大客流应急疏导（演示）")
