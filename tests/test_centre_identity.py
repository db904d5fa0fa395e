"""R2 on the server: enrolment with a one-time code, and who may talk to the centre — the
terminal's certificate, from its registered address, reporting its registered MAC, with a
session opened on that very terminal. Every refusal is a 4xx with a reason code and is
registered with what the centre saw. Real centre server, real mutual TLS; 127.0.0.x stand
for different machines."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from console.api.errors import Refused
from console.codes import Action, Outcome, Reason
from console.identity import TerminalIdentity
from console.remote.auth import RemoteAuth
from console.remote.client import CentreClient
from console.remote.enrol import EnrolError, enrol
from console.remote.terminal_files import TerminalFiles
from console.storage.models import AuditRecord, Terminal
from tests.conftest import PASSWORD, World
from tests.support.centre import INSTALLER, LOOPBACK_MAC, CentreHarness

HERE = TerminalIdentity("127.0.0.1", LOOPBACK_MAC)


@pytest.fixture
def centre(world: World, tmp_path: Path):
    harness = CentreHarness(world.db, world.clock, tmp_path, world.hashing).start()
    yield harness
    harness.stop()


def _records(world: World, action: Action) -> list[AuditRecord]:
    with world.db.transaction() as s:
        return list(s.execute(select(AuditRecord).where(AuditRecord.action == action)
                              .order_by(AuditRecord.seq)).scalars())


def _auth(client: CentreClient, ip: str = "127.0.0.1") -> RemoteAuth:
    from console.identity import StaticIdentity

    return RemoteAuth(client, StaticIdentity(ip, LOOPBACK_MAC))


# -- enrolment -----------------------------------------------------------------------------

ENROLMENT_CASES = [
    # (case, how to spoil the attempt, reason the centre gives)
    ("a mistyped code", "typo", Reason.ENROLMENT_CODE_INVALID),
    ("a code used before", "reuse", Reason.ENROLMENT_CODE_INVALID),
    ("an expired code", "expire", Reason.ENROLMENT_CODE_INVALID),
    ("another machine's address", "other_ip", Reason.WRONG_SOURCE_IP),
    ("another MAC reported", "other_mac", Reason.WRONG_MAC),
]


@pytest.mark.parametrize(("case", "spoil", "reason"), ENROLMENT_CASES,
                         ids=[c[0] for c in ENROLMENT_CASES])
def test_enrolment_is_refused_and_registered(centre: CentreHarness, world: World,
                                             tmp_path: Path, case: str, spoil: str,
                                             reason: Reason) -> None:
    code = centre.register("T-NEW", unit="CENTRE")
    files = TerminalFiles(tmp_path / "t")
    ip, identity = "127.0.0.1", HERE
    if spoil == "typo":
        code = code[:-1] + ("A" if code[-1] != "A" else "B")
    elif spoil == "reuse":
        enrol(centre.url, code, HERE, TerminalFiles(tmp_path / "first"), source_ip=ip)
    elif spoil == "expire":
        world.clock.advance(timedelta(hours=73))
    elif spoil == "other_ip":
        ip = "127.0.0.2"
    elif spoil == "other_mac":
        identity = TerminalIdentity("127.0.0.1", "00:1a:2b:3c:4d:ff")
    with pytest.raises(EnrolError, match=str(reason)):
        enrol(centre.url, code, identity, files, source_ip=ip)
    assert not files.enrolled()                           # nothing kept on the terminal
    refused = [r for r in _records(world, Action.TERMINAL_ENROL)
               if r.outcome == Outcome.DENIED]
    assert refused[-1].reason == reason
    assert f'"ip":"{ip}"' in refused[-1].params        # what the centre saw


def test_enrolment_gives_the_terminal_a_certificate_only_it_can_use(
        centre: CentreHarness, world: World, tmp_path: Path) -> None:
    files = centre.enrol("T-NEW", unit="CENTRE")
    assert files.enrolled()
    assert files.key.stat().st_mode & 0o777 == 0o600
    with world.db.transaction() as s:
        terminal = s.execute(select(Terminal).where(Terminal.name == "T-NEW")).scalar_one()
        assert terminal.cert_fingerprint and terminal.enrolled_at is not None
    granted = [r for r in _records(world, Action.TERMINAL_ENROL) if r.outcome == Outcome.OK]
    assert granted[-1].target == "T-NEW"
    # the code is never in the register, only its public part
    issued = _records(world, Action.TERMINAL_ENROL_CODE)[-1]
    assert "code_id" in issued.params and "-" not in issued.params.split('"code_id":"')[1][:5]


def test_a_client_that_is_not_the_centre_cannot_fake_the_answer(
        centre: CentreHarness, tmp_path: Path) -> None:
    """An impostor does not know the code: its answer fails the HMAC and nothing is kept."""
    import ssl
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    answer = b'{"terminal":"T","certificate_pem":"x","ca_pem":"y","proof":"' + b"0" * 64 + b'"}'

    class Impostor(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.send_response(200)
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *_args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Impostor)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(centre.data.server_cert, centre.data.server_key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    code = centre.register("T-NEW", unit="CENTRE")
    files = TerminalFiles(tmp_path / "t")
    with pytest.raises(EnrolError, match="does not prove knowledge of the code"):
        enrol(f"https://127.0.0.1:{server.server_port}", code, HERE, files)
    assert not files.enrolled()
    server.server_close()


# -- who may call --------------------------------------------------------------------------


def _enrolled(centre: CentreHarness, world: World) -> TerminalFiles:
    files = centre.enrol("T-LOCAL", unit="CENTRE")
    world.admin.bind(INSTALLER, "zhangsan", "T-LOCAL")
    return files


def test_a_certificate_copied_to_another_machine_is_refused_at_login_and_on_a_session(
        centre: CentreHarness, world: World) -> None:
    files = _enrolled(centre, world)
    here = centre.client(files)
    result = _auth(here).login("zhangsan", PASSWORD)
    assert result.ok
    # the same key and certificate, used from 127.0.0.2
    copy = centre.client(files, source_ip="127.0.0.2")
    denied = _auth(copy, "127.0.0.2").login("zhangsan", PASSWORD)
    assert not denied.ok and denied.reason == Reason.WRONG_SOURCE_IP
    copy.remember(result.session.session_id, here.token_of(result.session.session_id) or "")
    with pytest.raises(Refused) as refused:
        copy.post("/session/heartbeat", session=result.session.session_id, json={})
    assert refused.value.status == 403 and refused.value.reason == Reason.WRONG_SOURCE_IP
    assert refused.value.details == {"ip": "127.0.0.2", "mac": LOOPBACK_MAC}
    seen = [r for r in _records(world, Action.CALLER_REFUSED)
            if r.reason == Reason.WRONG_SOURCE_IP]
    assert seen and '"registered_ip":"127.0.0.1"' in seen[-1].params
    # the real terminal goes on
    assert _auth(here).heartbeat(result.session.session_id).alive


def test_a_revoked_terminal_is_refused_on_its_next_request(
        centre: CentreHarness, world: World) -> None:
    files = _enrolled(centre, world)
    client = centre.client(files)
    session = _auth(client).login("zhangsan", PASSWORD).session  # type: ignore[union-attr]
    for _ in range(2):      # the second from the caller kept after the first's check
        assert client.post("/session/heartbeat", session=session.session_id, json={})["alive"]
    centre.centre.enrolment.revoke(INSTALLER, "T-LOCAL")
    with pytest.raises(Refused) as refused:
        client.post("/session/heartbeat", session=session.session_id, json={})
    assert refused.value.reason == Reason.TERMINAL_REVOKED
    assert _records(world, Action.TERMINAL_REVOKE)[-1].target == "T-LOCAL"


def test_a_session_token_works_only_on_its_own_terminal(
        centre: CentreHarness, world: World) -> None:
    files = _enrolled(centre, world)
    other = centre.enrol("T-OTHER", unit="CENTRE", ip="127.0.0.5")
    mine = centre.client(files)
    session = _auth(mine).login("zhangsan", PASSWORD).session  # type: ignore[union-attr]
    thief = centre.client(other, source_ip="127.0.0.5")
    thief.remember(session.session_id, mine.token_of(session.session_id) or "")
    with pytest.raises(Refused) as refused:
        thief.get("/catalogue", session=session.session_id)
    assert refused.value.reason == Reason.SESSION_OF_ANOTHER_TERMINAL


def test_a_mac_seen_on_the_wire_must_match(world: World, tmp_path: Path) -> None:
    """Where the terminal shares the server's segment the neighbour table shows its MAC; a
    machine that reports the registered MAC but has another on the wire is refused. (On
    loopback there is no neighbour table; the table is given here as the server would read
    it from /proc/net/arp.)"""
    centre = CentreHarness(world.db, world.clock, tmp_path, world.hashing,
                           neighbours={"127.0.0.1": "00:16:3e:00:00:01"}).start()
    try:
        code = centre.register("T-WIRE", unit="CENTRE")
        with pytest.raises(EnrolError, match=str(Reason.WRONG_MAC)):
            enrol(centre.url, code, HERE, TerminalFiles(tmp_path / "t"))
    finally:
        centre.stop()


def test_no_certificate_no_service(centre: CentreHarness, world: World) -> None:
    bare = CentreClient(centre.url, mac=LOOPBACK_MAC, ca=centre.data.ca_cert)
    with pytest.raises(Refused) as refused:
        bare.get("/policy", needs_session=False)
    assert refused.value.status == 401 and refused.value.reason == Reason.NO_CLIENT_CERTIFICATE
    assert bare.get("/health", needs_session=False)["status"] == "ok"   # the link itself


@pytest.mark.parametrize("change", ["unbind", "disable"])
def test_the_binding_and_the_account_are_checked_on_every_request(
        centre: CentreHarness, world: World, change: str) -> None:
    """Not only the heartbeat: the very next request of a session whose person was unbound
    from the terminal (or disabled) ends it, and nothing is served to it."""
    from console.access.model import SessionGone

    files = _enrolled(centre, world)
    client = centre.client(files)
    session = _auth(client).login("zhangsan", PASSWORD).session  # type: ignore[union-attr]
    assert client.get("/catalogue/revision", session=session.session_id)
    for _ in range(2):      # the second from the caller kept after the first's check
        assert _auth(client).heartbeat(session.session_id).alive
    if change == "unbind":
        world.admin.unbind(INSTALLER, "zhangsan", "T-LOCAL")
        reason = Reason.TERMINAL_NOT_BOUND
    else:
        world.admin.set_user_state(INSTALLER, "zhangsan", enabled=False)
        reason = Reason.USER_DISABLED
    assert _auth(client).heartbeat(session.session_id).reason == reason
    with pytest.raises(SessionGone):
        client.get("/catalogue", session=session.session_id)
    ended = [r for r in _records(world, Action.SESSION_END) if r.reason == reason]
    assert len(ended) == 1
