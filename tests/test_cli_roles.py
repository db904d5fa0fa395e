"""Which role may run which administration command: the rule, as a table. Every command goes
to the centre with the person's own login; the centre decides by role exactly as for the
desk. A refusal is one line naming the person, exit 1, nothing changed, and — where the
command changes something or reads the usage register — a refusal record under that
person."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.grants.model import Grantee, Scope
from console.grants.service import GrantService
from tests.conftest import INSTALLER, PASSWORD, World
from tests.support.catalog import COND, add_cameras
from tests.support.cli import PEOPLE, CentreCli

ADMIN = frozenset({"administrator"})
SUPERVISION = frozenset({"administrator", "supervisor"})
EVERYONE = frozenset(PEOPLE)

# (command with {n}: a number per role, so that each allowed run changes something new;
#  the roles that may; the action a refusal is registered under, None: not registered)
RULES: list[tuple[str, frozenset[str], str | None]] = [
    ("admin unit-add U{n} 单位{n}", ADMIN, "UNIT_CREATE"),
    ("admin user-add person{n} --name 某{n} --unit CENTRE --role duty_officer", ADMIN,
     "USER_CREATE"),
    ("admin terminal-add T-{n} --unit CENTRE --ip 10.0.1.{n} --mac 00:1a:2b:3c:5d:0{n}", ADMIN,
     "TERMINAL_CREATE"),
    ("admin terminal-code T-0042", ADMIN, "TERMINAL_ENROL_CODE"),
    ("admin terminal-revoke T-0043", ADMIN, "TERMINAL_REVOKE"),
    ("admin bind xiaoli T-0042", ADMIN, "BIND"),
    ("admin user-enable xiaoli", ADMIN, "USER_ENABLE"),
    ("admin password-reset xiaoli", ADMIN, "PASSWORD_RESET"),
    ("admin policy set idle_lock_minutes 7", ADMIN, "POLICY_SET"),
    ("admin policy show", EVERYONE, None),
    ("admin list units", EVERYONE, None),
    ("admin list users", SUPERVISION, None),
    ("admin list terminals", ADMIN, None),
    ("grant add --user xiaoli --camera " + COND + " --rights live --to 2099-01-01 --purpose 巡查"
     " --approver 刘主任 --reference SP-{n}", ADMIN, "GRANT_ISSUE"),
    ("grant emergency --unit CENTRE --camera " + COND + " --rights live --reason 火情{n} "
     "--hours 1", SUPERVISION, "GRANT_EMERGENCY"),
    ("grant revoke {grant} --reason 处置结束", SUPERVISION, "GRANT_REVOKE"),
    ("grant list --all", SUPERVISION, "GRANT_LIST"),
    ("grant list --state expiring --unit CENTRE", SUPERVISION, "GRANT_LIST"),
    ("catalog list", ADMIN, None),
    ("catalog group set 分组{n} " + COND, ADMIN, "GROUP_SET"),
    ("catalog group list", SUPERVISION, None),
    ("catalog export {tmp}/catalogue{n}.csv", ADMIN, "CATALOG_EXPORT"),
    ("privacy set " + COND + " --polygon 0.1,0.1_0.4,0.1_0.4,0.3", ADMIN, "PRIVACY_MASK_SET"),
    ("privacy list", ADMIN, None),
    ("privacy exempt", ADMIN, None),
    ("privacy exempt --none", ADMIN, "PRIVACY_EXEMPT_SET"),
    ("capture tools", EVERYONE, None),
    ("capture add recorder{n}", ADMIN, "CAPTURE_TOOL_ADD"),
    ("audit show --last 3", SUPERVISION, "AUDIT_READ"),
    ("audit verify", SUPERVISION, "AUDIT_VERIFY"),
    ("audit show --action GRANT_REVOKE --outcome ok", SUPERVISION, "AUDIT_READ"),
    ("faults list --open", SUPERVISION, "FAULT_LIST"),
    ("online-rate --period week", SUPERVISION, "ONLINE_RATES"),
    ("diagnosis list", SUPERVISION, "DIAGNOSIS_READ"),
    ("secret set-camera " + COND + " --user viewer", ADMIN, "SECRET_SET"),
    ("duty shift-add CENTRE --title 班{n} --from 2026-01-01T07:00+08:00 --to "
     "2026-01-01T12:00+08:00 --people zhangsan", SUPERVISION, "DUTY_SHIFT_ADD"),
]


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    world.admin.create_user(INSTALLER, "xiaoli", "小李", "CENTRE", "duty_officer",
                            password=PASSWORD)
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


@pytest.mark.parametrize(("command", "allowed", "action"), RULES,
                         ids=[c.split(" --")[0][:40] for c, _, _ in RULES])
def test_who_may_run_which_command(cli: CentreCli, world: World, tmp_path: Path,
                                   command: str, allowed: frozenset[str],
                                   action: str | None) -> None:
    grants = [GrantService(world.db, world.clock).issue_emergency(
        INSTALLER, Grantee(unit="CENTRE"), Scope("camera", COND), ["live"], reason=f"演练{n}",
        hours=2) for n in range(len(PEOPLE))]
    for n, (role, account) in enumerate(PEOPLE.items(), start=1):
        argv = [word.replace("_", " ") if "," in word else word for word in command.format(
            n=n, grant=grants[n - 1], tmp=tmp_path).split()]
        before = cli.audit_count()
        run = cli(*argv, login=account, stdin="Cam#Secret-77\n")
        if role in allowed:
            assert run.code == 0, (role, run.err)
            continue
        assert run.code == 1 and run.out == "", (role, run)
        assert run.err_lines == [run.err_lines[0]]
        line = run.err_lines[0]
        assert line.startswith(f"error: actor: {account} may not ") or (
            line.startswith(f"error: {account} may not ") and line.endswith("(NOT_PERMITTED)")
        ), line
        refusals = [r for r in cli.records(action or "-") if r.seq > before]
        if action is None:
            continue
        assert [(r.actor, r.outcome, r.reason) for r in refusals] == [
            (account, "denied", "NOT_PERMITTED")], role


def test_a_refused_command_changes_nothing(cli: CentreCli, world: World) -> None:
    """A duty officer's grant: refused before anything is looked at, no grant written."""
    from sqlalchemy import func, select

    from console.storage.models import Grant

    run = cli("grant", "add", "--user", "zhangsan", "--camera", COND, "--rights", "live",
              "--to", "2099-01-01", "--purpose", "p", "--approver", "a", "--reference", "r",
              login="zhangsan")
    assert run.code == 1 and run.err == "error: actor: zhangsan may not issue grants\n"
    with world.db.transaction() as s:
        assert s.execute(select(func.count()).select_from(Grant)).scalar_one() == 0
