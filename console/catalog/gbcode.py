"""GB/T 28181 20-digit device codes and civil (行政区划) codes.

A device code is: centre code 8 digits (行政区划 2+2+2+2), industry 2, type 3, network 1,
serial 6 (GB/T 28181-2016 appendix D; WVP's GbCode.decode splits it the same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from console.catalog.problems import Problem, english

# Type codes (chars 11-13) that denote a camera-like source a console can open.
CAMERA_TYPES = {
    "131": "camera",          # 摄像机
    "132": "ip_camera",       # 网络摄像机 IPC
    "121": "checkpoint",      # 视频卡口
    "138": "mobile",          # 移动传输设备
}
# Device types that are not cameras but are seen in catalogues (a code of these is refused
# as a camera, with the reason named).
NON_CAMERA_TYPES = {
    "111": "DVR", "112": "video server", "113": "encoder", "118": "NVR",
    "200": "signalling server", "215": "business group", "216": "virtual organisation",
}
NETWORKS = {"0", "1", "2", "5", "6", "7", "8"}


class CodeError(ValueError):
    """A malformed national or civil code: a problem code with its parameters."""

    def __init__(self, code: Problem, **params: Any) -> None:
        super().__init__(english(code, params))
        self.code, self.params = code, params


@dataclass(frozen=True, slots=True)
class DeviceCode:
    code: str
    civil_code: str     # 8 digits (trailing "00" pairs mean a higher level)
    industry: str
    type_code: str
    network: str
    serial: str

    @property
    def region_code(self) -> str:
        """The civil code without trailing zero pairs: 3205080100 -> 32050801."""
        return trim_civil_code(self.civil_code)


def parse_device_code(text: str) -> DeviceCode:
    """Validate a camera's national code; CodeError names what is wrong."""
    code = text.strip()
    if len(code) != 20 or not code.isascii() or not code.isdigit():
        raise CodeError(Problem.DEVICE_CODE_LENGTH, value=repr(code))
    civil, industry, type_code, network, serial = (code[:8], code[8:10], code[10:13],
                                                   code[13], code[14:])
    if civil[:2] == "00":
        raise CodeError(Problem.DEVICE_CODE_CIVIL, value=repr(code))
    if type_code in NON_CAMERA_TYPES:
        raise CodeError(Problem.DEVICE_CODE_NOT_CAMERA, value=repr(code), type=type_code,
                        device=NON_CAMERA_TYPES[type_code])
    if type_code not in CAMERA_TYPES:
        raise CodeError(Problem.DEVICE_CODE_TYPE, value=repr(code), type=type_code,
                        types=", ".join(sorted(CAMERA_TYPES)))
    if network not in NETWORKS:
        raise CodeError(Problem.DEVICE_CODE_NETWORK, value=repr(code), digit=network)
    return DeviceCode(code, civil, industry, type_code, network, serial)


def trim_civil_code(code: str) -> str:
    code = code.strip()
    while len(code) > 2 and code.endswith("00"):
        code = code[:-2]
    return code


def parse_civil_code(text: str) -> str:
    """A region code of 2, 4, 6 or 8 digits (trailing zero pairs removed: 320508 00 -> 320508)."""
    code = text.strip()
    if not code.isascii() or not code.isdigit() or len(code) not in (2, 4, 6, 8, 9, 12):
        raise CodeError(Problem.CIVIL_CODE_FORM, value=repr(code))
    code = trim_civil_code(code[:8] if len(code) > 8 else code)
    if code == "00" or len(code) % 2:
        raise CodeError(Problem.CIVIL_CODE_INVALID, value=repr(text.strip()))
    return code


def region_path(code: str) -> list[str]:
    """The region and its ancestors from the top: 32050801 -> [32, 3205, 320508, 32050801]."""
    return [code[:n] for n in range(2, len(code) + 1, 2)]
