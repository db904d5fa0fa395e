"""``main.py privacy …``: per-camera privacy masks (R14) and the roles exempt from them, on
the centre (administrators; every change registered there).

Polygons are given in normalised picture coordinates (0..1 of the width and height), one
``--polygon`` each: ``--polygon "0.1,0.1 0.4,0.1 0.4,0.3"``. Text that is not a valid
polygon is a usage error (exit 2) naming the polygon and point; nothing is written.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from console.cli.errors import CliUsageError
from console.cli.table import Column, add_json_option, write_list
from console.cli.text import check_camera_code
from console.codes import Role
from console.privacy.listing import MaskRow
from console.privacy.masks import (
    MAX_POINTS,
    MAX_POLYGONS,
    MaskError,
    Polygon,
    format_polygons,
    parse_polygon,
)

if TYPE_CHECKING:
    from console.cli.commands import CliEnv

ROLES_HELP = ", ".join(r.value for r in Role)


def add_parsers(commands: Any, common: Callable[[argparse.ArgumentParser], None],
                parser_class: type[argparse.ArgumentParser]) -> None:
    privacy = commands.add_parser(
        "privacy", help="privacy masks: areas of a camera's picture hidden in every output")
    common(privacy)
    actions = privacy.add_subparsers(dest="privacy_command", metavar="ACTION", required=True,
                                     parser_class=parser_class)

    p = actions.add_parser("set", help="set (replace) the masks of a camera")
    p.add_argument("code", help="the camera's 20-digit code")
    p.add_argument("--polygon", action="append", required=True, metavar="POINTS",
                   help=f"one mask: 3 to {MAX_POINTS} points 'x,y' separated by spaces, in "
                        "fractions of the picture (0,0 top left; 1,1 bottom right), e.g. "
                        f"\"0.1,0.1 0.4,0.1 0.4,0.3\"; repeat for up to {MAX_POLYGONS} masks")
    common(p)

    p = actions.add_parser("clear", help="remove every mask of a camera")
    p.add_argument("code", help="the camera's 20-digit code")
    common(p)

    p = actions.add_parser("list", help="list the masked cameras and their polygons")
    add_json_option(p)
    common(p)

    p = actions.add_parser(
        "exempt", help="the roles that see cameras unmasked (default: none); without "
                       "arguments, print them")
    p.add_argument("roles", nargs="*", metavar="ROLE", help=f"one or more of {ROLES_HELP}")
    p.add_argument("--none", action="store_true", help="exempt no role")
    common(p)


def run(args: argparse.Namespace, env: CliEnv) -> int:
    cmd = args.privacy_command
    code = check_camera_code(args.code) if cmd in ("set", "clear") else ""
    if cmd == "set":
        polygons = _parse(args.polygon)
    elif cmd == "exempt" and args.none and args.roles:
        raise CliUsageError("error: give roles or --none, not both")
    admin, out = env.centre().admin, env.out
    if cmd == "set":
        count = admin.set_masks(code, polygons)
        out.write(f"camera {code}: {count} mask(s) set\n")
    elif cmd == "clear":
        admin.clear_masks(code)
        out.write(f"camera {code}: masks removed\n")
    elif cmd == "list":
        write_list(out, MASK_COLUMNS, [_row(r) for r in admin.masked_cameras()],
                   as_json=args.json, empty="no masked cameras")
    else:
        if args.none or args.roles:
            roles = admin.set_exempt_roles([] if args.none else args.roles)
        else:
            roles = admin.exempt_roles()
        out.write(f"exempt from privacy masks: {','.join(roles) or 'none'}\n")
    return 0


def _parse(values: list[str]) -> list[Polygon]:
    try:
        return [parse_polygon(text, number) for number, text in enumerate(values, start=1)]
    except MaskError as exc:
        raise CliUsageError(f"error: --polygon {exc}") from None


MASK_COLUMNS = (Column("camera", "CAMERA"), Column("name", "NAME"),
                Column("masks", "MASKS", lambda polygons: str(len(polygons))),
                Column("polygons", "POLYGONS", lambda polygons: format_polygons(
                    tuple(tuple(tuple(point) for point in p) for p in polygons))),
                Column("updated_by", "UPDATED BY"), Column("updated_at", "UPDATED"))


def _row(row: MaskRow) -> dict[str, Any]:
    """JSON: each polygon a list of [x, y] points in fractions of the picture."""
    polygons = [[[x, y] for x, y in polygon] for polygon in row.polygons]
    return {"camera": row.camera_code, "name": row.camera_name, "masks": polygons,
            "polygons": polygons, "updated_by": row.updated_by, "updated_at": row.updated_at}
