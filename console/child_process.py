"""Small helpers for the helper processes the centre and the demo run under the system
python (GStreamer through python3-gi, which the venv lacks): the media gateway's nodes
(console/gateway/process.py) and the demo's RTSP server and ONVIF peer (console/demo/).
Kept out of console.demo, which the centre package leaves out."""

from __future__ import annotations

import os
import select
import socket
import time
from typing import IO

SYSTEM_PYTHON = "/usr/bin/python3"


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def read_line(stream: IO[bytes], deadline: float) -> str:
    """One line from a pipe, or "" at EOF or when the deadline passes."""
    fd = stream.fileno()
    data = b""
    while not data.endswith(b"\n"):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return ""
        ready, _, _ = select.select([fd], [], [], remaining)
        if not ready:
            return ""
        chunk = os.read(fd, 256)
        if not chunk:
            return data.decode("utf-8", errors="replace")
        data += chunk
    return data.decode("utf-8", errors="replace")
