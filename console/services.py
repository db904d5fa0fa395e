"""The services a running console uses, built once by main.py (the composition root).

Every one of them is the centre's: the terminal reaches it through the centre's API
(console/remote/) over mutual TLS. The terminal holds no database, no grant data and no
camera credential; a refusal comes back as the exception the centre's service raised, so the
views handle it as they always did."""

from __future__ import annotations

from dataclasses import dataclass, field

from console.capture.exclusion import CaptureExcluder, excluder_for_platform
from console.clock import Clock, SystemClock
from console.identity import IdentityProvider
from console.live.state import LiveTuning
from console.remote.access import RemoteAccess
from console.remote.auth import RemoteAuth
from console.remote.capture import RemoteCaptureRegister, RemoteCaptureTools
from console.remote.catalog import RemoteCatalog
from console.remote.client import CentreClient
from console.remote.diagnosis import RemoteDiagnosis
from console.remote.directory import RemoteDirectory
from console.remote.duty import RemoteDuty
from console.remote.faults import RemoteFaults
from console.remote.grants import RemoteGrants
from console.remote.online import RemoteOnlineRates
from console.remote.privacy import RemotePrivacy
from console.remote.ptz import RemotePtz
from console.remote.register import RemoteRegister
from console.remote.wall import RemoteWall


@dataclass(frozen=True)
class Services:
    client: CentreClient
    clock: Clock
    auth: RemoteAuth
    access: RemoteAccess
    privacy: RemotePrivacy
    wall: RemoteWall
    ptz: RemotePtz
    grants: RemoteGrants
    catalog: RemoteCatalog
    admin: RemoteDirectory
    capture_tools: RemoteCaptureTools
    capture_register: RemoteCaptureRegister
    register: RemoteRegister
    faults: RemoteFaults
    duty: RemoteDuty
    online_rates: RemoteOnlineRates
    diagnosis: RemoteDiagnosis
    # R9: this OS's screen-capture exclusion for video windows (console/capture/exclusion.py)
    capture_excluder: CaptureExcluder = field(default_factory=excluder_for_platform)
    language: str | None = None  # "zh_CN", "en" or None (choose from config/system locale)
    is_demo: bool = False        # the embedded demo centre: the login dialog lists demo accounts
    tuning: LiveTuning = field(default_factory=LiveTuning)  # this terminal (config file)

    @classmethod
    def connect(cls, client: CentreClient, identity: IdentityProvider, *,
                clock: Clock | None = None, language: str | None = None,
                is_demo: bool = False, tuning: LiveTuning | None = None,
                excluder: CaptureExcluder | None = None) -> Services:
        excluder = excluder or excluder_for_platform()
        # the capture exclusion level goes with every login (R9), and the centre keeps it
        auth = RemoteAuth(client, identity, facts={"capture_exclusion": str(excluder.level)})
        return cls(client=client, clock=clock or SystemClock(), auth=auth,
                   access=RemoteAccess(client), privacy=RemotePrivacy(client),
                   wall=RemoteWall(client), ptz=RemotePtz(client),
                   grants=RemoteGrants(client), catalog=RemoteCatalog(client),
                   admin=RemoteDirectory(client),
                   capture_tools=RemoteCaptureTools(client),
                   capture_register=RemoteCaptureRegister(client),
                   register=RemoteRegister(client), faults=RemoteFaults(client),
                   duty=RemoteDuty(client),
                   online_rates=RemoteOnlineRates(client),
                   diagnosis=RemoteDiagnosis(client),
                   capture_excluder=excluder, language=language, is_demo=is_demo,
                   tuning=tuning or LiveTuning())
