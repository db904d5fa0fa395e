"""What the watermark says (R8): the person, the terminal and IP, the local time to the second
and the session code — pinned exactly for given inputs, odd ones included. No Qt."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from console.auth.results import SessionInfo
from console.identity import TerminalIdentity
from console.policy import BOUNDS, Policy, PolicyError
from console.watermark import (
    WatermarkIdentity,
    WatermarkSpec,
    WatermarkStyle,
    watermark_spec,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
AT = datetime(2026, 11, 21, 8, 0, 0, tzinfo=SHANGHAI)
ZHANG = WatermarkIdentity("张三", "duty01", "值班终端-01", "10.0.0.5", "ABC123")
STYLE = WatermarkStyle(opacity_percent=22, size_percent=4)


@pytest.mark.parametrize(("identity", "now", "lines"), [
    (ZHANG, AT,
     ("张三 (duty01)", "值班终端-01 10.0.0.5", "2026-11-21 08:00:00", "会话 ABC123")),
    # the time is local (here Shanghai) whatever zone the clock reports in
    (ZHANG, datetime(2026, 11, 21, 0, 0, 0, 999_999, tzinfo=UTC),
     ("张三 (duty01)", "值班终端-01 10.0.0.5", "2026-11-21 08:00:00", "会话 ABC123")),
    # no real name: the account alone; no account: the name alone; neither: "-"
    (replace(ZHANG, real_name=""), AT,
     ("duty01", "值班终端-01 10.0.0.5", "2026-11-21 08:00:00", "会话 ABC123")),
    (replace(ZHANG, real_name="  ", account=""), AT,
     ("-", "值班终端-01 10.0.0.5", "2026-11-21 08:00:00", "会话 ABC123")),
    (replace(ZHANG, account=""), AT,
     ("张三", "值班终端-01 10.0.0.5", "2026-11-21 08:00:00", "会话 ABC123")),
    # long values are cut with an ellipsis; the account keeps more room than the name
    (replace(ZHANG, real_name="阿卜杜热合曼·买买提艾力·吐尔逊阿依古丽", account="a" * 40,
             terminal_name="指挥大厅A区第二排靠窗第十二号席位值班终端（备用机二）"), AT,
     ("阿卜杜热合曼·买买提艾力·吐尔… (" + "a" * 31 + "…)",
      "指挥大厅A区第二排靠窗第十二号席位值班终端（备… 10.0.0.5", "2026-11-21 08:00:00",
      "会话 ABC123")),
    # IPv6 in its compressed form; IPv4 normalised; junk kept as text
    (replace(ZHANG, ip="2001:0db8:0000:0000:0000:ff00:0042:8329"), AT,
     ("张三 (duty01)", "值班终端-01 2001:db8::ff00:42:8329", "2026-11-21 08:00:00",
      "会话 ABC123")),
    (replace(ZHANG, ip="fe80::1%eth0"), AT,
     ("张三 (duty01)", "值班终端-01 fe80::1%eth0", "2026-11-21 08:00:00", "会话 ABC123")),
    (replace(ZHANG, ip="", terminal_name="", session_code=""), AT,
     ("张三 (duty01)", "- -", "2026-11-21 08:00:00", "会话 -")),
    # control characters and line breaks never break the layout
    (replace(ZHANG, real_name="张\n三\t", terminal_name="T-0042\r\n"), AT,
     ("张 三 (duty01)", "T-0042 10.0.0.5", "2026-11-21 08:00:00", "会话 ABC123")),
])
def test_lines(identity: WatermarkIdentity, now: datetime, lines: tuple[str, ...]) -> None:
    spec = watermark_spec(identity, STYLE, now, tz=SHANGHAI)
    assert spec.lines == lines
    assert (spec.opacity, spec.size_percent, spec.angle) == (0.22, 4, -30.0)


@pytest.mark.parametrize(("label", "last"), [
    ("会话", "会话 ABC123"), ("Session", "Session ABC123"), ("", "ABC123"),
])
def test_the_session_label_is_passed_in(label: str, last: str) -> None:
    assert watermark_spec(ZHANG, STYLE, AT, tz=SHANGHAI, session_label=label).lines[-1] == last


@pytest.mark.parametrize(("first", "second", "same"), [
    (AT, AT + timedelta(microseconds=999_999), True),
    (AT + timedelta(microseconds=999_999), AT + timedelta(seconds=1), False),
    (AT, AT + timedelta(seconds=1), False),
    (AT, AT.astimezone(UTC), True),
])
def test_content_changes_exactly_when_the_second_changes(first: datetime, second: datetime,
                                                         same: bool) -> None:
    one = watermark_spec(ZHANG, STYLE, first, tz=SHANGHAI)
    two = watermark_spec(ZHANG, STYLE, second, tz=SHANGHAI)
    assert (one == two) is same
    assert len({one, two}) == (1 if same else 2)      # hashable: a cache key


def test_default_zone_is_the_terminals_local_time() -> None:
    local = AT.astimezone()
    assert watermark_spec(ZHANG, STYLE, AT).lines[2] == local.strftime("%Y-%m-%d %H:%M:%S")


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        watermark_spec(ZHANG, STYLE, datetime(2026, 11, 21, 8, 0, 0))


def test_identity_from_the_session() -> None:
    info = SessionInfo(session_id="0" * 36, code="K7Q2ZD", user_id=1, account="zhangsan",
                       real_name="张三", role="duty_officer", unit_code="CENTRE",
                       unit_name="市城运中心", terminal_name="T-0042", terminal_location="",
                       identity=TerminalIdentity("127.0.0.42", "00:1a:2b:3c:4d:42"),
                       started_at=AT)
    assert WatermarkIdentity.from_session(info) == WatermarkIdentity(
        "张三", "zhangsan", "T-0042", "127.0.0.42", "K7Q2ZD")


def test_style_from_the_policy_and_its_bounds() -> None:
    assert WatermarkStyle.from_policy(Policy()) == WatermarkStyle(30, 4)   # was 22
    assert WatermarkStyle.from_policy(Policy(watermark_opacity_percent=60,
                                             watermark_size_percent=10)).opacity_percent == 60
    assert (BOUNDS["watermark_opacity_percent"].low, BOUNDS["watermark_size_percent"].low) \
        == (12, 2)


@pytest.mark.parametrize(("key", "value"), [
    ("watermark_opacity_percent", "0"), ("watermark_opacity_percent", "11"),
    ("watermark_opacity_percent", "61"), ("watermark_size_percent", "1"),
    ("watermark_size_percent", "11"), ("watermark_size_percent", "four"),
])
def test_the_policy_cannot_switch_the_watermark_off(key: str, value: str) -> None:
    with pytest.raises(PolicyError, match=key):
        Policy().with_value(key, value)


@pytest.mark.parametrize(("opacity", "size"), [(0, 4), (11, 4), (61, 4), (22, 1), (22, 11)])
def test_a_style_outside_the_bounds_is_refused(opacity: int, size: int) -> None:
    with pytest.raises(ValueError, match="outside"):
        WatermarkStyle(opacity, size)


def test_spec_checks_itself() -> None:
    with pytest.raises(ValueError, match="opacity"):
        WatermarkSpec(("x",), opacity=0.0, size_percent=4)
    with pytest.raises(ValueError, match="line"):
        WatermarkSpec((), opacity=0.2, size_percent=4)
    assert {WatermarkSpec(("x",), 0.2, 4), WatermarkSpec(("x",), 0.2, 4)} == {
        WatermarkSpec(("x",), 0.2, 4)}


def test_the_views_make_the_watermark_once_per_second_of_the_clock() -> None:
    """Every painted picture asks for the watermark; it is made once per clock second and
    follows the clock (a fixed clock advanced by a second gives the next second's text)."""
    from datetime import UTC, datetime, timedelta

    from console.auth.results import SessionInfo
    from console.clock import FixedClock
    from console.identity import TerminalIdentity
    from console.policy import Policy
    from console.views.watermark_source import clock_text_provider, watermark_provider

    clock = FixedClock(datetime(2026, 11, 21, 8, 0, 0, 200_000, tzinfo=UTC))
    session = SessionInfo(
        session_id="s", code="ABC123", user_id=1, account="zhangsan", real_name="张三",
        role="duty_officer", unit_code="U", unit_name="单位", terminal_name="T-0042",
        terminal_location="", identity=TerminalIdentity("127.0.0.42", "00:1a:2b:3c:4d:42"),
        started_at=clock.now())
    spec, clock_text = watermark_provider(session, Policy(), clock), clock_text_provider(clock)
    first = spec()
    assert spec() is first                      # the same second: made once
    clock.advance(timedelta(milliseconds=700))  # 08:00:00.9, still the same second
    assert spec() is first
    text = clock_text()
    clock.advance(timedelta(milliseconds=200))  # 08:00:01.1
    assert spec() is not first and spec().lines[2] != first.lines[2]
    assert clock_text() != text
