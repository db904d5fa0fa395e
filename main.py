#!/usr/bin/env python3
"""视频共享调阅终端 — the composition root.

Without a command it starts the console: a terminal of the centre it was enrolled with
(``main.py enroll``), or — not enrolled — of the embedded demo centre this machine starts on
loopback. Either way the console reaches every rule through the centre's API; it opens no
database and holds no camera secret.

``server …`` runs the centre itself (on the centre's host); ``enroll`` enrols this machine as
a terminal; the administration commands (admin, grant, catalog, …) act on the centre.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from console.cli.errors import CliUsageError
from console.cli.parser import build_parser
from console.config import ConfigError, TerminalConfig, load_config

log = logging.getLogger("console")


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except CliUsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.command == "server":
        from console.server.cli import run as run_server  # noqa: PLC0415 - centre host only

        return run_server(args)
    if args.command == "enroll":
        return _enroll(args)
    try:
        config = load_config(getattr(args, "config", None),
                             database_url=getattr(args, "database_url", None),
                             language=getattr(args, "lang", None))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command is None:
        return _run_console(config)
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
    from sqlalchemy.exc import OperationalError, ProgrammingError  # noqa: PLC0415

    from console.cli.commands import CliEnv, run_command  # noqa: PLC0415
    from console.identity import DetectedIdentity, detect_identity  # noqa: PLC0415
    from console.secrets import SecretError, SecretStore  # noqa: PLC0415

    host = config.platform_host
    env = CliEnv(config=config, open_services=lambda: _cli_centre(config),
                 identity=DetectedIdentity(host), identity_host=host,
                 identity_for_host=detect_identity, secrets=SecretStore())
    try:
        return run_command(args, env)
    except OperationalError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(f"error: database unreachable: {first}", file=sys.stderr)
        return 1
    except ProgrammingError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(f"error: database: {first} (run 'main.py server migrate')", file=sys.stderr)
        return 1
    except SecretError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _cli_centre(config: TerminalConfig):  # type: ignore[no-untyped-def]
    """The centre's services for an administration command run on the centre's host."""
    from console.clock import SystemClock  # noqa: PLC0415
    from console.pki import CertificateAuthority  # noqa: PLC0415
    from console.secrets import SecretStore, database_secret_name  # noqa: PLC0415
    from console.server.centre import Centre  # noqa: PLC0415
    from console.storage.database import Database, parse_database_url  # noqa: PLC0415

    url = parse_database_url(config.database_url)
    secrets = SecretStore()
    password = None
    if url.get_backend_name() == "postgresql":
        password = secrets.get(database_secret_name(url.username, url.host, url.port,
                                                    url.database))
    db = Database(url, password=password)
    db.migrate()
    clock = SystemClock()
    return Centre.build(db, clock, secrets, CertificateAuthority.create("cli", clock.now()))


def _run_console(config: TerminalConfig) -> int:
    from console.capture.exclusion import excluder_for_platform  # noqa: PLC0415
    from console.embedded import EmbeddedError, start_embedded  # noqa: PLC0415
    from console.identity import LOOPBACK, DetectedIdentity, StaticIdentity  # noqa: PLC0415
    from console.remote.client import CentreClient  # noqa: PLC0415
    from console.remote.terminal_files import (  # noqa: PLC0415
        TerminalFiles,
        TerminalFilesError,
        default_terminal_dir,
    )
    from console.services import Services  # noqa: PLC0415
    from console.views.app import run_gui  # noqa: PLC0415 - Qt loads only for the console

    files = TerminalFiles(default_terminal_dir())
    embedded = None
    if files.enrolled():
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
    else:
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
    try:
        return run_gui(services, sys.argv[:1])
    finally:
        services.client.close()
        if embedded is not None:
            embedded.stop()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
