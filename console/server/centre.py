"""The centre server's composition: the one process that holds the database (and its
password), the camera and platform credentials, the CA and the audit chain. The API
(console/server/app.py) exposes these services; nothing on a terminal builds them."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass, field

from console.access.service import AccessService
from console.access.stamps import Stamper
from console.admin.service import AdminService
from console.auth.service import AuthService
from console.capture.register import CaptureRegister
from console.capture.service import CaptureToolService
from console.catalog.platform_sync import PlatformSyncService
from console.catalog.service import CatalogService
from console.clock import Clock
from console.diagnosis.service import DiagnosisService
from console.diagnosis.states import DiagnosisStates
from console.duty.service import DutyService
from console.faults.service import FaultService
from console.gateway.health import NodeHealth
from console.gateway.routes import GatewayNode, GatewayRoutes
from console.grants.service import GrantService
from console.identity import StaticIdentity
from console.online.service import OnlineRateService
from console.passwords import PasswordHashing
from console.pki import CertificateAuthority
from console.privacy.service import PrivacyService
from console.ptz.connect import camera_driver
from console.ptz.home_picture import HomePictures
from console.ptz.service import PtzService
from console.secrets import SecretStorage
from console.server.data_dir import DataDir
from console.server.enrolment import EnrolmentService
from console.server.ptz_control import PtzControls
from console.storage.database import Database
from console.wall.service import WallService


def instance_name() -> str:
    """How this server instance signs the work it claims (scheduled jobs, PTZ returns)."""
    return f"{socket.gethostname()[:40]}#{os.getpid()}"


@dataclass
class Centre:
    db: Database
    clock: Clock
    hashing: PasswordHashing
    secrets: SecretStorage
    ca: CertificateAuthority
    auth: AuthService
    admin: AdminService
    grants: GrantService
    access: AccessService
    catalog: CatalogService
    privacy: PrivacyService
    wall: WallService
    ptz: PtzService
    capture_tools: CaptureToolService
    capture_register: CaptureRegister
    enrolment: EnrolmentService
    instance: str = field(default_factory=instance_name)
    # the lowest terminal version the centre lets log in (below it: VERSION_TOO_OLD)
    minimum_terminal_version: str = "0"
    # the server's data directory: the audit checkpoints' public key for verification
    # through the API (None: the chain alone is checked)
    data_dir: DataDir | None = None
    # the PTZ workers of the cameras steered through this instance (their drivers use the
    # camera credentials in ``secrets``)
    ptz_controls: PtzControls = field(init=False)
    # fault reports on cameras (R13)
    faults: FaultService = field(init=False)
    # duty roster, on-duty log, handover and review (R12)
    duty: DutyService = field(init=False)
    # the catalogue and online state from the city platform (WVP), with its account from
    # ``secrets``
    platform: PlatformSyncService = field(init=False)
    # online rates per unit and region (issue 14 item 9)
    online_rates: OnlineRateService = field(init=False)
    # automatic video diagnosis (issue 14 item 7): run by the "video_diagnosis" job
    diagnosis: DiagnosisService = field(init=False)
    # its state per camera, read by supervisors and administrators
    diagnosis_states: DiagnosisStates = field(init=False)
    # PTZ cameras' reference pictures at home: a return through WVP verified by picture
    home_pictures: HomePictures = field(init=False)
    # the media gateway nodes' heartbeats: written by the instance hosting a node, read by
    # every instance choosing a camera's node (console/gateway/health.py)
    gateway_health: NodeHealth | None = None

    def __post_init__(self) -> None:
        if self.gateway_health is None:
            self.gateway_health = NodeHealth(self.db)
        self.faults = FaultService(self.db, self.clock)
        self.duty = DutyService(self.db, self.clock)
        self.platform = PlatformSyncService(self.db, self.clock, self.secrets)
        self.access.platform_streams = self.platform.play_url
        self.access.platform_release = self.platform.stop_play
        self.diagnosis = DiagnosisService(self.db, self.clock, self.secrets, self.faults)
        self.online_rates = OnlineRateService(self.db, self.clock)
        self.diagnosis_states = DiagnosisStates(self.db, self.clock)
        self.home_pictures = HomePictures(self.db, self.clock, self.platform.play_url,
                                          camera_driver(self.secrets))
        self.ptz_controls = PtzControls(self.db, self.clock, self.ptz,
                                        camera_driver(self.secrets), self.instance,
                                        picture_check=self.home_pictures.check)

    @classmethod
    def build(cls, db: Database, clock: Clock, secrets: SecretStorage,
              ca: CertificateAuthority, *, hashing: PasswordHashing | None = None,
              instance: str | None = None, data_dir: DataDir | None = None,
              gateway_nodes: tuple[GatewayNode, ...] = ()) -> Centre:
        """With ``gateway_nodes`` terminals get each view's stream through those media
        gateway nodes (console/gateway/); without, the camera's own address (direct)."""
        hashing = hashing or PasswordHashing()
        # recheck stamps keyed from the data directory: every instance of this centre
        # accepts the others' (console/access/stamps.py); the gateway credentials likewise
        key_file = data_dir.signing_key if data_dir else None
        stamper = Stamper.from_key_file(key_file)
        health = NodeHealth(db)
        gateway = GatewayRoutes.from_key_file(gateway_nodes, key_file, health.alive) \
            if gateway_nodes else None
        access = AccessService(db, clock, secrets, stamper=stamper, gateway=gateway)
        # The identity of a login is always the one the server established for the
        # connection (console/server/caller.py); this provider is never asked.
        nobody = StaticIdentity("0.0.0.0", "00:00:00:00:00:00")  # noqa: S104 - not a bind
        admin = AdminService(db, clock, hashing)
        return cls(
            db=db, clock=clock, hashing=hashing, secrets=secrets, ca=ca,
            auth=AuthService(db, clock, hashing, nobody), admin=admin,
            grants=GrantService(db, clock), access=access,
            catalog=CatalogService(db, clock, secrets), privacy=PrivacyService(db, clock),
            wall=WallService(db, clock, access), ptz=PtzService(db, clock),
            capture_tools=CaptureToolService(db, clock),
            capture_register=CaptureRegister(db, clock),
            enrolment=EnrolmentService(db, clock, ca),
            instance=instance or instance_name(), data_dir=data_dir, gateway_health=health)
