"""Automatic video diagnosis of one camera's picture (Qt-free, database-free): pure
functions on decoded BGR frames (numpy, as PyAV and OpenCV give them).

A check measures one frame (``measure``) and judges the measures (``classify``) against
the camera's own **baseline** — what its clean picture usually looks like — and against the
frame of its previous check. The classes and their formulas follow the practice of the
vendor VQD features and the open detectors (research wave2-anchors §(b)), all on a grey
frame scaled to ``ANALYSIS_WIDTH``:

- **signal loss** (black, or one solid colour — a "no signal" screen): the share of grey
  pixels ≤ ``BLACK_LEVEL`` ≥ ``BLACK_SHARE`` with a mean below ``BLACK_MEAN``, or a grey
  standard deviation below ``SOLID_STD``;
- **brightness** (too dark or over-exposed): the grey mean below ``DARK_MEAN`` or above
  ``BRIGHT_MEAN``, or the share of saturated pixels (≥ 236) above ``SATURATED_SHARE``;
- **blur**: the Laplacian variance (``cv2.Laplacian(gray, CV_64F).var()``) below
  ``BLUR_RATIO`` of the camera's baseline *and* the median of the 4×4 blocks' texture
  below ``BLUR_BLOCK_RATIO`` of theirs (blur takes the detail everywhere, a cover only
  where it is);
- **occlusion**: at least ``OCCLUDED_BLOCKS`` of the 4×4 blocks became near uniform (grey
  standard deviation below ``COVERED_STD`` and the standard deviation of their Laplacian
  below ``COVERED_TEXTURE``, as ChengHaoHappy's OcclusionDetect) where the baseline's same
  block was not (a block of plain sky is not "covered"), while the picture as a whole is
  not blurred;
- **colour cast**: the Lab chroma (a, b) moved from the camera's baseline — the median over
  the 4×4 blocks (covered ones left out) of each block's shift, so a cover or a change over
  part of the picture does not count — by at least ``CAST_SHIFT`` Lab units (the classic
  absolute ``K = D / M`` test misses a cast on a colourful scene and flags a scene that is
  simply colourful; the baseline answers both);
- **frozen**: the share of pixels of a 160-wide grey thumbnail that differ by more than
  ``FROZEN_DELTA`` from the previous check's below ``FROZEN_SHARE`` (a threshold, not exact
  equality: re-encoded streams are never bit-identical); not judged on a black frame.

The classes are exclusive where one explains the others: a lost signal is not also dark,
blurred or frozen; a dark or over-exposed picture is not also judged blurred, covered or
colour-cast. Blur, occlusion and cast need a baseline of ``WARMUP`` clean checks first;
the baseline follows the camera slowly (an exponential mean) and only from checks that
found nothing, so a fault never becomes the normal.

``Persistence`` raises a finding only once it has been seen in ``N`` consecutive checks
(the vendors' "alarm delay times") and clears it after ``clear_after`` clean ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

Frame = npt.NDArray[np.uint8]          # H×W×3 BGR, as decoders give it

ANALYSIS_WIDTH = 320
THUMB_WIDTH = 160
GRID = 4                               # 4×4 blocks
EDGE_MARGIN = 2

BLACK_LEVEL = 20
BLACK_SHARE = 0.95
BLACK_MEAN = 16.0
SOLID_STD = 3.0
DARK_MEAN = 30.0
BRIGHT_MEAN = 220.0
SATURATED_SHARE = 0.45
BLUR_RATIO = 0.25
BLUR_BLOCK_RATIO = 0.5
TEXTURE_FLOOR = 6.0                    # a block with less texture in the baseline is flat
COVERED_STD = 12.0                     # a covered block is near uniform…
COVERED_TEXTURE = 10.0                 # …without detail, where the baseline's was not uniform
OCCLUDED_BLOCKS = 2
CAST_SHIFT = 10.0
FROZEN_DELTA = 10
FROZEN_SHARE = 0.002
WARMUP = 3
BASELINE_ALPHA = 0.1


class Finding(StrEnum):
    SIGNAL_LOSS = "signal_loss"
    BRIGHTNESS = "brightness"
    BLUR = "blur"
    OCCLUSION = "occlusion"
    COLOUR_CAST = "colour_cast"
    FROZEN = "frozen"


@dataclass(frozen=True, slots=True)
class Measures:
    """What one frame measured (everything ``classify`` needs)."""

    mean: float                    # grey mean, 0-255
    std: float                     # grey standard deviation
    black_share: float             # share of grey pixels ≤ BLACK_LEVEL
    saturated_share: float         # share of grey pixels ≥ 236
    sharpness: float               # Laplacian variance
    block_texture: tuple[float, ...]   # per block: std of the Laplacian (GRID×GRID, row-major)
    block_std: tuple[float, ...]       # per block: grey standard deviation
    block_chroma: tuple[tuple[float, float], ...]  # per block: mean Lab (a−128, b−128)
    cast_k: float                  # the classic K = D / M (reported, not judged)
    thumb: Frame = field(repr=False, compare=False)  # THUMB_WIDTH-wide grey


@dataclass(frozen=True, slots=True)
class Baseline:
    """A camera's clean picture: exponential means over the checks that found nothing."""

    checks: int = 0
    sharpness: float = 0.0
    block_texture: tuple[float, ...] = ()
    block_std: tuple[float, ...] = ()
    block_chroma: tuple[tuple[float, float], ...] = ()

    @property
    def ready(self) -> bool:
        return self.checks >= WARMUP

    def to_json(self) -> dict[str, Any]:
        return {"checks": self.checks, "sharpness": self.sharpness,
                "block_texture": list(self.block_texture),
                "block_std": list(self.block_std),
                "block_chroma": [list(c) for c in self.block_chroma]}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Baseline:
        if not data:
            return cls()
        return cls(checks=int(data.get("checks", 0)),
                   sharpness=float(data.get("sharpness", 0.0)),
                   block_texture=tuple(float(x) for x in data.get("block_texture", ())),
                   block_std=tuple(float(x) for x in data.get("block_std", ())),
                   block_chroma=tuple((float(a), float(b))
                                      for a, b in data.get("block_chroma", ())))


@dataclass(frozen=True, slots=True)
class Verdict:
    findings: frozenset[Finding]
    values: dict[str, float]       # the figures behind them (for the fault's comment)


def _blocks(image: npt.NDArray[Any], margin: int = 0) -> list[npt.NDArray[Any]]:
    """The GRID×GRID blocks, row-major, each without ``margin`` pixels at its edges (a
    cover's own border is an edge: its Laplacian falls on the block's outer pixels)."""
    h, w = image.shape[:2]
    return [image[r * h // GRID + margin:(r + 1) * h // GRID - margin,
                  c * w // GRID + margin:(c + 1) * w // GRID - margin]
            for r in range(GRID) for c in range(GRID)]


def _scaled(frame: Frame, width: int) -> Frame:
    h, w = frame.shape[:2]
    height = max(1, round(h * width / w))
    return cv2.resize(frame, (width, height), interpolation=cv2.INTER_AREA)  # type: ignore[return-value]


def measure(frame: Frame) -> Measures:
    """Measure one BGR frame (any size; analysed at ANALYSIS_WIDTH)."""
    if frame.ndim != 3 or frame.shape[2] != 3 or frame.shape[0] < GRID or frame.shape[1] < GRID:
        raise ValueError(f"a BGR frame is H×W×3, not {frame.shape}")
    small = _scaled(frame, ANALYSIS_WIDTH)
    grey = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    laplacian = cv2.Laplacian(grey, cv2.CV_64F)
    lab = cv2.cvtColor(small, cv2.COLOR_BGR2LAB)
    a = lab[..., 1].astype(np.float32) - 128.0
    b = lab[..., 2].astype(np.float32) - 128.0
    da, db = float(a.mean()), float(b.mean())
    spread = float(np.sqrt(((a - da) ** 2).mean() + ((b - db) ** 2).mean()))
    pixels = grey.size
    thumb = cv2.resize(grey, (THUMB_WIDTH, max(1, round(grey.shape[0] * THUMB_WIDTH
                                                        / grey.shape[1]))),
                       interpolation=cv2.INTER_AREA)
    return Measures(
        mean=float(grey.mean()), std=float(grey.std()),
        black_share=float(np.count_nonzero(grey <= BLACK_LEVEL)) / pixels,
        saturated_share=float(np.count_nonzero(grey >= 236)) / pixels,
        sharpness=float(laplacian.var()),
        block_texture=tuple(float(blk.std()) for blk in _blocks(laplacian, EDGE_MARGIN)),
        block_std=tuple(float(blk.std()) for blk in _blocks(grey, EDGE_MARGIN)),
        block_chroma=tuple((float(ba.mean()), float(bb.mean()))
                           for ba, bb in zip(_blocks(a), _blocks(b), strict=True)),
        cast_k=float(np.hypot(da, db)) / max(spread, 1e-6),
        thumb=np.ascontiguousarray(thumb))


def frozen_share(thumb: Frame, previous: Frame | None) -> float | None:
    """The share of thumbnail pixels that changed by more than FROZEN_DELTA (None: no
    comparable previous thumbnail)."""
    if previous is None or previous.shape != thumb.shape:
        return None
    delta = cv2.absdiff(thumb, previous)
    return float(np.count_nonzero(delta > FROZEN_DELTA)) / delta.size


def _cast_shift(m: Measures, baseline: Baseline, covered: frozenset[int]) -> float:
    """How far the picture's chroma moved from the baseline: the median over the blocks not
    covered of each block's (a, b) shift."""
    shifts = np.array([(a - a0, b - b0) for i, ((a, b), (a0, b0))
                       in enumerate(zip(m.block_chroma, baseline.block_chroma, strict=True))
                       if i not in covered])
    if shifts.size == 0:
        return 0.0
    median = np.median(shifts, axis=0)
    return float(np.hypot(median[0], median[1]))


def classify(m: Measures, baseline: Baseline, previous_thumb: Frame | None = None) -> Verdict:
    """Judge one check's measures against the camera's baseline and previous thumbnail."""
    values: dict[str, float] = {"mean": round(m.mean, 1), "std": round(m.std, 1)}
    found: set[Finding] = set()
    black = (m.black_share >= BLACK_SHARE and m.mean < BLACK_MEAN) or m.std < SOLID_STD
    if black:
        values["black_share"] = round(m.black_share, 3)
        return Verdict(frozenset({Finding.SIGNAL_LOSS}), values)
    share = frozen_share(m.thumb, previous_thumb)
    if share is not None:
        values["changed_share"] = round(share, 4)
        if share < FROZEN_SHARE:
            found.add(Finding.FROZEN)
    if m.mean < DARK_MEAN or m.mean > BRIGHT_MEAN or m.saturated_share > SATURATED_SHARE:
        values["saturated_share"] = round(m.saturated_share, 3)
        found.add(Finding.BRIGHTNESS)
        return Verdict(frozenset(found), values)
    if not baseline.ready:
        return Verdict(frozenset(found), values)
    ratio = m.sharpness / max(baseline.sharpness, 1e-6)
    textured = [(now, base) for now, base in zip(m.block_texture, baseline.block_texture,
                                                 strict=True) if base >= TEXTURE_FLOOR]
    block_ratios = [now / base for now, base in textured]
    median_ratio = float(np.median(block_ratios)) if block_ratios else 1.0
    values.update(sharpness_ratio=round(ratio, 3), block_ratio=round(median_ratio, 3))
    covered = frozenset(
        i for i, (texture, std, base_std) in enumerate(zip(
            m.block_texture, m.block_std, baseline.block_std, strict=True))
        if std < COVERED_STD and texture < COVERED_TEXTURE and base_std >= 2 * COVERED_STD)
    if ratio < BLUR_RATIO and median_ratio < BLUR_BLOCK_RATIO:
        found.add(Finding.BLUR)
    else:
        values["covered_blocks"] = len(covered)
        if len(covered) >= OCCLUDED_BLOCKS:
            found.add(Finding.OCCLUSION)
    shift = _cast_shift(m, baseline, covered)
    values["cast_shift"] = round(shift, 1)
    if shift >= CAST_SHIFT:
        found.add(Finding.COLOUR_CAST)
    return Verdict(frozenset(found), values)


def updated_baseline(baseline: Baseline, m: Measures, verdict: Verdict) -> Baseline:
    """The baseline after a check: learnt from clean checks only (a plain mean while warming
    up, then an exponential one)."""
    if verdict.findings:
        return baseline
    if not baseline.block_texture:
        return Baseline(1, m.sharpness, m.block_texture, m.block_std, m.block_chroma)
    weight = 1.0 / (baseline.checks + 1) if baseline.checks < WARMUP else BASELINE_ALPHA

    def mix(old: float, new: float) -> float:
        return old + weight * (new - old)

    return Baseline(
        checks=baseline.checks + 1,
        sharpness=mix(baseline.sharpness, m.sharpness),
        block_texture=tuple(mix(o, n) for o, n in zip(baseline.block_texture,
                                                      m.block_texture, strict=True)),
        block_std=tuple(mix(o, n) for o, n in zip(baseline.block_std, m.block_std,
                                                  strict=True)),
        block_chroma=tuple((mix(oa, na), mix(ob, nb)) for (oa, ob), (na, nb)
                           in zip(baseline.block_chroma, m.block_chroma, strict=True)))


# -- persistence over N checks --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Streaks:
    """Per finding: consecutive checks it was seen (``seen``), consecutive clean checks
    since (``clean``), and which findings are raised."""

    seen: Mapping[str, int] = field(default_factory=dict)
    clean: Mapping[str, int] = field(default_factory=dict)
    raised: frozenset[str] = frozenset()

    def to_json(self) -> dict[str, Any]:
        return {"seen": dict(self.seen), "clean": dict(self.clean),
                "raised": sorted(self.raised)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any] | None) -> Streaks:
        if not data:
            return cls()
        return cls(seen={str(k): int(v) for k, v in data.get("seen", {}).items()},
                   clean={str(k): int(v) for k, v in data.get("clean", {}).items()},
                   raised=frozenset(str(x) for x in data.get("raised", ())))


@dataclass(frozen=True, slots=True)
class Persistence:
    """A finding is raised after ``checks`` consecutive checks that saw it, and cleared
    (may be raised again) after ``clear_after`` consecutive checks that did not."""

    checks: int = 3
    clear_after: int = 3

    def step(self, streaks: Streaks, findings: Sequence[str] | frozenset[str]
             ) -> tuple[Streaks, frozenset[str]]:
        """The streaks after one check that found ``findings``, and the findings newly
        raised by it."""
        seen: dict[str, int] = {}
        clean: dict[str, int] = {}
        raised = set(streaks.raised)
        new: set[str] = set()
        for kind in {*streaks.seen, *streaks.raised, *findings}:
            if kind in findings:
                seen[kind] = streaks.seen.get(kind, 0) + 1
                if seen[kind] >= self.checks and kind not in raised:
                    raised.add(kind)
                    new.add(kind)
            elif kind in raised:
                clean[kind] = streaks.clean.get(kind, 0) + 1
                if clean[kind] >= self.clear_after:
                    raised.discard(kind)
                    del clean[kind]
        return replace(streaks, seen=seen, clean=clean, raised=frozenset(raised)), \
            frozenset(new)
