"""Privacy masks (R14): read for what a session shows, and set by an administrator over the
live picture; the centre checks the role and registers every change."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from console.privacy.masks import Polygon
from console.remote.client import CentreClient


class RemotePrivacy:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def masks_for(self, session_id: str, camera_code: str) -> tuple[Polygon, ...]:
        answer = self._client.get(f"/privacy/masks/{camera_code}", session=session_id)
        return polygons_of(answer["masks"].get(camera_code, []))

    def all_masks_for(self, session_id: str) -> dict[str, tuple[Polygon, ...]]:
        answer = self._client.get("/privacy/masks", session=session_id)
        return {code: polygons_of(found) for code, found in answer["masks"].items()}

    def set_masks(self, session_id: str, camera_code: str,
                  polygons: Sequence[Iterable[Any]]) -> tuple[Polygon, ...]:
        body = {"polygons": [[list(point) for point in polygon] for polygon in polygons]}
        answer = self._client.call("PUT", f"/privacy/masks/{camera_code}",
                                   session=session_id, json=body)
        return polygons_of(answer["masks"].get(camera_code, []))

    def clear_masks(self, session_id: str, camera_code: str) -> None:
        self._client.call("DELETE", f"/privacy/masks/{camera_code}", session=session_id)


def polygons_of(data: list[list[list[float]]]) -> tuple[Polygon, ...]:
    return tuple(tuple((float(x), float(y)) for x, y in polygon) for polygon in data)
