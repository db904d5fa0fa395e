"""A platform dome whose picture follows its PTZ, for the tests of returns verified by
picture: the WVP peer with one NVR and one dome (presets 1 看守位, 2 路口, 4 远景 at known
places) and the platform's media server — the loopback RTSP server's PTZ mount, a window
onto a panorama that the peer's preset calls move. Import the fixtures by their function
names (``wvp_fixture``, ``dome_media_fixture``, ``panorama_fixture``); tests ask for them as
``wvp``, ``dome_media`` and ``panorama``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from console.demo.panorama import ensure_panorama
from console.demo.rtsp_spec import PtzMount, RtspServerProcess, RtspServerUnavailableError
from tests.support.wvp_peer import Channel, WvpPeer, camera_code

NVR = "34020000001180000001"
DOME = camera_code("32050801", 1)
PANORAMA_CODE = "32050801011328000001"
HOME = (0.0, 0.0, 0.0)
CROSSING = (0.55, -0.15, 0.4)          # preset 2: 路口 (another view of the same dome)
FAR = (0.1, 0.35, 0.0)                 # preset 4: 远景


@pytest.fixture(scope="module", name="panorama")
def panorama_fixture(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_panorama(PANORAMA_CODE, tmp_path_factory.mktemp("panoramas"))


@pytest.fixture(scope="module", name="dome_media")
def dome_media_fixture(panorama: Path, tmp_path_factory: pytest.TempPathFactory
                       ) -> Iterator[tuple[Path, RtspServerProcess]]:
    """The platform's media server serving the dome's picture (a PTZ mount) and the state
    file that points it."""
    state = tmp_path_factory.mktemp("dome") / "state.json"
    server = RtspServerProcess([PtzMount("/rtp", 640, 360, 25, "云台 PTZ", str(panorama),
                                         str(state))])
    try:
        server.start()
    except RtspServerUnavailableError as exc:
        server.close()
        pytest.skip(str(exc))
    yield state, server
    server.close()


@pytest.fixture(name="wvp")
def wvp_fixture() -> Iterator[WvpPeer]:
    with WvpPeer() as peer:
        peer.add_device(NVR, "平江 NVR", [Channel(DOME, "平江路口球机", "32050801",
                                                  ptz_type=1)])
        peer.presets[DOME] = [(1, "看守位"), (2, "路口"), (4, "远景")]
        peer.preset_positions[DOME] = {1: HOME, 2: CROSSING, 4: FAR}
        yield peer
