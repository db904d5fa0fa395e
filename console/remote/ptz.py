"""PTZ control through the centre (R6, R7, R10). The centre holds the camera credentials and
runs each controlled camera's worker; the terminal sends the operator's commands."""

from __future__ import annotations

from console.api.errors import Refused
from console.codes import Reason
from console.ptz.model import EventSink, PtzControl, PtzLease, SessionView, TakeResult
from console.remote.client import CentreClient, parse


class RemotePtz:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def take(self, session_id: str, code: str, *, tile: str = "") -> TakeResult:
        try:
            return parse(TakeResult, self._client.post(
                "/ptz/take", session=session_id, json={"code": code, "tile": tile[:40]}))
        except Refused as refused:
            return TakeResult(False, refused.reason,
                              holder=refused.details.get("holder"))

    def sessions(self, *, open_only: bool = False, faults_only: bool = False,
                 limit: int = 200) -> list[SessionView]:
        return parse(list[SessionView], self._client.get(
            "/ptz/sessions", params={"open_only": open_only, "faults_only": faults_only,
                                     "limit": limit}))

    def holder(self, code: str) -> str | None:
        answer = self._client.get(f"/ptz/cameras/{code}/holder")
        return None if answer.get("holder") is None else str(answer["holder"])

    def open_control(self, session_id: str, lease: PtzLease, on_event: EventSink, *,
                     heartbeat_s: float, idle_s: float, device_return_s: int = 0
                     ) -> PtzControl:
        """The operator's control of the leased camera (its worker runs on the centre)."""
        raise Refused(Reason.NO_SUCH_ENDPOINT, "PTZ control through the centre")
