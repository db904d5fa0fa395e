"""The automatic video diagnosis's state per camera through the centre (issue 14 item 7)."""

from __future__ import annotations

from console.api.diagnosis_wire import DiagnosisRow
from console.remote.client import CentreClient, parse


class RemoteDiagnosis:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def states(self, session_id: str, camera: str | None = None) -> list[DiagnosisRow]:
        params = {"camera": camera} if camera is not None else {}
        return parse(list[DiagnosisRow], self._client.get("/diagnosis", session=session_id,
                                                          params=params))
