"""The centre's API fuzzed from its own OpenAPI schema, and the bad inputs the issue lists, one
by one (issue: "No client certificate, a certificate of another terminal, a wrong source IP,
an expired session, malformed JSON, out-of-range values, oversized bodies: each gets a 4xx
with a reason code and the field, is audited where it concerns identity, and never a 500").

The fuzzer talks to the real centre server (uvicorn, HTTPS, mutual TLS) as an enrolled
terminal from its registered address, with a live administrator session: every operation is
reached past the caller gate, which the table further down exercises itself."""

from __future__ import annotations

import json
import os
import shutil
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import jsonschema_rs
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from sqlalchemy import select, update

from console.api.wire import API_PREFIX, MAX_BODY_BYTES
from console.auth.service import token_hash
from console.clock import FixedClock
from console.codes import Action, Outcome, Reason
from console.passwords import PasswordHashing
from console.remote.client import _SourceAddressAdapter
from console.remote.terminal_files import TerminalFiles
from console.server.app import create_app
from console.server.centre import Centre
from console.storage.database import Database
from console.storage.models import AuditRecord, ConsoleSession, User
from tests.conftest import INSTALLER, PASSWORD, START, T42, T43, World, seed_world
from tests.support.catalog import CAMERAS, UNCOND, add_cameras
from tests.support.centre import LOOPBACK_MAC, CentreHarness

KNOWN_REASONS = {str(r) for r in Reason}
REFUSAL_KEYS = {"reason", "kind", "field", "message", "details"}
FUZZ_ACCOUNT = "zhaoliu"          # the administrator: every operation is his to try
# Examples per operation and generation mode (positive, negative) besides schemathesis' own
# boundary cases: about 45 s for the 33 operations on a 2-core machine, the same examples
# every run. A longer, random hunt: CONSOLE_FUZZ_EXAMPLES=200 CONSOLE_FUZZ_RANDOM=1 (and
# CONSOLE_FUZZ_POSTGRES=1 for PostgreSQL instead of SQLite).
MAX_EXAMPLES = int(os.environ.get("CONSOLE_FUZZ_EXAMPLES", "25"))
DERANDOMIZE = os.environ.get("CONSOLE_FUZZ_RANDOM", "") != "1"
CODES = list(CAMERAS)


# -- the fuzzer -------------------------------------------------------------------------------


def _schema_of_the_app() -> dict[str, Any]:
    """The schema the application generates (it depends on the routes only, not on a centre).

    schemathesis' fixture loader (``schemathesis.pytest.from_fixture``) fails under pytest 9
    (it sets ``Function._nodeid``, which pytest no longer has), so the tests are generated at
    collection from this; ``test_the_server_serves_the_schema_fuzzed`` checks that the live
    server serves the very same schema at /api/v1/openapi.json."""
    placeholder = cast(Centre, SimpleNamespace(db=None, clock=None,
                                                auth=SimpleNamespace(enforce=None), access=None))
    return create_app(placeholder).openapi()


RAW_SCHEMA = _schema_of_the_app()
# the routes their owners fuzz themselves once they are merged: administration
# (tests/test_admin_api_fuzz.py) and PTZ; the desk's and the session's are fuzzed here
OTHERS = (r"^/api/v1/(admin/|audit/|ptz/|catalog/(cameras|groups)|privacy/(cameras|exempt)"
          r"|grants($|/(?!emergency)))")
schema = schemathesis.openapi.from_dict(RAW_SCHEMA).exclude(path_regex=OTHERS)
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=DERANDOMIZE)


@dataclass
class FuzzTarget:
    harness: CentreHarness
    db: Database
    files: TerminalFiles
    http: requests.Session
    token: str = ""

    @property
    def base(self) -> str:
        return f"{self.harness.url}{API_PREFIX}"

    def _session_usable(self) -> bool:
        if not self.token:
            return False
        with self.db.transaction() as s:
            row = s.execute(select(ConsoleSession).where(
                ConsoleSession.token_hash == token_hash(self.token))).scalar_one_or_none()
            return row is not None and row.ended_at is None and row.locked_at is None

    def login(self) -> str:
        """A live, unlocked session of the administrator on this terminal — again after the
        fuzzer logged out, locked the screen or locked the account with wrong passwords."""
        if self._session_usable():
            return self.token
        with self.db.transaction() as s:
            s.execute(update(User).where(User.account == FUZZ_ACCOUNT).values(
                failed_attempts=0, locked_until=None, must_change_password=False))
        reply = self.http.post(f"{self.base}/session",
                               json={"account": FUZZ_ACCOUNT, "password": PASSWORD},
                               timeout=10)
        assert reply.status_code == 200, reply.text
        self.token = reply.json()["token"]
        return self.token

    def open_view(self) -> str:
        opened = self.http.post(f"{self.base}/views", json={"code": UNCOND},
                                headers={"Authorization": f"Bearer {self.token}"}, timeout=10)
        assert opened.status_code == 201, opened.text
        view: str = opened.json()["id"]
        return view

    def steer(self, case: Any) -> None:
        """Random camera codes, camera ids and view ids name nothing: two positive examples
        in three name a camera of the catalogue and the view this session opened instead,
        so that the fuzzer reaches past 'no such camera' into the services (and a valid
        grantee, a valid polygon)."""
        if case.meta is None or case.meta.generation.mode.is_negative:
            return
        pick = zlib.crc32(repr((case.path_parameters, case.query, case.body)).encode())
        if pick % 3 == 0:
            return
        view = self.open_view() if "view" in case.operation.path else ""
        code = CODES[pick % len(CODES)]
        known = {"code": code, "camera_id": 1 + pick % len(CODES), "view_id": view,
                 "name": ("catalog.xlsx", "catalog.csv")[pick % 2]}
        for container in (case.path_parameters, case.query):
            for key in set(container or {}) & set(known):
                container[key] = known[key]
        body = case.body
        if not isinstance(body, dict):
            return
        if "code" in body:
            body["code"] = code
        if "views" in body:
            body["views"] = [view, *body["views"][:3]]
        if "polygons" in body:
            body["polygons"] = [[(0.1, 0.1), (0.5, 0.1), (0.3, 0.4)], *body["polygons"][:1]]
        if "scope_kind" in body and case.operation.path.endswith("/grants/emergency"):
            body.update(scope_kind="camera", scope_value=code, unit="CENTRE", user=None,
                        hours=(None, 0.5)[pick % 2],
                        reason=str(body.get("reason", "")).strip() or "演练")


def terminal_http(files: TerminalFiles | None, source_ip: str, mac: str,
                  ca: Path | None = None) -> requests.Session:
    """A connection as a terminal makes it: its certificate (None: none), from ``source_ip``,
    reporting ``mac``."""
    http = requests.Session()
    http.trust_env = False
    if files is not None:
        http.cert = (str(files.cert), str(files.key))
    http.verify = str(ca or (files.ca if files else ""))
    http.mount("https://", _SourceAddressAdapter(source_ip))
    http.headers["X-Terminal-Mac"] = mac
    return http


@pytest.fixture(scope="module")
def fuzz_target(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                hashing: PasswordHashing) -> Iterator[FuzzTarget]:
    """The centre on SQLite (CONSOLE_FUZZ_POSTGRES=1: on the tests' PostgreSQL server)."""
    tmp = tmp_path_factory.mktemp("fuzz")
    if os.environ.get("CONSOLE_FUZZ_POSTGRES") == "1":
        server = request.getfixturevalue("postgres_server")
        db = Database(server.create_database(f"fuzz{os.getpid()}"))
    else:
        db = Database(f"sqlite:///{tmp / 'console.db'}")
    db.migrate()
    clock = FixedClock(START)
    world = seed_world(db, clock, hashing)
    world.admin.bind(INSTALLER, FUZZ_ACCOUNT, "T-0042")
    add_cameras(db, clock)
    harness = CentreHarness(db, clock, tmp, hashing).start()
    files = harness.enrol_existing("T-0042", T42)
    target = FuzzTarget(harness, db, files, terminal_http(files, T42.ip, T42.mac))
    yield target
    target.http.close()
    harness.stop()
    db.dispose()


def _declared(operation: Any, status: int) -> dict[str, Any] | None:
    """The response an operation declares for ``status`` (exact, then its range)."""
    responses: dict[str, dict[str, Any]] = operation.definition.raw.get("responses", {})
    return responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") \
        or responses.get("default")


@schemathesis.check
def refusal_body(ctx: Any, response: Any, case: Any) -> bool | None:
    """Never a 5xx; every answer that is no success is a 4xx with the one refusal body and a
    reason code the terminal knows."""
    assert response.status_code < 500, f"{response.status_code}: {response.text[:500]}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == REFUSAL_KEYS, body
        assert body["reason"] in KNOWN_REASONS, body
    return None


@schemathesis.check
def body_as_declared(ctx: Any, response: Any, case: Any) -> bool | None:
    """The JSON body validates against the schema the operation declares for its status, by
    JSON Schema 2020-12 as OpenAPI 3.1 says. (schemathesis' own response_schema_conformance
    rewrites ``prefixItems`` into ``items: [...]`` and then rejects its own rewrite as an
    invalid schema: it cannot check the privacy-mask answers, whose points are tuples.)"""
    declared = _declared(case.operation, response.status_code)
    content = (declared or {}).get("content", {}).get("application/json")
    sent = (response.headers.get("content-type") or [""])[0]
    if content is None or "schema" not in content or not sent.startswith("application/json"):
        return None
    document = {**content["schema"], "components": RAW_SCHEMA["components"]}
    errors = [e.message for e in jsonschema_rs.Draft202012Validator(document)
              .iter_errors(response.json())]
    assert not errors, f"{response.status_code} {case.operation.label}: {errors[:3]}"
    return None


def _has_tuples(operation: Any) -> bool:
    return "prefixItems" in json.dumps(operation.definition.raw.get("responses", {})) or any(
        "prefixItems" in json.dumps(RAW_SCHEMA["components"]["schemas"].get(ref.split("/")[-1],
                                                                           {}))
        for ref in _refs(operation.definition.raw.get("responses", {})))


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, derandomize=DERANDOMIZE, deadline=None, database=None,
          suppress_health_check=list(HealthCheck))
def test_api_fuzzed_from_its_schema(case: Any, fuzz_target: FuzzTarget) -> None:
    checks = [schemathesis.checks.not_a_server_error,
              schemathesis.checks.status_code_conformance,
              schemathesis.checks.content_type_conformance,
              schemathesis.checks.negative_data_rejection,
              refusal_body, body_as_declared]
    if not _has_tuples(case.operation):
        checks.append(schemathesis.checks.response_schema_conformance)
    token = fuzz_target.login()
    fuzz_target.steer(case)
    case.call_and_validate(
        base_url=fuzz_target.harness.url, session=fuzz_target.http,
        headers={"Authorization": f"Bearer {token}"}, checks=checks,
        verify=str(fuzz_target.files.ca),
        cert=(str(fuzz_target.files.cert), str(fuzz_target.files.key)), timeout=20)


def test_the_server_serves_the_schema_fuzzed(fuzz_target: FuzzTarget) -> None:
    served = fuzz_target.http.get(f"{fuzz_target.base}/openapi.json", timeout=10)
    assert served.status_code == 200
    assert served.json() == RAW_SCHEMA


# -- the bad inputs of the issue, one by one -------------------------------------------------


@dataclass
class Desk:
    """A real centre with three enrolled terminals: T-0042 (zhangsan logged in), T-0043
    (lisi logged in) and T-LOCAL on 127.0.0.1."""

    world: World
    centre: CentreHarness
    files: dict[str, TerminalFiles]
    tokens: dict[str, str]
    ca: Path

    def http(self, terminal: str | None, source_ip: str, mac: str = LOOPBACK_MAC
             ) -> requests.Session:
        return terminal_http(self.files[terminal] if terminal else None, source_ip, mac,
                             ca=self.ca)

    def url(self, path: str) -> str:
        return f"{self.centre.url}{API_PREFIX}{path}"


@pytest.fixture
def desk(world: World, tmp_path: Path) -> Iterator[Desk]:
    add_cameras(world.db, world.clock)
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    files = {"T-0042": centre.enrol_existing("T-0042", T42),
             "T-0043": centre.enrol_existing("T-0043", T43),
             "T-LOCAL": centre.enrol("T-LOCAL", unit="CENTRE")}
    tokens = {}
    for terminal, identity, account in (("T-0042", T42, "zhangsan"), ("T-0043", T43, "lisi")):
        with terminal_http(files[terminal], identity.ip, identity.mac) as http:
            reply = http.post(f"{centre.url}{API_PREFIX}/session",
                              json={"account": account, "password": PASSWORD}, timeout=10)
            assert reply.status_code == 200, reply.text
            tokens[terminal] = reply.json()["token"]
    yield Desk(world, centre, files, tokens, files["T-0042"].ca)
    centre.stop()


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def no_certificate(d: Desk) -> requests.Response:
    return d.http(None, T42.ip, T42.mac).get(d.url("/terminal"), timeout=10)


def certificate_of_another_terminal(d: Desk) -> requests.Response:
    """T-0043's certificate (and its MAC) presented from T-0042's address."""
    return d.http("T-0043", T42.ip, T43.mac).get(d.url("/terminal"), timeout=10)


def certificate_no_terminal_holds(d: Desk) -> requests.Response:
    """T-0042's previous certificate, after the terminal enrolled again."""
    old = TerminalFiles(d.centre.tmp_path / "old-T-0042")
    shutil.copytree(d.files["T-0042"].root, old.root)
    d.centre.enrol_existing("T-0042", T42)
    d.files["old"] = old
    return d.http("old", T42.ip, T42.mac).get(d.url("/terminal"), timeout=10)


def revoked_terminal(d: Desk) -> requests.Response:
    d.centre.centre.enrolment.revoke(INSTALLER, "T-0043")
    return d.http("T-0043", T43.ip, T43.mac).get(d.url("/terminal"), timeout=10)


def wrong_source_ip(d: Desk) -> requests.Response:
    """127.0.0.1's certificate from 127.0.0.2 (a certificate copied to another machine)."""
    return d.http("T-LOCAL", "127.0.0.2").get(d.url("/terminal"), timeout=10)


def wrong_mac(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T43.mac).get(d.url("/terminal"), timeout=10)


def session_of_another_terminal(d: Desk) -> requests.Response:
    """zhangsan's token (opened on T-0042) sent by T-0043."""
    return d.http("T-0043", T43.ip, T43.mac).post(
        d.url("/session/heartbeat"), json={}, headers=_bearer(d.tokens["T-0042"]), timeout=10)


def no_session_token(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).get(d.url("/catalogue"), timeout=10)


def unknown_session_token(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).get(
        d.url("/catalogue"), headers=_bearer("not-a-token-the-centre-gave"), timeout=10)


def ended_session(d: Desk) -> requests.Response:
    """zhangsan logged out; his token is used again."""
    http = d.http("T-0042", T42.ip, T42.mac)
    assert http.delete(d.url("/session"), headers=_bearer(d.tokens["T-0042"]),
                       timeout=10).status_code == 204
    return http.get(d.url("/catalogue"), headers=_bearer(d.tokens["T-0042"]), timeout=10)


def _expire_sessions(d: Desk) -> None:
    """The consoles stopped beating: the centre ends their sessions as stale."""
    d.world.clock.advance(timedelta(hours=1))
    assert d.centre.centre.auth.end_stale_sessions() == 2


def expired_session(d: Desk) -> requests.Response:
    _expire_sessions(d)
    return d.http("T-0042", T42.ip, T42.mac).get(
        d.url("/catalogue"), headers=_bearer(d.tokens["T-0042"]), timeout=10)


def view_opened_in_an_expired_session(d: Desk) -> requests.Response:
    _expire_sessions(d)
    return d.http("T-0042", T42.ip, T42.mac).post(
        d.url("/views"), json={"code": UNCOND}, headers=_bearer(d.tokens["T-0042"]),
        timeout=10)


def _post_raw(d: Desk, path: str, data: Any, **kw: Any) -> requests.Response:
    headers = {"Content-Type": "application/json", **_bearer(d.tokens["T-0042"]),
               **kw.pop("headers", {})}
    return d.http("T-0042", T42.ip, T42.mac).post(d.url(path), data=data, headers=headers,
                                                  timeout=10, **kw)


def malformed_json(d: Desk) -> requests.Response:
    return _post_raw(d, "/session/heartbeat", b'{"views": [')


def json_not_an_object(d: Desk) -> requests.Response:
    return _post_raw(d, "/session/heartbeat", b'["views"]')


def not_utf8(d: Desk) -> requests.Response:
    return _post_raw(d, "/session/heartbeat", b'{"views": ["\xff"]}')


def negative_idle_time(d: Desk) -> requests.Response:
    return _post_raw(d, "/session/heartbeat", json.dumps({"idle_seconds": -1}))


def too_many_views(d: Desk) -> requests.Response:
    return _post_raw(d, "/views/recheck", json.dumps({"views": ["ab"] * 501}))


def bad_view_id(d: Desk) -> requests.Response:
    return _post_raw(d, "/views/recheck", json.dumps({"views": ["ab", "XYZ"]}))


def camera_id_out_of_range(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).get(
        d.url("/cameras/0/details"), headers=_bearer(d.tokens["T-0042"]), timeout=10)


def camera_id_not_a_number(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).get(
        d.url("/cameras/99999999999999999999/details"), headers=_bearer(d.tokens["T-0042"]),
        timeout=10)


def unknown_field(d: Desk) -> requests.Response:
    return _post_raw(d, "/session/heartbeat", json.dumps({"views": [], "leases": 5}))


def grant_for_no_hours(d: Desk) -> requests.Response:
    return _post_raw(d, "/grants/emergency", json.dumps(
        {"unit": "CENTRE", "scope_kind": "camera", "scope_value": UNCOND, "rights": ["live"],
         "reason": "火灾", "hours": 0}))


def oversized_body(d: Desk) -> requests.Response:
    return _post_raw(d, "/session/heartbeat", b" " * (MAX_BODY_BYTES + 1))


def oversized_body_streamed(d: Desk) -> requests.Response:
    """No Content-Length (chunked): refused while it streams in."""
    def chunks() -> Iterator[bytes]:
        for _ in range(MAX_BODY_BYTES // 4096 + 2):
            yield b" " * 4096

    return _post_raw(d, "/session/heartbeat", chunks())


def unknown_endpoint(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).get(d.url("/no/such/thing"), timeout=10)


def wrong_method(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).put(d.url("/session/heartbeat"), json={},
                                                 headers=_bearer(d.tokens["T-0042"]),
                                                 timeout=10)


def nul_in_a_body(d: Desk) -> requests.Response:
    """PostgreSQL stores no NUL: refused at the door rather than a 500 from the database."""
    return _post_raw(d, "/capture/events", json.dumps({"kind": "ended", "tools": ["a\x00"]}))


def lone_surrogate_in_a_body(d: Desk) -> requests.Response:
    """Not Unicode: no database stores it (UTF-8 has no encoding for it)."""
    return _post_raw(d, "/capture/events", b'{"kind": "ended", "tools": ["a\\ud800b"]}')


def lone_surrogate_in_free_form_data(d: Desk) -> requests.Response:
    return _post_raw(d, "/capture/events", b'{"kind": "detected", "programs": [{"tool": '
                     b'"obs\\udfff", "kind": "recorder", "pid": 7, "process": "obs"}]}')


def nul_in_a_path(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).get(
        d.url("/privacy/masks/3205%00"), headers=_bearer(d.tokens["T-0042"]), timeout=10)


def nul_in_a_query(d: Desk) -> requests.Response:
    return d.http("T-0042", T42.ip, T42.mac).get(
        d.url("/catalog/export?name=cat%00.xlsx"), headers=_bearer(d.tokens["T-0042"]),
        timeout=10)


def _administrator(d: Desk) -> str:
    """zhaoliu (administrator) logged in on T-0042 too: his session's token."""
    d.world.admin.bind(INSTALLER, "zhaoliu", "T-0042")
    with d.world.db.transaction() as s:
        s.execute(update(User).where(User.account == "zhaoliu")
                  .values(must_change_password=False))
    reply = d.http("T-0042", T42.ip, T42.mac).post(
        d.url("/session"), json={"account": "zhaoliu", "password": PASSWORD}, timeout=10)
    assert reply.status_code == 200, reply.text
    token: str = reply.json()["token"]
    return token


def upload_named_dot_dot(d: Desk) -> requests.Response:
    """Kept as fileN while it is read (it was written onto its directory: a 500)."""
    return _post_raw(d, "/catalog/import", json.dumps(
        {"files": [{"name": "..", "content_base64": "eA=="}], "dry_run": True}),
        headers=_bearer(_administrator(d)))


# what is sent, then: status, reason, field, whether a CALLER_REFUSED record registers it
BAD_INPUTS: list[tuple[Callable[[Desk], requests.Response], int, Reason, str, bool]] = [
    (no_certificate, 401, Reason.NO_CLIENT_CERTIFICATE, "client_certificate", True),
    (certificate_of_another_terminal, 403, Reason.WRONG_SOURCE_IP, "source_ip", True),
    (certificate_no_terminal_holds, 401, Reason.CERTIFICATE_UNKNOWN, "client_certificate",
     True),
    (revoked_terminal, 403, Reason.TERMINAL_REVOKED, "client_certificate", True),
    (wrong_source_ip, 403, Reason.WRONG_SOURCE_IP, "source_ip", True),
    (wrong_mac, 403, Reason.WRONG_MAC, "x-terminal-mac", True),
    (session_of_another_terminal, 403, Reason.SESSION_OF_ANOTHER_TERMINAL, "authorization",
     True),
    (no_session_token, 401, Reason.NOT_AUTHENTICATED, "authorization", False),
    (unknown_session_token, 401, Reason.NOT_AUTHENTICATED, "authorization", False),
    (ended_session, 401, Reason.LOGOUT, "authorization", False),
    (expired_session, 401, Reason.SESSION_STALE, "authorization", False),
    (view_opened_in_an_expired_session, 401, Reason.SESSION_ENDED, "authorization", False),
    (malformed_json, 400, Reason.INVALID_INPUT, "body", False),
    (json_not_an_object, 400, Reason.INVALID_INPUT, "body", False),
    (not_utf8, 400, Reason.INVALID_INPUT, "body", False),
    (negative_idle_time, 400, Reason.INVALID_INPUT, "idle_seconds", False),
    (too_many_views, 400, Reason.INVALID_INPUT, "views", False),
    (bad_view_id, 400, Reason.INVALID_INPUT, "views.1", False),
    (camera_id_out_of_range, 400, Reason.INVALID_INPUT, "camera_id", False),
    (camera_id_not_a_number, 400, Reason.INVALID_INPUT, "camera_id", False),
    (unknown_field, 400, Reason.INVALID_INPUT, "leases", False),
    (grant_for_no_hours, 400, Reason.INVALID_INPUT, "hours", False),
    (oversized_body, 413, Reason.BODY_TOO_LARGE, "body", False),
    (oversized_body_streamed, 413, Reason.BODY_TOO_LARGE, "body", False),
    (unknown_endpoint, 404, Reason.NO_SUCH_ENDPOINT, "path", False),
    (wrong_method, 405, Reason.NO_SUCH_ENDPOINT, "method", False),
    (nul_in_a_body, 400, Reason.INVALID_INPUT, "tools", False),
    (lone_surrogate_in_a_body, 400, Reason.INVALID_INPUT, "tools.0", False),
    (lone_surrogate_in_free_form_data, 400, Reason.INVALID_INPUT, "programs", False),
    (nul_in_a_path, 400, Reason.INVALID_INPUT, "path", False),
    (nul_in_a_query, 400, Reason.INVALID_INPUT, "name", False),
    (upload_named_dot_dot, 400, Reason.IMPORT_REJECTED, "file", False),
]


def _caller_refusals(world: World, after: int) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(
            AuditRecord.action == Action.CALLER_REFUSED, AuditRecord.seq > after)
            .order_by(AuditRecord.seq)).scalars())


def _last_seq(world: World) -> int:
    with world.db.transaction() as s:
        return max(s.execute(select(AuditRecord.seq)).scalars(), default=0)


@pytest.mark.parametrize(("send", "status", "reason", "field", "audited"), BAD_INPUTS,
                         ids=[case[0].__name__ for case in BAD_INPUTS])
def test_a_bad_request_gets_a_4xx_naming_the_reason_and_the_field(
        desk: Desk, send: Callable[[Desk], requests.Response], status: int, reason: Reason,
        field: str, audited: bool) -> None:
    before = _last_seq(desk.world)
    answer = send(desk)
    assert answer.status_code == status, answer.text
    body = answer.json()
    assert set(body) == REFUSAL_KEYS
    assert (body["reason"], body["field"]) == (reason, field), body
    records = _caller_refusals(desk.world, before)
    if not audited:
        assert records == []
        return
    assert [(r.reason, r.outcome) for r in records] == [(reason, Outcome.DENIED)]
    params = json.loads(records[0].params)
    assert params["ip"] == body["details"]["ip"]
    assert params["mac"] == body["details"]["mac"]


def test_the_same_identity_refusal_is_registered_once_a_minute_per_source(desk: Desk) -> None:
    before = _last_seq(desk.world)
    for _ in range(3):
        assert wrong_source_ip(desk).status_code == 403
    assert no_certificate(desk).status_code == 401
    assert [r.reason for r in _caller_refusals(desk.world, before)] == [
        Reason.WRONG_SOURCE_IP, Reason.NO_CLIENT_CERTIFICATE]


def test_a_heartbeat_of_an_ended_session_says_why_it_ended(desk: Desk) -> None:
    """The one exception to 'a dead session gets a 401': the heartbeat is how the console
    learns that and why its session ended."""
    desk.world.clock.advance(timedelta(hours=1))
    desk.centre.centre.auth.end_stale_sessions()
    answer = desk.http("T-0042", T42.ip, T42.mac).post(
        desk.url("/session/heartbeat"), json={}, headers=_bearer(desk.tokens["T-0042"]),
        timeout=10)
    assert answer.status_code == 200
    assert (answer.json()["alive"], answer.json()["reason"]) == (False, Reason.SESSION_STALE)
