#!/usr/bin/env python3
"""视频共享调阅终端 — the composition root.

Reads the terminal configuration, opens storage, builds the services with real drivers and
either runs a command-line action (admin, audit, secret) or starts the Qt console.
Nothing else in the code base constructs infrastructure.
"""

from __future__ import annotations

import argparse
import logging
import os
import socket
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError, ProgrammingError

from console.admin.service import AdminService
from console.cli.commands import CliEnv, run_command
from console.cli.errors import CliUsageError
from console.cli.parser import build_parser
from console.clock import SystemClock
from console.config import ConfigError, TerminalConfig, load_config
from console.demo.seed import ensure_demo, is_demo
from console.demo.streams import start_demo_streams
from console.identity import DetectedIdentity, IdentityError, detect_identity
from console.passwords import PasswordHashing
from console.ptz.sweeper import Sweeper
from console.secrets import SecretError, SecretStore, database_secret_name
from console.services import Services
from console.storage.database import Database, parse_database_url

log = logging.getLogger("console")


def open_database(config: TerminalConfig, secrets: SecretStore) -> Database:
    url = parse_database_url(config.database_url)
    password = None
    if url.get_backend_name() == "postgresql":
        password = secrets.get(database_secret_name(url.username, url.host, url.port,
                                                    url.database))
    return Database(url, password=password)


def identity_host(config: TerminalConfig) -> str | None:
    """The host whose route defines this terminal's identity: the platform, else the
    database server, else (embedded database, no platform) the default route."""
    if config.platform_host:
        return config.platform_host
    url = parse_database_url(config.database_url)
    return url.host if url.get_backend_name() == "postgresql" else None


def build_services(config: TerminalConfig, *, migrate: bool = True) -> Services:
    secrets = SecretStore()
    db = open_database(config, secrets)
    if migrate:
        db.migrate()
    clock = SystemClock()
    hashing = PasswordHashing()
    identity = DetectedIdentity(identity_host(config))
    admin = AdminService(db, clock, hashing)
    demo = False
    if config.is_embedded_default and db.has_schema():
        try:
            outcome = ensure_demo(db, admin, clock, identity.identity())
            if outcome != "unchanged":
                log.info("demo data %s", outcome)
        except IdentityError as exc:
            log.warning("demo terminal not registered: %s", exc)
        demo = is_demo(db)
    return Services.build(db, clock, hashing, identity, admin=admin, secrets=secrets,
                          language=config.language, is_demo=demo, tuning=config.tuning)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except CliUsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    try:
        config = load_config(getattr(args, "config", None),
                             database_url=getattr(args, "database_url", None),
                             language=getattr(args, "lang", None))
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        if args.command is None:
            return _run_console(config)
        return _run_cli(args, config)
    except OperationalError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(f"error: database {_display(config)} unreachable: {first}", file=sys.stderr)
        return 1
    except ProgrammingError as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        print(f"error: database {_display(config)}: {first} "
              "(run 'main.py admin migrate' to create the schema)", file=sys.stderr)
        return 1
    except SecretError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _display(config: TerminalConfig) -> str:
    return parse_database_url(config.database_url).render_as_string(hide_password=True)


def _run_cli(args: argparse.Namespace, config: TerminalConfig) -> int:
    # audit verify and show only read: they never change the schema they check.
    read_only = args.command == "audit"
    host = identity_host(config)
    env = CliEnv(
        config=config,
        open_services=lambda: build_services(config, migrate=not read_only),
        identity=DetectedIdentity(host),
        identity_host=host,
        identity_for_host=detect_identity,
        secrets=SecretStore(),
    )
    return run_command(args, env)


def _run_console(config: TerminalConfig) -> int:
    services = build_services(config)
    from console.views.app import run_gui  # noqa: PLC0415 - Qt loads only for the console

    streams = start_demo_streams(services.db) if services.is_demo else None
    # crash recovery for PTZ (R10): sweep now and every ptz_sweep_seconds for cameras whose
    # console died while steering them, and send them home
    sweeper = Sweeper(services.ptz, lambda job: services.ptz_driver(job.camera),
                      f"{socket.gethostname()[:24]}#{os.getpid()}")
    sweeper.start()
    try:
        return run_gui(services, sys.argv[:1])
    finally:
        sweeper.stop()
        if streams is not None:
            streams.close()


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
