"""What this installation of the console holds: the whole checkout (a centre, its embedded
demo, the terminal), or the terminal package (packaging/terminal.spec), which ships without
the centre (``console.server``, ``console.storage``, every database driver) and without the
demo data. The terminal package therefore has no embedded demo centre: a machine not enrolled
with a centre is told how to enrol, and ``server …`` says where the centre is installed."""

from __future__ import annotations

import importlib.util

NOT_ENROLLED = ("this terminal is not enrolled with a centre: enrol it once with "
                "'city-video-console enroll https://CENTRE:PORT CODE' (the code comes from "
                "the centre's administrator; 'city-video-console admin terminal-id' prints the "
                "IP and MAC to give them)")
NO_CENTRE = ("the centre server is not part of the terminal package: install the "
             "city-video-centre package on the centre's host and run "
             "'city-video-centre server …' there")


def centre_installed() -> bool:
    """True when the centre's code is importable (a checkout, the centre package); False in
    the terminal package, which leaves it out."""
    try:
        return importlib.util.find_spec("console.server") is not None
    except (ImportError, ValueError):
        return False
