"""The permitted catalogue and the views, decided and registered by the centre (R5-R8, R11,
R14, R15). The terminal names a view by its id; the centre keeps everything else."""

from __future__ import annotations

from typing import Any

from console.access.model import (
    CameraDetails,
    CameraEntry,
    PermittedCatalogue,
    SessionGone,
    ViewClosed,
    ViewResult,
    ViewTicket,
)
from console.api import catalogue_wire
from console.api.errors import Refused, revive_details
from console.api.wire import OpenedView, RecheckReply, StreamRefusal, ViewStream
from console.codes import Reason, Right
from console.live.state import StreamKind, StreamSource
from console.privacy.masks import Polygon
from console.remote.client import CentreClient, parse
from console.remote.privacy import polygons_of


class RemoteAccess:
    def __init__(self, client: CentreClient) -> None:
        self._client = client
        # the last recheck's stamp, by session: sent back, it lets the centre answer "nothing
        # closed" without reading the views while nothing changed (console/access/stamps.py)
        self._stamps: dict[str, str] = {}

    def revision(self) -> str:
        return str(self._client.get("/catalogue/revision")["revision"])

    def snapshot(self, session_id: str) -> PermittedCatalogue:
        return catalogue_wire.decode(self._client.get("/catalogue", session=session_id))

    def details(self, session_id: str, entry: CameraEntry) -> CameraEntry:
        try:
            found = self._client.get(f"/cameras/{entry.id}/details", session=session_id)
        except Refused as refused:
            if refused.reason == Reason.UNKNOWN_CAMERA:
                return entry
            raise
        return parse(CameraDetails, found).applied_to(entry)

    def open_view(self, session_id: str, code: str, purpose: str, *,
                  right: Right = Right.LIVE, output: str = "desk",
                  stream: StreamKind | None = None) -> ViewResult:
        """Open a view; with ``stream``, its stream of that kind and the masks over it come
        back in the same answer (``ViewResult.stream``, ``masks``)."""
        body: dict[str, Any] = {"code": code, "purpose": purpose[:300], "right": str(right),
                                "output": output}
        if stream is not None:
            body["stream"] = str(stream)
        try:
            answer = self._client.post("/views", session=session_id, json=body)
        except Refused as refused:
            return ViewResult(False, refused.reason, details=dict(refused.details))
        except SessionGone as gone:
            return ViewResult(False, gone.reason)
        if stream is None:
            return ViewResult(True, Reason.OK, parse(ViewTicket, answer))
        opened = parse(OpenedView, answer)
        if opened.stream is None:
            return ViewResult(True, Reason.OK, opened.ticket)
        masks = polygons_of([[list(p) for p in m] for m in opened.stream.masks])
        return ViewResult(True, Reason.OK, opened.ticket, stream=opened.stream.source,
                          masks=masks)

    def close_view(self, session_id: str, ticket: ViewTicket,
                   reason: Reason = Reason.VIEW_CLOSED, *, stream: StreamKind | None = None,
                   ) -> None:
        body = {"reason": str(reason), "stream": str(stream) if stream else None}
        try:
            self._client.post(f"/views/{ticket.id}/close", session=session_id, json=body)
        except SessionGone:
            return      # the session ended: the centre closed its views with it

    def stream_source(self, session_id: str, ticket: ViewTicket,
                      kind: StreamKind) -> StreamSource:
        return self.stream_with_masks(session_id, ticket, kind)[0]

    def stream_with_masks(self, session_id: str, ticket: ViewTicket, kind: StreamKind
                          ) -> tuple[StreamSource, tuple[Polygon, ...]]:
        """The view's stream and the masks to draw over it (one request)."""
        answer = parse(ViewStream, self._client.get(
            f"/views/{ticket.id}/stream", session=session_id, params={"kind": str(kind)}))
        return answer.source, polygons_of([[list(p) for p in m] for m in answer.masks])

    def stream_refusal(self, session_id: str, ticket: ViewTicket) -> Reason | None:
        """Why the gateway last refused the view its stream (None: it did not)."""
        return parse(StreamRefusal, self._client.get(f"/views/{ticket.id}/refusal",
                                                     session=session_id)).reason

    def recheck(self, session_id: str, tickets: list[ViewTicket]) -> list[ViewClosed]:
        if not tickets:
            return []
        mine = {t.id: t for t in tickets}
        body: dict[str, Any] = {"views": list(mine)}
        stamp = self._stamps.get(session_id)
        if stamp is not None:
            body["stamp"] = stamp
        try:
            answer = parse(RecheckReply, self._client.post("/views/recheck",
                                                           session=session_id, json=body))
        except SessionGone as gone:
            self._stamps.pop(session_id, None)
            return [ViewClosed(t, gone.reason) for t in tickets]
        if answer.stamp is None:
            self._stamps.pop(session_id, None)
        else:
            self._stamps = {session_id: answer.stamp}       # one session at a time
        closed = answer.closed
        # hand back the views' own tickets (the tiles compare them)
        return [ViewClosed(mine.get(c.ticket.id, c.ticket), c.reason,
                           revive_details(c.details)) for c in closed]
