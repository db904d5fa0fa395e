"""Warm join through a keyframe (GOP) cache, PROTOTYPE (benchmarks/gateway_gop_cache_node.py):
the time to the first decoded picture for a viewer joining a live camera another viewer
already watches, against the same camera direct (which makes a new viewer wait for its next
keyframe as well). The camera: the loopback GStreamer RTSP server's live 720p25 test picture
(shared, never restarted for a client, a keyframe every second or so).

    .venv/bin/python benchmarks/gateway_gop_cache.py [--runs 8]

Prints JSON, with the load average (this machine is shared)."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

if not __package__:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script
from benchmarks.gateway_relay import first_frame_ms
from console.child_process import SYSTEM_PYTHON, free_port
from console.demo.rtsp_spec import LiveMount, RtspServerProcess
from tests.support.rtsp_client import RtspReader

NODE = Path(__file__).with_name("gateway_gop_cache_node.py")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=8)
    args = parser.parse_args()
    camera = RtspServerProcess([LiveMount("/cam", 1280, 720, 25, "gop", 0)])
    camera.start()
    port = free_port()
    node = subprocess.Popen([SYSTEM_PYTHON, str(NODE), camera.url("/cam"), str(port)],  # noqa: S603
                            stdout=subprocess.PIPE)
    assert node.stdout is not None
    node.stdout.readline()
    url = f"rtsp://127.0.0.1:{port}/c/1"
    load = os.getloadavg()
    try:
        first_frame_ms(url)         # the hub's first pull (not tuned in the prototype)
        holder = RtspReader(url).open()
        holder.wait_bytes(20_000, 10.0)
        warm, direct = [], []
        for _ in range(args.runs):
            warm.append(first_frame_ms(url))
            direct.append(first_frame_ms(camera.url("/cam")))
            time.sleep(0.13)    # not in step with the camera's keyframes
        holder.close()
    finally:
        node.terminate()
        node.wait(5)
        camera.close()
    print(json.dumps({
        "first_picture_ms": {
            "gop_cache_warm_join_median": round(statistics.median(warm), 1),
            "direct_median": round(statistics.median(direct), 1),
            "warm": [round(v, 1) for v in warm], "direct": [round(v, 1) for v in direct]},
        "load_average": [round(v, 2) for v in load + os.getloadavg()]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
