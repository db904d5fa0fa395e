"""One embedded centre per machine: a command line run while the console is open (or a
second console) joins the running centre instead of starting another one on the same
SQLite file (two would each seed, sweep PTZ and chain the audit on one database), and a
second centre process started by hand on the same data directory refuses to run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from console.embedded import lock_path, running_path, start_embedded

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.timeout(400)
def test_one_embedded_centre_per_data_directory(tmp_path: Path) -> None:
    first = start_embedded(tmp_path)
    try:
        assert first.process is not None and first.process.poll() is None
        assert running_path(tmp_path / "centre").exists()

        joined = start_embedded(tmp_path)           # e.g. `main.py admin ...` meanwhile
        assert joined.process is None
        assert joined.client.base_url == first.client.base_url
        assert joined.client.get("/terminal", needs_session=False) is not None
        joined.stop()                                # leaves the first console's centre be
        assert first.process.poll() is None

        by_hand = subprocess.run(
            [sys.executable, "-m", "console.server", "run", "--embedded",
             "--data-dir", str(tmp_path / "centre"), "--listen", "127.0.0.1:0"],
            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        assert by_hand.returncode == 1
        assert "another embedded centre runs on" in by_hand.stderr
    finally:
        first.stop()
    assert first.process.returncode == 0
    assert not running_path(tmp_path / "centre").exists()
    assert lock_path(tmp_path / "centre").exists()   # the file stays; the lock is released

    again = start_embedded(tmp_path)                 # the next console starts its own
    try:
        assert again.process is not None
    finally:
        again.stop()
