"""The video diagnosis classifier (console/diagnosis/classifier.py) on a labelled set of
degradations made from real decoded frames (tests/diagnosis_support.py): per class
precision and recall ≥ 0.95, nothing found on clean frames; the baseline; persistence over
N checks."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from console.diagnosis.classifier import (
    WARMUP,
    Baseline,
    Finding,
    Persistence,
    Streaks,
    classify,
    measure,
    updated_baseline,
)
from tests.diagnosis_support import CLEAN, blurred, decoded_frames, labelled_checks
from tests.support.rtsp import MediaClips

LABELS = [CLEAN, *(str(f) for f in Finding)]


@pytest.fixture(scope="module")
def clips_frames(media_clips: MediaClips) -> dict[str, list[np.ndarray]]:
    """Every 5th frame (5 a second) of the two 10 s test clips, at sub-stream size."""
    return {path.stem: decoded_frames(path, every=5)
            for path in (media_clips.clip360, media_clips.clip720)}


def _warmed(frames: list[np.ndarray]) -> Baseline:
    baseline = Baseline()
    for frame in frames:
        m = measure(frame)
        baseline = updated_baseline(baseline, m, classify(m, baseline))
    return baseline


def _run(frames: list[np.ndarray]) -> Counter[tuple[str, str]]:
    """Judge every labelled check as the centre's job does: the baseline learnt from the
    first checks, then following the camera on each clean check."""
    baseline = _warmed(frames[:WARMUP + 1])
    confusion: Counter[tuple[str, str]] = Counter()
    for label, previous, frame in labelled_checks(frames[WARMUP + 1:]):
        m = measure(frame)
        verdict = classify(m, baseline, measure(previous).thumb)
        got = ",".join(sorted(verdict.findings)) or CLEAN
        confusion[(label, got)] += 1
        if label == CLEAN:
            baseline = updated_baseline(baseline, m, verdict)
    return confusion


def test_labelled_degradations_precision_and_recall(
        clips_frames: dict[str, list[np.ndarray]]) -> None:
    confusion: Counter[tuple[str, str]] = Counter()
    for frames in clips_frames.values():
        confusion += _run(frames)
    total = sum(confusion.values())
    assert total >= 7 * 80, confusion                     # ≥ 80 checks of every class
    report = {}
    for label in LABELS:
        truth = sum(n for (want, _got), n in confusion.items() if want == label)
        found = sum(n for (_want, got), n in confusion.items() if label in got.split(","))
        hits = sum(n for (want, got), n in confusion.items()
                   if want == label and label in got.split(","))
        report[label] = (hits / found if found else 0.0, hits / truth)
    for label, (precision, recall) in report.items():
        assert precision >= 0.95 and recall >= 0.95, (label, report, confusion)
    # A clean frame never raises anything (not one finding in every clean check)
    clean_findings = {got: n for (want, got), n in confusion.items() if want == CLEAN}
    assert clean_findings == {CLEAN: clean_findings.get(CLEAN, 0)}, clean_findings


def test_no_finding_on_a_clean_camera_over_its_whole_clip(
        clips_frames: dict[str, list[np.ndarray]]) -> None:
    """Every frame of the clips, checked in turn as one camera, with the persistence
    rule: nothing raised."""
    persistence = Persistence(checks=3)
    for frames in clips_frames.values():
        baseline, streaks, previous = Baseline(), Streaks(), None
        for frame in frames:
            m = measure(frame)
            verdict = classify(m, baseline, previous)
            assert not verdict.findings, verdict
            streaks, raised = persistence.step(streaks, verdict.findings)
            assert not raised
            baseline, previous = updated_baseline(baseline, m, verdict), m.thumb


@pytest.mark.parametrize(("findings", "raised_after"), [
    # seen on N consecutive checks: raised on the Nth, once
    ([{"blur"}] * 5, [set(), set(), {"blur"}, set(), set()]),
    # interrupted: the count starts again
    ([{"blur"}, {"blur"}, set(), {"blur"}, {"blur"}, {"blur"}],
     [set(), set(), set(), set(), set(), {"blur"}]),
    # two at once, one stops short
    ([{"frozen", "blur"}, {"frozen", "blur"}, {"frozen"}, {"frozen"}],
     [set(), set(), {"frozen"}, set()]),
    # raised, cleared after 3 clean checks, raised again after 3 more
    ([{"occlusion"}] * 3 + [set()] * 3 + [{"occlusion"}] * 3,
     [set(), set(), {"occlusion"}, set(), set(), set(), set(), set(), {"occlusion"}]),
    # raised, 2 clean checks are not enough to clear it: not raised a second time
    ([{"occlusion"}] * 3 + [set()] * 2 + [{"occlusion"}] * 3,
     [set(), set(), {"occlusion"}, set(), set(), set(), set(), set()]),
])
def test_persistence_over_n_checks(findings: list[set[str]],
                                   raised_after: list[set[str]]) -> None:
    persistence, streaks = Persistence(checks=3, clear_after=3), Streaks()
    got = []
    for found in findings:
        streaks, raised = persistence.step(streaks, frozenset(found))
        got.append(set(raised))
        assert Streaks.from_json(streaks.to_json()) == streaks
    assert got == raised_after


def test_blur_is_judged_only_against_a_ready_baseline_and_faults_never_teach_it(
        clips_frames: dict[str, list[np.ndarray]]) -> None:
    frames = clips_frames["clip360"]
    fuzzy = measure(blurred(frames[0], 1))
    # A camera that is blurred from its first check: no baseline to judge against yet
    assert Finding.BLUR not in classify(fuzzy, Baseline()).findings
    baseline = _warmed(frames[:WARMUP])
    assert baseline.ready and Baseline.from_json(baseline.to_json()) == baseline
    verdict = classify(fuzzy, baseline)
    assert verdict.findings == {Finding.BLUR}
    assert verdict.values["sharpness_ratio"] < 0.25
    # the blurred check does not move the baseline
    assert updated_baseline(baseline, fuzzy, verdict) == baseline


@pytest.mark.parametrize(("shape", "ok"), [((576, 704, 3), True), ((576, 704), False),
                                            ((2, 2, 3), False), ((576, 704, 4), False)])
def test_measure_wants_a_bgr_frame(shape: tuple[int, ...], ok: bool) -> None:
    frame = np.zeros(shape, np.uint8)
    if ok:
        assert classify(measure(frame), Baseline()).findings == {Finding.SIGNAL_LOSS}
    else:
        with pytest.raises(ValueError, match="BGR"):
            measure(frame)


def test_the_clips_are_real_decoded_video(clips_frames: dict[str, list[np.ndarray]],
                                          media_clips: MediaClips) -> None:
    assert {k: len(v) for k, v in clips_frames.items()} == {"clip360": 50, "clip720": 50}
    assert all(f.shape == (576, 704, 3) for v in clips_frames.values() for f in v)
    assert Path(media_clips.clip360).stat().st_size > 10_000
