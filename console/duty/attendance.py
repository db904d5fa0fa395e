"""Who was actually there during a shift (R12): the console sessions the centre recorded,
set against the roster — each planned person's logins (terminal, from, to), a late start
(first login more than ``late_after`` after the shift began), time without any session
(``gaps`` of at least ``min_gap`` after the first login), nobody at all (absent), and people
of the unit who logged in without being on the roster. Qt-free, database-free."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

LATE_AFTER = timedelta(minutes=5)
MIN_GAP = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class Stint:
    """One console session: who, on which terminal, from when, until when (None: live)."""

    account: str
    terminal: str
    start: datetime
    end: datetime | None


@dataclass(frozen=True, slots=True)
class Presence:
    account: str
    planned: bool
    stints: tuple[Stint, ...]                      # clipped to the shift
    first_login: datetime | None
    late_by: timedelta | None                      # None: on time (or not begun)
    absent: bool
    gaps: tuple[tuple[datetime, datetime], ...] = field(default=())


def _union(spans: Iterable[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def presence(account: str, *, planned: bool, starts_at: datetime, ends_at: datetime,
             now: datetime, stints: Sequence[Stint], late_after: timedelta = LATE_AFTER,
             min_gap: timedelta = MIN_GAP) -> Presence:
    """One person's presence on a shift from ``starts_at`` to ``ends_at``, as seen at ``now``."""
    horizon = min(ends_at, now)
    clipped: list[Stint] = []
    for s in stints:
        if s.account != account:
            continue
        if s.start > horizon or (s.end is not None and s.end <= starts_at
                                 and s.start < starts_at):
            continue               # after what is seen so far, or over before the shift
        start = max(s.start, starts_at)
        end = max(start, min(s.end or horizon, horizon))   # a login that ended at once counts
        clipped.append(Stint(account, s.terminal, start, end))
    clipped.sort(key=lambda s: s.start)
    first = clipped[0].start if clipped else None
    begun = now > starts_at + late_after
    late = None
    if first is not None and first - starts_at > late_after:
        late = first - starts_at
    absent = planned and first is None and begun
    gaps: list[tuple[datetime, datetime]] = []
    if first is not None:
        cursor = first
        for start, end in _union((s.start, s.end or s.start) for s in clipped):
            if start - cursor >= min_gap:
                gaps.append((cursor, start))
            cursor = max(cursor, end)
        if horizon - cursor >= min_gap:
            gaps.append((cursor, horizon))
    return Presence(account, planned, tuple(clipped), first, late, absent, tuple(gaps))


def attendance(planned: Sequence[str], *, starts_at: datetime, ends_at: datetime,
               now: datetime, stints: Sequence[Stint], late_after: timedelta = LATE_AFTER,
               min_gap: timedelta = MIN_GAP) -> list[Presence]:
    """Every planned person (in roster order), then everyone else who has a session during
    the shift (``stints`` should hold the unit's sessions that overlap it)."""
    others = sorted({s.account for s in stints} - set(planned))
    rows = [presence(a, planned=True, starts_at=starts_at, ends_at=ends_at, now=now,
                     stints=stints, late_after=late_after, min_gap=min_gap) for a in planned]
    for account in others:
        row = presence(account, planned=False, starts_at=starts_at, ends_at=ends_at, now=now,
                       stints=stints, late_after=late_after, min_gap=min_gap)
        if row.stints:
            rows.append(row)
    return rows
