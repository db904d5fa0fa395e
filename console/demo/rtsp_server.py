#!/usr/bin/python3
"""Loopback RTSP server for the demo cameras and the tests (GStreamer gst-rtsp-server).

Run by the SYSTEM python, which has python3-gi (the venv has no gi); imports nothing from
``console``:

    /usr/bin/python3 console/demo/rtsp_server.py --port PORT --spec SPEC.json [--watch-parent]

SPEC.json is a list of mounts (built by ``console/demo/rtsp_spec.py``):

    {"path": "/demo/X/sub", "kind": "live", "width": 640, "height": 360, "fps": 15,
     "label": "text burned in", "pattern": 0}
        an endless moving test picture with the label and the wall-clock date-time burned in,
        x264 (zerolatency, one keyframe a second), encoded once and shared by every client
    {"path": "/clip", "kind": "file", "file": "/abs/clip.mp4"}
        an H.264 MP4 sent as is, one pipeline per client, from its first frame to its end

Binds 127.0.0.1 only; RTP over TCP (interleaved) and over UDP both work. Prints
``ready PORT`` once listening; a port already in use prints one line to stderr and exits 3;
a missing gi/GStreamer prints one line naming the Debian packages and exits 2.
``--watch-parent`` ends the server when the process that started it dies.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from typing import Any

EXIT_BAD_SPEC = 1
EXIT_NO_GSTREAMER = 2
EXIT_PORT_IN_USE = 3
DEBIAN_PACKAGES = (
    "python3-gi gir1.2-gst-rtsp-server-1.0 gstreamer1.0-plugins-base "
    "gstreamer1.0-plugins-good gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly"
)

# Visually distinct pictures that keep moving (spec "pattern" picks one, modulo the list).
PATTERNS: tuple[str, ...] = (
    "pattern=ball motion=wavy animation-mode=wall-time background-color=0xff203040",
    "pattern=smpte horizontal-speed=3",
    "pattern=zone-plate kx2=20 ky2=20 kt=1",
    "pattern=colors horizontal-speed=-4",
    "pattern=ball motion=sweep animation-mode=wall-time foreground-color=0xffffd000 "
    "background-color=0xff402020",
    "pattern=checkers-8 horizontal-speed=2",
    "pattern=circular horizontal-speed=2",
    "pattern=bar horizontal-speed=5 foreground-color=0xff40c0ff",
)

LIVE_LAUNCH = (
    "( videotestsrc is-live=true {pattern} "
    "! video/x-raw,width={width},height={height},framerate={fps}/1 "
    "! textoverlay name=label valignment=top halignment=left shaded-background=true "
    "auto-resize=false "
    "font-desc=\"Sans {label_px}px\" "
    "! clockoverlay time-format=\"%Y-%m-%d %H:%M:%S\" valignment=bottom halignment=right "
    "shaded-background=true auto-resize=false font-desc=\"Sans Mono {clock_px}px\" "
    "! videoconvert ! video/x-raw,format=I420 "
    "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate={kbps} "
    "! video/x-h264,profile=constrained-baseline "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)
FILE_LAUNCH = (
    "( filesrc name=src ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
)


def _load_gstreamer() -> tuple[Any, Any, Any]:
    try:
        import gi  # noqa: PLC0415

        gi.require_version("Gst", "1.0")
        gi.require_version("GstRtspServer", "1.0")
        from gi.repository import GLib, Gst, GstRtspServer  # noqa: PLC0415
    except (ImportError, ValueError) as exc:
        print(f"rtsp_server: GStreamer RTSP server unavailable ({exc}); install the Debian "
              f"packages: {DEBIAN_PACKAGES}", file=sys.stderr, flush=True)
        sys.exit(EXIT_NO_GSTREAMER)
    Gst.init(None)
    return GLib, Gst, GstRtspServer


def _live_launch(mount: dict[str, Any]) -> str:
    width, height, fps = int(mount["width"]), int(mount["height"]), int(mount["fps"])
    return LIVE_LAUNCH.format(
        pattern=PATTERNS[int(mount.get("pattern", 0)) % len(PATTERNS)],
        width=width, height=height, fps=fps,
        label_px=max(12, height // 14), clock_px=max(10, height // 18),
        kbps=max(200, width * height * fps // 7000),
    )


def _factory_class(gst_rtsp_server: Any) -> Any:
    class MountFactory(gst_rtsp_server.RTSPMediaFactory):  # type: ignore[misc]
        """Builds the pipeline and sets the label text and file name as properties, so any
        characters in them are safe (no launch-syntax quoting)."""

        def __init__(self, launch: str, label: str | None, file: str | None) -> None:
            super().__init__()
            self._launch, self._label, self._file = launch, label, file

        def do_create_element(self, url: Any) -> Any:
            from gi.repository import Gst  # noqa: PLC0415

            element = Gst.parse_launch(self._launch)
            if self._label is not None:
                element.get_by_name("label").set_property("text", self._label)
            if self._file is not None:
                element.get_by_name("src").set_property("location", self._file)
            return element

    return MountFactory


def _add_mounts(server: Any, gst_rtsp_server: Any, spec: list[dict[str, Any]]) -> None:
    factory_class = _factory_class(gst_rtsp_server)
    mounts = server.get_mount_points()
    for mount in spec:
        if mount["kind"] == "live":
            factory = factory_class(_live_launch(mount), str(mount.get("label", "")), None)
            factory.set_shared(True)  # one encode, however many clients
        elif mount["kind"] == "file":
            if not os.path.isfile(mount["file"]):
                raise ValueError(f"no such file: {mount['file']}")
            factory = factory_class(FILE_LAUNCH, None, str(mount["file"]))
            factory.set_shared(False)  # each client gets the clip from its start
        else:
            raise ValueError(f"unknown mount kind {mount['kind']!r}")
        mounts.add_factory(mount["path"], factory)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="loopback RTSP test/demo server")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--spec", required=True, help="JSON list of mounts")
    parser.add_argument("--watch-parent", action="store_true",
                        help="exit when the parent process dies")
    args = parser.parse_args(argv)

    try:
        with open(args.spec, encoding="utf-8") as f:
            spec = json.load(f)
    except (OSError, ValueError) as exc:
        print(f"rtsp_server: cannot read spec {args.spec}: {exc}", file=sys.stderr, flush=True)
        return EXIT_BAD_SPEC

    glib, _gst, gst_rtsp_server = _load_gstreamer()
    server = gst_rtsp_server.RTSPServer()
    server.set_address("127.0.0.1")
    server.set_service(str(args.port))
    try:
        _add_mounts(server, gst_rtsp_server, spec)
    except (KeyError, TypeError, ValueError) as exc:
        print(f"rtsp_server: bad spec: {exc}", file=sys.stderr, flush=True)
        return EXIT_BAD_SPEC

    try:
        source = server.create_source(None)
    except glib.Error as exc:
        print(f"rtsp_server: cannot listen on 127.0.0.1:{args.port}: {exc.message}",
              file=sys.stderr, flush=True)
        return EXIT_PORT_IN_USE
    source.attach(None)

    loop = glib.MainLoop()
    glib.unix_signal_add(glib.PRIORITY_DEFAULT, signal.SIGTERM, lambda: loop.quit() or False)
    glib.unix_signal_add(glib.PRIORITY_DEFAULT, signal.SIGINT, lambda: loop.quit() or False)
    if args.watch_parent:
        parent = os.getppid()

        def parent_alive() -> bool:
            if os.getppid() != parent:
                loop.quit()
                return False
            return True

        glib.timeout_add_seconds(1, parent_alive)

    print(f"ready {args.port}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
