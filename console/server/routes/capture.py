"""The capture-program list's administration through the centre (``main.py capture …``,
R9): add and remove the centre's extra entries, checked (administrators) and audited by
CaptureToolService. Reading the list is the desk's (GET /capture/tools: every console
needs it); ``capture scan`` runs on the terminal."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from console.api.admin_wire import CaptureEntry, CaptureEntryReply
from console.server.deps import CentreDep, SessionDep, actor_of

router = APIRouter(prefix="/capture", tags=["capture"])

_REFUSED: dict[int | str, dict[str, Any]] = {403: {"description": "refused (the body says why)"}}


@router.post("/tools", status_code=201, responses=_REFUSED)
def add_tool(body: CaptureEntry, caller: SessionDep, centre: CentreDep) -> CaptureEntryReply:
    """Look for one more program; the answer is the entry as stored (canonical form)."""
    added = centre.capture_tools.add(actor_of(centre, caller), body.entry)
    return CaptureEntryReply(entry=added.entry)


@router.post("/tools/remove", responses=_REFUSED)
def remove_tool(body: CaptureEntry, caller: SessionDep, centre: CentreDep) -> CaptureEntryReply:
    """Take an extra entry off the list (given as listed, or by the program's name); the
    answer is the entry removed."""
    return CaptureEntryReply(entry=centre.capture_tools.remove(actor_of(centre, caller),
                                                               body.entry))
