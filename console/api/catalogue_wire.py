"""The permitted catalogue on the wire: one row of values per camera under one list of column
names, instead of 100,000 objects repeating every key. Measured here with 100,000 cameras:
18.9 MB against 53.9 MB for the object form (pydantic), and the same time to read on the
terminal (1.0 s); the centre gzips it on the way (responses over 64 kB). The details fields
stay empty, as in the snapshot itself: a camera's details come one at a time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from console.access.model import CameraEntry, PermittedCatalogue
from console.codes import Right, ShareType
from console.grants.rules import Rights

COLUMNS = ("id", "code", "name", "location", "region_code", "category", "camera_type",
           "ptz_capable", "home_preset", "owner_unit_code", "owner_unit_name", "share_type",
           "online", "rights", "until", "purpose", "needs_purpose")


class CatalogueWireError(ValueError):
    """The centre's answer is not a catalogue this terminal understands."""


def _time(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def _parse_time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def encode(catalogue: PermittedCatalogue) -> dict[str, Any]:
    rows = [[e.id, e.code, e.name, e.location, e.region_code, e.category, e.camera_type,
             e.ptz_capable, e.home_preset, e.owner_unit_code, e.owner_unit_name,
             e.share_type.value, e.online, int(e.rights),
             {str(k): _time(v) for k, v in e.until.items()} if e.until else {},
             e.purpose, e.needs_purpose] for e in catalogue.entries]
    return {"columns": list(COLUMNS), "rows": rows, "region_names": catalogue.region_names,
            "built_at": _time(catalogue.built_at), "next_change": _time(catalogue.next_change),
            "revision": catalogue.revision}


def decode(data: dict[str, Any]) -> PermittedCatalogue:
    try:
        if tuple(data["columns"]) != COLUMNS:
            raise CatalogueWireError(f"catalogue columns {data['columns']!r} are not "
                                     f"{list(COLUMNS)!r} (terminal and centre versions differ)")
        share = {t.value: t for t in ShareType}
        rights = {int(r): Rights(r) for r in range(16)}
        untils: dict[tuple[tuple[str, str | None], ...], dict[Right, datetime | None]] = {}
        entries = []
        for r in data["rows"]:
            key = tuple(sorted(r[14].items()))
            until = untils.get(key)
            if until is None:
                until = untils[key] = {Right(k): _parse_time(v) for k, v in key}
            entries.append(CameraEntry(
                id=r[0], code=r[1], name=r[2], location=r[3], region_code=r[4],
                category=r[5], camera_type=r[6], ptz_capable=r[7], home_preset=r[8],
                owner_unit_code=r[9], owner_unit_name=r[10], share_type=share[r[11]],
                online=r[12], rights=rights[r[13]], until=until, purpose=r[15],
                needs_purpose=r[16]))
        built = _parse_time(data["built_at"])
        if built is None:
            raise CatalogueWireError("catalogue without built_at")
        return PermittedCatalogue(entries=entries, region_names=dict(data["region_names"]),
                                  built_at=built, next_change=_parse_time(data["next_change"]),
                                  revision=str(data["revision"]))
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        if isinstance(exc, CatalogueWireError):
            raise
        raise CatalogueWireError(f"malformed catalogue from the centre: {exc!r}"[:300]) \
            from None
