"""The centre's systemd unit starts the centre package's `city-video-centre server run` as its
own system user, with the data directory private to it and the rest of the system
read-only, logging to the journal."""

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
    listen = service["Environment"] if "CENTRE_LISTEN" in service["Environment"] else ""
    assert listen == "CENTRE_LISTEN=0.0.0.0:8443"
    argv = shlex.split(service["ExecStart"].replace("${CENTRE_LISTEN}", "0.0.0.0:8443"))
    assert argv[0] == "/usr/bin/city-video-centre"   # the centre package's program
    args = build_parser().parse_args(argv[1:])
    assert (args.command, args.server_command) == ("server", "run")
    assert str(args.data_dir) == "/var/lib/city-video-centre"
    assert args.listen == "0.0.0.0:8443"
    assert service["EnvironmentFile"] == "-/etc/default/city-video-centre"
    assert service["StandardOutput"] == service["StandardError"] == "journal"


def test_the_unit_is_locked_down() -> None:
    service = _unit()["Service"]
    assert service["User"] == "city-video-centre"
    assert service["StateDirectoryMode"] == "0700" and service["UMask"] == "0077"
    for key in ("NoNewPrivileges", "ProtectHome", "PrivateTmp"):
        assert service[key] == "yes", key
    assert service["ProtectSystem"] == "strict"
    assert service["CapabilityBoundingSet"] == ""
