"""``python -m console.server ACTION …``: the same as ``main.py server ACTION …`` (the
console starts its embedded centre this way)."""

from __future__ import annotations

import argparse
import logging
import sys

from console.server.cli import add_parsers, run


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    parser = argparse.ArgumentParser(prog="python -m console.server")
    commands = parser.add_subparsers(dest="command", required=True)
    add_parsers(commands, lambda _p: None, argparse.ArgumentParser)
    args = parser.parse_args(["server", *(sys.argv[1:] if argv is None else argv)])
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
