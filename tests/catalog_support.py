"""Helpers for the catalogue tests: units, a service, and spreadsheets made on the fly
(openpyxl for xlsx, the csv module for csv) so that no binary file is committed."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import func, select

from console.admin.service import AdminService
from console.catalog.service import CatalogService
from console.clock import FixedClock
from console.codes import Action
from console.passwords import PasswordHashing
from console.secrets import SecretStore
from console.storage.database import Database
from console.storage.models import AuditRecord, Camera, CameraGroup, Project, Region
from tests.conftest import INSTALLER

UNITS = [("CITY-OPS", "市城市运行管理中心"), ("GUSU-PSB", "姑苏区公安分局"),
         ("CITY-TRAFFIC", "市交通运输局"), ("GUSU-STREET", "姑苏区平江街道")]

CAMERA_HEADER = ["设备编码", "点位名称", "位置名称", "行政区划代码", "行政区划名称", "监控类别",
                 "摄像机类型", "云台", "看守位", "建设单位", "维护单位", "联系方式", "项目名称",
                 "承建单位", "维保截止", "共享类型", "共享依据", "经度", "纬度", "主码流地址",
                 "子码流地址", "云台控制地址", "在线状态", "最后在线时间"]
PROJECT_HEADER = ["编号", "资源类型", "资源名称", "共享类型", "总建数量", "共享数量", "承建单位",
                  "维保期截至时间", "备注", "申报单位", "联系人"]
PROJECT = "2018年(第2批)姑苏区老旧小区交通安防和环境综合整治工程"

C1 = "32050801001320000001"
C2 = "32050801001310000002"
C3 = "32057103041328000003"


def camera_row(code: str, name: str = "平江路与白塔东路交叉口", **over: Any) -> list[Any]:
    values: dict[str, Any] = {
        "设备编码": code, "点位名称": name, "位置名称": "平江路北口", "行政区划代码": "",
        "行政区划名称": "", "监控类别": "背街小巷", "摄像机类型": "固定枪机", "云台": "",
        "看守位": "", "建设单位": "GUSU-STREET", "维护单位": "平江街道城管科",
        "联系方式": "0512-65181234", "项目名称": "", "承建单位": "", "维保截止": "",
        "共享类型": "无条件共享", "共享依据": "", "经度": "120.63", "纬度": "31.318",
        "主码流地址": f"rtsp://127.0.0.1:8554/demo/{code}/main",
        "子码流地址": f"rtsp://127.0.0.1:8554/demo/{code}/sub", "云台控制地址": "",
        "在线状态": "在线",
        "最后在线时间": "",
    }
    for key, value in over.items():
        assert key in values, key
        values[key] = value
    return [values[h] for h in CAMERA_HEADER]


def good_rows() -> list[list[Any]]:
    return [
        camera_row(C1, "平江路与白塔东路交叉口", 摄像机类型="球机", 看守位="1",
                   行政区划名称="平江街道", 项目名称=PROJECT, 承建单位="苏州城安智能科技有限公司",
                   维保截止="2023年12月31日"),
        camera_row(C2, "观前街北局", 建设单位="姑苏区公安分局", 共享类型="有条件共享",
                   共享依据="《公共安全视频图像信息系统管理条例》第十二条", 在线状态="离线",
                   最后在线时间="2026-11-20 08:30:00", 维保截止="2026/6/30"),
        camera_row(C3, "金鸡湖东岸", 建设单位="CITY-OPS", 监控类别="景区周边",
                   行政区划代码="32057103", 行政区划名称="金鸡湖街道", 共享类型="不予共享",
                   共享依据="涉及内部管理区域", 经度="", 纬度="", 摄像机类型="半球"),
    ]


def project_row(name: str = PROJECT, **over: Any) -> list[Any]:
    values: dict[str, Any] = {
        "编号": "01", "资源类型": "视频监控类", "资源名称": name, "共享类型": "无条件共享",
        "总建数量": "1121路", "共享数量": "1121", "承建单位": "苏州城安智能科技有限公司",
        "维保期截至时间": "2023年12月31日", "备注": "含里河、杨枝塘等N个区域视频监控",
        "申报单位": "GUSU-STREET", "联系人": "周建华"}
    values.update(over)
    return [values[h] for h in PROJECT_HEADER]


ANNEX_TITLE = [["姑苏区城市运行联动指挥平台视频资源共享接入城运平台申请格式"],
               ["单位（盖章）："], ["填报时间： 年 月 日"]]
ANNEX_FOOTER = [["联系人："], ["联系电话："]]


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def make_catalog(db: Database, clock: FixedClock, hashing: PasswordHashing
                 ) -> CatalogService:
    admin = AdminService(db, clock, hashing)
    for code, name in UNITS:
        admin.create_unit(INSTALLER, code, name)
    return CatalogService(db, clock, SecretStore())


def counts(db: Database) -> dict[str, int]:
    with db.transaction() as s:
        return {m.__tablename__: s.execute(select(func.count()).select_from(m)).scalar_one()
                for m in (Camera, Region, Project, CameraGroup)}


def audit_records(db: Database, action: Action) -> list[AuditRecord]:
    with db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == str(action))
                              .order_by(AuditRecord.seq)).scalars())


def camera(db: Database, code: str) -> Camera:
    with db.transaction() as s:
        return s.execute(select(Camera).where(Camera.code == code)).scalar_one()
