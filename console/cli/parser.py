"""The argument parser of main.py. Every subcommand has --help."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from console import __version__
from console.cli import (
    capture_cli,
    catalog_cli,
    diagnosis_cli,
    duty_cli,
    faults_cli,
    grant_cli,
    online_cli,
    privacy_cli,
    ptz_cli,
)
from console.cli.errors import CliUsageError
from console.cli.table import add_json_option
from console.codes import Action, Outcome, Role
from console.install import centre_installed
from console.policy import KNOWN_SETTINGS

# the command as installers type it: the packaged program, or the checkout's main.py
PROG = "city-video-console" if getattr(sys, "frozen", False) else "main.py"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliUsageError(f"{self.prog}: {message}")


def _common(parser: argparse.ArgumentParser) -> None:
    """Options accepted before or after the subcommand: the configuration, and for the
    commands that act on the centre, where this terminal's files are and who logs in."""
    parser.add_argument("--config", type=Path, default=argparse.SUPPRESS, metavar="PATH",
                        help="terminal configuration file (TOML)")
    parser.add_argument("--terminal-dir", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help="this enrolled terminal's key, certificate and centre address "
                             "(default: the user's terminal directory; not enrolled: the "
                             "embedded demo centre)")
    parser.add_argument("--login", default=argparse.SUPPRESS, metavar="ACCOUNT",
                        help="log in to the centre as this person (default: asked)")
    parser.add_argument("--login-password-stdin", action="store_true",
                        default=argparse.SUPPRESS,
                        help="read the login password from the first line of standard input "
                             "(default: asked on the terminal)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="视频共享调阅终端 — operator console of the city's shared video platform. "
                    "Without a command it starts the console.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--kiosk", action="store_true", default=argparse.SUPPRESS,
                        help="run as the kiosk session's only program: no other program can "
                             "reach its Wayland compositor (packaging/linux/kiosk)")
    parser.add_argument("--lang", choices=["zh_CN", "en"], default=argparse.SUPPRESS,
                        help="user-interface language (default: config, system locale, zh_CN)")
    _common(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    admin = commands.add_parser("admin", help="administer units, users, terminals, policy")
    _common(admin)
    a = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True,
                             parser_class=_Parser)

    p = a.add_parser("unit-add", help="create a unit (organisation)")
    p.add_argument("code", help="short unique code, e.g. GUSU-PSB")
    p.add_argument("name", help="full name, e.g. 姑苏区公安分局")
    p.add_argument("--parent", metavar="CODE", help="code of the parent unit")
    _common(p)

    p = a.add_parser("user-add", help="create a named user; prints a one-time password")
    p.add_argument("account")
    p.add_argument("--name", required=True, help="the person's real name")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    p.add_argument("--password-stdin", action="store_true",
                   help="read the initial password from standard input instead of generating one")
    _common(p)

    p = a.add_parser("terminal-add", help="register a dedicated terminal by IP and MAC; "
                                          "prints its one-time enrolment code")
    p.add_argument("name", help="unique terminal name, e.g. T-0042")
    p.add_argument("--unit", required=True, metavar="CODE")
    p.add_argument("--ip", help="IP address (see 'admin terminal-id' on that machine)")
    p.add_argument("--mac", help="MAC address, e.g. 00:1a:2b:3c:4d:5e")
    p.add_argument("--this-machine", action="store_true",
                   help="use this machine's terminal identity instead of --ip/--mac")
    p.add_argument("--location", default="", help="where the terminal stands")
    _common(p)

    p = a.add_parser("terminal-code", help="a new one-time enrolment code for a registered "
                                           "terminal (reinstalled or revoked)")
    p.add_argument("name", help="terminal name")
    _common(p)

    p = a.add_parser("terminal-revoke", help="withdraw a terminal's certificate: the centre "
                                             "refuses it from now on")
    p.add_argument("name", help="terminal name")
    _common(p)

    for name, text in (("bind", "allow a user to log in from a terminal"),
                       ("unbind", "withdraw a user's terminal (ends a live session there)")):
        p = a.add_parser(name, help=text)
        p.add_argument("account")
        p.add_argument("terminal", help="terminal name")
        _common(p)

    for name, text in (("user-disable", "disable a user (ends their sessions within seconds)"),
                       ("user-enable", "enable a user again (also clears a lockout)")):
        p = a.add_parser(name, help=text)
        p.add_argument("account")
        _common(p)

    p = a.add_parser("password-reset",
                     help="set a one-time password that must be changed at the next login")
    p.add_argument("account")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from standard input instead of generating one")
    _common(p)

    p = a.add_parser("terminal-id",
                     help="print this machine's terminal identity (IP and MAC of the interface "
                          "that reaches the configured host) for the user application form")
    p.add_argument("--host", help="host to route towards (default: platform, then database)")
    _common(p)

    p = a.add_parser("list", help="list units, users or terminals (terminals with enrolment "
                                  "state, software version, last seen and users)")
    p.add_argument("what", choices=["units", "users", "terminals"])
    add_json_option(p)
    _common(p)

    p = a.add_parser("policy", help="show or set the centre-wide security policy")
    pa = p.add_subparsers(dest="policy_command", metavar="ACTION", required=True,
                          parser_class=_Parser)
    ps = pa.add_parser("show", help="print the policy")
    add_json_option(ps)
    _common(ps)
    ps = pa.add_parser("set", help="change one setting")
    ps.add_argument("key", choices=sorted(KNOWN_SETTINGS))
    ps.add_argument("value")
    _common(ps)

    p = a.add_parser("migrate", help="moved: 'main.py server migrate' on the centre's host")
    _common(p)

    audit = commands.add_parser("audit", help="the usage register (audit trail)")
    _common(audit)
    au = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True,
                              parser_class=_Parser)
    p = au.add_parser("verify", help="the centre checks the hash chain and its signed "
                                     "checkpoints; exit 0 when intact, 1 when broken")
    p.add_argument("--expect", metavar="SEQ:SHA256",
                   help="also check that record SEQ still has the hash noted earlier")
    _common(p)
    p = au.add_parser("show", help="print the latest records, filtered (a supervisor sees "
                                   "their own unit's people's)")
    p.add_argument("--last", type=int, default=None, metavar="N",
                   help="this many (default 20; with --session the whole session)")
    p.add_argument("--session", metavar="CODE",
                   help="only the records of the session whose code a watermark shows")
    p.add_argument("--actor", metavar="ACCOUNT", help="only this person's records")
    p.add_argument("--terminal", metavar="NAME", help="only those from this terminal")
    p.add_argument("--camera", metavar="CODE", help="only those naming this camera")
    p.add_argument("--action", metavar="ACTION", choices=[a.value for a in Action],
                   help="only this action (VIEW_OPEN, GRANT_REVOKE, ...)")
    p.add_argument("--outcome", choices=[o.value for o in Outcome],
                   help="only allowed (ok) or refused (denied) ones")
    p.add_argument("--purpose", metavar="TEXT", help="only those whose purpose contains TEXT")
    p.add_argument("--since", metavar="TIME",
                   help="at or after 'YYYY-MM-DD[ HH:MM]' (local time)")
    p.add_argument("--until", metavar="TIME",
                   help="before 'YYYY-MM-DD[ HH:MM]' (local time; a date alone: its end)")
    add_json_option(p)
    _common(p)
    p = au.add_parser("trace", help="the leak trace: who, where and when the session whose "
                                    "code a watermark shows ran, and every camera it showed")
    p.add_argument("code", metavar="CODE", help="the session code read off the picture")
    add_json_option(p)
    _common(p)

    catalog_cli.add_parsers(commands, _common, _Parser)
    grant_cli.add_parsers(commands, _common, _Parser)
    faults_cli.add_parsers(commands, _common, _Parser)
    privacy_cli.add_parsers(commands, _common, _Parser)
    ptz_cli.add_parsers(commands, _common, _Parser)
    capture_cli.add_parsers(commands, _common, _Parser)
    duty_cli.add_parsers(commands, _common, _Parser)
    online_cli.add_parsers(commands, _common, _Parser)
    diagnosis_cli.add_parsers(commands, _common, _Parser)

    if centre_installed():
        from console.server.cli import add_parsers as add_server_parsers  # noqa: PLC0415

        add_server_parsers(commands, _common, _Parser)
    else:
        # the terminal package: 'server …' is answered with where the centre is installed
        p = commands.add_parser("server", help="the centre server (not in this package)")
        p.add_argument("server_args", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)

    p = commands.add_parser("selftest", help="check this installation: log in through the "
                                             "console's login window and out again; prints "
                                             "the timings (JSON)")
    _common(p)

    p = commands.add_parser("enroll", help="enrol this machine as a terminal of a centre "
                                           "(with the one-time code from the administrator)")
    p.add_argument("centre", metavar="https://HOST:PORT", help="the centre server's address")
    p.add_argument("code", help="the enrolment code, e.g. K7QF-9XW4-M2PD-HF6R-3TJA")
    p.add_argument("--terminal-dir", type=Path, default=None, metavar="DIR",
                   help="where to keep the terminal's key and certificate "
                        "(default: the user's config directory)")

    secret = commands.add_parser("secret", help="a camera's stream account or the city "
                                                "platform's account, to the centre's secret "
                                                "store")
    _common(secret)
    se = secret.add_subparsers(dest="secret_command", metavar="ACTION", required=True,
                               parser_class=_Parser)
    p = se.add_parser("set-db-password",
                      help="moved: the centre keeps its database password ('main.py server "
                           "init --password-stdin' on the centre's host)")
    _common(p)
    p = se.add_parser("set-camera",
                      help="send a camera's stream account to the centre's secret store "
                           "(administrators; password prompted or the next line of standard "
                           "input; registered without the secret)")
    p.add_argument("code", help="the camera's 20-digit code")
    p.add_argument("--user", required=True, help="the stream account's user name")
    _common(p)
    p = se.add_parser("set-platform",
                      help="set the city platform (WVP-GB28181-pro) the catalogue is "
                           "synchronised from: its address and account (administrators; the "
                           "password prompted or the next line of standard input, kept in the "
                           "centre's secret store only)")
    p.add_argument("url", metavar="URL", help="the platform's address, e.g. http://10.30.0.5:18080")
    p.add_argument("--user", required=True, help="the platform account's user name")
    p.add_argument("--unit", required=True, metavar="UNIT",
                   help="the unit (code) that owns the cameras a sync adds")
    _common(p)
    return parser
