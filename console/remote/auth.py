"""Login, heartbeat, lock and logout, decided by the centre (R1-R3)."""

from __future__ import annotations

from typing import Any

from console.api.errors import KIND_CALLER, CentreUnreachable, Refused
from console.auth.results import (
    Accepted,
    Denied,
    LoginResult,
    SessionInfo,
    SessionStatus,
    UnlockResult,
)
from console.codes import Reason
from console.identity import IdentityProvider, TerminalIdentity
from console.policy import Policy
from console.remote.client import CentreClient, parse


class RemoteAuth:
    def __init__(self, client: CentreClient, identity: IdentityProvider, *,
                 facts: dict[str, str] | None = None) -> None:
        self._client = client
        self._identity = identity
        # what this terminal reports about itself at each login (e.g. the screen-capture
        # exclusion in force, R9); the centre keeps it in the login record
        self.terminal_facts = dict(facts or {})
        self.last_policy: Policy | None = None

    def policy(self) -> Policy:
        return parse(Policy, self._client.get("/policy", needs_session=False))

    def login_policy(self) -> Policy:
        """The policy for the login dialog: the one the last login brought, else the
        centre's; the defaults when the centre refuses this terminal (the dialog then shows
        the refusal, not a password rule)."""
        if self.last_policy is not None:
            return self.last_policy
        try:
            return self.policy()
        except (Refused, CentreUnreachable):
            return Policy()

    def current_identity(self) -> TerminalIdentity:
        """The identity this terminal presents now: the address of the interface that
        reaches the centre, and its MAC (raises IdentityError)."""
        return self._identity.identity()

    def terminal_name_for(self, identity: TerminalIdentity) -> str | None:
        """The name the centre knows this terminal by (None: not enrolled, revoked, or the
        connection does not come from its registered address)."""
        try:
            info = self._client.get("/terminal", needs_session=False)
        except Refused:
            return None
        return str(info["name"])

    def login(self, account: str, password: str, new_password: str | None = None, *,
              kind: str = "console") -> LoginResult:
        body: dict[str, Any] = {"account": account, "password": password,
                                "new_password": new_password, "kind": kind,
                                "version": self._client.version, "facts": self.terminal_facts}
        try:
            reply = self._client.post("/session", json=body, needs_session=False)
        except Refused as refused:
            return Denied(refused.reason, dict(refused.details))
        except CentreUnreachable as exc:
            return Denied(Reason.CENTRE_UNREACHABLE, exc.as_details())
        session = parse(SessionInfo, reply["session"])
        self._client.remember(session.session_id, str(reply["token"]))
        self.last_policy = parse(Policy, reply["policy"])
        return Accepted(session, token="")

    def heartbeat(self, session_id: str, *, views: list[str] | None = None,
                  idle_seconds: float | None = None) -> SessionStatus:
        try:
            answer = self._client.post("/session/heartbeat", session=session_id,
                                       json={"views": list(views or []),
                                             "idle_seconds": idle_seconds})
        except Refused as refused:
            if refused.kind == KIND_CALLER and refused.reason not in (
                    Reason.NOT_AUTHENTICATED, Reason.SESSION_ENDED):
                raise                      # the terminal itself was refused: not an end
            self._client.forget(session_id)
            return SessionStatus(False, refused.reason)
        status = parse(SessionStatus, answer)
        if not status.alive:
            self._client.forget(session_id)
        return status

    def logout(self, session_id: str, reason: Reason = Reason.LOGOUT) -> None:
        try:
            self._client.call("DELETE", "/session", session=session_id)
        finally:
            self._client.forget(session_id)

    def lock_screen(self, session_id: str, reason: Reason = Reason.IDLE) -> None:
        self._client.post("/session/lock", session=session_id,
                          json={"reason": Reason.IDLE if reason == Reason.IDLE
                                else Reason.OK})

    def unlock(self, session_id: str, password: str) -> UnlockResult:
        return self._unlock_call("/session/unlock", session_id, {"password": password})

    def change_password(self, session_id: str, old: str, new: str) -> UnlockResult:
        return self._unlock_call("/session/password", session_id, {"old": old, "new": new})

    def _unlock_call(self, path: str, session_id: str, body: dict[str, str]) -> UnlockResult:
        try:
            return parse(UnlockResult, self._client.post(path, session=session_id, json=body))
        except Refused as refused:
            details = dict(refused.details)
            ended = bool(details.pop("session_ended", False))
            return UnlockResult(False, refused.reason, ended, details)
