"""``main.py`` administration commands against a real centre: the seeded world served by a
``CentreHarness`` over mutual TLS, and this machine enrolled as its terminal ``T-CLI`` on
loopback (127.0.0.1, the loopback MAC — what ``main.py`` detects on the route to the centre).
Every person of the world may log in there; the administrator (zhaoliu) and the supervisor
(wangwu) have changed their first passwords.

    cli = CentreCli.start(world, tmp_path)
    run = cli("admin", "unit-add", "PSB", "公安分局")              # as zhaoliu
    run = cli("admin", "unit-add", "X", "x", login="zhangsan")   # as a duty officer
    assert run.code == 1 and run.err_lines == ["error: actor: zhangsan may not administer"]
"""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from console.remote.terminal_files import TerminalFiles
from console.storage.models import AuditRecord
from main import main
from tests.conftest import INSTALLER, PASSWORD, World, _clear_must_change
from tests.support.centre import CentreHarness

CLI_TERMINAL = "T-CLI"
ADMINISTRATOR, SUPERVISOR, DUTY_OFFICER, WALL_OPERATOR = "zhaoliu", "wangwu", "zhangsan", "lisi"
PEOPLE = {"administrator": ADMINISTRATOR, "supervisor": SUPERVISOR,
          "duty_officer": DUTY_OFFICER, "wall_operator": WALL_OPERATOR}


@dataclass
class CliRun:
    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@dataclass
class CentreCli:
    world: World
    harness: CentreHarness
    files: TerminalFiles
    runs: list[CliRun] = field(default_factory=list)

    @classmethod
    def start(cls, world: World, tmp_path: Path) -> CentreCli:
        harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
        files = harness.enrol(CLI_TERMINAL, unit="CENTRE")
        for account in PEOPLE.values():
            world.admin.bind(INSTALLER, account, CLI_TERMINAL)
        for account in (ADMINISTRATOR, SUPERVISOR):
            _clear_must_change(world.db, account)
        return cls(world, harness, files)

    def stop(self) -> None:
        self.harness.stop()

    def __call__(self, *argv: str, login: str | None = ADMINISTRATOR,
                 password: str | None = PASSWORD, stdin: str = "") -> CliRun:
        """``main.py ARGV`` on this terminal, logged in as ``login`` with ``password`` (the
        first line of standard input; None: neither option given); ``stdin``: what follows
        on standard input."""
        args = [*argv, "--terminal-dir", str(self.files.root)]
        if login is not None:
            args += ["--login", login]
        if password is not None:
            args.append("--login-password-stdin")
            stdin = f"{password}\n{stdin}"
        out, err = io.StringIO(), io.StringIO()
        saved = sys.stdin
        sys.stdin = io.StringIO(stdin)
        try:
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                code = main(args)
        finally:
            sys.stdin = saved
        run = CliRun(code, out.getvalue(), err.getvalue())
        self.runs.append(run)
        return run

    def last_record(self) -> AuditRecord:
        with self.world.db.transaction() as s:
            return s.execute(select(AuditRecord).order_by(AuditRecord.seq.desc())
                             .limit(1)).scalar_one()

    def records(self, *actions: str) -> list[AuditRecord]:
        with self.world.db.transaction() as s:
            return list(s.execute(select(AuditRecord).where(AuditRecord.action.in_(actions))
                                  .order_by(AuditRecord.seq)).scalars())

    def audit_count(self) -> int:
        with self.world.db.transaction() as s:
            return s.execute(select(func.count()).select_from(AuditRecord)).scalar_one()
