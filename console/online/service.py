"""Online rates on the centre (issue 14 item 9): reads the recorded online/offline states
(``camera_online_changes``, written by the catalogue import when a camera is added or its
state changes) and computes the rates (console/online/rates.py).

Supervisors see the cameras their own unit owns, administrators every camera; other roles
are refused (the refusal is registered, the read is not)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from console.admin.validation import AdminError
from console.api.online_wire import RateRow, RatesAnswer
from console.audit.writer import Actor, AuditTrail
from console.clock import Clock
from console.codes import Action, Reason, Role
from console.command import CommandPath
from console.online.rates import (
    GROUPINGS,
    TARGET,
    CameraHistory,
    Change,
    Period,
    Rate,
    overall,
    period_bounds,
    rates,
)
from console.storage.database import Database
from console.storage.models import Camera, CameraOnlineChange, Region, Unit, User

READER_ROLES = frozenset({Role.SUPERVISOR, Role.ADMINISTRATOR})


class OnlineRateError(AdminError):
    """A refused online-rate read (``field`` names what)."""


class OnlineRateService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db, self._clock = db, clock
        self._path = CommandPath(db, clock, AuditTrail(clock))

    def rates(self, actor: Actor, period: Period | str = Period.DAY,
              day: datetime | None = None, by: str = "unit") -> RatesAnswer:
        """The rates over the ``period`` containing ``day`` (default: today), per ``by``
        (unit, region or all)."""
        refusal = None
        if actor.role not in READER_ROLES:
            refusal = OnlineRateError("actor", f"{actor.account} may not read online rates",
                                      Reason.NOT_PERMITTED)
        elif period not in set(Period):
            refusal = OnlineRateError("period", f"{period!r} is not day, week or month")
        elif by not in GROUPINGS:
            refusal = OnlineRateError("by", f"{by!r} is not unit, region or all")

        def body(s: Session, now: datetime) -> RatesAnswer:
            when = day or now
            start, end = period_bounds(period, when)
            if start > now:
                raise OnlineRateError("day", "that period has not begun")
            unit_id = None
            if actor.role != Role.ADMINISTRATOR:
                user = s.get(User, actor.user_id) if actor.user_id is not None else None
                unit_id = user.unit_id if user is not None else -1
            histories, names = _histories(s, unit_id, start, end)
            rows = rates(histories, period, when, now, by)
            instant = now if now < end else end - timedelta(microseconds=1)
            label = names[by]
            return RatesAnswer(period=Period(period), by=by, start=start, end=end,
                               instant=instant, target=TARGET,
                               rows=[_row(r, label.get(r.key, r.key)) for r in rows],
                               city=_row(overall(rows), ""))

        return self._path.run(actor, Action.ONLINE_RATES, f"online:{by}",
                              {"period": str(period), "by": by}, body, refusal=refusal,
                              audited=False, lock=False)


def unit_today(s: Session, unit_id: int, now: datetime) -> Rate:
    """The cameras ``unit_id`` owns, from the recorded states: online at ``now`` of those
    that existed then (point in time), and online hours of expected hours from the local
    day's start up to ``now`` (time weighted) — what a handover carries (console/duty/)."""
    start, end = period_bounds(Period.DAY, now)
    histories, _names = _histories(s, unit_id, start, end)
    return overall(rates(histories, Period.DAY, now, now, "all"))


def _row(rate: Rate, name: str) -> RateRow:
    return RateRow(key=rate.key, name=name, online=rate.online, total=rate.total,
                   online_hours=round(rate.online_hours, 4),
                   expected_hours=round(rate.expected_hours, 4),
                   point_rate=rate.point_rate, weighted_rate=rate.weighted_rate)


def _histories(s: Session, unit_id: int | None, start: datetime, end: datetime
               ) -> tuple[list[CameraHistory], dict[str, dict[str, str]]]:
    """Every camera (of ``unit_id``; None: all) with the states that matter for [start,
    end): the last one recorded before ``start`` and those within — not the whole history."""
    query = (select(Camera.id, Camera.code, Unit.code, Unit.name, Camera.region_code)
             .join(Unit, Unit.id == Camera.owner_unit_id))
    change = CameraOnlineChange
    before = (select(change.camera_id, func.max(change.at).label("at"))
              .where(change.at < start).group_by(change.camera_id).subquery())
    wanted = [
        select(change.id, change.camera_id, change.at, change.online).join(
            before, and_(change.camera_id == before.c.camera_id, change.at == before.c.at)),
        select(change.id, change.camera_id, change.at, change.online).where(
            change.at >= start, change.at < end),
    ]
    if unit_id is not None:
        query = query.where(Camera.owner_unit_id == unit_id)
        wanted = [q.join(Camera, Camera.id == change.camera_id)
                  .where(Camera.owner_unit_id == unit_id) for q in wanted]
    found: list[tuple[int, int, datetime, bool]] = []
    for q in wanted:
        found.extend((i, c, at, online) for i, c, at, online in s.execute(q))
    changes: dict[int, list[Change]] = defaultdict(list)
    for _id, camera_id, at, online in sorted(found, key=lambda r: (r[1], r[2], r[0])):
        changes[camera_id].append(Change(at, online))
    histories, units = [], {}
    for id_, code, unit_code, unit_name, region in s.execute(query):
        histories.append(CameraHistory(code, unit_code, region, changes.get(id_, [])))
        units[unit_code] = unit_name
    regions: dict[str, str] = dict(s.execute(select(Region.code, Region.name)).all())
    return histories, {"unit": units, "region": regions, "all": {}}
