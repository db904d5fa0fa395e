"""PTZ control on the wire (R6, R7, R10): what a terminal sends to take and steer a camera
and what the centre answers. The centre runs the camera's worker (it alone holds the camera
credentials); the terminal sends the operator's commands for its lease, in order, and polls
the worker's events.

Ordering: a terminal numbers its commands for one lease (``seq``, 1, 2, …) and sends them
one at a time from one thread; the centre applies a command only when its number is higher
than the last one applied, so a move delayed in the network can never overtake the stop
sent after it. Keepalives carry no number: they only confirm the held move.

Qt-free and database-free: the terminal imports this module, the server builds its OpenAPI
schema from it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from console.api.wire import Body, CameraCode
from console.codes import Reason
from console.ptz.model import PtzEvent

LeaseId = Annotated[int, Field(ge=1, le=2**31 - 1)]
Seq = Annotated[int, Field(ge=1, le=2**53)]
Axis = Annotated[float, Field(ge=-1.0, le=1.0, allow_inf_nan=False)]

# how long one events request may wait for an event at most (the centre shortens it to a
# third of ptz_stale_seconds, so that a waiting terminal always asks again in time)
MAX_EVENTS_WAIT_S = 10.0

# why a terminal may say it released control (PTZ_CONSOLE_LOST: it lost the centre and
# failed closed); the centre's own reasons — taken over, idle, its terminal silent, camera
# error, grant gone — it decides itself
ReleaseReason = Literal[Reason.PTZ_RELEASED, Reason.PTZ_VIEW_CLOSED, Reason.PTZ_IDLE,
                        Reason.PTZ_CONSOLE_EXIT, Reason.PTZ_CONSOLE_LOST, Reason.LOGOUT,
                        Reason.SESSION_ENDED]
RELEASE_REASONS = frozenset({Reason.PTZ_RELEASED, Reason.PTZ_VIEW_CLOSED, Reason.PTZ_IDLE,
                             Reason.PTZ_CONSOLE_EXIT, Reason.PTZ_CONSOLE_LOST, Reason.LOGOUT,
                             Reason.SESSION_ENDED})

# refusal kinds of the lease commands (console/api/errors.py ``kind``)
KIND_PTZ_ENDED = "ptz_ended"          # control of this lease has ended (reason: why)
KIND_PTZ_ELSEWHERE = "ptz_elsewhere"  # the lease's worker runs on another centre instance


class TakeRequest(Body):
    code: CameraCode
    tile: Annotated[str, Field(max_length=40)] = ""


class MoveCommand(Body):
    """Move at this velocity (generic space, every axis -1..1; all zero is a stop) and keep
    moving while keepalives confirm it (the centre stops it ~0.8 s after the last one)."""

    seq: Seq
    pan: Axis = 0.0
    tilt: Axis = 0.0
    zoom: Axis = 0.0


class StopCommand(Body):
    seq: Seq


class PresetCommand(Body):
    seq: Seq
    token: Annotated[str, Field(min_length=1, max_length=64)]
    name: Annotated[str, Field(max_length=100)] = ""


class ReleaseCommand(Body):
    seq: Seq
    reason: ReleaseReason = Reason.PTZ_RELEASED


class CommandReply(Body):
    applied: bool        # False: an older command than one already applied (ignored)


class EventsReply(Body):
    """The worker's events after the cursor, in order; ``next`` is the cursor to ask with
    next time. ``running``: the worker still runs (false: nothing more will come)."""

    events: list[PtzEvent]
    next: int
    running: bool
    stale_seconds: int   # the centre ends control after this long without a request


class Holder(Body):
    holder: str | None   # who controls the camera now (real name); None: nobody


class HomePicture(Body):
    """A camera's reference picture at home as the centre says it (never the picture: it
    stays on the centre): the preset it was taken at, its size, when and by whom."""

    code: str
    home: str
    width: int
    height: int
    taken_at: datetime
    taken_by: str


class SweepRequest(Body):
    """How long the centre waits for the claimed returns before it answers (0: at once)."""

    wait_seconds: Annotated[float, Field(ge=0, le=600, strict=True)] = 0.0


class SweptReturn(Body):
    session: int
    code: str
    result: str | None = None          # verified / unverified / failed; None: still going
    position: dict[str, float] | None = None
    detail: str = ""


class SweepReply(Body):
    owed: int                          # returns claimed by this sweep
    returns: list[SweptReturn]
