"""`main.py catalog ...`: import and export the camera catalogue (一机一档), synchronise it
from the city platform, list cameras, manage camera groups — on the centre, as an
administrator (supervisors may list groups).
The spreadsheets travel to the centre, which checks and writes them (all or nothing).
Errors go to stderr, one per line, with exit 1 (refused or failed) or 2 (bad usage); an
import refusal lists every bad row, then `error: nothing imported (K errors)`.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from console.catalog.errors import CatalogError, CatalogFileError, CatalogImportError
from console.cli.errors import CliUsageError
from console.cli.table import Column, add_json_option, write_list
from console.cli.text import check_camera_code
from console.remote.admin import RemoteAdmin

if TYPE_CHECKING:
    from console.cli.commands import CliEnv

EXPORT_SUFFIXES = (".xlsx", ".csv")


def add_parsers(subparsers: Any,
                common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    """Add `catalog` and its actions to main.py's command parsers."""
    catalog = subparsers.add_parser(
        "catalog", help="the camera catalogue (一机一档): import, export, list, groups")
    common(catalog)
    actions = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True,
                                     parser_class=parser_class)

    p = actions.add_parser(
        "import", help="import catalogue spreadsheets (.xlsx or .csv); all files of one "
                       "command are one all-or-nothing import, updating cameras by code")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--dry-run", action="store_true",
                   help="validate and print what would change; write and audit nothing")
    common(p)

    p = actions.add_parser("export", help="export the catalogue metadata (no credentials); "
                                          ".xlsx holds both sheets, .csv one kind")
    p.add_argument("file", type=Path, metavar="FILE", help="ending in .xlsx or .csv")
    p.add_argument("--kind", choices=["cameras", "projects"],
                   help="what to export (csv: default cameras; xlsx: default both)")
    common(p)

    p = actions.add_parser("list", help="list cameras by code")
    p.add_argument("--search", default="", metavar="TEXT",
                   help="part of the code, name or location")
    p.add_argument("--limit", type=int, default=100, metavar="N")
    add_json_option(p)
    common(p)

    p = actions.add_parser(
        "sync", help="synchronise the catalogue from the city platform (WVP-GB28181-pro) now: "
                     "all or nothing, with a report of added / changed / gone (set the "
                     "platform with 'secret set-platform')")
    p.add_argument("--dry-run", action="store_true",
                   help="read the platform and print what would change; write and audit "
                        "nothing")
    common(p)

    group = actions.add_parser("group", help="camera groups (业务分组) that grants can name")
    common(group)
    g = group.add_subparsers(dest="group_command", metavar="ACTION", required=True,
                             parser_class=parser_class)
    p = g.add_parser("set", help="create a group or replace its cameras")
    p.add_argument("name")
    p.add_argument("codes", nargs="+", metavar="CODE", help="20-digit camera codes")
    p.add_argument("--description", help="what the group is for")
    common(p)
    p = g.add_parser("list", help="list the groups and their cameras")
    add_json_option(p)
    common(p)
    p = g.add_parser("remove", help="delete a group that no grant names")
    p.add_argument("name")
    common(p)


def run(args: argparse.Namespace, env: CliEnv) -> int:
    try:
        return _run(args, env)
    except CatalogImportError as exc:
        for line in exc.display_lines():
            env.err.write(f"error: {line}\n")
        env.err.write(f"error: nothing imported ({len(exc.errors)} "
                      f"error{'s' if len(exc.errors) != 1 else ''})\n")
        return 1
    except CatalogFileError as exc:
        env.err.write(f"error: {exc}\n")
        return 1


def _run(args: argparse.Namespace, env: CliEnv) -> int:
    cmd = args.catalog_command
    if cmd == "import":
        for path in args.files:
            if not path.is_file():
                raise CatalogFileError(path.name, "no such file" if not path.exists()
                                       else "not a file")
    if cmd == "export":
        if args.file.suffix.lower() not in EXPORT_SUFFIXES:
            raise CliUsageError(f"error: file: {args.file.name} must end in .xlsx or .csv")
        if not args.file.parent.is_dir():
            raise CatalogError("file", f"{args.file.parent} is not a directory")
    if cmd == "list" and args.limit < 1:
        raise CliUsageError("error: --limit must be at least 1")
    if cmd == "group" and args.group_command == "set":
        for code in args.codes:
            check_camera_code(code)
    centre = env.centre()
    out = env.out
    if cmd == "import":
        summary = centre.catalog.import_files(centre.session_id, args.files,
                                              dry_run=args.dry_run)
        for line in summary.lines():
            out.write(line + "\n")
    elif cmd == "sync":
        for line in centre.admin.sync_catalog(dry_run=args.dry_run).lines():
            out.write(line + "\n")
    elif cmd == "export":
        result = centre.catalog.export(centre.session_id, args.file, args.kind)
        counts = ", ".join(f"{n} {kind}" for kind, n in result.rows.items())
        out.write(f"exported {counts} to {args.file}\n")
    elif cmd == "list":
        limit = min(args.limit, 10_000)
        rows = centre.admin.list_cameras(args.search, limit)
        write_list(out, CAMERA_COLUMNS, [asdict(c) for c in rows], as_json=args.json,
                   empty="no cameras")
        if len(rows) == limit:
            env.err.write(f"(first {limit}; --limit N shows more)\n")
    else:
        _group(args, env, centre.admin)
    return 0


def _group(args: argparse.Namespace, env: CliEnv, admin: RemoteAdmin) -> None:
    cmd, out = args.group_command, env.out
    if cmd == "set":
        info = admin.set_group(args.name, args.codes, description=args.description)
        out.write(f"group {info.name}: {len(info.codes)} camera(s)\n")
    elif cmd == "remove":
        admin.remove_group(args.name)
        out.write(f"group {args.name} removed\n")
    else:
        write_list(out, GROUP_COLUMNS,
                   [asdict(g) | {"count": len(g.codes)} for g in admin.list_groups()],
                   as_json=args.json, empty="no camera groups")


CAMERA_COLUMNS = (Column("code", "CODE"), Column("name", "NAME"),
                  Column("region_code", "REGION"), Column("owner_unit", "OWNER"),
                  Column("category", "CATEGORY"), Column("share_type", "SHARE TYPE"),
                  Column("online", "STATE", lambda on: "online" if on else "offline"),
                  Column("location", "LOCATION"))
GROUP_COLUMNS = (Column("name", "GROUP"), Column("count", "CAMERAS"),
                 Column("description", "DESCRIPTION"), Column("codes", "CODES"))
