"""Sentences for the codes the core returns: reason codes (console/codes.py), password-rule
details and roles. The sources are English and marked with QT_TRANSLATE_NOOP; they are
translated when displayed, so a language switch needs no restart and data stays codes."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from PySide6.QtCore import QCoreApplication

from console.admin.validation import AdminError
from console.api.errors import CentreUnreachable, Unreachable
from console.codes import Reason, Role

_CONTEXT = "ReasonText"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Marks ``source`` for lupdate; returns it untranslated (typed, unlike PySide6's)."""
    return source


# What happened, one sentence per code.
REASON_TEXTS: dict[Reason, str] = {
    Reason.OK: QT_TRANSLATE_NOOP("ReasonText", "Done."),
    Reason.TERMINAL_NOT_REGISTERED: QT_TRANSLATE_NOOP(
        "ReasonText", "This computer is not a registered terminal."),
    Reason.TERMINAL_NOT_BOUND: QT_TRANSLATE_NOOP(
        "ReasonText", "This account is not authorised to log in from this terminal."),
    Reason.IDENTITY_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "ReasonText",
        "The network identity (IP and MAC address) of this computer cannot be determined."),
    Reason.UNKNOWN_ACCOUNT: QT_TRANSLATE_NOOP("ReasonText", "Wrong account or password."),
    Reason.BAD_PASSWORD: QT_TRANSLATE_NOOP("ReasonText", "Wrong password."),
    Reason.ACCOUNT_LOCKED: QT_TRANSLATE_NOOP(
        "ReasonText", "The account is locked after repeated wrong passwords."),
    Reason.USER_DISABLED: QT_TRANSLATE_NOOP(
        "ReasonText",
        "This account has been disabled. Contact the system administrator if in doubt."),
    Reason.PASSWORD_CHANGE_REQUIRED: QT_TRANSLATE_NOOP(
        "ReasonText",
        "The password must be changed before first use (or after it was reset)."),
    Reason.PASSWORD_EXPIRED: QT_TRANSLATE_NOOP(
        "ReasonText", "The password has expired and must be changed."),
    Reason.PASSWORD_TOO_WEAK: QT_TRANSLATE_NOOP("ReasonText", "The new password is too weak."),
    Reason.PASSWORD_REUSED: QT_TRANSLATE_NOOP(
        "ReasonText", "The new password must differ from the current one."),
    Reason.SESSION_ACTIVE_ELSEWHERE: QT_TRANSLATE_NOOP(
        "ReasonText", "This account is already logged in on another terminal."),
    Reason.SESSION_STALE: QT_TRANSLATE_NOOP(
        "ReasonText", "The session was ended because this console stopped responding."),
    Reason.SESSION_ENDED: QT_TRANSLATE_NOOP("ReasonText", "The session has ended."),
    Reason.SUPERSEDED_ON_SAME_TERMINAL: QT_TRANSLATE_NOOP(
        "ReasonText", "The session was replaced by a new login on this terminal."),
    Reason.LOGOUT: QT_TRANSLATE_NOOP("ReasonText", "Logged out."),
    Reason.IDLE: QT_TRANSLATE_NOOP("ReasonText", "Locked after a period without input."),
    Reason.ENDED_BY_ADMIN: QT_TRANSLATE_NOOP(
        "ReasonText", "The session was ended by the system administrator."),
    Reason.NOT_PERMITTED: QT_TRANSLATE_NOOP("ReasonText", "You are not permitted to do this."),
    Reason.OTHER_UNIT: QT_TRANSLATE_NOOP(
        "ReasonText", "This belongs to another unit: a supervisor handles the grants of their "
                      "own unit only."),
    Reason.INVALID_INPUT: QT_TRANSLATE_NOOP("ReasonText", "The input is not valid."),
    Reason.DUPLICATE: QT_TRANSLATE_NOOP("ReasonText", "This record already exists."),
    Reason.NOT_FOUND: QT_TRANSLATE_NOOP("ReasonText", "The record was not found."),
    Reason.DEMO_TERMINAL_MOVED: QT_TRANSLATE_NOOP(
        "ReasonText", "The demo terminal now uses this computer's network identity."),
    Reason.IMPORT_REJECTED: QT_TRANSLATE_NOOP(
        "ReasonText", "The catalogue file was rejected; nothing was imported."),
    Reason.UNKNOWN_CAMERA: QT_TRANSLATE_NOOP(
        "ReasonText", "This monitoring point is not in the catalogue."),
    Reason.NOT_SHARED: QT_TRANSLATE_NOOP(
        "ReasonText", "This monitoring point is not shared outside its owner unit."),
    Reason.NO_GRANT: QT_TRANSLATE_NOOP(
        "ReasonText", "You hold no grant for this monitoring point."),
    Reason.GRANT_EXPIRED: QT_TRANSLATE_NOOP(
        "ReasonText", "The grant for this monitoring point has expired."),
    Reason.GRANT_NOT_YET_VALID: QT_TRANSLATE_NOOP(
        "ReasonText", "The grant for this monitoring point is not valid yet."),
    Reason.GRANT_REVOKED: QT_TRANSLATE_NOOP(
        "ReasonText", "The grant for this monitoring point was revoked."),
    Reason.PURPOSE_REQUIRED: QT_TRANSLATE_NOOP(
        "ReasonText", "A purpose must be given to open this monitoring point."),
    Reason.VIEW_CLOSED: QT_TRANSLATE_NOOP("ReasonText", "The view was closed."),
    Reason.NO_STREAM: QT_TRANSLATE_NOOP(
        "ReasonText", "This monitoring point has no stream address in the catalogue."),
    Reason.UNSUPPORTED_CODEC: QT_TRANSLATE_NOOP(
        "ReasonText", "The camera sends video in a format the centre does not relay "
        "(only H.264 and H.265)."),
    Reason.LAYOUT_CHANGED: QT_TRANSLATE_NOOP(
        "ReasonText", "The view was closed because the layout has fewer tiles."),
    Reason.WALL_SCREEN_REMOVED: QT_TRANSLATE_NOOP(
        "ReasonText", "The view was closed because its wall screen was disconnected."),
    Reason.NOT_STEERABLE: QT_TRANSLATE_NOOP(
        "ReasonText", "This camera cannot be steered from the console (not a PTZ camera, or "
                      "no PTZ control address in the catalogue)."),
    Reason.PTZ_HELD: QT_TRANSLATE_NOOP(
        "ReasonText", "Another operator of the same or a higher priority controls this "
                      "camera."),
    Reason.PTZ_RETURNING: QT_TRANSLATE_NOOP(
        "ReasonText", "The camera is returning to its home position; try again in a "
                      "moment."),
    Reason.PTZ_RELEASED: QT_TRANSLATE_NOOP("ReasonText", "PTZ control was released."),
    Reason.PTZ_TAKEN_OVER: QT_TRANSLATE_NOOP(
        "ReasonText", "PTZ control was taken over by an operator with a higher priority."),
    Reason.PTZ_MOVED_ELSEWHERE: QT_TRANSLATE_NOOP(
        "ReasonText", "PTZ control moved to another view of the same operator."),
    Reason.PTZ_IDLE: QT_TRANSLATE_NOOP(
        "ReasonText", "PTZ control ended after a while without a command."),
    Reason.PTZ_VIEW_CLOSED: QT_TRANSLATE_NOOP(
        "ReasonText", "PTZ control ended because its view was closed."),
    Reason.PTZ_CONSOLE_LOST: QT_TRANSLATE_NOOP(
        "ReasonText", "The console controlling the camera stopped answering; another "
                      "console sent the camera home."),
    Reason.PTZ_CONSOLE_EXIT: QT_TRANSLATE_NOOP(
        "ReasonText", "PTZ control ended because the console was closed."),
    Reason.PTZ_CAMERA_ERROR: QT_TRANSLATE_NOOP(
        "ReasonText", "The camera did not answer the PTZ command or refused it."),
    Reason.PTZ_NOT_AT_HOME: QT_TRANSLATE_NOOP(
        "ReasonText", "The camera was sent home, but its picture does not match its "
                      "reference picture at home."),
    Reason.PTZ_NO_PICTURE: QT_TRANSLATE_NOOP(
        "ReasonText", "No picture could be had from the camera."),
    Reason.SESSION_LOCKED: QT_TRANSLATE_NOOP(
        "ReasonText", "The console is locked; unlock it with your password first."),
    Reason.NO_CLIENT_CERTIFICATE: QT_TRANSLATE_NOOP(
        "ReasonText", "This computer is not an enrolled terminal of the centre."),
    Reason.CERTIFICATE_UNKNOWN: QT_TRANSLATE_NOOP(
        "ReasonText",
        "The centre does not know this terminal's certificate (it was enrolled again "
        "elsewhere, or the centre was reinstalled)."),
    Reason.TERMINAL_REVOKED: QT_TRANSLATE_NOOP(
        "ReasonText", "The centre has revoked this terminal's enrolment."),
    Reason.WRONG_SOURCE_IP: QT_TRANSLATE_NOOP(
        "ReasonText",
        "The centre sees this terminal connect from an address that is not its registered "
        "IP address."),
    Reason.WRONG_MAC: QT_TRANSLATE_NOOP(
        "ReasonText", "The MAC address of this computer is not the terminal's registered one."),
    Reason.SESSION_OF_ANOTHER_TERMINAL: QT_TRANSLATE_NOOP(
        "ReasonText", "This session belongs to another terminal."),
    Reason.NOT_AUTHENTICATED: QT_TRANSLATE_NOOP("ReasonText", "Log in first."),
    Reason.ENROLMENT_CODE_INVALID: QT_TRANSLATE_NOOP(
        "ReasonText", "The enrolment code is unknown, used, expired or mistyped."),
    Reason.VERSION_TOO_OLD: QT_TRANSLATE_NOOP(
        "ReasonText", "This terminal's software is older than the centre allows."),
    Reason.BODY_TOO_LARGE: QT_TRANSLATE_NOOP("ReasonText", "The request is too large."),
    Reason.NO_SUCH_ENDPOINT: QT_TRANSLATE_NOOP(
        "ReasonText", "The centre does not offer this function (check the versions)."),
    Reason.SERVER_ERROR: QT_TRANSLATE_NOOP(
        "ReasonText", "The centre failed to carry this out; it has logged the error."),
    Reason.VIEW_LEASE_LOST: QT_TRANSLATE_NOOP(
        "ReasonText", "The view was closed because this console stopped confirming it."),
    Reason.VIEW_UNKNOWN: QT_TRANSLATE_NOOP("ReasonText", "The centre knows no such view."),
    Reason.CENTRE_UNREACHABLE: QT_TRANSLATE_NOOP("ReasonText", "The centre cannot be reached."),
    Reason.SHIFT_LOCKED: QT_TRANSLATE_NOOP(
        "ReasonText", "The shift was approved by its supervisor and is locked: nothing can be "
                      "added or corrected."),
    Reason.NOT_ON_SHIFT: QT_TRANSLATE_NOOP(
        "ReasonText", "You are not on this shift's duty roster."),
    Reason.PLATFORM_NOT_CONFIGURED: QT_TRANSLATE_NOOP(
        "ReasonText", "No city video platform is set up on the centre."),
    Reason.PLATFORM_UNREACHABLE: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform cannot be reached."),
    Reason.PLATFORM_SLOW: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform did not answer in time."),
    Reason.PLATFORM_MALFORMED: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform gave an answer that cannot be read."),
    Reason.PLATFORM_LOGIN_FAILED: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform refused the centre's account."),
    Reason.PLATFORM_DEVICE_TIMEOUT: QT_TRANSLATE_NOOP(
        "ReasonText", "The device did not answer the city video platform in time."),
    Reason.PLATFORM_FAILED: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform could not carry this out."),
    Reason.PLATFORM_BAD_REQUEST: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform refused the request."),
    Reason.PLATFORM_NOT_FOUND: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform does not know this device or channel."),
    Reason.PLATFORM_ERROR: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform reported an internal error."),
    Reason.PLATFORM_NO_MEDIA_URL: QT_TRANSLATE_NOOP(
        "ReasonText", "The city video platform gave no stream address for this camera."),
}

# What to do about it; shown only when the service supplied every named detail.
DETAIL_TEXTS: dict[Reason, str] = {
    Reason.TERMINAL_NOT_REGISTERED: QT_TRANSLATE_NOOP(
        "ReasonText",
        "Give its IP address {ip} and MAC address {mac} to the system administrator "
        "to have it registered."),
    Reason.TERMINAL_NOT_BOUND: QT_TRANSLATE_NOOP(
        "ReasonText",
        "Terminal: {terminal}. Ask the system administrator to bind the account to it."),
    Reason.IDENTITY_UNAVAILABLE: QT_TRANSLATE_NOOP(
        "ReasonText", "Check the network connection. ({error})"),
    Reason.NO_CLIENT_CERTIFICATE: QT_TRANSLATE_NOOP(
        "ReasonText",
        "Give its IP address {ip} and MAC address {mac} to the system administrator to "
        "have it registered, then enrol it with the code you receive."),
    Reason.CERTIFICATE_UNKNOWN: QT_TRANSLATE_NOOP(
        "ReasonText", "Ask the system administrator for a new enrolment code."),
    Reason.TERMINAL_REVOKED: QT_TRANSLATE_NOOP(
        "ReasonText", "Ask the system administrator why, and for a new enrolment code."),
    Reason.WRONG_SOURCE_IP: QT_TRANSLATE_NOOP(
        "ReasonText", "It connects from {ip}. Ask the system administrator to check the "
                      "registration."),
    Reason.WRONG_MAC: QT_TRANSLATE_NOOP(
        "ReasonText", "It reports {mac}. Ask the system administrator to check the "
                      "registration."),
    Reason.VERSION_TOO_OLD: QT_TRANSLATE_NOOP(
        "ReasonText",
        "This terminal runs version {version}; the centre needs {minimum} or later. Ask "
        "the installer to update it."),
    Reason.BAD_PASSWORD: QT_TRANSLATE_NOOP(
        "ReasonText", "{remaining} more wrong attempt(s) will lock the account."),
    Reason.ACCOUNT_LOCKED: QT_TRANSLATE_NOOP(
        "ReasonText",
        "Try again after {until}, or ask the system administrator to reset the password."),
    Reason.SESSION_ACTIVE_ELSEWHERE: QT_TRANSLATE_NOOP(
        "ReasonText",
        "The live session is on terminal {terminal} ({ip}), logged in at {since}. "
        "Log out there first."),
    Reason.GRANT_EXPIRED: QT_TRANSLATE_NOOP("ReasonText", "It ended at {until}."),
    Reason.GRANT_NOT_YET_VALID: QT_TRANSLATE_NOOP("ReasonText", "It starts at {valid_from}."),
    Reason.GRANT_REVOKED: QT_TRANSLATE_NOOP("ReasonText", "Revoked at {revoked_at}."),
}

# A second detail, for codes that carry one (shown only when the service gave it).
FURTHER_DETAIL_TEXTS: dict[Reason, str] = {
    Reason.GRANT_REVOKED: QT_TRANSLATE_NOOP("ReasonText", "Reason given: {revoke_reason}"),
}

# The password rule the service found broken (PASSWORD_TOO_WEAK, details["rule"]).
PASSWORD_RULE_TEXTS: dict[str, str] = {
    "too_short": QT_TRANSLATE_NOOP("ReasonText", "It needs at least {min_length} characters."),
    "classes": QT_TRANSLATE_NOOP(
        "ReasonText",
        "It must use three of: lower-case letters, upper-case letters, digits, symbols."),
    "contains_account": QT_TRANSLATE_NOOP(
        "ReasonText", "It must not contain the account name."),
}

ROLE_TEXTS: dict[Role, str] = {
    Role.DUTY_OFFICER: QT_TRANSLATE_NOOP("ReasonText", "Duty officer"),
    Role.WALL_OPERATOR: QT_TRANSLATE_NOOP("ReasonText", "Wall operator"),
    Role.SUPERVISOR: QT_TRANSLATE_NOOP("ReasonText", "Supervisor"),
    Role.ADMINISTRATOR: QT_TRANSLATE_NOOP("ReasonText", "Administrator"),
}

_UNKNOWN_REASON = QT_TRANSLATE_NOOP("ReasonText", "Refused ({code}).")
_UNEXPECTED = QT_TRANSLATE_NOOP(
    "ReasonText", "An unexpected error occurred; it is written to the console's log.")

# Why the centre could not be reached (CentreUnreachable.cause), and what to check.
UNREACHABLE_TEXTS: dict[Unreachable, str] = {
    Unreachable.REFUSED: QT_TRANSLATE_NOOP(
        "ReasonText",
        "Nothing answers at {address}: the centre server is not running there, or a "
        "firewall refuses the connection."),
    Unreachable.TIMEOUT: QT_TRANSLATE_NOOP(
        "ReasonText",
        "{address} did not answer in time: check the network and that the centre server "
        "is running."),
    Unreachable.TLS: QT_TRANSLATE_NOOP(
        "ReasonText",
        "The secure connection to {address} failed: the centre or this terminal is not "
        "the enrolled one. Ask the system administrator."),
    Unreachable.NOT_API: QT_TRANSLATE_NOOP(
        "ReasonText",
        "{address} answered, but not as the centre: check the centre address this "
        "terminal was enrolled with."),
    Unreachable.NETWORK: QT_TRANSLATE_NOOP(
        "ReasonText", "The network to {address} failed: check the connection."),
}

_log = logging.getLogger(__name__)


def _tr(source: str) -> str:
    return QCoreApplication.translate(_CONTEXT, source)


def local_time_text(when: datetime) -> str:
    """A moment as the operator reads it: local time, to the minute."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


def _detail_values(details: Mapping[str, Any]) -> dict[str, str]:
    return {
        key: local_time_text(value) if isinstance(value, datetime) else str(value)
        for key, value in details.items() if value is not None
    }


def _format(source: str, values: Mapping[str, str]) -> str | None:
    try:
        text = _tr(source).format_map(_Strict(values))
    except (KeyError, IndexError, ValueError):
        return None  # a detail the service did not supply: leave the sentence out
    return text


class _Strict(dict[str, str]):
    """Detail values where an empty or missing one leaves its sentence out."""

    def __getitem__(self, key: str) -> str:
        value = super().__getitem__(key)
        if not value:
            raise KeyError(key)
        return value


def describe(reason: Reason | str, details: Mapping[str, Any] | None = None) -> str:
    """The translated sentence(s) for ``reason`` and the details the service returned."""
    values = _detail_values(details or {})
    try:
        code = Reason(reason)
    except ValueError:
        return _tr(_UNKNOWN_REASON).format(code=reason)
    main = REASON_TEXTS.get(code)
    parts = [_tr(main) if main else _tr(_UNKNOWN_REASON).format(code=code.value)]
    for texts in (DETAIL_TEXTS, FURTHER_DETAIL_TEXTS):
        detail = texts.get(code)
        if detail is not None and (text := _format(detail, values)):
            parts.append(text)
    if code == Reason.CENTRE_UNREACHABLE:
        try:
            why = UNREACHABLE_TEXTS[Unreachable(values.get("cause", ""))]
        except ValueError:
            why = None
        if why is not None and (text := _format(why, values)):
            parts.append(text)
    if code == Reason.PASSWORD_TOO_WEAK:
        rule = PASSWORD_RULE_TEXTS.get(values.get("rule", ""))
        if rule is not None and (text := _format(rule, values)):
            parts.append(text)
    return _join(parts)


def error_text(error: BaseException) -> str:
    """The operator's sentence for a failed call: a refusal by its reason code, a lost
    centre as such; anything else as an unexpected error whose own (English, technical)
    text goes to the log, not to the screen."""
    reason = getattr(error, "reason", None)
    if reason is not None:
        return describe(reason, getattr(error, "details", None))
    if isinstance(error, CentreUnreachable):
        _log.info("centre unreachable: %s", error)
        return describe(Reason.CENTRE_UNREACHABLE, error.as_details())
    if isinstance(error, ConnectionError | TimeoutError):
        return describe(Reason.CENTRE_UNREACHABLE)
    _log.warning("unexpected error shown to the operator: %r", error)
    return _tr(_UNEXPECTED)


def refusal_text(error: BaseException) -> str:
    """For the administration dialogs: a refusal's sentence and the centre's own line
    naming the field; otherwise as ``error_text``."""
    if isinstance(error, AdminError):
        return f"{describe(error.reason)}\n{error}"
    return error_text(error)


def _join(parts: list[str]) -> str:
    # Chinese sentences end in full-width punctuation and take no space; English ones do.
    out = ""
    for part in parts:
        if out and out[-1].isascii():
            out += " "
        out += part
    return out


def role_text(role: str) -> str:
    try:
        return _tr(ROLE_TEXTS[Role(role)])
    except (KeyError, ValueError):
        return role
