"""Each PTZ camera's reference picture at home, on the centre (R10): recorded by an
administrator or installer, compared with the camera's live picture after a return home
through a protocol that reads no position back (GB/T 28181 through the city platform).

- **Recording** (``record``): the camera is sent to its home preset, left to settle, and its
  picture taken on the centre — through the platform's media server for a ``gb28181://``
  camera (``play/start``, as the gateway pulls it) — and kept in ``ptz_home_pictures``
  (grey PNG, 320 wide). One command path: checked (the role; a camera someone steers now
  is refused), done, audited (``PTZ_HOME_PICTURE``); a refusal is registered. The picture
  never leaves the centre: no endpoint returns it.
- **Checking** (``check``, given to the return home as its ``picture_check``): no
  reference, or no picture to be had (platform down, no media URL, a stream that does not
  decode) leaves the return commanded, not verified; otherwise console/ptz/picture.py
  decides. Qt-free."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from console.admin.validation import AdminError
from console.audit.writer import Actor, AuditTrail
from console.catalog.errors import CatalogError
from console.clock import Clock
from console.codes import Action, Reason, Role
from console.command import CommandPath
from console.platforms.streams import platform_stream
from console.platforms.wvp import WvpError
from console.ptz.driver import PtzDriver, PtzError
from console.ptz.endpoint import parse_ptz_address
from console.ptz.homing import PICTURE_SETTLE_S, resolve_home
from console.ptz.model import CameraLink, PictureMatch, ReturnJob
from console.ptz.picture import Frame, decode_reference, encode_reference, judge_picture
from console.ptz.rules import PictureVerdict
from console.storage.database import Database
from console.storage.models import Camera, PtzHomePicture, PtzSession

log = logging.getLogger(__name__)



@dataclass(frozen=True, slots=True)
class HomePictureInfo:
    """What is said about a recorded reference (never the picture itself)."""

    code: str
    home: str
    width: int
    height: int
    taken_at: datetime
    taken_by: str


class HomePictures:
    def __init__(self, db: Database, clock: Clock, play_url: Callable[[str], str],
                 open_driver: Callable[[CameraLink], PtzDriver],
                 grab: Callable[[str], Frame | None] | None = None, *,
                 settle_s: float = PICTURE_SETTLE_S,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._db = db
        self._play_url = play_url
        self._open_driver = open_driver
        self._grab = grab or _grab_frame
        self.settle_s = settle_s
        self._sleep = sleep
        self._commands = CommandPath(db, clock, AuditTrail(clock))

    # -- the picture ---------------------------------------------------------------------

    def frame(self, link: CameraLink) -> Frame | None:
        """The camera's picture now, taken on the centre (None: none to be had)."""
        try:
            endpoint = parse_ptz_address(link.address)
        except ValueError:
            return None
        if endpoint.protocol != "gb28181":
            return None   # cameras that read their position back are verified by it
        try:
            url = self._play_url(platform_stream(endpoint.host, endpoint.path.lstrip("/")))
        except (WvpError, CatalogError) as exc:   # no picture, and the return says so
            log.info("PTZ picture of %s: the platform gave no stream (%s)", link.code,
                     exc.reason)
            return None
        return self._grab(url)

    def reference(self, camera_id: int) -> bytes | None:
        with self._db.transaction() as s:
            return s.execute(select(PtzHomePicture.picture).where(
                PtzHomePicture.camera_id == camera_id)).scalar_one_or_none()

    def check(self, job: ReturnJob) -> PictureMatch:
        """The picture's verdict on a return home (the homing's ``picture_check``)."""
        reference = self.reference(job.camera.camera_id)
        if reference is None:
            return PictureMatch(PictureVerdict.NO_REFERENCE)
        return judge_picture(reference, self.frame(job.camera))

    def info(self, code: str) -> HomePictureInfo | None:
        with self._db.transaction() as s:
            row = s.execute(select(PtzHomePicture).join(
                Camera, Camera.id == PtzHomePicture.camera_id).where(
                Camera.code == code)).scalar_one_or_none()
            if row is None:
                return None
            return HomePictureInfo(code, row.home, row.width, row.height, row.taken_at,
                                   row.taken_by)

    # -- recording -----------------------------------------------------------------------

    def record(self, actor: Actor, code: str) -> HomePictureInfo:
        """Send the camera home, take its picture there and keep it as the reference
        (AdminError, registered, when refused or when no picture could be had)."""
        params: dict[str, Any] = {}
        refusal: AdminError | None = None
        link: CameraLink | None = None
        if not (actor.is_installer or actor.role == Role.ADMINISTRATOR):
            refusal = AdminError("actor", f"{actor.account} may not record a camera's "
                                 "picture at home", Reason.NOT_PERMITTED)
        else:
            try:
                link = self._steerable(code)
            except AdminError as exc:
                refusal = exc
        if refusal is None and link is not None:
            try:
                home, picture = self._take_at_home(link)
            except AdminError as exc:
                refusal = exc
        if refusal is not None or link is None:
            self._commands.run(actor, Action.PTZ_HOME_PICTURE, code, params, _never,
                               refusal=refusal or AdminError("code", "unknown camera",
                                                             Reason.UNKNOWN_CAMERA))
            raise AssertionError("a refused command raises")
        encoded = encode_reference(picture)
        params.update(home=home, bytes=len(encoded))

        def body(s: Session, now: datetime) -> HomePictureInfo:
            height, width = decode_reference(encoded).shape[:2]
            row = s.get(PtzHomePicture, link.camera_id)
            if row is None:
                row = PtzHomePicture(camera_id=link.camera_id)
                s.add(row)
            else:
                params["replaced"] = row.taken_at.isoformat()
            row.picture, row.width, row.height, row.home = encoded, width, height, home
            row.taken_at, row.taken_by = now, actor.account
            params.update(width=width, height=height)
            return HomePictureInfo(code, home, width, height, now, actor.account)

        info: HomePictureInfo = self._commands.run(actor, Action.PTZ_HOME_PICTURE, code,
                                                   params, body)
        return info

    def _steerable(self, code: str) -> CameraLink:
        with self._db.transaction() as s:
            camera = s.execute(select(Camera).where(Camera.code == code)).scalar_one_or_none()
            if camera is None:
                raise AdminError("code", f"unknown camera {code}", Reason.UNKNOWN_CAMERA)
            if not camera.ptz_capable or not camera.ptz_address:
                raise AdminError("code", "the camera cannot be steered (no PTZ control "
                                 "address)", Reason.NOT_STEERABLE)
            held = s.execute(select(PtzSession.actor_name).where(
                PtzSession.lock_camera_id == camera.id)).scalar_one_or_none()
            if held is not None:
                raise AdminError("code", f"{held} steers the camera now (or it is going "
                                 "home): record its picture at home later", Reason.PTZ_HELD)
            return CameraLink(camera.id, camera.code, camera.name, camera.ptz_address,
                              camera.has_credentials, camera.home_preset)

    def _take_at_home(self, link: CameraLink) -> tuple[str, Frame]:
        try:
            driver = self._open_driver(link)
        except PtzError as exc:
            raise AdminError("code", str(exc), Reason.PTZ_CAMERA_ERROR) from None
        try:
            home = resolve_home(driver, link.home_preset)
            driver.stop()
            if home.token is not None:
                driver.goto_preset(home.token)
            else:
                driver.goto_home()
        except PtzError as exc:
            raise AdminError("code", str(exc), Reason.PTZ_CAMERA_ERROR) from None
        finally:
            driver.close()
        self._sleep(self.settle_s)
        picture = self.frame(link)
        if picture is None:
            raise AdminError("code", "no picture could be had from the camera on the centre",
                             Reason.PTZ_NO_PICTURE)
        return home.token or "device home", picture


def _never(_s: Session, _now: datetime) -> None:
    raise AssertionError("a refused command has no body")


def _grab_frame(url: str) -> Frame | None:
    from console.diagnosis.grab import grab_frame  # noqa: PLC0415 - PyAV on the centre only

    return grab_frame(url)
