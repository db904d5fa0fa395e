"""Capture programs (R9): the centre's extra entries to look for, and what this console saw —
registered by the centre under the session's person."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from console.capture.detector import Detection
from console.capture.tools import BUILT_IN, CaptureProgram, EntryError, parse_entry
from console.remote.client import CentreClient

log = logging.getLogger(__name__)


class RemoteCaptureTools:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def all_tools(self) -> tuple[CaptureProgram, ...]:
        """The built-in list (shipped with the terminal), then the centre's entries."""
        extra: list[CaptureProgram] = []
        for entry in self._client.get("/capture/tools"):
            try:
                extra.append(parse_entry(str(entry)))
            except EntryError as exc:
                log.error("capture program entry %r unreadable (%s): left out", entry, exc)
        return BUILT_IN + tuple(extra)


class RemoteCaptureRegister:
    def __init__(self, client: CentreClient) -> None:
        self._client = client

    def detected(self, session_id: str, found: Sequence[Detection]) -> None:
        self._client.post("/capture/events", session=session_id,
                          json={"kind": "detected",
                                "programs": [d.as_params() for d in found][:50]})

    def ended(self, session_id: str, tools: Sequence[str]) -> None:
        self._client.post("/capture/events", session=session_id,
                          json={"kind": "ended", "tools": [t[:100] for t in tools][:50]})

    def key_blocked(self, session_id: str, key: str) -> None:
        self._client.post("/capture/events", session=session_id,
                          json={"kind": "key_blocked", "key": key[:60]})
