"""First-run demo data: units, the demo accounts, and *this machine* registered as the
demo users' terminal. Only for the embedded default database."""

from __future__ import annotations

from sqlalchemy import select, update

from console.admin.service import AdminService
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action
from console.identity import TerminalIdentity
from console.settings_store import get_setting, put_setting
from console.storage.database import Database
from console.storage.models import Terminal, Unit, User

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
_UNIT_OF = {"duty01": "GUSU-PSB", "wall01": "CITY-OPS", "super01": "CITY-OPS",
            "admin01": "CITY-OPS"}


def is_demo(db: Database) -> bool:
    with db.transaction() as s:
        return get_setting(s, "demo") == "1"


def ensure_demo(db: Database, admin: AdminService, clock: Clock,
                identity: TerminalIdentity) -> str:
    """Seed the demo on an empty database, or move the demo terminal to this machine's
    current identity. Returns "seeded", "moved" or "unchanged"."""
    with db.transaction() as s:
        empty = s.execute(select(Unit.id).limit(1)).first() is None
        demo = get_setting(s, "demo") == "1"
    if empty:
        _seed(db, admin, clock, identity)
        return "seeded"
    if not demo:
        return "unchanged"
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
