"""The terminal program opens no database connection and reads no camera credential (issue:
"the terminal program opens no database connection and reads no camera credential").

A separate Python process does what the console does — imports main.py, builds the terminal's
services from its enrolment files, logs in, opens the main window, loads the permitted tree,
opens a view and fetches its stream — under an audit hook that records every SQLite connect
and every socket connect, with the keyring replaced by one that fails (a kiosk or headless
terminal has no Secret Service: the console must not need one). The centre is a real server
in this test process; the camera's stream account lives in the centre's secret store."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from console.identity import LOOPBACK
from tests.conftest import INSTALLER, PASSWORD, World
from tests.support.catalog import UNCOND, add_cameras
from tests.support.centre import CentreHarness

ROOT = Path(__file__).resolve().parents[1]

TERMINAL = r"""
import json, sys
events = {"sqlite": [], "sockets": [], "keyring": 0}

def hook(event, args):
    if event == "sqlite3.connect":
        events["sqlite"].append(str(args[0]))
    elif event == "socket.connect":
        address = args[1]
        if isinstance(address, tuple):
            events["sockets"].append([str(address[0]), int(address[1])])

sys.addaudithook(hook)
import keyring, keyring.backends.fail

class Counting(keyring.backends.fail.Keyring):
    def get_password(self, service, username):
        events["keyring"] += 1
        return super().get_password(service, username)

keyring.set_keyring(Counting())

import main  # the console's composition root, as the console process imports it
from pathlib import Path
from console.identity import StaticIdentity
from console.live.state import StreamKind
from console.remote.client import CentreClient
from console.remote.terminal_files import TerminalFiles
from console.services import Services
from console.views.app import build_app
from console.views.main_window import MainWindow
from console.views.tasks import TaskRunner

url, terminal_dir, account, password, code = sys.argv[1:6]
files = TerminalFiles(Path(terminal_dir))
client = CentreClient(url, mac="00:00:00:00:00:00", cert=(files.cert, files.key), ca=files.ca)
services = Services.connect(client, StaticIdentity("127.0.0.1", "00:00:00:00:00:00"))
app = build_app([])
result = services.auth.login(account, password)
assert result.ok, result
window = MainWindow(services, TaskRunner(synchronous=True), result.session,
                    services.auth.policy())
catalogue = services.access.snapshot(result.session.session_id)
window.camera_dock.set_catalogue(catalogue)
entry = window.camera_dock.entry_for_code(code)
view = services.access.open_view(result.session.session_id, code, "")
source = services.access.stream_source(result.session.session_id, view.ticket, StreamKind.SUB)
window._finish(logout_reason=None)
modules = sorted({m.split(".")[0] for m in sys.modules
                  if m.split(".")[0] in ("sqlalchemy", "alembic", "psycopg")
                  or m.startswith(("console.storage", "console.server"))})
print(json.dumps({**events, "modules": modules, "entries": len(catalogue.entries),
                  "stream_has_credentials": "viewer:" in source.url,
                  "shown": source.display_url}))
"""


def test_the_terminal_opens_no_database_and_keeps_no_camera_secret(
        world: World, tmp_path: Path) -> None:
    add_cameras(world.db, world.clock)
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    try:
        # the camera's stream account is given to the centre only
        centre.centre.catalog.set_camera_credentials(INSTALLER, UNCOND, "viewer", "S3cret!")
        files = centre.enrol("T-THIN", unit="CENTRE")
        world.admin.bind(INSTALLER, "zhangsan", "T-THIN")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
        run = subprocess.run(
            [sys.executable, "-c", TERMINAL, centre.url, str(files.root), "zhangsan",
             PASSWORD, UNCOND], cwd=ROOT, env=env, capture_output=True, text=True,
            timeout=180, check=False)
        assert run.returncode == 0, run.stderr[-3000:]
        seen = json.loads(run.stdout.strip().splitlines()[-1])
    finally:
        centre.stop()
    assert seen["entries"] > 0                       # it really worked as a console
    assert seen["sqlite"] == []                      # no database opened, of any kind
    assert seen["modules"] == []                     # no database or centre code loaded
    assert seen["keyring"] == 0                      # no keyring asked (none is needed)
    port = int(centre.url.rsplit(":", 1)[1])
    assert {tuple(s) for s in seen["sockets"]} <= {(LOOPBACK.ip, port)}  # only the centre
    # the stream it was handed carries the credentials for the decoder, in memory only
    assert seen["stream_has_credentials"] and "S3cret" not in seen["shown"]
    assert not list(files.root.glob("*.db"))
    for path in files.root.iterdir():
        assert b"S3cret" not in path.read_bytes(), path
