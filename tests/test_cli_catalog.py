"""`main.py catalog ...`: exit codes 0/1/2, every import error on its own line naming file,
sheet, row and field, then one summary line; nothing written on any error."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.codes import Action
from console.storage.database import Database
from tests.catalog_support import (
    C1,
    C2,
    CAMERA_HEADER,
    PROJECT_HEADER,
    audit_records,
    camera_row,
    counts,
    good_rows,
    make_catalog,
    project_row,
    write_csv,
    write_xlsx,
)
from tests.conftest import World
from tests.support.cli import ADMINISTRATOR, CentreCli, CliRun


class Cli:
    """``main.py catalog …`` as the administrator (or ``login``), as (exit, out, err)."""

    def __init__(self, centre: CentreCli) -> None:
        self.centre = centre

    def __call__(self, *argv: str, login: str = ADMINISTRATOR) -> tuple[int, str, str]:
        run: CliRun = self.centre(*argv, login=login)
        return run.code, run.out, run.err


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[Cli]:
    make_catalog(world.db, world.clock, world.hashing)  # the units
    centre = CentreCli.start(world, tmp_path / "centre")
    yield Cli(centre)
    centre.stop()


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "catalogue.xlsx", {
        "监控点位": [CAMERA_HEADER, *good_rows()],
        "项目": [PROJECT_HEADER, project_row()]})


def test_import_dry_run_then_import(cli: Cli, db: Database, workbook: Path) -> None:
    code, out, err = cli("catalog", "import", str(workbook), "--dry-run")
    assert (code, err) == (0, "")
    assert out.startswith("dry run, nothing written: catalogue.xlsx: cameras 3 added, "
                          "0 changed, 0 unchanged; projects 1 added")
    assert counts(db)["cameras"] == 0 and audit_records(db, Action.CATALOG_IMPORT) == []

    code, out, err = cli("catalog", "import", str(workbook))
    assert (code, err) == (0, "")
    assert out.splitlines()[0] == ("catalogue.xlsx: cameras 3 added, 0 changed, 0 unchanged; "
                                   "projects 1 added, 0 changed, 0 unchanged; regions 2 added, "
                                   "0 renamed")
    assert "new categories: 景区周边" in out
    (record,) = audit_records(db, Action.CATALOG_IMPORT)
    assert record.actor == ADMINISTRATOR and record.terminal == "T-CLI"

    code, out, _ = cli("catalog", "import", str(workbook))
    assert code == 0 and "cameras 0 added, 0 changed, 3 unchanged" in out


def test_import_errors_one_per_line_then_summary(cli: Cli, db: Database, tmp_path: Path) -> None:
    bad = write_xlsx(tmp_path / "bad.xlsx", {"监控点位": [
        ["苏州市视频资源目录"], CAMERA_HEADER,
        camera_row(C1, 建设单位="NOPE"),
        camera_row("123"),
        camera_row(C2, 共享类型="有条件共享"),
    ]})
    code, out, err = cli("catalog", "import", str(bad))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "error: bad.xlsx 监控点位 row 3, 建设单位: 'NOPE' is not a registered unit (code or "
        "name); add it with 'main.py admin unit-add' first",
        "error: bad.xlsx 监控点位 row 4, 设备编码: '123' must be exactly 20 digits (GB/T 28181)",
        "error: bad.xlsx 监控点位 row 5, 共享依据: 有条件共享 needs a legal basis (Zunyi §14)",
        "error: nothing imported (3 errors)",
    ]
    assert counts(db)["cameras"] == 0
    assert audit_records(db, Action.CATALOG_IMPORT)[-1].outcome == "denied"


def test_long_error_lists_are_capped_on_screen(cli: Cli, tmp_path: Path) -> None:
    rows = [CAMERA_HEADER, *(camera_row(f"bad{i}") for i in range(150))]
    code, _, err = cli("catalog", "import", str(write_csv(tmp_path / "many.csv", rows)))
    lines = err.splitlines()
    assert code == 1 and len(lines) == 102
    assert lines[-2:] == ["error: ... and 50 more", "error: nothing imported (150 errors)"]


def test_a_duty_officer_imports_nothing(cli: Cli, db: Database, workbook: Path) -> None:
    code, out, err = cli("catalog", "import", str(workbook), login="zhangsan")
    assert (code, out) == (1, "")
    assert err == "error: actor: zhangsan may not manage the catalogue\n"
    assert counts(db)["cameras"] == 0
    (record,) = audit_records(db, Action.CATALOG_IMPORT)
    assert (record.actor, record.outcome, record.reason) == ("zhangsan", "denied",
                                                            "NOT_PERMITTED")


@pytest.mark.parametrize(("name", "content", "message"), [
    ("missing.xlsx", None, "error: missing.xlsx: no such file"),
    ("photo.jpg", b"\xff\xd8\xff", "error: photo.jpg: not a spreadsheet: give an .xlsx or .csv "
                                   "file"),
    ("fake.xlsx", b"not a zip", "error: fake.xlsx: not a readable workbook"),
])
def test_unreadable_file_is_one_line(cli: Cli, tmp_path: Path, name: str,
                                     content: bytes | None, message: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = cli("catalog", "import", str(path))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(message)


def test_export_list_and_usage_errors(cli: Cli, workbook: Path, tmp_path: Path) -> None:
    assert cli("catalog", "import", str(workbook))[0] == 0
    code, out, err = cli("catalog", "export", str(tmp_path / "out.xlsx"))
    assert (code, err) == (0, "")
    assert out == f"exported 3 cameras, 1 projects to {tmp_path / 'out.xlsx'}\n"
    code, out, _ = cli("catalog", "export", str(tmp_path / "p.csv"), "--kind", "projects")
    assert code == 0 and out.startswith("exported 1 projects")
    assert (tmp_path / "p.csv").read_text(encoding="utf-8-sig").startswith("编号,资源类型,资源名称")

    code, out, err = cli("catalog", "export", str(tmp_path / "out.pdf"))
    assert (code, out) == (2, "")
    assert err == "error: file: out.pdf must end in .xlsx or .csv\n"
    code, _, err = cli("catalog", "export", str(tmp_path / "x.csv"), "--kind", "regions")
    assert code == 2 and "invalid choice: 'regions'" in err
    assert cli("catalog", "import")[0] == 2
    assert cli("catalog")[0] == 2

    code, out, err = cli("catalog", "list", "--search", "观前")
    assert (code, err) == (0, "")
    assert out == ("CODE\tNAME\tREGION\tOWNER\tCATEGORY\tSHARE TYPE\tSTATE\tLOCATION\n"
                   f"{C2}\t观前街北局\t32050801\tGUSU-PSB\t背街小巷\tconditional\toffline\t"
                   "平江路北口\n")
    code, out, err = cli("catalog", "list", "--limit", "2")
    assert len(out.splitlines()) == 3 and "(first 2; --limit N shows more)" in err
    assert cli("catalog", "list", "--limit", "0")[0] == 2


def test_groups(cli: Cli, db: Database, workbook: Path) -> None:
    assert cli("catalog", "import", str(workbook))[0] == 0
    code, out, _ = cli("catalog", "group", "set", "观前商圈", C1, C2, "--description", "客流")
    assert (code, out) == (0, "group 观前商圈: 2 camera(s)\n")
    code, out, _ = cli("catalog", "group", "list")
    assert out == ("GROUP\tCAMERAS\tDESCRIPTION\tCODES\n"
                   f"观前商圈\t2\t客流\t{','.join(sorted([C1, C2]))}\n")
    code, out, err = cli("catalog", "group", "set", "观前商圈", "32050801001320009999")
    assert (code, out) == (1, "")
    assert err == "error: code: unknown camera(s): 32050801001320009999\n"
    code, out, err = cli("catalog", "group", "remove", "观前商圈")
    assert (code, out, err) == (0, "group 观前商圈 removed\n", "")
    code, _, err = cli("catalog", "group", "remove", "观前商圈")
    assert (code, err) == (1, "error: group: no group named '观前商圈'\n")
    assert cli("catalog", "group", "set", "只有名字")[0] == 2
    assert len(audit_records(db, Action.GROUP_SET)) == 4
