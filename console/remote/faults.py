"""Fault reports through the centre (R13): a tile's report, the handlers' list and steps."""

from __future__ import annotations

from console.api.fault_wire import FaultRow
from console.remote.client import CentreClient, parse


class RemoteFaults:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def report(self, session_id: str, camera: str, kind: str, comment: str = "") -> FaultRow:
        return parse(FaultRow, self._client.post("/faults", session=session_id, json={
            "camera": camera, "kind": kind, "comment": comment}))

    def list(self, session_id: str, *, open_only: bool = False) -> list[FaultRow]:
        return parse(list[FaultRow], self._client.get(
            "/faults", session=session_id, params={"open_only": open_only}))

    def step(self, session_id: str, report_id: int, step: str, note: str = "") -> FaultRow:
        return parse(FaultRow, self._client.post(
            f"/faults/{int(report_id)}/step", session=session_id,
            json={"step": step, "note": note}))
