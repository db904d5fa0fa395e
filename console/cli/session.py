"""How a command of ``main.py`` reaches the centre: over this terminal's own mutual-TLS link
(the files ``main.py enroll`` left, default terminal directory or ``--terminal-dir``) or —
this machine not enrolled — the embedded demo centre started for the command and stopped
after it; then logged in as the person running it (``--login ACCOUNT`` or asked; the password
from a prompt or the first line of standard input with ``--login-password-stdin``) as a
``cli`` session, which does not end that person's console session. The centre decides by the
person's role what the command may do, exactly as for the desk, and registers it; the
session ends when the command does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from console.access.model import SessionGone
from console.admin.validation import AdminError
from console.api.errors import CentreUnreachable
from console.auth.results import Denied
from console.cli.errors import CliFailedError, CliUsageError
from console.codes import Reason
from console.identity import IdentityError, TerminalIdentity
from console.install import NOT_ENROLLED, centre_installed
from console.remote.admin import RemoteAdmin
from console.remote.auth import RemoteAuth
from console.remote.catalog import RemoteCatalog
from console.remote.client import CentreClient


@dataclass
class CentreLink:
    """A connection to a centre as one of its terminals; ``stop`` closes it (and stops an
    embedded centre started for the command)."""

    client: CentreClient
    stop: Callable[[], None]
    where: str


@dataclass
class CentreSession:
    """A person's ``cli`` session on the centre."""

    link: CentreLink
    auth: RemoteAuth
    session_id: str
    account: str
    admin: RemoteAdmin
    catalog: RemoteCatalog

    @property
    def client(self) -> CentreClient:
        return self.link.client


@dataclass(frozen=True)
class Credentials:
    account: str
    password: str


# what a refused login means, for the one line on stderr
_LOGIN_REFUSALS = {
    Reason.UNKNOWN_ACCOUNT: "unknown account or wrong password",
    Reason.BAD_PASSWORD: "unknown account or wrong password",
    Reason.ACCOUNT_LOCKED: "the account is locked after repeated failures",
    Reason.USER_DISABLED: "the account is disabled",
    Reason.TERMINAL_NOT_BOUND: "the account may not log in from this terminal "
                               "('main.py admin bind ACCOUNT TERMINAL')",
    Reason.TERMINAL_NOT_REGISTERED: "this machine is not a registered terminal of the centre",
    Reason.SESSION_ACTIVE_ELSEWHERE: "the account has a live session on another terminal",
    Reason.PASSWORD_TOO_WEAK: "the new password is too weak",
    Reason.PASSWORD_REUSED: "the new password was used before",
    Reason.VERSION_TOO_OLD: "this terminal's software is older than the centre allows",
    Reason.TERMINAL_REVOKED: "this terminal's enrolment was revoked ('main.py enroll' with a "
                             "new code from an administrator)",
    Reason.CERTIFICATE_UNKNOWN: "the centre knows no terminal with this certificate (enrol "
                                "again)",
    Reason.WRONG_SOURCE_IP: "the request does not come from this terminal's registered IP",
    Reason.WRONG_MAC: "this machine's MAC is not the terminal's registered MAC",
}
_MUST_CHANGE = (Reason.PASSWORD_CHANGE_REQUIRED, Reason.PASSWORD_EXPIRED)


def connect_terminal(terminal_dir: Path | None) -> CentreLink:
    """This machine's link to its centre: the enrolled terminal's files in ``terminal_dir``
    (default: the user's terminal directory), or, when this machine is not enrolled and no
    directory was named, the embedded demo centre (started now; ``stop`` stops it)."""
    from console.identity import DetectedIdentity  # noqa: PLC0415
    from console.remote.terminal_files import (  # noqa: PLC0415
        TerminalFiles,
        TerminalFilesError,
        default_terminal_dir,
    )

    files = TerminalFiles(terminal_dir or default_terminal_dir())
    if files.enrolled() or terminal_dir is not None:
        try:
            files.check()
            url = files.centre_url()
        except TerminalFilesError as exc:
            raise CliFailedError(f"error: {exc}") from None
        try:
            mac = DetectedIdentity(urlsplit(url).hostname).identity().mac
        except IdentityError as exc:
            raise CliFailedError(f"error: terminal identity: {exc}") from None
        client = CentreClient(url, mac=mac, cert=(files.cert, files.key), ca=files.ca)
        return CentreLink(client, client.close, f"centre {url}")
    if not centre_installed():
        raise CliFailedError(f"error: {NOT_ENROLLED}")
    from console.embedded import EmbeddedError, start_embedded  # noqa: PLC0415

    try:
        embedded = start_embedded()
    except EmbeddedError as exc:
        raise CliFailedError(f"error: {exc}") from None
    return CentreLink(embedded.client, embedded.stop,
                      f"the embedded demo centre {embedded.client.base_url}")


def log_in(link: CentreLink, credentials: Credentials,
           ask_new_password: Callable[[str], str] | None) -> CentreSession:
    """A ``cli`` session of ``credentials.account``; a password that must be changed first
    is changed when ``ask_new_password`` may ask for the new one (a terminal), otherwise the
    login is refused. Raises ``CliFailedError`` with the one line to show."""
    auth = RemoteAuth(link.client, _NoIdentity())
    account = credentials.account
    result = auth.login(account, credentials.password, kind="cli")
    if isinstance(result, Denied) and result.reason in _MUST_CHANGE:
        if ask_new_password is None:
            raise CliFailedError(f"error: login as {account} refused ({result.reason}): the "
                             "password must be changed first: log in on the console, or run "
                             "the command on a terminal to be asked for a new one")
        new = ask_new_password(account)
        result = auth.login(account, credentials.password, new_password=new, kind="cli")
    if isinstance(result, Denied):
        if result.reason == Reason.CENTRE_UNREACHABLE:
            raise CliFailedError(f"error: {result.details.get('error') or 'centre unreachable'}")
        text = _LOGIN_REFUSALS.get(result.reason, "refused")
        seen = {k: result.details[k] for k in ("ip", "mac") if k in result.details}
        if seen and result.reason in (Reason.WRONG_SOURCE_IP, Reason.WRONG_MAC):
            text += f" (the centre saw {seen.get('ip', '?')} / {seen.get('mac', '?')})"
        raise CliFailedError(f"error: login as {account} refused ({result.reason}): {text}")
    session_id = result.session.session_id
    return CentreSession(link=link, auth=auth, session_id=session_id, account=account,
                         admin=RemoteAdmin(link.client, session_id),
                         catalog=RemoteCatalog(link.client))


def log_out(session: CentreSession) -> None:
    """End the ``cli`` session (quietly: the command's outcome is already decided)."""
    with contextlib.suppress(AdminError, SessionGone, CentreUnreachable):
        session.auth.logout(session.session_id)


def ask_new_password(ask_secret: Callable[[str], str]) -> Callable[[str], str]:
    """Asks twice on the terminal for the new password of an account."""
    def ask(account: str) -> str:
        first = ask_secret(f"{account} must change the password; new password: ")
        if ask_secret("the new password again: ") != first:
            raise CliUsageError("error: the two new passwords differ; nothing changed")
        return first
    return ask


class _NoIdentity:
    """The login's identity is the one the centre establishes for the connection (source
    address, certificate, MAC header); the terminal is never asked here."""

    def identity(self) -> TerminalIdentity:  # pragma: no cover - never called on login
        raise IdentityError("the centre establishes this terminal's identity")
