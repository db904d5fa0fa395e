#!/usr/bin/python3
"""Loopback RTSP server for the demo cameras and the tests (GStreamer gst-rtsp-server).

Run by the SYSTEM python, which has python3-gi (the venv has no gi); imports nothing from
``console``:

    /usr/bin/python3 console/demo/rtsp_server.py --port PORT --spec SPEC.json [--watch-parent]

SPEC.json is a list of mounts (built by ``console/demo/rtsp_spec.py``):

    {"path": "/demo/X/sub", "kind": "live", "width": 640, "height": 360, "fps": 15,
     "label": "text burned in", "pattern": 0, "codec": "h264"}
        an endless moving test picture with the label and the wall-clock date-time burned in,
        x264 (zerolatency, one keyframe a second; "codec": "h265" x265, "mjpeg" JPEG), encoded
        once and shared by every client
    {"path": "/clip", "kind": "file", "file": "/abs/clip.mp4"}
        an H.264 MP4 sent as is, one pipeline per client, from its first frame to its end
    {"path": "/demo/X/main", "kind": "ptz", "width": 1280, "height": 720, "fps": 25,
     "label": "text burned in", "panorama": "/abs/pano.png", "state_file": "/abs/X.json"}
        a PTZ camera's view: a window onto the large panorama PNG that follows the position
        in the state file ({"pan": -1..1, "tilt": -1..1, "zoom": 0..1}, ONVIF generic
        spaces, written by the demo's ONVIF peer; missing or malformed = home 0, 0, 0).
        Pan moves the window left/right, tilt up/down (+1 = up), zoom narrows it (zoom 1 =
        4x narrower than zoom 0, which shows half the panorama's width). The window is
        scaled to the fixed output size, the label, clock and the position (``P +0.32
        T -0.10 Z 0.15``) are burned in; encoded once and shared like a live mount.
        The file is polled every 40 ms (read only when it changed); a probe on the crop
        applies a new position between two frames (``videocrop`` edges, then ``videoscale``
        to the fixed caps, so the encoder never sees new caps).

Binds 127.0.0.1 only; RTP over TCP (interleaved) and over UDP both work. Prints
``ready PORT`` once listening; a port already in use prints one line to stderr and exits 3;
a missing gi/GStreamer prints one line naming the Debian packages and exits 2.
``--watch-parent`` ends the server when the process that started it dies.
"""

from __future__ import annotations

import argparse
import json
import math
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
PTZ_LAUNCH = (
    # decoded and converted once; imagefreeze repeats the picture as a live source
    "( filesrc name=src ! pngdec ! videoconvert ! video/x-raw,format=I420 "
    "! imagefreeze is-live=true ! video/x-raw,framerate={fps}/1 "
    "! videocrop name=crop "
    "! videoscale add-borders=false "
    "! video/x-raw,width={width},height={height},pixel-aspect-ratio=1/1 "
    "! textoverlay name=label valignment=top halignment=left shaded-background=true "
    "auto-resize=false "
    "font-desc=\"Sans {label_px}px\" "
    "! textoverlay name=osd valignment=bottom halignment=left shaded-background=true "
    "auto-resize=false font-desc=\"Sans Mono {clock_px}px\" "
    "! clockoverlay time-format=\"%Y-%m-%d %H:%M:%S\" valignment=bottom halignment=right "
    "shaded-background=true auto-resize=false font-desc=\"Sans Mono {clock_px}px\" "
    "! x264enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate={kbps} "
    "! video/x-h264,profile=constrained-baseline "
    "! rtph264pay name=pay0 pt=96 config-interval=1 )"
)
FILE_LAUNCH = (
    "( filesrc name=src ! qtdemux ! h264parse ! rtph264pay name=pay0 pt=96 config-interval=1 )"
)


# PTZ view geometry: at zoom 0 the window is this fraction of the panorama (width, or height
# if the output is relatively taller); zoom 1 magnifies that by PTZ_MAX_ZOOM.
PTZ_WIDE = 0.5
PTZ_MAX_ZOOM = 4.0
PTZ_POLL_MS = 40
HOME = (0.0, 0.0, 0.0)


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


MJPEG_ENCODE = "! jpegenc ! rtpjpegpay name=pay0 pt=26 )"
H265_ENCODE = (
    "! x265enc tune=zerolatency speed-preset=ultrafast key-int-max={fps} bitrate={kbps} "
    "! video/x-h265,profile=main ! rtph265pay name=pay0 pt=96 config-interval=1 )"
)


def _live_launch(mount: dict[str, Any]) -> str:
    width, height, fps = int(mount["width"]), int(mount["height"]), int(mount["fps"])
    launch = LIVE_LAUNCH
    if mount.get("codec", "h264") == "h265":
        launch = LIVE_LAUNCH[:LIVE_LAUNCH.index("! x264enc")] + H265_ENCODE
    elif mount.get("codec") == "mjpeg":
        launch = LIVE_LAUNCH[:LIVE_LAUNCH.index("! x264enc")] + MJPEG_ENCODE
    return launch.format(
        pattern=PATTERNS[int(mount.get("pattern", 0)) % len(PATTERNS)],
        width=width, height=height, fps=fps,
        label_px=max(12, height // 14), clock_px=max(10, height // 18),
        kbps=max(200, width * height * fps // 7000),
    )


def _ptz_launch(mount: dict[str, Any]) -> str:
    width, height, fps = int(mount["width"]), int(mount["height"]), int(mount["fps"])
    return PTZ_LAUNCH.format(
        width=width, height=height, fps=fps,
        label_px=max(12, height // 14), clock_px=max(10, height // 18),
        kbps=max(200, width * height * fps // 7000),
    )


def read_position(path: str) -> tuple[float, float, float]:
    """(pan, tilt, zoom) from a state file, clamped to the ONVIF generic spaces; home when
    the file is missing or malformed."""
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
        values = (float(state["pan"]), float(state["tilt"]), float(state["zoom"]))
    except (OSError, ValueError, TypeError, KeyError):
        return HOME
    if not all(math.isfinite(v) for v in values):
        return HOME
    pan, tilt, zoom = values
    return (min(1.0, max(-1.0, pan)), min(1.0, max(-1.0, tilt)), min(1.0, max(0.0, zoom)))


def crop_box(pano_w: int, pano_h: int, out_w: int, out_h: int,
             position: tuple[float, float, float]) -> tuple[int, int, int, int]:
    """videocrop's (left, right, top, bottom) for the view at ``position``. The window has
    the output's aspect ratio and even edges (I420); its centre depends on pan and tilt
    only, so zooming magnifies the centre of the view."""
    pan, tilt, zoom = position
    aspect = out_w / out_h
    wide_w = min(pano_w * PTZ_WIDE, pano_h * PTZ_WIDE * aspect)
    wide_h = wide_w / aspect
    magnification = 1.0 + (PTZ_MAX_ZOOM - 1.0) * zoom
    width = max(2, 2 * round(wide_w / magnification / 2))
    height = max(2, 2 * round(wide_h / magnification / 2))
    centre_x = pano_w / 2 + pan * (pano_w - wide_w) / 2
    centre_y = pano_h / 2 - tilt * (pano_h - wide_h) / 2
    left = min(max(0, 2 * round((centre_x - width / 2) / 2)), pano_w - width)
    top = min(max(0, 2 * round((centre_y - height / 2) / 2)), pano_h - height)
    return left, pano_w - width - left, top, pano_h - height - top


def osd_text(position: tuple[float, float, float]) -> str:
    pan, tilt, zoom = position
    return f"P {pan:+.2f} T {tilt:+.2f} Z {zoom:.2f}"


class PtzState:
    """The position in one state file (a camera's sub and main mounts share it): ``poll()``
    (every PTZ_POLL_MS on the main loop) re-reads the file when its stamp (mtime, inode,
    size) changed; the streaming threads read ``position`` (a tuple, replaced whole)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.position = HOME
        self._stamp: tuple[int, int, int] | None = None

    def poll(self) -> bool:
        try:
            st = os.stat(self.path)
            stamp: tuple[int, int, int] | None = (st.st_mtime_ns, st.st_ino, st.st_size)
        except OSError:
            stamp = None
        if stamp != self._stamp:
            self._stamp = stamp
            self.position = read_position(self.path) if stamp is not None else HOME
        return True  # keep the GLib timeout


def _follow(gst: Any, element: Any, state: PtzState, out_w: int, out_h: int) -> None:
    """A probe on the crop's input: before a frame whose position differs from the one
    applied, set the four crop edges and the OSD text. It runs in the streaming thread, so
    the edges change together between two frames; videocrop then renegotiates its output
    size and videoscale scales it back to the fixed caps."""
    crop, osd = element.get_by_name("crop"), element.get_by_name("osd")
    applied: list[tuple[float, float, float] | None] = [None]

    def probe(pad: Any, info: Any) -> Any:
        position = state.position
        if position == applied[0]:
            return gst.PadProbeReturn.OK
        caps = pad.get_current_caps()
        if caps is None:
            return gst.PadProbeReturn.OK
        structure = caps.get_structure(0)
        pano_w, pano_h = structure.get_value("width"), structure.get_value("height")
        left, right, top, bottom = crop_box(pano_w, pano_h, out_w, out_h, position)
        crop.set_property("left", left)
        crop.set_property("right", right)
        crop.set_property("top", top)
        crop.set_property("bottom", bottom)
        osd.set_property("text", osd_text(position))
        applied[0] = position
        return gst.PadProbeReturn.OK

    osd.set_property("text", osd_text(state.position))
    crop.get_static_pad("sink").add_probe(gst.PadProbeType.BUFFER, probe)


def _factory_class(gst_rtsp_server: Any) -> Any:
    class MountFactory(gst_rtsp_server.RTSPMediaFactory):  # type: ignore[misc]
        """Builds the pipeline and sets the label text and file name as properties, so any
        characters in them are safe (no launch-syntax quoting); a PTZ mount's pipeline also
        gets the probe that makes its crop follow the state."""

        def __init__(self, launch: str, label: str | None, file: str | None,
                     ptz: tuple[PtzState, int, int] | None = None) -> None:
            super().__init__()
            self._launch, self._label, self._file, self._ptz = launch, label, file, ptz

        def do_create_element(self, url: Any) -> Any:
            from gi.repository import Gst  # noqa: PLC0415

            element = Gst.parse_launch(self._launch)
            if self._label is not None:
                element.get_by_name("label").set_property("text", self._label)
            if self._file is not None:
                element.get_by_name("src").set_property("location", self._file)
            if self._ptz is not None:
                _follow(Gst, element, *self._ptz)
            return element

    return MountFactory


def _add_mounts(server: Any, gst_rtsp_server: Any,
                spec: list[dict[str, Any]]) -> list[PtzState]:
    """Mount the spec's factories; returns the PTZ states, for the caller to poll."""
    factory_class = _factory_class(gst_rtsp_server)
    mounts = server.get_mount_points()
    states: dict[str, PtzState] = {}  # one per state file, however many mounts use it
    for mount in spec:
        if mount["kind"] == "live":
            factory = factory_class(_live_launch(mount), str(mount.get("label", "")), None)
            factory.set_shared(True)  # one encode, however many clients
        elif mount["kind"] == "ptz":
            if not os.path.isfile(mount["panorama"]):
                raise ValueError(f"no such panorama: {mount['panorama']}")
            state_file = str(mount["state_file"])
            state = states.setdefault(state_file, PtzState(state_file))
            factory = factory_class(
                _ptz_launch(mount), str(mount.get("label", "")), str(mount["panorama"]),
                (state, int(mount["width"]), int(mount["height"])))
            factory.set_shared(True)
        elif mount["kind"] == "file":
            if not os.path.isfile(mount["file"]):
                raise ValueError(f"no such file: {mount['file']}")
            factory = factory_class(FILE_LAUNCH, None, str(mount["file"]))
            factory.set_shared(False)  # each client gets the clip from its start
        else:
            raise ValueError(f"unknown mount kind {mount['kind']!r}")
        mounts.add_factory(mount["path"], factory)
    return list(states.values())


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
        ptz_states = _add_mounts(server, gst_rtsp_server, spec)
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
    if ptz_states:
        def poll_ptz() -> bool:
            for state in ptz_states:
                state.poll()
            return True

        poll_ptz()
        glib.timeout_add(PTZ_POLL_MS, poll_ptz)

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
