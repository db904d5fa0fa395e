"""The demo catalogue: about 60 cameras in Suzhou (姑苏区, 苏州工业园区, 吴中区, 相城区) of the
demo units, and four projects in the shape of annex 1. Streams are served on loopback."""

from __future__ import annotations

from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[2] / "resources" / "demo"
# Projects first: the camera sheet names them. One import of both files.
DEMO_CATALOGUE_FILES: list[Path] = [DEMO_DIR / "projects.csv", DEMO_DIR / "catalogue.csv"]
