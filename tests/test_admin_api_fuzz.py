"""The administration endpoints fuzzed from the centre's own OpenAPI schema, over mutual TLS
as an administrator's session: whatever the body, query or path, the answer is a 2xx or a
4xx refusal — never a 5xx (PostgreSQL is the stricter backend: it refuses NUL in text)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings

from console.api.wire import API_PREFIX
from tests.conftest import PASSWORD, World
from tests.support.catalog import add_cameras
from tests.support.cli import ADMINISTRATOR, CentreCli

MAC = "00:00:00:00:00:00"
# the administration routes (console/server/routes/admin, grants, catalog, privacy, capture,
# audit); the desk's routes are fuzzed with the desk
MINE = ("/admin/", "/grants", "/catalog/cameras", "/catalog/groups", "/privacy/cameras",
        "/privacy/exempt", "/capture/tools", "/audit/")
EXAMPLES = 40


@pytest.fixture
def cli(world: World, tmp_path: Path) -> Iterator[CentreCli]:
    add_cameras(world.db, world.clock)
    centre = CentreCli.start(world, tmp_path)
    yield centre
    centre.stop()


def test_no_input_makes_a_server_error(cli: CentreCli) -> None:
    http = requests.Session()
    http.trust_env = False
    tls: dict[str, Any] = {"verify": str(cli.files.ca),
                           "cert": (str(cli.files.cert), str(cli.files.key))}
    base = cli.harness.url
    login = http.post(f"{base}{API_PREFIX}/session", headers={"X-Terminal-Mac": MAC},
                      json={"account": ADMINISTRATOR, "password": PASSWORD, "kind": "cli"},
                      **tls)
    assert login.status_code == 200, login.text
    headers = {"X-Terminal-Mac": MAC, "Authorization": f"Bearer {login.json()['token']}"}
    raw = http.get(f"{base}{API_PREFIX}/openapi.json", headers=headers, **tls).json()
    schema = schemathesis.openapi.from_dict(raw)
    failures: list[tuple[str, str, int, str]] = []
    fuzzed = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() == "POST" and operation.path.endswith("/grants/emergency"):
            continue                                   # the desk's
        if not any(operation.path.startswith(API_PREFIX + p) for p in MINE):
            continue
        seen = _fuzz(operation, http, headers, tls, base, failures)
        fuzzed.append((operation.method, operation.path, dict(seen)))
    assert len(fuzzed) >= 25, fuzzed
    assert not failures, failures


def _fuzz(operation: Any, http: requests.Session, headers: dict[str, str],
          tls: dict[str, Any], base: str,
          failures: list[tuple[str, str, int, str]]) -> Counter[int]:
    seen: Counter[int] = Counter()

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy())
    def call(case: schemathesis.Case) -> None:
        case.headers = {**(case.headers or {}), **headers}
        response = case.call(session=http, base_url=base, **tls)
        seen[response.status_code] += 1
        if response.status_code >= 500:
            failures.append((operation.method, operation.path, response.status_code,
                             repr((case.body, case.query, case.path_parameters))[:300]))

    call()
    return seen
