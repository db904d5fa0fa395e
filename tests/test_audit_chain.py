"""The usage register is tamper-evident (R11): verify finds an edited, a deleted and a forged
record, on SQLite and on PostgreSQL, through the service and through `main.py server
audit-verify` on the centre's host (``main.py audit verify`` asks the centre:
tests/test_cli_audit_session.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from console.audit.chain import GENESIS_HASH, RecordContent
from console.audit.verify import verify_trail
from console.server.data_dir import DataDir, ServerConfig
from console.server.setup import create_keys
from console.storage.database import Database
from main import main
from tests.conftest import PASSWORD, T42, World


def _verify(db: Database):
    with db.transaction() as s:
        return verify_trail(s)


def _server_verify(world: World, tmp_path: Path, *args: str) -> int:
    """``main.py server audit-verify`` on a centre data directory for the world's database."""
    data = DataDir(tmp_path / "centre")
    if not data.exists():
        create_keys(data, ServerConfig(world.db.url.render_as_string(hide_password=False),
                                       ("127.0.0.1",), "测试中心"), world.clock.now())
    return main(["server", "audit-verify", "--data-dir", str(data.root), *args])


def _raw(db: Database, *statements: str) -> None:
    """Tamper with the table as someone with direct database access would: first switch off
    the append-only triggers, then change rows."""
    with db.engine.begin() as conn:
        if db.is_sqlite:
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_records_no_update")
            conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_records_no_delete")
        else:
            conn.exec_driver_sql("ALTER TABLE audit_records DISABLE TRIGGER USER")
        for statement in statements:
            conn.execute(text(statement))


def _rehash(db: Database, seq: int) -> None:
    """A cleverer forger: recompute the edited record's own hash."""
    from console.storage.models import AuditRecord

    with db.transaction() as s:
        r = s.get(AuditRecord, seq)
        assert r is not None
        content = RecordContent(
            seq=r.seq, at=r.at, actor=r.actor, session_id=r.session_id, terminal=r.terminal,
            ip=r.ip, mac=r.mac, action=r.action, target=r.target, outcome=r.outcome,
            reason=r.reason, params=r.params, prev_hash=r.prev_hash)
    _raw(db, f"UPDATE audit_records SET hash = '{content.digest()}' WHERE seq = {seq}")


def test_intact_trail_verifies(world: World) -> None:
    world.auth(T42).login("zhangsan", PASSWORD)
    result = _verify(world.db)
    assert result.ok, result.describe()
    assert result.count == result.head_seq > 10


def test_the_database_refuses_update_and_delete(world: World) -> None:
    for statement in ("UPDATE audit_records SET actor = 'x' WHERE seq = 1",
                      "DELETE FROM audit_records WHERE seq = 1"):
        with pytest.raises(Exception, match="append-only"), world.db.engine.begin() as conn:
            conn.execute(text(statement))
    assert _verify(world.db).ok


TAMPERING: list[tuple[str, Callable[[Database], None], int, str]] = [
    # (case, tampering, first bad record, problem)
    ("edited actor",
     lambda db: _raw(db, "UPDATE audit_records SET actor = 'someone' WHERE seq = 5"),
     5, "edited"),
    ("edited outcome", lambda db: _raw(db, "UPDATE audit_records SET outcome = CASE outcome "
                                           "WHEN 'ok' THEN 'denied' ELSE 'ok' END WHERE seq = 7"),
     7, "edited"),
    ("edited and re-hashed", lambda db: (
        _raw(db, "UPDATE audit_records SET target = 'other' WHERE seq = 4"), _rehash(db, 4)),
     5, "out_of_chain"),
    ("deleted in the middle", lambda db: _raw(db, "DELETE FROM audit_records WHERE seq = 6"),
     6, "missing"),
    ("deleted first", lambda db: _raw(db, "DELETE FROM audit_records WHERE seq = 1"),
     1, "missing"),
    ("deleted last", lambda db: _raw(db, "DELETE FROM audit_records WHERE seq = "
                                         "(SELECT MAX(seq) FROM audit_records)"),
     -1, "head_mismatch"),
    ("forged row appended", lambda db: _raw(
        db, "INSERT INTO audit_records (seq, at, actor, action, target, outcome, reason, "
            "params, prev_hash, hash) SELECT MAX(seq) + 1, MAX(at), 'forger', 'LOGIN', 'x', "
            f"'ok', 'OK', '{{}}', '{GENESIS_HASH}', '{'f' * 64}' FROM audit_records"),
     0, "head_forged"),
    ("row replaced by a forged one", lambda db: _raw(
        db, "DELETE FROM audit_records WHERE seq = 3",
        "INSERT INTO audit_records (seq, at, actor, action, target, outcome, reason, params, "
        "prev_hash, hash) SELECT 3, at, 'forger', action, target, outcome, reason, params, "
        f"prev_hash, '{'e' * 64}' FROM audit_records WHERE seq = 4"),
     3, "edited"),
]


@pytest.mark.parametrize(("tamper", "bad_seq", "problem"), [c[1:] for c in TAMPERING],
                         ids=[c[0] for c in TAMPERING])
def test_verify_detects_tampering(world: World, tamper, bad_seq, problem, capsys,
                                  tmp_path: Path) -> None:
    world.auth(T42).login("zhangsan", PASSWORD)
    world.auth(T42).login("zhangsan", "wrong")
    before = _verify(world.db)
    assert before.ok
    tamper(world.db)
    result = _verify(world.db)
    assert not result.ok
    assert result.problem == problem
    expected = {-1: before.count, 0: before.count + 1}.get(bad_seq, bad_seq)
    assert result.bad_seq == expected
    # and through the command line, on the centre's host
    code = _server_verify(world, tmp_path)
    err = capsys.readouterr().err
    assert code == 1
    assert f"record #{expected}" in err


def test_cli_verify_intact_exit_0_and_anchor(world: World, capsys, tmp_path: Path) -> None:
    assert _server_verify(world, tmp_path) == 0
    out = capsys.readouterr().out
    assert "intact" in out
    head = _verify(world.db)
    anchor = f"{head.head_seq}:{head.head_hash}"
    world.auth(T42).login("zhangsan", PASSWORD)  # more records after the anchor
    assert _server_verify(world, tmp_path, "--expect", anchor) == 0
    wrong = f"{head.head_seq}:{'a' * 64}"
    assert _server_verify(world, tmp_path, "--expect", wrong) == 1
    assert "anchored" in capsys.readouterr().err
    assert _server_verify(world, tmp_path, "--expect", "nonsense") == 2


def test_records_carry_codes_not_sentences(world: World) -> None:
    world.auth(T42).login("zhangsan", "wrong")
    with world.db.transaction() as s:
        rows = s.execute(text("SELECT action, reason, outcome, params FROM audit_records")).all()
    for action, reason, outcome, params in rows:
        assert action.isupper() and reason.isupper()
        assert outcome in ("ok", "denied")
        assert params.startswith("{")
