"""pytest plugin (registered in tests/conftest.py): loopback ONVIF PTZ cameras (ipycam, run
by ``console.demo.onvif_peer``) in the test's tmp_path, on free ports.

``onvif_peer``: one camera ``cam`` that wants WS-Security credentials and travels to a
preset in ``TRAVEL_S``; an ``OnvifPeer`` (the process, the credentials, the camera's name and
``driver()``). ``onvif_peer_factory(cameras=..., credentials=..., travel_seconds=...,
ignore_goto=...)``: other set-ups, each started and closed after the test."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

from console.catalog.credentials import Credentials
from console.demo.onvif_peer_process import OnvifPeerProcess
from console.ptz.endpoint import PtzEndpoint, parse_ptz_address
from console.ptz.onvif_driver import OnvifDriver

USER = "operator"
PASSWORD = "Peer#Secret-7391"
TRAVEL_S = 0.5
CAMERA = "cam"


@dataclass(frozen=True)
class OnvifPeer:
    process: OnvifPeerProcess
    credentials: Credentials | None
    name: str = CAMERA

    @property
    def address(self) -> str:
        return self.process.address(self.name)

    @property
    def endpoint(self) -> PtzEndpoint:
        return parse_ptz_address(self.address)

    def driver(self, **kwargs: Any) -> OnvifDriver:
        """An ``OnvifDriver`` for the camera, closed after the test; ``credentials=`` (the
        peer's own by default) and the driver's keyword arguments may be given."""
        credentials = kwargs.pop("credentials", self.credentials)
        driver = OnvifDriver(self.endpoint, credentials, **kwargs)
        _DRIVERS.append(driver)
        return driver


_DRIVERS: list[OnvifDriver] = []


class OnvifPeerFactory(Protocol):
    def __call__(self, cameras: Mapping[str, int] | None = None,
                 credentials: Credentials | None = ...,
                 travel_seconds: float = TRAVEL_S,
                 ignore_goto: Sequence[str] = ()) -> OnvifPeer: ...


@pytest.fixture
def onvif_peer_factory(tmp_path: Path) -> Iterator[OnvifPeerFactory]:
    peers: list[OnvifPeerProcess] = []
    counter = itertools.count()
    default = Credentials(USER, PASSWORD)

    def make(cameras: Mapping[str, int] | None = None,
             credentials: Credentials | None = default,
             travel_seconds: float = TRAVEL_S,
             ignore_goto: Sequence[str] = ()) -> OnvifPeer:
        cameras = dict(cameras) if cameras is not None else {CAMERA: 0}
        process = OnvifPeerProcess(
            cameras, tmp_path / f"onvif-peer-{next(counter)}",
            credentials=(credentials.user, credentials.password) if credentials else None,
            travel_seconds=travel_seconds, ignore_goto=ignore_goto)
        peers.append(process)
        process.start()
        return OnvifPeer(process, credentials, next(iter(cameras)))

    yield make
    while _DRIVERS:
        _DRIVERS.pop().close()
    for process in peers:
        process.close()


@pytest.fixture
def onvif_peer(onvif_peer_factory: OnvifPeerFactory) -> OnvifPeer:
    """One authenticated camera ``cam`` at home (0, 0, 0)."""
    return onvif_peer_factory()
