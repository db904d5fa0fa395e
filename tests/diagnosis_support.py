"""The labelled set of degradations for the video diagnosis tests and benchmark: real
decoded frames (the test clips of tests/support/rtsp.py, decoded by PyAV at sub-stream size
704×576) and the same frames degraded the way cameras fail."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import av
import cv2
import numpy as np

from console.diagnosis.classifier import Finding

Frame = np.ndarray

SUB_STREAM = (704, 576)
CLEAN = "clean"


def decoded_frames(path: Path, every: int = 5, size: tuple[int, int] = SUB_STREAM
                   ) -> list[Frame]:
    """Every ``every``-th frame of ``path``, decoded and scaled to ``size`` (BGR)."""
    frames = []
    with av.open(str(path)) as container:
        for i, frame in enumerate(container.decode(video=0)):
            if i % every == 0:
                frames.append(frame.reformat(width=size[0], height=size[1],
                                             format="bgr24").to_ndarray())
    return frames


def _noisy(frame: np.ndarray, sigma: float, seed: int) -> Frame:
    rng = np.random.default_rng(seed)
    return np.clip(frame.astype(np.float32) + rng.normal(0, sigma, frame.shape), 0, 255
                   ).astype(np.uint8)


def _jpeg(frame: Frame, quality: int) -> Frame:
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    assert ok
    decoded: Frame = cv2.imdecode(data, cv2.IMREAD_COLOR)
    return decoded


def _motion_kernel(length: int) -> np.ndarray:
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    return kernel


def blurred(frame: Frame, variant: int) -> Frame:
    kinds = [lambda f: cv2.GaussianBlur(f, (0, 0), 3),
             lambda f: cv2.GaussianBlur(f, (0, 0), 5),
             lambda f: cv2.blur(f, (11, 11)),
             lambda f: cv2.blur(f, (17, 17)),
             lambda f: cv2.filter2D(f, -1, _motion_kernel(21))]
    out: Frame = kinds[variant % len(kinds)](frame)
    return out


def black(frame: Frame, variant: int) -> Frame:
    """Signal loss: a black picture with sensor noise, or a solid "no signal" screen."""
    if variant % 3 == 2:
        solid = np.empty_like(frame)
        solid[:] = (160, 60, 20)                       # a blue "无视频信号" screen
        return _noisy(solid, 1.0, variant)
    return _noisy(np.full_like(frame, 4 + variant % 3), 1.5, variant)


def covered_quarter(frame: Frame, variant: int) -> Frame:
    """One quarter covered (a hand, a bag, spray, a branch pressed on the lens), its own
    uniform colour with a little noise."""
    h, w = frame.shape[:2]
    quarter = variant % 4
    top, left = (quarter // 2) * h // 2, (quarter % 2) * w // 2
    colours = [(38, 40, 44), (90, 95, 100), (30, 60, 90), (200, 200, 205)]
    out = frame.copy()
    patch = np.empty((h // 2, w // 2, 3), np.uint8)
    patch[:] = colours[(variant // 4) % len(colours)]
    out[top:top + h // 2, left:left + w // 2] = _noisy(patch, 2.0, variant)
    return out


def colour_cast(frame: Frame, variant: int) -> Frame:
    """A white balance gone wrong: per channel gains (B, G, R)."""
    gains = [(0.6, 0.9, 1.25), (1.3, 0.95, 0.7), (0.75, 1.2, 0.75), (1.25, 0.8, 1.2),
             (0.55, 1.0, 1.0)]
    return np.clip(frame.astype(np.float32) * np.array(gains[variant % len(gains)],
                                                       np.float32), 0, 255).astype(np.uint8)


def bad_brightness(frame: Frame, variant: int) -> Frame:
    """Too dark (night without IR, a closed iris) or over-exposed (against the sun)."""
    if variant % 2 == 0:
        return (frame.astype(np.float32) * (0.12 + 0.04 * (variant % 3))).astype(np.uint8)
    return np.clip(frame.astype(np.float32) * 0.25 + 200, 0, 255).astype(np.uint8)


DEGRADATIONS = (
    (str(Finding.BLUR), blurred),
    (str(Finding.SIGNAL_LOSS), black),
    (str(Finding.OCCLUSION), covered_quarter),
    (str(Finding.COLOUR_CAST), colour_cast),
    (str(Finding.BRIGHTNESS), bad_brightness),
)


def labelled_checks(frames: list[Frame]) -> Iterator[tuple[str, Frame, Frame]]:
    """(label, previous check's frame, this check's frame): for every frame after the
    first, the clean frame first, then each degradation of it, then a frozen check (the
    previous frame again, re-encoded as a stream would deliver it)."""
    for i in range(1, len(frames)):
        previous, frame = frames[i - 1], frames[i]
        yield CLEAN, previous, frame
        for label, degrade in DEGRADATIONS:
            yield label, previous, degrade(frame, i)
        yield str(Finding.FROZEN), previous, _jpeg(previous, 80 + i % 15)
