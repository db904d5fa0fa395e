"""The demo catalogue imports cleanly with the demo units and looks like a Suzhou catalogue."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from console.catalog.demo import DEMO_CATALOGUE_FILES
from console.catalog.gbcode import parse_device_code
from console.clock import FixedClock
from console.storage.database import Database
from console.storage.models import Camera, Project, Region
from tests.catalog_support import make_catalog
from tests.conftest import INSTALLER


def test_demo_catalogue(db: Database, clock: FixedClock, hashing) -> None:
    assert all(path.is_file() for path in DEMO_CATALOGUE_FILES)
    catalog = make_catalog(db, clock, hashing)
    summary = catalog.import_files(INSTALLER, DEMO_CATALOGUE_FILES)
    assert (summary.cameras.added, summary.projects.added) == (60, 4)
    assert summary.new_categories == []            # only the standard categories
    assert summary.ignored_columns == [] and summary.credentials_stored == 0
    with db.transaction() as s:
        cameras = list(s.execute(select(Camera)).scalars())
        regions = dict(s.execute(select(Region.code, Region.name)).all())
        projects = list(s.execute(select(Project)).scalars())
    shares = Counter(c.share_type for c in cameras)
    assert shares == {"unconditional": 36, "conditional": 18, "not_shared": 6}
    assert all(c.legal_basis for c in cameras if c.share_type != "unconditional")
    domes = [c for c in cameras if c.ptz_capable]
    assert 8 <= len(domes) <= 10 and all(c.home_preset == 1 for c in domes)
    assert sum(not c.online for c in cameras) == 6
    assert all(c.last_seen is not None for c in cameras if not c.online)
    for c in cameras:
        parse_device_code(c.code)
        assert c.main_stream == f"rtsp://127.0.0.1:8554/demo/{c.code}/main"
        assert c.sub_stream == f"rtsp://127.0.0.1:8554/demo/{c.code}/sub"
        assert 31.1 < (c.latitude or 0) < 31.5 and 120.4 < (c.longitude or 0) < 120.9
        assert c.region_code.startswith("3205")
    assert {"3205": "苏州市", "320508": "姑苏区", "320571": "苏州工业园区", "320506": "吴中区",
            "320507": "相城区", "32050801": "平江街道"}.items() <= regions.items()
    assert {p.name for p in projects} >= {"2018年(第2批)姑苏区老旧小区交通安防和环境综合整治工程"}
    assert all(p.contractor and p.warranty_end for p in projects)
    # seeding twice changes nothing
    again = catalog.import_files(INSTALLER, DEMO_CATALOGUE_FILES)
    assert (again.cameras.unchanged, again.projects.unchanged) == (60, 4)
