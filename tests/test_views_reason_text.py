"""Reason codes become sentences at display time, with the details the service gave."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from console.admin.validation import AdminError
from console.api.errors import CentreUnreachable, Refused
from console.codes import Reason
from console.views.reason_text import describe, error_text, local_time_text, role_text
from tests.views_support import prepare_app


@pytest.fixture(autouse=True)
def chinese(qapp):
    prepare_app("zh_CN")
    yield
    prepare_app("zh_CN")


def test_details_are_left_out_when_the_service_did_not_give_them():
    # SESSION_ACTIVE_ELSEWHERE after a lost race carries no details
    assert describe(Reason.SESSION_ACTIVE_ELSEWHERE, {}) == "该账号已在其他终端登录。"
    assert describe(Reason.BAD_PASSWORD) == "密码错误。"


def test_times_are_shown_in_local_time():
    when = datetime(2026, 1, 1, 0, 15, tzinfo=UTC)
    assert local_time_text(when) == when.astimezone().strftime("%Y-%m-%d %H:%M")
    assert local_time_text(when) in describe(Reason.ACCOUNT_LOCKED, {"until": when})


def test_weak_password_names_the_broken_rule():
    assert describe(Reason.PASSWORD_TOO_WEAK, {"rule": "contains_account",
                                                "min_length": 10}) == (
        "新密码强度不足。不得包含账号名。")
    assert describe(Reason.PASSWORD_TOO_WEAK, {"rule": "unknown"}) == "新密码强度不足。"


def test_unknown_codes_still_say_something():
    assert describe("SOMETHING_NEW") == "操作被拒绝（SOMETHING_NEW）。"
    assert role_text("night_watch") == "night_watch"


def test_english_sentences_are_joined_with_a_space():
    prepare_app("en")
    assert describe(Reason.BAD_PASSWORD, {"remaining": 2}) == (
        "Wrong password. 2 more wrong attempt(s) will lock the account.")
    assert role_text("wall_operator") == "Wall operator"


# what failed → what the operator reads (never the exception's own English text)
@pytest.mark.parametrize(("error", "expected"), [
    (Refused(Reason.NOT_PERMITTED, "duty01 may not list users"), "无权执行此操作。"),
    (AdminError("camera", "no camera '3205'", Reason.UNKNOWN_CAMERA), Reason.UNKNOWN_CAMERA),
    (CentreUnreachable("HTTPSConnectionPool(host='10.0.0.1', port=8443): Max retries"),
     Reason.CENTRE_UNREACHABLE),
    (TimeoutError("timed out"), Reason.CENTRE_UNREACHABLE),
    (RuntimeError("KeyError: 'stream'"), "发生意外错误，已记录在控制台日志中。"),
])
def test_a_failure_is_told_in_the_operators_language(error, expected):
    text = error_text(error)
    assert text == (describe(expected) if isinstance(expected, Reason) else expected)
    assert not text.isascii(), text
    assert str(error) not in text
