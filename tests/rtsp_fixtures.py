"""pytest plugin (registered in tests/conftest.py): test clips and the real RTSP server.

``media_clips`` (session): the clips of ``tests.support.rtsp``. ``rtsp_server`` (session):
the RTSP server with ``/clip360``, ``/clip720`` and ``/live``; ``.url(path)``, ``.port``,
``.stop()``, ``.start()`` (same port), ``.pause()``/``.resume()``. A test that stops or pauses
it must start/resume it again; tests that want to kill a server use ``rtsp_server_factory``
for a private one. Skipped, with the reason, when the system python has no GStreamer RTSP
server (tools/bootstrap.sh installs it)."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from console.demo.rtsp_spec import RtspServerProcess, RtspServerUnavailableError
from tests.support.rtsp import MediaClips, generate_clips, standard_mounts


@pytest.fixture(scope="session")
def media_clips(tmp_path_factory: pytest.TempPathFactory) -> MediaClips:
    try:
        return generate_clips(tmp_path_factory.mktemp("clips"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))


def _started(server: RtspServerProcess) -> RtspServerProcess:
    try:
        server.start()
    except RtspServerUnavailableError as exc:
        server.close()
        pytest.skip(str(exc))
    return server


@pytest.fixture(scope="session")
def _shared_rtsp_server(media_clips: MediaClips) -> Iterator[RtspServerProcess]:
    server = _started(RtspServerProcess(standard_mounts(media_clips)))
    yield server
    server.close()


@pytest.fixture
def rtsp_server(_shared_rtsp_server: RtspServerProcess) -> RtspServerProcess:
    """The session's server. A server that crashes starts again by itself
    (``RtspServerProcess``); this covers one a test stopped and, failing, did not start
    again (or one that gave up restarting), so one test does not fail every later one."""
    server = _shared_rtsp_server
    if not server.running:
        warnings.warn(f"the shared RTSP test server had exited; restarting it. Its log: "
                      f"{server._log_tail()}", stacklevel=1)
        server.start()
    return server


@pytest.fixture
def rtsp_server_factory(media_clips: MediaClips) -> Iterator[Callable[[], RtspServerProcess]]:
    """Private servers with the standard mounts, closed after the test."""
    servers: list[RtspServerProcess] = []

    def make() -> RtspServerProcess:
        server = _started(RtspServerProcess(standard_mounts(media_clips)))
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


@pytest.fixture(scope="session")
def clip_dir(media_clips: MediaClips) -> Path:
    return media_clips.clip360.parent
