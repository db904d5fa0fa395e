"""The demo PTZ cameras' picture follows their position: the RTSP server's ``ptz`` mount
(console/demo/rtsp_server.py, real GStreamer, decoded with PyAV) shows the window of the
panorama (console/demo/panorama.py) that the state file asks for, and the demo wiring
(console/demo/streams.py) gives PTZ cameras those mounts."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import av
import cv2
import numpy as np
import pytest

from console.demo import panorama, rtsp_server
from console.demo.panorama import ensure_panorama, ensure_panoramas
from console.demo.rtsp_spec import (
    LiveMount,
    PtzMount,
    RtspServerProcess,
    RtspServerUnavailableError,
    spec_json,
)
from console.demo.streams import PtzPicture, demo_mounts, demo_ptz_cameras
from console.overlay import demo_panorama
from console.overlay.demo_panorama import render_panorama

CODE = "32050801011328000001"
TUNED = {"rtsp_transport": "tcp", "analyzeduration": "0", "probesize": "32768",
         "fpsprobesize": "0"}
OUT_W, OUT_H = 640, 360
SMALL = (160, 90)  # pictures are compared at this size, in grey
HOME = (0.0, 0.0, 0.0)
POSITIONS = {"home": HOME, "pan right": (1.0, 0.0, 0.0), "pan left": (-1.0, 0.0, 0.0),
             "tilt up": (0.0, 1.0, 0.0), "zoom in": (0.0, 0.0, 1.0),
             "mixed": (-0.4, -0.6, 0.5), "up right": (0.5, 0.5, 0.5)}
MATCH = 12       # mean grey difference of a picture and the view it shows (others: > 40)


# -- panorama ---------------------------------------------------------------------------------


def _pixels(image) -> np.ndarray:
    """A QImage (RGB32) as an H×W×3 array."""
    from PySide6.QtGui import QImage

    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    array = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(),
                                                            rgb.bytesPerLine())
    return array[:, :rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3).copy()


@pytest.fixture(scope="module")
def panorama_png(qapp, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_panorama(CODE, tmp_path_factory.mktemp("panoramas"))


def test_a_panorama_is_large_and_the_same_for_its_code_only(qapp, panorama_png: Path):
    from PySide6.QtGui import QFont, QFontMetricsF, QImage

    assert panorama_png.name == f"panorama-{CODE}-v{panorama.PANORAMA_VERSION}.png"
    image = QImage(str(panorama_png))
    assert (image.width(), image.height()) == (3840, 2160)
    once, again = _pixels(render_panorama(CODE, 960, 540)), _pixels(render_panorama(CODE, 960, 540))
    other = _pixels(render_panorama("32050802001326000001", 960, 540))
    assert np.array_equal(once, again)
    assert np.abs(once.astype(int) - other.astype(int)).mean() > 20
    assert once.std() > 40  # a picture, not a blank
    # the shop signs and the home marker are Chinese: the font draws them
    assert QFontMetricsF(QFont(demo_panorama.FONT)).inFontUcs4(ord("看"))


def test_a_cached_panorama_is_not_drawn_again(qapp, panorama_png: Path, monkeypatch):
    stamp = panorama_png.stat().st_mtime_ns

    def refuse(*args):
        raise AssertionError("drawn again")

    monkeypatch.setattr(panorama, "_draw_in_child", refuse)
    assert ensure_panorama(CODE, panorama_png.parent) == panorama_png
    assert panorama_png.stat().st_mtime_ns == stamp


def test_a_child_process_draws_them(qapp, tmp_path):
    """The panoramas are drawn by a child process (offscreen Qt), never by an application
    made in the caller (the console starts the demo before its QApplication exists)."""
    from PySide6.QtGui import QImage

    paths = ensure_panoramas(["c1", "c2"], tmp_path / "cache")
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
        f"panorama-c1-v{panorama.PANORAMA_VERSION}.png",
        f"panorama-c2-v{panorama.PANORAMA_VERSION}.png"]
    drawn = QImage(str(paths["c1"]))
    assert (drawn.width(), drawn.height()) == (3840, 2160)
    here = _pixels(render_panorama("c1"))
    assert np.abs(_pixels(drawn).astype(int) - here.astype(int)).mean() < 1


# -- the picture follows the state ------------------------------------------------------------


def _grey_small(rgb: np.ndarray) -> np.ndarray:
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    return cv2.resize(grey, SMALL, interpolation=cv2.INTER_AREA).astype(float)


def _body(small: np.ndarray) -> np.ndarray:
    """The middle of a picture: clear of the label, the OSD and the clock burned in."""
    h = small.shape[0]
    return small[h // 5: h - h // 5, :]


def _difference(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(_body(a) - _body(b)).mean())


@pytest.fixture(scope="module")
def expected_views(qapp, panorama_png: Path) -> dict[str, np.ndarray]:
    """What each position must show, cut from the panorama with the server's geometry."""
    from PySide6.QtGui import QImage

    whole = _pixels(QImage(str(panorama_png)))
    height, width = whole.shape[:2]
    views = {}
    for name, position in POSITIONS.items():
        left, right, top, bottom = rtsp_server.crop_box(width, height, OUT_W, OUT_H, position)
        views[name] = _grey_small(whole[top:height - bottom, left:width - right])
    return views


class PtzCamera:
    def __init__(self, state_file: Path, url: str) -> None:
        self.state_file, self.url = state_file, url

    def write(self, pan: float, tilt: float, zoom: float) -> None:
        """As the ONVIF peer writes it: a temporary file, then os.replace."""
        tmp = self.state_file.with_name(".state.tmp")
        tmp.write_text(json.dumps({"pan": pan, "tilt": tilt, "zoom": zoom, "moving": False}))
        os.replace(tmp, self.state_file)


@pytest.fixture(scope="module")
def ptz_camera(panorama_png: Path, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[PtzCamera]:
    state = tmp_path_factory.mktemp("peer") / f"{CODE}.json"
    mount = PtzMount("/ptz", OUT_W, OUT_H, 25, "云台 PTZ", str(panorama_png), str(state))
    server = RtspServerProcess([mount])
    try:
        server.start()
    except RtspServerUnavailableError as exc:
        server.close()
        pytest.skip(str(exc))
    yield PtzCamera(state, server.url("/ptz"))
    server.close()


def _settle(frames: Iterator[av.VideoFrame], expected: np.ndarray,
            timeout_s: float = 4.0) -> np.ndarray:
    """Decode until the picture matches ``expected`` (or the time is up), then a third of
    a second more (the encoder refines a new static picture over a few frames): the last."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _difference(_grey_small(next(frames).to_ndarray(format="rgb24")), expected) < MATCH:
            break
    for _ in range(8):
        frame = next(frames)
    return _grey_small(frame.to_ndarray(format="rgb24"))


def test_the_picture_follows_pan_tilt_zoom_and_returns_home(ptz_camera, expected_views):
    views = expected_views
    # the views really differ, so matching one is proof
    for name in POSITIONS:
        if name != "home":
            assert _difference(views[name], views["home"]) > 15, name

    ptz_camera.state_file.unlink(missing_ok=True)  # no state yet: home
    with av.open(ptz_camera.url, options=TUNED, timeout=(5, 5)) as container:
        frames = container.decode(video=0)
        first = next(frames)
        assert (first.width, first.height) == (OUT_W, OUT_H)
        seen = {"home": _settle(frames, views["home"])}
        for name in ("pan right", "tilt up", "zoom in", "pan left", "mixed"):
            ptz_camera.write(*POSITIONS[name])
            seen[name] = _settle(frames, views[name])
        ptz_camera.write(*HOME)
        seen["home again"] = _settle(frames, views["home"])
        ptz_camera.write(*POSITIONS["up right"])
        seen["up right"] = _settle(frames, views["up right"])
        ptz_camera.state_file.write_text("{not json")  # malformed: home
        seen["home after junk"] = _settle(frames, views["home"])

    for name, picture in seen.items():
        target = "home" if name.startswith("home") else name
        errors = {other: _difference(picture, view) for other, view in views.items()}
        assert errors[target] < MATCH, (name, errors)
        assert errors[target] < min(e for o, e in errors.items() if o != target) / 3, \
            (name, errors)
    # back home shows the home view again (the clock and labels move; a loaded machine can
    # hand over a frame a few grey levels off — still far from every other view)
    assert _difference(seen["home"], seen["home again"]) < MATCH


def test_crop_box_keeps_the_centre_when_zooming_and_stays_inside():
    wide = rtsp_server.crop_box(3840, 2160, 1280, 720, (0.3, -0.2, 0.0))
    tele = rtsp_server.crop_box(3840, 2160, 1280, 720, (0.3, -0.2, 1.0))

    def centre_and_width(box):
        left, right, top, bottom = box
        return (left + (3840 - right)) / 2, (top + (2160 - bottom)) / 2, 3840 - left - right

    (x0, y0, w0), (x1, y1, w1) = centre_and_width(wide), centre_and_width(tele)
    assert abs(x0 - x1) <= 2 and abs(y0 - y1) <= 2
    assert w0 == 1920 and w1 == 480
    for corner in [(1, 1, 0), (-1, -1, 0), (1, -1, 1), (-1, 1, 0.5)]:
        box = rtsp_server.crop_box(3840, 2160, 640, 360, corner)
        assert min(box) >= 0 and all(v % 2 == 0 for v in box)


def test_read_position_clamps_and_falls_back_home(tmp_path):
    state = tmp_path / "s.json"
    assert rtsp_server.read_position(str(state)) == HOME
    state.write_text(json.dumps({"pan": 3, "tilt": -0.25, "zoom": -1}))
    assert rtsp_server.read_position(str(state)) == (1.0, -0.25, 0.0)
    for junk in ('{"pan": "x", "tilt": 0, "zoom": 0}', "[]", '{"pan": NaN, "tilt": 0, "zoom": 0}'):
        state.write_text(junk)
        assert rtsp_server.read_position(str(state)) == HOME
    assert rtsp_server.osd_text((0.32, -0.1, 0.15)) == "P +0.32 T -0.10 Z 0.15"


# -- the demo wiring --------------------------------------------------------------------------


def test_demo_ptz_cameras_get_ptz_mounts_and_the_others_live_ones(tmp_path):
    picture = PtzPicture(tmp_path / "p.png", tmp_path / "peer" / "A.json")
    mounts = demo_mounts([("A", "球机"), ("B", "枪机")], ptz={"A": picture})
    assert mounts[:2] == [
        PtzMount("/demo/A/sub", 640, 360, 15, "球机  A", str(picture.panorama),
                 str(picture.state_file)),
        PtzMount("/demo/A/main", 1280, 720, 25, "球机  A", str(picture.panorama),
                 str(picture.state_file)),
    ]
    assert all(isinstance(m, LiveMount) for m in mounts[2:])
    assert json.loads(spec_json(mounts))[0]["kind"] == "ptz"
    with pytest.raises(ValueError, match="absolute"):
        spec_json([PtzMount("/x", 640, 360, 15, "", "rel.png", "/abs/s.json")])


def test_the_demo_catalogue_names_its_ptz_cameras_and_their_ports(sqlite_db, clock, hashing):
    from console.admin.service import AdminService
    from console.demo.seed import ensure_demo
    from tests.conftest import T42

    ensure_demo(sqlite_db, AdminService(sqlite_db, clock, hashing), clock, T42)
    cameras = demo_ptz_cameras(sqlite_db)
    assert cameras, "the demo catalogue has PTZ cameras"
    ports = [port for _, _, port in cameras]
    assert len(set(ports)) == len(ports)
    assert all(8580 <= port < 8600 for port in ports)
    assert all(len(code) == 20 and name for code, name, _ in cameras)
