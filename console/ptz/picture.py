"""Is a camera at home? Its live picture compared with its reference picture at home (R10,
for cameras whose protocol reads no position back: GB/T 28181 through the city platform).
Qt-free, database-free: OpenCV on small grey frames.

The method (chosen on a labelled set of real decoded frames, tests/test_ptz_picture.py: at
home minutes apart, at another preset, moved a little by pan, tilt or zoom):

1. both pictures grey, scaled to ``ANALYSIS_WIDTH``, blurred a little (sensor noise and
   compression blocks), each normalised to zero mean and unit spread (a picture a little
   brighter or darker than the reference is the same view);
2. **phase correlation** (``cv2.phaseCorrelate`` with a Hanning window) gives the shift of
   the whole picture against the reference: a camera that stopped a little off its preset
   shows as a shift of a few pixels, whatever moves inside the scene (cars, people, the
   burned-in clock), because those are a small share of the picture's energy;
3. a **structural score**: the normalised cross-correlation of the two pictures' gradient
   magnitudes (edges: buildings, road markings, poles), taken after undoing that shift.
   A zoom keeps the centre where it was (no shift) but scales every edge: the score falls;
   another preset falls on both.

At home: the shift is at most ``SHIFT_TOLERANCE`` of the picture's width and height and the
score at least ``SCORE_MIN``. Feature matching with a homography (ORB, 500 features, RANSAC)
was the other candidate: on the labelled set both told every case right, but ORB took 2-5×
the time (10-70 ms against 2-15 ms on this shared machine), lost two thirds of its
keypoints on the fogged frame (a threshold on their count is one more thing to tune), and
answers a harder question (where the view is) than the one asked (is it where it was)."""

from __future__ import annotations

import math

import cv2
import numpy as np
import numpy.typing as npt

from console.ptz.model import PictureMatch
from console.ptz.rules import PictureVerdict

Frame = npt.NDArray[np.uint8]     # H×W×3 BGR (as decoders give it) or H×W grey

ANALYSIS_WIDTH = 320
SHIFT_TOLERANCE = 0.012           # of the width/height: ~0.5° on a 45° lens
SCORE_MIN = 0.55
BLUR_SIGMA = 1.2
PNG_MAX_BYTES = 200_000           # a reference picture as stored (grey PNG, 320 wide)


def small_grey(frame: Frame, width: int = ANALYSIS_WIDTH) -> Frame:
    """``frame`` in grey, ``width`` wide (its aspect ratio kept; height even)."""
    grey = frame if frame.ndim == 2 else cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)
    h, w = grey.shape[:2]
    height = max(2, 2 * round(h * width / w / 2))
    if (w, h) != (width, height):
        grey = cv2.resize(grey, (width, height), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(grey, dtype=np.uint8)


def encode_reference(frame: Frame) -> bytes:
    """The reference picture as stored: grey PNG, ``ANALYSIS_WIDTH`` wide."""
    ok, data = cv2.imencode(".png", small_grey(frame))
    if not ok:
        raise ValueError("the reference picture could not be encoded")
    return bytes(data.tobytes())


def decode_reference(data: bytes) -> Frame:
    picture = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_GRAYSCALE)
    if picture is None:
        raise ValueError("the stored reference picture cannot be read")
    return np.asarray(picture, dtype=np.uint8)


def _normalised(grey: Frame) -> npt.NDArray[np.float32]:
    picture = cv2.GaussianBlur(grey.astype(np.float32), (0, 0), BLUR_SIGMA)
    spread = float(picture.std())
    return ((picture - float(picture.mean())) / (spread if spread > 1e-3 else 1.0)) \
        .astype(np.float32)


def _edges(picture: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    gx = cv2.Sobel(picture, cv2.CV_32F, 1, 0, ksize=3)
    gy = cv2.Sobel(picture, cv2.CV_32F, 0, 1, ksize=3)
    return np.asarray(cv2.magnitude(gx, gy), dtype=np.float32)


def _zncc(a: npt.NDArray[np.float32], b: npt.NDArray[np.float32]) -> float:
    a = a - float(a.mean())
    b = b - float(b.mean())
    denominator = math.sqrt(float((a * a).sum()) * float((b * b).sum()))
    return float((a * b).sum()) / denominator if denominator > 1e-6 else 0.0


def compare(reference: Frame, frame: Frame, *, shift_tolerance: float = SHIFT_TOLERANCE,
            score_min: float = SCORE_MIN) -> PictureMatch:
    """Compare ``frame`` (any size, BGR or grey) with ``reference`` (as stored)."""
    ref = small_grey(reference)
    live = small_grey(frame, ref.shape[1])
    if live.shape != ref.shape:     # another aspect ratio: another stream or camera
        live = np.asarray(cv2.resize(live, (ref.shape[1], ref.shape[0]),
                                     interpolation=cv2.INTER_AREA), dtype=np.uint8)
    a, b = _normalised(ref), _normalised(live)
    h, w = a.shape
    window = cv2.createHanningWindow((w, h), cv2.CV_32F)
    (dx, dy), response = cv2.phaseCorrelate(a, b, window)
    # undo the shift, then compare the edges where both pictures have content
    moved = np.array([[1.0, 0.0, -dx], [0.0, 1.0, -dy]], dtype=np.float32)
    aligned = np.asarray(cv2.warpAffine(b, moved, (w, h), flags=cv2.INTER_LINEAR,
                                        borderMode=cv2.BORDER_REFLECT), dtype=np.float32)
    mx, my = min(w // 4, int(abs(dx)) + 2), min(h // 4, int(abs(dy)) + 2)
    score = _zncc(_edges(a)[my:h - my, mx:w - mx], _edges(aligned)[my:h - my, mx:w - mx])
    shift_x, shift_y = dx / w, dy / h
    at_home = abs(shift_x) <= shift_tolerance and abs(shift_y) <= shift_tolerance \
        and score >= score_min
    return PictureMatch(PictureVerdict.AT_HOME if at_home else PictureVerdict.NOT_AT_HOME,
                        shift_x, shift_y, float(response), score)


def judge_picture(reference: bytes | None, frame: Frame | None) -> PictureMatch:
    """The verdict on a return home by picture: no reference or no picture is said as such
    (the return is then commanded, not verified), else the comparison's."""
    if reference is None:
        return PictureMatch(PictureVerdict.NO_REFERENCE)
    if frame is None or frame.size == 0:
        return PictureMatch(PictureVerdict.NO_PICTURE)
    try:
        stored = decode_reference(reference)
    except ValueError:
        return PictureMatch(PictureVerdict.NO_REFERENCE)
    return compare(stored, frame)
