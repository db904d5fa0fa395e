"""The services a running console uses, built once by main.py (the composition root)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from console.access.service import AccessService
from console.admin.service import AdminService
from console.auth.service import AuthService
from console.capture.exclusion import CaptureExcluder, excluder_for_platform
from console.capture.register import CaptureRegister
from console.capture.service import CaptureToolService
from console.catalog.service import CatalogService
from console.clock import Clock
from console.grants.service import GrantService
from console.identity import IdentityProvider
from console.live.state import LiveTuning
from console.passwords import PasswordHashing
from console.privacy.service import PrivacyService
from console.ptz.connect import camera_driver
from console.ptz.driver import PtzDriver
from console.ptz.service import CameraLink, PtzService
from console.secrets import SecretStore
from console.storage.database import Database
from console.wall.service import WallService


@dataclass(frozen=True)
class Services:
    db: Database
    clock: Clock
    auth: AuthService
    admin: AdminService
    grants: GrantService
    access: AccessService
    catalog: CatalogService
    privacy: PrivacyService
    wall: WallService
    ptz: PtzService
    ptz_driver: Callable[[CameraLink], PtzDriver]  # opens a camera's PTZ (keyring creds)
    # R9: this OS's screen-capture exclusion for video windows (console/capture/exclusion.py)
    capture_excluder: CaptureExcluder = field(default_factory=excluder_for_platform)
    capture_tools: CaptureToolService | None = None   # the programs to detect (built + extra)
    capture_register: CaptureRegister | None = None   # detections and blocked keys audited
    language: str | None = None  # "zh_CN", "en" or None (choose from config/system locale)
    is_demo: bool = False        # embedded demo database: the login dialog lists demo accounts
    tuning: LiveTuning = field(default_factory=LiveTuning)  # this terminal (config file)

    @classmethod
    def build(cls, db: Database, clock: Clock, hashing: PasswordHashing,
              identity: IdentityProvider, *, admin: AdminService | None = None,
              secrets: SecretStore | None = None, language: str | None = None,
              is_demo: bool = False, tuning: LiveTuning | None = None) -> Services:
        secrets = secrets or SecretStore()
        access = AccessService(db, clock, secrets)
        excluder = excluder_for_platform()
        auth = AuthService(db, clock, hashing, identity,  # the level goes with every login
                           terminal_facts={"capture_exclusion": str(excluder.level)})
        return cls(db=db, clock=clock, auth=auth, capture_excluder=excluder,
                   capture_tools=CaptureToolService(db, clock),
                   capture_register=CaptureRegister(db, clock),
                   admin=admin or AdminService(db, clock, hashing),
                   grants=GrantService(db, clock), access=access,
                   catalog=CatalogService(db, clock, secrets),
                   privacy=PrivacyService(db, clock), wall=WallService(db, clock, access),
                   ptz=PtzService(db, clock), ptz_driver=camera_driver(secrets),
                   language=language, is_demo=is_demo, tuning=tuning or LiveTuning())
