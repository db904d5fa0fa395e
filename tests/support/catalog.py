"""Cameras for tests, written straight into the catalogue tables (the importer has its own
tests)."""

from __future__ import annotations

from sqlalchemy import select

from console.clock import Clock
from console.settings_store import bump_access_revision
from console.storage.database import Database
from console.storage.models import Camera, CameraGroup, CameraGroupMember, Region, Unit

# code -> (name, share type, owner unit, region)
CAMERAS = {
    "32050801001310000001": ("平江路与白塔东路交叉口", "unconditional", "CENTRE", "32050801"),
    "32050801001310000002": ("观前街北局", "conditional", "POLICE-GS", "32050801"),
    "32050802001310000003": ("拙政园东门", "conditional", "POLICE-GS", "32050802"),
    "32050801001310000004": ("派出所门口", "not_shared", "POLICE-GS", "32050801"),
    "32050601041310000005": ("吴中大道", "unconditional", "POLICE-GS", "32050601"),
}
UNCOND, COND, COND_OTHER_STREET, NOT_SHARED, UNCOND_WUZHONG = CAMERAS


def add_cameras(db: Database, clock: Clock, cameras: dict[str, tuple[str, str, str, str]]
                | None = None, *, ptz: bool = True) -> None:
    now = clock.now()
    with db.transaction() as s:
        units = dict(s.execute(select(Unit.code, Unit.id)).all())
        for code, name in (("3205", "苏州市"), ("320508", "姑苏区"), ("32050801", "平江街道"),
                           ("32050802", "沧浪街道"), ("320506", "吴中区"),
                           ("32050601", "长桥街道")):
            if s.get(Region, code) is None:
                s.add(Region(code=code, name=name))
        for code, (name, share, owner, region) in (cameras or CAMERAS).items():
            s.add(Camera(code=code, name=name, location=f"{name}路口", region_code=region,
                         category="道路交通", camera_type=1 if ptz else 3, ptz_capable=ptz,
                         home_preset=1 if ptz else None, owner_unit_id=units[owner],
                         maintainer="某维保公司", contact="0512-65000000", project_id=None,
                         contractor="某施工公司", warranty_end=None, share_type=share,
                         legal_basis="" if share == "unconditional" else "《条例》第十二条",
                         longitude=120.62, latitude=31.32,
                         main_stream=f"rtsp://127.0.0.1:8554/demo/{code}/main",
                         sub_stream=f"rtsp://127.0.0.1:8554/demo/{code}/sub",
                         has_credentials=False, online=True, last_seen=now, updated_at=now))
        bump_access_revision(s)


def add_group(db: Database, name: str, codes: list[str]) -> None:
    with db.transaction() as s:
        group = CameraGroup(name=name, description="")
        s.add(group)
        s.flush()
        for code in codes:
            camera_id = s.execute(select(Camera.id).where(Camera.code == code)).scalar_one()
            s.add(CameraGroupMember(group_id=group.id, camera_id=camera_id))
        bump_access_revision(s)
