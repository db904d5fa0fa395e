"""The policy kept for a second (console/settings_store.py): read on nearly every request of
the centre, changed a few times a year."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import delete, insert

from console import settings_store
from console.settings_store import POLICY_TTL_S, load_policy, put_setting
from console.storage.models import Setting
from tests.conftest import INSTALLER, World


class Monotonic:
    def __init__(self) -> None:
        self.now = time.monotonic()

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def ticks(monkeypatch: pytest.MonkeyPatch) -> Monotonic:
    fake = Monotonic()
    monkeypatch.setattr(settings_store, "time", fake)
    return fake


def _lockout_threshold(world: World) -> int:
    with world.db.transaction() as s:
        return load_policy(s).lockout_threshold


def test_a_change_made_here_applies_at_once(world: World, ticks: Monotonic) -> None:
    assert _lockout_threshold(world) == 5
    world.admin.set_policy(INSTALLER, "lockout_threshold", "7")
    assert _lockout_threshold(world) == 7


def test_a_change_made_by_another_instance_applies_within_the_second(
        world: World, ticks: Monotonic) -> None:
    assert _lockout_threshold(world) == 5
    with world.db.engine.begin() as conn:       # another server instance, same database
        conn.execute(delete(Setting).where(Setting.key == "lockout_threshold"))
        conn.execute(insert(Setting).values(key="lockout_threshold", value="9"))
    assert _lockout_threshold(world) in (5, 9)
    ticks.now += POLICY_TTL_S
    assert _lockout_threshold(world) == 9


def test_a_transaction_sees_its_own_change_and_a_rolled_back_one_is_not_kept(
        world: World, ticks: Monotonic) -> None:
    assert _lockout_threshold(world) == 5
    with pytest.raises(RuntimeError), world.db.transaction() as s:
        put_setting(s, "lockout_threshold", "8")
        assert load_policy(s).lockout_threshold == 8
        raise RuntimeError("changed my mind")
    assert _lockout_threshold(world) == 5
