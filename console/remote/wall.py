"""Wall presets and views on wall outputs, decided and registered by the centre."""

from __future__ import annotations

from console.access.model import SessionGone, ViewResult, ViewTicket
from console.api.errors import Refused
from console.codes import Reason
from console.remote.client import CentreClient, parse
from console.wall.model import PresetInfo
from console.wall.outputs import WALL_ROLES
from console.wall.presets import WallPreset, preset_from_dict, preset_to_dict


class RemoteWall:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    @staticmethod
    def may_drive_wall(role: str) -> bool:
        """Whether to offer the wall at all (the centre checks the role again)."""
        return role in WALL_ROLES

    def save_preset(self, session_id: str, name: str, preset: WallPreset) -> bool:
        answer = self._client.call("PUT", f"/wall/presets/{name}", session=session_id,
                                   json={"preset": preset_to_dict(preset)})
        return bool(answer["replaced"])

    def list_presets(self, session_id: str) -> list[PresetInfo]:
        return parse(list[PresetInfo], self._client.get("/wall/presets", session=session_id))

    def get_preset(self, session_id: str, name: str) -> WallPreset:
        return preset_from_dict(self._client.get(f"/wall/presets/{name}", session=session_id))

    def delete_preset(self, session_id: str, name: str) -> None:
        self._client.call("DELETE", f"/wall/presets/{name}", session=session_id)

    def open_view(self, session_id: str, code: str, purpose: str,
                  output_name: str) -> ViewResult:
        body = {"code": code, "purpose": purpose[:300], "output_name": output_name}
        try:
            ticket = parse(ViewTicket, self._client.post("/wall/views", session=session_id,
                                                         json=body))
        except Refused as refused:
            return ViewResult(False, refused.reason, details=dict(refused.details))
        except SessionGone as gone:
            return ViewResult(False, gone.reason)
        return ViewResult(True, Reason.OK, ticket)
