"""Several consoles share one database: concurrent logins and audit writes stay correct."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from console.audit.verify import verify_trail
from console.codes import Reason
from tests.conftest import INSTALLER, PASSWORD, T42, T43, World


def test_two_consoles_racing_for_one_user_one_wins(world: World) -> None:
    """lisi is bound to T-0042 and T-0043; both consoles press Login at the same moment."""
    barrier = threading.Barrier(2)

    def attempt(identity):
        auth = world.auth(identity)
        barrier.wait()
        return auth.login("lisi", PASSWORD)

    for _ in range(5):
        with ThreadPoolExecutor(2) as pool:
            results = list(pool.map(attempt, [T42, T43]))
        winners = [r for r in results if r.ok]
        losers = [r for r in results if not r.ok]
        assert len(winners) == 1, results
        assert losers[0].reason == Reason.SESSION_ACTIVE_ELSEWHERE  # type: ignore[union-attr]
        world.auth(T42).logout(winners[0].session.session_id)  # type: ignore[union-attr]
    with world.db.transaction() as s:
        assert verify_trail(s).ok


def test_concurrent_audit_writers_keep_one_chain(world: World) -> None:
    def work(i: int) -> None:
        identity = T42 if i % 2 else T43
        world.auth(identity).login("zhangsan", "wrong" if i % 3 else PASSWORD)
        world.admin.set_policy(INSTALLER, "idle_lock_minutes", str(5 + i % 5))

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(work, range(30)))
    with world.db.transaction() as s:
        result = verify_trail(s)
    assert result.ok, result.describe()
    assert result.count > 60
