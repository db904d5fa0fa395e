"""A centre server instance in its own process, for the crash tests: the API over mutual TLS
on 127.0.0.1 and the scheduled work (PTZ sweep included), on a shared database, from a data
directory another instance created (the same CA, server certificate and secret store).

    python -m tests.support.centre_instance DATA_DIR DATABASE_URL INSTANCE_NAME

Prints ``serving URL`` once it answers, then serves until it is killed.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from console.clock import SystemClock
from console.server.app import create_app
from console.server.centre import Centre
from console.server.data_dir import DataDir
from console.server.host import CentreWork
from console.server.runner import ServerThread, server_tls
from console.server.setup import load_keys
from console.storage.database import Database


def main(directory: str, url: str, instance: str) -> int:
    data = DataDir(Path(directory))
    centre = Centre.build(Database(url), SystemClock(), data.secrets(), load_keys(data).ca,
                          instance=instance)
    server = ServerThread(create_app(centre, neighbours=lambda: {}),
                          server_tls(data.server_cert, data.server_key, data.ca_cert)).start()
    CentreWork.build(centre).start()
    print(f"serving {server.url}", flush=True)
    while True:
        time.sleep(1)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
