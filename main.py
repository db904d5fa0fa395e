#!/usr/bin/env python3
"""视频共享调阅终端 — the composition root.

Without a command it starts the console: a terminal of the centre it was enrolled with
(``main.py enroll``), or — not enrolled — of the embedded demo centre this machine starts on
loopback. Either way the console reaches every rule through the centre's API; it opens no
database and holds no camera secret.

``server …`` runs the centre itself (on the centre's host, the only place that opens the
database); ``enroll`` enrols this machine as a terminal; the administration commands (admin,
grant, catalog, privacy, capture, ptz, audit, secret) act on the centre through its API,
logged in with the person's own account.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import console
from console.cli.errors import CliUsageError
from console.cli.parser import build_parser
from console.config import ConfigError, TerminalConfig, load_config
from console.install import NO_CENTRE, NOT_ENROLLED, centre_installed

if TYPE_CHECKING:
    from console.embedded import EmbeddedLink
    from console.services import Services

log = logging.getLogger("console")


# the bundle program as a decoder worker (console/player/process_backend.py, worker_command):
# the frozen terminal bundle has no ``python -m``, so its decoder processes are this program
DECODE_WORKER_OPTION = "--decode-worker"


def main(argv: list[str] | None = None) -> int:
    args_given = sys.argv[1:] if argv is None else argv
    if args_given[:1] == [DECODE_WORKER_OPTION]:
        from console.player import decode_worker  # noqa: PLC0415

        return decode_worker.main(args_given[1:])
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except CliUsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    # the console and a running server log what they do; a one-off command says only its
    # result (and any error, in one line)
    serving = args.command is None or (args.command == "server"
                                       and getattr(args, "server_command", None) == "run")
    logging.basicConfig(level=logging.INFO if serving else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    if args.command == "server":
        if not centre_installed():
            print(f"error: {NO_CENTRE}", file=sys.stderr)
            return 2
        from console.server.cli import run as run_server  # noqa: PLC0415 - centre host only

        return run_server(args, sys.stdout, sys.stderr)
    if args.command == "enroll":
        return _enroll(args)
    try:
        config = load_config(getattr(args, "config", None),
                             language=getattr(args, "lang", None))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command is None:
        if getattr(args, "kiosk", False):
            from console.kiosk import KioskError, seal_wayland_display  # noqa: PLC0415

            try:
                sealed = seal_wayland_display()
            except KioskError as exc:
                print(f"error: kiosk: {exc}", file=sys.stderr)
                return 1
            log.info("kiosk: the compositor's socket %s is this console's alone",
                     sealed.socket_path)
        return _run_console(config)
    if args.command == "selftest":
        return _selftest(args, config)
    return _run_cli(args, config)


def _enroll(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit  # noqa: PLC0415

    from console.identity import IdentityError, detect_identity  # noqa: PLC0415
    from console.remote.enrol import EnrolError, check_centre_url, enrol  # noqa: PLC0415
    from console.remote.terminal_files import (  # noqa: PLC0415
        TerminalFiles,
        default_terminal_dir,
    )

    try:
        url = check_centre_url(args.centre)
        identity = detect_identity(urlsplit(url).hostname)
        files = TerminalFiles(args.terminal_dir or default_terminal_dir())
        done = enrol(url, args.code, identity, files)
    except (EnrolError, IdentityError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"this machine ({done.identity}) is now terminal {done.terminal} of {done.centre_url};"
          f" its key and certificate are in {files.root}")
    return 0


def _run_cli(args: argparse.Namespace, config: TerminalConfig) -> int:
    """An administration command: through this terminal's centre (or the embedded demo
    centre when this machine is not enrolled), logged in as the person running it."""
    from console.cli.commands import CliEnv, run_command  # noqa: PLC0415
    from console.cli.session import connect_terminal  # noqa: PLC0415
    from console.identity import DetectedIdentity, detect_identity  # noqa: PLC0415

    terminal_dir = getattr(args, "terminal_dir", None)
    host = _centre_host(terminal_dir)
    env = CliEnv(config=config, connect=lambda: connect_terminal(terminal_dir),
                 identity=DetectedIdentity(host), identity_host=host,
                 identity_for_host=detect_identity)
    return run_command(args, env)


def _centre_host(terminal_dir: Path | None) -> str | None:
    """The host of the centre this terminal is enrolled with (its identity is the route
    there); None when not enrolled (the default route)."""
    from urllib.parse import urlsplit  # noqa: PLC0415

    from console.remote.terminal_files import (  # noqa: PLC0415
        TerminalFiles,
        TerminalFilesError,
        default_terminal_dir,
    )

    try:
        return urlsplit(TerminalFiles(terminal_dir or default_terminal_dir()).centre_url()
                        ).hostname
    except TerminalFilesError:
        return None


def _run_console(config: TerminalConfig) -> int:
    from console.views.app import run_gui  # noqa: PLC0415 - Qt loads only for the console

    started = _terminal_services(config, None)
    if isinstance(started, int):
        return started
    services, embedded = started
    try:
        return run_gui(services, sys.argv[:1])
    finally:
        services.client.close()
        if embedded is not None:
            embedded.stop()


def _selftest(args: argparse.Namespace, config: TerminalConfig) -> int:
    """The installer's check: the console's login window, a login, the main window, a
    logout; prints the timings as JSON (exit 1 when the login did not reach the main
    window)."""
    import getpass  # noqa: PLC0415
    import json  # noqa: PLC0415

    import psutil  # noqa: PLC0415

    account = getattr(args, "login", None)
    if not account:
        print("error: selftest needs --login ACCOUNT", file=sys.stderr)
        return 2
    if getattr(args, "login_password_stdin", False):
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass(f"password of {account}: ")
    process_started = psutil.Process().create_time()
    started = _terminal_services(config, getattr(args, "terminal_dir", None))
    if isinstance(started, int):
        return started
    services, embedded = started
    from console.views.selftest import run_selftest  # noqa: PLC0415 - Qt loads here

    try:
        result = run_selftest(services, account, password, process_started=process_started)
    finally:
        services.client.close()
        if embedded is not None:
            embedded.stop()
    print(json.dumps({"ok": result.ok, "version": console.__version__,
                      "login_window_s": result.login_window_s,
                      "main_window_s": result.main_window_s, "error": result.error},
                     ensure_ascii=False))
    return 0 if result.ok else 1


def _terminal_services(config: TerminalConfig, terminal_dir: Path | None
                       ) -> tuple[Services, EmbeddedLink | None] | int:
    """The terminal's services on its enrolled centre (``terminal_dir`` or the user's
    terminal directory), or — not enrolled, in a checkout — on the embedded demo centre;
    an exit code when neither can be had (said on standard error)."""
    from console.capture.exclusion import excluder_for_platform  # noqa: PLC0415
    from console.identity import LOOPBACK, DetectedIdentity, StaticIdentity  # noqa: PLC0415
    from console.remote.client import CentreClient  # noqa: PLC0415
    from console.remote.terminal_files import (  # noqa: PLC0415
        TerminalFiles,
        TerminalFilesError,
        default_terminal_dir,
    )
    from console.services import Services  # noqa: PLC0415

    files = TerminalFiles(terminal_dir or default_terminal_dir())
    if files.enrolled() or terminal_dir is not None:
        try:
            files.check()
            url = files.centre_url()
        except TerminalFilesError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        from urllib.parse import urlsplit  # noqa: PLC0415

        identity = DetectedIdentity(urlsplit(url).hostname)
        try:
            mac = identity.identity().mac
        except ValueError as exc:
            print(f"error: terminal identity: {exc}", file=sys.stderr)
            return 1
        client = CentreClient(url, mac=mac, cert=(files.cert, files.key), ca=files.ca)
        services = Services.connect(client, identity, language=config.language,
                                    tuning=config.tuning, excluder=excluder_for_platform())
        return services, None
    if not centre_installed():
        print(f"error: {NOT_ENROLLED}", file=sys.stderr)
        return 1
    from console.embedded import EmbeddedError, start_embedded  # noqa: PLC0415

    try:
        embedded = start_embedded()
    except EmbeddedError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    log.info("the console runs on the embedded demo centre (%s)", embedded.client.base_url)
    services = Services.connect(embedded.client,
                                StaticIdentity(LOOPBACK.ip, LOOPBACK.mac, LOOPBACK.interface),
                                language=config.language, is_demo=True,
                                tuning=config.tuning, excluder=excluder_for_platform())
    return services, embedded


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
