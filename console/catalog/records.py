"""Catalogue value types shared by the importer, the services and the views."""

from __future__ import annotations

from enum import IntEnum


class CameraType(IntEnum):
    """GB/T 28181 Info.PTZType."""

    DOME = 1                 # 球机
    HALF_DOME = 2            # 半球
    BULLET = 3               # 固定枪机
    REMOTE_BULLET = 4        # 遥控枪机
    REMOTE_HALF_DOME = 5     # 遥控半球
    MULTI_PANORAMIC = 6      # 多目设备的全景/拼接通道
    MULTI_SPLIT = 7          # 多目设备的分割通道

    @property
    def steerable(self) -> bool:
        """Types that normally have PTZ (a catalogue may still override per camera)."""
        return self in (CameraType.DOME, CameraType.REMOTE_BULLET, CameraType.REMOTE_HALF_DOME)


# The names used in spreadsheets (Chinese as in the catalogues, English for export in en).
CAMERA_TYPE_NAMES: dict[CameraType, tuple[str, str]] = {
    CameraType.DOME: ("球机", "dome"),
    CameraType.HALF_DOME: ("半球", "half-dome"),
    CameraType.BULLET: ("固定枪机", "bullet"),
    CameraType.REMOTE_BULLET: ("遥控枪机", "remote bullet"),
    CameraType.REMOTE_HALF_DOME: ("遥控半球", "remote half-dome"),
    CameraType.MULTI_PANORAMIC: ("多目全景", "multi-sensor panoramic"),
    CameraType.MULTI_SPLIT: ("多目分割", "multi-sensor split"),
}

SHARE_TYPE_NAMES = {
    "unconditional": ("无条件共享", "unconditional"),
    "conditional": ("有条件共享", "conditional"),
    "not_shared": ("不予共享", "not shared"),
}

# Categories named by the Huangshan application form (001, note 2); a catalogue may add more.
STANDARD_CATEGORIES = ["小区周边", "道路交通", "背街小巷", "车站", "机场", "铁路沿线",
                       "校园周边"]
