"""The centre's systemd unit starts `main.py server run` as its own system user, with the
data directory private to it and the rest of the system read-only."""

from __future__ import annotations

import configparser
import shlex
from pathlib import Path

from console.cli.parser import build_parser

UNIT = Path(__file__).resolve().parents[1] / "packaging" / "city-video-centre.service"


def _unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_the_unit_runs_the_server_command_the_parser_accepts() -> None:
    service = _unit()["Service"]
    argv = shlex.split(service["ExecStart"])
    assert argv[1].endswith("main.py")
    args = build_parser().parse_args(argv[2:])
    assert (args.command, args.server_command) == ("server", "run")
    assert str(args.data_dir) == "/var/lib/city-video-centre"


def test_the_unit_is_locked_down() -> None:
    service = _unit()["Service"]
    assert service["User"] == "city-video-centre"
    assert service["StateDirectoryMode"] == "0700" and service["UMask"] == "0077"
    for key in ("NoNewPrivileges", "ProtectHome", "PrivateTmp"):
        assert service[key] == "yes", key
    assert service["ProtectSystem"] == "strict"
    assert service["CapabilityBoundingSet"] == ""
